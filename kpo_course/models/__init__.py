"""Pure models behind the course's widgets, lessons and exercises (stdlib, numpy, pandas only).

- :mod:`~kpo_course.models.cost`: in-house vs KPO cost with Barthélemy's hidden costs, break-even;
- :mod:`~kpo_course.models.flexibility`: a fixed team vs KPO capacity under changing demand (S17);
- :mod:`~kpo_course.models.decision`: a weighted decision matrix and GSLI-style location scores;
- :mod:`~kpo_course.models.risk`: likelihood x impact risk scores before and after mitigation.

Every model checks its inputs and raises :class:`ModelInputError` (a ``ValueError``) with a
plain-English message; results are deterministic.

>>> from kpo_course import models
>>> options = models.default_options()
>>> models.break_even_month(options["in_house"], options["offshore_vendor"], 36)
14
"""
from __future__ import annotations

from .cost import (
    COST_COMPONENTS,
    DEFAULT_HORIZON_MONTHS,
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
from .decision import (
    GSLI_2023_WEIGHTS,
    DecisionResult,
    deciding_criterion,
    gsli_score,
    weighted_scores,
)
from .errors import ModelInputError
from .flexibility import FlexibilityResult, demand_curve, simulate
from .risk import LEVEL_THRESHOLDS, LEVELS, Mitigation, Risk, residual, risk_level

__all__ = [
    "ModelInputError",
    # cost
    "Option",
    "COST_COMPONENTS",
    "DEFAULT_HORIZON_MONTHS",
    "default_options",
    "monthly_costs",
    "cost_breakdown",
    "cumulative_costs",
    "total_cost",
    "break_even_month",
    "savings",
    "describe_comparison",
    # flexibility
    "FlexibilityResult",
    "demand_curve",
    "simulate",
    # decision
    "DecisionResult",
    "GSLI_2023_WEIGHTS",
    "weighted_scores",
    "deciding_criterion",
    "gsli_score",
    # risk
    "Risk",
    "Mitigation",
    "LEVELS",
    "LEVEL_THRESHOLDS",
    "risk_level",
    "residual",
]
