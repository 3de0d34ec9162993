"""The gradebook: one row per question of each student's notebook, and its CSV.

    >>> row = Row("ann", "00_warmup.ipynb", "00.q1", 1, 1, "correct", "Right")
    >>> Gradebook([NotebookResult("ann", "00_warmup.ipynb", "00", "ann/00_warmup.ipynb", rows=[row])]).totals()
    {'ann': (1.0, 1.0)}
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["csv_safe", "CSV_COLUMNS", "VERDICTS", "Row", "NotebookResult", "Gradebook"]

# Column order is part of the format (kpo-course report and the LMS exports read it): add at the end only.
CSV_COLUMNS = ("student", "notebook", "question", "points", "max_points", "verdict", "message", "misconception")
VERDICTS = ("correct", "wrong", "unanswered", "manual", "error", "missing", "marked")  # marked: a memo graded by hand


@dataclass(frozen=True)
class Row:
    """One line of the gradebook: one question (or memo) of one student's notebook."""

    student: str
    notebook: str
    question: str
    points: float
    max_points: float
    verdict: str  # correct | wrong | unanswered | manual | error | missing | marked (memo graded by hand)
    message: str
    hint: str = ""  # shown on the feedback page for a wrong answer, not in the CSV
    detail: str = ""  # e.g. the memo's text, for the feedback page
    misconception: str = ""  # a wrong answer's named cause, e.g. "03.q1.divided_by_seven" (kpo-course report)

    def as_csv(self) -> dict[str, Any]:
        """The CSV line; text a spreadsheet would run as a formula is escaped (see :func:`csv_safe`)."""
        return {"student": csv_safe(self.student), "notebook": csv_safe(self.notebook),
                "question": csv_safe(self.question), "points": f"{self.points:g}",
                "max_points": f"{self.max_points:g}", "verdict": self.verdict, "message": csv_safe(self.message),
                "misconception": csv_safe(self.misconception)}


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_safe(text: str) -> str:
    """``text`` as a spreadsheet shows it, never runs it: a leading ``= + - @`` (tab, CR) gets a ``'``
    in front (OWASP's advice on CSV injection).

    >>> csv_safe("=1+1"), csv_safe("ann")
    ("'=1+1", 'ann')
    """
    return "'" + text if text.startswith(FORMULA_START) else text


@dataclass
class NotebookResult:
    """How one submitted file went: its rows, notes on cells that failed, and its time."""

    student: str
    notebook: str
    exercise: str | None
    path: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    kernel_checked: list[str] = field(default_factory=list)  # questions judged inside the kernel
    readable: bool = False  # it was a notebook of the exercise its name says (not rejected)

    @property
    def points(self) -> float:
        return sum(r.points for r in self.rows)

    @property
    def max_points(self) -> float:
        return sum(r.max_points for r in self.rows if r.verdict != "manual")


@dataclass
class Gradebook:
    """Every notebook's result, in order of student and notebook."""

    results: list[NotebookResult]
    seconds: float = 0.0
    jobs: int = 1

    @property
    def rows(self) -> list[Row]:
        return [row for result in self.results for row in result.rows]

    def students(self) -> list[str]:
        return sorted({r.student for r in self.results})

    def totals(self) -> dict[str, tuple[float, float]]:
        """``{student: (auto points, auto max points)}``; memo points wait for a human."""
        totals: dict[str, list[float]] = {}
        for row in self.rows:
            entry = totals.setdefault(row.student, [0.0, 0.0])
            if row.verdict != "manual":
                entry[0] += row.points
                entry[1] += row.max_points
        return {student: (points, most) for student, (points, most) in sorted(totals.items())}

    def to_frame(self):
        """The gradebook as a pandas DataFrame with :data:`CSV_COLUMNS`."""
        import pandas as pd
        return pd.DataFrame([{c: getattr(r, c) for c in CSV_COLUMNS} for r in self.rows],
                            columns=list(CSV_COLUMNS))

    def write_csv(self, path: Path) -> Path:
        """Write the CSV atomically (:func:`kpo_course.userfiles.write_atomically`, flushed to disk),
        so a failed write (a full disk) leaves the old gradebook or none, never half of one."""
        from ..userfiles import write_atomically

        text = io.StringIO(newline="")
        writer = csv.DictWriter(text, fieldnames=list(CSV_COLUMNS))
        writer.writeheader()
        for row in self.rows:
            writer.writerow(row.as_csv())
        path = Path(path)
        write_atomically(path, text.getvalue().encode("utf-8"), durable=True, mode=0o644)
        return path
