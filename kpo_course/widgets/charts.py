"""What the course's model widgets share: a chart in a ``w.Image``, numbers in the learner's language.

A chart is drawn by :mod:`kpo_course.plots` as PNG bytes: the ``png()`` of a chart object the
widget keeps (:meth:`Chart.kept`), updated in place and redrawn on the same figure, and shown
as the value of an ``ipywidgets.Image(format="png")``: a widget value, which stored notebooks
keep and headless tests can read. Nothing is cached: every change draws the picture afresh
(tens of milliseconds), so a picture can never be stale. The same inputs give the same bytes.

>>> from kpo_course import plots
>>> chart = Chart()
>>> chart.show(lambda: plots.figure_to_png(plots.FlexibilityChart().figure))
>>> bytes(chart.image.value[1:4]), chart.renders
(b'PNG', 1)

Numbers follow the course language: ``1,234,000`` and ``23%`` in English,
``1 234 000`` and ``23 %`` in Swedish (with no-break spaces, so a number never wraps).

>>> from kpo_course import i18n
>>> i18n.set_language("sv"); money(1234000), percent(0.234), number(2.5, 1)
('1\\xa0234\\xa0000', '23\\xa0%', '2,5')
>>> i18n.set_language("en"); money(1234000), percent(0.234), number(2.5, 1)
('1,234,000', '23%', '2.5')
"""
from __future__ import annotations

from typing import Any, Callable, Hashable, Iterable

import ipywidgets as w

from .. import i18n, markup
from ..i18n import tr

__all__ = ["Chart", "number", "smart", "money", "percent", "heading", "bullets", "note", "sentence",
           "table", "illustrative_text"]

NBSP = "\u00a0"
#: Width of a chart on screen in pixels: the PNG's own size (plots.FIGSIZE at plots.DPI), never stretched.
CHART_WIDTH = 600


class Chart:
    """A widget's chart: PNG bytes in an ``ipywidgets.Image``, shown at its own width.

    ``width`` is the PNG's width in pixels (narrower screens shrink it). The widget keeps one
    chart object per language and set of options (:meth:`kept`) and calls :meth:`show` with a
    function that updates it and returns its PNG.
    """

    def __init__(self, width: int = CHART_WIDTH) -> None:
        self.image = w.Image(format="png", layout=w.Layout(width=f"{width}px", max_width="100%", height="auto"))
        # No tooltip on the Image: ipywidgets 8.1's ImageView fails to render with one set.
        self.image.add_class("kpo-chart")
        self.renders = 0  # how many pictures were drawn (for tests and the benchmark)
        self._kept: tuple[Hashable, Any] | None = None

    def kept(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The chart object a widget keeps (e.g. a :class:`kpo_course.plots.CostChart`), made anew
        only when ``key`` (what its constructor was given: the language, the options shown) changes."""
        if self._kept is None or self._kept[0] != key:
            self._kept = (key, make())
        return self._kept[1]

    def show(self, render: Callable[[], bytes]) -> None:
        """Show the picture ``render`` draws (and the image, if it was hidden)."""
        self.image.value = render()
        self.renders += 1
        self.image.layout.display = None

    def hide(self) -> None:
        """Hide the chart (e.g. when there is nothing to draw); the next :meth:`show` brings it back."""
        self.image.layout.display = "none"


# --------------------------------------------------------------------------- numbers
def number(value: float, decimals: int = 0) -> str:
    """``value`` with thousands grouped, in the current language's style (:func:`kpo_course.i18n.format_number`)."""
    return i18n.format_number(value, decimals)


def smart(value: float) -> str:
    """A count with no decimals when it is whole, else one: ``22`` or ``6.5`` (``6,5``)."""
    return number(value, 0 if abs(value - round(value)) < 0.05 else 1)


def money(value: float) -> str:
    """An amount of money (no currency: the models' amounts are in any unit)."""
    return number(round(value), 0)


def percent(share: float, decimals: int = 0) -> str:
    """A share as a percentage: 0.234 -> ``23%`` (``23 %`` in Swedish)."""
    text = number(share * 100, decimals)
    return f"{text}{NBSP}%" if i18n.get_language() == "sv" else f"{text}%"


# --------------------------------------------------------------------------- HTML snippets
def heading(text: str, level: int = 3) -> str:
    return f"<h{level} style='margin:0 0 4px 0'>{markup.text(text)}</h{level}>"


def bullets(title: str, items: Iterable[str]) -> str:
    entries = "".join(f"<li>{markup.text(item)}</li>" for item in items)
    return (f"<div style='line-height:1.45'><b>{markup.text(title)}</b>"
            f"<ul style='margin:2px 0 6px 0'>{entries}</ul></div>")


def note(text: str) -> str:
    """A quiet line, e.g. that the numbers are illustrative."""
    return f"<div class='kpo-note' style='font-size:90%;color:#444;line-height:1.45'>{markup.text(text)}</div>"


def sentence(text: str) -> str:
    """The sentence that reads a chart aloud (a live region: screen readers announce changes)."""
    return (f"<div class='kpo-sentence' role='status' aria-live='polite' style='margin:6px 0;padding:4px 10px;"
            f"background:#f2f6fa;border-left:4px solid #0072B2;line-height:1.45'>{markup.text(text)}</div>")


def table(header: list[str], rows: list[list[str]], *, css_class: str = "kpo-table", text_columns: int = 1) -> str:
    """A small HTML table (cells are escaped): the first ``text_columns`` are text, the rest numbers."""

    def style(i: int) -> str:
        return f"padding:2px 8px;border-bottom:1px solid #ddd;text-align:{'left' if i < text_columns else 'right'}"

    head = "".join(f"<th style='{style(i)}'>{markup.text(h)}</th>" for i, h in enumerate(header))
    body = "".join(
        "<tr>" + "".join(f"<td style='{style(i)}'>{markup.text(c)}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table class='{css_class}' style='border-collapse:collapse;margin:4px 0'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def illustrative_text() -> str:
    return tr("Illustrative numbers: invented to teach the method, not data. Change them to fit your case.",
              "Påhittade siffror: de visar metoden, de är inga data. Ändra dem så att de passar ert fall.")
