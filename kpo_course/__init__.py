"""Knowledge Process Outsourcing: a Jupyter course.

The one name a notebook needs::

    import kpo_course as kpo
    kpo.set_language("sv")          # or "en" (the default)
    kpo.data.domains()              # the eight KPO domains as a DataFrame
    kpo.check("00.q1", answer)      # instant feedback on an exercise question
    kpo.quiz("01")                  # lesson 01's knowledge-check quiz
    kpo.widgets.CostCalculator()    # an interactive calculator

Importing is light: pandas, matplotlib and ipywidgets load only when first used.
"""
from __future__ import annotations

import importlib
import sys
from typing import Any

from .i18n import get_language, set_language

__version__ = "0.1.0"

# Submodules loaded on first attribute access (kpo.data, kpo.widgets, ...).
_LAZY_MODULES = {"data", "models", "plots", "widgets", "progress", "checks", "content"}
# Functions loaded on first use: name -> (module, attribute).
_LAZY_FUNCTIONS = {
    "check": ("checks", "check"),
    "environment_report": ("doctor", "environment_report"),
    "course_map": ("coursemap", "course_map"),
    "quiz": ("widgets", "quiz"),
}

__all__ = ["get_language", "set_language", *sorted(_LAZY_MODULES), *sorted(_LAZY_FUNCTIONS)]


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _LAZY_FUNCTIONS:
        module, attribute = _LAZY_FUNCTIONS[name]
        return getattr(importlib.import_module(f".{module}", __name__), attribute)
    raise AttributeError(f"module 'kpo_course' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if "IPython" in sys.modules:  # in a notebook: checks learn which answer cells ran to the end
    from .checks.cells import watch as _watch_cells

    _watch_cells()
