"""Risk scores before and after mitigation on a 5 x 5 likelihood x impact matrix."""
from __future__ import annotations


import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpo_course.models import LEVEL_THRESHOLDS, LEVELS, Mitigation, ModelInputError, Risk, residual, risk_level
from kpo_course.models import risk

FAST = settings(max_examples=150, deadline=None)

RISKS = [Risk("ip_leak", 4, 5), Risk("quality", 3, 4), Risk("communication", 4, 3)]


@st.composite
def risk_books(draw):
    count = draw(st.integers(min_value=1, max_value=6))
    risks = [
        Risk(f"r{i}", draw(st.integers(1, 5)), draw(st.integers(1, 5))) for i in range(count)
    ]
    mitigations = [
        Mitigation(f"m{j}", f"r{draw(st.integers(0, count - 1))}", draw(st.integers(0, 3)), draw(st.integers(0, 3)))
        for j in range(draw(st.integers(min_value=0, max_value=8)))
    ]
    return risks, mitigations


def test_residual_table():
    table = residual(RISKS, [Mitigation("nda", "ip_leak", 1, 0), Mitigation("room", "ip_leak", 1, 2)])
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns) == list(risk.RESIDUAL_COLUMNS)
    assert table.to_dict("records")[0] == {
        "risk_id": "ip_leak", "likelihood": 4, "impact": 5, "score": 20,
        "residual_likelihood": 2, "residual_impact": 3, "residual_score": 6, "level": "medium",
    }
    assert table["risk_id"].tolist() == ["ip_leak", "quality", "communication"]
    assert table["residual_score"].tolist() == [6, 12, 12]


def test_reductions_add_up_and_floor_at_one():
    table = residual([Risk("r", 2, 5)], [Mitigation("a", "r", 3, 3), Mitigation("b", "r", 3, 3)])
    row = table.iloc[0]
    assert (row["residual_likelihood"], row["residual_impact"], row["residual_score"]) == (1, 1, 1)
    assert row["level"] == "low"


def test_no_mitigations_leaves_scores_unchanged():
    table = residual(RISKS)
    assert (table["score"] == table["residual_score"]).all()
    assert residual(RISKS[0]).shape == (1, len(risk.RESIDUAL_COLUMNS))


@pytest.mark.parametrize(
    ("score", "level"), [(1, "low"), (4, "low"), (5, "medium"), (9, "medium"), (10, "high"), (25, "high")]
)
def test_level_thresholds(score, level):
    assert risk_level(score) == level


def test_thresholds_are_documented_and_cover_every_score():
    assert LEVELS == ("low", "medium", "high")
    assert LEVEL_THRESHOLDS == {"low": 4, "medium": 9, "high": 25}
    for word in ("1-4", "5-9", "10-25"):
        assert word in risk_level.__doc__
    assert {risk_level(s) for s in range(1, 26)} == set(LEVELS)


@pytest.mark.parametrize("score", [0, 26, 2.5, True, None])
def test_risk_level_rejects_impossible_scores(score):
    with pytest.raises(ModelInputError):
        risk_level(score)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("r", 0, 3), "likelihood of risk 'r' must be between 1 and 5 (got 0)"),
        (("r", 3, 6), "impact of risk 'r' must be between 1 and 5 (got 6)"),
        (("r", 2.0, 3), "whole number"),
        (("r", True, 3), "yes/no"),
        (("r", "3", 3), "whole number"),
        (("", 3, 3), "must not be empty"),
    ],
)
def test_risk_rejects_bad_values(args, words):
    with pytest.raises(ModelInputError) as caught:
        Risk(*args)
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("m", "r", 4, 0), "between 0 and 3"),
        (("m", "r", 0, -1), "must not be negative"),
        (("m", "r", 1.5, 0), "whole number"),
        (("m", None, 1, 0), "must be text"),
    ],
)
def test_mitigation_rejects_bad_values(args, words):
    with pytest.raises(ModelInputError) as caught:
        Mitigation(*args)
    assert words in str(caught.value)


def test_unknown_risk_id_is_named():
    with pytest.raises(ModelInputError, match="'ghost'"):
        residual(RISKS, [Mitigation("m", "ghost", 1, 1)])


@pytest.mark.parametrize(
    ("risks", "mitigations", "words"),
    [
        ([], [], "risks is empty"),
        ([Risk("a", 1, 1), Risk("a", 2, 2)], [], "listed twice"),
        (RISKS, [Mitigation("m", "quality", 1, 0), Mitigation("m", "quality", 1, 0)], "applied twice"),
        (RISKS, ["nda"], "Mitigation"),
        ([("a", 1, 1)], [], "Risk"),
        ("ip_leak", [], "list of Risk"),
        (None, [], "list of Risk"),
    ],
)
def test_bad_risk_books_are_model_input_errors(risks, mitigations, words):
    with pytest.raises(ModelInputError) as caught:
        residual(risks, mitigations)
    assert words in str(caught.value)


# --- properties ------------------------------------------------------------------------------

@FAST
@given(book=risk_books())
def test_residual_never_exceeds_inherent_and_is_at_least_one(book):
    risks, mitigations = book
    table = residual(risks, mitigations)
    assert (table["residual_score"] <= table["score"]).all()
    assert (table["residual_score"] >= 1).all()
    assert (table["residual_likelihood"].between(1, 5)).all() and (table["residual_impact"].between(1, 5)).all()
    assert (table["residual_score"] == table["residual_likelihood"] * table["residual_impact"]).all()
    assert table["level"].tolist() == [risk_level(s) for s in table["residual_score"]]


@FAST
@given(book=risk_books(), keep=st.lists(st.booleans(), min_size=8, max_size=8))
def test_more_mitigations_never_raise_a_residual_score(book, keep):
    risks, mitigations = book
    fewer = [m for m, kept in zip(mitigations, keep) if kept]
    with_fewer = residual(risks, fewer)
    with_all = residual(risks, mitigations)
    assert (with_all["residual_score"] <= with_fewer["residual_score"]).all()
    assert (with_all["residual_likelihood"] <= with_fewer["residual_likelihood"]).all()
    assert (with_all["residual_impact"] <= with_fewer["residual_impact"]).all()


@FAST
@given(book=risk_books())
def test_mitigation_order_does_not_matter(book):
    risks, mitigations = book
    assert residual(risks, mitigations).equals(residual(risks, list(reversed(mitigations))))
