"""The keys of quizzes 01–03 agree with the case classification in ``cases.yaml``.

A quiz item or option that names a real case is keyed by the data, not by the quiz author's
memory: a categorise item's group must be one the case is classed under, and no other group
offered may be (else a learner could defend another answer and be marked wrong); a "select
all" question about one case marks exactly the options the case is classed under. Thomson
Reuters buying Pangea3 is an acquisition, never a KPO case in a key.
"""
from __future__ import annotations

import pytest

from kpo_course.content import load
from kpo_course.content.schema import Question


@pytest.fixture(scope="module")
def content():
    return load()


def question(content, quiz_id: str) -> Question:
    lesson = quiz_id[4:6]
    return next(q for q in content.quizzes[lesson].questions if q.id == quiz_id)


# quiz question id -> (facet, {group id: classification id}, {item id: case id})
CATEGORISED_CASES = {
    "quiz02.q2": ("domains", {"legal": "legal_services", "health": "healthcare", "invest": "investments"},
                  {"i1": "rio_tinto_cpa_global", "i3": "astrazeneca_cognizant", "i4": "eli_lilly_tcs",
                   "i5": "jpmorgan_mumbai_research"}),
    "quiz03.q9": ("motivations", {"expertise": "expertise_not_in_house", "oneoff": "experts_without_training",
                                  "wages": "lower_cost_offshore"},
                  {"i3": "rio_tinto_cpa_global", "i5": "jpmorgan_mumbai_research"}),
}


@pytest.mark.parametrize("quiz_id", sorted(CATEGORISED_CASES))
def test_a_case_item_has_exactly_one_defensible_group_and_it_is_the_key(content, quiz_id):
    facet, groups, items = CATEGORISED_CASES[quiz_id]
    q = question(content, quiz_id)
    assert {g.id for g in q.groups} == set(groups), "the test's group map is out of date"
    keyed = {item.id: item.group for item in q.items}
    for item_id, case_id in items.items():
        classification = content.by_id("cases", case_id).classification
        defensible = [g for g, facet_id in groups.items() if classification.allows(facet, facet_id)]
        assert defensible == [keyed[item_id]], (
            f"{quiz_id} {item_id} ({case_id}): keyed {keyed[item_id]!r}, but cases.yaml supports {defensible}")


def test_eli_lilly_question_marks_every_domain_the_case_is_classed_under(content):
    q = question(content, "quiz02.q10")
    options = {"a": "healthcare", "b": "research_and_development", "c": "legal_services", "d": "financial_consulting"}
    lilly = content.by_id("cases", "eli_lilly_tcs").classification
    for option in q.options:
        assert option.correct == lilly.allows("domains", options[option.id]), option.id
    assert sum(o.correct for o in q.options) == 2  # healthcare and R&D both accepted


def test_legal_outsourcing_question_follows_the_data_and_never_counts_the_pangea3_purchase(content):
    q = question(content, "quiz02.q8")
    options = {"a": "rio_tinto_cpa_global", "b": "jpmorgan_mumbai_research",
               "c": "thomson_reuters_pangea3", "d": "astrazeneca_cognizant"}
    for option in q.options:
        if option.id not in options:
            continue
        case = content.by_id("cases", options[option.id])
        outsourcing = case.engagement in ("third_party", "captive")
        assert option.correct == (outsourcing and case.classification.allows("domains", "legal_services")), option.id
    assert content.by_id("cases", "thomson_reuters_pangea3").engagement == "acquisition"


def test_share_questions_key_a_share_and_say_so_in_the_prompt(content):
    for quiz_id in ("quiz02.q6", "quiz03.q3"):
        q = question(content, quiz_id)
        assert q.share and 0 < q.answer < 1, quiz_id
        assert "0.25 means 25%" in q.prompt["en"] and "0,25 betyder 25 %" in q.prompt["sv"], quiz_id


def test_one_decimal_is_required_where_one_decimal_is_asked(content):
    from kpo_course.checks.quiz import grade

    q = question(content, "quiz02.q6")
    assert grade(q, 0.857).correct and grade(q, 300 / 350).correct
    assert grade(q, "85.7%").correct and grade(q, "0,857").correct
    for rounded in (0.86, "86%"):
        verdict = grade(q, rounded)
        assert not verdict.correct and "one decimal" in verdict.message["en"], rounded
    assert not grade(q, 85.7).correct  # the percent typed as a plain number
