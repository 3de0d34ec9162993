"""The kpo-course command: clear help, an honest doctor, and a start page served over HTTP."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import free_port, stop, wait_for_http
from kpo_course import cli, doctor

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["start", "doctor", "build", "execute"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kpo_course.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_help_lists_every_command():
    result = run("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_its_own_help(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert f"usage: kpo-course {command}" in result.stdout
    assert len(result.stdout.splitlines()) >= 4


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "kpo-course"
    assert script.exists(), "pip install -e . should create the kpo-course command"


def test_doctor_passes_here_and_speaks_swedish():
    english = run("doctor")
    assert english.returncode == 0, english.stdout
    assert "Everything is in place" in english.stdout and "✗" not in english.stdout
    swedish = run("doctor", "--language", "sv")
    assert "Allt är på plats" in swedish.stdout


def test_doctor_names_a_widget_mismatch_and_its_fix(monkeypatch):
    versions = {"ipywidgets": "8.1.5", "jupyterlab_widgets": "1.1.0"}
    real = doctor._version
    monkeypatch.setattr(doctor, "_version", lambda name: versions.get(name) or real(name))
    report = doctor.environment_report()
    assert not report.ok
    text = str(report)
    assert "Error displaying widget" in text and doctor.WIDGET_FIX in text
    assert "✗" in report._repr_html_()
    assert cli.main(["doctor"]) == 1


def test_doctor_reports_a_missing_package(monkeypatch):
    real = doctor._version
    monkeypatch.setattr(doctor, "_version", lambda name: None if name == "pandas" else real(name))
    text = str(doctor.environment_report())
    assert "pandas: not installed" in text and 'pip install "pandas>=2.0"' in text


def test_commands_outside_the_course_folder_say_where_to_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "__file__", str(tmp_path / "kpo_course" / "cli.py"))
    with pytest.raises(SystemExit, match="inside the course folder"):
        cli.course_root()


def test_execute_reports_a_failing_notebook_and_exits_1(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook
    path = tmp_path / "broken.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("1/0")]), path)
    result = run("execute", str(path))
    assert result.returncode == 1
    assert "ZeroDivisionError" in result.stderr


def test_start_serves_the_start_page(tmp_path):
    port = free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), KPO_COURSE_CACHE=str(tmp_path / "cache"))
    process = subprocess.Popen(
        [sys.executable, "-m", "kpo_course.cli", "start", "--no-browser", "--port", str(port), "--",
         "--IdentityProvider.token=", "--ServerApp.password=", "--ip=127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/api/status", process)
        with urllib.request.urlopen(f"{base}/api/contents/lessons/00_start_here.ipynb", timeout=10) as reply:
            notebook = json.load(reply)
        assert notebook["type"] == "notebook"
        assert notebook["content"]["cells"][0]["source"].startswith("# Start here")
        with urllib.request.urlopen(f"{base}/lab/tree/lessons/00_start_here.ipynb", timeout=10) as reply:
            assert reply.status == 200
    finally:
        stop(process)
