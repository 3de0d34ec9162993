"""Exercises 04-07 (benefits, drawbacks and risks, deciding, capstone): their checks.

Every question accepts its right answer (worked out here as a student would, from kpo.data and
kpo.models), explains plausible wrong answers with a message that fits the mistake, says "not
answered yet" for ``...``, speaks Swedish, and survives hostile input without raising and
without ever saying "correct" to a wrong answer. The solution notebooks state their points right.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

import kpo_course as kpo
from kpo_course import checks, i18n
from kpo_course.checks import Feedback

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = {
    "04": "04_case_astrazeneca_clinical_data.ipynb",
    "05": "05_case_vendor_switch.ipynb",
    "06": "06_case_choosing_a_location.ipynb",
    "07": "07_capstone.ipynb",
}
IDS = {"04": 5, "05": 6, "06": 7, "07": 9}
ALL_IDS = [f"{n}.q{i}" for n, count in IDS.items() for i in range(1, count + 1)]


pytestmark = pytest.mark.usefixtures("fresh_state")  # tests/conftest.py: misses, language, progress home


# --------------------------------------------------------------------------- the scenarios, as a student types them
OPTION = kpo.models.Option
VENDOR_B = dict(monthly_cost=45_000, search_and_contracting=50_000, transition=120_000, transition_months=4,
                management_share=0.10, switching_back=180_000)
CAPSTONE = {
    "in_house": dict(monthly_cost=55_000, search_and_contracting=30_000, transition=30_000, transition_months=3,
                     switching_back=60_000),
    "onshore_vendor": dict(monthly_cost=52_000, search_and_contracting=20_000, transition=45_000, transition_months=3,
                           management_share=0.05, switching_back=25_000),
    "offshore_vendor": dict(monthly_cost=27_000, search_and_contracting=40_000, transition=360_000,
                            transition_months=6, management_share=0.15, rework_share=0.05, switching_back=40_000),
}
GSLI_SCORES = pd.DataFrame(
    {"financial_attractiveness": [9, 5, 7, 6], "people_skills_and_availability": [5, 7, 8, 6],
     "business_environment": [4, 8, 6, 6], "digital_resonance": [4, 8, 6, 9]},
    index=["Location A", "Location B", "Location C", "Location D"])
LOCATION_SCORES = pd.DataFrame(
    {"financial_attractiveness": [9, 6, 7, 5], "people_skills_and_availability": [7, 6, 6, 5],
     "business_environment": [4, 8, 6, 9], "digital_resonance": [5, 6, 6, 8]},
    index=["Location P", "Location Q", "Location R", "Location S"])
CRITERIA_WEIGHTS = {"cost": 30, "expertise": 25, "ip_risk": 20, "speed": 15, "communication": 10}
OPTION_SCORES = pd.DataFrame(
    {"cost": [1, 2, 5], "expertise": [2, 4, 4], "ip_risk": [5, 4, 2], "speed": [2, 4, 3], "communication": [5, 4, 2]},
    index=["in_house", "onshore_vendor", "offshore_vendor"])
CHOSEN_05 = ["nda_and_access_control", "sla_and_quality_reviews", "pilot_project", "communication_plan",
             "change_management"]
PLANNED_07 = ["nda_and_access_control", "sla_and_quality_reviews", "communication_plan"]


def az_people(figures=None):
    figures = kpo.data.case_figures() if figures is None else figures
    return figures[(figures["case"] == "astrazeneca_cognizant") & (figures["unit"] == "people")]


def flexibility(**changes):
    demand = kpo.models.demand_curve(months=24, base=10, dip=0.4, dip_start=6, dip_length=6, recovery_months=6)
    settings_ = dict(in_house_staff=10, in_house_cost_per_fte=10_000, kpo_cost_per_fte=11_000, notice_months=1)
    return kpo.models.simulate(demand, **{**settings_, **changes})


def risk_list():
    return [kpo.models.Risk(r.id, r.likelihood, r.impact) for r in kpo.data.risks().itertuples()]


def mitigation_list(ids=None):
    table = kpo.data.mitigations()
    rows = table if ids is None else table[table["id"].isin(ids)]
    return [kpo.models.Mitigation(r.id, r.risk_id, r.likelihood_reduction, r.impact_reduction) for r in rows.itertuples()]


def reduction(how):
    grouped = kpo.data.mitigations().groupby("risk_id")[["likelihood_reduction", "impact_reduction"]]
    return getattr(grouped, how)()


def vendor_b():
    return OPTION("vendor_b", **VENDOR_B)


def vendor_a():
    return OPTION("vendor_a", monthly_cost=60_000, management_share=0.10, switching_back=240_000)


def capstone_options(**changes):
    return [OPTION(name, **{**settings_, **changes.get(name, {})}) for name, settings_ in CAPSTONE.items()]


def capstone_table(include_switching_back=True):
    return kpo.models.cumulative_costs(capstone_options(), 36, include_switching_back=include_switching_back)


def top_five(year):
    ranks = kpo.data.gsli_ranks()
    return ranks[(ranks["year"] == year) & (ranks["rank"] <= 5)].sort_values("rank")["country"].tolist()


def spreads(drop_whole_market=True):
    est = kpo.data.market_estimates()
    if drop_whole_market:
        est = est[est["id"] != "mordor_outsourcing_services"]
    return est.groupby("base_year")["base_value_usd_bn"].agg(lambda s: s.max() - s.min())


def estimates_2026(drop_whole_market=True):
    est = kpo.data.market_estimates()
    rows = est[(est["base_year"] == 2026) & est["base_value_usd_bn"].notna()]
    return rows[rows["id"] != "mordor_outsourcing_services"] if drop_whole_market else rows


def bar_chart(rows, title="KPO market estimates for 2026", xlabel="Publisher", ylabel="US$ bn", horizontal=False):
    fig = Figure()
    ax = fig.subplots()
    (ax.barh if horizontal else ax.bar)(list(rows["publisher"]), list(rows["base_value_usd_bn"]))
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig


def line_chart(table, title="Cumulative cost (illustrative)", scale=1.0, columns=None):
    fig = Figure()
    ax = fig.subplots()
    for name in columns or table.columns:
        ax.plot(table.index, table[name] / scale, label=name)
    ax.set_title(title)
    ax.set_xlabel("Month")
    ax.set_ylabel("Cumulative cost (EUR)")
    return fig


BENEFITS = {"fewer_tools": "lower_operating_costs", "staff_freed": "frees_existing_staff",
            "statistics_2011": "fills_skills_gap", "ramp_down": "flexibility", "new_rule": "agility"}
HIDDEN = {"tender_and_lawyers": "vendor_search_and_contracting", "parallel_running": "transition_to_vendor",
          "vendor_manager": "managing_the_effort", "exit_provision": "switching_or_back_in_house",
          "monthly_fee": "not_hidden"}
CLAUSES = {"nda": "ip_security", "fingerprint_room": "ip_security", "sla": "less_control_quality",
           "pilot": "setup_time_resources", "communication_plan": "communication_barriers",
           "change_management": "staff_fear"}

RIGHT = {
    "04.q1": az_people,
    "04.q2": lambda: 1 - (350 + 50) / 1_000,
    "04.q3": lambda: 150 / 5,
    "04.q4": lambda: dict(BENEFITS),
    "04.q5": lambda: flexibility().kpo_saving,
    "05.q1": lambda: dict(HIDDEN),
    "05.q2": lambda: dict(CLAUSES),
    "05.q3": lambda: reduction("sum"),
    "05.q4": lambda: kpo.models.total_cost(vendor_b(), 36, include_switching_back=True),
    "05.q5": lambda: kpo.models.break_even_month(vendor_a(), vendor_b(), 36, include_switching_back=True),
    "05.q6": lambda: kpo.models.residual(risk_list(), mitigation_list(CHOSEN_05)),
    "06.q1": lambda: kpo.models.gsli_score(GSLI_SCORES),
    "06.q2": lambda: kpo.models.gsli_score(GSLI_SCORES).index[0],
    "06.q3": lambda: kpo.models.deciding_criterion(
        kpo.models.weighted_scores(kpo.models.GSLI_2023_WEIGHTS, GSLI_SCORES)),
    "06.q4": lambda: top_five(2023),
    "06.q5": spreads,
    "06.q6": lambda: bar_chart(estimates_2026(), horizontal=True),
    "06.q7": lambda: ["a", "b", "e"],
    "07.q1": lambda: ["a", "b", "d"],
    "07.q2": lambda: capstone_table().iloc[-1],
    "07.q3": lambda: kpo.models.break_even_month(*capstone_options()[::2], 36, include_switching_back=True),
    "07.q4": lambda: line_chart(capstone_table() / 1e6, title="Cumulative cost, million EUR (illustrative)"),
    "07.q5": lambda: (kpo.models.residual(risk_list(), mitigation_list(PLANNED_07))
                      .sort_values("residual_score", ascending=False)["risk_id"].iloc[0]),
    "07.q6": lambda: "pilot_project",
    "07.q7": lambda: {
        "base": kpo.models.weighted_scores(CRITERIA_WEIGHTS, OPTION_SCORES).winner,
        "ip_doubled": kpo.models.weighted_scores(dict(CRITERIA_WEIGHTS, ip_risk=40), OPTION_SCORES).winner},
    "07.q8": lambda: kpo.models.gsli_score(LOCATION_SCORES[LOCATION_SCORES["business_environment"] >= 5]).index[0],
    "07.q9": lambda: ["a", "b", "c"],
}


# --------------------------------------------------------------------------- declarations
def test_the_questions_are_declared_with_kind_claims_points_and_bilingual_hints():
    mine = [q for q in checks.questions() if q.exercise in IDS]
    assert [q.id for q in mine] == ALL_IDS
    assert set(RIGHT) == set(ALL_IDS)
    for item in mine:
        assert item.kind in {"judgement", "pandas", "calculation", "chart"}, item.id
        assert item.claims and all(re.fullmatch(r"S\d\d", c) for c in item.claims), item.id
        assert item.points > 0, item.id
        assert item.hint["en"].strip() and item.hint["sv"].strip(), item.id
    for exercise in IDS:
        kinds = {q.kind for q in mine if q.exercise == exercise}
        assert {"judgement", "calculation"} <= kinds, exercise
        assert kinds & {"pandas"}, exercise
    assert {q.kind for q in mine if q.exercise in {"06", "07"}} >= {"chart"}
    assessed = {c for q in mine for c in q.claims}
    assert {f"S{n}" for n in range(14, 25)} <= assessed
    for exercise in ("06", "07"):
        claims = {c for q in mine if q.exercise == exercise for c in q.claims}
        assert "S24" in claims and len(claims) >= 4, exercise


# --------------------------------------------------------------------------- right, unanswered
@pytest.mark.parametrize("question_id", ALL_IDS)
def test_right_answer_is_correct(question_id):
    feedback = kpo.check(question_id, RIGHT[question_id]())
    assert feedback.correct is True, feedback.message
    assert feedback.points == feedback.max_points > 0
    assert "✓" in str(feedback) and "Correct" in feedback._repr_html_()


@pytest.mark.parametrize("question_id", ALL_IDS)
def test_ellipsis_means_not_answered_yet(question_id):
    feedback = kpo.check(question_id, ...)
    assert feedback.correct is None and feedback.points == 0
    assert "Not answered yet" in feedback.message


# --------------------------------------------------------------------------- plausible wrong answers
def figures_without_case_filter():
    figures = kpo.data.case_figures()
    return figures[figures["unit"] == "people"]


def az_all():
    figures = kpo.data.case_figures()
    return figures[figures["case"] == "astrazeneca_cognizant"]


WRONG = [
    ("04.q1", az_all, "pounds and the tools"),
    ("04.q1", figures_without_case_filter, "other cases"),
    ("04.q1", lambda: az_people()["value"], "one column"),
    ("04.q1", lambda: az_people().head(3), "Expected 4 rows"),
    ("04.q2", lambda: 1 - 350 / 1_000, "left out the 50 AstraZeneca staff"),
    ("04.q2", lambda: 1 - (350 + 300 + 50) / 1_000, "counted the 300 in India twice"),
    ("04.q2", lambda: 400 / 1_000, "share that remains"),
    ("04.q2", lambda: 60, "typed the percent"),
    ("04.q3", lambda: 150, "whole five-year target"),
    ("04.q3", lambda: (150 - 47) / 5, "subtracted the £47m"),
    ("04.q3", lambda: 30_000_000, "wrong unit"),
    ("04.q4", lambda: dict(BENEFITS, ramp_down="agility", new_rule="flexibility"), "keeping pace with a change"),
    ("04.q4", lambda: dict(BENEFITS, fewer_tools="agility"), "streamlined process"),
    ("04.q4", lambda: dict(BENEFITS, ramp_up="flexibility"), "Not asked for: ramp_up"),
    ("04.q4", lambda: dict(BENEFITS, statistics_2011="frees_existing_staff", staff_freed="fills_skills_gap"),
     "trained statisticians"),
    ("04.q4", lambda: pd.DataFrame({"fact": list(BENEFITS)}), "with 5 rows and 1 column"),
    ("04.q5", lambda: -flexibility().kpo_saving, "sign is flipped"),
    ("04.q5", lambda: flexibility(kpo_cost_per_fte=10_000).kpo_saving, "11,000 per FTE-month"),
    ("04.q5", flexibility, "whole result of simulate"),
    ("05.q1", lambda: dict(HIDDEN, monthly_fee="managing_the_effort", vendor_manager="not_hidden"),
     "the one cost that is not hidden"),
    ("05.q1", lambda: dict(HIDDEN, parallel_running="vendor_search_and_contracting"), "paying two vendors"),
    ("05.q2", lambda: dict(CLAUSES, fingerprint_room="less_control_quality"), "passed on by others"),
    ("05.q2", lambda: dict(CLAUSES, change_management="communication_barriers"), "fear for their jobs"),
    ("05.q3", lambda: reduction("mean"), "average reduction"),
    ("05.q3", lambda: reduction("max"), "largest single reduction"),
    ("05.q3", lambda: reduction("count"), "counted the mitigations"),
    ("05.q3", lambda: reduction("sum")["likelihood_reduction"], "one column"),
    ("05.q3", lambda: kpo.data.mitigations().groupby("risk_id").sum(), "glues their words together"),
    ("05.q3", lambda: reduction("sum").assign(id="x"), "Keep only the two columns"),
    ("05.q3", lambda: reduction("sum").astype(str), "should hold numbers"),
    ("05.q4", lambda: kpo.models.total_cost(vendor_b(), 36, include_switching_back=True) + 120_000,
     "counted the transition cost twice"),
    ("05.q4", lambda: kpo.models.total_cost(vendor_b(), 36), "ask for it by name"),
    ("05.q4", lambda: kpo.models.total_cost(OPTION("vendor_b", **dict(VENDOR_B, switching_back=0)), 36,
                                            include_switching_back=True), "exit provision (180,000) is missing"),
    ("05.q4", lambda: 45_000 * 36, "only the fees"),
    ("05.q4", vendor_b, "Option itself"),
    ("05.q5", lambda: 10, "One month early"),
    ("05.q5", lambda: 4, "transition ends"),
    ("05.q5", lambda: 10.5, "whole number"),
    ("05.q5", lambda: kpo.models.break_even_month(OPTION("vendor_a", monthly_cost=60_000), vendor_b(), 36,
                                                  include_switching_back=True), "the cause is vendor_a"),
    ("05.q5", lambda: 25, "Check vendor_a first"),
    ("05.q6", lambda: kpo.models.residual(risk_list(), mitigation_list()), "every mitigation in the table"),
    ("05.q6", lambda: kpo.models.residual(risk_list(), mitigation_list(CHOSEN_05[:-1])), "staff_fear"),
    ("05.q6", lambda: kpo.models.residual(risk_list(), []), "no mitigation was applied"),
    ("05.q6", lambda: kpo.models.residual(risk_list(), mitigation_list(CHOSEN_05))["residual_score"], "one column"),
    ("06.q1", lambda: GSLI_SCORES.mean(axis=1), "plain averages"),
    ("06.q1", lambda: kpo.models.gsli_score(GSLI_SCORES) * 100, "100 times too large"),
    ("06.q1", lambda: GSLI_SCORES, "with 4 rows"),
    ("06.q2", lambda: "Location B", "best plain average"),
    ("06.q2", lambda: "Location D", "only 15%"),
    ("06.q2", lambda: "Location E", "not one of the locations"),
    ("06.q3", lambda: "people_skills_and_availability", "adds more"),
    ("06.q3", lambda: "business_environment", "works against the winner"),
    ("06.q3", lambda: "cost", "not one of the dimension ids"),
    ("06.q4", lambda: top_five(2021), "2021 edition"),
    ("06.q4", lambda: top_five(2023)[::-1], "wrong order"),
    ("06.q4", lambda: "India", "list of five country names"),
    ("06.q5", lambda: spreads(drop_whole_market=False), "whole outsourcing services market"),
    ("06.q5", lambda: float(spreads().loc[2026]), "one spread per base year"),
    ("06.q5", lambda: (kpo.data.market_estimates().groupby("forecast_year")["forecast_value_usd_bn"]
                       .agg(lambda s: s.max() - s.min())), "Group by base_year"),
    ("06.q6", lambda: bar_chart(estimates_2026(drop_whole_market=False)), "whole outsourcing market"),
    ("06.q6", lambda: bar_chart(estimates_2026(), title=""), "needs a title"),
    ("06.q6", lambda: bar_chart(estimates_2026(), ylabel=""), "Label both axes"),
    ("06.q6", lambda: Figure(), "empty"),
    ("06.q6", lambda: line_chart(capstone_table()), "Draw bars"),
    ("06.q7", lambda: ["a", "b", "c", "e"], "nothing suggests a slip"),
    ("06.q7", lambda: ["a", "b", "d", "e"], "shrank"),
    ("07.q1", lambda: ["a", "b", "c", "d"], "routine operational work"),
    ("07.q1", lambda: ["a", "b", "d", "e"], "core business"),
    ("07.q2", lambda: capstone_table(include_switching_back=False).iloc[-1], "what ending the programme costs"),
    ("07.q2", lambda: dict(capstone_table().iloc[-1], offshore_vendor=capstone_table().iloc[-1]["offshore_vendor"]
                           + 360_000), "counted the transition cost twice"),
    ("07.q2", lambda: dict(capstone_table().iloc[-1], in_house=55_000 * 36), "counts only the salaries"),
    ("07.q2", capstone_table, "whole running table"),
    ("07.q2", lambda: {"in_house": 2_100_000}, "one total for each option"),
    ("07.q3", lambda: 13, "onshore vendor's break-even"),
    ("07.q3", lambda: 15, "One month early"),
    ("07.q3", lambda: kpo.models.break_even_month(
        *capstone_options(in_house=dict(search_and_contracting=0, transition=0, switching_back=0))[::2], 36,
        include_switching_back=True), "counts only the salaries"),
    ("07.q4", lambda: line_chart(capstone_table(), title="Cumulative cost"), "illustrative"),
    ("07.q4", lambda: line_chart(capstone_table(include_switching_back=False)), "without what ending the programme costs"),
    ("07.q4", lambda: line_chart(capstone_table(), columns=["in_house", "onshore_vendor"]), "offshore_vendor"),
    ("07.q5", lambda: "ip_security", "highest before the plan"),
    ("07.q5", lambda: "staff_fear", "another risk scores 12"),
    ("07.q6", lambda: "transition_plan", "brings it lower"),
    ("07.q6", lambda: "change_management", "against staff_fear"),
    ("07.q6", lambda: "nda_and_access_control", "already in the plan"),
    ("07.q7", lambda: {"base": "offshore_vendor", "ip_doubled": "offshore_vendor"}, "changes the ranking"),
    ("07.q7", lambda: {"base": "onshore_vendor", "ip_doubled": "onshore_vendor"}, "winner is not onshore_vendor"),
    ("07.q7", lambda: {"base": "offshore_vendor"}, "two keys"),
    ("07.q8", lambda: "Location P", "below the firm's minimum"),
    ("07.q8", lambda: "Location S", "best business environment"),
    ("07.q8", lambda: "Location R", "passes the filter"),
    ("07.q9", lambda: ["a", "b", "c", "d"], "d is sound"),
    ("07.q9", lambda: ["a", "b", "c", "e"], "counting it once is right"),
    ("07.q9", lambda: ["a", "b"], "How easy is it to find the specialists"),
    ("07.q9", lambda: ["b", "c", "d"], "What can change over three years"),
    ("07.q9", lambda: "abc", "a list of options"),
]


@pytest.mark.parametrize(("question_id", "wrong", "words"), WRONG,
                         ids=[f"{q}-{i}" for i, (q, _, _) in enumerate(WRONG)])
def test_plausible_wrong_answers_get_a_message_that_fits(question_id, wrong, words):
    feedback = kpo.check(question_id, wrong())
    assert feedback.correct is False
    assert words in feedback.message, feedback.message


def test_every_question_has_at_least_two_plausible_wrong_answers():
    counts = {q: sum(1 for w in WRONG if w[0] == q) for q in ALL_IDS}
    assert min(counts.values()) >= 2, counts


def test_the_hint_comes_with_the_second_miss():
    assert kpo.check("05.q4", 1).hint == ""
    assert "total_cost" in kpo.check("05.q4", 2).hint


# --------------------------------------------------------------------------- Swedish
@pytest.mark.parametrize("question_id", ALL_IDS)
def test_feedback_in_swedish(question_id):
    wrong = next(w for w in WRONG if w[0] == question_id)[1]
    english = kpo.check(question_id, wrong()).message
    i18n.set_language("sv")
    right = kpo.check(question_id, RIGHT[question_id]())
    assert right.correct is True and "Rätt" in right._repr_html_()
    feedback = kpo.check(question_id, wrong())  # the second miss: the hint comes, in Swedish
    assert feedback.correct is False and feedback.message != english
    assert feedback.hint == checks.question(question_id).hint["sv"]
    assert "Inte rätt än" in feedback._repr_html_()


def test_swedish_numbers_use_a_decimal_comma_and_spaces():
    i18n.set_language("sv")
    assert "2\xa0132\xa0000" in kpo.check("05.q4", RIGHT["05.q4"]()).message
    assert "0,60" in kpo.check("04.q2", 60).message


# --------------------------------------------------------------------------- nbgrader
def test_under_nbgrader_a_wrong_answer_raises_with_its_message(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert kpo.check("05.q4", RIGHT["05.q4"]()).correct is True
    with pytest.raises(AssertionError, match="transition cost twice"):
        kpo.check("05.q4", RIGHT["05.q4"]() + 120_000)


# --------------------------------------------------------------------------- the notebooks
def _cells(number):
    notebook = json.loads((ROOT / "solutions" / NOTEBOOKS[number]).read_text(encoding="utf-8"))
    return notebook["cells"]


@pytest.mark.parametrize("number", list(NOTEBOOKS))
def test_solution_notebook_states_its_points_and_checks_every_question(number):
    cells = _cells(number)
    intro = "".join(cells[0]["source"])
    graded = [c["metadata"]["nbgrader"] for c in cells if c["metadata"].get("nbgrader", {}).get("grade")]
    auto = {g["grade_id"]: g["points"] for g in graded if g["grade_id"].startswith("check-")}
    manual = [g for g in graded if g["grade_id"] == f"memo-{number}"]
    assert len(manual) == 1 and manual[0]["solution"] is True and manual[0]["locked"] is False
    for item in checks.questions(number):
        assert auto[f"check-{item.id.replace('.', '-')}"] == item.points
    total = sum(auto.values()) + manual[0]["points"]
    assert f"{total:g} points" in intro and f"{sum(auto.values()):g} for the" in intro
    calls = re.findall(r'kpo\.check\("(\d\d\.q\d+)", (\w+)\)', "".join("".join(c["source"]) for c in cells))
    assert [c[0] for c in calls] == [q.id for q in checks.questions(number)]
    assert all(name not in {"answer", "x"} for _, name in calls), "descriptive variable names"
    text = "".join("".join(c["source"]) for c in cells)
    assert "illustrative" in text.lower()


# --------------------------------------------------------------------------- hostile input
def _figure(kind):
    fig = Figure()
    if kind == "empty":
        return fig
    ax = fig.subplots()
    if kind == "bare-axes":
        return fig
    if kind == "line":
        ax.plot([1, 2, 3], [float("nan"), 2, float("inf")])
    elif kind == "bars":
        ax.bar(["a", "b"], [1, 2])
    elif kind == "labelled":
        ax.bar(["x"], [1e300])
        ax.set_title("illustrative")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
    elif kind == "scatter":
        ax.scatter([1], [2])
    return fig


def _frame(columns, values):
    columns = list(dict.fromkeys(columns))
    return pd.DataFrame({c: values for c in columns}) if columns else pd.DataFrame()


COLUMN_POOL = ["label", "value", "case", "unit", "risk_id", "residual_score", "likelihood_reduction",
               "impact_reduction", "x", ""]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=20))
hostile = st.one_of(
    st.none(), st.just(...), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(allow_nan=True), st.text(max_size=200), st.binary(max_size=50),
    st.lists(scalars, max_size=30), st.tuples(scalars, scalars),
    st.dictionaries(st.text(max_size=12), scalars, max_size=8),
    st.dictionaries(st.sampled_from(["base", "ip_doubled", "fewer_tools", "nda", "in_house", "offshore_vendor",
                                     "onshore_vendor", "Location C"]), scalars, max_size=8),
    st.builds(_frame, st.lists(st.sampled_from(COLUMN_POOL), max_size=5), st.lists(scalars, min_size=1, max_size=6)
              .map(lambda v: [v[i % len(v)] for i in range(6)])),
    st.builds(lambda v: pd.Series(v, dtype=object), st.lists(scalars, max_size=10)),
    st.builds(_figure, st.sampled_from(["empty", "bare-axes", "line", "bars", "labelled", "scatter"])),
    st.just(float("nan")), st.just(np.nan), st.just(np.float64("inf")), st.just(pd.NA), st.just(pd.NaT),
    st.just("x" * 10_000_000), st.just(list(range(100_000))), st.just(dict.fromkeys(range(50_000), 1)),
    st.just(object()), st.just(Feedback), st.just(kpo.models.Option("x", monthly_cost=1)),
    st.just(pd.DataFrame(np.zeros((2_000, 3)), columns=["risk_id", "residual_score", "value"])),
    st.sampled_from([np.array([1, 2, 3]), np.array([["a"]]), pd.DataFrame({"a\nb": [1], "x" * 500: [2]}),
                     {"\n": 1, "x" * 1_000: 2}, {1, "b", None}]),
)


def _key(text):
    key = text.strip().lower()
    for prefix in ("location ", "land "):
        key = key[len(prefix):].strip() if key.startswith(prefix) else key
    return key


def could_be_right(question_id, answer):
    """True where a generated answer might really be right (a short text or a number can be)."""
    if isinstance(answer, bool) or not isinstance(answer, (str, int, float)):
        return False
    right = RIGHT[question_id]()
    if isinstance(right, str) and isinstance(answer, str):
        return _key(answer) == _key(right)
    if isinstance(right, (int, float)) and not isinstance(answer, bool) and isinstance(answer, (int, float)):
        return math.isfinite(answer) and abs(answer - right) <= (1.0 if abs(right) >= 100 else 0.01)
    return False


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(question_id=st.sampled_from(ALL_IDS), answer=hostile, swedish=st.booleans())
def test_hostile_answers_never_raise_and_are_never_correct(question_id, answer, swedish):
    i18n.set_language("sv" if swedish else "en")
    feedback = kpo.check(question_id, answer)
    assert isinstance(feedback, Feedback)
    assert feedback.correct in (True, False, None)
    # kinds.shown() keeps a value's repr short, but a dict of eight long, escaped strings still takes
    # several hundred characters: 1,000 is the honest bound for every checker here.
    assert len(feedback.message) < 1_000 and "\n" not in feedback.message
    assert "could not be checked" not in feedback.message and "kunde inte kontrolleras" not in feedback.message
    if feedback.correct is None:
        assert answer is ...
    if not could_be_right(question_id, answer):
        assert feedback.correct is not True


# --------------------------------------------------------------------------- fair keys, real causes, honest models
@pytest.mark.parametrize("fact", ["fewer_tools", "staff_freed", "statistics_2011", "ramp_down", "new_rule"])
def test_04_q4_accepts_every_benefit_the_course_backs_for_a_fact_and_names_the_others(fact):
    from kpo_course.checks import ex04

    accepted = ex04.accepted_benefits(fact)
    assert accepted, fact
    for benefit in accepted:
        feedback = kpo.check("04.q4", dict(BENEFITS, **{fact: benefit}))
        assert feedback.correct is True, (fact, benefit, feedback.message)
        for other in set(accepted) - {benefit}:
            assert other in feedback.message, (fact, benefit, other)  # the other readings are named
    for benefit in set(ex04.BENEFITS) - set(accepted):
        assert kpo.check("04.q4", dict(BENEFITS, **{fact: benefit})).correct is False, (fact, benefit)


def test_04_q4_keys_for_the_real_facts_are_the_case_classification_in_the_data():
    from kpo_course.checks import ex04
    from kpo_course.content import load

    case = load().by_id("cases", "astrazeneca_cognizant").classification
    for fact in ex04.REAL_FACTS:
        # every benefit the check means to accept is one the case's classification lists (nothing dropped silently)
        assert ex04.accepted_benefits(fact) == ex04.FACT_BENEFITS[fact], fact
        assert all(case.allows("benefits", b) for b in ex04.FACT_BENEFITS[fact]), fact
    assert set(ex04.FACT_BENEFITS) - set(ex04.REAL_FACTS) == {"ramp_down", "new_rule"}  # labelled illustrative
    text = json.dumps(_cells("04"))
    assert text.count("Illustrative, not from the case") == 2


def test_05_q4_names_a_missing_amount_in_the_learners_option(monkeypatch):
    from kpo_course.checks import ex05

    no_exit = OPTION("vendor_b", **dict(VENDOR_B, switching_back=0))
    monkeypatch.setattr(ex05, "learner_value", lambda name: no_exit if name == "vendor_b" else None)
    feedback = kpo.check("05.q4", kpo.models.total_cost(no_exit, 36, include_switching_back=True))
    assert feedback.correct is False and "your vendor_b has no switching_back amount" in feedback.message
    monkeypatch.setattr(ex05, "learner_value", lambda name: vendor_b())
    feedback = kpo.check("05.q4", kpo.models.total_cost(vendor_b(), 36))
    assert "include_switching_back=True" in feedback.message and "vendor_b has no" not in feedback.message


def test_learner_value_outside_a_kernel_is_none():
    from kpo_course.checks import ex05

    assert ex05.learner_value("vendor_b") is None


def test_05_compares_the_two_vendors_with_the_same_kind_of_exit_provision():
    from kpo_course.checks import ex05

    for vendor in (ex05.VENDOR_A, ex05.VENDOR_B):
        assert vendor["switching_back"] == vendor["monthly_cost"] * 12 / 3
    text = "".join("".join(c["source"]) for c in _cells("05"))
    assert "switching_back=240_000" in text or "switching_back=60_000 * 12 / 3" in text


def test_07_every_option_pays_to_start_to_get_going_and_to_end():
    from kpo_course.checks import ex07

    for name, option in ex07.OPTIONS.items():
        for cost in ("search_and_contracting", "transition", "switching_back"):
            assert option.get(cost, 0) > 0, (name, cost)
    text = "".join("".join(c["source"]) for c in _cells("07"))
    assert "Peukert" not in text  # the programme ends: nobody switches, so no switching-cost rule of thumb


@pytest.mark.parametrize("question_id", ["04.q2", "05.q4", "05.q5", "07.q2", "07.q3", "07.q9"])
def test_a_worked_answer_appears_only_after_trying(question_id):
    wrong = next(w for w in WRONG if w[0] == question_id)[1]
    assert kpo.check(question_id, ...).worked == ""
    assert kpo.check(question_id, wrong()).worked == ""
    assert kpo.check(question_id, wrong()).worked != ""  # the second miss
    checks.reset_session()
    assert kpo.check(question_id, RIGHT[question_id]()).worked != ""


def test_worked_answers_state_the_checked_results():
    assert "2,132,000" in checks.question("05.q4").worked["en"]
    assert "Answer: 16" in checks.question("07.q3").worked["en"]
    assert "so the answer is 11" in checks.question("05.q5").worked["en"]
    assert "0.60" in checks.question("04.q2").worked["en"]


UNSUPPORTED = ["March 2008", "CIO UK", "too early to say", "came from staff costs", "ramp up", "add staff to match",
               "accountab", "medical writing", "statistical programming", "no printers", "1,318", "credit union",
               "more than a year"]


@pytest.mark.parametrize("number", list(NOTEBOOKS))
def test_no_unsupported_detail_in_the_exercise_or_its_checks(number):
    text = "".join("".join(c["source"]) for c in _cells(number))
    text += (ROOT / "kpo_course" / "checks" / f"ex{number}.py").read_text(encoding="utf-8")
    for phrase in UNSUPPORTED:
        assert phrase.lower() not in text.lower(), (number, phrase)
    assert not re.search(r"\(claim S\d\d\)|\(S\d\d\)", "".join("".join(c["source"]) for c in _cells(number)))


# --------------------------------------------------------------------------- in a real kernel, as a student clicks
@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    client = NotebookClient(new_notebook(), kernel_name="python3", allow_errors=True, timeout=120,
                            resources={"metadata": {"path": str(tmp_path_factory.mktemp("kernel"))}})

    def run(source):
        cell = new_code_cell(source)
        client.nb.cells.append(cell)
        client.execute_cell(cell, len(client.nb.cells) - 1)
        outputs = cell.outputs
        shown = "\n".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in outputs)
        return shown, [o["ename"] for o in outputs if o["output_type"] == "error"]

    with client.setup_kernel():
        run("import os; os.environ.pop('NBGRADER_EXECUTION', None)\nimport kpo_course as kpo")
        yield run


def test_05_in_a_kernel_never_run_stopped_and_missing_amount_are_named(kernel):
    for question, name in (("05.q4", "vendor_b_total"), ("05.q6", "residual_table")):
        shown, raised = kernel(f'kpo.check("{question}", {name})')
        assert not raised and "You have not run the cell that defines" in shown, shown
    settings_ = ", ".join(f"{k}={v!r}" for k, v in VENDOR_B.items())
    _, raised = kernel(f"vendor_b = kpo.models.Option('vendor_b', {settings_})\n"
                       "vendor_b_total = kpo.models.total_cost(vendor_b, 36, True)")
    assert raised == ["TypeError"]
    shown, raised = kernel('kpo.check("05.q4", vendor_b_total)')
    assert not raised and "stopped with TypeError" in shown and "positional" in shown, shown
    assert "write it as name=value" in shown, shown  # the cause in plain words (checks/errors.py)
    no_exit = ", ".join(f"{k}={v!r}" for k, v in VENDOR_B.items() if k != "switching_back")
    kernel(f"vendor_b = kpo.models.Option('vendor_b', {no_exit})\n"
           "vendor_b_total = kpo.models.total_cost(vendor_b, 36, include_switching_back=True)")
    shown, raised = kernel('kpo.check("05.q4", vendor_b_total)')
    assert not raised and "your vendor_b has no switching_back amount" in shown, shown
