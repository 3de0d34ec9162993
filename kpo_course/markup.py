"""Learner text made safe for an HTML output: one home for escaping and the ✓/✗/… verdict line.

JupyterLab typesets any HTML output as maths: two ``$`` signs in one message
("US$250 ... US$1,750") turn everything between them into a formula. :func:`text`
escapes HTML and keeps each ``$`` out of the typesetter's reach, and :func:`block`
marks a whole output so MathJax leaves it alone.

>>> text("US$250 < US$1,750")
'US<span class="kpo-dollar">&#36;</span>250 &lt; US<span class="kpo-dollar">&#36;</span>1,750'
>>> "✓" in verdict_line(True, "Correct", "Right.")
True
"""
from __future__ import annotations

import html
import re

__all__ = ["text", "plain", "block", "verdict_line", "SYMBOLS", "COLOURS", "NO_MATH"]

# MathJax 3 skips elements with this class (JupyterLab's typesetter is MathJax 3).
NO_MATH = "tex2jax_ignore mathjax_ignore"
DOLLAR = '<span class="kpo-dollar">&#36;</span>'

SYMBOLS = {True: "✓", False: "✗", None: "…"}
COLOURS = {True: "#009E73", False: "#D55E00", None: "#0072B2"}


def text(value: object) -> str:
    """``value`` as HTML text: escaped, and every ``$`` in a span of its own (never maths).

    >>> text("<b>")
    '&lt;b&gt;'
    """
    return html.escape(str(value)).replace("$", DOLLAR)


def plain(markup_html: str) -> str:
    """What a reader sees of ``markup_html``: tags dropped, entities decoded (for tests and text alternatives).

    >>> plain(text("US$250 < US$1,750"))
    'US$250 < US$1,750'
    """
    return html.unescape(re.sub(r"<[^>]*>", "", markup_html))


def block(inner_html: str, css_class: str = "") -> str:
    """Wrap finished HTML in a ``div`` that MathJax does not typeset.

    >>> block("x", "kpo-feedback")
    '<div class="kpo-feedback tex2jax_ignore mathjax_ignore">x</div>'
    """
    classes = f"{css_class} {NO_MATH}".strip()
    return f'<div class="{classes}">{inner_html}</div>'


def verdict_line(correct: bool | None, word: str, message_html: str, *, extra_html: str = "") -> str:
    """The one ✓ / ✗ / … box: symbol and words (colour only as a border), ``message_html`` already escaped.

    >>> verdict_line(None, "Not answered yet", text("Replace ...")).count("…")
    1
    """
    return (
        f'<div class="kpo-feedback {NO_MATH}" role="status" style="border-left:4px solid {COLOURS[correct]};'
        f'padding:4px 10px;margin:4px 0;line-height:1.45">'
        f"<b>{SYMBOLS[correct]} {text(word)}</b> {message_html}{extra_html}</div>"
    )
