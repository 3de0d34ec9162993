"""Learner text in a real browser: two ``$`` signs stay plain text, and the quiz reads well.

JupyterLab typesets HTML outputs with MathJax: "US$1,750 ... US$250"
would turn into a formula. A small notebook, written at test time into the served copy of
the course, shows a check's Feedback, a widget message and a quiz whose feedback hold two
``$``, next to a control output that is NOT escaped (which MathJax must typeset, or the test
proves nothing). JupyterLab 4 was seen to typeset HTML outputs but not widget HTML (a raw
``w.HTML`` control stayed plain); widget text is escaped all the same, for front ends that do.
Screenshots go to ``$KPO_SCREENSHOTS`` when set, else to the test's tmp_path.
"""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from kpo_course.checks.quiz import without_lead
from kpo_course.content import load
from lab import open_notebook, problems, run_all, shut_down_kernels

pytestmark = pytest.mark.browser

NOTEBOOK = "lessons/zz_text_check.ipynb"
MESSAGE = "Right: about US$1,750 a day in London against about US$250 in Delhi."
SEEN = "about US$1,750 a day in London against about US$250 in Delhi."
TIMEOUT = 30_000


def dollar_question():
    """A numeric quiz question whose right-answer feedback has two ``$`` (lesson, question)."""
    for lesson, quiz in sorted(load().quizzes.items()):
        for q in quiz.questions:
            if q.kind == "numeric" and q.feedback_correct["en"].count("$") >= 2:
                return lesson, q
    pytest.skip("no numeric quiz question with two $ in its feedback")


def share_question():
    """A numeric quiz question that asks for a share (lesson, question)."""
    for lesson, quiz in sorted(load().quizzes.items()):
        for q in quiz.questions:
            if q.kind == "numeric" and q.share and q.answer < 0.99:
                return lesson, q
    pytest.skip("no share question")


def matching_question():
    for lesson, quiz in sorted(load().quizzes.items()):
        for q in quiz.questions:
            if q.kind == "categorise" and len(q.items) >= 3:
                return lesson, q
    pytest.skip("no matching question")


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("KPO_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def text_notebook(course_copy):
    lesson, question = dollar_question()
    match_lesson, match = matching_question()
    share_lesson, share = share_question()
    bare_percent = f"{share.answer * 100:.6g}"
    first, *rest = match.items
    other = next(g.id for g in match.groups if g.id != first.group)
    answer = {first.id: other, **{i.id: i.group for i in rest}}
    code = [
        "import ipywidgets as w\nfrom IPython.display import HTML, display\nimport kpo_course as kpo\n"
        "from kpo_course import markup\nfrom kpo_course.checks.feedback import Feedback\nkpo.set_language('en')",
        # the control: raw HTML, not escaped, which MathJax typesets
        "display(HTML(\"<div class='kpo-control'>Raw: US$1,750 a day against US$250 a day</div>\"))",
        f"Feedback('03.q1', True, {MESSAGE!r}, hint='US$1 and US$2', worked='US$1,750 - US$250 = US$1,500')",
        f"w.HTML(markup.verdict_line(False, 'Not quite', markup.text({SEEN!r})))",
        f"quiz = kpo.quiz({lesson!r})\nwhile quiz.question.id != {question.id!r}:\n    quiz.next_button.click()\n"
        f"quiz.answer({str(question.answer)!r})\nquiz.check_button.click()\nquiz",
        f"match = kpo.quiz({match_lesson!r})\nwhile match.question.id != {match.id!r}:\n    match.next_button.click()\n"
        f"match.answer({answer!r})\nmatch.check_button.click()\nmatch.add_class('kpo-match-quiz')\nmatch",
        f"typed = kpo.quiz({share_lesson!r})\nwhile typed.question.id != {share.id!r}:\n    typed.next_button.click()\n"
        f"typed.answer({bare_percent!r})\ntyped.check_button.click()\ntyped.add_class('kpo-share-quiz')\ntyped",
    ]
    nbformat.write(new_notebook(cells=[new_code_cell(c) for c in code], metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}),
        course_copy / NOTEBOOK)
    return NOTEBOOK, without_lead(question.feedback_correct["en"]), match, bare_percent


@pytest.fixture
def page(browser, jupyter_server):
    context = browser.new_context(viewport={"width": 1280, "height": 2200})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
        shut_down_kernels(jupyter_server)


@pytest.mark.parametrize("app", ["lab", "notebooks"])
def test_two_dollar_signs_stay_plain_text_in_feedback_widgets_and_quizzes(page, jupyter_server, text_notebook,
                                                                           tmp_path, app):
    path, quiz_message, match, bare_percent = text_notebook
    open_notebook(page, jupyter_server, path, app=app)
    run_all(page)
    assert problems(page) == []

    # MathJax is at work on this page: the unescaped control output becomes a formula.
    control = page.locator(".kpo-control")
    control.locator("mjx-container").first.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # give MathJax time to reach every other output too

    outputs = page.locator(".jp-OutputArea-output")
    feedback = outputs.locator(".kpo-feedback")
    feedback.nth(3).wait_for(timeout=TIMEOUT)  # check, widget line, quiz, matching quiz
    texts = [" ".join(t.split()) for t in feedback.all_inner_texts()]
    assert any(MESSAGE in t and "Hint: US$1 and US$2" in t for t in texts), texts
    assert any(f"✗ Not quite {SEEN}" in t for t in texts), texts
    assert any(" ".join(quiz_message.split()) in t for t in texts), (quiz_message, texts)
    assert feedback.locator("mjx-container").count() == 0
    assert page.locator(".jupyter-widgets mjx-container").count() == 0
    mathjax_outside_control = page.evaluate(
        "() => [...document.querySelectorAll('mjx-container')].filter(m => !m.closest('.kpo-control')).length")
    assert mathjax_outside_control == 0

    folder = shots(tmp_path)
    suffix = "" if app == "lab" else f"_{app}"
    page.locator(".jp-OutputArea-output").nth(1).screenshot(path=str(folder / f"dollar_check_feedback{suffix}.png"))
    page.locator(".jp-OutputArea-output").nth(2).screenshot(path=str(folder / f"dollar_widget_line{suffix}.png"))
    page.locator(".kpo-quiz").first.screenshot(path=str(folder / f"dollar_quiz{suffix}.png"))
    typed = page.locator(".kpo-share-quiz")
    message = " ".join(typed.locator(".kpo-feedback").inner_text().split())
    share = f"{float(bare_percent) / 100:.6g}"
    assert f"✗ Not quite: You typed the percent: write {share} or {bare_percent}%" in message, message
    box_width = typed.locator("input[type=text]").evaluate("e => e.getBoundingClientRect().width")
    assert box_width >= 150, box_width  # room to type, beside a long label
    assert typed.locator("input[type=text]").input_value() == bare_percent
    typed.screenshot(path=str(folder / f"share_quiz_typed_percent{suffix}.png"))
    print(f"screenshots: {folder}")


def test_matching_dropdowns_are_readable_and_try_again_keeps_the_right_ones(page, jupyter_server, text_notebook,
                                                                            tmp_path):
    path, _, match, _ = text_notebook
    open_notebook(page, jupyter_server, path)
    run_all(page)
    quiz = page.locator(".kpo-match-quiz")
    quiz.wait_for(timeout=TIMEOUT)
    selects = quiz.locator("select")
    assert selects.count() == len(match.items)
    widths = selects.evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert min(widths) >= 150, widths  # "choose…" and every group's name fit, not a 30 px sliver
    labels = quiz.locator(".kpo-match .widget-label")
    heights = labels.evaluate_all("els => els.map(e => e.scrollWidth <= e.clientWidth + 1)")
    assert all(heights), "an item's text is cut off instead of wrapping"
    feedback = quiz.locator(".kpo-feedback")
    assert "1 of the" in feedback.inner_text() and "is in the wrong group" in feedback.inner_text()
    folder = shots(tmp_path)
    quiz.screenshot(path=str(folder / "matching_quiz_checked.png"))

    quiz.locator("button", has_text="Try again").click()
    page.wait_for_timeout(500)
    values = selects.evaluate_all("els => els.map(e => e.selectedIndex)")
    assert values.count(0) == 1, values  # only the wrong one is back at "choose…"
    quiz.screenshot(path=str(folder / "matching_quiz_try_again.png"))
