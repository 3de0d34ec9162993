"""Which lessons teach each claim S01–S24, and which quiz and exercise questions assess it.

"Taught" comes from the lessons themselves: a markdown cell that teaches a claim carries
``{"kpo": {"teaches": ["S01"]}}`` in its metadata. A lesson that does not exist yet
counts through its learning objectives, marked "(planned)", until its notebook exists.

>>> rows = report(Path(".")).rows  # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..checks import questions
from ..content import CLAIM_IDS, load


@dataclass(frozen=True)
class ClaimCoverage:
    claim: str
    lessons: tuple[str, ...]   # lesson ids whose cells teach it
    planned: tuple[str, ...]   # lesson ids whose objectives name it but whose notebook is missing
    quiz: tuple[str, ...]      # quiz question ids
    exercises: tuple[str, ...] # exercise question ids

    @property
    def taught(self) -> bool:
        return bool(self.lessons or self.planned)

    @property
    def assessed(self) -> bool:
        return bool(self.quiz or self.exercises)


@dataclass(frozen=True)
class Coverage:
    rows: tuple[ClaimCoverage, ...]

    @property
    def untaught(self) -> list[str]:
        return [r.claim for r in self.rows if not r.taught]

    @property
    def unassessed(self) -> list[str]:
        return [r.claim for r in self.rows if not r.assessed]

    @property
    def complete(self) -> bool:
        return not self.untaught and not self.unassessed

    def table(self) -> str:
        """A plain-text table, one row per claim, columns as wide as their content."""
        header = ("claim", "taught in lessons", "quiz questions", "exercise questions")
        cells = [header] + [
            (r.claim,
             ", ".join([*r.lessons, *(f"{p} (planned)" for p in r.planned)]) or "—",
             ", ".join(r.quiz) or "—",
             ", ".join(r.exercises) or "—")
            for r in self.rows
        ]
        widths = [max(len(row[i]) for row in cells) for i in range(3)]
        return "\n".join(
            "  ".join(value.ljust(width) for value, width in zip(row[:3], widths)) + "  " + row[3]
            for row in cells
        )


def lesson_claims(path: Path) -> set[str]:
    """Claims tagged as taught in one lesson notebook's cells."""
    notebook = nbformat.read(path, as_version=4)
    found: set[str] = set()
    for cell in notebook.cells:
        tags = cell.get("metadata", {}).get("kpo", {}).get("teaches", [])
        found.update(t for t in tags if isinstance(t, str))
    return found


def report(root: Path) -> Coverage:
    """Coverage of every claim by the lessons, quizzes and exercise checks under ``root``."""
    content = load()
    taught: dict[str, list[str]] = {c: [] for c in CLAIM_IDS}
    planned: dict[str, list[str]] = {c: [] for c in CLAIM_IDS}
    for lesson in content.course.lessons:
        path = root / lesson.file
        if path.is_file():
            for claim in lesson_claims(path) & set(CLAIM_IDS):
                taught[claim].append(lesson.id)
        else:
            for objective in content.objectives.get(lesson.id, ()):
                for claim in objective.claims:
                    if lesson.id not in planned[claim]:
                        planned[claim].append(lesson.id)
    quiz: dict[str, list[str]] = {c: [] for c in CLAIM_IDS}
    for lesson_quiz in content.quizzes.values():
        for q in lesson_quiz.questions:
            for claim in q.claims:
                quiz[claim].append(q.id)
    exercise: dict[str, list[str]] = {c: [] for c in CLAIM_IDS}
    for q in questions():
        for claim in q.claims:
            if claim in exercise:
                exercise[claim].append(q.id)
    rows = tuple(
        ClaimCoverage(c, tuple(sorted(taught[c])), tuple(planned[c]), tuple(quiz[c]), tuple(exercise[c]))
        for c in CLAIM_IDS
    )
    return Coverage(rows)
