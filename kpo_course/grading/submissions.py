"""Which files in a folder of submissions to grade, whose they are and which exercise each is.

    >>> Submission("ann", Path("ann/00_warmup.ipynb"), "00_warmup.ipynb").exercise
    '00'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["EXERCISE_NAME", "Submission", "find_submissions"]

EXERCISE_NAME = re.compile(r"^(\d{2})(?=[_\-. ]|$)")


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path
    notebook: str  # the file name as the student named it (flat: without "student__")

    @property
    def exercise(self) -> str | None:
        match = EXERCISE_NAME.match(self.notebook)
        return match.group(1) if match else None


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(root).parts)


def _gradable_name(name: str) -> bool:
    return name.lower().endswith(".ipynb") or bool(EXERCISE_NAME.match(name))


def find_submissions(folder: Path) -> list[Submission]:
    """Every file to grade under ``folder``: ``STUDENT/**/NN_name.ipynb`` or ``STUDENT__NN_name.ipynb``.

    Hidden files and folders (``.ipynb_checkpoints``) are skipped; in a student's folder,
    files that are neither ``.ipynb`` nor named ``NN_...`` (a data file, a README) are too.
    """
    folder = Path(folder)
    found: list[Submission] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            for path in sorted(p for p in entry.rglob("*") if p.is_file()):
                if not _hidden(path, folder) and _gradable_name(path.name):
                    found.append(Submission(entry.name, path, path.name))
        elif entry.is_file():
            student, sep, notebook = entry.name.partition("__")
            if sep and student and notebook:
                found.append(Submission(student, entry, notebook))
            elif _gradable_name(entry.name):
                found.append(Submission("(unknown)", entry, entry.name))
    return found
