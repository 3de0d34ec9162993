"""The exercises inside nbgrader itself: generate_assignment, autograde, export.

solutions/ is the nbgrader source; a "perfect" student submits the solutions, a "blank"
student submits the exercises as built. nbgrader comes from the ``bench`` extra, which
``make test`` installs.
"""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

pytest.importorskip("nbgrader", reason="nbgrader is not installed (pip install -e '.[bench]')")

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = "kpo"


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    bin_dir = str(Path(sys.executable).parent)  # nbgrader runs `alembic` from PATH
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    env.pop("NBGRADER_EXECUTION", None)
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={course}"],
                            cwd=course, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def auto_points(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    return sum(c.metadata["nbgrader"].get("points", 0) for c in notebook.cells
               if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")


def manual_points(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    return sum(c.metadata["nbgrader"].get("points", 0) for c in notebook.cells
               if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "markdown")


def test_perfect_student_gets_every_auto_point_and_blank_student_none(tmp_path):
    course = tmp_path / "course"
    notebooks = sorted((ROOT / "solutions").glob("*.ipynb"))
    for folder, source in (("source", "solutions"), ("submitted/perfect", "solutions"),
                           ("submitted/blank", "exercises")):
        target = course / folder / ASSIGNMENT
        target.mkdir(parents=True)
        for path in notebooks:
            shutil.copy(ROOT / source / path.name, target / path.name)
    (course / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'kpo'\n")

    nbgrader(course, "db", "assignment", "add", ASSIGNMENT)
    for student in ("perfect", "blank"):
        nbgrader(course, "db", "student", "add", student)
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    released = course / "release" / ASSIGNMENT
    assert sorted(p.name for p in released.glob("*.ipynb")) == [p.name for p in notebooks]
    graded = nbgrader(course, "autograde", ASSIGNMENT, "--force")
    assert "partial credit" not in graded.stderr  # passing checks report their points plainly
    nbgrader(course, "export", "--to", str(course / "grades.csv"))

    rows = {r["student_id"]: r for r in csv.DictReader((course / "grades.csv").open())}
    auto = sum(auto_points(p) for p in notebooks)
    manual = sum(manual_points(p) for p in notebooks)
    assert float(rows["perfect"]["max_score"]) == auto + manual
    assert float(rows["perfect"]["score"]) == auto  # memos wait for a human grader
    assert float(rows["blank"]["score"]) == 0.0
