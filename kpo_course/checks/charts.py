"""Reading a learner's matplotlib chart: its bars, its title and axis labels, never its pixels.

The exercise modules build their chart checks from these. matplotlib is never imported here:
the helpers read the Figure and Axes objects the learner hands in.

>>> from matplotlib.figure import Figure
>>> ax = Figure().add_subplot()
>>> _ = ax.bar(["India", "Poland"], [46.0, 12.5])
>>> bar_data(ax)
[('India', 46.0), ('Poland', 12.5)]
>>> chart_text_problem(ax).result
{'reason': 'title'}
"""
from __future__ import annotations

import math
from typing import Any, Callable

from .kinds import Checker, Verdict, figure, is_table, say, wrong_type

Inspect = Callable[[Any], "Verdict | None"]


def bar_data(ax: Any) -> list[tuple[str, float]] | None:
    """The bars drawn on ``ax`` as ``(category label, value)``; None when there are no bars.

    Works for ``ax.bar``/``ax.barh`` and pandas ``.plot.bar``/``.plot.barh``: each bar's label
    is the tick label nearest its centre on the category axis ("" where there is none).

    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> bar_data(ax) is None
    True
    >>> _ = ax.barh(["a", "b"], [3, 1])
    >>> bar_data(ax)
    [('a', 3.0), ('b', 1.0)]
    """

    containers = [c for c in ax.containers if type(c).__name__ == "BarContainer"]
    if not containers:
        return None
    vertical = getattr(containers[0], "orientation", "vertical") != "horizontal"
    axis = ax.xaxis if vertical else ax.yaxis
    ticks = list(zip(axis.get_ticklocs(), (t.get_text() for t in axis.get_ticklabels())))
    found: list[tuple[str, float]] = []
    for container in containers:
        for patch in container.patches:
            if vertical:
                centre, size, value = patch.get_x() + patch.get_width() / 2, patch.get_width(), patch.get_height()
            else:
                centre, size, value = patch.get_y() + patch.get_height() / 2, patch.get_height(), patch.get_width()
            label = ""
            near = [(abs(loc - centre), text) for loc, text in ticks if math.isfinite(loc)]
            if near:
                distance, text = min(near, key=lambda pair: pair[0])
                if distance <= max(abs(size), 1e-9) / 2:
                    label = text
            found.append((label, float(value)))
    return found


def chart_text_problem(ax: Any) -> Verdict | None:
    """A Verdict when the chart has no title or an unlabelled axis; None when both are there.

    Its messages start "The data is right;": call it once the data has been checked.

    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot(title="Cost per day")
    >>> chart_text_problem(ax).result
    {'reason': 'axis_labels', 'missing': ['x', 'y']}
    >>> ax.set(xlabel="city", ylabel="USD") and chart_text_problem(ax) is None
    True
    """
    title = ax.get_title() or ax.get_title("left") or ax.get_title("right")
    if not title and ax.figure is not None and hasattr(ax.figure, "get_suptitle"):
        title = ax.figure.get_suptitle()
    if not str(title).strip():
        return Verdict(False, say(
            "The data is right; now give the chart a title that says what it shows: ax.set_title(...).",
            "Datan stämmer; ge nu diagrammet en rubrik som säger vad det visar: ax.set_title(...)."),
            {"reason": "title"})
    missing = [name for name, text in (("x", ax.get_xlabel()), ("y", ax.get_ylabel())) if not str(text).strip()]
    if missing:
        calls = " and ".join(f"ax.set_{m}label(...)" for m in missing)
        return Verdict(False, say(
            f"The data is right; now label the {' and '.join(missing)} axis: {calls}.",
            f"Datan stämmer; sätt nu en etikett på {' och '.join(missing)}-axeln: {calls.replace(' and ', ' och ')}."),
            {"reason": "axis_labels", "missing": missing})
    return None


def axes_label_problem(ax: Any, *, illustrative: bool = False) -> Verdict | None:
    """A Verdict if a chart lacks a title or axis labels (or, for made-up data, the word illustrative).

    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot(title="Totals", xlabel="month", ylabel="EUR")
    >>> axes_label_problem(ax) is None, axes_label_problem(ax, illustrative=True).result
    (True, {'reason': 'illustrative'})
    """
    fig = ax.figure
    suptitle = getattr(fig, "_suptitle", None)
    title = " ".join(filter(None, [ax.get_title(loc) for loc in ("left", "center", "right")]
                            + [suptitle.get_text() if suptitle is not None else ""])).strip()
    if not title:
        return Verdict(False, say("The chart needs a title that says what it shows: ax.set_title(...).",
                                  "Diagrammet behöver en rubrik som säger vad det visar: ax.set_title(...)."),
                       {"reason": "title"})
    if not ax.get_xlabel().strip() or not ax.get_ylabel().strip():
        return Verdict(False, say("Label both axes, with units: ax.set_xlabel(...) and ax.set_ylabel(...).",
                                  "Sätt etiketter på båda axlarna, med enheter: ax.set_xlabel(...) och ax.set_ylabel(...)."),
                       {"reason": "axis_labels"})
    if illustrative and not any(word in title.lower() for word in ("illustrativ", "påhitt")):
        return Verdict(False, say(
            "The numbers are made up, so the title must say so: put the word \"illustrative\" in it.",
            "Siffrorna är påhittade, så rubriken måste säga det: skriv ordet \"illustrativ\" i den."),
            {"reason": "illustrative"})
    return None


def _figure_refusing_tables(inspect: Inspect, refuse: Callable[[Any], Verdict]) -> Checker:
    """:func:`kinds.figure`, with a pandas table answered by ``refuse(table)``."""
    checker = figure(inspect)

    def check(answer: Any) -> Verdict:
        return refuse(answer) if is_table(answer) else checker(answer)

    return check


def _data_not_chart(answer: Any) -> Verdict:
    return Verdict(False, say(
        "That is the data, a pandas table. Draw it and pass the Figure: fig, ax = plt.subplots(), "
        "ax.bar(...), then the fig.",
        "Det är datan, en pandas-tabell. Rita den och lämna in figuren: fig, ax = plt.subplots(), "
        "ax.bar(...), sedan fig."), {"reason": "table"})


def _table_not_figure(answer: Any) -> Verdict:
    return wrong_type("a matplotlib Figure (e.g. fig from fig, ax = plt.subplots())",
                      "en matplotlib-Figure (t.ex. fig från fig, ax = plt.subplots())", answer)


def chart(inspect: Inspect) -> Checker:
    """:func:`kinds.figure`, telling a learner who passes a pandas table to draw the data first.

    >>> import pandas as pd
    >>> chart(lambda ax: None)(pd.DataFrame({"a": [1]})).message["en"][:30]
    'That is the data, a pandas tab'
    """
    return _figure_refusing_tables(inspect, _data_not_chart)


def figure_check(inspect: Inspect) -> Checker:
    """:func:`kinds.figure`, with a pandas table turned away by its shape (:func:`kinds.wrong_type`).

    >>> import pandas as pd
    >>> figure_check(lambda ax: None)(pd.Series([1, 2])).message["en"].split(", but ")[1]
    'got a pandas column of values (Series) with 2 values.'
    """
    return _figure_refusing_tables(inspect, _table_not_figure)
