"""What every course widget shares: a status line that shows errors instead of losing them.

ipywidgets sends a callback's exception to the browser's log console, where no student
looks. :func:`guarded` catches it and shows it in the widget's own status line.
"""
from __future__ import annotations

import functools
from typing import Any, Callable

import ipywidgets as w

from .. import markup
from ..i18n import tr


def error_html(error: BaseException) -> str:
    """A short, visible error message for a widget's status line."""
    return (
        '<div class="kpo-error" role="alert" style="color:#D55E00">✗ '
        + markup.text(tr("Something went wrong here: ", "Något gick fel här: "))
        + markup.text(f"{type(error).__name__}: {error}"[:300])
        + "</div>"
    )


def guarded(status: w.HTML) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a callback so any exception is shown in ``status`` rather than lost."""

    def decorate(callback: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(callback)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except Exception as error:
                status.value = error_html(error)
                return None

        return run

    return decorate


def shared_style(widget_class: type[w.DOMWidget], **traits: Any) -> w.Style:
    """One style model to pass to many widgets of ``widget_class``.

    Every ipywidgets control otherwise makes its own style model, each one more message
    for the kernel to send and the browser to build (a risk matrix had 24 identical ones).
    Share only styles that are never changed per widget.

    >>> style = shared_style(w.HTML)
    >>> w.HTML("a", style=style).style is w.HTML("b", style=style).style
    True
    """
    return widget_class.class_traits()["style"].klass(**traits)


class Friendly:
    """Mixin for course widgets: a readable plain-text stand-in where a widget cannot render.

    GitHub, nbviewer and a notebook that has not been run yet show a widget's text form;
    ipywidgets' default (``VBox(children=(...``) helps nobody.
    """

    what: dict[str, str] = {"en": "An interactive widget", "sv": "En interaktiv widget"}

    def __repr__(self) -> str:
        return tr(f"[{self.what['en']}: run this cell in Jupyter to use it]",
                  f"[{self.what['sv']}: kör cellen i Jupyter för att använda den]")
