"""`kpo-course start` as an instructor runs it: JupyterLab without the news pop-up, and Voila (`--app`).

Voila comes with the ``deploy`` extra; ``make test-deploy`` runs these (KPO_DEPLOY=1).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kpo_course.cli import LAB_OVERRIDES, lab_settings_dir

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LESSONS = sorted(p.name for p in (ROOT / "lessons").glob("*.ipynb"))
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]'

pytestmark = [pytest.mark.deploy, pytest.mark.browser]
if os.environ.get("KPO_DEPLOY") != "1":
    pytest.skip("deployment test: run with make test-deploy (KPO_DEPLOY=1)", allow_module_level=True)


def free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=10).read()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{url} did not answer:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)


def start(tmp_path: Path, *options: str) -> tuple[subprocess.Popen, int, Path]:
    """`kpo-course start OPTIONS --no-browser` in a throwaway copy of the course, fresh settings."""
    course = tmp_path / "course"
    if not course.exists():
        shutil.copytree(ROOT / "lessons", course / "lessons", ignore=shutil.ignore_patterns("sv"))
    port = free_port()
    log = tmp_path / f"start-{port}.log"
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "user-settings"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    process = subprocess.Popen([str(BIN / "kpo-course"), "start", *options, "--no-browser", f"--port={port}"],
                               cwd=course, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    return process, port, log


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)


def test_the_settings_folder_keeps_the_installed_overrides_and_adds_the_courses(tmp_path):
    installed = tmp_path / "share" / "jupyter" / "lab" / "settings"
    installed.mkdir(parents=True)
    (installed / "overrides.json").write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "x"}}))
    (installed / "page_config.json").write_text("{}")
    folder = lab_settings_dir(tmp_path)
    overrides = json.loads((folder / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:themes"] == {"theme": "x"}
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert (folder / "page_config.json").is_file()


def news_toasts(browser, url: str) -> list[str]:
    """The news question's toasts on lesson 00, a few seconds after JupyterLab opened."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{url}/lab/tree/lessons/00_start_here.ipynb")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        time.sleep(8)  # JupyterLab asks about news a few seconds after start
        toasts = page.locator(".Toastify__toast, .jp-toast-message").all_inner_texts()
        return [t for t in toasts if "notified" in t and "news" in t.lower()]
    finally:
        context.close()


def test_plain_jupyterlab_asks_about_news(tmp_path, browser):
    """The control: without `start`'s settings the pop-up shows, so the next test can fail."""
    shutil.copytree(ROOT / "lessons", tmp_path / "course" / "lessons", ignore=shutil.ignore_patterns("sv"))
    port = free_port()
    log = tmp_path / "lab.log"
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "user-settings"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    process = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--allow-root", "--no-browser", f"--port={port}",
                                "--IdentityProvider.token=", "--ServerApp.password="], cwd=tmp_path / "course",
                               env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/api/status", process, log)
        assert news_toasts(browser, f"http://127.0.0.1:{port}")
    finally:
        stop(process)


def test_start_opens_jupyterlab_without_the_news_pop_up(tmp_path, browser):
    process, port, log = start(tmp_path, "--", "--IdentityProvider.token=", "--ServerApp.password=")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/api/status", process, log)
        with urllib.request.urlopen(f"{url}/lab/api/settings/@jupyterlab/apputils-extension:notification") as answer:
            schema = json.loads(answer.read())["schema"]  # overrides.json becomes the schema's defaults
        expected = LAB_OVERRIDES["@jupyterlab/apputils-extension:notification"]
        assert schema["properties"]["fetchNews"]["default"] == expected["fetchNews"] == "false"
        assert news_toasts(browser, url) == []
    finally:
        stop(process)


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    pytest.importorskip("voila", reason="pip install -e '.[deploy]'")
    tmp = tmp_path_factory.mktemp("voila")
    process, port, log = start(tmp, "--app")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/", process, log)
        yield url
    finally:
        stop(process)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_is_an_app_in_voila_with_widgets_and_no_code_or_error(voila, page, lesson):
    page.goto(f"{voila}/voila/render/{lesson}", timeout=180_000)
    page.wait_for_selector(".jupyter-widgets", timeout=180_000)
    assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0, "Voila shows no code"
    assert page.locator(ERROR_OUTPUT).count() == 0, page.locator(ERROR_OUTPUT).all_inner_texts()
    assert "Traceback" not in page.inner_text("body")


def test_a_widget_answers_a_click_in_voila(voila, page):
    page.goto(f"{voila}/voila/render/02_kpo_domains.ipynb", timeout=180_000)
    explorer = page.locator(".kpo-domain-explorer").first
    explorer.wait_for(timeout=180_000)
    explorer.scroll_into_view_if_needed()
    explorer.locator("select").select_option(index=5)
    explorer.locator(".kpo-case", has_text="Rio Tinto").first.wait_for(timeout=20_000)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_runs_in_notebook_7_with_its_widgets(jupyter_server, browser, lesson):
    """Notebook 7 (`jupyter notebook`): Run All, every lesson shows its widgets and no error."""
    from lab import WIDGET, open_notebook, problems, run_all, shut_down_kernels

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        open_notebook(page, jupyter_server, f"lessons/{lesson}", app="notebooks")
        run_all(page)
        page.wait_for_selector(WIDGET, timeout=60_000)
        assert page.locator(WIDGET).count() >= 1
        assert problems(page) == []
    finally:
        context.close()
        shut_down_kernels(jupyter_server)
