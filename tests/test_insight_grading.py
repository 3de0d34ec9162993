"""The real grader feeds the report: a misconception per wrong row, blank memos, memo marks merged, totals."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import nbformat
import pytest

from kpo_course.cli import main

ROOT = Path(__file__).resolve().parents[1]
NAME = "03_case_rio_tinto_legal_work.ipynb"

pytestmark = pytest.mark.skipif(not shutil.which("bwrap"), reason="the grading sandbox (bubblewrap) is missing")


def _class(folder: Path) -> Path:
    """right: the solution; seven: divides by seven in 03.q1; blank: the exercise as handed out."""
    for student in ("right", "seven"):
        notebook = nbformat.read(ROOT / "solutions" / NAME, as_version=4)
        if student == "seven":
            cell = next(c for c in notebook.cells if c.get("id") == "q1-answer")
            cell.source = cell.source.replace("delhi_day_rate * times_cheaper", "delhi_day_rate / times_cheaper")
        (folder / student).mkdir(parents=True)
        nbformat.write(notebook, folder / student / NAME)
    (folder / "blank").mkdir()
    shutil.copy(ROOT / "exercises" / NAME, folder / "blank" / NAME)
    return folder


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_grade_then_memo_marks_then_report(tmp_path, capsys):
    submissions = _class(tmp_path / "submitted")
    out = tmp_path / "grades" / "gradebook.csv"
    assert main(["grade", str(submissions), "--out", str(out), "--jobs", "2", "--quiet"]) == 0
    rows = _rows(out)
    q1 = {r["student"]: r for r in rows if r["question"] == "03.q1"}
    assert q1["seven"]["misconception"] == "03.q1.divided_by_seven" and q1["right"]["misconception"] == ""
    memos = {r["student"]: r for r in rows if r["verdict"] == "manual"}
    assert memos["blank"]["message"].startswith("Blank") and "words" in memos["right"]["message"]
    page = (tmp_path / "grades" / "feedback" / "right.html").read_text(encoding="utf-8")
    assert "to be graded (of 2)" in page

    sheet = tmp_path / "grades" / "gradebook_memo_marks.csv"
    marks = _rows(sheet)
    assert {m["student"]: m["points"] for m in marks} == {"blank": "0", "right": "", "seven": ""}
    for mark in marks:
        mark["points"] = {"right": "2", "seven": "1"}.get(mark["student"], mark["points"])
    with open(sheet, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(marks[0]))
        writer.writeheader()
        writer.writerows(marks)
    assert main(["grade", str(submissions), "--out", str(out), "--jobs", "2", "--quiet",
                 "--memo-marks", str(sheet)]) == 0
    totals = {r["student"]: r for r in _rows(tmp_path / "grades" / "gradebook_totals.csv")}
    assert (totals["right"]["memo_points"], totals["right"]["memos_to_grade"]) == ("2", "0")
    assert float(totals["right"]["total"]) == float(totals["right"]["auto_points"]) + 2
    assert float(totals["seven"]["total"]) == float(totals["right"]["total"]) - 2  # one point less on q1, one on the memo
    assert _rows(sheet)[1]["points"] == "2"  # the filled-in sheet is kept, not overwritten

    assert main(["report", str(out), "--out", str(tmp_path / "report")]) == 0
    named = _rows(tmp_path / "report" / "misconceptions.csv")
    assert [(r["misconception"], r["students"]) for r in named] == [("03.q1.divided_by_seven", "1")]
