"""A learner's progress as one file to hand in, and reading such files back as gradebook rows.

The file is JSON: ``{"kind": "kpo-course-progress", "version": 1, "student": ..., "questions": {...}}``,
where ``questions`` is the progress store's record (attempts, correct, points, max_points per id).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> file = write_handin({"questions": {"quiz03.q1": {"attempts": 2, "correct": True, "points": 1.0,
...                      "max_points": 1.0}}}, folder / "ann.json", student="ann")
>>> [(r["student"], r["question"], r["verdict"]) for r in read_handin(file)]
[('ann', 'quiz03.q1', 'correct')]
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping

KIND = "kpo-course-progress"
VERSION = 1


def write_handin(progress: Mapping[str, Any], target: str | Path | None = None, student: str | None = None) -> Path:
    """Write ``progress`` (the store's data) to ``target`` (default ``kpo-progress-STUDENT.json`` here)."""
    name = (student or "").strip() or "student"
    path = Path(target) if target else Path(f"kpo-progress-{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}.json")
    if path.is_dir():
        path = path / f"kpo-progress-{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}.json"
    questions = {str(k): dict(v) for k, v in dict(progress.get("questions", {})).items() if isinstance(v, Mapping)}
    document = {"kind": KIND, "version": VERSION, "student": name if student else "", "questions": questions}
    path.write_text(json.dumps(document, indent=1, sort_keys=True), encoding="utf-8")
    return path


def is_handin(path: Path) -> bool:
    """Whether ``path`` is a hand-in file (by its content, not its name)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8")).get("kind") == KIND
    except (OSError, ValueError, AttributeError):
        return False


def read_handin(path: str | Path) -> list[dict[str, Any]]:
    """Gradebook-like rows (student, notebook, question, points, max_points, verdict, misconception)."""
    path = Path(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or document.get("kind") != KIND:
        raise ValueError(f"{path} is not a kpo-course progress file")
    student = str(document.get("student") or "").strip() or path.stem.removeprefix("kpo-progress-")
    rows = []
    for question, entry in sorted(dict(document.get("questions", {})).items()):
        if not isinstance(entry, dict) or not int(entry.get("attempts", 0) or 0):
            continue
        correct = bool(entry.get("correct"))
        most = float(entry.get("max_points", 1.0) or 1.0)
        rows.append({"student": student, "notebook": path.name, "question": str(question),
                     "points": most if correct else 0.0, "max_points": most,
                     "verdict": "correct" if correct else "wrong", "misconception": ""})
    return rows
