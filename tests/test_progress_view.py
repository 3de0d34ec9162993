"""The learner's view of their progress: ``progress_view.summary()`` and ``kpo.widgets.ProgressView()``."""
from __future__ import annotations

import pandas as pd
import pytest

from kpo_course import checks, i18n, progress
from kpo_course.widgets import progress_view
from kpo_course.widgets.progress_view import ProgressView
from kpo_course.content import load


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("KPO_COURSE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(progress, "_memory", None)
    yield tmp_path / "home"
    import ipywidgets

    ipywidgets.Widget.close_all()  # closed views stop redrawing when the language changes
    i18n.set_language("en")


def lesson_checks(lesson: str) -> list[str]:
    exercises = [e.id for e in load().course.exercises if e.lesson == lesson]
    return [q.id for e in exercises for q in checks.questions(e)]


def test_summary_has_one_row_per_lesson_and_one_for_the_drill_with_totals_from_the_content():
    table = progress_view.summary()
    assert list(table.columns) == list(progress_view.SUMMARY_COLUMNS)
    ids = table["id"].tolist()
    lessons = [lesson.id for lesson in load().course.lessons if lesson.id != "00"]
    assert ids[-1] == "tasks" and [i for i in ids if i != "00"][:-1] == lessons and "07" in lessons
    assert ("00" in ids) == bool(checks.questions("00"))
    rows = table.set_index("id")
    for lesson, quiz in load().quizzes.items():
        assert rows.loc[lesson, "quiz_total"] == len(quiz.questions)
        assert rows.loc[lesson, "quiz_right"] == 0
    for lesson in rows.index.drop("tasks"):
        expected = len(lesson_checks(lesson))
        assert (pd.isna(rows.loc[lesson, "exercise_total"]) if expected == 0
                else rows.loc[lesson, "exercise_total"] == expected)
    assert rows.loc["tasks", "total"] == len(load().tasks) and pd.isna(rows.loc["tasks", "quiz_total"])
    assert (table["answered"] == 0).all() and (table["percent"] == 0).all()


def test_summary_counts_right_answers_attempts_and_percent():
    progress.record("quiz02.q1", correct=False)
    progress.record("quiz02.q1", correct=True)
    progress.record("quiz02.q2", correct=False)
    first_check = lesson_checks("00")[0] if lesson_checks("00") else None
    if first_check:
        progress.record(first_check, correct=True)
    progress.record("tasks.credit_risk_model", correct=True)
    progress.record("quiz99.q1", correct=True)  # unknown ids are ignored
    rows = progress_view.summary().set_index("id")
    assert (rows.loc["02", "quiz_right"], rows.loc["02", "answered"], rows.loc["02", "right"]) == (1, 2, 1)
    assert rows.loc["02", "percent"] == pytest.approx(round(100 / rows.loc["02", "total"], 1))
    assert (rows.loc["tasks", "right"], rows.loc["tasks", "answered"]) == (1, 1)
    if first_check:
        assert rows.loc["00", "exercise_right"] == 1


def test_summary_titles_follow_the_language():
    i18n.set_language("sv")
    rows = progress_view.summary().set_index("id")
    lesson = next(lesson for lesson in load().course.lessons if lesson.id == "01")
    assert rows.loc["01", "title"] == lesson.title["sv"] != lesson.title["en"]
    assert rows.loc["tasks", "title"] == "Övning: KPO eller BPO?"


def test_view_with_no_progress_says_so_kindly():
    view = ProgressView()
    assert "No progress yet" in view.message.value
    assert view.chart.layout.display == "none" and view.status.value == ""
    assert "<table" in view.table.value and "Your progress" in repr(view)


def test_view_with_progress_has_a_table_and_a_chart_and_refreshes():
    progress.record("quiz01.q1", correct=True)
    view = ProgressView()
    assert "You have 1 of" in view.message.value
    assert "1 of 10" in view.table.value or "1 of" in view.table.value
    assert view.chart.value[:8] == b"\x89PNG\r\n\x1a\n" and view.chart.layout.display is None
    first = view.chart.value
    progress.record("quiz01.q2", correct=True)
    view.refresh_button.click()
    assert "You have 2 of" in view.message.value and view.chart.value != first


def test_view_in_swedish():
    progress.record("quiz01.q1", correct=True)
    i18n.set_language("sv")
    view = ProgressView()
    assert "Du har 1 av" in view.message.value and "Lektion" in view.table.value
    assert view.refresh_button.description == "Uppdatera"


def test_view_is_deterministic():
    progress.record("quiz03.q1", correct=True)
    assert ProgressView().chart.value == ProgressView().chart.value


def test_view_survives_a_corrupt_store(home):
    home.mkdir(parents=True)
    (home / "progress.json").write_bytes(b"{not json")
    with pytest.warns(UserWarning, match="unreadable"):
        view = ProgressView()
    assert "No progress yet" in view.message.value and view.status.value == ""


def test_view_never_raises_even_when_summary_breaks(monkeypatch):
    monkeypatch.setattr(progress_view, "summary", lambda: 1 / 0)
    view = ProgressView()
    assert "ZeroDivisionError" in view.status.value


def test_the_store_imports_only_the_standard_library():
    """checks and widgets write progress: the store must not pull pandas, matplotlib or ipywidgets in."""
    import subprocess
    import sys

    code = ("import sys\nimport kpo_course.progress\n"
            "heavy = [m for m in ('pandas', 'matplotlib', 'ipywidgets', 'numpy', 'yaml') if m in sys.modules]\n"
            "assert not heavy, heavy")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_the_view_reads_the_lessons_from_course_yaml(monkeypatch):
    """A lesson added to course.yaml gets its row with no change to the view."""
    content = load()
    extra = content.course.lessons[1]._replace(id="08", file="lessons/08_new.ipynb", title={"en": "New", "sv": "Ny"})
    course = content.course._replace(lessons=(*content.course.lessons, extra))
    monkeypatch.setattr(progress_view, "load_content", lambda: content._replace(course=course))
    assert "08" in progress_view.summary()["id"].tolist()
