"""The class's results where the class lives: gradebook CSVs that Canvas and Moodle import, and the
quiz bank as Moodle XML.

- Canvas (Grades > Import): a CSV whose first columns are ``Student, ID, SIS User ID, SIS Login ID,
  Section`` and then one column per assignment, named ``Title (ID)`` when the assignment already
  exists; Canvas matches students by these columns, so fill ``ID`` or ``SIS User ID`` from Canvas's
  own export when the course's student names are not Canvas's. We write the student name in
  ``Student`` and ``SIS Login ID`` and leave ``ID`` empty.
- Moodle (Grades > Import > CSV file): any header; the teacher maps one column to the user
  (we write ``username``) and each other column to a grade item.
- Moodle XML (Question bank > Import > Moodle XML format): ``<quiz>`` of ``<question type=...>``
  with ``multichoice`` (single or several right), ``truefalse``, ``numerical`` and ``matching``.

>>> totals = {"ann": {"00": (3.0, 4.0)}}
>>> canvas_rows(totals)[0][:6]
['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Exercise 00 (4 points)']
"""
from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Mapping

Totals = Mapping[str, Mapping[str, tuple[float, float]]]  # student -> part ("00", "quiz03") -> (points, max)


def totals(frame) -> dict[str, dict[str, tuple[float, float]]]:
    """Points per student and part: an exercise (``"03"``) or a quiz (``"quiz03"``)."""
    found: dict[str, dict[str, list[float]]] = {}
    for row in frame.itertuples():
        part = row.question.split(".", 1)[0]
        entry = found.setdefault(row.student, {}).setdefault(part, [0.0, 0.0])
        entry[0] += float(row.points)
        entry[1] += float(row.max_points)
    return {s: {p: (v[0], v[1]) for p, v in sorted(parts.items())} for s, parts in sorted(found.items())}


def _parts(table: Totals) -> list[tuple[str, float]]:
    most: dict[str, float] = {}
    for parts in table.values():
        for part, (_, maximum) in parts.items():
            most[part] = max(most.get(part, 0.0), maximum)
    return sorted(most.items())


def _title(part: str, maximum: float) -> str:
    name = f"Quiz {part[4:]}" if part.startswith("quiz") else f"Exercise {part}"
    return f"{name} ({maximum:g} points)"


def canvas_rows(table: Totals) -> list[list[str]]:
    """Canvas's gradebook import layout: the five student columns, then one column per part."""
    parts = _parts(table)
    rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *[_title(p, m) for p, m in parts]]]
    for student, got in table.items():
        rows.append([student, "", "", student, "", *[f"{got[p][0]:g}" if p in got else "" for p, _ in parts]])
    return rows


def moodle_rows(table: Totals) -> list[list[str]]:
    """Moodle's CSV grade import: ``username`` then one column per part (mapped to grade items on import)."""
    parts = _parts(table)
    rows = [["username", *[_title(p, m) for p, m in parts]]]
    for student, got in table.items():
        rows.append([student, *[f"{got[p][0]:g}" if p in got else "" for p, _ in parts]])
    return rows


def write_csv(rows: list[list[str]], path: Path) -> Path:
    from ..grading.gradebook import csv_safe

    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([[csv_safe(str(cell)) for cell in row] for row in rows])
    return path


def _text(parent: ET.Element, tag: str, value: str, html: bool = False) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    ET.SubElement(element, "text").text = value
    return element


def _answer(parent: ET.Element, fraction: float, answer: str, feedback: str, html: bool = True) -> ET.Element:
    element = ET.SubElement(parent, "answer", {"fraction": f"{fraction:g}", **({"format": "html"} if html else {})})
    ET.SubElement(element, "text").text = answer
    _text(element, "feedback", feedback, html=True)
    return element


def moodle_xml(language: str = "en") -> ET.ElementTree:
    """Every course quiz question in Moodle XML, one category per quiz, in ``language`` (en or sv)."""
    from ..content import load

    pick = lambda text: str((text or {}).get(language) or (text or {}).get("en", ""))  # noqa: E731
    quiz_root = ET.Element("quiz")
    for lesson, quiz in sorted(load().quizzes.items()):
        category = ET.SubElement(quiz_root, "question", {"type": "category"})
        _text(category, "category", f"$course$/KPO/{pick(quiz.title)}")
        for q in quiz.questions:
            kind = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
                    "numeric": "numerical", "categorise": "matching"}[q.kind]
            question = ET.SubElement(quiz_root, "question", {"type": kind})
            _text(question, "name", q.id)
            _text(question, "questiontext", pick(q.prompt), html=True)
            ET.SubElement(question, "defaultgrade").text = "1"
            if q.kind in ("single", "multiple"):
                right = [o for o in q.options if o.correct]
                ET.SubElement(question, "single").text = "true" if q.kind == "single" else "false"
                ET.SubElement(question, "shuffleanswers").text = "true"
                ET.SubElement(question, "answernumbering").text = "abc"
                for option in q.options:
                    share = 100.0 / len(right) if option.correct else (0.0 if q.kind == "single" else -100.0 / max(1, len(q.options) - len(right)))
                    _answer(question, round(share, 5), pick(option.text), pick(option.feedback))
            elif q.kind == "truefalse":
                _answer(question, 100 if q.answer else 0, "true", pick(q.feedback_true), html=False)
                _answer(question, 0 if q.answer else 100, "false", pick(q.feedback_false), html=False)
            elif q.kind == "numeric":
                answer = _answer(question, 100, f"{q.answer:g}", pick(q.feedback_correct), html=False)
                ET.SubElement(answer, "tolerance").text = f"{float(q.tolerance or 0):g}"
                for slip in q.common_wrong:  # a known slip: no marks, its own feedback
                    wrong = _answer(question, 0, f"{slip.value:g}", pick(slip.feedback), html=False)
                    ET.SubElement(wrong, "tolerance").text = "0"
                if q.unit:
                    units = ET.SubElement(question, "units")
                    unit = ET.SubElement(units, "unit")
                    ET.SubElement(unit, "multiplier").text = "1"
                    ET.SubElement(unit, "unit_name").text = pick(q.unit)
            else:  # categorise: each item matched to its group
                ET.SubElement(question, "shuffleanswers").text = "true"
                labels = {g.id: pick(g.label) for g in q.groups}
                for item in q.items:
                    sub = ET.SubElement(question, "subquestion", {"format": "html"})
                    ET.SubElement(sub, "text").text = pick(item.text)
                    ET.SubElement(ET.SubElement(sub, "answer"), "text").text = labels[item.group]
    ET.indent(quiz_root)
    return ET.ElementTree(quiz_root)


def write_exports(frame, out: Path, language: str = "en") -> dict[str, Path]:
    """``canvas_grades.csv``, ``moodle_grades.csv`` and ``moodle_quizzes.xml`` in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    table = totals(frame)
    written = {"canvas_grades.csv": write_csv(canvas_rows(table), out / "canvas_grades.csv"),
               "moodle_grades.csv": write_csv(moodle_rows(table), out / "moodle_grades.csv")}
    moodle_xml(language).write(out / "moodle_quizzes.xml", encoding="utf-8", xml_declaration=True)
    written["moodle_quizzes.xml"] = out / "moodle_quizzes.xml"
    return written
