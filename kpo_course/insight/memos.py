"""Memo marks: the sheet ``kpo-course grade`` writes for the memos graded by hand, merging it back
(``kpo-course grade --memo-marks memo_marks.csv``), and each student's totals.

>>> from kpo_course.grading.gradebook import Gradebook, NotebookResult, Row
>>> memo = Row("ann", "03.ipynb", "03.memo", 0, 2, "manual", "Graded by hand (80 words).")
>>> book = Gradebook([NotebookResult("ann", "03.ipynb", "03", "", rows=[memo])])
>>> merged, problems = merge_marks(book, [{"student": "ann", "notebook": "03.ipynb", "memo": "03.memo",
...                                       "points": "1.5", "comment": "Clear."}])
>>> merged.rows[0].verdict, merged.rows[0].points, problems
('marked', 1.5, [])
"""
from __future__ import annotations

import csv
import dataclasses
from pathlib import Path
from typing import Iterable, Mapping

MARK_COLUMNS = ("student", "notebook", "memo", "max_points", "points", "comment")
TOTAL_COLUMNS = ("student", "auto_points", "auto_max", "memo_points", "memo_max", "memos_to_grade", "total",
                 "total_max")


def write_marks_sheet(book, path: Path) -> Path:
    """One line per memo: fill in ``points`` (and a comment) where it is empty; marks already merged
    (verdict ``marked``) are listed with their points, so the sheet can be filled in over several runs."""
    from ..grading.gradebook import csv_safe

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(MARK_COLUMNS)
        for row in book.rows:
            if row.verdict in ("manual", "marked"):
                blank = row.verdict == "manual" and not row.detail.strip()
                points = f"{row.points:g}" if row.verdict == "marked" else "0" if blank else ""
                writer.writerow([csv_safe(row.student), csv_safe(row.notebook), csv_safe(row.question),
                                 f"{row.max_points:g}", points, "blank memo" if blank else ""])
    return path


def read_marks(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = {"student", "notebook", "memo", "points"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path} has no column {', '.join(sorted(missing))} (expected {', '.join(MARK_COLUMNS)})")
        return list(reader)


def merge_marks(book, marks: Iterable[Mapping[str, str]]):
    """``book`` with each filled-in mark on its memo row (verdict ``marked``), and the problems found."""
    wanted: dict[tuple[str, str, str], Mapping[str, str]] = {}
    problems = []
    for line in marks:
        key = (str(line.get("student", "")).lstrip("'"), str(line.get("notebook", "")).lstrip("'"),
               str(line.get("memo", "")).lstrip("'"))
        if str(line.get("points", "")).strip():
            wanted[key] = line
    used = set()
    for result in book.results:
        rows = []
        for row in result.rows:
            line = wanted.get((row.student, row.notebook, row.question))
            if row.verdict == "manual" and line is not None:
                used.add((row.student, row.notebook, row.question))
                try:
                    points = float(str(line["points"]).replace(",", "."))
                except ValueError:
                    problems.append(f"{row.student} {row.question}: points {line['points']!r} is not a number")
                    rows.append(row)
                    continue
                if not 0 <= points <= row.max_points:
                    problems.append(f"{row.student} {row.question}: {points:g} is outside 0-{row.max_points:g}")
                    rows.append(row)
                    continue
                comment = str(line.get("comment") or "").strip()
                rows.append(dataclasses.replace(row, points=points, verdict="marked",
                                                message=row.message + (f" {comment}" if comment else "")))
            else:
                rows.append(row)
        result.rows = rows
    problems += [f"{s} {m}: no such memo in this gradebook ({n})" for s, n, m in sorted(set(wanted) - used)]
    return book, problems


def write_totals(book, path: Path) -> Path:
    """Each student's points: auto-graded, memos marked, memos still to grade, and the sum."""
    table: dict[str, dict[str, float]] = {}
    for row in book.rows:
        entry = table.setdefault(row.student, dict.fromkeys(TOTAL_COLUMNS[1:], 0.0))
        if row.verdict == "manual":
            entry["memo_max"] += row.max_points
            entry["memos_to_grade"] += 1
        elif row.verdict == "marked":
            entry["memo_points"] += row.points
            entry["memo_max"] += row.max_points
        else:
            entry["auto_points"] += row.points
            entry["auto_max"] += row.max_points
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(TOTAL_COLUMNS)
        for student, e in sorted(table.items()):
            total, most = e["auto_points"] + e["memo_points"], e["auto_max"] + e["memo_max"]
            writer.writerow([student, *(f"{e[c]:g}" for c in TOTAL_COLUMNS[1:6]), f"{total:g}", f"{most:g}"])
    return path
