"""Interactive views over the course's models and content (ipywidgets).

Every widget builds with no arguments and speaks the language set by
``kpo.set_language``. Loaded on first use, so ``import kpo_course`` stays light. The list of
widgets is :data:`kpo_course.widgets.registry.WIDGETS`; each is a
:class:`kpo_course.widgets.base.CourseWidget`.

>>> picker = LanguagePicker()  # doctest: +SKIP
"""
from __future__ import annotations

import importlib
from typing import Any

from .registry import WIDGETS as _REGISTRY

# Public widget name -> module that defines it (from the registry: one list).
_WIDGETS = {entry.name: entry.module for entry in _REGISTRY}

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
