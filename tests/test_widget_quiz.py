"""The quiz widget, headless: set answers, click Check, read the feedback."""
from __future__ import annotations

import pytest

import kpo_course as kpo
from kpo_course import i18n, progress
from kpo_course.checks.quiz import grade, parse_number
from kpo_course.content import load
from kpo_course.widgets.quiz_view import Quiz

LESSONS = ["01", "02", "03", "04", "05", "06"]


@pytest.fixture(autouse=True)
def private_home(monkeypatch, tmp_path):
    monkeypatch.setenv("KPO_COURSE_HOME", str(tmp_path))
    yield
    i18n.set_language("en")


def right_answer(q):
    if q.kind == "single":
        return next(o.id for o in q.options if o.correct)
    if q.kind == "multiple":
        return [o.id for o in q.options if o.correct]
    if q.kind == "truefalse":
        return q.answer
    if q.kind == "categorise":
        return {i.id: i.group for i in q.items}
    return str(q.answer)


def wrong_answer(q):
    if q.kind == "single":
        return next(o.id for o in q.options if not o.correct)
    if q.kind == "multiple":
        return [o.id for o in q.options if not o.correct]
    if q.kind == "truefalse":
        return not q.answer
    if q.kind == "categorise":
        first, *rest = q.items
        other = next(g.id for g in q.groups if g.id != first.group)
        return {first.id: other, **{i.id: i.group for i in rest}}
    return str(q.answer + 10 * (q.tolerance or 0) + 1000)


def all_questions():
    return [(lesson, i, q) for lesson in LESSONS for i, q in enumerate(load().quizzes[lesson].questions)]


@pytest.mark.parametrize(("lesson", "index", "question"), all_questions(),
                         ids=[q.id for _, _, q in all_questions()])
def test_every_quiz_question_accepts_its_right_answer_and_rejects_a_wrong_one(lesson, index, question):
    quiz = Quiz(lesson)
    for _ in range(index):
        quiz.next_button.click()
    assert quiz.question.id == question.id
    quiz.answer(wrong_answer(question))
    quiz.check_button.click()
    assert "✗" in quiz.feedback.value and quiz.results[question.id] is False
    quiz.retry_button.click()
    quiz.answer(right_answer(question))
    quiz.check_button.click()
    assert "✓" in quiz.feedback.value, quiz.feedback.value
    assert quiz.results[question.id] is True
    assert "1 of" in quiz.score.value


def test_check_without_an_answer_asks_for_one_and_scores_nothing():
    quiz = Quiz("01")
    quiz.check_button.click()
    assert "…" in quiz.feedback.value and quiz.results == {}


def test_hint_after_the_second_miss_and_progress_recorded():
    quiz = Quiz("01")
    question = quiz.question
    for attempt in range(2):
        quiz.answer(wrong_answer(question))
        quiz.check_button.click()
    assert "Hint" in quiz.feedback.value
    assert progress.load()["questions"][question.id]["attempts"] == 2


def test_options_are_shuffled_the_same_way_every_time():
    def order(lesson):
        quiz = Quiz(lesson)
        while quiz.question.kind != "single":
            quiz.next_button.click()
        return [value for _, value in quiz._input.options]

    first = order("02")
    assert first == order("02")
    assert sorted(first) == sorted(o.id for o in next(q for q in load().quizzes["02"].questions
                                                        if q.kind == "single").options)


def test_switching_language_rerenders_in_swedish():
    quiz = Quiz("01")
    kpo.set_language("sv")
    assert "Fråga 1 av" in quiz.position.value
    assert quiz.check_button.description == "Kontrollera"


def test_unknown_lesson_gives_a_message_widget():
    widget = kpo.quiz("99")
    assert "no quiz for lesson" in widget.value


def test_navigation_stays_in_range():
    quiz = Quiz("01")
    quiz.previous_button.click()
    assert quiz.index == 0 and quiz.previous_button.disabled
    for _ in range(50):
        quiz.next_button.click()
    assert quiz.index == len(quiz.quiz.questions) - 1 and quiz.next_button.disabled


@pytest.mark.parametrize(("text", "value"), [("0,25", 0.25), (" 20 ", 20.0), ("1 000", 1000.0), ("abc", None),
                                             ("nan", None), ("inf", None), ("", None)])
def test_numbers_typed_the_swedish_way_are_understood(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("garbage", [None, 3, "zz", ["zz"], {"x": "y"}, float("nan"), object(), b"a", "1e400"])
def test_grading_garbage_is_never_correct(garbage):
    for _, _, q in all_questions():
        assert grade(q, garbage).correct is False


def test_long_options_wrap_inside_the_quiz_box_with_their_radio_button_first():
    """ipywidgets keeps a radio option on one line; the quiz's own style lets it wrap (seen in a browser)."""
    quiz = Quiz("01")
    style = quiz.title.value.split("</style>")[0]
    assert style.startswith("<style>") and ".kpo-quiz .widget-radio-box label{" in style
    assert "white-space:normal" in style and "height:auto" in style and "row-reverse" in style
    assert "kpo-quiz" in quiz._dom_classes
