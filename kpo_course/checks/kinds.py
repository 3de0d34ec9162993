"""Reusable answer checkers: each turns a learner's answer into a :class:`Verdict`.

A checker never raises on a learner's answer and never accepts a wrong type.
Messages are ``{"en": ..., "sv": ...}`` mappings, localized when the feedback is shown.

>>> number(8, tolerance=0)(8.0).correct
True
>>> number(8, tolerance=0)("8").correct
False
"""
from __future__ import annotations

import math
import numbers
import reprlib
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

Text = Mapping[str, str]
Checker = Callable[[Any], "Verdict"]

_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = 8
_short.maxdict = 8


def say(en: str, sv: str) -> dict[str, str]:
    """A two-language message: ``say("Right.", "Rätt.")``."""
    return {"en": en, "sv": sv}


def shown(value: Any) -> str:
    """A short, safe description of any value for a message (never huge, never raises)."""
    try:
        return _short.repr(value)
    except Exception:
        return f"<{type(value).__name__}>"


@dataclass(frozen=True)
class Verdict:
    correct: bool
    message: Text
    result: Mapping[str, Any] = field(default_factory=dict)


def as_number(answer: Any) -> float | None:
    """The answer as a finite float, or None when it is not a real number (bools are not)."""
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return None
    try:
        value = float(answer)
    except (TypeError, ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def _wrong_type(expected_en: str, expected_sv: str, answer: Any) -> Verdict:
    kind = type(answer).__name__
    return Verdict(
        False,
        say(
            f"Expected {expected_en}, but got a {kind}: {shown(answer)}.",
            f"Förväntade {expected_sv}, men fick en {kind}: {shown(answer)}.",
        ),
        {"reason": "type", "type": kind},
    )


def number(
    expected: float,
    tolerance: float,
    *,
    right: Text | None = None,
    common_wrong: Sequence[tuple[float, Text]] = (),
    too_high: Text | None = None,
    too_low: Text | None = None,
) -> Checker:
    """Check a number within an absolute ``tolerance``; known slips get their own message."""

    def check(answer: Any) -> Verdict:
        if isinstance(answer, str):
            stripped = answer.strip().replace(",", ".")
            try:
                float(stripped)
            except ValueError:
                return _wrong_type("a number", "ett tal", answer)
            return Verdict(
                False,
                say(
                    f"That is text ({shown(answer)}). Write the number without quotes, e.g. {stripped}.",
                    f"Det där är text ({shown(answer)}). Skriv talet utan citattecken, t.ex. {stripped}.",
                ),
                {"reason": "text_number"},
            )
        value = as_number(answer)
        if value is None:
            if isinstance(answer, numbers.Real) and not isinstance(answer, bool):
                return Verdict(
                    False,
                    say("That is not a finite number (NaN or infinity).",
                        "Det är inte ett ändligt tal (NaN eller oändligt)."),
                    {"reason": "not_finite"},
                )
            return _wrong_type("a number", "ett tal", answer)
        if abs(value - expected) <= tolerance:
            return Verdict(True, right or say("Right.", "Rätt."), {"value": value})
        for wrong, message in common_wrong:
            if abs(value - wrong) <= max(tolerance, 1e-9):
                return Verdict(False, message, {"value": value, "reason": "common_wrong"})
        if value > expected and too_high:
            return Verdict(False, too_high, {"value": value, "reason": "too_high"})
        if value < expected and too_low:
            return Verdict(False, too_low, {"value": value, "reason": "too_low"})
        return Verdict(
            False,
            say(f"{shown(value)} is not right.", f"{shown(value)} stämmer inte."),
            {"value": value},
        )

    return check


def boolean(expected: bool, *, if_true: Text, if_false: Text) -> Checker:
    """Check a True/False answer; each answer gets its own explanation."""

    def check(answer: Any) -> Verdict:
        if not isinstance(answer, bool):
            if isinstance(answer, str) and answer.strip().lower() in {"true", "false", "sant", "falskt"}:
                return Verdict(
                    False,
                    say("Write True or False without quotes (a Python bool, not text).",
                        "Skriv True eller False utan citattecken (ett Python-värde, inte text)."),
                    {"reason": "text_bool"},
                )
            return _wrong_type("True or False", "True eller False", answer)
        return Verdict(answer == expected, if_true if answer else if_false, {"value": answer})

    return check


def choice(expected: str, feedback: Mapping[str, Text]) -> Checker:
    """Check one option key (``"b"``) out of ``feedback``'s keys; each option explains itself."""
    keys = list(feedback)

    def check(answer: Any) -> Verdict:
        if not isinstance(answer, str):
            return _wrong_type("one option letter as text, e.g. \"a\"", "en bokstav som text, t.ex. \"a\"", answer)
        key = answer.strip().lower()
        if key not in feedback:
            listed = ", ".join(f'"{k}"' for k in keys)
            return Verdict(
                False,
                say(f"{shown(answer)} is not one of the options: choose {listed}.",
                    f"{shown(answer)} är inget av alternativen: välj {listed}."),
                {"reason": "unknown_option"},
            )
        return Verdict(key == expected, feedback[key], {"value": key})

    return check
