"""Grading one quiz answer (from ``kpo_course/content/data/quizzes``) into a :class:`Verdict`.

Answers by kind: single → an option id; multiple → a collection of option ids;
truefalse → a bool; categorise → a dict item id → group id; numeric → a number
(text with a decimal comma, as Swedish learners write it, is accepted too).

>>> from kpo_course.content import load
>>> q = load().quizzes["01"].questions[0]
>>> grade(q, None).correct
False
"""
from __future__ import annotations

from typing import Any, Iterable

from ..content import Question
from .kinds import Verdict, as_number, number, say


def _nothing() -> Verdict:
    return Verdict(False, say("Choose an answer first.", "Välj ett svar först."), {"reason": "unanswered"})


def _single(question: Question, answer: Any) -> Verdict:
    options = {o.id: o for o in question.options}
    if answer not in options:
        return _nothing()
    chosen = options[answer]
    return Verdict(chosen.correct, chosen.feedback, {"chosen": chosen.id})


def _as_ids(answer: Any) -> set[str] | None:
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        return None
    try:
        return {a for a in answer if isinstance(a, str)}
    except Exception:
        return None


def _join(texts: list[dict]) -> dict[str, str]:
    return {lang: " ".join(t[lang] for t in texts) for lang in ("en", "sv")}


def _multiple(question: Question, answer: Any) -> Verdict:
    chosen = _as_ids(answer)
    if not chosen:
        return _nothing()
    right = {o.id for o in question.options if o.correct}
    wrong_picks = [o for o in question.options if o.id in chosen and not o.correct]
    missed = [o for o in question.options if o.correct and o.id not in chosen]
    if not wrong_picks and not missed:
        return Verdict(True, _join([o.feedback for o in question.options if o.correct]), {"chosen": sorted(chosen)})
    parts = [o.feedback for o in wrong_picks]
    if missed:
        parts.append(say(f"You missed {len(missed)} right option(s).",
                         f"Du missade {len(missed)} rätt alternativ."))
    return Verdict(False, _join(parts), {"wrong": [o.id for o in wrong_picks], "missed": [o.id for o in missed],
                                         "right": sorted(right)})


def _truefalse(question: Question, answer: Any) -> Verdict:
    if not isinstance(answer, bool):
        return _nothing()
    return Verdict(answer == question.answer, question.feedback_true if answer else question.feedback_false,
                   {"chosen": answer})


def _categorise(question: Question, answer: Any) -> Verdict:
    if not isinstance(answer, dict):
        return _nothing()
    groups = {g.id for g in question.groups}
    unsorted = [i for i in question.items if answer.get(i.id) not in groups]
    if unsorted:
        return Verdict(False, say(f"Sort every item: {len(unsorted)} still without a group.",
                                  f"Sortera alla: {len(unsorted)} saknar fortfarande grupp."),
                       {"reason": "unanswered", "unsorted": [i.id for i in unsorted]})
    wrong = [i for i in question.items if answer[i.id] != i.group]
    if not wrong:
        return Verdict(True, say("All sorted correctly.", "Allt rätt sorterat."), {"wrong": []})
    lead = say(f"{len(wrong)} of {len(question.items)} in the wrong group.",
               f"{len(wrong)} av {len(question.items)} i fel grupp.")
    return Verdict(False, _join([lead, *[i.feedback for i in wrong]]), {"wrong": [i.id for i in wrong]})


def parse_number(answer: Any) -> float | None:
    """A number from a number or from text such as ``"1,43"``, ``" 20 "`` or ``"0.25"``."""
    if isinstance(answer, str):
        text = answer.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            return as_number(float(text))
        except ValueError:
            return None
    return as_number(answer)


def _numeric(question: Question, answer: Any) -> Verdict:
    if isinstance(answer, str) and not answer.strip():
        return _nothing()
    value = parse_number(answer)
    if value is None:
        return Verdict(False, say("Type a number, e.g. 0.25 or 0,25.", "Skriv ett tal, t.ex. 0,25 eller 0.25."),
                       {"reason": "not_a_number"})
    checker = number(
        float(question.answer), float(question.tolerance or 0.0),
        right=question.feedback_correct,
        common_wrong=[(c.value, c.feedback) for c in question.common_wrong],
    )
    verdict = checker(value)
    if not verdict.correct and verdict.result.get("reason") != "common_wrong":
        return Verdict(False, question.feedback_wrong, verdict.result)
    return verdict


_GRADERS = {"single": _single, "multiple": _multiple, "truefalse": _truefalse,
            "categorise": _categorise, "numeric": _numeric}


def grade(question: Question, answer: Any) -> Verdict:
    """Grade ``answer`` to a quiz ``question``; never raises, never accepts a wrong answer."""
    try:
        return _GRADERS[question.kind](question, answer)
    except Exception as error:
        return Verdict(False, say(f"This answer could not be checked ({type(error).__name__}).",
                                  f"Svaret kunde inte kontrolleras ({type(error).__name__})."),
                       {"reason": "checker_error"})
