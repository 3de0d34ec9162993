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
}

__all__ = sorted(_WIDGETS)


def __getattr__(name: str) -> Any:
    if name in _WIDGETS:
        return getattr(importlib.import_module(f".{_WIDGETS[name]}", __name__), name)
    raise AttributeError(f"kpo_course.widgets has no widget {name!r}; available: {', '.join(__all__)}")


def __dir__() -> list[str]:
    return __all__
