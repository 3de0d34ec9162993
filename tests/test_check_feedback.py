"""Feedback's HTML: plain text (no maths from two $ signs), and the worked answer only after trying."""
from __future__ import annotations

import pytest

from kpo_course import checks, i18n
from kpo_course.checks import Feedback, Question
from kpo_course.checks.kinds import number, say

WORKED = say("12 lawyers × US$250 × 21 days ≈ US$63,000 a month.",
             "12 jurister × 250 US$ × 21 dagar ≈ 63 000 US$ i månaden.")


@pytest.fixture
def worked_question(monkeypatch, fresh_state):
    item = Question(id="99.q9", checker=number(63_000, tolerance=0.05), hint=say("Multiply.", "Multiplicera."),
                    claims=("S01",), worked=WORKED)
    monkeypatch.setitem(checks._registry(), item.id, item)
    yield item


def test_two_dollar_signs_stay_plain_text_in_html():
    html = Feedback("03.q1", True, "About US$1,750 a day in London against about US$250 in Delhi.")._repr_html_()
    assert "$" not in html.replace("&#36;", "")
    assert "mathjax_ignore" in html and "&#36;</span>1,750" in html


def test_html_escapes_learner_text():
    html = Feedback("00.q1", False, "Got <script>alert(1)</script>")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_worked_answer_hidden_before_trying(worked_question):
    feedback = checks.check("99.q9", ...)
    assert feedback.worked == "" and "worked answer" not in feedback._repr_html_()
    first_miss = checks.check("99.q9", 1)
    assert first_miss.worked == "" and "worked answer" not in first_miss._repr_html_()


def test_worked_answer_shown_after_second_miss(worked_question):
    checks.check("99.q9", 1)
    second = checks.check("99.q9", 2)
    html = second._repr_html_()
    assert "<details" in html and "Show the worked answer" in html and "63,000" in html
    assert "63,000" not in str(second)  # the plain text never gives it away


def test_worked_answer_shown_after_right_answer_in_swedish(worked_question):
    i18n.set_language("sv")
    html = checks.check("99.q9", 63_000)._repr_html_()
    assert "Visa det genomräknade svaret" in html and "63 000" in html
    assert "$" not in html.replace("&#36;", "")
