"""Expected values that more than one exercise computes from the course's own data.

Private to the checks: a learner works these out with ``kpo.data`` and ``kpo.models``.

>>> scores = residual_scores([])          # no measure applied: likelihood × impact
>>> scores == residual_scores(["no such measure"])
True
>>> all(residual_scores(None)[risk] <= score for risk, score in scores.items())
True
"""
from __future__ import annotations

from typing import Iterable


def residual_scores(mitigation_ids: Iterable[str] | None) -> dict[str, int]:
    """Each course risk's residual score after the mitigations with these ids (``None``: all of them)."""
    from .. import data
    from ..models import Mitigation, Risk, residual

    table = data.mitigations()
    chosen = table if mitigation_ids is None else table[table["id"].isin(list(mitigation_ids))]
    result = residual(
        [Risk(r.id, int(r.likelihood), int(r.impact)) for r in data.risks().itertuples()],
        [Mitigation(m.id, m.risk_id, int(m.likelihood_reduction), int(m.impact_reduction)) for m in chosen.itertuples()],
    )
    return dict(zip(result["risk_id"], (int(s) for s in result["residual_score"])))
