"""The flexibility model (claim S17): a fixed in-house team vs KPO capacity that follows demand."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpo_course.models import FlexibilityResult, ModelInputError, demand_curve, simulate
from kpo_course.models import flexibility

FAST = settings(max_examples=150, deadline=None)

demands = st.lists(
    st.floats(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False), min_size=1, max_size=60
)
staff = st.floats(min_value=0, max_value=1000, allow_nan=False)
rates = st.floats(min_value=0, max_value=1e5, allow_nan=False)


# --- demand curve ----------------------------------------------------------------------

def test_default_demand_curve_has_a_downturn_and_a_recovery():
    demand = demand_curve()
    assert demand.shape == (24,)
    assert demand[:5].tolist() == [10.0] * 5  # months 1-5: steady
    assert demand[5:11].tolist() == pytest.approx([6.0] * 6)  # months 6-11: 40% down
    recovery = demand[11:17]
    assert np.all(np.diff(recovery) > 0) and recovery[-1] == pytest.approx(10.0)  # months 12-17
    assert demand[17:].tolist() == pytest.approx([10.0] * 7)


def test_demand_curve_is_deterministic():
    assert np.array_equal(demand_curve(), demand_curve())


def test_demand_curve_variants():
    assert demand_curve(months=5, dip=0).tolist() == [10.0] * 5
    assert demand_curve(months=5, dip_start=99).tolist() == [10.0] * 5
    assert demand_curve(months=4, base=10, dip=1, dip_start=2, dip_length=1, recovery_months=0).tolist() == [
        10.0, 0.0, 10.0, 10.0
    ]
    grown = demand_curve(months=13, dip=0, growth=0.01)
    assert grown[-1] == pytest.approx(10 * 1.01**12)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"months": 0}, "months must be at least 1 (got 0)"),
        ({"months": 2.5}, "whole number"),
        ({"months": True}, "yes/no"),
        ({"months": 5000}, "at most"),
        ({"base": -1}, "base must not be negative"),
        ({"base": float("nan")}, "NaN"),
        ({"dip": 1.5}, "between 0 and 1"),
        ({"dip": "big"}, "must be a number"),
        ({"dip_start": 0}, "at least 1"),
        ({"dip_length": -1}, "must not be negative"),
        ({"recovery_months": -2}, "must not be negative"),
        ({"growth": 2.0}, "between -0.5 and 0.5"),
        ({"growth": float("inf")}, "finite"),
    ],
)
def test_demand_curve_rejects_bad_settings(kwargs, words):
    with pytest.raises(ModelInputError) as caught:
        demand_curve(**kwargs)
    assert words in str(caught.value)


def test_demand_curve_refuses_runaway_growth():
    with pytest.raises(ModelInputError, match="too large"):
        demand_curve(months=1200, base=1e6, growth=0.5)


# --- simulate ----------------------------------------------------------------------------

def test_simulate_table_and_totals():
    result = simulate([10, 6, 6, 10], in_house_staff=8, in_house_cost_per_fte=100,
                      kpo_cost_per_fte=120, notice_months=1)
    assert isinstance(result, FlexibilityResult)
    table = result.monthly
    assert list(table.columns) == list(flexibility.MONTHLY_COLUMNS)
    assert table["month"].tolist() == [1, 2, 3, 4]
    assert table["kpo_capacity"].tolist() == [10, 10, 6, 6]
    assert table["in_house_idle"].tolist() == [0, 2, 2, 0]
    assert table["in_house_unmet"].tolist() == [2, 0, 0, 2]
    assert table["kpo_idle"].tolist() == [0, 4, 0, 0]
    assert table["kpo_unmet"].tolist() == [0, 0, 0, 4]
    assert result.in_house_total_cost == 3200.0
    assert result.kpo_total_cost == 32 * 120.0
    assert result.kpo_saving == 3200.0 - 3840.0
    totals = result.totals()
    assert totals["kpo_unmet_total"] == 4.0 and totals["notice_months"] == 1
    assert "monthly" not in totals


def test_default_simulation_shows_flexibility_paying_off():
    result = simulate(demand_curve())
    assert result.in_house_idle_total > result.kpo_idle_total
    assert result.kpo_total_cost < result.in_house_total_cost  # despite the (illustrative) 10% premium


def test_defaults_are_marked_illustrative():
    assert "ILLUSTRATIVE" in simulate.__doc__ and "ILLUSTRATIVE" in demand_curve.__doc__


@pytest.mark.parametrize("demand", [[5, 5], (5, 5), np.array([5, 5]), pd.Series([5.0, 5.0]), np.array([5, 5], dtype=np.int32)])
def test_simulate_accepts_lists_arrays_and_series(demand):
    assert simulate(demand, notice_months=0).monthly["demand"].tolist() == [5.0, 5.0]


@pytest.mark.parametrize(
    "demand",
    [[], [1, float("nan")], [1, -2], [True, 3], ["10"], None, 5, "10, 12", {"a": 1},
     np.array([[1, 2], [3, 4]]), np.array([1.0, np.inf]), np.array([True, False]), [[1, 2]], [1e8]],
)
def test_simulate_rejects_bad_demand(demand):
    with pytest.raises(ModelInputError):
        simulate(demand)


@pytest.mark.parametrize(
    "kwargs",
    [{"in_house_staff": -1}, {"in_house_staff": float("nan")}, {"in_house_cost_per_fte": -5},
     {"kpo_cost_per_fte": True}, {"notice_months": -1}, {"notice_months": 0.5}, {"notice_months": None}],
)
def test_simulate_rejects_bad_settings(kwargs):
    with pytest.raises(ModelInputError):
        simulate([1, 2, 3], **kwargs)


def test_notice_longer_than_the_demand_keeps_month_one_capacity():
    result = simulate([4, 8, 2], notice_months=10)
    assert result.monthly["kpo_capacity"].tolist() == [4, 4, 4]


# --- properties ----------------------------------------------------------------------------

@FAST
@given(demand=demands, in_house=staff, in_rate=rates, kpo_rate=rates)
def test_with_no_notice_kpo_meets_all_demand_and_is_never_idle(demand, in_house, in_rate, kpo_rate):
    result = simulate(demand, in_house, in_rate, kpo_rate, notice_months=0)
    assert (result.monthly["kpo_unmet"] == 0).all()
    assert (result.monthly["kpo_idle"] == 0).all()
    assert result.kpo_total_cost == pytest.approx(sum(demand) * kpo_rate)


@FAST
@given(demand=demands, in_house=staff, notice=st.integers(min_value=0, max_value=70))
def test_capacity_idle_and_unmet_follow_their_definitions(demand, in_house, notice):
    result = simulate(demand, in_house_staff=in_house, notice_months=notice)
    table = result.monthly
    need = np.array(demand, dtype=float)
    assert np.array_equal(table["in_house_idle"].to_numpy(), np.maximum(0.0, in_house - need))
    assert np.array_equal(table["in_house_unmet"].to_numpy(), np.maximum(0.0, need - in_house))
    expected = [need[t - notice] if t >= notice else need[0] for t in range(len(need))]
    assert table["kpo_capacity"].tolist() == expected
    capacity = table["kpo_capacity"].to_numpy()
    # capacity - idle + unmet is the demand, for both options
    assert capacity - table["kpo_idle"].to_numpy() + table["kpo_unmet"].to_numpy() == pytest.approx(need)
    assert (table[["in_house_idle", "kpo_idle", "in_house_unmet", "kpo_unmet"]] >= 0).all().all()
    assert result.kpo_unmet_total == pytest.approx(table["kpo_unmet"].sum())
    assert result.in_house_total_cost == pytest.approx(table["in_house_cost"].sum())


@FAST
@given(
    months=st.integers(min_value=1, max_value=60),
    dip=st.floats(min_value=0, max_value=1),
    dip_start=st.integers(min_value=1, max_value=70),
    dip_length=st.integers(min_value=0, max_value=30),
    recovery=st.integers(min_value=0, max_value=30),
)
def test_demand_stays_between_the_dip_floor_and_the_base(months, dip, dip_start, dip_length, recovery):
    demand = demand_curve(months=months, base=10, dip=dip, dip_start=dip_start,
                          dip_length=dip_length, recovery_months=recovery)
    assert demand.shape == (months,)
    assert np.all(demand <= 10 + 1e-9)
    assert np.all(demand >= 10 * (1 - dip) - 1e-9)
    assert demand[0] == 10 or dip_start == 1
