"""The knowledge-check quiz at the end of each lesson: ``kpo.quiz("01")``.

One question at a time: choose or type an answer, press Check, read why it is right or
wrong; a hint appears after the second miss; Try again clears what the check found wrong and
keeps what it found right. The score and
every attempt go to the progress store. Options are shuffled with a fixed seed, so stored
outputs stay the same from run to run.

>>> quiz = Quiz("01")  # doctest: +SKIP
>>> quiz.answer("b"); quiz.check_button.click()  # doctest: +SKIP
"""
from __future__ import annotations

import random
from typing import Any

import ipywidgets as w

from .. import i18n, markup, progress
from ..checks.quiz import grade
from ..content import Question, load
from ..i18n import localize, tr
from .base import CourseWidget, error_html

UNSET = "__unset__"
#: The share of a matching row that the item's text takes; its dropdown gets the rest (never a sliver).
MATCH_TEXT_WIDTH = "58%"


def _shuffled(question: Question, entries: tuple) -> list:
    order = list(entries)
    random.Random(question.id).shuffle(order)  # str seed: same order on every run and machine
    return order


#: ipywidgets keeps a radio option on one line, so a long option ran out of the quiz's box:
#: let it wrap, with its radio button kept whole at the start (scoped to the course's quizzes).
WRAP_OPTIONS = (
    # the text comes before its radio button in ipywidgets' markup: row-reverse puts the button first
    "<style>.kpo-quiz .widget-radio-box label{display:flex;flex-direction:row-reverse;justify-content:flex-end;"
    "align-items:flex-start;white-space:normal;line-height:1.4;height:auto;margin-bottom:3px}"
    ".kpo-quiz .widget-radio-box label input{flex:none;position:static;margin:2px 6px 0 0}"
    # a matching question: the item's text wraps on the left, its dropdown keeps a readable width
    ".kpo-quiz .kpo-match{align-items:center;margin-bottom:4px}"
    ".kpo-quiz .kpo-match .widget-label{white-space:normal;height:auto;line-height:1.35;overflow:visible;"
    "text-overflow:clip;padding-right:8px;text-align:left;justify-content:flex-start}"
    ".kpo-quiz .kpo-match select{min-width:14em}"
    # a number box: its label may be long ("share of the Cognizant staff"); the box keeps room to type
    ".kpo-quiz .kpo-number input{min-width:12em}</style>"
)

class Quiz(CourseWidget):
    """A lesson's quiz as a widget; builds with no arguments (lesson 01's quiz)."""

    css_class = "kpo-quiz"
    what = {"en": "Knowledge-check quiz", "sv": "Kunskapsquiz"}

    def __init__(self, lesson: str = "01") -> None:
        quizzes = load().quizzes
        lesson = str(lesson).zfill(2)
        if lesson not in quizzes:
            raise ValueError(f"There is no quiz for lesson {lesson!r}; choose one of {', '.join(sorted(quizzes))}.")
        self.quiz = quizzes[lesson]
        self.index = 0
        self.results: dict[str, bool] = {}
        self._last: Any = None  # the last verdict on the question on screen
        self.misses: dict[str, int] = {}
        self.title = w.HTML()
        self.position = w.HTML()
        self.prompt = w.HTML()
        self.controls = w.VBox()
        self.feedback = w.HTML()
        self.score = w.HTML()
        self.check_button = w.Button(icon="check", button_style="primary")
        self.retry_button = w.Button(icon="undo")
        self.previous_button = w.Button(icon="arrow-left")
        self.next_button = w.Button(icon="arrow-right")
        buttons = w.HBox([self.check_button, self.retry_button, self.previous_button, self.next_button])
        super().__init__(
            [self.title, self.position, self.prompt, self.controls, buttons, self.feedback, self.score],
            layout=w.Layout(border="1px solid #ccc", padding="8px", max_width="780px"),
        )
        self.check_button.on_click(self.guard(lambda _: self._check()))
        self.retry_button.on_click(self.guard(lambda _: self._retry()))
        self.previous_button.on_click(self.guard(lambda _: self._go(-1)))
        self.next_button.on_click(self.guard(lambda _: self._go(+1)))
        self._show()  # unguarded: a quiz that cannot show its first question is not made (quiz() says why)

    # -- what is on screen -------------------------------------------------------------
    @property
    def question(self) -> Question:
        return self.quiz.questions[self.index]

    def _show(self) -> None:
        q = self.question
        total = len(self.quiz.questions)
        self.title.value = WRAP_OPTIONS + f"<h3 style='margin:0'>{markup.text(localize(self.quiz.title))}</h3>"
        self.position.value = markup.text(tr(f"Question {self.index + 1} of {total}", f"Fråga {self.index + 1} av {total}"))
        self.prompt.value = f"<div class='kpo-quiz-prompt'>{markup.text(localize(q.prompt))}</div>"
        self.controls.children = self._make_controls(q)
        self._last = None
        self.check_button.description = tr("Check", "Kontrollera")
        self.retry_button.description = tr("Try again", "Försök igen")
        self.previous_button.description = tr("Previous", "Föregående")
        self.next_button.description = tr("Next", "Nästa")
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == total - 1
        self.feedback.value = ""
        self.status.value = ""
        self._show_score()

    def _show_score(self) -> None:
        right = sum(self.results.values())
        answered = len(self.results)
        total = len(self.quiz.questions)
        self.score.value = markup.text(tr(f"Score: {right} of {total} right ({answered} answered)",
                                          f"Poäng: {right} av {total} rätt ({answered} besvarade)"))

    def _make_controls(self, q: Question) -> tuple[w.Widget, ...]:
        label = tr("Your answer", "Ditt svar")
        if q.kind == "single":
            options = [(localize(o.text), o.id) for o in _shuffled(q, q.options)]
            self._input = w.RadioButtons(options=options, value=None, description=label,
                                         layout=w.Layout(width="100%"))
            return (self._input,)
        if q.kind == "truefalse":
            self._input = w.RadioButtons(options=[(tr("True", "Sant"), True), (tr("False", "Falskt"), False)],
                                         value=None, description=label)
            return (self._input,)
        if q.kind == "multiple":
            self._boxes = {o.id: w.Checkbox(value=False, description=localize(o.text), indent=False,
                                            layout=w.Layout(width="auto"))
                           for o in _shuffled(q, q.options)}
            return tuple(self._boxes.values())
        if q.kind == "categorise":
            groups = [(tr("choose…", "välj…"), UNSET)] + [(localize(g.label), g.id) for g in q.groups]
            self._dropdowns = {i.id: w.Dropdown(options=groups, value=UNSET, description=localize(i.text),
                                                style={"description_width": MATCH_TEXT_WIDTH},
                                                layout=w.Layout(width="100%", height="auto"))
                               for i in _shuffled(q, q.items)}
            for dropdown in self._dropdowns.values():
                dropdown.add_class("kpo-match")
            return tuple(self._dropdowns.values())
        if q.kind == "numeric":
            unit = f" ({localize(q.unit)})" if q.unit else ""
            example = (tr("a share, e.g. 0.25, or 25%", "en andel, t.ex. 0,25, eller 25 %") if q.share
                       else tr("a number, e.g. 3000 or 1.5 million", "ett tal, t.ex. 3 000 eller 1,5 miljoner"))
            self._input = w.Text(value="", placeholder=example,
                                 description=label + unit, style={"description_width": "initial"},
                                 layout=w.Layout(width="100%", max_width="640px"))
            self._input.add_class("kpo-number")
            return (self._input,)
        raise ValueError(f"unknown question kind {q.kind!r}")

    # -- answering ---------------------------------------------------------------------
    def current_answer(self) -> Any:
        """The learner's answer in the shape :func:`kpo_course.checks.quiz.grade` expects."""
        kind = self.question.kind
        if kind == "multiple":
            return [key for key, box in self._boxes.items() if box.value]
        if kind == "categorise":
            return {key: d.value for key, d in self._dropdowns.items() if d.value != UNSET}
        return self._input.value

    def answer(self, value: Any) -> None:
        """Set the controls to ``value`` (for tests and demonstrations), same shapes as above."""
        kind = self.question.kind
        if kind == "multiple":
            for key, box in self._boxes.items():
                box.value = key in value
        elif kind == "categorise":
            for key, dropdown in self._dropdowns.items():
                dropdown.value = value.get(key, UNSET)
        else:
            self._input.value = value

    def _check(self) -> None:
        q = self.question
        verdict = grade(q, self.current_answer())
        self._last = verdict
        if verdict.result.get("reason") == "unanswered":
            self.feedback.value = self._box(None, localize(verdict.message))
            return
        self.results[q.id] = bool(verdict.correct) or self.results.get(q.id, False)
        hint = ""
        if not verdict.correct:
            self.misses[q.id] = self.misses.get(q.id, 0) + 1
            if self.misses[q.id] >= 2:
                hint = localize(q.hint)
        self.feedback.value = self._box(bool(verdict.correct), localize(verdict.message), hint)
        progress.record(q.id, correct=bool(verdict.correct), points=1.0 if verdict.correct else 0.0, max_points=1.0)
        self._show_score()

    def _retry(self) -> None:
        """Clear what the last check found wrong and keep what it found right (all of it after a right answer)."""
        last, kind = self._last, self.question.kind
        wrong = set(last.result.get("wrong", ())) if last is not None and not last.correct else None
        if wrong is not None and kind == "categorise":
            for key in wrong:
                self._dropdowns[key].value = UNSET
        elif wrong is not None and kind == "multiple":
            for key in wrong:
                self._boxes[key].value = False
        else:
            self.controls.children = self._make_controls(self.question)
        self._last = None
        self.feedback.value = ""

    def _go(self, step: int) -> None:
        self.index = min(max(self.index + step, 0), len(self.quiz.questions) - 1)
        self._show()

    @staticmethod
    def _box(correct: bool | None, message: str, hint: str = "") -> str:
        word = {True: tr("Correct", "Rätt"), False: tr("Not quite", "Inte riktigt"),
                None: tr("No answer yet", "Inget svar än")}[correct]
        extra = (f"<div><b>{markup.text(tr('Hint', 'Ledtråd'))}:</b> {markup.text(hint)}</div>" if hint else "")
        return markup.verdict_line(correct, word + ":", markup.text(message), extra_html=extra)


def quiz(lesson: str = "01") -> Quiz:
    """The knowledge-check quiz of a lesson: ``kpo.quiz("03")``."""
    try:
        return Quiz(lesson)
    except Exception as error:  # a broken quiz file shows a clear message, not a traceback
        message = w.HTML(error_html(error))
        return message  # type: ignore[return-value]
