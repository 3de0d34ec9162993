"""Real-browser tests: JupyterLab in Debian's Chromium, driven by Playwright."""
from __future__ import annotations

import pytest

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
