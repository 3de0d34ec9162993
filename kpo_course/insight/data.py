"""Gradebooks and hand-in files read into one table of answers, with each question's claims.

>>> claims_of("03.q1"), claims_of("quiz03.q1")
(('S11',), ('S10',))
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..handin import is_handin, read_handin

COLUMNS = ("student", "notebook", "question", "points", "max_points", "verdict", "misconception", "message")
ANSWERED = ("correct", "wrong")  # verdicts that say the student gave an answer that was judged


def _gradebook_rows(path: Path) -> list[dict[str, Any]]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {"student", "question", "points", "max_points", "verdict"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path} is not a kpo-course gradebook (no column {', '.join(sorted(missing))})")
        return [{**row, "points": float(row["points"] or 0), "max_points": float(row["max_points"] or 0),
                 "misconception": row.get("misconception") or "", "message": row.get("message") or ""}
                for row in reader]


def read(paths: Iterable[str | Path]):
    """One pandas DataFrame (:data:`COLUMNS`) of every gradebook CSV and hand-in file in ``paths``.

    A graded row wins over a hand-in's row for the same student and question; memo rows
    (verdict ``manual``) and rows without a question are left out.
    """
    import pandas as pd

    graded: list[dict[str, Any]] = []
    handed: list[dict[str, Any]] = []
    for path in map(Path, paths):
        if path.suffix.lower() == ".json" or is_handin(path):
            handed += read_handin(path)
        else:
            graded += _gradebook_rows(path)
    seen = {(r["student"], r["question"]) for r in graded}
    rows = graded + [r for r in handed if (r["student"], r["question"]) not in seen]
    frame = pd.DataFrame([{c: r.get(c, "") for c in COLUMNS} for r in rows], columns=list(COLUMNS))
    frame = frame[(frame["question"] != "") & (frame["verdict"] != "manual")]
    return frame.drop_duplicates(["student", "question"], keep="first").reset_index(drop=True)


@lru_cache(maxsize=1)
def _claims() -> Mapping[str, tuple[str, ...]]:
    from .. import checks
    from ..content import load

    found = {q.id: tuple(q.claims) for q in checks.questions()}
    for quiz in load().quizzes.values():
        found.update({q.id: tuple(q.claims) for q in quiz.questions})
    return found


def claims_of(question: str) -> tuple[str, ...]:
    """The claims (S01–S24) a question assesses; none for an unknown id."""
    return _claims().get(question, ())


@lru_cache(maxsize=1)
def known_misconceptions() -> Mapping[str, Mapping[str, Any]]:
    """Every misconception the checks name, ``{id: {"question", "answer", "message": {en, sv}}}``."""
    from .. import checks

    found: dict[str, Mapping[str, Any]] = {}
    for item in checks.questions():
        listing = getattr(item.checker, "misconceptions", None)
        for name, answer, message in (listing() if listing else ()):
            found[f"{item.id}.{name}"] = {"question": item.id, "answer": answer, "message": dict(message)}
    return found
