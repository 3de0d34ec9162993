"""What a check returns: a :class:`Feedback` that shows ✓ / ✗ / … with words.

>>> Feedback("00.q1", True, "Right: there are eight domains.")
✓ 00.q1: Right: there are eight domains.

A worked answer, when the check gives one, is a fold in the HTML only (never in the text):

>>> shown = Feedback("01.q1", True, "Right.", worked="About US$27,700 a year.")
>>> "Show the worked answer" in shown._repr_html_(), "27,700" in str(shown)
(True, False)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..i18n import tr
from ..markup import text, verdict_line


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    ``correct`` is True (right), False (wrong) or None (not answered yet).
    ``message`` says why in the learner's language; ``hint`` is filled after the second miss;
    ``result`` holds structured details (e.g. which items were wrong) for grading and tests;
    ``worked`` is the worked answer, filled only after a right answer or the second miss, and
    shown in the HTML as a fold the learner opens.
    """

    question: str
    correct: bool | None
    message: str
    hint: str = ""
    points: float = 0.0
    max_points: float = 0.0
    result: Mapping[str, Any] = field(default_factory=dict)
    worked: str = ""

    @property
    def symbol(self) -> str:
        return {True: "✓", False: "✗", None: "…"}[self.correct]

    @property
    def verdict(self) -> str:
        """The verdict in words (colour is never the only signal)."""
        if self.correct is None:
            return tr("Not answered yet", "Inte besvarad än")
        return tr("Correct", "Rätt") if self.correct else tr("Not yet right", "Inte rätt än")

    def __str__(self) -> str:
        text = f"{self.symbol} {self.question}: {self.message}"
        if self.hint:
            text += f"\n  {tr('Hint', 'Ledtråd')}: {self.hint}"
        return text

    __repr__ = __str__

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        """Under nbgrader's autograder a passing check shows its points as plain text, which
        nbgrader reads as the cell's score (anything else it warns about); people see the HTML."""
        graded = os.environ.get("NBGRADER_EXECUTION") and self.correct
        return {"text/plain": f"{self.points:g}" if graded else str(self), "text/html": self._repr_html_()}

    def _repr_html_(self) -> str:
        hint = f"<div><b>{text(tr('Hint', 'Ledtråd'))}:</b> {text(self.hint)}</div>" if self.hint else ""
        worked = (
            f'<details class="kpo-worked"><summary>'
            f"{text(tr('Show the worked answer', 'Visa det genomräknade svaret'))}</summary>"
            f'<div style="white-space:pre-wrap">{text(self.worked)}</div></details>'
            if self.worked else ""
        )
        message = f"<code>{text(self.question)}</code>: {text(self.message)}"
        return verdict_line(self.correct, self.verdict, message, extra_html=hint + worked)
