"""Charts: each chart class's ``update`` returns a Figure whose Axes hold the model's data (checked as data, not pixels)."""
from __future__ import annotations

import io
import subprocess
import sys

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from kpo_course import models, plots

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def cost_table():
    return models.cumulative_costs(models.default_options(), 36)


@pytest.fixture
def flexibility_result():
    return models.simulate(models.demand_curve(), notice_months=2)


@pytest.fixture
def decision_result():
    return models.weighted_scores(
        {"cost": 0.5, "quality": 0.3, "security": 0.2},
        {
            "in_house": {"cost": 2, "quality": 5, "security": 5},
            "offshore": {"cost": 5, "quality": 3, "security": 3},
            "captive": {"cost": 4, "quality": 4, "security": 4},
        },
    )


@pytest.fixture
def risk_table():
    risks = [models.Risk("ip_leak", 4, 5), models.Risk("quality", 3, 4), models.Risk("morale", 3, 3)]
    done = [models.Mitigation("nda", "ip_leak", 1, 1), models.Mitigation("room", "ip_leak", 1, 1),
            models.Mitigation("sla", "quality", 1, 0)]
    return models.residual(risks, done)


def cost_figure(table, break_even=None, **options):
    """A fresh CostChart showing ``table``."""
    return plots.CostChart([str(c) for c in table.columns], **options).update(table, break_even)


def flexibility_figure(result, **options):
    return plots.FlexibilityChart(**options).update(result)


def decision_figure(result, **options):
    return plots.DecisionChart(list(result.ranking), list(result.contributions.columns), **options).update(result)


def risk_figure(table, **options):
    return plots.RiskChart(table, **options).update(table)


def _by_gid(ax, gid):
    found = [artist for artist in ax.get_children() if artist.get_gid() == gid]
    assert found, f"no artist with gid {gid!r}"
    return found[0]


def _check_figure(fig):
    assert isinstance(fig, Figure)
    assert isinstance(fig.canvas, FigureCanvasAgg)
    assert 80 <= fig.dpi <= 100
    width, height = fig.get_size_inches()
    assert (width, height) == (6.0, 3.2)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel()
    return ax


def test_okabe_ito_palette():
    assert plots.OKABE_ITO == {
        "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
        "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
    }
    assert set(plots.PALETTE) == set(plots.OKABE_ITO.values())


# --- cost chart -----------------------------------------------------------------------------

def test_cost_chart_holds_one_line_per_option(cost_table):
    fig = cost_figure(cost_table, break_even=14, labels={"captive": "Egen enhet"},
                           title="Kumulativ kostnad", xlabel="Månad", ylabel="Kostnad")
    ax = _check_figure(fig)
    assert ax.get_title() == "Kumulativ kostnad" and ax.get_xlabel() == "Månad"
    for column in cost_table.columns:
        line = _by_gid(ax, column)
        assert np.array_equal(line.get_xdata(), np.arange(1, 37))
        assert np.array_equal(line.get_ydata(), cost_table[column].to_numpy())
    assert _by_gid(ax, "captive").get_label() == "Egen enhet"
    assert _by_gid(ax, "in_house").get_label() == "in_house"
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == ["in_house", "onshore_vendor", "offshore_vendor", "Egen enhet"]


def test_cost_chart_marks_break_even(cost_table):
    ax = cost_figure(cost_table, break_even=14, break_even_text="break-even i månad {month}").axes[0]
    marker = _by_gid(ax, "break_even")
    assert list(marker.get_xdata()) == [14, 14]
    assert _by_gid(ax, "break_even_text").get_text() == "break-even i månad 14"
    plain = cost_figure(cost_table).axes[0]
    assert not [a for a in plain.get_children() if a.get_gid() == "break_even" and a.get_visible()]


def test_cost_lines_differ_in_more_than_colour(cost_table):
    ax = cost_figure(cost_table).axes[0]
    lines = [_by_gid(ax, column) for column in cost_table.columns]
    assert len({line.get_linestyle() for line in lines}) == len(lines)
    assert len({line.get_marker() for line in lines}) == len(lines)
    assert {line.get_color() for line in lines} <= set(plots.PALETTE)


def test_cost_chart_formats_money(cost_table):
    fig = cost_figure(cost_table, value_formatter=lambda v: f"{v / 1e6:.1f} Mkr")
    ax = fig.axes[0]
    assert ax.yaxis.get_major_formatter()(2_000_000, 0) == "2.0 Mkr"
    assert cost_figure(cost_table).axes[0].yaxis.get_major_formatter()(2_000_000, 0) == "2,000,000"


@pytest.mark.parametrize("bad", [None, [1, 2], {"a": [1]}, pd.DataFrame({"a": ["x", "y"]}),
                                 pd.DataFrame({"a": [1.0]}, index=["one"]), pd.DataFrame({"a": [1.0, np.nan]})])
def test_cost_chart_rejects_what_is_not_a_cost_table(bad):
    with pytest.raises(models.ModelInputError):
        plots.CostChart(["a"]).update(bad)


def test_cost_chart_rejects_a_bad_break_even(cost_table):
    with pytest.raises(models.ModelInputError):
        cost_figure(cost_table, break_even=0)
    with pytest.raises(models.ModelInputError):
        cost_figure(cost_table, labels=["not", "a", "dict"])


# --- flexibility chart -------------------------------------------------------------------------

def test_flexibility_chart_holds_demand_and_both_capacities(flexibility_result):
    fig = flexibility_figure(flexibility_result, labels={"demand": "Efterfrågan"})
    ax = _check_figure(fig)
    table = flexibility_result.monthly
    for gid in ("demand", "in_house_capacity", "kpo_capacity"):
        line = _by_gid(ax, gid)
        assert np.array_equal(line.get_ydata(), table[gid].to_numpy())
        assert np.array_equal(line.get_xdata(), table["month"].to_numpy())
    assert _by_gid(ax, "demand").get_label() == "Efterfrågan"
    styles = {_by_gid(ax, gid).get_linestyle() for gid in ("demand", "in_house_capacity", "kpo_capacity")}
    assert len(styles) == 3
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "In-house staff idle" in legend and "Not met by KPO" in legend


def test_flexibility_chart_shades_only_areas_that_exist():
    result = models.simulate([5, 5, 5], in_house_staff=5, notice_months=0)
    ax = flexibility_figure(result).axes[0]
    gids = {artist.get_gid() for artist in ax.get_children()}
    assert not gids & {"in_house_idle", "in_house_unmet", "kpo_unmet"}


def test_flexibility_chart_needs_a_result():
    with pytest.raises(models.ModelInputError, match="simulate"):
        flexibility_figure([1, 2, 3])


# --- decision chart --------------------------------------------------------------------------

def _segments(collection):
    """(left, width, y centre) of each bar in a PatchCollection, in data units."""
    boxes = [path.get_extents() for path in collection.get_paths()]
    return [(box.x0, box.width, (box.y0 + box.y1) / 2) for box in boxes]


def test_decision_chart_bars_add_up_to_the_totals(decision_result):
    fig = decision_figure(decision_result, labels={"cost": "Kostnad", "offshore": "Offshore"})
    ax = _check_figure(fig)
    ranking = list(decision_result.ranking)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1. Offshore", "2. captive", "3. in_house"]
    criteria = list(decision_result.weights.index)
    stacks = [_by_gid(ax, criterion) for criterion in criteria]  # one stacked segment per criterion
    assert all(isinstance(stack, PatchCollection) for stack in stacks)
    widths = np.array([[width for _, width, _ in _segments(stack)] for stack in stacks])
    assert widths.sum(axis=0) == pytest.approx(decision_result.totals.loc[ranking].to_numpy())
    for stack, criterion in zip(stacks, criteria):
        expected = decision_result.contributions.loc[ranking, criterion].to_numpy()
        assert [width for _, width, _ in _segments(stack)] == pytest.approx(expected)
    # segments stack: each starts where the previous criterion's ended
    lefts = np.array([[left for left, _, _ in _segments(stack)] for stack in stacks])
    assert lefts[1:] == pytest.approx(np.cumsum(widths, axis=0)[:-1])
    hatches = {stack.get_hatch() or "" for stack in stacks}
    assert len(hatches) == 3  # colour is not alone
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Kostnad", "quality", "security"]
    totals_text = [t.get_text() for t in ax.texts]
    assert totals_text == [f"{decision_result.totals[o]:.2f}" for o in ranking]


def test_decision_chart_winner_is_on_top(decision_result):
    ax = decision_figure(decision_result).axes[0]
    y_of = {label.get_text(): y for label, y in zip(ax.get_yticklabels(), ax.get_yticks())}
    assert y_of["1. offshore"] == max(y_of.values())
    first_bar = _segments(_by_gid(ax, "cost"))[0]
    assert first_bar[2] == pytest.approx(max(y_of.values()))


def test_decision_chart_needs_a_result():
    with pytest.raises(models.ModelInputError, match="weighted_scores"):
        plots.DecisionChart(["a"], ["cost"]).update({"a": 1})


# --- risk matrix ---------------------------------------------------------------------------------

def test_risk_matrix_places_each_risk_before_and_after(risk_table):
    fig = risk_figure(risk_table, labels={"ip_leak": "IP-läcka", "inherent": "Före"})
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Impact" and ax.get_ylabel() == "Likelihood"
    inherent = _by_gid(ax, "inherent")
    after = _by_gid(ax, "residual")
    assert np.round(inherent.get_xdata()).tolist() == risk_table["impact"].tolist()
    assert np.round(inherent.get_ydata()).tolist() == risk_table["likelihood"].tolist()
    assert np.round(after.get_xdata()).tolist() == risk_table["residual_impact"].tolist()
    assert np.round(after.get_ydata()).tolist() == risk_table["residual_likelihood"].tolist()
    assert inherent.get_marker() != after.get_marker()
    assert inherent.get_label() == "Före"
    assert _by_gid(ax, "label_ip_leak").get_text() == "IP-läcka"
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch) and p.get_visible()]
    moved = (risk_table["score"] != risk_table["residual_score"]).sum()
    assert len(arrows) == moved == 2


def test_risk_matrix_grid_is_five_by_five_with_hatched_levels(risk_table):
    ax = risk_figure(risk_table).axes[0]
    assert ax.get_xlim() == (0.5, 5.5) and ax.get_ylim() == (0.5, 5.5)
    cells = {level: _by_gid(ax, f"cells_{level}") for level in models.LEVELS}
    assert all(isinstance(c, PatchCollection) for c in cells.values())
    counts = {level: len(c.get_paths()) for level, c in cells.items()}
    assert counts == {"low": 8, "medium": 7, "high": 10}  # scores 1-4, 5-9, 10-25 on the grid
    assert len({c.get_hatch() or "" for c in cells.values()}) == 3
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Before mitigation", "After mitigation", "Low", "Medium", "High"]


def test_risks_sharing_a_cell_do_not_hide_each_other():
    table = models.residual([models.Risk("a", 3, 3), models.Risk("b", 3, 3)])
    inherent = _by_gid(risk_figure(table).axes[0], "inherent")
    points = set(zip(inherent.get_xdata(), inherent.get_ydata()))
    assert len(points) == 2


def all_mitigated_course_risks():
    from kpo_course.content import load

    content = load().risks
    risks = [models.Risk(r.id, r.likelihood, r.impact) for r in content]
    measures = [models.Mitigation(m.id, r.id, m.likelihood_reduction, m.impact_reduction)
                for r in content for m in r.mitigations]
    return models.residual(risks, measures)


def test_before_marks_are_filled_in_the_grid_and_in_the_key(risk_table):
    ax = risk_figure(risk_table).axes[0]
    inherent = _by_gid(ax, "inherent")
    key = ax.get_legend().legend_handles[0]
    assert matplotlib.colors.to_hex(inherent.get_markerfacecolor()) not in ("#ffffff", "none")
    assert key.get_markerfacecolor() == inherent.get_markerfacecolor()
    assert key.get_marker() == inherent.get_marker() == "o"


def test_every_moved_risk_is_labelled_on_its_own_square():
    table = all_mitigated_course_risks()
    labels = {r: f"R{i + 1}" for i, r in enumerate(table["risk_id"])}
    ax = risk_figure(table, labels=labels).axes[0]
    after = _by_gid(ax, "residual")
    squares = list(zip(after.get_xdata(), after.get_ydata()))
    assert len(set(squares)) == len(squares)  # no two squares on one spot
    for (risk_id, text), square in zip(labels.items(), squares):
        label = _by_gid(ax, f"after_label_{risk_id}")
        assert label.get_visible() and label.get_text() == text and label.get_position() == square


def test_arrows_into_one_cell_do_not_cross():
    table = all_mitigated_course_risks()
    ax = risk_figure(table).axes[0]
    starts = list(zip(_by_gid(ax, "inherent").get_xdata(), _by_gid(ax, "inherent").get_ydata()))
    ends = list(zip(_by_gid(ax, "residual").get_xdata(), _by_gid(ax, "residual").get_ydata()))

    def side(a, b, c):
        return np.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]))

    def cross(p1, p2, q1, q2):
        return side(p1, p2, q1) * side(p1, p2, q2) < 0 and side(q1, q2, p1) * side(q1, q2, p2) < 0

    pairs = [(i, j) for i in range(len(starts)) for j in range(i + 1, len(starts))]
    crossing = [(i, j) for i, j in pairs if cross(starts[i], ends[i], starts[j], ends[j])]
    assert crossing == []


def test_an_untouched_risk_has_no_after_label(risk_table):
    ax = risk_figure(risk_table).axes[0]
    unmoved = risk_table.loc[risk_table["score"] == risk_table["residual_score"], "risk_id"]
    assert len(unmoved) and all(not _by_gid(ax, f"after_label_{r}").get_visible() for r in unmoved)


@pytest.mark.parametrize("bad", [None, [1], "table"])
def test_risk_matrix_needs_a_residual_table(bad, risk_table):
    with pytest.raises(models.ModelInputError, match="residual"):
        risk_figure(bad)
    with pytest.raises(models.ModelInputError):
        risk_figure(risk_table.drop(columns="level"))
    with pytest.raises(models.ModelInputError):
        risk_figure(risk_table.iloc[0:0])
    off_the_grid = risk_table.copy()
    off_the_grid.loc[0, "impact"] = 7
    with pytest.raises(models.ModelInputError, match="1 to 5"):
        risk_figure(off_the_grid)
    holey = risk_table.astype({"likelihood": float})
    holey.loc[1, "likelihood"] = np.nan
    with pytest.raises(models.ModelInputError, match="1 to 5"):
        risk_figure(holey)


# --- charts kept alive (redrawn in part) -----------------------------------------------------------

def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


DECISION_SCORES = {
    "in_house": {"cost": 2, "quality": 5, "security": 5},
    "offshore": {"cost": 5, "quality": 3, "security": 3},
    "captive": {"cost": 4, "quality": 4, "security": 4},
}


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(*[st.integers(0, 9)] * 3).filter(any), min_size=1, max_size=4))
def test_a_live_decision_chart_looks_exactly_like_a_fresh_one(weight_rows):
    """However many results a kept chart has shown, its picture is the full drawing of the last one."""
    live = plots.DecisionChart(list(DECISION_SCORES), ["cost", "quality", "security"], x_max=5)
    for row in weight_rows:
        result = models.weighted_scores(dict(zip(["cost", "quality", "security"], row)), DECISION_SCORES)
        live.update(result)
        shown = live.png()
    fresh = plots.DecisionChart(list(DECISION_SCORES), ["cost", "quality", "security"], x_max=5)
    fresh.update(result)
    assert shown == fresh.png()
    assert (_pixels(shown) == _pixels(plots.figure_to_png(fresh.figure))).all()
    names = [t.get_text() for t in live.figure.axes[0].get_yticklabels()]
    assert names == [f"{rank}. {option}" for rank, option in enumerate(result.ranking, 1)]


def test_a_live_risk_chart_looks_exactly_like_a_fresh_one(risk_table):
    risks = [models.Risk(r, int(l), int(i)) for r, l, i in risk_table[["risk_id", "likelihood", "impact"]].itertuples(index=False)]
    untouched = models.residual(risks)
    live = plots.RiskChart(untouched)
    pictures = []
    for table in (risk_table, untouched, risk_table):
        live.update(table)
        pictures.append(live.png())
    assert pictures[0] == pictures[2] != pictures[1]
    fresh = plots.RiskChart(untouched)
    fresh.update(risk_table)
    assert (_pixels(pictures[2]) == _pixels(plots.figure_to_png(fresh.figure))).all()
    arrows = [p for p in live.figure.axes[0].patches if isinstance(p, FancyArrowPatch) and p.get_visible()]
    assert len(arrows) == 2  # ip_leak and quality moved; morale did not


_GRID = st.integers(1, 5)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(_GRID, _GRID, st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=6),
       st.lists(st.booleans(), min_size=6, max_size=6))
def test_risks_anywhere_on_a_live_grid_look_as_in_a_full_drawing(rows, first_ticks):
    """Squares and arrows drawn on the kept pixels: the same picture, wherever the risks sit."""
    risks = [models.Risk(f"risk{i}", likelihood, impact) for i, (likelihood, impact, _, _) in enumerate(rows)]
    measures = [models.Mitigation(f"m{i}", f"risk{i}", cut_l, cut_i) for i, (_, _, cut_l, cut_i) in enumerate(rows)]
    first = models.residual(risks, [m for m, tick in zip(measures, first_ticks) if tick])
    last = models.residual(risks, measures)
    live = plots.RiskChart(first)
    live.update(first)
    live.png()
    live.update(last)
    fresh = plots.RiskChart(first)
    fresh.update(last)
    assert (_pixels(live.png()) == _pixels(plots.figure_to_png(fresh.figure))).all()


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 60), st.one_of(st.none(), st.integers(1, 60)), st.integers(0, 200_000)),
                min_size=1, max_size=4))
def test_a_kept_cost_chart_looks_exactly_like_a_fresh_one(states):
    """Horizon, break-even and amounts changed in any order: the picture is the last state's, drawn afresh."""
    def table(horizon, fee):
        options = [models.Option("in_house", monthly_cost=100_000), models.Option("kpo", monthly_cost=fee)]
        return models.cumulative_costs(options, horizon)

    kept = plots.CostChart(["in_house", "kpo"])
    for horizon, break_even, fee in states:
        kept.update(table(horizon, fee), break_even)
        shown = kept.png()
    fresh = cost_figure(table(horizon, fee), break_even)
    assert (_pixels(shown) == _pixels(plots.figure_to_png(fresh))).all()


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 0.9), st.integers(0, 6), st.integers(0, 20)), min_size=1, max_size=4))
def test_a_kept_flexibility_chart_looks_exactly_like_a_fresh_one(states):
    """Areas come and go with the inputs; the key lists only those drawn, as a fresh chart's does."""
    kept = plots.FlexibilityChart()
    for dip, notice, staff in states:
        result = models.simulate(models.demand_curve(dip=dip), notice_months=notice, in_house_staff=staff)
        kept.update(result)
        shown = kept.png()
    fresh = flexibility_figure(result)
    assert (_pixels(shown) == _pixels(plots.figure_to_png(fresh))).all()
    drawn = sorted(c.get_gid() for c in kept.figure.axes[0].collections)
    assert drawn == sorted(c.get_gid() for c in fresh.axes[0].collections)


def test_a_live_chart_refuses_a_result_it_was_not_made_for(decision_result, risk_table):
    chart = plots.DecisionChart(["in_house", "offshore"], ["cost", "quality", "security"])
    with pytest.raises(models.ModelInputError, match="other options"):
        chart.update(decision_result)
    with pytest.raises(models.ModelInputError, match="weighted_scores"):
        chart.update({"in_house": 1})
    grid = plots.RiskChart(risk_table)
    with pytest.raises(models.ModelInputError, match="other risks"):
        grid.update(models.residual([models.Risk("ip_leak", 1, 1)]))
    with pytest.raises(models.ModelInputError, match="residual"):
        grid.update(None)


# --- PNG ---------------------------------------------------------------------------------------------

def test_png_bytes_are_deterministic(cost_table, flexibility_result, decision_result, risk_table):
    builders = [
        lambda: cost_figure(cost_table, break_even=14),
        lambda: flexibility_figure(flexibility_result),
        lambda: decision_figure(decision_result),
        lambda: risk_figure(risk_table),
    ]
    for build in builders:
        fig = build()
        first = plots.figure_to_png(fig)
        assert first.startswith(PNG_SIGNATURE)
        assert plots.figure_to_png(fig) == first
        assert plots.figure_to_png(build()) == first  # a fresh figure from the same input, too
        assert b"Software" not in first and b"matplotlib" not in first.lower()


def test_charts_ignore_the_notebooks_style(cost_table):
    expected = plots.figure_to_png(cost_figure(cost_table))
    with matplotlib.rc_context({"lines.linewidth": 5, "font.size": 20, "axes.facecolor": "black"}):
        assert plots.figure_to_png(cost_figure(cost_table)) == expected


def test_dollar_signs_in_labels_are_plain_text(cost_table):
    fig = cost_figure(cost_table, labels={"captive": "US$1m to US$2m"}, ylabel="Cost in US$ (illustrative $)")
    assert plots.figure_to_png(fig).startswith(PNG_SIGNATURE)
    texts = [t for t in fig.findobj(Text) if "$" in t.get_text()]
    assert {t.get_text() for t in texts} >= {"US$1m to US$2m", "Cost in US$ (illustrative $)"}
    for text in texts:  # what decides, when drawn, whether a text is typeset as a formula
        assert text.get_parse_math() is False and text._preprocess_math(text.get_text())[1] is False
    # the drawn label keeps both $: as mathtext, "$1m to US$" would be a formula of another width
    renderer = fig.canvas.get_renderer()
    label = next(t for t in texts if t.get_text() == "US$1m to US$2m")
    plain = label.get_window_extent(renderer).width
    label.set_parse_math(True)
    assert label.get_window_extent(renderer).width != pytest.approx(plain, abs=0.5)


def test_png_size_follows_the_figure(cost_table):
    png = plots.figure_to_png(cost_figure(cost_table))
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert (width, height) == (600, 320)


def test_figure_to_png_rejects_non_figures():
    with pytest.raises(models.ModelInputError, match="Figure"):
        plots.figure_to_png("not a figure")


def test_figure_from_another_canvas_is_still_rendered():
    fig = Figure(figsize=(1, 1), dpi=40)  # no canvas attached by us
    assert plots.figure_to_png(fig).startswith(PNG_SIGNATURE)


def test_plots_never_touch_pyplot_and_models_never_touch_matplotlib():
    code = (
        "import sys\n"
        "import kpo_course.models\n"
        "assert 'matplotlib' not in sys.modules, 'models imported matplotlib'\n"
        "from kpo_course import models, plots\n"
        "o = models.default_options()\n"
        "t = models.cumulative_costs(o, 12)\n"
        "plots.figure_to_png(plots.CostChart(list(t.columns)).update(t))\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'plots imported pyplot'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_charts_display_as_pictures_in_a_notebook_without_pyplot(monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    import IPython
    shell = InteractiveShell.instance()
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    plots._show_figures_in_notebooks()
    fig = cost_figure(models.cumulative_costs(models.default_options(), 12))
    data, _ = shell.display_formatter.format(fig)
    assert data["image/png"] == plots.figure_to_png(fig)
