"""Checks: honest feedback, never a traceback, never "correct" for a wrong answer."""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kpo_course as kpo
from kpo_course import checks, i18n
from kpo_course.checks import Feedback, question_ids

RIGHT = {"00.q1": 8, "00.q2": True, "00.q3": "b"}


pytestmark = pytest.mark.usefixtures("fresh_state")  # tests/conftest.py: misses, language, progress home


def right_answer(question_id):
    if question_id == "00.q4":
        return int((kpo.data.tasks()["label"] == "KPO").sum())
    return RIGHT[question_id]


def test_every_question_is_listed_with_a_hint_and_claims():
    ids = question_ids()
    assert ids[:4] == ["00.q1", "00.q2", "00.q3", "00.q4"]
    for item in checks.questions():
        assert item.hint["en"] and item.hint["sv"]
        assert item.claims and all(c.startswith("S") for c in item.claims)


@pytest.mark.parametrize("question_id", ["00.q1", "00.q2", "00.q3", "00.q4"])
def test_right_answer_is_correct_and_says_so_in_words(question_id):
    feedback = kpo.check(question_id, right_answer(question_id))
    assert feedback.correct is True
    assert "✓" in str(feedback) and "Correct" in feedback._repr_html_()
    assert feedback.points == feedback.max_points > 0


@pytest.mark.parametrize("question_id", ["00.q1", "00.q2", "00.q3", "00.q4"])
def test_ellipsis_means_not_answered_yet(question_id):
    feedback = kpo.check(question_id, ...)
    assert feedback.correct is None
    assert "Not answered yet" in feedback._repr_html_()
    assert feedback.points == 0


@pytest.mark.parametrize(("question_id", "wrong", "words"), [
    ("00.q1", 7, "not right"),
    ("00.q1", "8", "without quotes"),
    ("00.q2", False, "subset of BPO"),
    ("00.q2", "True", "without quotes"),
    ("00.q3", "a", "routine operational"),
    ("00.q3", "d", "not one of the options"),
    ("00.q3", 2, "Expected one of the options as text"),
])
def test_plausible_wrong_answers_get_a_message_that_fits(question_id, wrong, words):
    feedback = kpo.check(question_id, wrong)
    assert feedback.correct is False
    assert words in feedback.message


def test_whole_table_instead_of_a_count_is_explained():
    feedback = kpo.check("00.q1", kpo.data.domains())
    assert feedback.correct is False and "whole table" in feedback.message


def test_counting_all_tasks_instead_of_kpo_tasks_is_explained():
    feedback = kpo.check("00.q4", len(kpo.data.tasks()))
    assert feedback.correct is False and "all tasks" in feedback.message


def test_hint_appears_after_the_second_miss():
    assert kpo.check("00.q3", "a").hint == ""
    assert "expert" in kpo.check("00.q3", "c").hint


def test_feedback_in_swedish():
    i18n.set_language("sv")
    feedback = kpo.check("00.q2", True)
    assert "delmängd" in feedback.message and "Rätt" in feedback._repr_html_()


def test_unknown_question_id_gives_a_message_not_an_exception():
    for bad in ("99.q9", None, 42, "x" * 10_000):
        feedback = kpo.check(bad, 1)
        assert feedback.correct is False and len(str(feedback)) < 400


def test_a_checker_bug_is_reported_not_raised(monkeypatch):
    item = checks.question("00.q1")
    broken = checks.Question(id=item.id, checker=lambda a: 1 / 0, hint=item.hint, claims=item.claims)
    monkeypatch.setitem(checks._registry(), "00.q1", broken)
    feedback = kpo.check("00.q1", 8)
    assert feedback.correct is False and "could not be checked" in feedback.message


def test_under_nbgrader_a_wrong_or_missing_answer_raises_assertion_error(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert kpo.check("00.q3", "b").correct is True
    with pytest.raises(AssertionError, match="routine operational"):
        kpo.check("00.q3", "a")
    with pytest.raises(AssertionError, match="Not answered yet"):
        kpo.check("00.q3", ...)


def test_checks_record_progress(tmp_path):
    kpo.check("00.q2", False)
    kpo.check("00.q2", True)
    entry = kpo.progress.load()["questions"]["00.q2"]
    assert entry["attempts"] == 2 and entry["correct"] is True


hostile = st.one_of(
    st.none(), st.just(...), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=200), st.binary(max_size=50), st.lists(st.integers(), max_size=50),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=5), st.just(float("nan")),
    st.just("x" * 10_000_000), st.just(list(range(100_000))), st.just(object()), st.just(Feedback),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question_id=st.sampled_from(["00.q1", "00.q2", "00.q3", "00.q4"]), answer=hostile)
def test_hostile_answers_never_raise_and_are_never_correct_unless_right(question_id, answer):
    feedback = kpo.check(question_id, answer)
    assert isinstance(feedback, Feedback)
    assert len(feedback.message) < 500
    expected = right_answer(question_id)
    is_right = (
        answer is expected or (type(answer) in (int, float) and type(expected) is int
                               and not isinstance(answer, bool) and math.isfinite(answer) and answer == expected)
        or (isinstance(answer, str) and answer.strip().lower() == expected)
    )
    if not is_right:
        assert feedback.correct is not True
