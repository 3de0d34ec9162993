"""Choose the course language (English or Swedish) with one click."""
from __future__ import annotations

import ipywidgets as w

from .. import i18n, markup
from .base import CourseWidget


class LanguagePicker(CourseWidget):
    """Two buttons, English and Svenska; the choice applies to every widget, quiz and check.

    >>> picker = LanguagePicker()  # doctest: +SKIP
    >>> picker.buttons.value = "sv"; i18n.get_language()  # doctest: +SKIP
    'sv'
    """

    css_class = "kpo-language-picker"
    framed = False
    follows_language = False  # it sets the language; its status line says what was chosen
    what = {"en": "Language picker (English / Svenska)", "sv": "Språkval (English / Svenska)"}

    def __init__(self) -> None:
        self.buttons = w.ToggleButtons(
            options=[(i18n.LANGUAGE_NAMES[code], code) for code in i18n.LANGUAGES],
            value=i18n.get_language(),
            description="Language / Språk:",
            style={"description_width": "initial"},
            tooltips=["Use English in widgets, quizzes and feedback",
                      "Använd svenska i widgetar, quiz och återkoppling"],
        )
        super().__init__([self.buttons])
        self.buttons.observe(self.guard(self._choose), names="value")
        self.refresh()

    def _choose(self, change: dict) -> None:
        i18n.set_language(change["new"])
        self._show()

    def _show(self) -> None:
        text = i18n.tr("✓ The course now speaks English.", "✓ Kursen talar nu svenska.")
        self.status.value = f'<span class="kpo-language-status">{markup.text(text)}</span>'
