"""Flexibility (claim S17): KPO capacity can follow demand down in a downturn and up again.

A firm with its own fixed team pays for every person in every month, busy or idle, and
cannot serve demand above the team's size. A KPO contract lets it order capacity to
match demand, but only after a notice period: the capacity in month t is the demand of
month t - ``notice_months`` (and, before that, the demand of month 1).

All numbers here are ILLUSTRATIVE: invented to show the mechanism, not taken from data.

>>> demand = demand_curve(months=12, base=10, dip=0.5, dip_start=4, dip_length=3, recovery_months=0)
>>> demand.tolist()
[10.0, 10.0, 10.0, 5.0, 5.0, 5.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0]
>>> result = simulate(demand, in_house_staff=10, in_house_cost_per_fte=100,
...                   kpo_cost_per_fte=100, notice_months=0)
>>> result.in_house_total_cost, result.kpo_total_cost
(12000.0, 10500.0)
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from .errors import ModelInputError, require_number, require_whole_number

__all__ = ["FlexibilityResult", "demand_curve", "simulate", "MONTHLY_COLUMNS"]

#: The longest demand curve accepted: 100 years of months.
MAX_MONTHS = 1200
#: The largest number of full-time equivalents (FTE) accepted in any month.
MAX_FTE = 1e7
#: The largest cost per FTE per month accepted.
MAX_COST_PER_FTE = 1e9
#: The columns of :attr:`FlexibilityResult.monthly`, in order.
MONTHLY_COLUMNS: tuple[str, ...] = (
    "month",
    "demand",
    "in_house_capacity",
    "kpo_capacity",
    "in_house_cost",
    "kpo_cost",
    "in_house_idle",
    "kpo_idle",
    "in_house_unmet",
    "kpo_unmet",
)


def demand_curve(
    months: int = 24,
    base: float = 10.0,
    dip: float = 0.4,
    dip_start: int = 6,
    dip_length: int = 6,
    recovery_months: int = 6,
    growth: float = 0.0,
) -> np.ndarray:
    """Demand for knowledge workers (in FTE) per month: steady, a downturn, a recovery.

    The defaults are ILLUSTRATIVE: a team of 10 FTE whose work drops by 40% for six
    months (months 6-11), then climbs back in a straight line over six months (12-17).

    - ``base``: demand in month 1, in full-time equivalents (FTE);
    - ``growth``: the trend's growth per month (0.01 = 1% a month, compounded; an upswing);
    - ``dip``: the fraction of demand lost in the downturn (0.4 = 40% less);
    - ``dip_start``: the first month of the downturn (months count from 1);
    - ``dip_length``: how many months demand stays down;
    - ``recovery_months``: how many months the climb back takes (0 = at once).

    Deterministic: no randomness.

    >>> demand_curve(months=8, base=10, dip=0.5, dip_start=3, dip_length=2, recovery_months=2).tolist()
    [10.0, 10.0, 5.0, 5.0, 7.5, 10.0, 10.0, 10.0]
    >>> demand_curve(months=3, base=100, dip=0, growth=0.1).round(2).tolist()
    [100.0, 110.0, 121.0]
    """
    count = require_whole_number(months, "months", minimum=1)
    count = require_whole_number(count, "months", maximum=MAX_MONTHS)
    level = require_number(base, "base", minimum=0, maximum=MAX_FTE)
    drop = require_number(dip, "dip", minimum=0, maximum=1)
    start = require_whole_number(dip_start, "dip_start", minimum=1)
    length = require_whole_number(dip_length, "dip_length", minimum=0)
    recovery = require_whole_number(recovery_months, "recovery_months", minimum=0)
    rate = require_number(growth, "growth", minimum=-0.5, maximum=0.5)

    month = np.arange(1, count + 1)
    trend = level * (1.0 + rate) ** (month - 1)
    # depth: 1 in the downturn, falling in a straight line to 0 over the recovery.
    depth = np.zeros(count)
    in_dip = (month >= start) & (month < start + length)
    depth[in_dip] = 1.0
    if recovery > 0:
        step = month - (start + length) + 1  # 1, 2, ..., recovery in the recovery months
        recovering = (step >= 1) & (step <= recovery)
        depth[recovering] = 1.0 - step[recovering] / recovery
    demand = trend * (1.0 - drop * depth)
    if not np.all(np.isfinite(demand)) or demand.max() > MAX_FTE:
        raise ModelInputError(
            f"growth of {rate} a month over {count} months makes demand too large: "
            "use a smaller growth or fewer months"
        )
    return demand


@dataclass(frozen=True, eq=False)  # eq=False: comparing pandas objects with == is ambiguous
class FlexibilityResult:
    """What :func:`simulate` found: a month-by-month table and its totals.

    ``monthly`` has the columns :data:`MONTHLY_COLUMNS`. Capacity, idle and unmet are in
    FTE; idle = capacity not needed (max(0, capacity - demand)); unmet = demand not served
    (max(0, demand - capacity)). The totals add the months up (idle and unmet in FTE-months).
    """

    monthly: pd.DataFrame
    notice_months: int
    in_house_total_cost: float
    kpo_total_cost: float
    in_house_idle_total: float
    kpo_idle_total: float
    in_house_unmet_total: float
    kpo_unmet_total: float

    @property
    def kpo_saving(self) -> float:
        """In-house total cost minus KPO total cost (negative: KPO cost more)."""
        return self.in_house_total_cost - self.kpo_total_cost

    def totals(self) -> dict[str, float]:
        """The totals as a plain dict (for a sentence or a table).

        >>> simulate([4, 6], in_house_staff=5, in_house_cost_per_fte=1,
        ...          kpo_cost_per_fte=1, notice_months=0).totals()["in_house_idle_total"]
        1.0
        """
        facts = asdict(self)
        facts.pop("monthly")
        facts["kpo_saving"] = self.kpo_saving
        return facts


def _demand(demand: Any) -> np.ndarray:
    """Demand as a 1-D float array, checked: not empty, finite, not negative, no bools."""
    if isinstance(demand, (pd.Series, pd.Index)):
        demand = demand.to_numpy()
    if isinstance(demand, np.ndarray) and demand.dtype.kind in "iuf":
        values = demand.astype(float)
        if values.ndim != 1:
            raise ModelInputError(f"demand must be one list of numbers (got {values.ndim} dimensions)")
        if values.size and not np.all(np.isfinite(values)):
            raise ModelInputError("demand must contain only finite numbers (found NaN or infinity)")
        if values.size and values.min() < 0:
            raise ModelInputError(f"demand must not be negative (found {values.min():g})")
    else:
        if isinstance(demand, (str, bytes, dict)) or not hasattr(demand, "__iter__"):
            raise ModelInputError(
                f"demand must be a list of numbers, one per month (got {type(demand).__name__})"
            )
        values = np.array(
            [require_number(v, f"demand in month {i}", minimum=0) for i, v in enumerate(demand, 1)],
            dtype=float,
        )
    if values.size == 0:
        raise ModelInputError("demand is empty: give at least one month")
    if values.size > MAX_MONTHS:
        raise ModelInputError(f"demand may cover at most {MAX_MONTHS:,} months (got {values.size:,})")
    if values.max() > MAX_FTE:
        raise ModelInputError(f"demand must be at most {MAX_FTE:,.0f} FTE in any month")
    return values


def simulate(
    demand: Any,
    in_house_staff: float = 10.0,
    in_house_cost_per_fte: float = 10_000.0,
    kpo_cost_per_fte: float = 11_000.0,
    notice_months: int = 1,
) -> FlexibilityResult:
    """A fixed in-house team against KPO capacity that follows ``demand`` with a lag.

    - in-house: ``in_house_staff`` FTE every month, each costing ``in_house_cost_per_fte``;
    - KPO: capacity in month t = demand in month t - ``notice_months`` (before that, the
      demand of month 1), each FTE costing ``kpo_cost_per_fte``. Unmet demand costs nothing
      here: count it yourself as delay or lost business.

    The defaults are ILLUSTRATIVE: ten in-house analysts at 10,000 a month each, against KPO
    capacity at 11,000 per FTE-month (a 10% premium, invented, for the right to scale) and
    one month's notice.

    >>> result = simulate([10, 6, 6, 10], in_house_staff=10, in_house_cost_per_fte=1,
    ...                   kpo_cost_per_fte=1, notice_months=1)
    >>> result.monthly["kpo_capacity"].tolist()
    [10.0, 10.0, 6.0, 6.0]
    >>> result.kpo_unmet_total, result.in_house_idle_total
    (4.0, 8.0)
    """
    need = _demand(demand)
    staff = require_number(in_house_staff, "in_house_staff", minimum=0, maximum=MAX_FTE)
    in_house_rate = require_number(
        in_house_cost_per_fte, "in_house_cost_per_fte", minimum=0, maximum=MAX_COST_PER_FTE
    )
    kpo_rate = require_number(kpo_cost_per_fte, "kpo_cost_per_fte", minimum=0, maximum=MAX_COST_PER_FTE)
    notice = require_whole_number(notice_months, "notice_months", minimum=0)
    notice = require_whole_number(notice, "notice_months", maximum=MAX_MONTHS)

    count = need.size
    in_house_capacity = np.full(count, staff)
    kpo_capacity = np.empty(count)
    lag = min(notice, count)
    kpo_capacity[:lag] = need[0]
    kpo_capacity[lag:] = need[: count - lag]

    monthly = pd.DataFrame(
        {
            "month": np.arange(1, count + 1),
            "demand": need,
            "in_house_capacity": in_house_capacity,
            "kpo_capacity": kpo_capacity,
            "in_house_cost": in_house_capacity * in_house_rate,
            "kpo_cost": kpo_capacity * kpo_rate,
            "in_house_idle": np.maximum(0.0, in_house_capacity - need),
            "kpo_idle": np.maximum(0.0, kpo_capacity - need),
            "in_house_unmet": np.maximum(0.0, need - in_house_capacity),
            "kpo_unmet": np.maximum(0.0, need - kpo_capacity),
        },
        columns=list(MONTHLY_COLUMNS),
    )
    return FlexibilityResult(
        monthly=monthly,
        notice_months=notice,
        in_house_total_cost=float(monthly["in_house_cost"].sum()),
        kpo_total_cost=float(monthly["kpo_cost"].sum()),
        in_house_idle_total=float(monthly["in_house_idle"].sum()),
        kpo_idle_total=float(monthly["kpo_idle"].sum()),
        in_house_unmet_total=float(monthly["in_house_unmet"].sum()),
        kpo_unmet_total=float(monthly["kpo_unmet"].sum()),
    )
