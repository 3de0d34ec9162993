"""Interactive views over the course's models and content (ipywidgets).

Every widget builds with no arguments and speaks the language set by
``kpo.set_language``. Loaded on first use, so ``import kpo_course`` stays light.

>>> picker = LanguagePicker()  # doctest: +SKIP
"""
from __future__ import annotations

import importlib
from typing import Any

# Public widget name -> module that defines it.
_WIDGETS = {
    "LanguagePicker": "language",
    "Quiz": "quiz_view",
    "DomainExplorer": "domains",
    "TaskSorter": "tasks",
    "CostCalculator": "cost",
    "FlexibilitySimulator": "flexibility",
    "DecisionMatrix": "decision",
    "RiskMatrix": "risk",
}

__all__ = sorted(_WIDGETS)


def quiz(lesson: str = "01") -> Any:
    """The knowledge-check quiz of a lesson: ``kpo.quiz("03")`` (a message if it cannot load)."""
    from .quiz_view import quiz as make
    return make(lesson)


def __getattr__(name: str) -> Any:
    if name in _WIDGETS:
        return getattr(importlib.import_module(f".{_WIDGETS[name]}", __name__), name)
    raise AttributeError(f"kpo_course.widgets has no widget {name!r}; available: {', '.join(__all__)}")


def __dir__() -> list[str]:
    return __all__
