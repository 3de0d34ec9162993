"""Real-browser tests: JupyterLab in Debian's Chromium, driven by Playwright."""
from __future__ import annotations

from pathlib import Path

import pytest

from kpo_course.content import load
from lab import WIDGET, open_notebook, problems, run_all, shut_down_kernels

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, jupyter_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
        shut_down_kernels(jupyter_server)  # the next test starts from a fresh kernel


@pytest.mark.parametrize("app", ["lab", "notebooks"])
def test_start_page_runs_and_its_widgets_render(page, jupyter_server, app, tmp_path):
    open_notebook(page, jupyter_server, "lessons/00_start_here.ipynb", app=app)
    run_all(page)
    page.screenshot(path=str(tmp_path / "after_run_all.png"), full_page=True)
    page.wait_for_selector(WIDGET, timeout=30_000)
    assert page.locator(WIDGET).count() >= 1
    assert problems(page) == []

    # A student picks Swedish; the widget answers in Swedish.
    page.locator(".widget-toggle-button", has_text="Svenska").last.click()
    page.locator(".kpo-language-status", has_text="svenska").last.wait_for(timeout=10_000)
    page.screenshot(path=str(tmp_path / f"start_page_{app}.png"), full_page=True)
    print(f"screenshot: {tmp_path}/start_page_{app}.png")


# Every lesson after the start page, as course.yaml lists them.
LESSONS = [Path(lesson.file).stem for lesson in load().course.lessons if lesson.id != "00"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_renders_its_widgets_and_its_quiz_answers(page, jupyter_server, lesson, tmp_path):
    open_notebook(page, jupyter_server, f"lessons/{lesson}.ipynb")
    run_all(page)
    page.wait_for_selector(WIDGET, timeout=30_000)
    assert page.locator(WIDGET).count() >= 2, "each lesson has at least two widgets"
    assert problems(page) == []

    # A student answers the first quiz question and reads the feedback.
    quiz = page.locator(".kpo-quiz").last
    quiz.scroll_into_view_if_needed()
    choices = quiz.locator("input[type=radio], input[type=checkbox]")
    if choices.count():
        choices.first.check()
    else:
        quiz.locator("input[type=text], select").first.focus()
    quiz.locator("button", has_text="Check").click()
    feedback = quiz.locator(".kpo-feedback")
    feedback.wait_for(timeout=10_000)
    assert any(mark in feedback.inner_text() for mark in ("✓", "✗", "…"))
    page.screenshot(path=str(tmp_path / f"{lesson}.png"), full_page=True)


def test_a_lesson_works_in_notebook_7(page, jupyter_server):
    open_notebook(page, jupyter_server, "lessons/02_kpo_domains.ipynb", app="notebooks")
    run_all(page)
    page.wait_for_selector(WIDGET, timeout=30_000)
    assert problems(page) == []
    explorer = page.locator(".kpo-domain-explorer").first
    explorer.scroll_into_view_if_needed()
    explorer.locator("select").select_option(index=5)
    explorer.locator(".kpo-case", has_text="Rio Tinto").first.wait_for(timeout=10_000)
