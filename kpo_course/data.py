"""The course's knowledge as pandas DataFrames, in the current language.

Students use it as ``kpo.data``::

    import kpo_course as kpo
    kpo.data.domains()            # the eight KPO domains
    kpo.set_language("sv")
    kpo.data.domains()            # the same table in Swedish

Column names are English snake_case in both languages (they are code); the cells
follow :func:`kpo_course.set_language`. Rows come in the order of the data files.
Each call builds a fresh DataFrame, so changing it never changes the course data.
Numbers that can be missing use pandas' nullable types: ``Int64`` for years and ranks,
``NaN`` for missing amounts.
"""
from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

from .content import load
from .i18n import localize

__all__ = [
    "domains", "glossary", "cases", "case_figures", "case_classification", "tasks", "market_estimates",
    "gsli_weights", "gsli_ranks", "gsli_scores", "risks", "mitigations",
    "engagement_models", "hidden_costs", "sources",
]


def _join(values: Iterable[Any]) -> str:
    """A list as one readable cell: ``"a, b, c"`` (texts in the current language)."""
    return ", ".join(str(localize(v)) for v in values)


def _frame(rows: list[dict], columns: list[str], ints: tuple[str, ...] = ()) -> pd.DataFrame:
    """A table whose missing values look alike in pandas 2 and 3: ``<NA>`` in whole-number and text columns.

    (Left alone, a missing text shows as None in pandas 2 and as NaN in pandas 3.)
    """
    frame = pd.DataFrame(rows, columns=columns)
    for column in ints:
        frame[column] = frame[column].astype("Int64")
    for column in columns:
        values, texts = frame[column], frame[column].dropna()
        if column not in ints and len(texts) < len(values) and len(texts) and all(isinstance(v, str) for v in texts):
            frame[column] = values.astype("string")
    return frame


def domains() -> pd.DataFrame:
    """The eight KPO domains (claim S09), one row each, in the article's order.

    Columns: ``id, name, description, example_tasks, deliverables, skills, risks, case, claims``.
    List fields (``example_tasks``, ``deliverables``, ``skills``, ``risks``, ``claims``) are
    ", "-joined text, easy to read in a table. ``case`` is the id of a real case, or None.

    >>> import kpo_course as kpo
    >>> table = kpo.data.domains()
    >>> table.shape
    (8, 9)
    >>> table.loc[5, "name"]
    'Legal services'
    >>> table[table["case"].isna()]["name"].tolist()
    ['Technical analysis']
    """
    rows = [
        {
            "id": d.id, "name": localize(d.name), "description": localize(d.description),
            "example_tasks": _join(d.example_tasks), "deliverables": _join(d.deliverables),
            "skills": _join(d.skills), "risks": _join(d.risks), "case": d.case,
            "claims": _join(d.claims),
        }
        for d in load().domains
    ]
    return _frame(rows, ["id", "name", "description", "example_tasks", "deliverables",
                         "skills", "risks", "case", "claims"])


def glossary() -> pd.DataFrame:
    """The glossary, one row per term.

    Columns: ``id, term, definition, related, claims, source``; ``related`` and ``claims``
    are ", "-joined ids.

    >>> import kpo_course as kpo
    >>> terms = kpo.data.glossary()
    >>> terms.loc[terms["id"] == "nda", "term"].item()
    'Non-disclosure agreement (NDA)'
    >>> list(terms.columns)
    ['id', 'term', 'definition', 'related', 'claims', 'source']
    """
    rows = [
        {
            "id": t.id, "term": localize(t.term), "definition": localize(t.definition),
            "related": _join(t.related), "claims": _join(t.claims), "source": t.source,
        }
        for t in load().glossary
    ]
    return _frame(rows, ["id", "term", "definition", "related", "claims", "source"])


def cases() -> pd.DataFrame:
    """The cases, one row each: the article's teaching example and the real cases.

    Columns: ``id, name, firm, vendor, year, domain, model, engagement, location, teaching_case,
    summary, figures, claims, sources``. ``engagement`` is ``third_party``, ``captive`` or
    ``acquisition`` (one firm buying another, not outsourcing); ``vendor`` is ``<NA>`` for a firm's own (captive) unit;
    ``year`` is ``<NA>`` where no year is known; ``figures`` counts the case's numbers
    (see :func:`case_figures` for the numbers themselves).

    >>> import kpo_course as kpo
    >>> table = kpo.data.cases()
    >>> table.loc[table["id"] == "rio_tinto_cpa_global", ["firm", "vendor", "year"]].values.tolist()
    [['Rio Tinto', 'CPA Global', 2009]]
    >>> print(table.groupby("model").size()["captive_subsidiary"])
    5
    """
    rows = [
        {
            "id": c.id, "name": localize(c.name), "firm": c.firm, "vendor": c.vendor,
            "year": c.year, "domain": c.domain, "model": c.model, "engagement": c.engagement,
            "location": localize(c.location) if c.location else None,
            "teaching_case": c.teaching_case, "summary": localize(c.summary),
            "figures": len(c.figures), "claims": _join(c.claims), "sources": _join(c.sources),
        }
        for c in load().cases
    ]
    return _frame(rows, ["id", "name", "firm", "vendor", "year", "domain", "model", "engagement", "location",
                         "teaching_case", "summary", "figures", "claims", "sources"], ints=("year",))


def case_classification() -> pd.DataFrame:
    """Which KPO domains, motivations and benefits each case illustrates: one row per pair.

    Columns: ``case, firm, engagement, facet, id, name, why``. ``facet`` is ``domain``,
    ``motivation`` or ``benefit``; ``id`` is the entry's id in ``domains``, ``motivations``
    or ``benefits`` and ``name`` its name; ``why`` says why the course counts the case
    there. A case may have several rows of one facet: every one the course's text
    supports is a fair answer.

    >>> import kpo_course as kpo
    >>> table = kpo.data.case_classification()
    >>> lilly = table[(table["case"] == "eli_lilly_tcs") & (table["facet"] == "domain")]
    >>> lilly["id"].tolist()
    ['research_and_development', 'healthcare']
    >>> rio = table[(table["case"] == "rio_tinto_cpa_global") & (table["facet"] == "motivation")]
    >>> "lower_cost_offshore" in rio["id"].tolist(), "experts_without_training" in rio["id"].tolist()
    (True, False)
    """
    content = load()
    names = {
        "domains": {d.id: d.name for d in content.domains},
        "motivations": {m.id: m.name for m in content.motivations},
        "benefits": {b.id: b.name for b in content.benefits},
    }
    rows = [
        {
            "case": c.id, "firm": c.firm, "engagement": c.engagement, "facet": facet[:-1],
            "id": entry.id, "name": localize(names[facet][entry.id]), "why": localize(entry.why),
        }
        for c in content.cases
        for facet in ("domains", "motivations", "benefits")
        for entry in getattr(c.classification, facet)
    ]
    return _frame(rows, ["case", "firm", "engagement", "facet", "id", "name", "why"])


def case_figures() -> pd.DataFrame:
    """Every number from the real cases, tidy: one row per figure.

    Columns: ``case, firm, year, label, value, unit, source``. ``unit`` tells how to read
    ``value``: ``USD``/``GBP`` amounts, ``USD/day`` or ``USD/year`` pay, ``share``
    (0.25 means 25 %), ``people``, ``tools`` or ``times`` (a ratio).

    >>> import kpo_course as kpo
    >>> figures = kpo.data.case_figures()
    >>> rio = figures[figures["case"] == "rio_tinto_cpa_global"]
    >>> rio.loc[rio["unit"] == "USD/day", "value"].item()
    250.0
    >>> sorted(figures["unit"].unique())[:3]
    ['GBP', 'USD', 'USD/day']
    """
    rows = [
        {
            "case": c.id, "firm": c.firm, "year": c.year, "label": localize(f.label),
            "value": float(f.value), "unit": f.unit, "source": f.source,
        }
        for c in load().cases
        for f in c.figures
    ]
    return _frame(rows, ["case", "firm", "year", "label", "value", "unit", "source"], ints=("year",))


def tasks() -> pd.DataFrame:
    """The tasks of the "KPO or BPO?" drill, one row each.

    Columns: ``id, task, label, reason, domain``; ``label`` is "KPO" or "BPO" and
    ``domain`` is the KPO domain's id (None for BPO tasks).

    >>> import kpo_course as kpo
    >>> drill = kpo.data.tasks()
    >>> drill["label"].value_counts().to_dict()
    {'KPO': 17, 'BPO': 17}
    """
    rows = [
        {"id": t.id, "task": localize(t.task), "label": t.label,
         "reason": localize(t.reason), "domain": t.domain}
        for t in load().tasks
    ]
    return _frame(rows, ["id", "task", "label", "reason", "domain"])


def market_estimates() -> pd.DataFrame:
    """Estimates of the KPO market's size in US$ billions, one row per estimate.

    Columns: ``id, publisher, kind, base_year, base_value_usd_bn, forecast_year,
    forecast_value_usd_bn, cagr_percent, published_year, scope, confidence, source``.
    ``kind`` is "forecast" (recent) or "historical" (an old forecast); missing figures
    are NaN (amounts) or <NA> (years). Read ``scope`` before comparing rows: one row is
    the whole outsourcing market, not KPO.

    >>> import kpo_course as kpo
    >>> est = kpo.data.market_estimates()
    >>> est[est["kind"] == "forecast"]["publisher"].unique().tolist()
    ['360iResearch', 'Technavio', 'Business Research Insights', 'Mordor Intelligence']
    >>> row = est.set_index("id").loc["technavio"]
    >>> growth = (row["forecast_value_usd_bn"] / row["base_value_usd_bn"]) ** (1 / 5) - 1
    >>> print(f"{growth:.2%} a year")
    18.76% a year
    """
    rows = [
        {
            "id": e.id, "publisher": e.publisher, "kind": e.kind, "base_year": e.base_year,
            "base_value_usd_bn": e.base_value_usd_bn, "forecast_year": e.forecast_year,
            "forecast_value_usd_bn": e.forecast_value_usd_bn, "cagr_percent": e.cagr_percent,
            "published_year": e.published_year, "scope": localize(e.scope),
            "confidence": e.confidence, "source": e.source,
        }
        for e in load().market_estimates
    ]
    frame = _frame(rows, ["id", "publisher", "kind", "base_year", "base_value_usd_bn", "forecast_year",
                          "forecast_value_usd_bn", "cagr_percent", "published_year", "scope",
                          "confidence", "source"], ints=("base_year", "forecast_year", "published_year"))
    for column in ("base_value_usd_bn", "forecast_value_usd_bn", "cagr_percent"):
        frame[column] = frame[column].astype("float64")
    return frame


def gsli_weights() -> pd.DataFrame:
    """The four dimensions of Kearney's GSLI 2023 and their weights (they add up to 100).

    Columns: ``id, dimension, weight_percent``.

    >>> import kpo_course as kpo
    >>> weights = kpo.data.gsli_weights()
    >>> weights["weight_percent"].tolist()
    [35.0, 25.0, 25.0, 15.0]
    >>> print(weights["weight_percent"].sum())
    100.0
    """
    rows = [
        {"id": d.id, "dimension": localize(d.name), "weight_percent": float(d.weight_percent)}
        for d in load().gsli.dimensions
    ]
    return _frame(rows, ["id", "dimension", "weight_percent"])


def gsli_ranks() -> pd.DataFrame:
    """Countries' GSLI ranks (2023 and the 2021 top 10), one row per country and year.

    Columns: ``year, rank, country_id, country, status, previous_rank, note, source``.
    ``status`` is "seen" (read in the source) or "inferred" (our reading of the listed
    order as ranks); rank 11 and others not in our sources are simply absent.

    >>> import kpo_course as kpo
    >>> ranks = kpo.data.gsli_ranks()
    >>> ranks[ranks["year"] == 2023].head(3)["country"].tolist()
    ['India', 'China', 'Malaysia']
    >>> ranks[ranks["status"] == "inferred"]["rank"].tolist()
    [6, 8, 9, 10]
    """
    gsli = load().gsli
    names = {c.id: c.name for c in gsli.countries}
    rows = [
        {
            "year": r.year, "rank": r.rank, "country_id": r.country,
            "country": localize(names[r.country]), "status": r.status,
            "previous_rank": r.previous_rank, "note": localize(r.note) if r.note else None,
            "source": r.source,
        }
        for r in gsli.ranks
    ]
    return _frame(rows, ["year", "rank", "country_id", "country", "status", "previous_rank", "note", "source"],
                  ints=("year", "rank", "previous_rank"))


def gsli_scores() -> pd.DataFrame:
    """The few published GSLI scores, one row per country and edition (NaN = not published).

    Columns: ``year, country_id, country``, one column per dimension id, then ``total, note, source``.

    >>> import kpo_course as kpo
    >>> scores = kpo.data.gsli_scores()
    >>> scores.loc[scores["country_id"] == "india", "total"].item()
    7.01
    """
    gsli = load().gsli
    names = {c.id: c.name for c in gsli.countries}
    dimension_ids = [d.id for d in gsli.dimensions]
    rows = []
    for s in gsli.scores:
        row = {"year": s.year, "country_id": s.country, "country": localize(names[s.country])}
        row.update({d: s.scores.get(d) for d in dimension_ids})
        row.update({"total": s.total, "note": localize(s.note) if s.note else None, "source": s.source})
        rows.append(row)
    frame = _frame(rows, ["year", "country_id", "country", *dimension_ids, "total", "note", "source"],
                   ints=("year",))
    for column in (*dimension_ids, "total"):
        frame[column] = frame[column].astype("float64")
    return frame


def risks() -> pd.DataFrame:
    """The five drawbacks of KPO (claims S19–S23), one row each.

    Columns: ``id, name, description, example, likelihood, impact, illustrative,
    mitigations, claims``. ``likelihood`` and ``impact`` (1–5) are ILLUSTRATIVE teaching
    defaults, not measurements; ``mitigations`` counts the ways to reduce the risk
    (see :func:`mitigations`).

    >>> import kpo_course as kpo
    >>> table = kpo.data.risks()
    >>> table[["id", "likelihood", "impact"]].head(2).values.tolist()
    [['ip_security', 3, 5], ['less_control_quality', 3, 4]]
    """
    rows = [
        {
            "id": r.id, "name": localize(r.name), "description": localize(r.description),
            "example": localize(r.example), "likelihood": r.likelihood, "impact": r.impact,
            "illustrative": r.illustrative, "mitigations": len(r.mitigations), "claims": _join(r.claims),
        }
        for r in load().risks
    ]
    return _frame(rows, ["id", "name", "description", "example", "likelihood", "impact",
                         "illustrative", "mitigations", "claims"])


def mitigations() -> pd.DataFrame:
    """Ways to reduce each risk, tidy: one row per mitigation.

    Columns: ``risk_id, risk, id, name, description, likelihood_reduction, impact_reduction``.
    The reductions (0–3 points) are illustrative teaching defaults.

    >>> import kpo_course as kpo
    >>> m = kpo.data.mitigations()
    >>> print(m.groupby("risk_id").size().loc["ip_security"])
    3
    """
    rows = [
        {
            "risk_id": r.id, "risk": localize(r.name), "id": m.id, "name": localize(m.name),
            "description": localize(m.description), "likelihood_reduction": m.likelihood_reduction,
            "impact_reduction": m.impact_reduction,
        }
        for r in load().risks
        for m in r.mitigations
    ]
    return _frame(rows, ["risk_id", "risk", "id", "name", "description",
                         "likelihood_reduction", "impact_reduction"])


def engagement_models() -> pd.DataFrame:
    """Engagement models (who / where / how), one row each.

    Columns: ``id, dimension, name, description, when_it_fits, drawbacks, claims``.

    >>> import kpo_course as kpo
    >>> kpo.data.engagement_models().groupby("dimension").size().to_dict()
    {'how': 2, 'where': 3, 'who': 2}
    """
    rows = [
        {
            "id": m.id, "dimension": m.dimension, "name": localize(m.name),
            "description": localize(m.description), "when_it_fits": localize(m.when_it_fits),
            "drawbacks": _join(m.drawbacks), "claims": _join(m.claims),
        }
        for m in load().engagement_models
    ]
    return _frame(rows, ["id", "dimension", "name", "description", "when_it_fits", "drawbacks", "claims"])


def hidden_costs() -> pd.DataFrame:
    """Barthélemy's four hidden costs of outsourcing, one row each.

    Columns: ``id, name, explanation, example, source``.

    >>> import kpo_course as kpo
    >>> len(kpo.data.hidden_costs())
    4
    """
    rows = [
        {"id": h.id, "name": localize(h.name), "explanation": localize(h.explanation),
         "example": localize(h.example), "source": h.source}
        for h in load().hidden_costs
    ]
    return _frame(rows, ["id", "name", "explanation", "example", "source"])


def sources() -> pd.DataFrame:
    """The course's sources, one row per citation.

    Columns: ``id, author, title, year, outlet, url_domain, confidence``; ``confidence`` is
    "seen" (read in the source) or "weak" (a secondary source quoting someone else).

    >>> import kpo_course as kpo
    >>> src = kpo.data.sources()
    >>> src.loc[src["id"] == "barthelemy_2001", "title"].item()
    'The Hidden Costs of IT Outsourcing'
    """
    rows = [
        {"id": s.id, "author": s.author, "title": s.title, "year": s.year, "outlet": s.outlet,
         "url_domain": s.url_domain, "confidence": s.confidence}
        for s in load().sources
    ]
    return _frame(rows, ["id", "author", "title", "year", "outlet", "url_domain", "confidence"], ints=("year",))
