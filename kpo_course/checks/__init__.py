"""Instant feedback on exercise answers: ``kpo.check("00.q1", answer)``.

Each exercise has a module ``exNN.py`` here that lists its questions. ``check`` never
raises on a learner's answer: ``...`` means "not answered yet", a wrong type gets a
message. Under nbgrader's autograder (``NBGRADER_EXECUTION`` is set) a check that is
not correct raises ``AssertionError`` with its message, so nbgrader scores the cell zero.

>>> check("00.q1", ...).correct is None
True
>>> "00.q1" in question_ids()
True
"""
from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Mapping

from .. import progress
from ..i18n import localize, tr
from . import cells
from .errors import advice
from .feedback import Feedback
from .kinds import Checker, Text, Verdict, say, shown

__all__ = ["Feedback", "Question", "check", "not_run", "question_ids", "question", "questions", "reset_session"]


@dataclass(frozen=True)
class Question:
    """One auto-checked exercise question."""

    id: str
    checker: Checker
    hint: Text
    claims: tuple[str, ...] = ()
    points: float = 1.0
    kind: str = "value"  # judgement | pandas | calculation | chart | value
    extra: Mapping[str, Any] = field(default_factory=dict)
    worked: Text | None = None  # the worked answer, shown only after a right answer or the second miss

    @property
    def exercise(self) -> str:
        return self.id.split(".", 1)[0]


def collector(questions: list[Question]) -> Callable[..., None]:
    """``_question = collector(QUESTIONS)``: each exercise module declares its questions with it.

    >>> found = []; collector(found)(id="99.q1", checker=print, hint={"en": "", "sv": ""}); found[0].exercise
    '99'
    """

    def declare(**fields: Any) -> None:
        questions.append(Question(**fields))

    return declare


@lru_cache(maxsize=1)
def _registry() -> dict[str, Question]:
    found: dict[str, Question] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("ex") and info.name[2:].isdigit():
            module = importlib.import_module(f"{__name__}.{info.name}")
            for item in module.QUESTIONS:
                if item.id in found:
                    raise RuntimeError(f"Question id {item.id!r} is defined twice ({info.name}).")
                found[item.id] = item
    return found


def question_ids() -> list[str]:
    """Every exercise question id, in order: ``['00.q1', '00.q2', ...]``."""
    return list(_registry())


def question(question_id: str) -> Question:
    """The :class:`Question` with this id (KeyError if unknown)."""
    return _registry()[question_id]


def questions(exercise: str | None = None) -> list[Question]:
    """All questions, or those of one exercise (``questions("00")``)."""
    return [q for q in _registry().values() if exercise is None or q.exercise == exercise]


_misses: Counter[str] = Counter()


def reset_session() -> None:
    """Start afresh in this Python session: every question's miss count forgotten (hints and worked
    answers hide again), the language back to English, progress kept in memory dropped (the progress
    file is untouched). The test suite calls it between tests.

    >>> _misses["00.q1"] = 2; reset_session(); _misses["00.q1"]
    0
    """
    from .. import i18n

    _misses.clear()
    i18n.set_language("en")
    progress.forget_memory()


def _under_nbgrader() -> bool:
    from .guard import under_nbgrader  # H1: also the kernel's initial environment, which os.environ.pop cannot reach
    return under_nbgrader()


def _verdict(item: Question, answer: Any) -> Verdict:
    if answer is ...:
        return Verdict(
            False,
            say("Not answered yet: replace ... with your answer and run the cell again.",
                "Inte besvarad än: byt ut ... mot ditt svar och kör cellen igen."),
            {"reason": "unanswered"},
        )
    try:
        verdict = item.checker(answer)
        if not isinstance(verdict, Verdict):
            raise TypeError("checker returned no Verdict")
        return verdict
    except Exception as error:  # a checker bug must never reach the learner as a traceback
        return Verdict(
            False,
            say(f"Your answer could not be checked ({type(error).__name__}). Check its type and shape.",
                f"Ditt svar kunde inte kontrolleras ({type(error).__name__}). Kontrollera typ och form."),
            {"reason": "checker_error", "error": shown(error)},
        )


def _graded(feedback: Feedback) -> Feedback:
    """Under nbgrader's autograder anything but a right answer fails the cell."""
    if _under_nbgrader() and feedback.correct is not True:
        raise AssertionError(str(feedback))
    return feedback


def not_run(question_id: str, name: str) -> Feedback:
    """What a check cell says when a name it passes is not defined: its cell never ran, or stopped.

    >>> print(not_run("03.q1", "pangea3_pay_ratio").message)
    You have not run the cell that defines `pangea3_pay_ratio` yet (or it stopped with an error): run it, then this one.
    """
    question_id = question_id if isinstance(question_id, str) else shown(question_id)
    error = cells.last_error(name)
    if error is not None:
        return _graded(_stopped_feedback(question_id, name, error))
    return _graded(Feedback(
        question_id, None,
        tr(f"You have not run the cell that defines `{name}` yet (or it stopped with an error): "
           "run it, then this one.",
           f"Du har inte kört cellen som definierar `{name}` än (eller så avbröts den av ett fel): "
           "kör den först och sedan den här."),
        result={"reason": "not_run", "name": name},
    ))


def _stopped_feedback(question_id: str, name: str, error: str) -> Feedback:
    explained = advice(error)
    return Feedback(
        question_id, False,
        tr(f"Your answer cell (the one that sets `{name}`) stopped with {error}; "
           "fix it and run it again, then run this check.",
           f"Din svarscell (den som sätter `{name}`) avbröts av {error}; "
           "rätta den och kör den igen, kör sedan den här kontrollen.")
        + (" " + localize(explained) if explained else ""),
        result={"reason": "answer_cell_failed", "name": name, "error": error},
    )


def _stopped(question_id: str) -> Feedback | None:
    """A Feedback when the answer cell this check reads stopped with an error (nothing is graded)."""
    try:
        stopped = cells.stopped_answer(question_id)
    except Exception:  # the watcher must never break a check
        return None
    return None if stopped is None else _stopped_feedback(question_id, *stopped)


def check(question_id: str, answer: Any = ...) -> Feedback:
    """Check ``answer`` to exercise question ``question_id`` and say how it went.

    >>> check("00.q1", "eight").correct
    False
    """
    try:
        item = _registry().get(question_id) if isinstance(question_id, str) else None
    except Exception as error:  # broken content or question module: say so, do not crash
        return Feedback(str(question_id), False, tr(f"The checks could not be loaded: {error}",
                                                     f"Kontrollerna kunde inte laddas: {error}"))
    if item is None:
        feedback = Feedback(
            shown(question_id), False,
            tr(f"There is no question {shown(question_id)}. Check the id in the cell (e.g. \"00.q1\").",
               f"Det finns ingen fråga {shown(question_id)}. Kontrollera id:t i cellen (t.ex. \"00.q1\")."),
        )
    elif (stopped := _stopped(item.id)) is not None:
        return _graded(stopped)  # the old value is not graded and no miss is counted
    else:
        verdict = _verdict(item, answer)
        unanswered = verdict.result.get("reason") == "unanswered"
        correct: bool | None = None if unanswered else bool(verdict.correct)
        hint = ""
        if correct is False:
            _misses[item.id] += 1
            if _misses[item.id] >= 2:
                hint = localize(item.hint)
        tried_enough = correct is True or (correct is False and _misses[item.id] >= 2)
        worked = localize(item.worked) if item.worked and tried_enough else ""
        result = dict(verdict.result)
        if correct is False and result.get("misconception"):  # a named cause: its id is the question's plus its name
            result["misconception"] = f"{item.id}.{result['misconception']}"
        else:
            result.pop("misconception", None)
        feedback = Feedback(
            item.id, correct, localize(verdict.message), hint,
            points=item.points if correct else 0.0, max_points=item.points,
            result=result, worked=worked,
        )
        progress.record(item.id, correct=correct, points=feedback.points, max_points=item.points)
    return _graded(feedback)
