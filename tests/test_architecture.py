"""docs/architecture.md's "where a new thing goes", proved: a throwaway lesson, exercise question
and widget, added to a temporary copy of the course exactly as the page says, are picked up by the
course's own machinery (course map, coverage report, quiz banks, question ids, build, widget registry).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("kpo_course") / "content" / "data"

LESSON_ENTRY = """  - id: "98"
    file: lessons/98_throwaway.ipynb
    minutes: 5
    title: {en: "A throwaway lesson", sv: "En tillfällig lektion"}
"""
EXERCISE_ENTRY = """  - id: "98"
    file: exercises/98_case_throwaway.ipynb
    lesson: "98"
    title: {en: "Case: a throwaway exercise", sv: "Fall: en tillfällig övning"}
"""
OBJECTIVES = """
  "98":
    - id: "98.o1"
      text:
        en: "Say what KPO stands for."
        sv: "Säga vad KPO står för."
      claims: [S01]
"""
QUIZ = """lesson: "98"
title:
  en: "Knowledge check: a throwaway"
  sv: "Kunskapskontroll: en tillfällig"
questions:
  - id: quiz98.q1
    kind: single
    claims: [S01]
    prompt:
      en: "What does the K in KPO stand for?"
      sv: "Vad står K i KPO för?"
    hint:
      en: "Think of the kind of work."
      sv: "Tänk på vilket slags arbete."
    options:
      - id: a
        text: {en: "Knowledge", sv: "Kunskap"}
        correct: true
        feedback: {en: "Right: knowledge work.", sv: "Rätt: kunskapsarbete."}
      - id: b
        text: {en: "Kilometre", sv: "Kilometer"}
        correct: false
        feedback: {en: "No: that is a distance.", sv: "Nej: det är ett avstånd."}
"""
CHECKS = '''"""Exercise 98: a throwaway question (tests/test_architecture.py)."""
from . import collector
from .kinds import number, say

QUESTIONS: list = []
_question = collector(QUESTIONS)

_question(id="98.q1", kind="calculation", claims=("S01",), checker=number(12, 0),
          hint=say("Multiply three by four.", "Multiplicera tre med fyra."))
'''
WIDGET = '''"""A throwaway widget (tests/test_architecture.py)."""
import ipywidgets as w

from ..i18n import tr
from .base import CourseWidget


class Throwaway(CourseWidget):
    """One line of text in the course language."""

    css_class = "kpo-throwaway"
    what = {"en": "A throwaway widget", "sv": "En tillfällig widget"}

    def __init__(self) -> None:
        self.text = w.HTML()
        super().__init__([self.text])
        self.refresh()

    def _show(self) -> None:
        self.text.value = tr("Hello", "Hej")
'''
PROBE = """
import json, sys
from pathlib import Path
import kpo_course as kpo
from kpo_course import checks, content
from kpo_course.authoring import build, coverage

root = Path(".")
assert Path(kpo.__file__).resolve().is_relative_to(root.resolve()), kpo.__file__
course = content.load().course
report = {row.claim: row for row in coverage.report(root).rows}
written = build.build(root)
exercise = next(p for p in written if p.name == "98_case_throwaway.ipynb")
cells = json.loads(exercise.read_text())["cells"]
widget = None
try:
    from kpo_course.widgets import registry
    entry = registry.find("Throwaway")
    made = kpo.widgets.Throwaway()
    kpo.set_language("sv")
    widget = {"css": entry.css_class, "text": made.text.value, "lessons": list(entry.lessons)}
    kpo.set_language("en")
except ImportError as error:
    widget = {"missing": str(error)}
print(json.dumps({
    "lessons": [lesson.id for lesson in course.lessons],
    "exercises": [item.id for item in course.exercises],
    "map": [row[0] for row in kpo.course_map(root / "lessons").rows],
    "quiz": [q.id for q in content.load().quizzes["98"].questions],
    "objectives": [o.id for o in content.load().objectives["98"]],
    "taught_S01": list(report["S01"].lessons),
    "quiz_S01": list(report["S01"].quiz),
    "exercise_S01": list(report["S01"].exercises),
    "question_ids": checks.question_ids()[-1:],
    "verdict": kpo.check("98.q1", 12).correct,
    "grade_ids": [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells if c["cell_type"] == "code"],
    "stubbed": any("answer = ...  # your answer" in "".join(c["source"]) for c in cells),
    "widget": widget,
}))
"""


def _insert_before(path: Path, marker: str, text: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count(marker) == 1, f"{path}: expected one {marker!r}"
    path.write_text(source.replace(marker, text + marker), encoding="utf-8")


def _copy_course(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "kpo_course", target / "kpo_course", ignore=ignore)
    for folder in ("lessons", "solutions", "exercises"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("sv", ".ipynb_checkpoints"))


def _add_lesson(course: Path) -> None:
    """A lesson: its notebook, one course.yaml entry, its quiz bank and its objectives."""
    notebook = new_notebook(cells=[
        new_markdown_cell("# Lesson 98 · A throwaway lesson"),
        new_markdown_cell("KPO means knowledge process outsourcing.", metadata={"kpo": {"teaches": ["S01"]}}),
        new_code_cell('import kpo_course as kpo\nkpo.quiz("98")'),
    ])
    nbformat.write(notebook, course / "lessons" / "98_throwaway.ipynb")
    _insert_before(course / DATA / "course.yaml", "exercises:\n", LESSON_ENTRY)
    (course / DATA / "course.yaml").write_text(
        (course / DATA / "course.yaml").read_text(encoding="utf-8").rstrip("\n") + "\n" + EXERCISE_ENTRY,
        encoding="utf-8")
    (course / DATA / "quizzes" / "quiz98.yaml").write_text(QUIZ, encoding="utf-8")
    objectives = course / DATA / "objectives.yaml"
    objectives.write_text(objectives.read_text(encoding="utf-8").rstrip("\n") + "\n" + OBJECTIVES, encoding="utf-8")


def _add_question(course: Path) -> None:
    """An exercise question: the solution notebook (markers, check cell) and its checks module."""
    notebook = new_notebook(cells=[
        new_markdown_cell("# Case: a throwaway exercise"),
        new_code_cell("import kpo_course as kpo"),
        new_code_cell("### BEGIN SOLUTION\nanswer = 3 * 4\n### END SOLUTION"),
        new_code_cell('kpo.check("98.q1", answer)'),
    ])
    nbformat.write(notebook, course / "solutions" / "98_case_throwaway.ipynb")
    (course / "kpo_course" / "checks" / "ex98.py").write_text(CHECKS, encoding="utf-8")


def _add_widget(course: Path) -> bool:
    """A widget: its module and one registry entry. False when there is no registry to add it to."""
    registry = course / "kpo_course" / "widgets" / "registry.py"
    if not registry.is_file():
        return False
    (course / "kpo_course" / "widgets" / "throwaway.py").write_text(WIDGET, encoding="utf-8")
    _insert_before(registry, "\n)\n\n\ndef find(", '\n    WidgetEntry("Throwaway", "throwaway", lessons=("98",)),')
    return True


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    _copy_course(course)
    _add_lesson(course)
    _add_question(course)
    has_registry = _add_widget(course)
    env = dict(os.environ, PYTHONPATH=str(course), KPO_COURSE_CACHE="off",
               KPO_COURSE_HOME=str(course / ".home"), MPLBACKEND="Agg")
    env.pop("NBGRADER_EXECUTION", None)
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(PROBE)], cwd=course, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1]), has_registry


def test_a_new_lesson_is_on_the_course_map_with_its_quiz_and_objectives(probed):
    found, _ = probed
    assert found["lessons"][-1] == "98" and "98" in found["map"]
    assert found["quiz"] == ["quiz98.q1"] and found["objectives"] == ["98.o1"]


def test_the_coverage_report_sees_what_the_new_lesson_teaches_and_asks(probed):
    found, _ = probed
    assert "98" in found["taught_S01"]
    assert "quiz98.q1" in found["quiz_S01"] and "98.q1" in found["exercise_S01"]


def test_a_new_question_is_checked_and_built_into_an_nbgrader_exercise(probed):
    found, _ = probed
    assert found["exercises"][-1] == "98" and found["question_ids"] == ["98.q1"]
    assert found["verdict"] is True
    assert "check-98-q1" in found["grade_ids"] and any(g and g.startswith("answer-") for g in found["grade_ids"])
    assert found["stubbed"]


def test_a_new_widget_is_found_through_the_registry(probed):
    found, has_registry = probed
    if not has_registry:
        pytest.skip("no widgets/registry.py in this tree yet")
    assert found["widget"] == {"css": "kpo-throwaway", "text": "Hej", "lessons": ["98"]}
