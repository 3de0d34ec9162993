"""A weighted decision matrix: score each option on each criterion, weigh, add up, rank.

The weights are rescaled to add up to 1, so ``{"cost": 2, "quality": 1}`` means the same as
``{"cost": 0.667, "quality": 0.333}``. An option's total is the sum over the criteria of
weight times score; the option with the highest total wins.

>>> result = weighted_scores(
...     {"cost": 3, "quality": 1},
...     {"in_house": {"cost": 2, "quality": 5}, "kpo": {"cost": 5, "quality": 3}},
... )
>>> result.ranking
('kpo', 'in_house')
>>> result.totals.round(2).to_dict()
{'in_house': 2.75, 'kpo': 4.5}
>>> deciding_criterion(result)
'cost'
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from .errors import ModelInputError, require_number, require_text

__all__ = [
    "DecisionResult",
    "GSLI_2023_WEIGHTS",
    "weighted_scores",
    "deciding_criterion",
    "gsli_score",
]

#: The largest weight or score accepted (keeps products and sums finite).
MAX_VALUE = 1e12

#: The four dimensions of Kearney's Global Services Location Index (GSLI) 2023 and their
#: published weights (Kearney GSLI 2023, the 12th edition: 78 countries, 52 metrics).
#: Read-only: copy it with ``dict(GSLI_2023_WEIGHTS)`` to try other weights.
GSLI_2023_WEIGHTS: Mapping[str, float] = MappingProxyType({
    "financial_attractiveness": 0.35,
    "people_skills_and_availability": 0.25,
    "business_environment": 0.25,
    "digital_resonance": 0.15,
})


def _key(total: float) -> float:
    """A total rounded to 12 significant digits, so rounding noise cannot reorder a tie."""
    return float(f"{total:.12g}")


@dataclass(frozen=True, eq=False)  # eq=False: comparing pandas objects with == is ambiguous
class DecisionResult:
    """The weighted decision matrix, worked out.

    - ``weights``: the weights rescaled to add up to 1 (a Series, criteria in input order);
    - ``scores``: the scores as given (rows: options in input order; columns: criteria);
    - ``contributions``: weight times score, the same shape as ``scores``;
    - ``totals``: each option's weighted total (a Series, options in input order);
    - ``ranking``: option ids from best to worst; equal totals keep their input order.
    """

    weights: pd.Series
    scores: pd.DataFrame
    contributions: pd.DataFrame
    totals: pd.Series
    ranking: tuple[str, ...]

    @property
    def winner(self) -> str:
        """The option ranked first."""
        return self.ranking[0]

    @property
    def runner_up(self) -> str | None:
        """The option ranked second (None if there is only one option)."""
        return self.ranking[1] if len(self.ranking) > 1 else None

    @property
    def lead(self) -> float:
        """The winner's total minus the runner-up's (0.0 with a single option or a tie)."""
        if self.runner_up is None:
            return 0.0
        lead = float(self.totals[self.winner] - self.totals[self.runner_up])
        return lead if _key(self.totals[self.winner]) != _key(self.totals[self.runner_up]) else 0.0

    def table(self) -> pd.DataFrame:
        """Contributions per criterion, then ``total`` and ``rank``; rows best first.

        >>> weighted_scores({"cost": 1}, {"a": {"cost": 2}, "b": {"cost": 4}}).table()["rank"].to_dict()
        {'b': 1, 'a': 2}
        """
        frame = self.contributions.loc[list(self.ranking)].copy()
        frame["total"] = self.totals.loc[list(self.ranking)]
        frame["rank"] = np.arange(1, len(self.ranking) + 1)
        return frame


def _weights(weights: Any) -> dict[str, float]:
    if not isinstance(weights, Mapping):
        raise ModelInputError(
            f"weights must be a dict of criterion -> weight, e.g. {{'cost': 2, 'quality': 1}} "
            f"(got {type(weights).__name__})"
        )
    if not weights:
        raise ModelInputError("weights is empty: give at least one criterion and its weight")
    checked: dict[str, float] = {}
    for criterion, weight in weights.items():
        name = require_text(criterion, "each criterion's name")
        checked[name] = require_number(
            weight, f"the weight of criterion {name!r}", minimum=0, maximum=MAX_VALUE
        )
    if sum(checked.values()) <= 0:
        raise ModelInputError(
            "the weights add up to zero: give at least one criterion a weight above zero"
        )
    return checked


def _scores(scores: Any, criteria: list[str]) -> dict[str, dict[str, float]]:
    if isinstance(scores, pd.DataFrame):
        scores = {str(option): row.to_dict() for option, row in scores.iterrows()}
    if not isinstance(scores, Mapping):
        raise ModelInputError(
            "scores must be a dict of option -> {criterion: score}, "
            f"e.g. {{'kpo': {{'cost': 4}}}} (got {type(scores).__name__})"
        )
    if not scores:
        raise ModelInputError("scores is empty: give at least one option and its scores")
    checked: dict[str, dict[str, float]] = {}
    for option, row in scores.items():
        name = require_text(option, "each option's name")
        if not isinstance(row, Mapping):
            raise ModelInputError(
                f"the scores of option {name!r} must be a dict of criterion -> score "
                f"(got {type(row).__name__})"
            )
        for criterion in row:
            if not isinstance(criterion, str) or criterion.strip() not in criteria:
                raise ModelInputError(
                    f"option {name!r} has a score for {criterion!r}, a criterion without a weight: "
                    "give it a weight (0 to ignore it) or remove the score"
                )
        given = {criterion.strip(): value for criterion, value in row.items()}
        checked[name] = {}
        for criterion in criteria:
            if criterion not in given:
                raise ModelInputError(f"option {name!r} has no score for criterion {criterion!r}")
            checked[name][criterion] = require_number(
                given[criterion],
                f"the score of option {name!r} on {criterion!r}",
                minimum=0,
                maximum=MAX_VALUE,
            )
    return checked


def weighted_scores(
    weights: Mapping[str, float], scores: Mapping[str, Mapping[str, float]] | pd.DataFrame
) -> DecisionResult:
    """Weigh each option's scores, add them up and rank the options.

    ``weights`` maps each criterion to a weight of 0 or more (rescaled to add up to 1);
    ``scores`` maps each option to its score on every weighted criterion (0 or more, any
    scale, the same for all), or is a DataFrame with options as rows and criteria as columns.

    >>> result = weighted_scores({"cost": 1, "risk": 1},
    ...                          {"a": {"cost": 4, "risk": 2}, "b": {"cost": 1, "risk": 5}})
    >>> result.totals.to_dict()
    {'a': 3.0, 'b': 3.0}
    >>> result.ranking   # a tie: input order decides
    ('a', 'b')
    """
    checked_weights = _weights(weights)
    criteria = list(checked_weights)
    checked_scores = _scores(scores, criteria)
    options = list(checked_scores)

    raw = pd.Series(checked_weights, index=criteria, dtype=float)
    normalised = raw / raw.sum()
    normalised.name = "weight"
    table = pd.DataFrame.from_dict(checked_scores, orient="index", columns=criteria).astype(float)
    table.index.name = "option"
    table.columns.name = "criterion"
    contributions = table * normalised
    totals = contributions.sum(axis=1)
    totals.name = "total"
    order = sorted(range(len(options)), key=lambda i: (-_key(totals.iloc[i]), i))
    return DecisionResult(
        weights=normalised,
        scores=table,
        contributions=contributions,
        totals=totals,
        ranking=tuple(options[i] for i in order),
    )


def deciding_criterion(result: DecisionResult) -> str | None:
    """The criterion that did most to put the winner ahead of the runner-up.

    Precisely: for each criterion c, its part of the lead is
    ``d_c = weight_c * (score[winner, c] - score[runner_up, c])``; the d_c add up to the
    winner's lead. The deciding criterion is the one with the largest d_c. If two criteria
    share the largest d_c, the one listed first in ``weights`` is chosen. None if there is
    no runner-up, or if winner and runner-up tie (then no criterion decided: input order did).

    >>> result = weighted_scores({"cost": 1, "quality": 1},
    ...                          {"a": {"cost": 9, "quality": 1}, "b": {"cost": 2, "quality": 4}})
    >>> result.winner, deciding_criterion(result)
    ('a', 'cost')
    """
    if not isinstance(result, DecisionResult):
        raise ModelInputError(
            f"deciding_criterion needs the result of weighted_scores (got {type(result).__name__})"
        )
    runner_up = result.runner_up
    if runner_up is None or result.lead == 0.0:
        return None
    gap = result.scores.loc[result.winner] - result.scores.loc[runner_up]
    parts = [_key(value) for value in (result.weights * gap).tolist()]
    best = max(range(len(parts)), key=lambda i: (parts[i], -i))
    return str(result.weights.index[best])


def gsli_score(
    subscores: Mapping[str, Mapping[str, float]] | pd.DataFrame,
    weights: Mapping[str, float] = GSLI_2023_WEIGHTS,
) -> pd.Series:
    """Kearney GSLI-style totals: each location's weighted sum of dimension scores, best first.

    Give each dimension a score from 0 to 10 per location; with weights that add up to 1
    (the default is Kearney's 2023 weights, :data:`GSLI_2023_WEIGHTS`) the total is also on
    0-10, like the published GSLI totals. Kearney publishes dimension sub-scores already
    weighted (e.g. financial attractiveness out of 3.5): to reuse those, divide each by its
    weight first. The scores in the example are ILLUSTRATIVE, not Kearney's.

    >>> illustrative = {
    ...     "Country A": {"financial_attractiveness": 8, "people_skills_and_availability": 6,
    ...                   "business_environment": 5, "digital_resonance": 4},
    ...     "Country B": {"financial_attractiveness": 6, "people_skills_and_availability": 7,
    ...                   "business_environment": 7, "digital_resonance": 8},
    ... }
    >>> gsli_score(illustrative).round(2).to_dict()
    {'Country B': 6.8, 'Country A': 6.15}
    """
    result = weighted_scores(weights, subscores)
    totals = result.totals.loc[list(result.ranking)].copy()
    totals.index.name = "location"
    totals.name = "gsli_total"
    return totals
