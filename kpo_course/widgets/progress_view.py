"""The learner's view of their progress: :func:`summary` (a table) and :class:`ProgressView` (a widget).

It reads the progress store (:mod:`kpo_course.progress`) and the course map in ``course.yaml``
(the lessons, and which exercise belongs to which lesson), so a new lesson shows up here with
no change to this module.

>>> import os, tempfile; os.environ["KPO_COURSE_HOME"] = tempfile.mkdtemp()
>>> view = ProgressView()
>>> "No progress yet" in view.message.value
True
>>> view.close()
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w
import matplotlib.style
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import checks, markup, progress
from ..content import load as load_content
from ..i18n import localize, tr
from ..plots import OKABE_ITO, figure_to_png
from .base import CourseWidget

SUMMARY_COLUMNS = ("id", "title", "quiz_right", "quiz_total", "exercise_right", "exercise_total",
                   "answered", "right", "total", "percent")
DRILL_ID = "tasks"


def summary() -> pd.DataFrame:
    """Your progress as a pandas DataFrame: one row per lesson, and one for the task drill.

    Rows: lesson 00 (only when its warm-up exercise has checks), every other lesson of the course, then
    ``tasks`` (the "KPO or BPO?" drill). Columns (:data:`SUMMARY_COLUMNS`):

    - ``quiz_right`` / ``quiz_total``: quiz questions (``quizNN.qM``) answered right, of all;
    - ``exercise_right`` / ``exercise_total``: exercise checks (``NN.qM``) right, of all, over
      the exercises that belong to the lesson (as ``course.yaml`` assigns them);
    - ``answered``: how many of the row's questions you have tried at least once;
    - ``right`` / ``total`` / ``percent``: the row's parts added up (``percent`` is NaN
      when there is nothing to answer yet).

    A part a lesson does not have is ``<NA>``. Titles follow the course language.

    >>> import os, tempfile; os.environ["KPO_COURSE_HOME"] = tempfile.mkdtemp()
    >>> progress.record("quiz01.q1", correct=True, points=1, max_points=1)
    >>> table = summary()
    >>> [int(n) for n in table.set_index("id").loc["01", ["quiz_right", "answered"]]]
    [1, 1]
    """
    content = load_content()
    answers = progress.load()["questions"]

    def right_of(ids: list[str]) -> tuple[int, int]:
        entries = [answers.get(i) for i in ids]
        return (sum(1 for e in entries if e and e.get("correct") is True),
                sum(1 for e in entries if e and int(e.get("attempts", 0) or 0) > 0))

    exercises_of: dict[str, list[str]] = {}
    for exercise in content.course.exercises:
        exercises_of.setdefault(exercise.lesson, []).append(exercise.id)
    rows = []
    for lesson in content.course.lessons:
        quiz = content.quizzes.get(lesson.id)
        quiz_ids = [q.id for q in quiz.questions] if quiz else []
        check_ids = [q.id for ex in exercises_of.get(lesson.id, []) for q in checks.questions(ex)]
        if lesson.id == "00" and not check_ids:
            continue
        quiz_right, quiz_answered = right_of(quiz_ids)
        check_right, check_answered = right_of(check_ids)
        total = len(quiz_ids) + len(check_ids)
        rows.append({
            "id": lesson.id, "title": localize(lesson.title),
            "quiz_right": quiz_right if quiz_ids else pd.NA, "quiz_total": len(quiz_ids) if quiz_ids else pd.NA,
            "exercise_right": check_right if check_ids else pd.NA,
            "exercise_total": len(check_ids) if check_ids else pd.NA,
            "answered": quiz_answered + check_answered, "right": quiz_right + check_right, "total": total,
        })
    task_ids = [f"{DRILL_ID}.{t.id}" for t in content.tasks]
    drill_right, drill_answered = right_of(task_ids)
    rows.append({
        "id": DRILL_ID, "title": tr("Task drill: KPO or BPO?", "Övning: KPO eller BPO?"),
        "quiz_right": pd.NA, "quiz_total": pd.NA, "exercise_right": pd.NA, "exercise_total": pd.NA,
        "answered": drill_answered, "right": drill_right, "total": len(task_ids),
    })
    frame = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS[:-1]))
    for column in SUMMARY_COLUMNS[2:-1]:
        frame[column] = frame[column].astype("Int64")
    totals = frame["total"].astype("float64")
    frame["percent"] = (frame["right"].astype("float64") / totals.where(totals > 0) * 100).round(1)
    return frame


def _chart_png(frame: pd.DataFrame) -> bytes:
    """A small horizontal bar chart of the share right per row (matplotlib's Figure API, no pyplot)."""
    shown = frame[frame["total"] > 0]
    names = [f"{row.id} {row.title}" if row.id != DRILL_ID else row.title for row in shown.itertuples()]
    values = shown["percent"].fillna(0).astype(float).tolist()
    height = 0.65 + 0.28 * len(names)
    with matplotlib.style.context("default"):  # the same picture whatever style a notebook has set
        fig = Figure(figsize=(6.0, height), dpi=100)
        FigureCanvasAgg(fig)
        left = min(0.45, 0.1 + 0.0105 * max((len(n) for n in names), default=10))
        fig.subplots_adjust(left=left, right=0.88, top=1 - 0.15 / height, bottom=0.5 / height)
        ax = fig.add_subplot()
        positions = list(range(len(names)))[::-1]
        ax.barh(positions, values, height=0.6, color=OKABE_ITO["blue"], edgecolor=OKABE_ITO["black"], linewidth=0.5)
        for position, value, row in zip(positions, values, shown.itertuples()):
            ax.text(min(value, 100) + 1.5, position, tr(f"{row.right} of {row.total}", f"{row.right} av {row.total}"),
                    va="center", fontsize=8)
        ax.set_yticks(positions, names, fontsize=8)
        ax.set_xlim(0, 100)
        ax.set_xlabel(tr("Right (%)", "Rätt (%)"), fontsize=8)
        ax.tick_params(axis="x", labelsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return figure_to_png(fig)


def _table_html(frame: pd.DataFrame) -> str:
    """The summary as a small HTML table (escaped), in the course language."""
    def part(right: Any, total: Any) -> str:
        if pd.isna(total):
            return "—"
        return tr(f"{right} of {total}", f"{right} av {total}")

    cell = "padding:2px 8px;border-bottom:1px solid #ddd"
    header = [tr("Lesson", "Lektion"), tr("Quiz", "Quiz"), tr("Exercise checks", "Övningskontroller"),
              tr("Tried", "Försökt"), tr("Right", "Rätt")]
    head = "".join(f"<th style='{cell};text-align:{'left' if i == 0 else 'right'}'>{markup.text(h)}</th>"
                   for i, h in enumerate(header))
    body = []
    for row in frame.itertuples():
        name = row.title if row.id == DRILL_ID else f"{row.id} {row.title}"
        share = "" if pd.isna(row.percent) else tr(f" ({row.percent:.0f}%)", f" ({row.percent:.0f}\u00a0%)")
        cells = [name, part(row.quiz_right, row.quiz_total), part(row.exercise_right, row.exercise_total),
                 part(row.answered, row.total), part(row.right, row.total) + share]
        body.append("<tr>" + "".join(
            f"<td style='{cell};text-align:{'left' if i == 0 else 'right'}'>{markup.text(str(c))}</td>"
            for i, c in enumerate(cells)) + "</tr>")
    return (f"<table class='kpo-progress-table' style='border-collapse:collapse;margin:4px 0'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


class ProgressView(CourseWidget):
    """Your progress: a table and a bar chart, with a Refresh button; it reads the progress store again
    on Refresh and when the language changes.

    Views: ``title``, ``message``, ``table`` (HTML), ``chart`` (``w.Image``), ``status``;
    ``summary`` holds :func:`summary`'s table.
    """

    css_class = "kpo-progress"
    what = {"en": "Your progress", "sv": "Dina framsteg"}

    def __init__(self) -> None:
        self.title = w.HTML()
        self.message = w.HTML()
        self.table = w.HTML()
        self.chart = w.Image(format="png", layout=w.Layout(width="600px", max_width="100%", height="auto"))
        self.refresh_button = w.Button(icon="refresh", layout=w.Layout(width="max-content"))
        self.summary: pd.DataFrame | None = None
        super().__init__([self.title, self.message, self.table, self.chart, self.refresh_button])
        self.refresh_button.on_click(self.guard(lambda _: self._show()))
        self.refresh()

    def _show(self) -> None:
        self.title.value = f"<h3 style='margin:0'>{markup.text(tr('Your progress', 'Dina framsteg'))}</h3>"
        self.refresh_button.description = tr("Refresh", "Uppdatera")
        self.refresh_button.tooltip = tr("Read your progress again", "Läs in dina framsteg igen")
        frame = summary()
        self.summary = frame
        self.table.value = _table_html(frame)
        if int(frame["answered"].sum()) == 0:
            self.message.value = "<p style='line-height:1.45'>" + markup.text(tr(
                "No progress yet, and that is fine: answer a quiz question, run an exercise check or sort "
                "a task in the drill, and it shows up here.",
                "Inga framsteg än, och det gör inget: svara på en quizfråga, kör en övningskontroll eller "
                "sortera en uppgift i övningen, så syns det här.")) + "</p>"
            self.chart.layout.display = "none"
        else:
            right, total = int(frame["right"].sum()), int(frame["total"].sum())
            self.message.value = "<p style='line-height:1.45'>" + markup.text(tr(
                f"You have {right} of {total} questions right so far. Well done for keeping at it.",
                f"Du har {right} av {total} frågor rätt hittills. Bra att du håller i.")) + "</p>"
            self.chart.value = _chart_png(frame)
            self.chart.layout.display = None
        self.status.value = ""

