"""Risk scores on a 5 x 5 matrix, before and after mitigation.

A :class:`Risk` has a likelihood and an impact, each from 1 (lowest) to 5 (highest); its
score is likelihood times impact (1 to 25). A :class:`Mitigation` lowers one risk's
likelihood and/or impact by 0 to 3 steps. Several mitigations on the same risk add up,
but neither likelihood nor impact can fall below 1: a risk you take on never vanishes.

Levels (:func:`risk_level`): a score of 1-4 is "low", 5-9 "medium", 10-25 "high".

>>> leak = Risk("ip_leak", likelihood=4, impact=5)
>>> access = Mitigation("restricted_room", risk_id="ip_leak", likelihood_reduction=2, impact_reduction=0)
>>> residual([leak], [access])[["risk_id", "score", "residual_score", "level"]].to_dict("records")
[{'risk_id': 'ip_leak', 'score': 20, 'residual_score': 10, 'level': 'high'}]
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .errors import ModelInputError, require_text, require_whole_number

__all__ = [
    "Risk",
    "Mitigation",
    "LEVELS",
    "LEVEL_THRESHOLDS",
    "RESIDUAL_COLUMNS",
    "risk_level",
    "residual",
]

#: The levels, lowest first.
LEVELS: tuple[str, ...] = ("low", "medium", "high")
#: The highest score of each level: low up to 4, medium up to 9, high up to 25.
LEVEL_THRESHOLDS: dict[str, int] = {"low": 4, "medium": 9, "high": 25}
#: The columns :func:`residual` returns, in order.
RESIDUAL_COLUMNS: tuple[str, ...] = (
    "risk_id",
    "likelihood",
    "impact",
    "score",
    "residual_likelihood",
    "residual_impact",
    "residual_score",
    "level",
)


@dataclass(frozen=True)
class Risk:
    """A risk with a likelihood and an impact, each a whole number from 1 to 5.

    >>> Risk("communication", likelihood=3, impact=2).score
    6
    """

    id: str
    likelihood: int
    impact: int

    def __post_init__(self) -> None:
        risk_id = require_text(self.id, "the risk's id")
        where = f"of risk {risk_id!r}"
        object.__setattr__(self, "id", risk_id)
        for field in ("likelihood", "impact"):
            value = require_whole_number(getattr(self, field), f"{field} {where}", minimum=1, maximum=5)
            object.__setattr__(self, field, value)

    @property
    def score(self) -> int:
        """Likelihood times impact, from 1 to 25."""
        return self.likelihood * self.impact


@dataclass(frozen=True)
class Mitigation:
    """A measure against risk ``risk_id``: it lowers likelihood and impact by 0 to 3 steps each.

    >>> Mitigation("nda", risk_id="ip_leak", likelihood_reduction=1, impact_reduction=0).risk_id
    'ip_leak'
    """

    id: str
    risk_id: str
    likelihood_reduction: int = 0
    impact_reduction: int = 0

    def __post_init__(self) -> None:
        mitigation_id = require_text(self.id, "the mitigation's id")
        where = f"of mitigation {mitigation_id!r}"
        object.__setattr__(self, "id", mitigation_id)
        object.__setattr__(self, "risk_id", require_text(self.risk_id, f"risk_id {where}"))
        for field in ("likelihood_reduction", "impact_reduction"):
            value = require_whole_number(getattr(self, field), f"{field} {where}", minimum=0, maximum=3)
            object.__setattr__(self, field, value)


def risk_level(score: int) -> str:
    """The level of a score from 1 to 25: "low" (1-4), "medium" (5-9) or "high" (10-25).

    >>> [risk_level(s) for s in (4, 5, 9, 10)]
    ['low', 'medium', 'medium', 'high']
    """
    value = require_whole_number(score, "score", minimum=1, maximum=25)
    for level in LEVELS:
        if value <= LEVEL_THRESHOLDS[level]:
            return level
    raise AssertionError("unreachable: the thresholds cover 1-25")  # pragma: no cover


def _items(values: Any, kind: type, name: str) -> list[Any]:
    if isinstance(values, kind):
        return [values]
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise ModelInputError(
            f"{name} must be a list of {kind.__name__} objects (got {type(values).__name__})"
        )
    items = list(values)
    for item in items:
        if not isinstance(item, kind):
            raise ModelInputError(
                f"each of the {name} must be a {kind.__name__} (got {type(item).__name__})"
            )
    return items


def residual(risks: Iterable[Risk], mitigations_applied: Iterable[Mitigation] = ()) -> pd.DataFrame:
    """Each risk's score before and after the mitigations applied (columns :data:`RESIDUAL_COLUMNS`).

    ``level`` is the level of the residual score. Rows keep the order of ``risks``.
    Each mitigation may be applied once; one naming an unknown risk is an error.

    >>> risks = [Risk("quality", 3, 4), Risk("communication", 4, 2)]
    >>> done = [Mitigation("sla", "quality", 1, 1), Mitigation("review", "quality", 2, 0)]
    >>> residual(risks, done)[["risk_id", "residual_likelihood", "residual_impact", "level"]].values.tolist()
    [['quality', 1, 3, 'low'], ['communication', 4, 2, 'medium']]
    """
    risk_list = _items(risks, Risk, "risks")
    if not risk_list:
        raise ModelInputError("risks is empty: give at least one Risk")
    mitigation_list = _items(mitigations_applied, Mitigation, "mitigations_applied")

    by_id: dict[str, Risk] = {}
    for risk in risk_list:
        if risk.id in by_id:
            raise ModelInputError(f"risk {risk.id!r} is listed twice: give each risk its own id")
        by_id[risk.id] = risk
    less_likely = dict.fromkeys(by_id, 0)
    less_harmful = dict.fromkeys(by_id, 0)
    applied: set[str] = set()
    for mitigation in mitigation_list:
        if mitigation.risk_id not in by_id:
            raise ModelInputError(
                f"mitigation {mitigation.id!r} is for risk {mitigation.risk_id!r}, "
                f"which is not among the risks ({', '.join(map(repr, by_id))})"
            )
        if mitigation.id in applied:
            raise ModelInputError(f"mitigation {mitigation.id!r} is applied twice: apply it once")
        applied.add(mitigation.id)
        less_likely[mitigation.risk_id] += mitigation.likelihood_reduction
        less_harmful[mitigation.risk_id] += mitigation.impact_reduction

    rows = []
    for risk in risk_list:
        likelihood = max(1, risk.likelihood - less_likely[risk.id])
        impact = max(1, risk.impact - less_harmful[risk.id])
        rows.append(
            (risk.id, risk.likelihood, risk.impact, risk.score,
             likelihood, impact, likelihood * impact, risk_level(likelihood * impact))
        )
    return pd.DataFrame(rows, columns=list(RESIDUAL_COLUMNS))
