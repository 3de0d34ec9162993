"""The one list of the course's widgets: what each is called, where it lives and which lessons show it.

``kpo.widgets.<name>()`` builds each with no arguments. The tests (``tests/test_widgets.py``,
``tests/test_browser_widgets.py``) and the benchmark (``benchmarks/run.py``) take their
widget list from :data:`WIDGETS`, so a new widget needs its module and one entry here;
``tests/test_widgets.py`` checks the entry against the class and the lesson notebooks.
The CSS class of a widget's outer box has one home: the class's ``css_class``.

>>> [entry.name for entry in WIDGETS if entry.chart]
['CostCalculator', 'FlexibilitySimulator', 'DecisionMatrix', 'RiskMatrix']
>>> find("RiskMatrix").lessons
('05',)
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WidgetEntry:
    """One widget: its public name, its module under ``kpo_course.widgets``, the lessons whose
    notebooks show it (``kpo.widgets.<name>()`` in a code cell; ids as in ``course.yaml``), and
    whether it draws a chart."""

    name: str
    module: str
    lessons: tuple[str, ...] = ()
    chart: bool = False

    @property
    def widget_class(self) -> type:
        """The class (its module is imported on first use)."""
        return getattr(importlib.import_module(f"kpo_course.widgets.{self.module}"), self.name)

    @property
    def css_class(self) -> str:
        """The CSS class of the widget's outer box."""
        return self.widget_class.css_class

    @property
    def code(self) -> str:
        """What a notebook cell writes to show it."""
        return f"kpo.widgets.{self.name}()"

    def build(self) -> Any:
        """A new widget, as a lesson makes it."""
        return self.widget_class()


WIDGETS: tuple[WidgetEntry, ...] = (
    WidgetEntry("LanguagePicker", "language", lessons=("00",)),
    WidgetEntry("Quiz", "quiz_view"),  # lessons show it through kpo.quiz("NN"), one for each quiz bank
    WidgetEntry("DomainExplorer", "domains", lessons=("01", "02")),
    WidgetEntry("TaskSorter", "tasks", lessons=("01", "02")),
    WidgetEntry("CostCalculator", "cost", lessons=("03", "04", "05"), chart=True),
    WidgetEntry("FlexibilitySimulator", "flexibility", lessons=("04",), chart=True),
    WidgetEntry("DecisionMatrix", "decision", lessons=("03", "06", "07"), chart=True),
    WidgetEntry("RiskMatrix", "risk", lessons=("05",), chart=True),
    WidgetEntry("ProgressView", "progress_view"),
)


def find(name: str) -> WidgetEntry:
    """The entry called ``name``; a KeyError names the widgets there are."""
    for entry in WIDGETS:
        if entry.name == name:
            return entry
    raise KeyError(f"no widget {name!r}; the widgets are {', '.join(e.name for e in WIDGETS)}")
