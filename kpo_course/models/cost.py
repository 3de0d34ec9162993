"""The cost of doing knowledge work in-house or through KPO, month by month.

An outsourced option costs more than its monthly fee. Jérôme Barthélemy ("The Hidden
Costs of IT Outsourcing", MIT Sloan Management Review 42(3), 2001, 60-69) names four
hidden costs, and an :class:`Option` carries each of them:

1. vendor search and contracting: ``search_and_contracting``, paid once, in month 1;
2. transition to the vendor: ``transition``, spread evenly over ``transition_months``;
3. managing the effort: ``management_share`` of the monthly fee, every month;
4. switching vendors or bringing the work back in-house: ``switching_back``, a one-off
   provision counted in the last month of the horizon, only if you ask for it
   (``include_switching_back=True``).

A fifth allowance, ``rework_share`` of the monthly fee, stands for checking and fixing
work that comes back below standard. Doing the work in-house is an option with no hidden costs.

Months are numbered 1, 2, ..., ``horizon_months``. Money has no currency here: the
numbers are whatever unit you type in.

>>> in_house = Option("in_house", monthly_cost=100)
>>> vendor = Option("vendor", monthly_cost=40, search_and_contracting=300)
>>> break_even_month(in_house, vendor, horizon_months=12)
5
>>> savings(in_house, vendor, horizon_months=12)
420.0
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from .errors import ModelInputError, require_flag, require_number, require_text, require_whole_number

__all__ = [
    "Option",
    "COST_COMPONENTS",
    "DEFAULT_HORIZON_MONTHS",
    "MAX_HORIZON_MONTHS",
    "default_options",
    "monthly_costs",
    "cost_breakdown",
    "cumulative_costs",
    "total_cost",
    "break_even_month",
    "savings",
    "describe_comparison",
]

#: The longest horizon the models accept: 100 years.
MAX_HORIZON_MONTHS = 1200
#: A horizon for examples and widgets: three years (an illustrative choice).
DEFAULT_HORIZON_MONTHS = 36
#: The largest amount of money accepted for any one cost (keeps sums finite).
MAX_MONEY = 1e12
#: The columns of :func:`cost_breakdown`, in the order they are added up.
COST_COMPONENTS: tuple[str, ...] = (
    "fees",
    "search_and_contracting",
    "transition",
    "management",
    "rework",
    "switching_back",
)
#: The hidden costs: every component except the fees themselves.
HIDDEN_COMPONENTS: tuple[str, ...] = COST_COMPONENTS[1:]


@dataclass(frozen=True)
class Option:
    """One way to get the work done: in-house, or through a KPO provider.

    ``monthly_cost`` is the salaries (in-house) or the fees (KPO) per month.
    ``management_share`` and ``rework_share`` are fractions of ``monthly_cost`` (0.1 = 10%).
    The other costs are amounts of money, paid once.

    >>> Option("in_house", monthly_cost=100_000).has_hidden_costs
    False
    >>> Option("vendor", monthly_cost=-1)
    Traceback (most recent call last):
        ...
    kpo_course.models.errors.ModelInputError: monthly_cost of option 'vendor' must not be negative (got -1)
    """

    id: str
    monthly_cost: float
    search_and_contracting: float = 0.0
    transition: float = 0.0
    transition_months: int = 1
    management_share: float = 0.0
    switching_back: float = 0.0
    rework_share: float = 0.0

    def __post_init__(self) -> None:
        option_id = require_text(self.id, "the option's id")
        where = f"of option {option_id!r}"
        checked: dict[str, Any] = {"id": option_id}
        for money in ("monthly_cost", "search_and_contracting", "transition", "switching_back"):
            checked[money] = require_number(
                getattr(self, money), f"{money} {where}", minimum=0, maximum=MAX_MONEY
            )
        for share in ("management_share", "rework_share"):
            checked[share] = require_number(
                getattr(self, share), f"{share} {where}", minimum=0, maximum=1
            )
        checked["transition_months"] = require_whole_number(
            self.transition_months, f"transition_months {where}", minimum=1, maximum=MAX_HORIZON_MONTHS
        )
        for field, value in checked.items():  # store clean floats and ints
            object.__setattr__(self, field, value)

    @property
    def has_hidden_costs(self) -> bool:
        """True if any of the hidden costs is above zero."""
        return any(
            getattr(self, name) > 0
            for name in ("search_and_contracting", "transition", "management_share",
                         "switching_back", "rework_share")
        )


def default_options() -> dict[str, Option]:
    """Four ILLUSTRATIVE options for a team of about ten analysts: made-up numbers, not data.

    The amounts are invented to teach the method, in round numbers, and chosen to be
    plausible against real, cited figures:

    - ``in_house``: 100,000 a month, no hidden costs (the baseline).
    - ``offshore_vendor``: fees 40,000 a month, i.e. 60% below in-house. Reuters reported
      costs about 60% lower in Bangalore than onshore (The Guardian, 2004-10-07); JPMorgan's
      Mumbai research staff were paid about a quarter of New York / London salaries
      (Reuters via rediff.com, 2003-04-25), and a vendor's fee adds its margin on top.
    - ``onshore_vendor``: fees 85,000 a month, a modest saving from the vendor's scale.
    - ``captive``: the firm's own offshore centre. Running cost 30,000 a month (salaries
      near a quarter of home salaries, plus premises), but the largest set-up and
      management costs. Over five years it saves about 45% of the in-house total cost,
      inside the 40-70% total-cost-of-ownership savings that Everest Group and NASSCOM
      (2012) report for captive centres.

    ``switching_back`` for the outsourced options is one third of a year's fees, after
    Peukert (2019): switching costs are about one third of annual professional-services spend.
    Every other hidden cost (search, transition, management and rework shares) is invented.
    At these settings (horizon 36 months) the offshore vendor breaks even in month 14
    and the captive in month 17, both within the second year; the onshore vendor breaks
    even in month 10 but saves only about 7%, and with ``include_switching_back=True``
    it ends up dearer than in-house.

    >>> options = default_options()
    >>> list(options)
    ['in_house', 'onshore_vendor', 'offshore_vendor', 'captive']
    >>> in_house = options["in_house"]
    >>> [break_even_month(in_house, options[o], 36) for o in ("offshore_vendor", "captive")]
    [14, 17]
    """
    return {
        "in_house": Option("in_house", monthly_cost=100_000),
        "onshore_vendor": Option(
            "onshore_vendor",
            monthly_cost=85_000,
            search_and_contracting=30_000,
            transition=60_000,
            transition_months=3,
            management_share=0.05,
            switching_back=340_000,  # one third of a year's fees (Peukert 2019)
            rework_share=0.02,
        ),
        "offshore_vendor": Option(
            "offshore_vendor",
            monthly_cost=40_000,
            search_and_contracting=60_000,
            transition=600_000,  # six months of knowledge transfer and parallel running
            transition_months=6,
            management_share=0.15,
            switching_back=160_000,  # one third of a year's fees (Peukert 2019)
            rework_share=0.10,
        ),
        "captive": Option(
            "captive",
            monthly_cost=30_000,
            search_and_contracting=150_000,  # site, legal entity, first hires
            transition=900_000,  # nine months of building, hiring, training, parallel running
            transition_months=9,
            management_share=0.20,
            switching_back=120_000,  # one third of a year's running cost (after Peukert 2019)
            rework_share=0.05,
        ),
    }


def _horizon(horizon_months: Any) -> int:
    months = require_whole_number(horizon_months, "horizon_months", minimum=1)
    return require_whole_number(months, "horizon_months", maximum=MAX_HORIZON_MONTHS)


def _option(option: Any, name: str) -> Option:
    if not isinstance(option, Option):
        raise ModelInputError(
            f"{name} must be an Option, e.g. Option('vendor', monthly_cost=40_000) "
            f"(got {type(option).__name__})"
        )
    return option


def _components(option: Option, months: int, include_switching_back: bool) -> dict[str, np.ndarray]:
    """Each cost component per month, as arrays of length ``months``."""
    fees = np.full(months, option.monthly_cost)
    search = np.zeros(months)
    search[0] = option.search_and_contracting
    transition = np.zeros(months)
    spread = option.transition_months
    transition[: min(spread, months)] = option.transition / spread
    switching = np.zeros(months)
    if include_switching_back:
        switching[-1] = option.switching_back
    return {
        "fees": fees,
        "search_and_contracting": search,
        "transition": transition,
        "management": fees * option.management_share,
        "rework": fees * option.rework_share,
        "switching_back": switching,
    }


def cost_breakdown(
    option: Option, horizon_months: int, *, include_switching_back: bool = False
) -> pd.DataFrame:
    """Each month's cost split into the fees and the hidden costs (columns :data:`COST_COMPONENTS`).

    Rows are months 1..``horizon_months`` (index named ``month``).

    >>> vendor = Option("vendor", monthly_cost=100, transition=60, transition_months=2,
    ...                 management_share=0.1)
    >>> cost_breakdown(vendor, 3)[["fees", "transition", "management"]].to_dict("list")
    {'fees': [100.0, 100.0, 100.0], 'transition': [30.0, 30.0, 0.0], 'management': [10.0, 10.0, 10.0]}
    """
    option = _option(option, "option")
    months = _horizon(horizon_months)
    include = require_flag(include_switching_back, "include_switching_back")
    frame = pd.DataFrame(_components(option, months, include), columns=list(COST_COMPONENTS))
    frame.index = pd.RangeIndex(1, months + 1, name="month")
    return frame


def monthly_costs(
    option: Option, horizon_months: int, *, include_switching_back: bool = False
) -> np.ndarray:
    """What ``option`` costs in each month 1..``horizon_months``, hidden costs included.

    >>> vendor = Option("vendor", monthly_cost=100, search_and_contracting=50, rework_share=0.1)
    >>> monthly_costs(vendor, 3).tolist()
    [160.0, 110.0, 110.0]
    """
    option = _option(option, "option")
    months = _horizon(horizon_months)
    include = require_flag(include_switching_back, "include_switching_back")
    parts = _components(option, months, include)
    total = np.zeros(months)
    for name in COST_COMPONENTS:  # always the same order: identical inputs, identical sums
        total = total + parts[name]
    return total


def _options_list(options: Any) -> list[Option]:
    if isinstance(options, Option):
        return [options]
    if isinstance(options, Mapping):
        options = list(options.values())
    if isinstance(options, (str, bytes)) or not isinstance(options, Iterable):
        raise ModelInputError(
            f"options must be a list of Option objects (got {type(options).__name__})"
        )
    chosen = [_option(option, "each of the options") for option in options]
    if not chosen:
        raise ModelInputError("options is empty: give at least one Option")
    seen: set[str] = set()
    for option in chosen:
        if option.id in seen:
            raise ModelInputError(f"two options have the same id {option.id!r}: give each its own id")
        seen.add(option.id)
    return chosen


def cumulative_costs(
    options: Iterable[Option] | Mapping[str, Option] | Option,
    horizon_months: int,
    *,
    include_switching_back: bool = False,
) -> pd.DataFrame:
    """The running total cost of each option: rows are months 1..H, one column per option id.

    ``options`` may be a list of options or the dict :func:`default_options` returns.

    >>> table = cumulative_costs([Option("a", monthly_cost=10), Option("b", monthly_cost=4,
    ...                           search_and_contracting=9)], horizon_months=3)
    >>> table.to_dict("list")
    {'a': [10.0, 20.0, 30.0], 'b': [13.0, 17.0, 21.0]}
    """
    chosen = _options_list(options)
    months = _horizon(horizon_months)
    include = require_flag(include_switching_back, "include_switching_back")
    columns = {
        option.id: np.cumsum(monthly_costs(option, months, include_switching_back=include))
        for option in chosen
    }
    frame = pd.DataFrame(columns, columns=[option.id for option in chosen])
    frame.index = pd.RangeIndex(1, months + 1, name="month")
    return frame


def total_cost(option: Option, horizon_months: int, *, include_switching_back: bool = False) -> float:
    """Everything ``option`` costs over ``horizon_months`` months.

    >>> total_cost(Option("vendor", monthly_cost=100, search_and_contracting=50), 12)
    1250.0
    """
    costs = monthly_costs(option, horizon_months, include_switching_back=include_switching_back)
    return float(np.cumsum(costs)[-1])


def break_even_month(
    baseline: Option,
    alternative: Option,
    horizon_months: int,
    *,
    include_switching_back: bool = False,
) -> int | None:
    """The first month from which ``alternative`` has cost no more than ``baseline``, for good.

    Precisely: the smallest month m such that, in every month from m to ``horizon_months``,
    the alternative's cumulative cost is at or below the baseline's. None if the
    alternative still costs more in the last month. 1 if it is never dearer.

    >>> in_house = Option("in_house", monthly_cost=100)
    >>> vendor = Option("vendor", monthly_cost=50, transition=120, transition_months=1)
    >>> break_even_month(in_house, vendor, 12)   # 170, 220, 270 vs 100, 200, 300
    3
    >>> break_even_month(in_house, Option("dear", monthly_cost=101), 12) is None
    True
    """
    base = _option(baseline, "baseline")
    alt = _option(alternative, "alternative")
    table = cumulative_costs([base, _renamed(alt, base)], horizon_months,
                             include_switching_back=include_switching_back)
    base_running = table.iloc[:, 0].to_numpy()
    alt_running = table.iloc[:, 1].to_numpy()
    dearer = alt_running > base_running
    if dearer[-1]:
        return None
    if not dearer.any():
        return 1
    last_dearer = int(np.flatnonzero(dearer)[-1])  # 0-based index of the last dearer month
    return last_dearer + 2  # the month after it, counted from 1


def _renamed(alternative: Option, baseline: Option) -> Option:
    """The alternative under an id that cannot clash with the baseline's (same costs)."""
    if alternative.id != baseline.id:
        return alternative
    return replace(alternative, id=alternative.id + " (alternative)")


def savings(
    baseline: Option,
    alternative: Option,
    horizon_months: int,
    *,
    include_switching_back: bool = False,
) -> float:
    """How much less ``alternative`` costs than ``baseline`` over the horizon (negative: it costs more).

    >>> savings(Option("in_house", monthly_cost=100), Option("vendor", monthly_cost=60), 12)
    480.0
    """
    base = _option(baseline, "baseline")
    alt = _option(alternative, "alternative")
    return total_cost(base, horizon_months, include_switching_back=include_switching_back) - total_cost(
        alt, horizon_months, include_switching_back=include_switching_back
    )


def describe_comparison(
    baseline: Option,
    alternative: Option,
    horizon_months: int,
    *,
    include_switching_back: bool = False,
) -> dict[str, Any]:
    """The numbers a sentence about the comparison needs (no prose: the widget writes it).

    Keys: ``baseline``, ``alternative`` (ids), ``horizon_months``, ``include_switching_back``,
    ``baseline_total``, ``alternative_total``, ``savings`` (baseline minus alternative),
    ``savings_share`` (savings as a fraction of the baseline total; None if that total is 0),
    ``break_even_month`` (int or None), ``alternative_fees`` and ``alternative_hidden_costs``
    (the alternative's total split into its fees and the hidden costs).

    >>> facts = describe_comparison(Option("in_house", monthly_cost=100),
    ...                             Option("vendor", monthly_cost=50, transition=100), 12)
    >>> facts["break_even_month"], facts["savings"], facts["savings_share"]
    (2, 500.0, 0.4166666666666667)
    """
    base = _option(baseline, "baseline")
    alt = _option(alternative, "alternative")
    months = _horizon(horizon_months)
    include = require_flag(include_switching_back, "include_switching_back")
    base_total = total_cost(base, months, include_switching_back=include)
    alt_total = total_cost(alt, months, include_switching_back=include)
    parts = cost_breakdown(alt, months, include_switching_back=include).sum()
    saved = base_total - alt_total
    return {
        "baseline": base.id,
        "alternative": alt.id,
        "horizon_months": months,
        "include_switching_back": include,
        "baseline_total": base_total,
        "alternative_total": alt_total,
        "savings": saved,
        "savings_share": saved / base_total if base_total > 0 else None,
        "break_even_month": break_even_month(base, alt, months, include_switching_back=include),
        "alternative_fees": float(parts["fees"]),
        "alternative_hidden_costs": float(sum(parts[name] for name in HIDDEN_COMPONENTS)),
    }
