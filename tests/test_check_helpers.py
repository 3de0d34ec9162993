"""The checks' shared building blocks (kinds, charts, tables): right answers, slips and hostile input.

Each helper is tried on its normal case and on what a learner may really hand in: None, ``...``,
the wrong type, NaN and infinity, a 10 MB string, empty tables, a figure with no axes, bars
without labels. Where a property is natural (``amount`` never raises and accepts only numbers
close to the target) hypothesis tries many inputs.
"""
from __future__ import annotations

import ast
import math
import os
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from kpo_course import checks
from kpo_course.checks import kinds
from kpo_course.checks.charts import axes_label_problem, bar_data, chart, chart_text_problem, figure_check
from kpo_course.checks.kinds import (Verdict, amount, both, describe, is_table, labels_brief, number, number_text,
                                     refuse_tables, say, wrong_type)
from kpo_course.checks.tables import as_mapping, as_series_dict, rows_table

matplotlib.use("Agg")

CHECKS = Path(kinds.__file__).parent
BIG = "x" * 10_000_000
RIGHT = say("Right.", "Rätt.")

#: Anything a learner might hand in, for the "never raises" properties.
anything = st.one_of(
    st.none(), st.just(...), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.fractions(), st.decimals(allow_nan=True, allow_infinity=True), st.complex_numbers(allow_nan=True),
    st.text(max_size=50), st.binary(max_size=20), st.lists(st.integers(), max_size=10),
    st.dictionaries(st.one_of(st.text(max_size=5), st.integers()), st.integers(), max_size=5),
    st.builds(lambda v: pd.Series(v, dtype=object), st.lists(st.one_of(st.none(), st.floats(), st.text()), max_size=5)),
    st.builds(lambda v: pd.DataFrame({"a": v}), st.lists(st.floats(allow_nan=True), max_size=5)),
    st.just(pd.DataFrame()), st.just(pd.Series(dtype=float)), st.just(np.array([1.0, np.nan])),
    st.just(BIG), st.just(object()), st.just(Figure()),
)


def axes(**settings_) -> object:
    """A fresh Axes on a Figure of its own (no pyplot state), with ``ax.set(**settings_)``."""
    return Figure().add_subplot(**settings_)


def bars(labels=("India", "Poland"), values=(46.0, 12.5), **settings_) -> object:
    ax = axes(**settings_)
    ax.bar(list(labels), list(values))
    return ax


# --------------------------------------------------------------------------- structure


def test_no_exercise_module_imports_another():
    """Shared helpers live in kinds, charts, tables and expected, not in an exercise that others borrow from."""
    for path in sorted(CHECKS.glob("ex0*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                assert not (node.module or "").startswith("ex0"), f"{path.name} imports from .{node.module}"


def test_helper_modules_import_neither_pandas_nor_matplotlib():
    code = ("import sys; import kpo_course.checks.kinds, kpo_course.checks.charts, kpo_course.checks.tables, kpo_course.checks.expected; "
            "print(sorted(m for m in ('pandas', 'matplotlib', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --------------------------------------------------------------------------- is_table, both, number_text


@pytest.mark.parametrize("answer", [pd.DataFrame(), pd.Series(dtype=float), pd.DataFrame({"a": [1]}),
                                    pd.Series([np.nan])])
def test_is_table_is_true_for_any_dataframe_or_series(answer):
    assert is_table(answer) is True


@pytest.mark.parametrize("answer", [None, ..., 0, float("nan"), "DataFrame", [1], {"a": 1}, np.array([1, 2]),
                                    pd.Index([1]), Figure(), BIG])
def test_is_table_is_false_for_everything_else(answer):
    assert is_table(answer) is False


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=anything)
def test_is_table_never_raises(answer):
    assert is_table(answer) is isinstance(answer, (pd.DataFrame, pd.Series))


def test_both_asks_once_per_language_in_order():
    asked = []
    assert both(lambda lang: asked.append(lang) or lang.upper()) == {"en": "EN", "sv": "SV"}
    assert asked == ["en", "sv"]


@pytest.mark.parametrize(("value", "decimals", "en", "sv"), [
    (1234.5, 1, "1,234.5", "1\xa0234,5"),  # no-break spaces: a number never wraps
    (1234.5, 0, "1,234", "1\xa0234"),          # rounds half to even, as Python's format does
    (27710.8434, 2, "27,710.84", "27\xa0710,84"),
    (-1_234_567.891, 2, "-1,234,567.89", "-1\xa0234\xa0567,89"),
    (0, 0, "0", "0"),
    (7, 3, "7.000", "7,000"),
    (float("nan"), 2, "nan", "nan"),
    (float("inf"), 0, "inf", "inf"),
])
def test_number_text_writes_english_and_swedish(value, decimals, en, sv):
    assert number_text(value, decimals) == {"en": en, "sv": sv}


@given(value=st.floats(min_value=-1e12, max_value=1e12), decimals=st.integers(0, 4))
def test_number_text_swedish_is_english_with_swapped_separators(value, decimals):
    text = number_text(value, decimals)
    assert text["sv"] == text["en"].replace(",", "\xa0").replace(".", ",")
    assert float(text["en"].replace(",", "")) == pytest.approx(value, abs=10 ** -decimals)


# --------------------------------------------------------------------------- describe, wrong_type


class BrokenRepr:
    def __repr__(self):
        raise RuntimeError("no repr")


@pytest.mark.parametrize(("answer", "en", "sv"), [
    (None, "nothing (None: no value was stored)", "ingenting (None: inget värde sparades)"),
    (..., "... (the placeholder, not an answer yet)", "... (platshållaren, inget svar än)"),
    (float("nan"), "a number that is not finite (NaN or infinity): nan",
     "ett tal som inte är ändligt (NaN eller oändligt): nan"),
    ([1, 2], "a list: [1, 2]", "en lista: [1, 2]"),
    ("8", "text (a str): '8'", "text (en str): '8'"),
    ((1, 2, 3), "several values separated by commas (a tuple): (1, 2, 3)",
     "flera värden åtskilda av komman (en tuple): (1, 2, 3)"),
    (pd.DataFrame(), "a pandas table (DataFrame) with 0 rows and 0 columns",
     "en pandas-tabell (DataFrame) med 0 rader och 0 kolumner"),
    (pd.DataFrame({"a": [1]}), "a pandas table (DataFrame) with 1 row and 1 column",
     "en pandas-tabell (DataFrame) med 1 rad och 1 kolumn"),
    (pd.DataFrame({"a": [1, 2], "b": [3, 4]}), "a pandas table (DataFrame) with 2 rows and 2 columns",
     "en pandas-tabell (DataFrame) med 2 rader och 2 kolumner"),
    (pd.Series(dtype=float), "a pandas column of values (Series) with 0 values",
     "en pandas-kolumn med värden (Series) med 0 värden"),
    (pd.Series([5]), "a pandas column of values (Series) with 1 value", "en pandas-kolumn med värden (Series) med 1 värde"),
])
def test_describe_names_the_answer_and_tables_by_their_shape(answer, en, sv):
    assert describe(answer) == {"en": en, "sv": sv}


def test_describe_survives_a_repr_that_raises():
    assert describe(BrokenRepr())["en"].startswith("a BrokenRepr: <BrokenRepr instance at 0x")


def test_describe_keeps_huge_answers_short():
    assert len(describe(BIG)["en"]) < 100
    assert describe(pd.DataFrame(np.zeros((100_000, 3))))["en"] == "a pandas table (DataFrame) with 100000 rows and 3 columns"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=anything)
def test_describe_never_raises_and_stays_short(answer):
    text = describe(answer)
    assert set(text) == {"en", "sv"} and all(0 < len(t) <= 100 for t in text.values())


def test_wrong_type_says_what_was_expected_and_what_came():
    verdict = wrong_type("a number", "ett tal", pd.DataFrame({"a": [1, 2]}))
    assert verdict == Verdict(False, {
        "en": "Expected a number, but got a pandas table (DataFrame) with 2 rows and 1 column.",
        "sv": "Förväntade ett tal, men fick en pandas-tabell (DataFrame) med 2 rader och 1 kolumn."}, {"reason": "type", "type": "DataFrame"})


@pytest.mark.parametrize(("answer", "kind"), [(None, "NoneType"), (..., "ellipsis"), (float("nan"), "float"),
                                              (BIG, "str"), (pd.Series(dtype=float), "Series")])
def test_wrong_type_never_says_correct(answer, kind):
    verdict = wrong_type("a dict", "en dict", answer)
    assert verdict.correct is False and verdict.result == {"reason": "type", "type": kind}
    assert len(verdict.message["en"]) < 150


def test_wrong_type_explains_a_series_with_a_label_twice():
    verdict = wrong_type("one value per location", "ett värde per land", pd.Series([1, 2], index=["A", "A"]))
    assert verdict.result == {"reason": "duplicates"}
    assert verdict.message["en"] == ("Expected one value per location, but your Series has some labels twice: "
                                     "one value per label.")


# --------------------------------------------------------------------------- amount

SLIP = say("In thousands.", "I tusental.")


def revenue() -> object:
    return amount(lambda: 27_710.84, 100, right=RIGHT, slips=lambda: [(27.71, SLIP)],
                  too_high=say("Too high.", "För högt."), too_low=say("Too low.", "För lågt."))


@pytest.mark.parametrize("answer", [27_710.84, 27_650, 27_810.84, np.float64(27_700), np.int64(27_700),
                                    Fraction(27_700)])
def test_amount_accepts_numbers_within_the_tolerance(answer):
    verdict = revenue()(answer)
    assert verdict.correct is True and verdict.message == RIGHT and verdict.result == {"value": float(answer)}


@pytest.mark.parametrize(("answer", "message", "reason"), [
    (27.8, SLIP, "common_wrong"),              # within 1% of the slip
    (27.98, SLIP, "common_wrong"),
    (28.1, say("Too low.", "För lågt."), "too_low"),   # 1.4% off the slip: just a wrong number
    (40_000, say("Too high.", "För högt."), "too_high"),
    (0, say("Too low.", "För lågt."), "too_low"),
])
def test_amount_explains_slips_and_direction(answer, message, reason):
    verdict = revenue()(answer)
    assert verdict.correct is False and verdict.message == message and verdict.result["reason"] == reason


def test_amount_without_direction_messages_says_the_number_is_not_right():
    verdict = amount(lambda: 10, 0.5, right=RIGHT)(12)
    assert verdict == Verdict(False, say("12.0 is not right.", "12.0 stämmer inte."), {"value": 12.0})


def test_a_slip_inside_the_tolerance_is_still_right():
    verdict = amount(lambda: 100, 5, right=RIGHT, slips=lambda: [(101, SLIP)])(101)
    assert verdict.correct is True


def test_amount_reads_the_expected_value_when_checking():
    target = [5.0]
    check = amount(lambda: target[0], 0, right=RIGHT)
    target[0] = 6.0
    assert check(6).correct is True and check(5).correct is False


@pytest.mark.parametrize(("answer", "close"), [(pd.Series([27_700.0]), True), (pd.DataFrame({"v": [27_700]}), True),
                                               (pd.Series([1.0]), False), (pd.Series([np.nan]), False),
                                               (pd.Series(["27700"]), False)])
def test_amount_tells_a_one_value_table_to_use_item(answer, close):
    verdict = revenue()(answer)
    assert verdict.correct is False and verdict.result == {"reason": "one_value_table", "close": close}
    assert ".item()" in verdict.message["en"] and ".item()" in verdict.message["sv"]
    assert verdict.message["en"].startswith("The number inside is right" if close else "That is a pandas")


@pytest.mark.parametrize("answer", [pd.Series([1.0, 2.0]), pd.DataFrame(), pd.Series(dtype=float),
                                    pd.DataFrame({"a": [1], "b": [2]})])
def test_amount_turns_away_a_whole_table(answer):
    verdict = revenue()(answer)
    assert verdict.correct is False and verdict.result == {"reason": "table"}
    assert verdict.message["en"].startswith("That is a pandas ") and ", not one number." in verdict.message["en"]
    assert f"({type(answer).__name__})" in verdict.message["en"] and ".item()" in verdict.message["en"]


@pytest.mark.parametrize(("answer", "reason"), [
    (None, "type"), (..., "type"), (True, "type"), ([27_710], "type"), (Decimal("27710"), "type"),
    (complex(27_710, 0), "type"), (float("nan"), "not_finite"), (float("inf"), "not_finite"),
    (-np.inf, "not_finite"), ("27710", "text_number"), ("27 710", "text_number"), ((27, 710), "comma_number"), ((0, 12), "decimal_comma"), (BIG, "type"),
])
def test_amount_answers_hostile_input_with_a_reason(answer, reason):
    verdict = revenue()(answer)
    assert verdict.correct is False and verdict.result["reason"] == reason
    assert len(verdict.message["en"]) < 200 and len(verdict.message["sv"]) < 200


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=anything | st.floats(27_500, 27_900), target=st.floats(-1e6, 1e6), tolerance=st.floats(0, 1e3))
def test_amount_never_raises_and_accepts_only_close_numbers(answer, target, tolerance):
    verdict = amount(lambda: target, tolerance, right=RIGHT, slips=lambda: [(target * 2 + 1, SLIP)])(answer)
    value = kinds.as_number(answer)
    assert isinstance(verdict, Verdict) and verdict.correct is (value is not None and abs(value - target) <= tolerance)


# --------------------------------------------------------------------------- labels_brief

EXPECTED_LABELS = {"a": "KPO", "b": "BPO", "c": "KPO", "d": "BPO", "e": "KPO"}
WHY = {k: say(f"({k} why)", f"({k} varför)") for k in "abcd"}


def brief(at_most: int = 3) -> object:
    return labels_brief(EXPECTED_LABELS, feedback=WHY, allowed=("KPO", "BPO"), at_most=at_most)


def test_labels_brief_right_answer_is_labels_own_verdict():
    verdict = brief()({k: v.lower() for k, v in EXPECTED_LABELS.items()})
    assert verdict == Verdict(True, say("All 5 labelled correctly.", "Alla 5 rätt märkta."), {"wrong": []})


def test_labels_brief_explains_at_most_the_first_wrong_items():
    flipped = {k: ("BPO" if v == "KPO" else "KPO") for k, v in EXPECTED_LABELS.items()}
    verdict = brief(at_most=2)(flipped)
    assert verdict.correct is False and verdict.result == {"wrong": ["a", "b", "c", "d", "e"]}
    assert verdict.message["en"] == "5 of 5 labels are not right: a, b, c, d, e. (a why) (b why)"
    assert verdict.message["sv"] == "5 av 5 etiketter stämmer inte: a, b, c, d, e. (a varför) (b varför)"


def test_labels_brief_skips_items_without_an_explanation():
    verdict = brief()({**EXPECTED_LABELS, "e": "BPO"})
    assert verdict.message["en"] == "1 of 5 labels is not right: e."


@pytest.mark.parametrize(("answer", "reason"), [
    (None, "type"), (..., "type"), (pd.Series(EXPECTED_LABELS), "type"), ([], "type"), (BIG, "type"),
    ({"a": "KPO"}, "missing"), ({**EXPECTED_LABELS, "a": float("nan")}, "unknown_label"),
    ({**EXPECTED_LABELS, "a": "knowledge"}, "unknown_label"),
])
def test_labels_brief_passes_labels_own_message_for_other_mistakes(answer, reason):
    verdict = brief()(answer)
    assert verdict.correct is False
    assert verdict.result.get("reason") == reason or (reason == "missing" and verdict.result["missing"])
    assert "why" not in verdict.message["en"]


# --------------------------------------------------------------------------- refuse_tables


@pytest.mark.parametrize("answer", [pd.DataFrame(), pd.Series([8]), Figure(), axes()])
def test_refuse_tables_names_what_the_answer_should_be(answer):
    kind = type(answer).__name__
    verdict = refuse_tables(say("a number", "ett tal"), number(8, 0))(answer)
    assert verdict == Verdict(False, {"en": f"That is a {kind}; the answer here is a number.",
                                      "sv": f"Det är en {kind}; svaret här är ett tal."}, {"reason": "type", "type": kind})


@pytest.mark.parametrize(("answer", "correct"), [(8, True), (7, False), (None, False), (float("nan"), False)])
def test_refuse_tables_hands_everything_else_to_its_checker(answer, correct):
    inner = number(8, 0)
    assert refuse_tables(say("a number", "ett tal"), inner)(answer) == inner(answer)
    assert inner(answer).correct is correct


# --------------------------------------------------------------------------- bar_data


def test_bar_data_reads_vertical_bars_with_their_labels():
    assert bar_data(bars()) == [("India", 46.0), ("Poland", 12.5)]


def test_bar_data_reads_horizontal_and_grouped_pandas_bars():
    ax = axes()
    pd.DataFrame({"p": [1.0, 2.0], "q": [3.0, 4.0]}, index=["x", "y"]).plot.barh(ax=ax)
    assert bar_data(ax) == [("x", 1.0), ("y", 2.0), ("x", 3.0), ("y", 4.0)]


def test_bar_data_reads_a_pandas_series_bar_chart():
    ax = axes()
    pd.Series({"legal": 3, "finance": 1}).plot.bar(ax=ax)
    assert bar_data(ax) == [("legal", 3.0), ("finance", 1.0)]


@pytest.mark.parametrize("draw", [lambda ax: None, lambda ax: ax.plot([1, 2], [3, 4]),
                                  lambda ax: ax.scatter([1], [2])], ids=["empty", "line", "scatter"])
def test_bar_data_is_none_without_bars(draw):
    ax = axes()
    draw(ax)
    assert bar_data(ax) is None


def test_bar_data_gives_empty_labels_to_bars_without_tick_labels():
    ax = bars(labels=(0, 1), values=(3, 4))
    ax.set_xticks([])
    assert bar_data(ax) == [("", 3.0), ("", 4.0)]


def test_bar_data_labels_only_the_bars_under_a_tick():
    ax = bars(labels=("a", "b"), values=(1, 2))
    ax.set_xticks([0], ["only"])
    assert bar_data(ax) == [("only", 1.0), ("", 2.0)]


def test_bar_data_keeps_nan_and_negative_heights_as_they_are():
    (first, nan), (second, negative) = bar_data(bars(labels=("a", "b"), values=(float("nan"), -2)))
    assert (first, second, negative) == ("a", "b", -2.0) and math.isnan(nan)


# --------------------------------------------------------------------------- chart_text_problem, axes_label_problem


@pytest.mark.parametrize(("ax", "result"), [
    (axes(), {"reason": "title"}),
    (axes(title="   ", xlabel="x", ylabel="y"), {"reason": "title"}),
    (axes(title="T"), {"reason": "axis_labels", "missing": ["x", "y"]}),
    (axes(title="T", xlabel="x"), {"reason": "axis_labels", "missing": ["y"]}),
    (axes(title="T", ylabel=" "), {"reason": "axis_labels", "missing": ["x", "y"]}),
])
def test_chart_text_problem_finds_a_missing_title_then_axis_labels(ax, result):
    verdict = chart_text_problem(ax)
    assert verdict.correct is False and verdict.result == result
    assert verdict.message["en"].startswith("The data is right; now")


def test_chart_text_problem_names_the_missing_axis():
    assert chart_text_problem(axes(title="T", ylabel="USD")).message == {
        "en": "The data is right; now label the x axis: ax.set_xlabel(...).",
        "sv": "Datan stämmer; sätt nu en etikett på x-axeln: ax.set_xlabel(...)."}


def test_chart_text_problem_accepts_a_side_title_or_a_suptitle():
    left = axes(xlabel="x", ylabel="y")
    left.set_title("Cost", loc="left")
    sup = axes(xlabel="x", ylabel="y")
    sup.figure.suptitle("Cost per day")
    assert chart_text_problem(left) is None and chart_text_problem(sup) is None


@pytest.mark.parametrize(("ax", "illustrative", "reason"), [
    (axes(), False, "title"),
    (axes(title="T", xlabel="month"), False, "axis_labels"),
    (axes(title="T", xlabel=" ", ylabel="EUR"), False, "axis_labels"),
    (axes(title="Totals", xlabel="month", ylabel="EUR"), True, "illustrative"),
])
def test_axes_label_problem_finds_what_is_missing(ax, illustrative, reason):
    verdict = axes_label_problem(ax, illustrative=illustrative)
    assert verdict.correct is False and verdict.result == {"reason": reason}


@pytest.mark.parametrize("title", ["ILLUSTRATIVE totals", "Illustrativa totaler", "Påhittade siffror"])
def test_axes_label_problem_accepts_made_up_data_said_in_either_language(title):
    assert axes_label_problem(axes(title=title, xlabel="month", ylabel="EUR"), illustrative=True) is None


def test_axes_label_problem_reads_a_suptitle():
    ax = axes(xlabel="month", ylabel="EUR")
    ax.figure.suptitle("Illustrative totals")
    assert axes_label_problem(ax, illustrative=True) is None


# --------------------------------------------------------------------------- chart, figure_check

CHART_CHECKERS = {"chart": chart, "figure_check": figure_check}


def fine(ax) -> None:
    return None


@pytest.mark.parametrize("make", CHART_CHECKERS.values(), ids=CHART_CHECKERS)
def test_chart_checkers_accept_a_drawn_figure_or_its_axes(make):
    ax = bars()
    for answer in (ax.figure, ax):
        assert make(fine)(answer) == Verdict(True, say(
            "Right: the chart shows the right data, with labels.",
            "Rätt: diagrammet visar rätt data, med etiketter."), {})


@pytest.mark.parametrize("make", CHART_CHECKERS.values(), ids=CHART_CHECKERS)
def test_chart_checkers_pass_on_what_inspect_finds_with_the_drawn_axes(make):
    seen = []
    problem = Verdict(False, say("No.", "Nej."), {"reason": "test"})
    ax = bars()
    assert make(lambda a: seen.append(a) or problem)(ax.figure) is problem
    assert seen == [ax]


@pytest.mark.parametrize("make", CHART_CHECKERS.values(), ids=CHART_CHECKERS)
@pytest.mark.parametrize("answer", [Figure(), axes().figure], ids=["no axes", "nothing drawn"])
def test_chart_checkers_call_an_empty_figure_empty(make, answer):
    assert make(fine)(answer).result == {"reason": "empty"}


@pytest.mark.parametrize("make", CHART_CHECKERS.values(), ids=CHART_CHECKERS)
@pytest.mark.parametrize("answer", [None, ..., float("nan"), "fig", BIG, [1, 2], {"fig": 1}, object()])
def test_chart_checkers_turn_away_what_is_not_a_figure(make, answer):
    verdict = make(fine)(answer)
    assert verdict.correct is False and verdict.result == {"reason": "type", "type": type(answer).__name__}
    assert verdict.message["en"].startswith("Expected a matplotlib Figure") and len(verdict.message["en"]) < 250


@pytest.mark.parametrize("answer", [pd.DataFrame({"a": [1]}), pd.Series(dtype=float)])
def test_chart_tells_a_table_to_be_drawn(answer):
    verdict = chart(fine)(answer)
    assert verdict.result == {"reason": "table"}
    assert verdict.message["en"].startswith("That is the data, a pandas table. Draw it and pass the Figure")


@pytest.mark.parametrize(("answer", "described"), [
    (pd.DataFrame({"a": [1]}), "a pandas table (DataFrame) with 1 row and 1 column"),
    (pd.Series(dtype=float), "a pandas column of values (Series) with 0 values")])
def test_figure_check_describes_a_table_by_its_shape(answer, described):
    verdict = figure_check(fine)(answer)
    assert verdict.result == {"reason": "type", "type": type(answer).__name__}
    assert verdict.message["en"] == ("Expected a matplotlib Figure (e.g. fig from fig, ax = plt.subplots()), "
                                     f"but got {described}.")


# --------------------------------------------------------------------------- rows_table

CAPTIVES = pd.DataFrame({"firm": ["GE", "AmEx", "Dell"], "year": [1997, 1994, 2003], "model": ["c", "c", "c"]})


def captives(**kwargs) -> object:
    return rows_table(lambda: CAPTIVES, ["firm", "year"], right=RIGHT, **kwargs)


@pytest.mark.parametrize("answer", [
    CAPTIVES, CAPTIVES[["year", "firm"]], CAPTIVES.iloc[::-1], CAPTIVES.set_index("firm", drop=False),
    CAPTIVES.assign(extra=1), CAPTIVES.astype({"year": float}),
])
def test_rows_table_ignores_row_order_index_and_extra_columns(answer):
    assert captives()(answer) == Verdict(True, RIGHT, {})


@pytest.mark.parametrize(("answer", "result"), [
    (CAPTIVES[["firm"]], {"reason": "columns", "missing": ["year"]}),
    (pd.DataFrame(), {"reason": "columns", "missing": ["firm", "year"]}),
    (CAPTIVES.iloc[:2], {"reason": "rows", "rows": 2}),
    (CAPTIVES.iloc[:0], {"reason": "rows", "rows": 0}),
    (CAPTIVES.assign(year=[1, 2, 3]), {"reason": "values"}),
    (CAPTIVES.assign(year=[np.nan, 1994, 2003]), {"reason": "values"}),
    (pd.concat([CAPTIVES[["firm", "year"]], CAPTIVES[["year"]]], axis=1), {"reason": "uncomparable"}),
    (CAPTIVES["firm"], {"reason": "series"}),
    (pd.Series(dtype=float), {"reason": "series"}),
    (3, {"reason": "number"}),
    (None, {"reason": "type"}), (..., {"reason": "type"}), (float("nan"), {"reason": "type"}),
    (float("inf"), {"reason": "type"}), (BIG, {"reason": "type"}), ({"firm": ["GE"]}, {"reason": "type"}),
])
def test_rows_table_says_what_is_wrong(answer, result):
    verdict = captives()(answer)
    assert verdict.correct is False and verdict.result == result
    assert len(verdict.message["en"]) < 250 and len(verdict.message["sv"]) < 250


def test_rows_table_lists_the_columns_it_has():
    assert captives()(CAPTIVES[["model"]]).message["en"] == "The table needs the column(s) firm, year; it has model."
    assert captives()(pd.DataFrame()).message["sv"] == "Tabellen behöver kolumnen/kolumnerna firm, year; den har inga."


def test_rows_table_asks_slips_first_and_only_then_compares():
    slip = Verdict(False, say("All rows.", "Alla rader."), {"reason": "all_rows"})
    seen = []
    check = captives(slips=lambda answer: seen.append(answer) or (slip if answer is None else None))
    assert check(None) is slip
    assert check(CAPTIVES).correct is True and len(seen) == 2


# --------------------------------------------------------------------------- as_series_dict, as_mapping


@pytest.mark.parametrize(("answer", "want"), [
    (pd.Series({"legal": 3, "finance": 1}), {"legal": 3, "finance": 1}),
    (pd.Series([5, 6]), {"0": 5, "1": 6}),
    (pd.DataFrame({"n": [3]}, index=["legal"]), {"legal": 3}),
    (pd.Series([1, 2], index=["a", "a"]), {"a": 2}),     # no guard for labels twice: the last one wins
    (pd.Series(dtype=float), {}),
])
def test_as_series_dict_turns_a_series_into_a_dict(answer, want):
    assert as_series_dict(answer) == want


@pytest.mark.parametrize("answer", [None, ..., {"a": 1}, [1, 2], float("nan"), BIG, pd.DataFrame(),
                                    pd.DataFrame({"a": [1], "b": [2]}), Figure()])
def test_as_series_dict_is_none_for_anything_else(answer):
    assert as_series_dict(answer) is None


def test_as_series_dict_keeps_nan_values():
    (key, value), = as_series_dict(pd.Series({2026: np.nan})).items()
    assert key == "2026" and math.isnan(value)


@pytest.mark.parametrize(("answer", "want"), [
    ({"A": 1.5, 2026: 2}, {"A": 1.5, "2026": 2}),
    ({}, {}),
    (pd.Series({"A": 1.5}), {"A": 1.5}),
    (pd.DataFrame({"total": [1, 2]}, index=["A", "B"]), {"A": 1, "B": 2}),
    (dict.fromkeys(range(1000), 0), {str(k): 0 for k in range(1000)}),
])
def test_as_mapping_turns_a_dict_or_series_into_a_plain_dict(answer, want):
    assert as_mapping(answer) == want


@pytest.mark.parametrize("answer", [
    None, ..., [("A", 1)], "A", BIG, float("nan"), pd.DataFrame(), pd.DataFrame({"a": [1], "b": [2]}),
    pd.Series([1, 2], index=["A", "A"]), pd.Series(range(1001)), dict.fromkeys(range(1001), 0), Figure(),
])
def test_as_mapping_is_none_for_anything_else(answer):
    assert as_mapping(answer) is None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=anything)
def test_series_readers_never_raise_and_give_string_keys(answer):
    for read in (as_mapping, as_series_dict):
        got = read(answer)
        assert got is None or all(isinstance(k, str) for k in got)


# --------------------------------------------------------------------------- every question, odd answers
ODD_ANSWERS = {
    "a numpy array": np.array([1, 2, 3]),
    "a 2-d text array": np.array([["a"]]),
    "a table with a line break and a 500-character column name": pd.DataFrame({"a\nb": [1], "x" * 500: [2]}),
    "a dict with a line-break key and a 1,000-character key": {"\n": 1, "x" * 1_000: 2},
    "a set of mixed things": {1, "b", None},
}


@pytest.mark.parametrize("name", list(ODD_ANSWERS))
def test_every_question_answers_odd_answers_in_one_short_line(name):
    """Not a checker error, not a line break from the learner's keys, never 'correct'."""
    for question_id in checks.question_ids():
        feedback = checks.check(question_id, ODD_ANSWERS[name])
        assert feedback.result.get("reason") != "checker_error", (question_id, feedback.message)
        assert "\n" not in feedback.message and len(feedback.message) < 800, (question_id, feedback.message)
        assert feedback.correct is not True, question_id


def test_a_set_answer_gets_the_same_message_under_any_hash_seed():
    """Sets of text iterate in an order that changes with PYTHONHASHSEED; the feedback must not."""
    program = (
        "from kpo_course import checks\n"
        "for q in checks.question_ids():\n"
        "    print(q, checks.check(q, {'zeta', 'alpha', 'mu', 'omega', 'beta'}).message)\n"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(outputs) == 1


def test_names_text_keeps_plain_names_and_tames_the_rest():
    assert kinds.names_text(["cost", 2026, 2.5]) == "cost, 2026, 2.5"
    assert kinds.names_text(["a\nb", "x" * 50, None, True]) == "'a\\nb', " + repr("x" * 50) + ", None, True"
    assert kinds.names_text(iter(range(1_000_000)), limit=2) == "0, 1"
    assert kinds.names_text([]) == ""
