"""Which files in a folder of submissions to grade, whose they are and which exercise each is.

    >>> Submission("ann", Path("ann/00_warmup.ipynb"), "00_warmup.ipynb").exercise
    '00'

Rules (every one leaves a row in the gradebook, so no student vanishes):

* ``STUDENT/**/NN_name.ipynb`` (nbgrader's ``submitted/STUDENT/ASSIGNMENT/`` too) and flat files
  ``STUDENT__NN_name.ipynb``; any other top-level file is a student of that name with a file that
  cannot be graded.
* Symbolic links are never followed (they could point at solutions or at another student's work):
  each gets a row that says so. FIFOs, sockets and devices are never opened.
* One notebook per student per exercise: when a student handed in the same exercise more than once,
  the newest (latest modification time; equal times: the last path in name order) is graded and each
  other one gets a row that says which one counted.
* Folders and files whose names start with ``.`` are students like any other at the top level; inside
  a student's folder they are skipped (``.ipynb_checkpoints``), as are files that are neither
  ``.ipynb`` nor named ``NN_...`` (a data file, a README). A student folder with nothing to grade
  gets a row that says so. Only tool litter at the top level (:data:`LITTER`) is ignored.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

__all__ = ["EXERCISE_NAME", "LITTER", "Submission", "find_submissions"]

EXERCISE_NAME = re.compile(r"^(\d{2})(?=[_\-. ]|$)")
LITTER = frozenset({".ipynb_checkpoints", "__pycache__", ".DS_Store", ".git", ".gitignore", "Thumbs.db"})
MAX_DEPTH = 8  # folders deeper than this in a student's folder are not searched


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path
    notebook: str  # the file name as the student named it (flat: without "student__")
    problem: str | None = None  # why it is not graded (a link, a duplicate, a folder, nothing to grade)

    @property
    def exercise(self) -> str | None:
        match = EXERCISE_NAME.match(self.notebook)
        return match.group(1) if match else None


def _gradable_name(name: str) -> bool:
    return name.lower().endswith(".ipynb") or bool(EXERCISE_NAME.match(name))


def _kind(mode: int) -> str | None:
    """What a non-regular, non-folder entry is, in words (None for a regular file or a folder)."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "not a regular file"


def _not_read(kind: str) -> str:
    if kind == "a symbolic link":
        return ("This is a symbolic link, not a file: links are never followed (they could point at someone "
                "else's work), so nothing was graded. Hand in the notebook file itself.")
    return f"This is {kind}, not a notebook file, so it was not read. Hand in the .ipynb file."


def _walk(folder: Path, student: str, found: list[Submission], depth: int = 0) -> None:
    """Everything gradable (or worth a row) in a student's folder, never following a link."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        found.append(Submission(student, folder, folder.name, f"The folder could not be read ({error.strerror})."))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            continue
        kind = _kind(mode)
        if kind is not None:
            if _gradable_name(entry.name):
                found.append(Submission(student, path, entry.name, _not_read(kind)))
        elif stat.S_ISDIR(mode):
            if _gradable_name(entry.name) and entry.name.lower().endswith(".ipynb"):
                found.append(Submission(student, path, entry.name,
                                        "This is a folder named like a notebook, not a notebook file, so "
                                        "nothing in it was graded as this exercise."))
            if depth < MAX_DEPTH:
                _walk(path, student, found, depth + 1)
        elif _gradable_name(entry.name):
            found.append(Submission(student, path, entry.name))


def _newest_first(submission: Submission) -> tuple[int, str]:
    try:
        mtime = submission.path.lstat().st_mtime_ns
    except OSError:
        mtime = 0
    return (-mtime, "".join(chr(0x10FFFF - ord(c)) for c in str(submission.path)))


def _one_per_exercise(found: list[Submission]) -> list[Submission]:
    """Keep the newest notebook of each (student, exercise); mark the others as duplicates."""
    groups: dict[tuple[str, str], list[Submission]] = {}
    for submission in found:
        if submission.problem is None and submission.exercise is not None:
            groups.setdefault((submission.student, submission.exercise), []).append(submission)
    replaced: dict[Submission, Submission] = {}
    for group in groups.values():
        if len(group) > 1:
            kept, *others = sorted(group, key=_newest_first)
            for other in others:
                replaced[other] = Submission(
                    other.student, other.path, other.notebook,
                    f"Duplicate: exercise {other.exercise} was handed in more than once; only the newest file "
                    f"({kept.path.name}{'' if kept.path.parent == other.path.parent else ' in ' + kept.path.parent.name}) "
                    "is graded.")
    return [replaced.get(s, s) for s in found]


def find_submissions(folder: Path) -> list[Submission]:
    """Every file to grade under ``folder``, and a :class:`Submission` with a ``problem`` for each
    entry that cannot be graded (see the module's rules).
    """
    folder = Path(folder)
    found: list[Submission] = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name in LITTER:
            continue
        path = Path(entry.path)
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            continue
        kind = _kind(mode)
        student, sep, notebook = entry.name.partition("__")
        flat = bool(sep and student and notebook)
        if kind is not None:
            found.append(Submission(student if flat else entry.name, path, notebook if flat else entry.name,
                                    _not_read(kind)))
        elif stat.S_ISDIR(mode):
            before = len(found)
            _walk(path, entry.name, found)
            if len(found) == before:
                found.append(Submission(entry.name, path, "", "Nothing to grade: this student's folder holds no "
                                                              "notebook (NN_name.ipynb)."))
        elif flat:
            found.append(Submission(student, path, notebook))
        elif _gradable_name(entry.name):
            found.append(Submission("(unknown)", path, entry.name))
        else:
            found.append(Submission(entry.name, path, entry.name,
                                    "This file is not a notebook named STUDENT__NN_name.ipynb, so it was not "
                                    "graded."))
    return _one_per_exercise(found)
