"""The learner's progress store: which questions and quizzes were answered, and how.

Standard library only (checks and widgets write here; the view is
:class:`kpo_course.widgets.ProgressView`). One small JSON file, ``progress.json``, in the
learner's data folder (:func:`kpo_course.userfiles.data_folder`: ``$KPO_COURSE_HOME``, else
``~/.local/share/kpo-course`` on Linux). Writes are atomic (a temporary file,
then ``os.replace``), so a crash mid-write never leaves a broken file. A corrupt file
is moved aside with a one-line warning and a fresh one is started; a folder that
cannot be written keeps progress in memory for the session. Nothing here raises.

>>> import os, tempfile; os.environ["KPO_COURSE_HOME"] = tempfile.mkdtemp()
>>> record("00.q1", correct=True, points=1, max_points=1)
>>> load()["questions"]["00.q1"]["correct"]
True
"""
from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any

from .userfiles import data_folder, write_atomically

FILE_NAME = "progress.json"
SCHEMA_VERSION = 1
_memory: dict[str, Any] | None = None  # used when the folder cannot be written


def home() -> Path:
    """The folder that holds the progress file (not created until the first write)."""
    return data_folder()


def path() -> Path:
    """Full path of the progress file."""
    return home() / FILE_NAME


def _empty() -> dict[str, Any]:
    return {"version": SCHEMA_VERSION, "questions": {}}


def _valid(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and data.get("version") == SCHEMA_VERSION
        and isinstance(data.get("questions"), dict)
        and all(isinstance(v, dict) for v in data["questions"].values())
    )


def _move_aside(file: Path, reason: str) -> None:
    target = file.with_name(f"{file.name}.corrupt")
    n = 1
    while target.exists():
        n += 1
        target = file.with_name(f"{file.name}.corrupt{n}")
    try:
        os.replace(file, target)
        where = f"moved to {target.name}"
    except OSError:
        where = "left in place"
    warnings.warn(
        f"kpo-course: progress file was unreadable ({reason}); {where}, starting fresh.",
        stacklevel=3,
    )


def load() -> dict[str, Any]:
    """The stored progress as a dict; a fresh one if there is none or it is corrupt."""
    if _memory is not None:
        return json.loads(json.dumps(_memory))
    file = path()
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _empty()
    except (OSError, UnicodeDecodeError) as error:
        _move_aside(file, type(error).__name__)
        return _empty()
    try:
        data = json.loads(text)
    except ValueError:
        _move_aside(file, "not valid JSON")
        return _empty()
    if not _valid(data):
        _move_aside(file, "unexpected content")
        return _empty()
    return data


def _save(data: dict[str, Any]) -> None:
    global _memory
    if _memory is not None:
        _memory = data
        return
    try:
        write_atomically(path(), json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))
    except OSError as error:
        _memory = data
        warnings.warn(
            f"kpo-course: cannot save progress in {home()} ({error.strerror or error}); "
            "keeping it for this session only.",
            stacklevel=3,
        )


def record(question: str, *, correct: bool | None, points: float = 0.0, max_points: float = 1.0) -> None:
    """Store one attempt at ``question`` (an exercise check or a quiz question id).

    ``correct=None`` (not answered yet) is not counted as an attempt.
    """
    if correct is None:
        return
    try:
        data = load()
        entry = data["questions"].setdefault(question, {"attempts": 0, "correct": False})
        entry["attempts"] = int(entry.get("attempts", 0)) + 1
        entry["correct"] = bool(entry.get("correct")) or bool(correct)
        entry["points"] = max(float(entry.get("points", 0.0)), float(points))
        entry["max_points"] = float(max_points)
        _save(data)
    except Exception as error:  # progress must never break a notebook
        warnings.warn(f"kpo-course: progress not recorded ({error}).", stacklevel=2)


def forget_memory() -> None:
    """Drop progress kept in memory after the folder could not be written (the file is untouched)."""
    global _memory
    _memory = None


def reset() -> None:
    """Forget all progress (the file is replaced by an empty one)."""
    _save(_empty())


def export(target: str | Path | None = None, student: str | None = None) -> Path:
    """Write your quiz and exercise progress to one file to hand in (``kpo-progress-NAME.json`` here by
    default); the instructor's ``kpo-course report`` reads it. Returns the file's path.

    >>> import tempfile; export(Path(tempfile.mkdtemp()) / "ann.json", student="ann").name
    'ann.json'
    """
    from .handin import write_handin
    return write_handin(load(), target, student)
