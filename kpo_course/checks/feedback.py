"""What a check returns: a :class:`Feedback` that shows ✓ / ✗ / … with words.

>>> Feedback("00.q1", True, "Right: there are eight domains.")
✓ 00.q1: Right: there are eight domains.
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..i18n import tr


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    ``correct`` is True (right), False (wrong) or None (not answered yet).
    ``message`` says why in the learner's language; ``hint`` is filled after the second miss;
    ``result`` holds structured details (e.g. which items were wrong) for grading and tests.
    """

    question: str
    correct: bool | None
    message: str
    hint: str = ""
    points: float = 0.0
    max_points: float = 0.0
    result: Mapping[str, Any] = field(default_factory=dict)

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
        colour = {True: "#009E73", False: "#D55E00", None: "#0072B2"}[self.correct]
        hint = (
            f"<div><b>{tr('Hint', 'Ledtråd')}:</b> {html.escape(self.hint)}</div>" if self.hint else ""
        )
        return (
            f'<div class="kpo-feedback" role="status" style="border-left:4px solid {colour};'
            f'padding:4px 10px;margin:4px 0">'
            f"<b>{self.symbol} {html.escape(self.verdict)}</b> "
            f"<code>{html.escape(self.question)}</code>: {html.escape(self.message)}{hint}</div>"
        )
