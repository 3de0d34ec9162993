"""The quiz widget, headless: set answers, click Check, read the feedback."""
from __future__ import annotations

import pytest

import kpo_course as kpo
from kpo_course import i18n, progress
from kpo_course.checks.quiz import grade, parse_number
from kpo_course.content import load
from kpo_course.widgets.quiz_view import Quiz

LESSONS = sorted(load().quizzes)  # every quiz the course has, 07 included


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


# --------------------------------------------------------------------------- typed numbers and shares
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kpo_course.checks.quiz import read_number  # noqa: E402
from kpo_course.content.schema import CommonWrong, Question  # noqa: E402


def numeric_question(answer: float, tolerance: float, *, share: bool, unit: str | None = None) -> Question:
    text = {"en": "?", "sv": "?"}
    return Question("test.q", "numeric", (), text, text, answer=answer, tolerance=tolerance,
                    unit={"en": unit, "sv": unit} if unit else None,
                    feedback_correct={"en": "Right.", "sv": "Rätt."}, feedback_wrong={"en": "Wrong.", "sv": "Fel."},
                    common_wrong=(CommonWrong(0.143, {"en": "The other part.", "sv": "Andra delen."}),), share=share)


@pytest.mark.parametrize(("text", "value"), [
    ("$3,000", 3000.0), ("US$3,000", 3000.0), ("3000 USD", 3000.0), ("3 000 US-dollar", 3000.0),
    ("3 000", 3000.0), ("3\u00a0000", 3000.0), ("3,000.5", 3000.5), ("3.000,5", 3000.5), ("27,710", 27710.0),
    ("1,660,000", 1_660_000.0), ("1.660.000", 1_660_000.0), ("1 million", 1e6), ("1.5m", 1.5e6),
    ("1,66 miljoner", 1.66e6), ("46 billion", 46e9), ("3k", 3000.0), ("45_000", 45000.0), ("46e9", 46e9),
    ("85,7", 85.7), ("0,857", 0.857), ("1,43", 1.43), ("-5", -5.0), ("−0,5", -0.5),
])
def test_typed_numbers_are_read_by_the_documented_rule(text, value):
    reading = read_number(text)
    assert reading is not None and reading.percent is False
    assert reading.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["85.7%", "85,7 %", "85.7 percent", "85,7 procent"])
def test_a_percent_sign_is_remembered_and_parse_number_divides_by_100(text):
    assert read_number(text) == (pytest.approx(85.7), True)
    assert parse_number(text) == pytest.approx(0.857)


@pytest.mark.parametrize("text", ["12 5", "1,2,3", "1.2.3", "3 0000", "5 min", "abc", "$", "%", "1e400", "--5"])
def test_text_that_is_not_one_number_is_not_read(text):
    assert read_number(text) is None


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_whole_numbers_written_any_usual_way_read_back_exactly(n):
    english = f"{n:,}"
    for text in (english, english.replace(",", " "), english.replace(",", "\u00a0"), f"${english}",
                 f"US${english}", f"{english} USD", str(n)):
        assert read_number(text) == (n, False), text


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_two_decimal_numbers_read_back_in_english_and_swedish(whole, hundredths):
    value = whole + hundredths / 100
    english = f"{value:,.2f}"
    swedish = english.replace(",", " ").replace(".", ",")
    assert read_number(english).value == pytest.approx(value)
    assert read_number(swedish).value == pytest.approx(value)
    assert read_number(swedish + " %") == (pytest.approx(value), True)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_reading_any_text_never_raises_and_gives_a_finite_number_or_none(text):
    reading = read_number(text)
    assert reading is None or (reading.value == reading.value and abs(reading.value) < float("inf"))


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_a_share_question_takes_the_share_or_the_percent_and_explains_a_bare_percent(permille):
    share = permille / 1000
    q = numeric_question(share, 0.0005, share=True)
    percent_text = f"{share * 100:.1f}"
    assert grade(q, f"{share:.3f}").correct
    assert grade(q, percent_text + "%").correct
    assert grade(q, percent_text.replace(".", ",") + " %").correct
    bare = grade(q, percent_text)
    if float(percent_text) > 1:
        assert not bare.correct and bare.result["reason"] == "typed_percent"
        assert f"{float(percent_text) / 100:.6g}" in bare.message["en"] and f"{float(percent_text):.6g}%" in bare.message["en"]


def test_the_typed_percent_message_says_it_once_in_both_languages():
    verdict = grade(numeric_question(0.857, 0.006, share=True), "85.7")
    assert verdict.message["en"].startswith("You typed the percent: write 0.857 or 85.7%")
    assert verdict.message["sv"].startswith("Du skrev procenttalet: skriv 0,857 eller 85,7 %")
    assert not grade(numeric_question(0.857, 0.006, share=True), 85.7).correct


def test_a_share_written_with_a_percent_sign_is_explained():
    verdict = grade(numeric_question(0.857, 0.006, share=True), "0.857%")
    assert not verdict.correct and verdict.result["reason"] == "share_with_percent"


def test_common_wrong_values_are_compared_as_shares():
    verdict = grade(numeric_question(0.857, 0.006, share=True), "14.3%")
    assert verdict.message["en"] == "The other part."


def test_numbers_with_currency_and_words_are_right_in_an_amount_question():
    q = numeric_question(3000, 0, share=False, unit="US$ per day")
    for text in ("$3,000", "3 000", "US$3000", "3k", "3,000.0", "3000 USD"):
        assert grade(q, text).correct, text
    assert grade(numeric_question(1e6, 0, share=False), "1 million").correct
    assert grade(q, "three thousand").result["reason"] == "not_a_number"


def test_a_percent_unit_question_that_is_not_a_share_reads_the_percent_as_written():
    q = numeric_question(85.7, 0.6, share=False, unit="%")
    assert grade(q, "85.7%").correct and grade(q, "85,7").correct


# --------------------------------------------------------------------------- wording and Try again
def open_first(kind: str) -> Quiz:
    for lesson in LESSONS:
        quiz = Quiz(lesson)
        for _ in quiz.quiz.questions:
            if quiz.question.kind == kind:
                return quiz
            quiz.next_button.click()
    raise AssertionError(f"no {kind} question")


@pytest.mark.parametrize(("lesson", "index", "question"), all_questions(),
                         ids=[q.id for _, _, q in all_questions()])
def test_no_verdict_word_is_said_twice(lesson, index, question):
    for answer in (right_answer(question), wrong_answer(question)):
        verdict = grade(question, answer)
        for lang in ("en", "sv"):
            message = verdict.message[lang]
            for word in ("Correct", "Right.", "Not quite", "Rätt:", "Rätt.", "Inte riktigt"):
                assert not message.startswith(word), (lang, message)
            assert "option(s)" not in message and "alternativ(en)" not in message


def test_the_quiz_box_says_its_verdict_once():
    quiz = open_first("numeric")
    quiz.answer(right_answer(quiz.question))
    quiz.check_button.click()
    text = quiz.feedback.value
    assert text.count("Correct") == 1 and "✓ Correct:" in text
    quiz.retry_button.click()
    quiz.answer(wrong_answer(quiz.question))
    quiz.check_button.click()
    assert quiz.feedback.value.count("Not quite") == 1


def test_try_again_keeps_the_right_matches_and_clears_the_wrong_ones():
    quiz = open_first("categorise")
    q = quiz.question
    answer = wrong_answer(q)
    quiz.answer(answer)
    quiz.check_button.click()
    first = q.items[0].id
    assert "1 of the" in quiz.feedback.value and "is in the wrong group" in quiz.feedback.value
    quiz.retry_button.click()
    assert quiz._dropdowns[first].value == "__unset__"
    assert all(quiz._dropdowns[i.id].value == i.group for i in q.items[1:])
    quiz._dropdowns[first].value = q.items[0].group
    quiz.check_button.click()
    assert "✓" in quiz.feedback.value


def test_try_again_in_a_multiple_choice_unticks_only_the_wrong_picks():
    quiz = open_first("multiple")
    q = quiz.question
    right = [o.id for o in q.options if o.correct]
    wrong = next(o.id for o in q.options if not o.correct)
    quiz.answer([right[0], wrong])
    quiz.check_button.click()
    quiz.retry_button.click()
    assert quiz._boxes[right[0]].value is True and quiz._boxes[wrong].value is False


def test_missed_options_are_counted_with_the_right_number():
    q = next(q for _, _, q in all_questions() if q.kind == "multiple" and sum(o.correct for o in q.options) >= 2)
    right = [o.id for o in q.options if o.correct]
    one_missed = grade(q, right[1:]).message
    assert one_missed["en"].endswith("You still miss one right option.")
    assert one_missed["sv"].endswith("Du saknar fortfarande ett rätt alternativ.")
    if len(right) >= 3:
        assert grade(q, right[2:]).message["en"].endswith("You still miss two right options.")


def test_matching_dropdowns_get_a_real_width():
    quiz = open_first("categorise")
    for dropdown in quiz._dropdowns.values():
        assert dropdown.layout.width == "100%" and dropdown.style.description_width == "58%"
        assert "kpo-match" in dropdown._dom_classes
    assert ".kpo-quiz .kpo-match select{min-width:14em}" in quiz.title.value


def test_a_share_question_box_invites_a_share_or_a_percent():
    question = next((q for _, _, q in all_questions() if q.kind == "numeric" and q.share), None)
    if question is None:
        pytest.skip("no quiz question has share: true yet")
    assert grade(question, f"{question.answer * 100:.6g}%").correct
    assert grade(question, f"{question.answer * 100:.6g}").result["reason"] == "typed_percent"


def test_a_number_box_keeps_room_to_type_beside_a_long_label():
    quiz = open_first("numeric")
    assert quiz._input.layout.width == "100%" and "kpo-number" in quiz._input._dom_classes
    assert ".kpo-quiz .kpo-number input{min-width:12em}" in quiz.title.value


def test_a_matching_question_half_answered_asks_for_the_rest_in_good_swedish():
    q = next(q for _, _, q in all_questions() if q.kind == "categorise" and len(q.items) >= 3)
    one_left = {i.id: i.group for i in q.items[1:]}
    message = grade(q, one_left).message
    assert message["en"] == "Give every item a group: one item has none yet."
    assert message["sv"] == "Ge varje sak en grupp: en sak saknar grupp än."
    missing = len(q.items) - 1
    words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
    assert grade(q, {q.items[0].id: q.items[0].group}).message["en"] == (
        f"Give every item a group: {words.get(missing, missing)} items have none yet.")
