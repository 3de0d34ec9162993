"""Model results as matplotlib Figures, in one colour-blind-safe palette (Okabe-Ito).

Every chart class builds a :class:`matplotlib.figure.Figure` directly on the Agg canvas,
never through pyplot: no global figure list, nothing to close, no memory that grows in a
long widget session. Colour never carries meaning alone: each series also has its own
line style, marker or hatch, and a label. Titles and labels are parameters, so callers
can pass Swedish (or any) text; the defaults are English. Charts are drawn in matplotlib's
default style plus the course's few settings, whatever style a notebook has switched to.

One path for every chart: a class made once (:class:`CostChart`, :class:`FlexibilityChart`,
:class:`DecisionChart`, :class:`RiskChart`) whose ``update`` shows a new model result on the
same figure and returns it. A widget keeps one and calls ``update`` on every change; the
decision and risk charts redraw only their moving parts (matplotlib's blitting), to the very
pixels of a full drawing.

>>> from kpo_course import models
>>> options = models.default_options()
>>> table = models.cumulative_costs(options, 36)
>>> fig = CostChart(list(table.columns)).update(table, break_even=14)
>>> figure_to_png(fig)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import matplotlib.style
import numpy as np
import PIL.Image
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.collections import PatchCollection
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .models.decision import DecisionResult
from .models.errors import ModelInputError, require_whole_number
from .models.flexibility import FlexibilityResult
from .models.risk import LEVELS, RESIDUAL_COLUMNS, risk_level

__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "LINE_STYLES",
    "MARKERS",
    "HATCHES",
    "FIGSIZE",
    "DPI",
    "CostChart",
    "FlexibilityChart",
    "DecisionChart",
    "RiskChart",
    "figure_to_png",
]

#: The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008): safe for colour blindness.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: The order series take colours in (yellow late: it is faint on white).
PALETTE: tuple[str, ...] = tuple(
    OKABE_ITO[name]
    for name in (
        "blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "black", "yellow"
    )
)
#: Line styles, markers and hatches that go with the colours, so colour is never alone.
LINE_STYLES: tuple[Any, ...] = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3)))
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
HATCHES: tuple[str, ...] = ("", "/", "..", "x", "\\", "+", "o", "-")  # single density (dots doubled to show): distinct, cheap
#: Default figure size in inches and resolution: 600 x 320 pixels.
FIGSIZE: tuple[float, float] = (6.0, 3.2)
DPI: int = 100

_LEVEL_COLOURS = {
    "low": OKABE_ITO["bluish_green"], "medium": OKABE_ITO["yellow"], "high": OKABE_ITO["vermillion"]
}
_LEVEL_HATCHES = {"low": "", "medium": "..", "high": "//"}
#: A risk before mitigation: a filled dark circle (filled in the key too), apart from the blue "after" squares.
_BEFORE_COLOUR = "#4d4d4d"
_STYLE = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.6,
    "legend.frameon": False,
    "text.hinting": "no_hinting",  # measurably faster text, still crisp at 100 dpi
    "text.parse_math": False,  # a label like "US$1m to US$2m" is text, not a formula
}


@contextmanager
def _course_style() -> Iterator[None]:
    """Matplotlib's defaults plus the course's settings, undone afterwards."""
    with matplotlib.style.context(["default", _STYLE]):
        yield


def _new_figure(
    figsize: tuple[float, float],
    dpi: float,
    *,
    left: float = 0.95,
    right: float = 0.2,
    square: bool = False,
) -> tuple[Figure, Any]:
    """A figure on the Agg canvas with one Axes; ``left``/``right`` margins in inches.

    Margins are set, not computed by a layout engine: constrained layout would draw every
    figure twice and nearly double the render time.
    """
    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    _set_margins(fig, left, right)
    if square:
        fig.subplots_adjust(left=0.02, right=0.62)
    return fig, fig.add_subplot()


def _set_margins(fig: Figure, left: float, right: float) -> None:
    width = fig.get_figwidth()
    left_share = min(max(left / width, 0.05), 0.45)
    right_share = min(max(right / width, 0.02), 0.45)
    fig.subplots_adjust(left=left_share, right=1 - right_share, bottom=0.15, top=0.9)


def _text_width(fig: Figure, texts: list[str], size: float) -> float:
    """The width in inches of the widest of ``texts`` at font ``size`` (points).

    Measured with the figure's own renderer, the one the PNG is drawn with, so the
    margins fit the labels a caller passes (long Swedish names included).
    """
    if not texts:
        return 0.0
    renderer = fig.canvas.get_renderer()
    prop = FontProperties(size=size)
    return max(renderer.get_text_width_height_descent(t, prop, ismath=False)[0] for t in texts) / fig.dpi


def _few_ticks(ax: Any, *, integer_x: bool = True, y_bins: int | None = 4) -> None:
    """Few ticks: each tick label costs text layout, the largest part of a render."""
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=integer_x))
    if y_bins is not None:
        ax.yaxis.set_major_locator(MaxNLocator(nbins=y_bins))


def _label(labels: Mapping[str, str] | None, key: str, default: str | None = None) -> str:
    if labels is not None and key in labels:
        return str(labels[key])
    return default if default is not None else str(key)


def _check_labels(labels: Any) -> Mapping[str, str] | None:
    if labels is not None and not isinstance(labels, Mapping):
        raise ModelInputError(f"labels must be a dict of id -> text (got {type(labels).__name__})")
    return labels


def _thousands(value: float, _position: Any = None) -> str:
    """An axis label in the course language: ``1,000`` in English, ``1 000`` in Swedish (where a
    comma is the decimal sign)."""
    from .i18n import format_number

    return format_number(value, 0)


class _LiveFigure:
    """A figure whose fixed parts are drawn once; each :meth:`png` redraws only the moving ones.

    This is matplotlib's blitting: the ``moving`` artists are marked animated, the first draw
    leaves them out and its pixels are kept, and every later picture is those pixels plus
    the moving artists drawn on top. A widget chart that keeps its axes, title and legend
    redraws in about a fifth of the time of a new figure. The same state always gives the
    same bytes, and :func:`figure_to_png` still draws the whole figure.

    >>> fig = Figure(figsize=(2, 1), dpi=50)
    >>> ax = fig.add_subplot()
    >>> (line,) = ax.plot([0, 1], [0, 1])
    >>> live = _LiveFigure(fig, [line])
    >>> live.png()[:4] == b"\\x89PNG"
    True
    """

    def __init__(self, fig: Figure, moving: list[Any] | None = None) -> None:
        if not isinstance(fig.canvas, FigureCanvasAgg):
            FigureCanvasAgg(fig)
        self.figure = fig
        self.moving = list(moving or [])
        for artist in self.moving:
            artist.set_animated(True)
        self._whole = moving is None  # nothing fixed: redraw it all, still on the same figure
        self._background: Any = None

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes (deterministic, like :func:`figure_to_png`)."""
        canvas = self.figure.canvas
        with _course_style():
            if self._whole:
                canvas.draw()
            elif self._background is None:
                canvas.draw()  # everything but the moving artists
                self._background = canvas.copy_from_bbox(self.figure.bbox)
            else:
                canvas.restore_region(self._background)
            for artist in sorted(self.moving, key=lambda artist: artist.get_zorder()):  # as a full draw does
                self.figure.draw_artist(artist)
        width, height = canvas.get_width_height()
        buffer = io.BytesIO()
        PIL.Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
            buffer, format="png", compress_level=1, dpi=(self.figure.dpi, self.figure.dpi)
        )
        return buffer.getvalue()


class _KeptChart:
    """A chart made once and updated in place; ``live`` is its :class:`_LiveFigure`."""

    live: _LiveFigure

    @property
    def figure(self) -> Figure:
        return self.live.figure

    def png(self) -> bytes:
        """The chart as it is now, as PNG bytes: only what :meth:`update` moves is redrawn."""
        return self.live.png()


def _cost_table(cumulative_df: Any) -> tuple[np.ndarray, np.ndarray]:
    """Months and costs from :func:`kpo_course.models.cumulative_costs`'s table, or a clear error."""
    if not isinstance(cumulative_df, pd.DataFrame) or cumulative_df.empty:
        raise ModelInputError("a cost chart needs the table from cumulative_costs (a non-empty DataFrame)")
    try:
        months = np.asarray(cumulative_df.index, dtype=float)
        values = cumulative_df.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise ModelInputError(
            "a cost chart needs numbers: months as the index and one column of costs per option"
        ) from None
    if not np.all(np.isfinite(values)):
        raise ModelInputError("a cost chart needs finite costs (the table holds NaN or infinity)")
    return months, values


def _padded(low: float, high: float) -> tuple[float, float]:
    """Matplotlib's automatic limits: 5% of the span added on each side."""
    pad = 0.05 * (high - low) if high > low else 0.5
    return low - pad, high + pad


class CostChart(_KeptChart):
    """The cumulative-cost chart for fixed options, redrawn on the same figure for each new table.

    One line per option over the months, from :func:`kpo_course.models.cumulative_costs`;
    ``options`` are the table's column names. A break-even month given to :meth:`update` draws
    a dotted vertical line with ``break_even_text`` (``{month}`` is filled in). ``labels`` maps
    option ids to the names shown; ``value_formatter`` turns an amount into axis text (default
    ``1,234,567``). A widget makes one and calls :meth:`update` with every new table; reusing the
    figure skips building it and keeps matplotlib's text measurements.

    >>> from kpo_course.models import Option, cumulative_costs
    >>> options = [Option("in_house", monthly_cost=100), Option("kpo", monthly_cost=60, search_and_contracting=200)]
    >>> chart = CostChart(["in_house", "kpo"])
    >>> fig = chart.update(cumulative_costs(options, 12), break_even=5)
    >>> fig = chart.update(cumulative_costs(options, 24))
    >>> float(fig.axes[0].get_lines()[0].get_xdata()[-1]), fig.axes[0].get_lines()[2].get_visible()
    (24.0, False)
    """

    def __init__(
        self,
        options: list[str],
        labels: Mapping[str, str] | None = None,
        title: str = "Cumulative cost",
        *,
        xlabel: str = "Month",
        ylabel: str = "Cumulative cost",
        break_even_text: str = "break-even: month {month}",
        value_formatter: Callable[[float], str] | None = None,
        figsize: tuple[float, float] = FIGSIZE,
        dpi: float = DPI,
    ) -> None:
        labels = _check_labels(labels)
        self.options = [str(option) for option in options]
        self.break_even_text = break_even_text
        self.formatter = value_formatter or _thousands
        with _course_style():
            fig, ax = _new_figure(figsize, dpi)
            self._lines = [
                ax.plot(
                    [], [], color=PALETTE[i % len(PALETTE)], linestyle=LINE_STYLES[i % len(LINE_STYLES)],
                    marker=MARKERS[i % len(MARKERS)], markersize=4, linewidth=1.6,
                    label=_label(labels, option), gid=option,
                )[0]
                for i, option in enumerate(self.options)
            ]
            self._break_even = ax.axvline(0, color=OKABE_ITO["black"], linestyle=":", linewidth=1.2,
                                          gid="break_even", visible=False)
            self._break_even_note = ax.annotate(
                "", xy=(0, 0.04), xycoords=("data", "axes fraction"), xytext=(4, 0), textcoords="offset points",
                va="bottom", fontsize=8, gid="break_even_text", visible=False,
            )
            ax.set_title(title)
            ax.set_xlabel(xlabel)
            ax.set_ylabel(ylabel)
            _few_ticks(ax)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: self.formatter(value)))
            ax.grid(True, linewidth=0.4, alpha=0.5)
            ax.legend(loc="upper left", frameon=True, framealpha=0.85, edgecolor="none")
        self.axes = ax
        self.live = _LiveFigure(fig)  # axes, lines and legend all change: the whole figure is redrawn

    def update(self, cumulative_df: pd.DataFrame, break_even: int | None = None) -> Figure:
        """Show ``cumulative_df`` (same options as the chart) and the break-even month; returns the Figure."""
        months, values = _cost_table(cumulative_df)
        if [str(column) for column in cumulative_df.columns] != self.options:
            raise ModelInputError("this cost chart was made for other options")
        month = None if break_even is None else require_whole_number(break_even, "break_even", minimum=1)
        ax = self.axes
        with _course_style():
            top_value = float(values.max())
            money_width = _text_width(self.figure, [self.formatter(top_value * 1.1), self.formatter(0.0)], 8)
            _set_margins(self.figure, left=money_width + 0.45, right=0.2)
            every = max(1, len(months) // 8)
            for i, line in enumerate(self._lines):
                line.set_data(months, values[:, i])
                line.set_markevery(every)
            self._break_even.set_visible(month is not None)
            self._break_even_note.set_visible(month is not None)
            if month is not None:
                right_side = month > months.min() + 0.65 * (months.max() - months.min())
                self._break_even.set_xdata([month, month])
                self._break_even_note.xy = (month, 0.04)
                self._break_even_note.xyann = (-4 if right_side else 4, 0)
                self._break_even_note.set_horizontalalignment("right" if right_side else "left")
                self._break_even_note.set_text(self.break_even_text.replace("{month}", str(month)))
            ax.set_xlim(*_padded(float(months.min()), float(months.max())))
            ax.set_ylim(0, _padded(min(0.0, float(values.min())), top_value)[1])
        return self.figure


#: The flexibility chart's series and shaded areas: (key, colour, line style or hatch, marker, default label).
_FLEX_SERIES = (
    ("demand", OKABE_ITO["black"], "-", "o", "Demand"),
    ("in_house_capacity", OKABE_ITO["orange"], "--", None, "In-house staff"),
    ("kpo_capacity", OKABE_ITO["blue"], "-.", "s", "KPO capacity"),
)
_FLEX_AREAS = (  # (key, lower series, upper series, colour, hatch, default label)
    ("in_house_idle", "demand", "in_house_capacity", OKABE_ITO["orange"], "//", "In-house staff idle"),
    ("in_house_unmet", "in_house_capacity", "demand", OKABE_ITO["reddish_purple"], "xx", "Not met in-house"),
    ("kpo_unmet", "kpo_capacity", "demand", OKABE_ITO["vermillion"], "..", "Not met by KPO"),
)


class FlexibilityChart(_KeptChart):
    """Demand, the in-house team and KPO capacity, redrawn on the same figure for each new simulation.

    A widget makes one and calls :meth:`update` with every :func:`kpo_course.models.simulate`
    result. Hatched areas show in-house staff left idle and demand that is not met. ``labels``
    keys: ``demand``, ``in_house_capacity``, ``kpo_capacity``, ``in_house_idle``,
    ``in_house_unmet``, ``kpo_unmet`` (English defaults).

    >>> from kpo_course.models import demand_curve, simulate
    >>> chart = FlexibilityChart()
    >>> fig = chart.update(simulate(demand_curve(dip=0.5)))
    >>> sorted(c.get_gid() for c in fig.axes[0].collections)
    ['in_house_idle', 'kpo_unmet']
    """

    def __init__(
        self,
        labels: Mapping[str, str] | None = None,
        title: str = "Staff needed and staff available",
        *,
        xlabel: str = "Month",
        ylabel: str = "Staff (FTE)",
        figsize: tuple[float, float] = FIGSIZE,
        dpi: float = DPI,
    ) -> None:
        self.labels = _check_labels(labels)
        with _course_style():
            fig, ax = _new_figure(figsize, dpi)
            self._lines = {
                key: ax.step([], [], where="mid", color=colour, linestyle=style, marker=marker, markersize=3,
                             linewidth=1.6, label=_label(self.labels, key, default), gid=key)[0]
                for key, colour, style, marker, default in _FLEX_SERIES
            }
            ax.set_title(title)
            ax.set_xlabel(xlabel)
            ax.set_ylabel(ylabel)
            _few_ticks(ax)
            ax.grid(True, linewidth=0.4, alpha=0.5)
        self.axes = ax
        self._areas: list[Any] = []
        self.live = _LiveFigure(fig)  # lines, areas, axes and key all change: the whole figure is redrawn

    def update(self, result: FlexibilityResult) -> Figure:
        """Show ``result``; returns the Figure."""
        if not isinstance(result, FlexibilityResult):
            raise ModelInputError(
                f"a flexibility chart needs the result of simulate (got {type(result).__name__})"
            )
        table = result.monthly
        months = table["month"].to_numpy(dtype=float)
        values = {key: table[key].to_numpy(dtype=float) for key, *_ in _FLEX_SERIES}
        ax = self.axes
        with _course_style():
            for key, line in self._lines.items():
                line.set_data(months, values[key])
            for area in self._areas:
                area.remove()
            self._areas = []
            for key, lower, upper, colour, hatch, default in _FLEX_AREAS:
                gap = values[upper] > values[lower]
                if gap.any():
                    self._areas.append(ax.fill_between(
                        months, values[lower], values[upper], where=gap, step="mid", interpolate=False,
                        facecolor=colour, alpha=0.25, edgecolor=colour, hatch=hatch, linewidth=0,
                        label=_label(self.labels, key, default), gid=key,
                    ))
            ax.set_xlim(*_padded(float(months.min()), float(months.max())))
            ax.set_ylim(bottom=0, top=max(1.0, float(max(v.max() for v in values.values()))) * 1.25)
            ax.legend(loc="upper left", ncols=3, fontsize=7)  # the key lists only the areas drawn
        return self.figure


class DecisionChart(_KeptChart):
    """Horizontal stacked bars for a fixed set of options and criteria, redrawn for each new result.

    A widget builds one and calls :meth:`update` with every new
    :func:`kpo_course.models.weighted_scores` result, then :meth:`png`: the axes, title and
    legend are drawn once (see :class:`_LiveFigure`). ``x_max`` fixes the scale (e.g. 5 for
    scores from 1 to 5), so bars grow and shrink against the same axis. Each criterion has its
    own colour and hatch and is one ``PatchCollection`` (``gid`` = the criterion id); the option
    names carry their rank ("1. ...") and each bar its total. ``labels`` maps option and
    criterion ids to the names shown.

    >>> from kpo_course.models import weighted_scores
    >>> scores = {"in_house": {"cost": 2, "quality": 5}, "kpo": {"cost": 5, "quality": 3}}
    >>> chart = DecisionChart(["in_house", "kpo"], ["cost", "quality"], x_max=5)
    >>> fig = chart.update(weighted_scores({"cost": 2, "quality": 1}, scores))
    >>> [label.get_text() for label in fig.axes[0].get_yticklabels()]
    ['1. kpo', '2. in_house']
    >>> fig = chart.update(weighted_scores({"cost": 0, "quality": 1}, scores))
    >>> [label.get_text() for label in fig.axes[0].get_yticklabels()]
    ['1. in_house', '2. kpo']
    """

    def __init__(
        self,
        options: list[str],
        criteria: list[str],
        labels: Mapping[str, str] | None = None,
        title: str = "Weighted decision matrix",
        *,
        xlabel: str = "Weighted score",
        total_format: str = "{:.2f}",
        x_max: float = 5.0,
        figsize: tuple[float, float] = FIGSIZE,
        dpi: float = DPI,
    ) -> None:
        labels = _check_labels(labels)
        self.options = [str(option) for option in options]
        self.criteria = [str(criterion) for criterion in criteria]
        if not self.options or not self.criteria:
            raise ModelInputError("a decision chart needs at least one option and one criterion")
        self.total_format = total_format
        self.x_max = float(x_max) if np.isfinite(x_max) and x_max > 0 else 1.0
        self.names = {option: _label(labels, option) for option in self.options}
        criterion_names = [_label(labels, criterion) for criterion in self.criteria]
        count = len(self.options)
        self.positions = np.arange(count)[::-1]  # the winner at the top
        with _course_style():
            fig, ax = _new_figure(figsize, dpi)
            _set_margins(
                fig,
                left=_text_width(fig, [f"{count}. {name}" for name in self.names.values()], 8) + 0.2,
                right=_text_width(fig, criterion_names, 8) + 0.6,
            )
            self._stacks = []
            keys = []
            # One PatchCollection a criterion: the same stacked bars as barh, at about a third
            # of the drawing time (each hatched bar patch is otherwise drawn on its own).
            for j, criterion in enumerate(self.criteria):
                style = {
                    "facecolor": PALETTE[j % len(PALETTE)], "hatch": HATCHES[j % len(HATCHES)],
                    "edgecolor": OKABE_ITO["black"], "linewidth": 0.5,
                }
                stack = PatchCollection([], gid=criterion, **style)
                self._stacks.append(ax.add_collection(stack, autolim=False))
                keys.append(Patch(label=criterion_names[j], **style))
            self._totals = [ax.text(0, position, "", va="center", fontsize=8) for position in self.positions]
            ax.set_yticks(self.positions, [""] * count)
            ax.set_ylim(-0.6, count - 0.4)
            ax.set_xlim(0, self.x_max * 1.18)
            _few_ticks(ax, integer_x=False, y_bins=None)
            ax.set_title(title)
            ax.set_xlabel(xlabel)
            ax.grid(True, axis="x", linewidth=0.4, alpha=0.5)
            ax.set_axisbelow(True)
            ax.legend(handles=keys, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        self.axes = ax
        # The left spine and the names sit on the bars' edge: redrawn with them, in z-order.
        self.live = _LiveFigure(fig, [*self._stacks, *self._totals, ax.yaxis, ax.spines["left"]])


    def update(self, scores_result: DecisionResult) -> Figure:
        """Show ``scores_result`` (same options and criteria as the chart); returns the Figure."""
        if not isinstance(scores_result, DecisionResult):
            raise ModelInputError(
                f"a decision chart needs the result of weighted_scores (got {type(scores_result).__name__})"
            )
        ranking = [str(option) for option in scores_result.ranking]
        columns = [str(criterion) for criterion in scores_result.contributions.columns]
        if sorted(ranking) != sorted(self.options) or columns != self.criteria:
            raise ModelInputError("this decision chart was made for other options or criteria")
        contributions = scores_result.contributions.loc[list(scores_result.ranking)]
        totals = scores_result.totals.loc[list(scores_result.ranking)].to_numpy(dtype=float)
        left = np.zeros(len(ranking))
        for stack, criterion in zip(self._stacks, contributions.columns):
            widths = contributions[criterion].to_numpy(dtype=float)
            stack.set_paths([
                Rectangle((start, position - 0.3), width, 0.6)
                for start, position, width in zip(left, self.positions, widths)
            ])
            left = left + widths
        for text, position, total in zip(self._totals, self.positions, totals):
            text.set_position((total + self.x_max * 0.01, position))
            text.set_text(self.total_format.format(total))
        self.axes.set_yticks(
            self.positions, [f"{rank}. {self.names[option]}" for rank, option in enumerate(ranking, 1)]
        )
        return self.figure


def _spread(points: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """Small, fixed offsets so that risks in the same cell do not hide each other."""
    offsets = [(0.0, 0.0), (-0.22, 0.22), (0.22, -0.22), (0.22, 0.22), (-0.22, -0.22),
               (0.0, 0.3), (0.0, -0.3), (-0.3, 0.0), (0.3, 0.0)]
    seen: dict[tuple[int, int], int] = {}
    placed = []
    for x, y in points:
        k = seen.get((x, y), 0)
        seen[(x, y)] = k + 1
        dx, dy = offsets[k % len(offsets)]
        placed.append((x + dx, y + dy))
    return placed


def _residual_table(residual_df: Any) -> pd.DataFrame:
    """``residual_df`` if it is :func:`kpo_course.models.residual`'s table on the 5 x 5 grid; else a clear error."""
    missing = (
        [c for c in RESIDUAL_COLUMNS if c not in residual_df.columns]
        if isinstance(residual_df, pd.DataFrame) else ["all"]
    )
    if missing or residual_df.empty:
        raise ModelInputError("a risk chart needs the table from residual (a non-empty DataFrame)")
    positions = residual_df[["likelihood", "impact", "residual_likelihood", "residual_impact"]]
    if not positions.isin([1, 2, 3, 4, 5]).all().all():
        raise ModelInputError("a risk chart needs likelihoods and impacts from 1 to 5, as residual gives")
    return residual_df


def _grid_points(table: pd.DataFrame, likelihood: str, impact: str) -> list[tuple[float, float]]:
    return _spread(list(zip(table[impact].astype(int), table[likelihood].astype(int))))


#: Slots (cell units, from the cell's centre) for 2 to 6 risks that end in the same cell,
#: in reading order: each risk's labelled square fits without touching another.
_SLOTS = {
    2: [(-0.2, 0.0), (0.2, 0.0)],
    3: [(-0.32, 0.0), (0.0, 0.0), (0.32, 0.0)],
    4: [(-0.2, 0.17), (0.2, 0.17), (-0.2, -0.17), (0.2, -0.17)],
    5: [(-0.32, 0.17), (0.0, 0.17), (0.32, 0.17), (-0.16, -0.17), (0.16, -0.17)],
    6: [(-0.32, 0.17), (0.0, 0.17), (0.32, 0.17), (-0.32, -0.17), (0.0, -0.17), (0.32, -0.17)],
}


def _spread_towards(points: list[tuple[int, int]], sources: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Where each risk's labelled square sits in its cell after mitigation.

    A risk alone in its cell sits at the centre. Risks that end in the same cell take the
    slots of :data:`_SLOTS` in reading order, sorted by the direction they come from
    (the steepest arrow to the top left), so their arrows do not cross.

    >>> _spread_towards([(1, 1)], [(3.0, 3.0)])
    [(1.0, 1.0)]
    >>> _spread_towards([(1, 1), (1, 1)], [(5.0, 1.0), (1.0, 5.0)])  # the one from above sits left
    [(1.2, 1.0), (0.8, 1.0)]
    """
    cells: dict[tuple[int, int], list[int]] = {}
    for i, point in enumerate(points):
        cells.setdefault(point, []).append(i)
    placed: list[tuple[float, float]] = [(0.0, 0.0)] * len(points)
    for (x, y), members in cells.items():
        if len(members) == 1:
            placed[members[0]] = (float(x), float(y))
            continue
        slots = _SLOTS.get(len(members)) or [(0.3 * np.cos(a), 0.3 * np.sin(a)) for a in
                                               np.linspace(0, 2 * np.pi, len(members), endpoint=False)]
        steepest_first = sorted(members, key=lambda i: (-float(np.arctan2(sources[i][1] - y, sources[i][0] - x)), i))
        for i, (dx, dy) in zip(steepest_first, slots):
            placed[i] = (round(x + dx, 6), round(y + dy, 6))
    return placed


class RiskChart(_KeptChart):
    """The 5 x 5 likelihood x impact grid for a fixed set of risks, redrawn as mitigations change.

    Built from one :func:`kpo_course.models.residual` table (which fixes the risks and where
    they start); :meth:`update` takes a new table for the same risks and moves only the
    squares and arrows, and :meth:`png` redraws only those (see :class:`_LiveFigure`).
    Each risk shows before (circle) and after (square) mitigation, with an arrow between;
    cells are tinted and hatched by level. ``labels`` maps risk ids, and the keys ``low``,
    ``medium``, ``high``, ``inherent`` and ``residual``, to the text shown.

    >>> from kpo_course.models import Mitigation, Risk, residual
    >>> chart = RiskChart(residual([Risk("ip_leak", 4, 5)]))
    >>> fig = chart.update(residual([Risk("ip_leak", 4, 5)], [Mitigation("nda", "ip_leak", 1, 2)]))
    >>> [(line.get_xdata().tolist(), line.get_ydata().tolist()) for line in fig.axes[0].get_lines()
    ...  if line.get_gid() == "residual"]
    [([3.0], [3.0])]
    """

    def __init__(
        self,
        residual_df: pd.DataFrame,
        labels: Mapping[str, str] | None = None,
        title: str = "Risk matrix",
        *,
        xlabel: str = "Impact",
        ylabel: str = "Likelihood",
        figsize: tuple[float, float] = FIGSIZE,
        dpi: float = DPI,
    ) -> None:
        table = _residual_table(residual_df)
        labels = _check_labels(labels)
        self.ids = [str(value) for value in table["risk_id"]]
        self.inherent = _grid_points(table, "likelihood", "impact")
        with _course_style():
            fig, ax = _new_figure(figsize, dpi, square=True)
            for level in LEVELS:  # one collection a level: far faster than 25 separate patches
                cells = [
                    Rectangle((impact - 0.5, likelihood - 0.5), 1, 1)
                    for likelihood in range(1, 6)
                    for impact in range(1, 6)
                    if risk_level(impact * likelihood) == level
                ]
                ax.add_collection(PatchCollection(
                    cells, facecolor=_LEVEL_COLOURS[level], alpha=0.3, edgecolor=_LEVEL_COLOURS[level],
                    hatch=_LEVEL_HATCHES[level], linewidth=0, gid=f"cells_{level}",
                ), autolim=False)
            edges = np.arange(0.5, 6.0, 1.0)
            ax.hlines(edges, 0.5, 5.5, color="white", linewidth=1.5)
            ax.vlines(edges, 0.5, 5.5, color="white", linewidth=1.5)
            self._arrows = [
                ax.add_patch(FancyArrowPatch(
                    start, start, arrowstyle="->", mutation_scale=10, color=OKABE_ITO["blue"], linewidth=1.0,
                    shrinkA=4, shrinkB=4, zorder=2.5, gid=f"arrow_{risk_id}",  # over the white grid lines
                ))
                for risk_id, start in zip(self.ids, self.inherent)
            ]
            # both marks are filled, in the grid as in the key: a dark circle before, a blue square after
            ax.plot(
                np.array([x for x, _ in self.inherent]), np.array([y for _, y in self.inherent]),
                linestyle="none", marker="o", markersize=7,
                markerfacecolor=_BEFORE_COLOUR, markeredgecolor="white", markeredgewidth=0.8,
                label=_label(labels, "inherent", "Before mitigation"), gid="inherent",
            )
            (self._after,) = ax.plot(
                [], [], linestyle="none", marker="s", markersize=6, color=OKABE_ITO["blue"],
                markeredgecolor="white", markeredgewidth=0.6, zorder=2.45,
                label=_label(labels, "residual", "After mitigation"), gid="residual",
            )
            # each square says which risk it is: a blue box with the risk's label, shown once the risk moved
            self._after_labels = [
                ax.text(x, y, _label(labels, risk_id), ha="center", va="center", fontsize=6, color="white",
                        fontweight="bold", zorder=2.6, gid=f"after_label_{risk_id}", visible=False,
                        bbox={"boxstyle": "square,pad=0.25", "facecolor": OKABE_ITO["blue"],
                              "edgecolor": "white", "linewidth": 0.6})
                for risk_id, (x, y) in zip(self.ids, self.inherent)
            ]
            for risk_id, (x, y) in zip(self.ids, self.inherent):  # under the squares and arrows, which move
                ax.annotate(_label(labels, risk_id), (x, y), xytext=(5, 4), textcoords="offset points",
                            fontsize=7, zorder=2.4, gid=f"label_{risk_id}")
            level_keys = [
                Patch(facecolor=_LEVEL_COLOURS[level], alpha=0.3, edgecolor=_LEVEL_COLOURS[level],
                      hatch=_LEVEL_HATCHES[level], label=_label(labels, level, level.capitalize()))
                for level in LEVELS
            ]
            handles, _ = ax.get_legend_handles_labels()
            ax.legend(handles=handles + level_keys, loc="upper left", bbox_to_anchor=(1.02, 1.0))
            ax.set_xlim(0.5, 5.5)
            ax.set_ylim(0.5, 5.5)
            ax.set_xticks(range(1, 6))
            ax.set_yticks(range(1, 6))
            ax.set_aspect("equal")
            ax.set_title(title)
            ax.set_xlabel(xlabel)
            ax.set_ylabel(ylabel)
            for side in ("top", "right"):
                ax.spines[side].set_visible(True)
        # Squares and arrows lie above every fixed artist they can meet, so drawing them on
        # the kept pixels gives the very picture a full draw gives.
        self.live = _LiveFigure(fig, [*self._arrows, self._after, *self._after_labels])


    def update(self, residual_df: pd.DataFrame) -> Figure:
        """Show ``residual_df`` (the same risks, starting where they did); returns the Figure."""
        table = _residual_table(residual_df)
        if [str(value) for value in table["risk_id"]] != self.ids or _grid_points(
            table, "likelihood", "impact"
        ) != self.inherent:
            raise ModelInputError("this risk chart was made for other risks")
        cells = list(zip(table["residual_impact"].astype(int), table["residual_likelihood"].astype(int)))
        starts = list(zip(table["impact"].astype(int), table["likelihood"].astype(int)))
        moved = [cell != start for cell, start in zip(cells, starts)]
        placed = _spread_towards(cells, self.inherent)
        after = [xy if move else start for xy, move, start in zip(placed, moved, self.inherent)]
        for arrow, label, start, end, move in zip(self._arrows, self._after_labels, self.inherent, after, moved):
            arrow.set_positions(start, end)
            arrow.set_visible(move)
            label.set_position(end)
            label.set_visible(move)
        self._after.set_data(np.array([x for x, _ in after]), np.array([y for _, y in after]))
        return self.figure


def figure_to_png(fig: Figure, *, dpi: float | None = None) -> bytes:
    """The figure as PNG bytes; the same figure gives the same bytes every time.

    No timestamp or software version is written, and ``dpi`` defaults to the figure's own.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(1, 1), dpi=50)
    >>> figure_to_png(fig) == figure_to_png(fig)
    True
    """
    if not isinstance(fig, Figure):
        raise ModelInputError(f"figure_to_png needs a matplotlib Figure (got {type(fig).__name__})")
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    with _course_style():
        fig.canvas.print_figure(
            buffer, format="png", dpi=dpi if dpi is not None else fig.dpi,
            facecolor="white", edgecolor="white", bbox_inches=None, metadata={"Software": None},
            pil_kwargs={"compress_level": 1},  # fast; the PNG is a little larger
        )
    return buffer.getvalue()


def _show_figures_in_notebooks() -> None:
    """Let a chart returned as a cell's last value display as a picture in Jupyter.

    IPython learns to draw Figures only once pyplot has been imported; the course's charts
    never import pyplot, so without this a student would see ``<Figure size 600x320 ...>``.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    png = shell.display_formatter.formatters["image/png"]
    try:
        png.lookup_by_type(Figure)  # pyplot's inline backend is already in charge: leave it
    except KeyError:
        png.for_type(Figure, figure_to_png)


_show_figures_in_notebooks()
