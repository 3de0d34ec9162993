"""Fill the course's cache before a learner's first run: ``kpo-course warm``.

A lesson's first run in a new place parses the data files and draws each widget's first
chart; both are then cached (:mod:`kpo_course.content.cache`, :mod:`.saved_charts`).
:func:`warm` does that work ahead of time, in English and Swedish: Binder's ``postBuild``
runs it so the image ships a warm cache, and ``kpo-course start`` runs it in the
background while JupyterLab starts.

>>> warm()   # doctest: +SKIP
(8, 8)
"""
from __future__ import annotations

import gc
from typing import Iterable

#: The widgets that draw a chart, as the lessons open them (no arguments).
CHART_WIDGETS = ("DecisionMatrix", "CostCalculator", "FlexibilitySimulator", "RiskMatrix")


def warm(languages: Iterable[str] = ("en", "sv")) -> tuple[int, int]:
    """Load the content and open each chart widget in each language.

    Returns how many of those first charts are now saved, and how many had to be drawn.
    """
    from .. import content, i18n, widgets
    from . import saved_charts

    content.load()
    before = i18n.get_language()
    saved = drawn = 0
    try:
        for language in languages:
            i18n.set_language(language)
            for name in CHART_WIDGETS:
                widget = getattr(widgets, name)()
                saved += saved_charts.load(*widget.chart_view.key) is not None
                drawn += widget.chart_view.renders
                widget.close()  # a closed widget is collected and stops following the language
            gc.collect()
    finally:
        i18n.set_language(before)
    return saved, drawn
