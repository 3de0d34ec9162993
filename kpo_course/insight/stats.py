"""The numbers an instructor re-teaches from: facility, discrimination, misconceptions, mastery.

Facility is the share right among those who answered. Discrimination is the point-biserial
correlation between getting the question right and the student's score on the *other*
questions (so a question does not correlate with itself). Mastery of a claim is the share of
the points won on the questions that assess it.

>>> round(point_biserial([1, 1, 0, 0], [9, 8, 2, 1]), 2)
0.99
>>> point_biserial([1, 1, 1], [1, 2, 3]) is None
True
"""
from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

from .data import ANSWERED, claims_of, known_misconceptions

CLAIMS = tuple(f"S{n:02d}" for n in range(1, 25))


def point_biserial(right: Sequence[float], scores: Sequence[float]) -> float | None:
    """Pearson correlation of a 0/1 item with a score; None when either does not vary."""
    n = len(right)
    if n < 2 or n != len(scores):
        return None
    mean_r, mean_s = sum(right) / n, sum(scores) / n
    cov = sum((r - mean_r) * (s - mean_s) for r, s in zip(right, scores))
    var_r = sum((r - mean_r) ** 2 for r in right)
    var_s = sum((s - mean_s) ** 2 for s in scores)
    if var_r == 0 or var_s == 0:
        return None
    return cov / math.sqrt(var_r * var_s)


def questions(frame) -> "Any":
    """``questions.csv``: question, students, answered, facility, discrimination, claims."""
    import pandas as pd

    judged = frame[frame["verdict"].isin(ANSWERED)]
    totals = frame.groupby("student")["points"].sum()
    rows = []
    for question, rows_of in frame.groupby("question", sort=True):
        answered = judged[judged["question"] == question]
        right = (answered["verdict"] == "correct").astype(float)
        rest = [totals[s] - p for s, p in zip(answered["student"], answered["points"])]
        discrimination = point_biserial(list(right), rest)
        rows.append({"question": question, "students": rows_of["student"].nunique(), "answered": len(answered),
                     "facility": round(float(right.mean()), 3) if len(answered) else None,
                     "discrimination": None if discrimination is None else round(discrimination, 3),
                     "claims": " ".join(claims_of(question))})
    return pd.DataFrame(rows, columns=["question", "students", "answered", "facility", "discrimination", "claims"])


def misconception_message(identifier: str, language: str, fallback: str = "") -> str:
    """The named cause in ``language`` (en or sv), from the checks; else the gradebook's own message."""
    known = known_misconceptions().get(identifier)
    return str(known["message"].get(language) or known["message"]["en"]) if known else fallback


def misconceptions(frame, language: str = "en"):
    """``misconceptions.csv``: question, misconception, students (how many), message; most students first."""
    import pandas as pd

    named = frame[(frame["verdict"] == "wrong") & (frame["misconception"] != "")]
    rows = []
    for (question, identifier), group in named.groupby(["question", "misconception"], sort=True):
        rows.append({"question": question, "misconception": identifier, "students": group["student"].nunique(),
                     "message": misconception_message(identifier, language, str(group["message"].iloc[0]))})
    table = pd.DataFrame(rows, columns=["question", "misconception", "students", "message"])
    return table.sort_values(["students", "misconception"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _claim_rows(frame) -> list[tuple[str, Any]]:
    return [(claim, frame[frame["question"].map(lambda q: claim in claims_of(q))]) for claim in CLAIMS]


def claims(frame):
    """``claims.csv``: claim, questions (that assess it, in this class's data), mastery (share of points won)."""
    import pandas as pd

    rows = []
    for claim, part in _claim_rows(frame):
        most = part["max_points"].sum()
        rows.append({"claim": claim, "questions": " ".join(sorted(part["question"].unique())),
                     "mastery": round(float(part["points"].sum() / most), 3) if most else None})
    return pd.DataFrame(rows, columns=["claim", "questions", "mastery"])


def students(frame):
    """``students.csv``: one row per student, one column per claim (share of that claim's points won)."""
    import pandas as pd

    table: dict[str, dict[str, Any]] = {s: {"student": s} for s in sorted(frame["student"].unique())}
    for claim, part in _claim_rows(frame):
        sums = part.groupby("student")[["points", "max_points"]].sum()
        for student, row in sums.iterrows():
            if row["max_points"]:
                table[student][claim] = round(float(row["points"] / row["max_points"]), 3)
    return pd.DataFrame(list(table.values()), columns=["student", *CLAIMS])


def reteach(claim_table, student_table, misconception_table, mastery_below: float = 0.5,
            texts: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Claims (students below ``mastery_below``) and misconceptions (students who showed it), ranked
    by the students they affect, most first."""
    items = []
    for claim in claim_table.dropna(subset=["mastery"])["claim"]:
        column = student_table[claim].dropna()
        affected = int((column < mastery_below).sum())
        if affected:
            items.append({"what": claim, "kind": "claim", "students": affected,
                          "detail": (texts or {}).get(claim, "")})
    for row in misconception_table.itertuples():
        items.append({"what": row.misconception, "kind": "misconception", "students": int(row.students),
                      "detail": row.message})
    return sorted(items, key=lambda item: (-item["students"], item["kind"], item["what"]))
