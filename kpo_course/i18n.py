"""The learner's language: English (default) or Swedish.

Every learner-facing text in the course is a mapping ``{"en": ..., "sv": ...}``;
:func:`localize` picks the current language's version.

>>> set_language("sv"); localize({"en": "Check", "sv": "Kontrollera"})
'Kontrollera'
>>> set_language("en")
"""
from __future__ import annotations

import weakref
from typing import Any, Callable, Mapping

LANGUAGES: tuple[str, ...] = ("en", "sv")
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "sv": "Svenska"}

_current = "en"
_listeners: list[Callable[[], Any]] = []  # weak: a closed widget is not kept alive


def get_language() -> str:
    """The current language code, ``"en"`` or ``"sv"``."""
    return _current


def set_language(language: str) -> None:
    """Switch every learner-facing text to ``language`` ("en" or "sv").

    >>> set_language("en")
    """
    global _current
    code = str(language).strip().lower()[:2] if isinstance(language, str) else ""
    if code not in LANGUAGES:
        raise ValueError(
            f"Unknown language {language!r}: choose one of {', '.join(LANGUAGES)}."
        )
    _current = code
    for reference in list(_listeners):
        listener = reference()
        if listener is None:
            _listeners.remove(reference)
        else:
            listener(code)


def on_language_change(listener: Callable[[str], None]) -> None:
    """Call ``listener(code)`` after every :func:`set_language` while its owner lives.

    Bound methods are held weakly, so a widget that is gone stops listening.
    """
    is_method = hasattr(listener, "__self__") and hasattr(listener, "__func__")
    _listeners.append(weakref.WeakMethod(listener) if is_method else (lambda: listener))


def localize(text: Any, language: str | None = None) -> Any:
    """Pick one language from a ``{"en": ..., "sv": ...}`` mapping.

    Non-mappings are returned unchanged, so plain strings and numbers pass through.

    >>> localize({"en": "yes", "sv": "ja"}, "sv")
    'ja'
    """
    if isinstance(text, Mapping) and "en" in text:
        return text.get(language or _current, text["en"])
    return text


def format_number(value: float, decimals: int = 0, language: str | None = None) -> str:
    """``value`` with ``decimals`` decimals and grouped thousands, the way ``language`` (default: the
    current one) writes it: ``1,234.5`` in English, ``1 234,5`` in Swedish (no-break spaces, so a
    number never wraps). A negative zero is written as zero.

    >>> format_number(1234.5, 1, "en"), format_number(1234.5, 1, "sv"), format_number(-0.01, 1, "sv")
    ('1,234.5', '1\xa0234,5', '0,0')
    """
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]
    if (language or _current) == "sv":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def tr(en: str, sv: str) -> str:
    """Inline two-language text for code-side messages: ``tr("Correct", "Rätt")``."""
    return sv if _current == "sv" else en
