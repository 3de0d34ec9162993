"""The cost model: in-house vs KPO with Barthélemy's hidden costs, break-even, savings."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpo_course.models import (
    COST_COMPONENTS,
    ModelInputError,
    Option,
    break_even_month,
    cost_breakdown,
    cumulative_costs,
    default_options,
    describe_comparison,
    monthly_costs,
    savings,
    total_cost,
)

FAST = settings(max_examples=150, deadline=None)

money = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
share = st.floats(min_value=0, max_value=1, allow_nan=False)
horizons = st.integers(min_value=1, max_value=120)


@st.composite
def options(draw, option_id: str = "vendor") -> Option:
    return Option(
        option_id,
        monthly_cost=draw(money),
        search_and_contracting=draw(money),
        transition=draw(money),
        transition_months=draw(st.integers(min_value=1, max_value=24)),
        management_share=draw(share),
        switching_back=draw(money),
        rework_share=draw(share),
    )


IN_HOUSE = Option("in_house", monthly_cost=100)


# --- Option ---------------------------------------------------------------------------

def test_in_house_option_has_no_hidden_costs():
    assert not IN_HOUSE.has_hidden_costs
    assert Option("v", monthly_cost=1, rework_share=0.1).has_hidden_costs


def test_option_stores_clean_numbers():
    option = Option(" vendor ", monthly_cost=np.int64(5), transition_months=np.int32(2))
    assert option.id == "vendor"
    assert type(option.monthly_cost) is float and type(option.transition_months) is int


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("monthly_cost", -1, "monthly_cost of option 'v' must not be negative (got -1)"),
        ("monthly_cost", float("nan"), "NaN"),
        ("monthly_cost", float("inf"), "finite"),
        ("monthly_cost", True, "yes/no"),
        ("monthly_cost", "100", "must be a number"),
        ("monthly_cost", None, "must be a number"),
        ("search_and_contracting", -0.01, "must not be negative"),
        ("transition", float("-inf"), "finite"),
        ("switching_back", -5, "must not be negative"),
        ("management_share", 1.5, "between 0 and 1"),
        ("rework_share", -0.1, "must not be negative"),
        ("transition_months", 0, "between 1 and 1,200 (got 0)"),
        ("transition_months", 2.5, "whole number"),
        ("transition_months", False, "whole number"),
        ("monthly_cost", 1e13, "between 0 and 1,000,000,000,000"),
    ],
)
def test_option_rejects_bad_values_with_a_clear_message(field, value, words):
    with pytest.raises(ModelInputError) as caught:
        Option("v", **{"monthly_cost": 10, field: value})
    assert words in str(caught.value)


@pytest.mark.parametrize("bad_id", ["", "   ", None, 3])
def test_option_needs_an_id(bad_id):
    with pytest.raises(ModelInputError):
        Option(bad_id, monthly_cost=1)


def test_option_is_frozen():
    with pytest.raises(AttributeError):
        IN_HOUSE.monthly_cost = 5  # type: ignore[misc]


# --- monthly costs and the hidden costs -----------------------------------------------

def test_each_hidden_cost_lands_in_its_month():
    vendor = Option("v", monthly_cost=100, search_and_contracting=50, transition=90,
                    transition_months=3, management_share=0.1, switching_back=200, rework_share=0.05)
    assert monthly_costs(vendor, 4).tolist() == pytest.approx([100 + 50 + 30 + 10 + 5, 145, 145, 115])
    with_exit = monthly_costs(vendor, 4, include_switching_back=True)
    assert with_exit.tolist() == pytest.approx([195, 145, 145, 315])


def test_transition_longer_than_horizon_counts_only_months_inside():
    vendor = Option("v", monthly_cost=0, transition=120, transition_months=12)
    assert monthly_costs(vendor, 3).tolist() == [10.0, 10.0, 10.0]


def test_breakdown_columns_add_up_to_monthly_costs():
    vendor = default_options()["offshore_vendor"]
    table = cost_breakdown(vendor, 24, include_switching_back=True)
    assert list(table.columns) == list(COST_COMPONENTS)
    assert list(table.index) == list(range(1, 25)) and table.index.name == "month"
    assert table.sum(axis=1).to_numpy() == pytest.approx(monthly_costs(vendor, 24, include_switching_back=True))


@pytest.mark.parametrize("horizon", [0, -3, 1.5, True, "12", None, float("nan"), 1201])
def test_bad_horizon_is_a_model_input_error(horizon):
    for call in (
        lambda: monthly_costs(IN_HOUSE, horizon),
        lambda: cumulative_costs([IN_HOUSE], horizon),
        lambda: total_cost(IN_HOUSE, horizon),
        lambda: break_even_month(IN_HOUSE, IN_HOUSE, horizon),
        lambda: savings(IN_HOUSE, IN_HOUSE, horizon),
        lambda: describe_comparison(IN_HOUSE, IN_HOUSE, horizon),
    ):
        with pytest.raises(ModelInputError):
            call()


def test_horizon_zero_message_is_plain_english():
    with pytest.raises(ModelInputError, match=r"^horizon_months must be at least 1 \(got 0\)$"):
        total_cost(IN_HOUSE, 0)


def test_include_switching_back_must_be_a_flag():
    with pytest.raises(ModelInputError, match="True or False"):
        monthly_costs(IN_HOUSE, 3, include_switching_back=1)


@pytest.mark.parametrize("not_an_option", [None, {"monthly_cost": 1}, 100, "in_house"])
def test_functions_reject_things_that_are_not_options(not_an_option):
    with pytest.raises(ModelInputError, match="Option"):
        monthly_costs(not_an_option, 3)
    with pytest.raises(ModelInputError):
        break_even_month(IN_HOUSE, not_an_option, 3)


# --- cumulative costs ------------------------------------------------------------------

def test_cumulative_costs_table_shape():
    table = cumulative_costs(default_options(), 36)
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns) == ["in_house", "onshore_vendor", "offshore_vendor", "captive"]
    assert list(table.index) == list(range(1, 37)) and table.index.name == "month"
    assert table["in_house"].iloc[-1] == 3_600_000


def test_cumulative_costs_accepts_one_option_a_list_or_a_dict():
    one = cumulative_costs(IN_HOUSE, 2)
    assert one.to_dict("list") == {"in_house": [100.0, 200.0]}
    assert cumulative_costs([IN_HOUSE], 2).equals(one)
    assert cumulative_costs({"x": IN_HOUSE}, 2).equals(one)


@pytest.mark.parametrize("bad", [[], {}, "in_house", 5, [IN_HOUSE, IN_HOUSE], [IN_HOUSE, None]])
def test_cumulative_costs_rejects_bad_option_lists(bad):
    with pytest.raises(ModelInputError):
        cumulative_costs(bad, 3)


# --- break-even -------------------------------------------------------------------------

def test_break_even_examples():
    vendor = Option("v", monthly_cost=50, transition=120)
    assert break_even_month(IN_HOUSE, vendor, 12) == 3  # 170, 220, 270 vs 100, 200, 300
    assert break_even_month(IN_HOUSE, vendor, 2) is None
    assert break_even_month(IN_HOUSE, Option("cheap", monthly_cost=10), 12) == 1
    assert break_even_month(IN_HOUSE, Option("dear", monthly_cost=101), 12) is None


def test_break_even_must_hold_to_the_horizon():
    # Cheaper from month 3, but the exit cost in the last month makes it dearer again.
    vendor = Option("v", monthly_cost=50, transition=120, switching_back=1000)
    assert break_even_month(IN_HOUSE, vendor, 12) == 3
    assert break_even_month(IN_HOUSE, vendor, 12, include_switching_back=True) is None
    # Over a longer horizon the savings cover the exit cost.
    assert break_even_month(IN_HOUSE, vendor, 30, include_switching_back=True) == 3


def test_cheaper_at_first_but_dearer_by_the_horizon_never_breaks_even():
    baseline = Option("b", monthly_cost=100, search_and_contracting=500)
    alternative = Option("a", monthly_cost=120)  # below the baseline up to month 25 only
    assert break_even_month(baseline, alternative, 20) == 1
    assert break_even_month(baseline, alternative, 25) == 1
    assert break_even_month(baseline, alternative, 26) is None


def test_break_even_of_an_option_with_itself_is_month_one():
    assert break_even_month(IN_HOUSE, IN_HOUSE, 6) == 1


def test_savings_and_description():
    vendor = Option("v", monthly_cost=50, transition=100)
    assert savings(IN_HOUSE, vendor, 12) == 500.0
    assert savings(vendor, IN_HOUSE, 12) == -500.0
    facts = describe_comparison(IN_HOUSE, vendor, 12)
    assert facts == {
        "baseline": "in_house",
        "alternative": "v",
        "horizon_months": 12,
        "include_switching_back": False,
        "baseline_total": 1200.0,
        "alternative_total": 700.0,
        "savings": 500.0,
        "savings_share": pytest.approx(500 / 1200),
        "break_even_month": 2,
        "alternative_fees": 600.0,
        "alternative_hidden_costs": 100.0,
    }


def test_description_holds_plain_python_values():
    options = default_options()
    facts = describe_comparison(options["in_house"], options["offshore_vendor"], 36)
    for key, value in facts.items():
        assert type(value) in (str, int, float, bool), key
    free = describe_comparison(Option("free", monthly_cost=0), IN_HOUSE, 3)
    assert free["savings_share"] is None and free["break_even_month"] is None


# --- the illustrative defaults -----------------------------------------------------------

def test_defaults_are_marked_illustrative_and_cite_their_anchors():
    doc = default_options.__doc__
    assert "ILLUSTRATIVE" in doc
    for source in ("Reuters", "JPMorgan", "Everest", "NASSCOM", "Peukert"):
        assert source in doc


def test_default_offshore_and_captive_break_even_in_year_two():
    options = default_options()
    for name in ("offshore_vendor", "captive"):
        month = break_even_month(options["in_house"], options[name], 36)
        assert month is not None and 13 <= month <= 24, name
        with_exit = break_even_month(options["in_house"], options[name], 36, include_switching_back=True)
        assert with_exit is not None and 13 <= with_exit <= 24, name


def test_default_numbers_stay_plausible_against_the_real_figures():
    options = default_options()
    in_house = options["in_house"]
    # Reuters Bangalore: about 60% lower costs than onshore.
    assert options["offshore_vendor"].monthly_cost == pytest.approx(0.4 * in_house.monthly_cost)
    # Everest-NASSCOM 2012: captives saved 40-70% on a total-cost-of-ownership basis.
    five_years = describe_comparison(in_house, options["captive"], 60, include_switching_back=True)
    assert 0.40 <= five_years["savings_share"] <= 0.70
    # Peukert 2019: switching costs about one third of a year's spend.
    for name in ("onshore_vendor", "offshore_vendor", "captive"):
        option = options[name]
        assert option.switching_back == pytest.approx(12 * option.monthly_cost / 3)


def test_defaults_are_fresh_and_deterministic():
    assert default_options() == default_options()
    assert default_options() is not default_options()


# --- properties ---------------------------------------------------------------------------

@FAST
@given(horizon=horizons, monthly=money, extra=st.floats(min_value=0, max_value=1e6),
       vendor=options(), with_exit=st.booleans())
def test_a_dearer_offshore_fee_never_brings_break_even_earlier(horizon, monthly, extra, vendor, with_exit):
    baseline = Option("in_house", monthly_cost=monthly)
    fields = {name: getattr(vendor, name) for name in vendor.__dataclass_fields__}
    dearer = Option(**{**fields, "monthly_cost": min(vendor.monthly_cost + extra, 1e12)})
    cheap = break_even_month(baseline, vendor, horizon, include_switching_back=with_exit)
    dear = break_even_month(baseline, dearer, horizon, include_switching_back=with_exit)
    as_number = lambda month: math.inf if month is None else month  # noqa: E731
    assert as_number(dear) >= as_number(cheap)


@FAST
@given(horizon=horizons, monthly=money)
def test_equal_fees_and_no_hidden_costs_cost_the_same_every_month(horizon, monthly):
    in_house = Option("in_house", monthly_cost=monthly)
    vendor = Option("vendor", monthly_cost=monthly)
    table = cumulative_costs([in_house, vendor], horizon)
    assert np.array_equal(table["in_house"].to_numpy(), table["vendor"].to_numpy())
    assert np.array_equal(monthly_costs(in_house, horizon), monthly_costs(vendor, horizon))
    assert savings(in_house, vendor, horizon) == 0.0
    assert break_even_month(in_house, vendor, horizon) == 1


@FAST
@given(vendor=options(), horizon=horizons, with_exit=st.booleans())
def test_cumulative_costs_never_decrease_and_end_at_the_total(vendor, horizon, with_exit):
    table = cumulative_costs([IN_HOUSE, vendor], horizon, include_switching_back=with_exit)
    for column in table.columns:
        running = table[column].to_numpy()
        assert np.all(np.isfinite(running))
        assert np.all(np.diff(running) >= 0)
    assert total_cost(vendor, horizon, include_switching_back=with_exit) == table["vendor"].iloc[-1]
    assert total_cost(IN_HOUSE, horizon) == table["in_house"].iloc[-1]


@FAST
@given(base=options("in_house"), alt=options("vendor"), horizon=horizons)
def test_break_even_matches_its_definition(base, alt, horizon):
    month = break_even_month(base, alt, horizon)
    table = cumulative_costs([base, alt], horizon)
    at_or_below = (table["vendor"] <= table["in_house"]).to_numpy()
    if month is None:
        assert not at_or_below[-1]
    else:
        assert at_or_below[month - 1:].all()
        assert month == 1 or not at_or_below[month - 2]


@FAST
@given(base=options("in_house"), alt=options("vendor"), horizon=horizons)
def test_savings_is_antisymmetric_and_matches_totals(base, alt, horizon):
    saved = savings(base, alt, horizon)
    assert saved == -savings(alt, base, horizon)
    facts = describe_comparison(base, alt, horizon)
    assert facts["savings"] == saved
    assert facts["alternative_fees"] + facts["alternative_hidden_costs"] == pytest.approx(
        facts["alternative_total"], rel=1e-9, abs=1e-6
    )


bad_numbers = st.one_of(
    st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False),
    st.just(float("nan")),
    st.just(float("inf")),
    st.booleans(),
    st.text(max_size=3),
    st.none(),
    st.lists(st.integers(), max_size=2),
)


@FAST
@given(field=st.sampled_from(["monthly_cost", "search_and_contracting", "transition", "switching_back",
                              "management_share", "rework_share"]), value=bad_numbers)
def test_any_bad_amount_is_a_model_input_error(field, value):
    with pytest.raises(ModelInputError):
        Option("v", **{"monthly_cost": 1.0, field: value})
