"""The students' pandas view: columns, rows, order, language switch, docstring examples."""
from __future__ import annotations


import pandas as pd
import pytest

import kpo_course as kpo
from kpo_course import data
from kpo_course.content import load
from kpo_course.i18n import set_language

EXPECTED_COLUMNS = {
    "domains": ["id", "name", "description", "example_tasks", "deliverables", "skills", "risks", "case", "claims"],
    "glossary": ["id", "term", "definition", "related", "claims", "source"],
    "cases": ["id", "name", "firm", "vendor", "year", "domain", "model", "engagement", "location", "teaching_case",
              "summary", "figures", "claims", "sources"],
    "case_classification": ["case", "firm", "engagement", "facet", "id", "name", "why"],
    "case_figures": ["case", "firm", "year", "label", "value", "unit", "source"],
    "tasks": ["id", "task", "label", "reason", "domain"],
    "market_estimates": ["id", "publisher", "kind", "base_year", "base_value_usd_bn", "forecast_year",
                         "forecast_value_usd_bn", "cagr_percent", "published_year", "scope", "confidence", "source"],
    "gsli_weights": ["id", "dimension", "weight_percent"],
    "gsli_ranks": ["year", "rank", "country_id", "country", "status", "previous_rank", "note", "source"],
    "gsli_scores": ["year", "country_id", "country", "financial_attractiveness", "people_skills_and_availability",
                    "business_environment", "digital_resonance", "total", "note", "source"],
    "risks": ["id", "name", "description", "example", "likelihood", "impact", "illustrative", "mitigations",
              "claims"],
    "mitigations": ["risk_id", "risk", "id", "name", "description", "likelihood_reduction", "impact_reduction"],
    "engagement_models": ["id", "dimension", "name", "description", "when_it_fits", "drawbacks", "claims"],
    "hidden_costs": ["id", "name", "explanation", "example", "source"],
    "sources": ["id", "author", "title", "year", "outlet", "url_domain", "confidence"],
}


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


@pytest.mark.parametrize("name", sorted(EXPECTED_COLUMNS))
def test_columns_and_some_rows(name):
    frame = getattr(data, name)()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == EXPECTED_COLUMNS[name]
    assert len(frame) > 0


def test_rows_follow_the_data_files():
    content = load()
    assert data.domains()["id"].tolist() == [d.id for d in content.domains]
    assert data.glossary()["id"].tolist() == [t.id for t in content.glossary]
    assert data.cases()["id"].tolist() == [c.id for c in content.cases]
    assert data.tasks()["id"].tolist() == [t.id for t in content.tasks]
    assert data.market_estimates()["id"].tolist() == [e.id for e in content.market_estimates]
    assert len(data.case_figures()) == sum(len(c.figures) for c in content.cases)
    assert len(data.mitigations()) == sum(len(r.mitigations) for r in content.risks)
    assert len(data.gsli_ranks()) == len(content.gsli.ranks)


def test_row_counts():
    assert len(data.domains()) == 8
    assert len(data.glossary()) >= 30
    assert len(data.tasks()) >= 30
    assert len(data.risks()) == 5
    assert len(data.gsli_weights()) == 4


def test_types_students_can_compute_with():
    estimates = data.market_estimates()
    assert estimates["base_value_usd_bn"].dtype == "float64"
    assert str(estimates["forecast_year"].dtype) == "Int64"
    figures = data.case_figures()
    assert figures["value"].dtype == "float64"
    assert data.risks()["likelihood"].dtype.kind == "i"
    ranks = data.gsli_ranks()
    assert ranks.loc[ranks["country_id"] == "singapore", "previous_rank"].item() == 38


@pytest.mark.parametrize("name", sorted(EXPECTED_COLUMNS))
def test_a_missing_text_looks_alike_in_pandas_2_and_3(name):
    """Left alone, pandas 2 shows a missing text as None and pandas 3 as NaN: a stored lesson table
    would then differ between Python 3.10 (pandas 2) and newer. Both show <NA> for a "string" column."""
    table = getattr(data, name)()
    for column in table.columns:
        values, texts = table[column], table[column].dropna()
        if len(texts) < len(values) and len(texts) and all(isinstance(v, str) for v in texts):
            assert str(values.dtype) == "string", f"{name}.{column} is {values.dtype}"
    cases = data.cases()
    assert "<td>&lt;NA&gt;</td>" in cases[["firm", "vendor"]].to_html()
    assert cases.loc[cases["model"] == "third_party", "vendor"].notna().all()


def test_language_switch():
    english_names = data.domains()["name"].tolist()
    set_language("sv")
    swedish = data.domains()
    assert swedish["name"].tolist() != english_names
    assert swedish.loc[5, "name"] == "Juridiska tjänster"
    assert data.glossary().loc[0, "definition"].startswith("Att lägga ut")
    assert data.gsli_ranks().loc[0, "country"] == "Indien"
    assert data.case_figures()["label"].str.contains("Lön|Jurister|Kostnad|Avtalets", regex=True).any()
    assert data.tasks()["id"].tolist() == [t.id for t in load().tasks]  # ids never translate
    assert list(swedish.columns) == EXPECTED_COLUMNS["domains"]  # neither do column names
    set_language("en")
    assert data.domains()["name"].tolist() == english_names


def test_each_call_is_a_fresh_frame():
    first = data.tasks()
    first.loc[0, "label"] = "changed"
    assert data.tasks().loc[0, "label"] != "changed"


def test_no_global_pandas_options_are_changed():
    before = {key: pd.get_option(key) for key in ("display.max_columns", "display.max_rows", "display.width",
                                                 "display.max_colwidth")}
    for name in EXPECTED_COLUMNS:
        getattr(data, name)()
    after = {key: pd.get_option(key) for key in before}
    assert before == after


def test_reachable_as_kpo_data():
    assert kpo.data.domains is data.domains


def test_every_function_has_a_runnable_docstring_example():
    for name in data.__all__:
        assert ">>> " in (getattr(data, name).__doc__ or ""), name
