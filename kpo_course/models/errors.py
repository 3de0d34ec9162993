"""The one error the models raise, and the small checks that raise it.

Every model checks its inputs before it computes anything, so a student who
types ``-5`` or ``True`` or ``float("nan")`` gets one plain-English sentence
instead of a numpy or pandas traceback, and never a silent NaN.

>>> require_whole_number(0, "horizon_months", minimum=1)
Traceback (most recent call last):
    ...
kpo_course.models.errors.ModelInputError: horizon_months must be at least 1 (got 0)
"""
from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

__all__ = [
    "ModelInputError",
    "require_number",
    "require_whole_number",
    "require_text",
    "require_flag",
]


class ModelInputError(ValueError):
    """An input a model cannot use; the message says which one and why, in plain English.

    It is a ``ValueError``, so ``except ValueError`` catches it too.

    >>> issubclass(ModelInputError, ValueError)
    True
    """


def _shown(value: Any) -> str:
    """A short, readable rendering of a bad value for an error message."""
    if isinstance(value, float) or isinstance(value, np.floating):
        return repr(float(value))
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_bool(value: Any) -> bool:
    return isinstance(value, (bool, np.bool_))


def require_number(
    value: Any,
    name: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
) -> float:
    """``value`` as a float, or a :class:`ModelInputError` that names ``name``.

    Rejects bools, text, None, NaN and infinity, and values outside
    ``[minimum, maximum]`` (both ends included).

    >>> require_number(2, "monthly_cost", minimum=0)
    2.0
    >>> require_number(-5, "monthly_cost", minimum=0)
    Traceback (most recent call last):
        ...
    kpo_course.models.errors.ModelInputError: monthly_cost must not be negative (got -5)
    """
    if _is_bool(value) or not isinstance(value, numbers.Real):
        kind = "a yes/no value" if _is_bool(value) else f"of type {type(value).__name__}"
        raise ModelInputError(f"{name} must be a number (got {_shown(value)}, {kind})")
    number = float(value)
    if math.isnan(number):
        raise ModelInputError(f"{name} must be a number, not NaN (not-a-number)")
    if math.isinf(number):
        raise ModelInputError(f"{name} must be a finite number (got {_shown(value)})")
    _check_range(number, value, name, minimum, maximum)
    return number


def require_whole_number(
    value: Any,
    name: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    """``value`` as an int, or a :class:`ModelInputError` that names ``name``.

    Accepts Python and numpy integers only: not bools, not ``2.5``, not ``3.0``.

    >>> require_whole_number(3, "likelihood", minimum=1, maximum=5)
    3
    >>> require_whole_number(2.5, "likelihood", minimum=1, maximum=5)
    Traceback (most recent call last):
        ...
    kpo_course.models.errors.ModelInputError: likelihood must be a whole number (got 2.5)
    """
    if _is_bool(value):
        raise ModelInputError(f"{name} must be a whole number (got {_shown(value)}, a yes/no value)")
    if not isinstance(value, numbers.Integral):
        raise ModelInputError(f"{name} must be a whole number (got {_shown(value)})")
    number = int(value)
    _check_range(number, value, name, minimum, maximum)
    return number


def _check_range(
    number: float, original: Any, name: str, minimum: float | None, maximum: float | None
) -> None:
    got = _shown(original)
    if minimum is not None and number < minimum:
        if minimum == 0:
            raise ModelInputError(f"{name} must not be negative (got {got})")
        if maximum is not None:
            raise ModelInputError(
                f"{name} must be between {_bound(minimum)} and {_bound(maximum)} (got {got})"
            )
        raise ModelInputError(f"{name} must be at least {_bound(minimum)} (got {got})")
    if maximum is not None and number > maximum:
        if minimum is not None:
            raise ModelInputError(
                f"{name} must be between {_bound(minimum)} and {_bound(maximum)} (got {got})"
            )
        raise ModelInputError(f"{name} must be at most {_bound(maximum)} (got {got})")


def _bound(limit: float) -> str:
    """A limit written as a person would: 1, 0.5, 1,000,000."""
    if float(limit).is_integer():
        return f"{int(limit):,}"
    return f"{limit:g}"


def require_text(value: Any, name: str) -> str:
    """``value`` as a non-empty string (spaces trimmed), or a :class:`ModelInputError`.

    >>> require_text(" offshore ", "id")
    'offshore'
    >>> require_text("", "id")
    Traceback (most recent call last):
        ...
    kpo_course.models.errors.ModelInputError: id must not be empty
    """
    if not isinstance(value, str):
        raise ModelInputError(f"{name} must be text (got {_shown(value)})")
    text = value.strip()
    if not text:
        raise ModelInputError(f"{name} must not be empty")
    return text


def require_flag(value: Any, name: str) -> bool:
    """``value`` if it is True or False, else a :class:`ModelInputError`.

    >>> require_flag(True, "include_switching_back")
    True
    """
    if not _is_bool(value):
        raise ModelInputError(f"{name} must be True or False (got {_shown(value)})")
    return bool(value)
