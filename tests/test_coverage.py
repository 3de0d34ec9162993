"""kpo-course coverage: every claim taught by a lesson and assessed by a question."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

from kpo_course.authoring.coverage import lesson_claims, report
from kpo_course.content import CLAIM_IDS

ROOT = Path(__file__).resolve().parent.parent


def test_every_claim_is_taught_and_assessed():
    result = subprocess.run([sys.executable, "-m", "kpo_course.cli", "coverage"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[1:25]] == list(CLAIM_IDS)


def test_existing_lessons_count_by_their_cells_not_their_objectives():
    coverage = report(ROOT)
    for row in coverage.rows:
        for lesson in row.lessons:
            assert list((ROOT / "lessons").glob(f"{lesson}_*.ipynb")), lesson
    assert "00" in coverage.rows[0].lessons  # lesson 00 teaches S01 in its own cells


def test_an_untagged_lesson_leaves_its_claims_untaught(tmp_path):
    for folder in ("lessons", "solutions"):
        (tmp_path / folder).mkdir()
    # Every lesson file exists but none is tagged: nothing is taught.
    from kpo_course.content import load
    for lesson in load().course.lessons:
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# empty")]),
                       tmp_path / lesson.file)
    coverage = report(tmp_path)
    assert coverage.untaught == list(CLAIM_IDS)
    assert not coverage.complete


def test_lesson_claims_reads_cell_metadata(tmp_path):
    cell = nbformat.v4.new_markdown_cell("KPO is ...")
    cell.metadata["kpo"] = {"teaches": ["S01", "S04"]}
    path = tmp_path / "x.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    assert lesson_claims(path) == {"S01", "S04"}


def test_cli_exits_1_naming_untaught_claims(tmp_path, monkeypatch):
    from kpo_course import cli
    from kpo_course.content import load
    for lesson in load().course.lessons:
        (tmp_path / lesson.file).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# x")]),
                       tmp_path / lesson.file)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["coverage"]) == 1
