"""The student copy's README is the students' own, and its commands work as written."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kpo_course.authoring.release import release

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def student_copy(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "kpo-student"
    release(ROOT, out)
    return out


def _blocks(readme: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", readme, flags=re.S)


def test_student_readme_has_no_instructor_or_developer_material(student_copy):
    readme = (student_copy / "README.md").read_text(encoding="utf-8")
    for gone in ("Chromium", "make test", "## Speed", "benchmarks", "kpo-course build", "kpo-course execute",
                 "## For instructors", "## For authors", "## Tests", "kpo-course grade"):
        assert gone not in readme, gone
    for kept in ("## Start", "## Course map", "## How it works", "## Handing in", "## Licence", "make lab"):
        assert kept in readme, kept


def test_student_readme_commands_work_as_written(student_copy, tmp_path):
    readme = (student_copy / "README.md").read_text(encoding="utf-8")
    shell = [line.split("#")[0].strip() for block in _blocks(readme, "bash") for line in block.splitlines()]
    shell = [line for line in shell if line]
    assert shell[0] == "make lab"
    if shutil.which("make"):  # the target exists and would set up .venv, then start the course
        plan = subprocess.run(["make", "-n", "lab"], cwd=student_copy, capture_output=True, text=True, timeout=60)
        assert plan.returncode == 0 and "kpo-course" in plan.stdout + plan.stderr, plan.stderr
    assert "conda env create -f environment.yml" in shell and (student_copy / "environment.yml").is_file()
    assert "pip install --no-deps -e ." in shell and (student_copy / "pyproject.toml").is_file()
    (code,) = _blocks(readme, "python")
    env = dict(os.environ, KPO_COURSE_HOME=str(tmp_path / "home"))
    env.pop("NBGRADER_EXECUTION", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    handin = tmp_path / "kpo-progress-YOUR-NAME.json"
    from kpo_course.handin import read_handin
    assert handin.is_file() and read_handin(handin) == []  # nothing answered yet, but a valid file
