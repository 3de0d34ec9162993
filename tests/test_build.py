"""The authoring pipeline: solutions/ is the single source of exercises/."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kpo_course.authoring.build import MARKDOWN_PROMPT, BuildError, build, exercise_from_solution, stub_for
from kpo_course.nbgrader_cells import BEGIN, END

ROOT = Path(__file__).resolve().parent.parent


def test_stub_names_every_assigned_variable_and_keeps_indentation():
    assert stub_for("answer = 'captive'\n") == "answer = ...  # your answer\n"
    assert stub_for("    fig, ax = make()\n    ax.plot([1])\n") == (
        "    fig = ...  # your answer\n    ax = ...  # your answer\n")


def test_stub_without_assignment_is_a_bare_ellipsis_that_runs():
    stub = stub_for("print('hello')\n")
    assert stub == "...  # your code here\n"
    exec(compile(stub, "<stub>", "exec"), {})


def test_stub_of_unparsable_region_still_runs():
    stub = stub_for("x = (\n")
    exec(compile(stub, "<stub>", "exec"), {})


def _solution() -> nbformat.NotebookNode:
    return new_notebook(cells=[
        new_markdown_cell("# Case"),
        new_code_cell(f"import math\n{BEGIN}\nanswer = math.sqrt(16)\n{END}\nprint(answer)",
                      outputs=[nbformat.v4.new_output("stream", text="4.0\n")], execution_count=3),
        new_code_cell('kpo.check("00.q1", answer)'),
        new_markdown_cell(f"Write a memo.\n\n{BEGIN}\nThe model answer.\n{END}"),
    ])


def test_exercise_replaces_solutions_clears_outputs_and_adds_nbgrader_metadata():
    solution = _solution()
    exercise = exercise_from_solution(solution)
    code = exercise.cells[1]
    assert code.source == "import math\nanswer = ...  # your answer\nprint(answer)"
    assert code.outputs == [] and code.execution_count is None
    assert code.metadata.nbgrader["solution"] is True and code.metadata.nbgrader["schema_version"] == 3
    test_cell = exercise.cells[2].metadata.nbgrader
    assert test_cell["grade"] is True and test_cell["locked"] is True and test_cell["points"] > 0
    assert test_cell["grade_id"] == "check-00-q1"
    assert exercise.cells[3].source == f"Write a memo.\n\n{MARKDOWN_PROMPT}"
    assert "The model answer" not in nbformat.writes(exercise)
    assert solution.cells[1].outputs, "the solution itself must not be changed"


def test_existing_nbgrader_metadata_is_kept():
    solution = _solution()
    solution.cells[2].metadata["nbgrader"] = {"schema_version": 3, "grade": True, "solution": False,
                                             "locked": True, "points": 7, "grade_id": "mine"}
    assert exercise_from_solution(solution).cells[2].metadata.nbgrader["points"] == 7


@pytest.mark.parametrize("source", [f"{BEGIN}\nx = 1", f"x = 1\n{END}", f"{BEGIN}\n{BEGIN}\n{END}\n{END}"])
def test_unbalanced_markers_name_the_cell(source):
    notebook = new_notebook(cells=[new_markdown_cell("intro"), new_code_cell(source)])
    with pytest.raises(BuildError, match="broken.ipynb, cell 2"):
        exercise_from_solution(notebook, "broken.ipynb")


def _copy_course(tmp_path: Path) -> Path:
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "lessons").mkdir()
    shutil.copy(ROOT / "lessons" / "00_start_here.ipynb", tmp_path / "lessons")
    return tmp_path


def _build_check(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kpo_course.cli", "build", "--check"],
                          cwd=cwd, capture_output=True, text=True)


def test_repository_exercises_are_the_build_of_the_solutions():
    result = _build_check(ROOT)
    assert result.returncode == 0, result.stderr


def test_build_check_fails_naming_the_file_when_a_solution_changes_without_rebuild(tmp_path):
    course = _copy_course(tmp_path)
    path = course / "solutions" / "00_warmup.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[0].source += "\n\nA new sentence from the author."
    nbformat.write(notebook, path)
    before = (course / "exercises" / "00_warmup.ipynb").read_bytes()

    result = _build_check(course)
    assert result.returncode == 1
    assert "exercises/00_warmup.ipynb" in result.stderr
    assert (course / "exercises" / "00_warmup.ipynb").read_bytes() == before, "--check must change nothing"

    assert build(course) == [course / "exercises" / "00_warmup.ipynb"]
    assert _build_check(course).returncode == 0


def test_exercise_without_solution_is_stale(tmp_path):
    course = _copy_course(tmp_path)
    (course / "exercises" / "99_orphan.ipynb").write_text("{}")
    assert course / "exercises" / "99_orphan.ipynb" in build(course, check=True)


def test_build_refuses_without_solutions_and_deletes_nothing(tmp_path):
    (tmp_path / "exercises").mkdir()
    shutil.copy(ROOT / "exercises" / "00_warmup.ipynb", tmp_path / "exercises")
    with pytest.raises(BuildError, match="no solution notebooks"):
        build(tmp_path)
    assert (tmp_path / "exercises" / "00_warmup.ipynb").exists()
