"""Shared test set-up: a private progress folder, nbval modes, and the browser harness."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

# Kernels started by nbval inherit this environment: a private progress folder, a private
# cache of parsed content and a fixed hash seed, so test runs never touch the tester's own.
os.environ["KPO_COURSE_HOME"] = tempfile.mkdtemp(prefix="kpo-test-home-")
os.environ["KPO_COURSE_CACHE"] = tempfile.mkdtemp(prefix="kpo-test-cache-")
os.environ.setdefault("PYTHONHASHSEED", "0")


def pytest_collectstart(collector):
    """exercises/ are stored without outputs: run them (nbval-lax), compare nothing."""
    if type(collector).__name__ == "IPyNbFile" and collector.path.parent.name == "exercises":
        collector.compare_outputs = False


@pytest.fixture
def fresh_state(monkeypatch, tmp_path):
    """A test that starts afresh: its own progress folder, not under nbgrader, and
    :func:`kpo_course.checks.reset_session` (misses, language, in-memory progress) before and after."""
    from kpo_course import checks

    monkeypatch.setenv("KPO_COURSE_HOME", str(tmp_path / "kpo-home"))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    checks.reset_session()
    yield tmp_path / "kpo-home"
    checks.reset_session()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url} within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def chromium_path() -> str | None:
    return next((p for p in CHROMIUM_CANDIDATES if os.access(p, os.X_OK)), None)


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory) -> Path:
    """A throwaway copy of the course notebooks: a browser run may autosave them."""
    root = tmp_path_factory.mktemp("course")
    for folder in ("lessons", "exercises"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


@pytest.fixture(scope="module")
def jupyter_server(course_copy, tmp_path_factory):
    """JupyterLab on a free loopback port, no token, serving the course copy. Yields its URL."""
    port = free_port()
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    settings = runtime / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    # Render every cell, not only those in view: tests read prompts and outputs of the whole notebook.
    tracker = runtime / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime), JUPYTER_CONFIG_DIR=str(runtime / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(runtime / "settings"),
               KPO_COURSE_HOME=str(runtime / "progress"))  # each server's learner starts with no progress
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True", "--allow-root",
         f"--ServerApp.root_dir={course_copy}", f"--LabApp.workspaces_dir={runtime / 'workspaces'}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/api/status", process)
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    executable = chromium_path()
    if executable is None:
        if os.environ.get("KPO_REQUIRE_BROWSER") == "1":
            pytest.fail("KPO_REQUIRE_BROWSER=1 but no Chromium at /usr/bin/chromium (apt-get install chromium)")
        pytest.skip("no Chromium at /usr/bin/chromium: install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        try:
            yield launched
        finally:
            launched.close()
