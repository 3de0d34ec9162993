"""The registered widgets in a real browser: JupyterLab and Notebook 7 in Chromium.

A small notebook, written at test time into the served copy of the course, shows each
widget in its own cell. The test runs it, checks that every widget rendered, changes one
control per widget as a student would (mouse and keyboard) and waits for the view to
answer. Screenshots of each widget go to the test's tmp_path.
"""
from __future__ import annotations

import time

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from lab import ERROR_OUTPUT, menu, open_notebook, shut_down_kernels
from lab import problems as lab_problems

from kpo_course.widgets import registry

pytestmark = pytest.mark.browser

NOTEBOOK = "lessons/zz_widgets_check.ipynb"
# CSS class of each widget's outer box -> the code that shows it: every widget in the registry but the
# language picker (its own last cell) and the quiz (each lesson's test in test_browser.py answers one).
WIDGETS = {entry.css_class: entry.code for entry in registry.WIDGETS if entry.name not in ("LanguagePicker", "Quiz")}
CHARTS = [entry.css_class for entry in registry.WIDGETS if entry.chart]
TIMEOUT = 30_000


@pytest.fixture(scope="module")
def widgets_notebook(course_copy):
    cells = [new_markdown_cell("# Widgets check (written by tests/test_browser_widgets.py)"),
             new_code_cell("import kpo_course as kpo\nkpo.set_language('en')")]
    cells += [new_code_cell(code) for code in WIDGETS.values()]
    cells.append(new_code_cell("kpo.widgets.LanguagePicker()"))
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}),
        course_copy / NOTEBOOK)
    return NOTEBOOK


@pytest.fixture
def page(browser, jupyter_server):
    context = browser.new_context(viewport={"width": 1280, "height": 1800})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
        shut_down_kernels(jupyter_server)  # the next test starts from a fresh kernel


def problems(page) -> list[str]:
    """``lab.problems``, plus widgets whose view failed to build (ipywidgets' broken-image box)."""
    found = lab_problems(page)
    broken = page.locator(".jupyter-widgets-error-widget").count()
    return found + [f"{broken} widget view(s) failed to build"] * bool(broken)


def run_all(page, seconds: float = 180) -> None:
    """Run every cell and wait until each has run.

    Like ``lab.run_all``, but reads the prompts' ``textContent``: JupyterLab skips painting
    cells outside the window (``content-visibility``), and their ``innerText`` is then empty.
    """
    menu(page, "Edit", "editmenu:clear-all")
    page.wait_for_function("() => !document.querySelector('.jp-OutputArea-output')", timeout=10_000)
    menu(page, "Run", "runmenu:run-all")
    deadline = time.monotonic() + seconds
    prompts: list[str] = []
    while time.monotonic() < deadline:
        prompts = page.locator(".jp-CodeCell .jp-InputArea-prompt").all_text_contents()
        if prompts and all(any(ch.isdigit() for ch in p) for p in prompts):
            return
        time.sleep(0.5)
    raise AssertionError(f"cells still running after {seconds} s: {prompts}")


def box(page, css_class: str):
    return page.locator(f".{css_class}").first


def text_of(page, selector: str) -> str:
    return page.locator(selector).first.text_content()


def wait_for_change(page, selector: str, before: str, timeout: int = TIMEOUT) -> str:
    """Wait until the text of ``selector`` differs from ``before``; return the new text."""
    page.wait_for_function(
        "([sel, old]) => { const el = document.querySelector(sel); return !!el && el.textContent !== old; }",
        arg=[selector, before], timeout=timeout,
    )
    return text_of(page, selector)


def wait_for_text(page, selector: str, text: str, timeout: int = TIMEOUT) -> None:
    """Wait until ``selector``'s text contains ``text`` (views update asynchronously in a browser)."""
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel); return !!el && el.textContent.includes(text); }",
        arg=[selector, text], timeout=timeout,
    )


def chart_src(page, css_class: str) -> str:
    return box(page, css_class).locator("img.kpo-chart").first.get_attribute("src") or ""


def assert_chart_drawn(page, css_class: str) -> None:
    image = box(page, css_class).locator("img.kpo-chart").first
    image.wait_for(timeout=TIMEOUT)
    page.wait_for_function("(img) => img.complete && img.naturalWidth >= 500", arg=image.element_handle(),
                           timeout=TIMEOUT)


def shoot(page, css_class: str, path) -> None:
    box(page, css_class).scroll_into_view_if_needed()
    box(page, css_class).screenshot(path=str(path))
    print(f"screenshot: {path}")


def test_every_widget_renders_and_answers_a_student_in_jupyterlab(page, jupyter_server, widgets_notebook, tmp_path):
    open_notebook(page, jupyter_server, widgets_notebook)
    run_all(page)
    for css_class in WIDGETS:
        box(page, css_class).wait_for(timeout=TIMEOUT)
    assert problems(page) == []
    assert page.locator(ERROR_OUTPUT).count() == 0
    for css_class in CHARTS:
        assert_chart_drawn(page, css_class)
    assert page.locator(".kpo-error").count() == 0  # no widget's status line shows an error
    for css_class in WIDGETS:
        shoot(page, css_class, tmp_path / f"{css_class}_before.png")

    # DomainExplorer: choose another domain in the dropdown.
    explorer = box(page, "kpo-domain-explorer")
    explorer.locator("select").select_option(label="Legal services")
    explorer.locator(".kpo-case", has_text="Rio Tinto").wait_for(timeout=TIMEOUT)
    assert "US$250 a day" in explorer.text_content()

    # TaskSorter: click "KPO"; the verdict comes with words and the score counts it.
    sorter = box(page, "kpo-task-sorter")
    sorter.locator("button", has_text="KPO").first.click()
    sorter.locator(".kpo-feedback").wait_for(timeout=TIMEOUT)
    verdict = sorter.locator(".kpo-feedback").text_content()
    assert verdict.startswith("✓ Right:") or verdict.startswith("✗ Not quite:")
    assert "of 1 right" in sorter.locator(".kpo-task-score").text_content()
    assert sorter.locator("button", has_text="Next task").is_enabled()

    # CostCalculator: choose another option in the dropdown, then move the horizon slider with the keyboard.
    calc_sentence = ".kpo-cost-calculator .kpo-sentence"
    before, src = text_of(page, calc_sentence), chart_src(page, "kpo-cost-calculator")
    assert "The offshore vendor costs less from month 14 on" in before
    box(page, "kpo-cost-calculator").locator("select").select_option(label="Onshore vendor (at home)")
    after = wait_for_change(page, calc_sentence, before)
    assert "The onshore vendor costs less from month 10 on" in after
    page.wait_for_function("([sel, old]) => document.querySelector(sel).getAttribute('src') !== old",
                           arg=[".kpo-cost-calculator img.kpo-chart", src], timeout=TIMEOUT)
    handle = box(page, "kpo-cost-calculator").locator(".noUi-handle").first  # the horizon slider
    handle.focus()
    page.keyboard.press("ArrowLeft")
    after_key = wait_for_change(page, calc_sentence, after)
    assert "over 35 months" in after_key

    # FlexibilitySimulator: the depth of the downturn, with the keyboard.
    flex_sentence = ".kpo-flexibility-simulator .kpo-sentence"
    before = text_of(page, flex_sentence)
    box(page, "kpo-flexibility-simulator").locator(".noUi-handle").first.focus()
    page.keyboard.press("ArrowRight")
    assert wait_for_change(page, flex_sentence, before) != before

    # DecisionMatrix: the weight of cost, to its maximum with the End key.
    matrix_sentence = ".kpo-decision-matrix .kpo-sentence"
    before = text_of(page, matrix_sentence)
    box(page, "kpo-decision-matrix").locator(".noUi-handle").first.focus()
    page.keyboard.press("End")
    assert "comes first" in wait_for_change(page, matrix_sentence, before)
    box(page, "kpo-decision-matrix").locator("button", has_text="Edit the scores").click()
    box(page, "kpo-decision-matrix").locator(".jupyter-widget-Collapse-header",
                                            has_text="Do it in-house").first.wait_for(timeout=TIMEOUT)

    # RiskMatrix: tick the first measure against the first risk.
    risk_sentence = ".kpo-risk-matrix .kpo-sentence"
    before = text_of(page, risk_sentence)
    box(page, "kpo-risk-matrix").locator("label", has_text="NDAs and access control").first.click()
    assert "With one measure ticked," in wait_for_change(page, risk_sentence, before)
    wait_for_text(page, ".kpo-risk-matrix .kpo-risk-table", "1 × 4 = 4, low")  # its own model: may come later

    # The progress view refreshes and counts the task answered above.
    progress_box = box(page, "kpo-progress")
    progress_box.locator("button", has_text="Refresh").click()
    progress_box.locator("text=/You have [01] of/").wait_for(timeout=TIMEOUT)

    assert problems(page) == [] and page.locator(".kpo-error").count() == 0
    for css_class in WIDGETS:
        shoot(page, css_class, tmp_path / f"{css_class}_after.png")

    # Svenska: one click, and every widget speaks Swedish.
    page.locator(".widget-toggle-button", has_text="Svenska").last.click()
    for selector, swedish in [(".kpo-domain-explorer .kpo-case", "Ett verkligt fall"),
                              (".kpo-task-sorter .kpo-task-position", "Uppgift 1 av"),
                              (calc_sentence, "Leverantören inom landet"), (flex_sentence, "Avvägningen"),
                              (matrix_sentence, "kommer först"), (risk_sentence, "sjunker"),
                              (".kpo-progress", "Dina framsteg")]:
        wait_for_text(page, selector, swedish)
    for css_class in WIDGETS:
        shoot(page, css_class, tmp_path / f"{css_class}_sv.png")
    assert problems(page) == []


def test_a_widget_renders_and_answers_in_notebook_7(page, jupyter_server, widgets_notebook, tmp_path):
    open_notebook(page, jupyter_server, widgets_notebook, app="notebooks")
    run_all(page)
    for css_class in WIDGETS:
        box(page, css_class).wait_for(timeout=TIMEOUT)
    assert problems(page) == []
    assert_chart_drawn(page, "kpo-cost-calculator")
    calc_sentence = ".kpo-cost-calculator .kpo-sentence"
    before = text_of(page, calc_sentence)
    box(page, "kpo-cost-calculator").locator("select").select_option(label="Own centre abroad (captive)")
    assert "The captive centre costs less from month 17 on" in wait_for_change(page, calc_sentence, before)
    sorter = box(page, "kpo-task-sorter")
    sorter.locator("button", has_text="BPO").first.click()
    sorter.locator(".kpo-feedback").wait_for(timeout=TIMEOUT)
    assert problems(page) == [] and page.locator(".kpo-error").count() == 0
    shoot(page, "kpo-cost-calculator", tmp_path / "notebook7_cost_calculator.png")
    page.screenshot(path=str(tmp_path / "notebook7_page.png"))
    print(f"screenshot: {tmp_path / 'notebook7_page.png'}")
