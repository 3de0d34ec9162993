"""The "KPO or BPO?" drill (claims S05, S06): sort real-world tasks one at a time.

Tasks come in a fixed, seeded order, so every learner (and every stored notebook) sees
the same sequence. Each answer gets ✓ or ✗ in words with the task's reason, and goes to
the progress store as ``tasks.<task id>``.

>>> sorter = TaskSorter()                     # doctest: +SKIP
>>> sorter.kpo_button.click()                 # doctest: +SKIP
>>> sorter.score.value                        # doctest: +SKIP
'1 of 1 right'
"""
from __future__ import annotations

import random

import ipywidgets as w

from .. import i18n, markup, progress
from ..content import Task, load
from ..i18n import localize, tr
from .base import CourseWidget
from .charts import heading

SEED = "kpo-task-sorter"  # a str seed: the same order on every run, machine and Python hash seed


def task_order() -> list[Task]:
    """The drill's tasks in their fixed, shuffled order."""
    tasks = list(load().tasks)
    random.Random(SEED).shuffle(tasks)
    return tasks


class TaskSorter(CourseWidget):
    """Is this task KPO or BPO? Click one; read why; go on to the next.

    Attributes: ``kpo_button``, ``bpo_button``, ``next_button``, ``restart_button``;
    views ``prompt``, ``feedback``, ``score``, ``status``; ``task`` (the current
    :class:`Task`), ``index``, ``results`` (task id -> right or not, this round),
    :meth:`answer` (``"KPO"`` or ``"BPO"``, same as clicking).
    """

    css_class = "kpo-task-sorter"
    what = {"en": "KPO-or-BPO task drill", "sv": "Övning: KPO eller BPO?"}

    def __init__(self) -> None:
        self.tasks = task_order()
        self.index = 0
        self.results: dict[str, bool] = {}
        self.chosen: str | None = None  # the answer given to the current task
        self.title = w.HTML()
        self.prompt = w.HTML()
        self.kpo_button = w.Button(description="KPO", layout=w.Layout(width="120px"))
        self.bpo_button = w.Button(description="BPO", layout=w.Layout(width="120px"))
        self.next_button = w.Button(icon="arrow-right", layout=w.Layout(width="auto"))
        self.restart_button = w.Button(icon="undo", layout=w.Layout(width="auto"))
        self.feedback = w.HTML()
        self.score = w.HTML()
        buttons = w.HBox([self.kpo_button, self.bpo_button, self.next_button, self.restart_button])
        super().__init__([self.title, self.prompt, buttons, self.feedback, self.score])
        self.kpo_button.on_click(self.guard(lambda _: self.answer("KPO")))
        self.bpo_button.on_click(self.guard(lambda _: self.answer("BPO")))
        self.next_button.on_click(self.guard(lambda _: self._next()))
        self.restart_button.on_click(self.guard(lambda _: self._restart()))
        self.refresh()

    @property
    def task(self) -> Task:
        return self.tasks[self.index]

    @property
    def finished(self) -> bool:
        return self.index == len(self.tasks) - 1 and self.chosen is not None

    # -- answering ---------------------------------------------------------------------
    def answer(self, label: str) -> None:
        """Answer the current task with ``"KPO"`` or ``"BPO"`` (a second answer is ignored)."""
        label = str(label).strip().upper()
        if label not in ("KPO", "BPO"):
            raise ValueError(f"Answer KPO or BPO (got {label!r}).")
        if self.chosen is not None:
            return
        self.chosen = label
        right = label == self.task.label
        self.results[self.task.id] = right
        progress.record(f"tasks.{self.task.id}", correct=right, points=1.0 if right else 0.0, max_points=1.0)
        self._show()

    def _next(self) -> None:
        if self.chosen is None or self.index >= len(self.tasks) - 1:
            return
        self.index += 1
        self.chosen = None
        self._show()

    def _restart(self) -> None:
        self.index = 0
        self.chosen = None
        self.results = {}
        self._show()

    # -- what is on screen -------------------------------------------------------------
    def _show(self) -> None:
        total = len(self.tasks)
        t = self.task
        self.title.value = heading(tr("KPO or BPO?", "KPO eller BPO?"))
        position = tr(f"Task {self.index + 1} of {total}", f"Uppgift {self.index + 1} av {total}")
        question = tr("Is this knowledge process outsourcing (KPO) or business process outsourcing (BPO)?",
                      "Är detta knowledge process outsourcing (KPO) eller business process outsourcing (BPO)?")
        self.prompt.value = (
            f"<div class='kpo-task-position' style='color:#444'>{markup.text(position)}</div>"
            f"<div class='kpo-task' style='font-size:115%;margin:4px 0;line-height:1.4'><b>{markup.text(localize(t.task))}</b></div>"
            f"<div>{markup.text(question)}</div>"
        )
        self.kpo_button.tooltip = tr("Specialised, analytical knowledge work", "Specialiserat, analytiskt kunskapsarbete")
        self.bpo_button.tooltip = tr("Routine, rule-based operational work", "Rutinmässigt, regelstyrt operativt arbete")
        self.next_button.description = tr("Next task", "Nästa uppgift")
        self.restart_button.description = tr("Start again", "Börja om")
        answered = self.chosen is not None
        self.kpo_button.disabled = answered
        self.bpo_button.disabled = answered
        self.next_button.disabled = not answered
        self.next_button.layout.display = "none" if self.finished else None
        self.restart_button.layout.display = None if self.finished else "none"
        self.feedback.value = self._feedback() if answered else ""
        right = sum(self.results.values())
        done = len(self.results)
        line = tr(f"{right} of {done} right", f"{right} av {done} rätt")
        if self.finished:
            line += tr(f": you have sorted all {total} tasks. Start again to practise once more.",
                       f": du har sorterat alla {total} uppgifter. Börja om för att öva en gång till.")
        self.score.value = f"<div class='kpo-task-score'>{markup.text(line)}</div>"
        self.status.value = ""

    def _feedback(self) -> str:
        t = self.task
        right = self.chosen == t.label
        if right:
            word = tr("Right:", "Rätt:")
            message = tr(f"this is {t.label}.", f"detta är {t.label}.")
        else:
            word = tr("Not quite:", "Inte riktigt:")
            message = tr(f"this is {t.label}, not {self.chosen}.", f"detta är {t.label}, inte {self.chosen}.")
        return markup.verdict_line(right, word, markup.text(f"{message} {localize(t.reason)}"))
