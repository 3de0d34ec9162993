"""What every course widget shares: :class:`CourseWidget` (frame, status line, error guard, language).

ipywidgets sends a callback's exception to the browser's log console, where no student
looks. :func:`guarded` catches it and shows it in the widget's own status line.
"""
from __future__ import annotations

import functools
from typing import Any, Callable

import ipywidgets as w

from .. import i18n, markup
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


def frame_layout() -> w.Layout:
    """The box every course widget sits in."""
    return w.Layout(border="1px solid #ccc", padding="8px", max_width="820px")


class CourseWidget(Friendly, w.VBox):
    """The base of every course widget: its frame, CSS class, status line, error guard and language.

    A widget sets :attr:`css_class` and :attr:`what`, builds its controls, calls
    ``super().__init__(children)`` (the status line is added below them), connects each
    callback through :meth:`guard`, and ends with :meth:`refresh`, which draws everything by
    calling the widget's ``_show()``. When the course language changes, ``_show()`` runs again
    (a closed widget is left alone); an error in it, or in any guarded callback, shows in the
    status line instead of being lost in the browser's console.

    >>> class Hello(CourseWidget):
    ...     css_class = "kpo-hello"
    ...     def __init__(self):
    ...         self.text = w.HTML()
    ...         super().__init__([self.text])
    ...         self.refresh()
    ...     def _show(self):
    ...         self.text.value = tr("Hello", "Hej")
    >>> hello = Hello()
    >>> hello.text.value, hello.children[-1] is hello.status, "kpo-hello" in hello._dom_classes
    ('Hello', True, True)
    >>> hello.guard(lambda: 1 / 0)(); "ZeroDivisionError" in hello.status.value
    True
    >>> hello.close()
    """

    #: The CSS class of the widget's outer box (tests and the browser find the widget by it).
    css_class: str = ""
    #: False for a widget with no frame around it (the language picker).
    framed: bool = True
    #: False for a widget that does not redraw when the language changes (the language picker sets it).
    follows_language: bool = True

    def __init__(self, children: list[w.Widget], *, layout: w.Layout | None = None) -> None:
        self.status = w.HTML()
        if layout is None and self.framed:
            layout = frame_layout()
        super().__init__([*children, self.status], **({"layout": layout} if layout is not None else {}))
        if self.css_class:
            self.add_class(self.css_class)
        if self.follows_language:
            i18n.on_language_change(self._on_language)

    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """``callback`` with any exception shown in the status line (see :func:`guarded`)."""
        return guarded(self.status)(callback)

    def refresh(self) -> None:
        """Draw every label and view again, in the current language."""
        self.guard(self._show)()

    def _show(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define _show(): what it draws")

    def _on_language(self, _code: str) -> None:
        if self.comm is not None:  # a closed widget is gone from the page: nothing to redraw
            self.refresh()
