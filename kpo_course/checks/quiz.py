"""Grading one quiz answer (from ``kpo_course/content/data/quizzes``) into a :class:`Verdict`.

Answers by kind: single → an option id; multiple → a collection of option ids;
truefalse → a bool; categorise → a dict item id → group id; numeric → a number, or the
text a learner types in the quiz's box (read by :func:`read_number`).

How typed numbers are read (one rule, the same in English and Swedish):

- a currency mark is dropped: ``$3,000``, ``US$3,000``, ``3000 USD``, ``3 000 US-dollar``;
- ``%`` (or ``percent``/``procent``) marks a percent: in a question with ``share: true``
  ``85.7%`` is the share 0.857; a bare ``85.7`` there is not accepted but answered
  "you typed the percent: write 0.857 or 85.7%";
- a word scales: ``1 million``, ``1.5m``, ``1,66 miljoner``, ``2 bn``, ``46 billion``, ``3k``, ``3 tusen``;
- spaces (also no-break and thin spaces) and ``_`` group thousands only before exactly 3 digits
  (``3 000``, ``1 660 000``);
- with both ``,`` and ``.``, the last one is the decimal mark (``3,000.5`` and ``3.000,5``);
- a comma followed by groups of exactly 3 digits separates thousands (``27,710``, ``1,660,000``),
  unless the part before it is 0 (``0,857`` is a Swedish decimal); any other comma is a decimal mark
  (``85,7``, ``1,43``); so ``1,500`` means fifteen hundred: write ``1.5`` or ``1,50`` for one and a half;
- a single ``.`` is a decimal mark (``3.000`` is 3); dots only group thousands when there are several
  (``1.660.000``).

>>> from kpo_course.content import load
>>> q = load().quizzes["01"].questions[0]
>>> grade(q, None).correct
False
>>> [parse_number(t) for t in ("$3,000", "3 000", "85,7 %", "1 million", "0,857", "27,710")]
[3000.0, 3000.0, 0.857, 1000000.0, 0.857, 27710.0]
"""
from __future__ import annotations

import math
import re
from typing import Any, Iterable, NamedTuple

from ..content import Question
from ..i18n import LANGUAGES
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


#: A verdict word a feedback text may open with; the quiz shows ✓/✗ and its own word, so it is said once.
_LEAD = re.compile(
    r"^(?:correct|right|yes|not quite|not yet|wrong|incorrect|no|"
    r"rätt|riktigt|ja|inte riktigt|inte än|inte ännu|fel|nej)\s*[.:!,]\s+(?=\S)",
    re.IGNORECASE,
)


def without_lead(message: str) -> str:
    """``message`` without an opening verdict word ("Correct:", "Not quite.", "Rätt:"), first letter kept.

    >>> without_lead("Correct: 12 × 250 = 3,000."), without_lead("Inte riktigt. Tänk om."), without_lead("No lead.")
    ('12 × 250 = 3,000.', 'Tänk om.', 'No lead.')
    """
    return _LEAD.sub("", message, count=1) if isinstance(message, str) else message


def _join(texts: list) -> dict[str, str]:
    return {lang: " ".join(without_lead(t[lang]) for t in texts) for lang in LANGUAGES}


def count_text(count: int, en: tuple[str, str], sv: tuple[str, str], *, sv_one: str = "ett") -> dict[str, str]:
    """``count`` with its noun in the right number, English and Swedish (one..nine in words).

    ``sv_one`` is the Swedish "one" the noun takes: "ett" (ett alternativ) or "en" (en sak).

    >>> count_text(1, ("right option", "right options"), ("rätt alternativ", "rätta alternativ"))
    {'en': 'one right option', 'sv': 'ett rätt alternativ'}
    >>> count_text(1, ("item", "items"), ("sak", "saker"), sv_one="en")["sv"], count_text(3, ("item", "items"), ("sak", "saker"))["en"]
    ('en sak', 'three items')
    """
    words_en = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    words_sv = ["inga", sv_one, "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]
    small = 0 <= count < len(words_en)
    number_en = words_en[count] if small else str(count)
    number_sv = words_sv[count] if small else str(count)
    return {"en": f"{number_en} {en[count != 1]}", "sv": f"{number_sv} {sv[count != 1]}"}


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
        n = count_text(len(missed), ("right option", "right options"), ("rätt alternativ", "rätta alternativ"))
        parts.append(say(f"You still miss {n['en']}.", f"Du saknar fortfarande {n['sv']}."))
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
        n = count_text(len(unsorted), ("item has", "items have"), ("sak saknar", "saker saknar"), sv_one="en")
        return Verdict(False, say(f"Give every item a group: {n['en']} none yet.",
                                  f"Ge varje sak en grupp: {n['sv']} grupp än."),
                       {"reason": "unanswered", "unsorted": [i.id for i in unsorted]})
    wrong = [i for i in question.items if answer[i.id] != i.group]
    if not wrong:
        return Verdict(True, say("Every item is in its right group.", "Alla saker ligger i rätt grupp."),
                       {"wrong": []})
    total = len(question.items)
    verb = ("is", "är") if len(wrong) == 1 else ("are", "är")
    lead = say(f"{len(wrong)} of the {total} items {verb[0]} in the wrong group:",
               f"{len(wrong)} av de {total} sakerna {verb[1]} i fel grupp:")
    return Verdict(False, _join([lead, *[i.feedback for i in wrong]]),
                   {"wrong": [i.id for i in wrong], "right": [i.id for i in question.items if i not in wrong]})


# --------------------------------------------------------------------------- typed numbers
class Reading(NamedTuple):
    """A typed number: its ``value`` as written (scaled by a word such as "million") and whether it had a ``%``."""

    value: float
    percent: bool


_SPACES = "\u00a0\u202f\u2009 "
_CURRENCY_BEFORE = re.compile(r"^(?:us\s?\$|\$|usd)\s*", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s*(?:us-?dollars?|us\s+dollars?|dollars?|usd|\$)$", re.IGNORECASE)
_PERCENT = re.compile(r"\s*(?:%|percent|per\s+cent|procent)$", re.IGNORECASE)
_SCALES = {
    "thousand": 1e3, "thousands": 1e3, "k": 1e3, "tusen": 1e3,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6, "miljon": 1e6, "miljoner": 1e6, "milj": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "miljard": 1e9, "miljarder": 1e9, "mdr": 1e9,
}
_SCALE = re.compile(r"\s*(" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")\.?$", re.IGNORECASE)
_GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f\u2009 _](?=\d{3}(?!\d))")
_SCIENTIFIC = re.compile(r"^\d+(?:\.\d+)?e[+-]?\d+$", re.IGNORECASE)


def _plain_number(core: str) -> float | None:
    """Digits with at most one kind of grouping and one decimal mark (rules in the module's docstring)."""
    if _SCIENTIFIC.match(core):
        return float(core)
    core = _GROUP_SPACE.sub("", core)
    if "," in core and "." in core:
        decimal = "," if core.rfind(",") > core.rfind(".") else "."
        group = "." if decimal == "," else ","
        pattern = rf"^\d{{1,3}}(?:{re.escape(group)}\d{{3}})*{re.escape(decimal)}\d+$"
        return float(core.replace(group, "").replace(decimal, ".")) if re.match(pattern, core) else None
    if "," in core:
        if re.match(r"^[1-9]\d{0,2}(?:,\d{3})+$", core):
            return float(core.replace(",", ""))
        return float(core.replace(",", ".")) if re.match(r"^\d*,\d+$", core) else None
    if core.count(".") > 1:
        return float(core.replace(".", "")) if re.match(r"^[1-9]\d{0,2}(?:\.\d{3})+$", core) else None
    return float(core) if re.match(r"^(?:\d+|\d*\.\d+|\d+\.)$", core) else None


def read_number(text: str) -> Reading | None:
    """The number a learner typed, or None when the text is not one number (never raises).

    >>> read_number("85.7%")
    Reading(value=85.7, percent=True)
    >>> read_number("US$1.5m"), read_number("3,000.5"), read_number("1,500"), read_number("12 5")
    (Reading(value=1500000.0, percent=False), Reading(value=3000.5, percent=False), Reading(value=1500.0, percent=False), None)
    """
    if not isinstance(text, str) or len(text) > 100:
        return None
    rest = text.strip().strip(_SPACES)
    sign, signed = 1.0, False
    percent = False
    scale = 1.0
    for _ in range(2):  # a sign may stand before or after the currency mark: "-$5", "$-5"
        if rest[:1] in "-−+" and rest and not signed:
            sign, signed = (-1.0 if rest[0] in "-−" else 1.0), True
            rest = rest[1:].lstrip(_SPACES)
        rest = _CURRENCY_BEFORE.sub("", rest)
    for _ in range(3):  # "5 million US$", "85,7 %", "3 000 USD"
        rest = _CURRENCY_AFTER.sub("", rest)
        if _PERCENT.search(rest):
            percent, rest = True, _PERCENT.sub("", rest)
        match = _SCALE.search(rest)
        if match and scale == 1.0 and re.search(r"\d\s*$", rest[: match.start()]):
            scale, rest = _SCALES[match.group(1).lower()], rest[: match.start()]
    value = _plain_number(rest.strip(_SPACES))
    if value is None:
        return None
    value = sign * value * scale
    return Reading(value, percent) if math.isfinite(value) else None


def parse_number(answer: Any) -> float | None:
    """A number from a number or from typed text; a ``%`` sign divides by 100 ("85.7%" is 0.857).

    >>> parse_number("1,43"), parse_number(" 20 "), parse_number("25%"), parse_number("abc")
    (1.43, 20.0, 0.25, None)
    """
    if isinstance(answer, str):
        reading = read_number(answer)
        if reading is None:
            return None
        return reading.value / 100 if reading.percent else reading.value
    return as_number(answer)


def _short(value: float) -> dict[str, str]:
    """A number written briefly, English and Swedish: 0.857 / 0,857."""
    text = f"{value:.6g}"
    if "e" in text:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
    return {"en": text, "sv": text.replace(".", ",").replace("-", "−")}


def _percent_typed(value: float) -> Verdict:
    share, written = _short(value / 100), _short(value)
    return Verdict(False, say(
        f"You typed the percent: write {share['en']} or {written['en']}% (a share: 0.25 means 25%).",
        f"Du skrev procenttalet: skriv {share['sv']} eller {written['sv']} % (en andel: 0,25 betyder 25 %)."),
        {"value": value, "reason": "typed_percent"})


def _numeric(question: Question, answer: Any) -> Verdict:
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return _nothing()
    share = bool(getattr(question, "share", False))
    reading = read_number(answer) if isinstance(answer, str) else None
    if isinstance(answer, str):
        if reading is None:
            example = say("0.25 or 25%", "0,25 eller 25 %") if share else say("3000, 3,000, $3,000 or 1.5 million",
                                                                              "3000, 3 000, 3 000 $ eller 1,5 miljoner")
            return Verdict(False, say(f"Type one number, e.g. {example['en']}.",
                                      f"Skriv ett tal, t.ex. {example['sv']}."), {"reason": "not_a_number"})
        percent_unit = not share and question.unit is not None and "%" in question.unit.get("en", "")
        value = reading.value / 100 if reading.percent and not percent_unit else reading.value
    else:
        value = as_number(answer)
        if value is None:
            return Verdict(False, say("Type a number.", "Skriv ett tal."), {"reason": "not_a_number"})
    expected, tolerance = float(question.answer), float(question.tolerance or 0.0)
    if share and not (reading and reading.percent) and 1 < abs(value) <= 100:
        return _percent_typed(value)
    checker = number(expected, tolerance, right=question.feedback_correct,
                     common_wrong=[(c.value, c.feedback) for c in question.common_wrong])
    verdict = checker(value)
    if verdict.correct or verdict.result.get("reason") == "common_wrong":
        return verdict
    if share and reading and reading.percent and abs(reading.value - expected) <= tolerance:
        written = _short(reading.value)
        return Verdict(False, say(
            f"{written['en']}% is less than one percent. Write the share {written['en']} without the % sign, "
            f"or the percent with it.",
            f"{written['sv']} % är mindre än en procent. Skriv andelen {written['sv']} utan procenttecken, "
            f"eller procenttalet med det."), {"value": value, "reason": "share_with_percent"})
    return Verdict(False, question.feedback_wrong, verdict.result)


_GRADERS = {"single": _single, "multiple": _multiple, "truefalse": _truefalse,
            "categorise": _categorise, "numeric": _numeric}


def grade(question: Question, answer: Any) -> Verdict:
    """Grade ``answer`` to a quiz ``question``; never raises, never accepts a wrong answer.

    The message never opens with a verdict word: the quiz shows ✓ or ✗ with its own word.
    """
    try:
        verdict = _GRADERS[question.kind](question, answer)
        message = {lang: without_lead(verdict.message[lang]) for lang in LANGUAGES}
        return Verdict(verdict.correct, message, verdict.result)
    except Exception as error:
        return Verdict(False, say(f"This answer could not be checked ({type(error).__name__}).",
                                  f"Svaret kunde inte kontrolleras ({type(error).__name__})."),
                       {"reason": "checker_error"})
