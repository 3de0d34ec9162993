"""Reusable answer checkers: each turns a learner's answer into a :class:`Verdict`.

A checker never raises on a learner's answer and never accepts a wrong type.
Messages are ``{"en": ..., "sv": ...}`` mappings, localized when the feedback is shown.
Beside the checkers (:func:`number`, :func:`amount`, :func:`boolean`, :func:`choice`, :func:`labels`,
:func:`selection`, :func:`table`, :func:`figure`) are the small pieces the exercise modules share:
:func:`is_table`, :func:`both`, :func:`number_text`, :func:`describe`, :func:`wrong_type`.
Chart inspection is in :mod:`.charts`, pandas answers in :mod:`.tables`.

>>> number(8, tolerance=0)(8.0).correct
True
>>> number(8, tolerance=0)("8").correct
False
"""
from __future__ import annotations

import itertools
import math
import numbers
import re
import reprlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..i18n import LANGUAGES, format_number

Text = Mapping[str, str]
Checker = Callable[[Any], "Verdict"]

_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = 8
_short.maxdict = 8


def say(en: str, sv: str) -> dict[str, str]:
    """A two-language message: ``say("Right.", "Rätt.")``."""
    return {"en": en, "sv": sv}


def shown(value: Any) -> str:
    """A short, safe description of any value for a message (never huge, never raises).

    >>> shown("x" * 100)[:10], shown(list(range(100)))[-7:]
    ("'xxxxxxxxx", '7, ...]')
    """
    shape = getattr(value, "shape", None)
    if type(value).__name__ in {"DataFrame", "Series", "ndarray"} and isinstance(shape, tuple):
        return f"<{type(value).__name__} {'×'.join(map(str, shape))}>"
    try:
        text = _short.repr(value)
    except Exception:
        return f"<{type(value).__name__}>"
    return text if len(text) <= 120 else text[:117] + "..."


def location_key(answer: str) -> str:
    """A location's name as a learner may write it, reduced to its letter: "Location C", "land c", " C " -> "c".

    >>> [location_key(text) for text in ("Location C", "land c", " C ")]
    ['c', 'c', 'c']
    """
    key = answer.strip().lower()
    for prefix in ("location ", "land "):
        if key.startswith(prefix):
            key = key[len(prefix):].strip()
    return key


def names_text(values: Iterable[Any], limit: int = 8) -> str:
    """Names taken from an answer (column names, keys, options) for a one-line message.

    A short, printable name is shown as it is; anything else (a line break, a very long
    name, an object) as its short :func:`shown` form, so a learner's odd key never breaks
    the message. At most ``limit`` names.

    >>> names_text(["cost", 2026, "a\\nb"])
    "cost, 2026, 'a\\\\nb'"
    >>> names_text(range(100), limit=3)
    '0, 1, 2'
    """
    parts = []
    for value in itertools.islice(values, limit):
        plain = isinstance(value, (str, numbers.Number)) and not isinstance(value, bool)
        text = str(value) if plain else ""
        parts.append(text if plain and text.isprintable() and len(text) <= 40 else shown(value))
    return ", ".join(parts)


@dataclass(frozen=True)
class Verdict:
    correct: bool
    message: Text
    result: Mapping[str, Any] = field(default_factory=dict)


def as_number(answer: Any) -> float | None:
    """The answer as a finite float, or None when it is not a real number (bools are not)."""
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return None
    try:
        value = float(answer)
    except (TypeError, ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def is_table(answer: Any) -> bool:
    """Whether ``answer`` is a pandas DataFrame or Series (told by its type's name: pandas is not imported).

    >>> import pandas as pd
    >>> is_table(pd.Series([1])), is_table(pd.DataFrame()), is_table([1]), is_table(None)
    (True, True, False, False)
    """
    return type(answer).__name__ in {"DataFrame", "Series"}


def both(make: Callable[[str], str]) -> dict[str, str]:
    """A two-language text built by one function of the language code.

    >>> both(lambda lang: "Right." if lang == "en" else "Rätt.")
    {'en': 'Right.', 'sv': 'Rätt.'}
    """
    return {lang: make(lang) for lang in LANGUAGES}


def number_text(value: float, decimals: int = 0) -> dict[str, str]:
    """A number written the English and the Swedish way, with ``decimals`` decimals.

    >>> number_text(1234.5, 1)
    {'en': '1,234.5', 'sv': '1\xa0234,5'}
    """
    return {lang: format_number(value, decimals, lang) for lang in LANGUAGES}


#: Plain words for the kinds of value a learner may hand in: what a business student reads, not Python's type name.
_KINDS: dict[str, tuple[str, str]] = {
    "NoneType": ("nothing (None: no value was stored)", "ingenting (None: inget värde sparades)"),
    "ellipsis": ("... (the placeholder, not an answer yet)", "... (platshållaren, inget svar än)"),
    "str": ("text (a str)", "text (en str)"),
    "bool": ("True or False (a bool)", "True eller False (en bool)"),
    "int": ("a whole number", "ett heltal"),
    "float": ("a number", "ett tal"),
    "list": ("a list", "en lista"),
    "tuple": ("several values separated by commas (a tuple)", "flera värden åtskilda av komman (en tuple)"),
    "dict": ("a dict", "en dict"),
    "set": ("a set", "en mängd (set)"),
    "Figure": ("a chart (a matplotlib Figure)", "ett diagram (en matplotlib-Figure)"),
    "Axes": ("a chart's axes (Axes), not the whole Figure", "ett diagrams axlar (Axes), inte hela figuren"),
    "BarContainer": ("the bars that ax.bar returns (a BarContainer), not the Figure",
                     "staplarna som ax.bar returnerar (en BarContainer), inte figuren"),
    "function": ("a function, not its result: did you forget the ()?",
                 "en funktion, inte dess resultat: glömde du ()?"),
    "method": ("a function, not its result: did you forget the ()?",
               "en funktion, inte dess resultat: glömde du ()?"),
}


def kind_words(answer: Any) -> dict[str, str]:
    """What kind of value ``answer`` is, in plain words (Python's name in brackets where it helps).

    >>> kind_words((27, 710))["en"], kind_words("8")["sv"], kind_words(None)["en"]
    ('several values separated by commas (a tuple)', 'text (en str)', 'nothing (None: no value was stored)')
    >>> kind_words(__import__("numpy").int64(3))["en"]
    'a whole number'
    """
    kind = type(answer).__name__
    shape = getattr(answer, "shape", None)
    if kind == "DataFrame" and isinstance(shape, tuple) and len(shape) == 2:
        rows, columns = shape
        return {"en": f"a pandas table (DataFrame) with {rows} row{'s' * (rows != 1)} "
                      f"and {columns} column{'s' * (columns != 1)}",
                "sv": f"en pandas-tabell (DataFrame) med {rows} rad{'er' * (rows != 1)} "
                      f"och {columns} kolumn{'er' * (columns != 1)}"}
    if kind == "Series" and isinstance(shape, tuple) and len(shape) == 1:
        return {"en": f"a pandas column of values (Series) with {shape[0]} value{'s' * (shape[0] != 1)}",
                "sv": f"en pandas-kolumn med värden (Series) med {shape[0]} värde{'n' * (shape[0] != 1)}"}
    real = isinstance(answer, numbers.Real) and not isinstance(answer, bool)
    if real and as_number(answer) is None:
        en, sv = "a number that is not finite (NaN or infinity)", "ett tal som inte är ändligt (NaN eller oändligt)"
    elif kind in _KINDS:
        en, sv = _KINDS[kind]
    elif kind.startswith("Axes") or kind.endswith("AxesSubplot"):
        en, sv = _KINDS["Axes"]
    elif isinstance(answer, numbers.Integral) and not isinstance(answer, bool):
        en, sv = _KINDS["int"]
    elif real:
        en, sv = _KINDS["float"]
    else:
        en, sv = f"a {kind}", f"en {kind}"
    return {"en": en, "sv": sv}


def describe(answer: Any) -> dict[str, str]:
    """What the learner gave, in a few plain words for a message: tables by their shape, never their repr.

    >>> describe(None)["en"], describe([1, 2])["sv"]
    ('nothing (None: no value was stored)', 'en lista: [1, 2]')
    >>> import pandas as pd
    >>> describe(pd.DataFrame({"a": [1, 2]}))["en"]
    'a pandas table (DataFrame) with 2 rows and 1 column'
    """
    words = kind_words(answer)
    if is_table(answer) or answer is None or answer is ...:
        return words
    text = shown(answer)
    text = text if len(text) <= 60 else text[:57] + "..."
    return {lang: f"{words[lang]}: {text}" for lang in LANGUAGES}


_COUNT_WORDS = {2: ("two", "två"), 3: ("three", "tre"), 4: ("four", "fyra"), 5: ("five", "fem")}


def comma_number(answer: Any) -> Verdict | None:
    """A number typed with a thousands comma (``27,710`` is Python's tuple ``(27, 710)``) gets its own message.

    >>> comma_number((27, 710)).message["en"]
    'Python reads 27,710 as two numbers, 27 and 710. Write numbers without commas: 27710 or 27_710.'
    >>> comma_number((63, 0)).message["en"][-32:], comma_number((0, 12)).result
    ('without commas: 63000 or 63_000.', {'reason': 'decimal_comma'})
    >>> comma_number((1, 2, 3)) is None, comma_number(5) is None
    (True, True)
    """
    if not isinstance(answer, tuple) or len(answer) < 2 or len(answer) > 5:
        return None
    parts = [as_number(part) for part in answer]
    if any(p is None or p < 0 or p != int(p) for p in parts):
        return None
    ints = [int(p) for p in parts]  # type: ignore[arg-type]
    if ints[0] >= 1000 or not all(0 <= p < 1000 for p in ints[1:]):
        return None
    if not all(isinstance(part, int) and not isinstance(part, bool) for part in answer[1:]):
        return None
    groups = all(p == 0 or 100 <= p <= 999 for p in ints[1:])  # 27,710 and 63,000 (Python drops the 000)
    if not groups:  # 27,71 or 0,12 is no thousands comma: a decimal comma
        whole, decimals = str(ints[0]), ",".join(str(p) for p in ints[1:])
        if len(answer) != 2:
            return None
        return Verdict(False, say(
            f"Python reads {whole},{decimals} as two numbers, {whole} and {decimals}. Write a decimal number "
            f"with a point: {whole}.{decimals}.",
            f"Python läser {whole},{decimals} som två tal, {whole} och {decimals}. Skriv decimaltal med punkt: "
            f"{whole}.{decimals}."), {"reason": "decimal_comma"})
    typed = ",".join([str(ints[0]), *(f"{p:03d}" for p in ints[1:])])
    plain = typed.replace(",", "")
    grouped = typed.replace(",", "_")
    return Verdict(False, say(
        f"Python reads {typed} as {_COUNT_WORDS[len(ints)][0]} numbers, {' and '.join(map(str, ints))}. "
        f"Write numbers without commas: {plain} or {grouped}.",
        f"Python läser {typed} som {_COUNT_WORDS[len(ints)][1]} tal, {' och '.join(map(str, ints))}. "
        f"Skriv tal utan komman: {plain} eller {grouped}."), {"reason": "comma_number"})


def wrong_type(expected_en: str, expected_sv: str, answer: Any) -> Verdict:
    """The message for an answer of the wrong type, with tables described by their shape (:func:`describe`).

    A Series with a label twice is told so: it cannot be one value per label.

    >>> wrong_type("a number", "ett tal", [1, 2]).message["en"]
    'Expected a number, but got a list: [1, 2].'
    """
    typed = comma_number(answer)
    if typed is not None:
        return typed
    given = describe(answer)
    if type(answer).__name__ == "Series" and getattr(answer.index, "has_duplicates", False):
        return Verdict(False, say(f"Expected {expected_en}, but your Series has some labels twice: one value per label.",
                                  f"Förväntade {expected_sv}, men din Series har några etiketter två gånger: ett värde per etikett."),
                       {"reason": "duplicates"})
    return Verdict(False, say(f"Expected {expected_en}, but got {given['en']}.",
                              f"Förväntade {expected_sv}, men fick {given['sv']}."),
                   {"reason": "type", "type": type(answer).__name__})


def _wrong_type_shown(expected_en: str, expected_sv: str, answer: Any) -> Verdict:
    """The basic kinds' wrong-type Verdict, the answer in plain words (:func:`describe`).

    A number typed with a comma gets :func:`comma_number`'s message instead.
    """
    typed = comma_number(answer)
    if typed is not None:
        return typed
    given = describe(answer)
    return Verdict(
        False,
        say(f"Expected {expected_en}, but got {given['en']}.", f"Förväntade {expected_sv}, men fick {given['sv']}."),
        {"reason": "type", "type": type(answer).__name__},
    )


def number(
    expected: float,
    tolerance: float,
    *,
    right: Text | None = None,
    common_wrong: Sequence[tuple[float, Text]] = (),
    too_high: Text | None = None,
    too_low: Text | None = None,
) -> Checker:
    """Check a number within an absolute ``tolerance``; known slips get their own message."""

    def check(answer: Any) -> Verdict:
        if isinstance(answer, str):
            stripped = answer.strip()
            thousands = re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", stripped)
            stripped = stripped.replace(",", "") if thousands else stripped.replace(",", ".")
            stripped = stripped.replace(" ", "").replace("\u00a0", "")
            try:
                float(stripped)
            except ValueError:
                return _wrong_type_shown("a number", "ett tal", answer)
            example = stripped if len(stripped) <= 30 else stripped[:27] + "..."
            return Verdict(
                False,
                say(
                    f"That is text ({shown(answer)}). Write the number without quotes, e.g. {example}.",
                    f"Det där är text ({shown(answer)}). Skriv talet utan citattecken, t.ex. {example}.",
                ),
                {"reason": "text_number"},
            )
        value = as_number(answer)
        if value is None:
            if isinstance(answer, numbers.Real) and not isinstance(answer, bool):
                return Verdict(
                    False,
                    say("That is not a finite number (NaN or infinity).",
                        "Det är inte ett ändligt tal (NaN eller oändligt)."),
                    {"reason": "not_finite"},
                )
            return _wrong_type_shown("a number", "ett tal", answer)
        if abs(value - expected) <= tolerance:
            return Verdict(True, right or say("Right.", "Rätt."), {"value": value})
        for position, (wrong, message, *name) in enumerate(common_wrong, 1):
            if abs(value - wrong) <= max(tolerance, 1e-9):
                return Verdict(False, message, {"value": value, "reason": "common_wrong",
                                                "misconception": slip_name(position, name)})
        if value > expected and too_high:
            return Verdict(False, too_high, {"value": value, "reason": "too_high"})
        if value < expected and too_low:
            return Verdict(False, too_low, {"value": value, "reason": "too_low"})
        return Verdict(
            False,
            say(f"{shown(value)} is not right.", f"{shown(value)} stämmer inte."),
            {"value": value},
        )

    check.misconceptions = lambda: [(slip_name(position, name), wrong, message)  # type: ignore[attr-defined]
                                    for position, (wrong, message, *name) in enumerate(common_wrong, 1)]
    return check


def slip_name(position: int, name: Sequence[str]) -> str:
    """A known slip's misconception name: the one it was given, else ``slip`` and its place in the list.

    >>> slip_name(2, ["divided_by_seven"]), slip_name(2, [])
    ('divided_by_seven', 'slip2')
    """
    return str(name[0]) if name else f"slip{position}"


def amount(
    expected: Callable[[], float],
    tolerance: float,
    *,
    right: Text,
    slips: Callable[[], Sequence[tuple[float, Text]]] = lambda: (),
    too_high: Text | None = None,
    too_low: Text | None = None,
) -> Checker:
    """:func:`number` checked against ``expected()`` (computed when checked) within ``tolerance``.

    ``slips()`` lists ``(value, message)`` for known mistakes, matched within 1% of the value.
    A pandas Series or DataFrame gets its own message: a one-value Series (what
    ``table.loc[mask, "value"]`` gives) is told to use ``.item()``.

    >>> check = amount(lambda: 27_700, 100, right=say("Right.", "Rätt."),
    ...                slips=lambda: [(27.7, say("In thousands.", "I tusental."))])
    >>> check(27_650).correct, check(27.72).message["en"], check("27700").result["reason"]
    (True, 'In thousands.', 'text_number')
    >>> import pandas as pd
    >>> check(pd.Series([27_700.0])).result
    {'reason': 'one_value_table', 'close': True}
    """

    def check(answer: Any) -> Verdict:
        want = expected()
        if is_table(answer):
            kind = type(answer).__name__
            if getattr(answer, "size", 0) == 1:
                inner = as_number(answer.to_numpy().ravel()[0])
                close = inner is not None and abs(inner - want) <= tolerance
                if close:
                    message = say(
                        f"The number inside is right, but it is still inside a pandas {kind} (a small table with "
                        "one value), not a plain number. Take the number out with .item(), e.g. "
                        "table.loc[condition, \"value\"].item().",
                        f"Talet inuti stämmer, men det ligger kvar i en pandas {kind} (en liten tabell med ett "
                        "värde), inte ett vanligt tal. Ta ut talet med .item(), t.ex. "
                        "table.loc[villkor, \"value\"].item().")
                else:
                    message = say(
                        f"That is a pandas {kind} (a small table with one value), not a plain number. Take the "
                        "number out with .item(), e.g. table.loc[condition, \"value\"].item(), and check the "
                        "calculation.",
                        f"Det är en pandas {kind} (en liten tabell med ett värde), inte ett vanligt tal. Ta ut "
                        "talet med .item(), t.ex. table.loc[villkor, \"value\"].item(), och kontrollera beräkningen.")
                return Verdict(False, message, {"reason": "one_value_table", "close": close})
            words = kind_words(answer)
            return Verdict(False, say(
                f"That is {words['en']}, not one number. Keep only the row you need with a condition, then take "
                "its number out with .item(): table.loc[table[\"unit\"] == \"USD/day\", \"value\"].item() "
                "gives one plain number to calculate with.",
                f"Det är {words['sv']}, inte ett tal. Behåll bara raden du behöver med ett villkor och ta sedan ut "
                "talet med .item(): table.loc[table[\"unit\"] == \"USD/day\", \"value\"].item() ger ett vanligt "
                "tal att räkna med."),
                {"reason": "table"})
        value = as_number(answer)
        if value is not None and abs(value - want) > tolerance:
            # Known slips match within 1% of their own size, not within the answer's tolerance:
            # with a wide tolerance (±100) two small slips (0.00004, 27.7) would be told apart wrongly.
            for position, (wrong, message, *name) in enumerate(slips(), 1):
                if math.isclose(value, wrong, rel_tol=0.01, abs_tol=1e-12):
                    return Verdict(False, message, {"value": value, "reason": "common_wrong",
                                                    "misconception": slip_name(position, name)})
        return number(want, tolerance, right=right, too_high=too_high, too_low=too_low)(answer)

    check.misconceptions = lambda: [(slip_name(position, name), wrong, message)  # type: ignore[attr-defined]
                                    for position, (wrong, message, *name) in enumerate(slips(), 1)]
    return check


def boolean(expected: bool, *, if_true: Text, if_false: Text) -> Checker:
    """Check a True/False answer; each answer gets its own explanation."""

    def check(answer: Any) -> Verdict:
        if not isinstance(answer, bool):
            if isinstance(answer, str) and answer.strip().lower() in {"true", "false", "sant", "falskt"}:
                return Verdict(
                    False,
                    say("Write True or False without quotes (a Python bool, not text).",
                        "Skriv True eller False utan citattecken (ett Python-värde, inte text)."),
                    {"reason": "text_bool"},
                )
            return _wrong_type_shown("True or False", "True eller False", answer)
        result = {"value": answer} if answer == expected else {"value": answer, "misconception": f"said_{answer}".lower()}
        return Verdict(answer == expected, if_true if answer else if_false, result)

    check.misconceptions = lambda: [(f"said_{not expected}".lower(), not expected,  # type: ignore[attr-defined]
                                     if_false if expected else if_true)]
    return check


def choice(expected: str, feedback: Mapping[str, Text]) -> Checker:
    """Check one option key (``"b"``) out of ``feedback``'s keys; each option explains itself."""
    keys = list(feedback)

    def check(answer: Any) -> Verdict:
        if not isinstance(answer, str):
            example = keys[0] if keys else "a"
            return _wrong_type_shown(f"one of the options as text, e.g. \"{example}\"",
                               f"ett av alternativen som text, t.ex. \"{example}\"", answer)
        key = answer.strip().lower()
        if key not in feedback:
            listed = ", ".join(f'"{k}"' for k in keys)
            return Verdict(
                False,
                say(f"{shown(answer)} is not one of the options: choose {listed}.",
                    f"{shown(answer)} är inget av alternativen: välj {listed}."),
                {"reason": "unknown_option"},
            )
        result = {"value": key} if key == expected else {"value": key, "misconception": f"chose_{key}"}
        return Verdict(key == expected, feedback[key], result)

    check.misconceptions = lambda: [(f"chose_{key}", key, feedback[key])  # type: ignore[attr-defined]
                                    for key in keys if key != expected]
    return check


def _normal(text: Any) -> str | None:
    return text.strip().lower() if isinstance(text, str) else None


def labels(expected: Mapping[str, str], *, feedback: Mapping[str, Text] | None = None,
           allowed: Sequence[str] | None = None) -> Checker:
    """Check a dict that labels every item (``{"invoice_entry": "BPO", ...}``); case-insensitive.

    ``feedback`` explains, per item, why its label is what it is (shown for the wrong ones).
    """
    allowed_labels = sorted({_normal(v) for v in (allowed or expected.values())})

    def check(answer: Any) -> Verdict:
        if not isinstance(answer, Mapping):
            return _wrong_type_shown("a dict such as {\"item\": \"label\"}", "en dict som {\"sak\": \"etikett\"}", answer)
        given = {k: answer[k] for k in answer if isinstance(k, str)}
        missing = [k for k in expected if k not in given]
        unknown = [k for k in given if k not in expected]
        if missing or unknown:
            return Verdict(False, say(
                f"Label exactly these items: {', '.join(expected)}."
                + (f" Missing: {', '.join(missing)}." if missing else "")
                + (f" Not asked for: {', '.join(shown(k) for k in unknown[:5])}." if unknown else ""),
                f"Märk exakt dessa: {', '.join(expected)}."
                + (f" Saknas: {', '.join(missing)}." if missing else "")
                + (f" Efterfrågas inte: {', '.join(shown(k) for k in unknown[:5])}." if unknown else "")),
                {"missing": missing, "unknown": unknown[:20]})
        odd = [k for k in expected if _normal(given[k]) not in allowed_labels]
        if odd:
            listed = ", ".join(f'"{v}"' for v in sorted(set(expected.values())))
            return Verdict(False, say(f"Use only the labels {listed} (check {', '.join(odd)}).",
                                      f"Använd bara etiketterna {listed} (kontrollera {', '.join(odd)})."),
                           {"reason": "unknown_label", "items": odd})
        wrong = [k for k in expected if _normal(given[k]) != _normal(expected[k])]
        if not wrong:
            return Verdict(True, say(f"All {len(expected)} labelled correctly.",
                                     f"Alla {len(expected)} rätt märkta."), {"wrong": []})
        details = [feedback[k] for k in wrong if feedback and k in feedback]
        lead = say(f"{len(wrong)} of {len(expected)} labels {'is' if len(wrong) == 1 else 'are'} not right: "
                   f"{', '.join(wrong)}.",
                   f"{len(wrong)} av {len(expected)} etiketter stämmer inte: {', '.join(wrong)}.")
        return Verdict(False, {lang: " ".join([lead[lang], *(d[lang] for d in details)]) for lang in LANGUAGES},
                       {"wrong": wrong})

    return check


def labels_brief(expected: Mapping[str, str], *, feedback: Mapping[str, Text],
                 allowed: Sequence[str], at_most: int = 3) -> Checker:
    """:func:`labels`, with the explanations of at most ``at_most`` wrong items (short messages).

    >>> check = labels_brief({"a": "KPO", "b": "BPO"}, feedback={"a": say("a needs experts.", "a kräver experter.")},
    ...                      allowed=("KPO", "BPO"))
    >>> check({"a": "BPO", "b": "BPO"}).message["en"]
    '1 of 2 labels is not right: a. a needs experts.'
    """
    plain = labels(expected, allowed=allowed)

    def check(answer: Any) -> Verdict:
        verdict = plain(answer)
        wrong = list(verdict.result.get("wrong") or [])
        if verdict.correct or not wrong:
            return verdict
        notes = [feedback[k] for k in wrong[:at_most] if k in feedback]
        return Verdict(False, both(lambda lang: " ".join([verdict.message[lang], *(n[lang] for n in notes)])),
                       dict(verdict.result))

    return check


def labels_any(accepted: Mapping[str, Sequence[str]], *, feedback: Mapping[str, Text],
               allowed: Sequence[str], also: Mapping[tuple[str, str], Text] | None = None,
               right: Text | None = None, at_most: int = 3) -> Checker:
    """A judgement dict where an item may have several defensible labels (the first one is the main one).

    A label in ``accepted[item]`` is right. When the learner chose a defensible label that is
    not the main one, the right message says so, with ``also[(item, label)]`` (why it fits too).
    Wrong items get ``feedback[item]`` (at most ``at_most`` of them).

    >>> check = labels_any({"a": ["rd", "health"], "b": ["legal"]}, allowed=("rd", "health", "legal"),
    ...                    feedback={"a": say("a is trial work.", "a är prövningsarbete.")},
    ...                    also={("a", "health"): say("medical work too", "medicinskt arbete också")})
    >>> check({"a": "health", "b": "legal"}).message["en"]
    'All 2 labelled defensibly. a: rd is the main answer, and health fits too: medical work too.'
    >>> check({"a": "legal", "b": "legal"}).result
    {'wrong': ['a']}
    """
    main = {item: labels[0] for item, labels in accepted.items()}
    plain = labels(main, allowed=allowed)

    def check(answer: Any) -> Verdict:
        verdict = plain(answer)
        if verdict.correct or "wrong" not in verdict.result:
            return verdict if verdict.correct is False else Verdict(True, right or verdict.message, {"wrong": []})
        given = {k: _normal(answer[k]) for k in accepted}
        wrong = [k for k in accepted if given[k] not in {_normal(label) for label in accepted[k]}]
        if wrong:
            lead = say(f"{len(wrong)} of {len(accepted)} {'is' if len(wrong) == 1 else 'are'} not right: "
                       f"{', '.join(wrong)}.",
                       f"{len(wrong)} av {len(accepted)} stämmer inte: {', '.join(wrong)}.")
            notes = [feedback[k] for k in wrong[:at_most] if k in feedback]
            return Verdict(False, both(lambda lang: " ".join([lead[lang], *(n[lang] for n in notes)])),
                           {"wrong": wrong})
        others = [(k, given[k]) for k in accepted if given[k] != _normal(main[k])]
        notes = []
        for item, label in others:
            why = (also or {}).get((item, str(label)))
            notes.append(both(lambda lang, item=item, label=label, why=why: (
                f"{item}: {main[item]} is the main answer, and {label} fits too" if lang == "en"
                else f"{item}: {main[item]} är huvudsvaret, och {label} passar också")
                + (f": {why[lang].rstrip('.')}" if why else "") + "."))
        lead = right or say(f"All {len(accepted)} labelled defensibly.", f"Alla {len(accepted)} rimligt märkta.")
        return Verdict(True, both(lambda lang: " ".join([lead[lang], *(n[lang] for n in notes)])),
                       {"wrong": [], "alternatives": [k for k, _ in others]})

    return check


def selection(expected: Sequence[str], options: Mapping[str, Text], right: Text | None = None) -> Checker:
    """Check a list/set of option keys (``["a", "c"]``): all the right ones and no others.

    Each option's text explains it; the explanations of wrong picks and misses are shown.
    ``right`` is the message for a right answer (default: "Right: exactly those.").

    >>> check = selection(["a"], {"a": say("A.", "A."), "b": say("Not b.", "Inte b.")}, right=say("Yes: a.", "Ja: a."))
    >>> check(["a"]).message["en"], check(["a", "b"]).message["en"]
    ('Yes: a.', 'Not b.')
    """
    wanted = {_normal(k) for k in expected}

    def check(answer: Any) -> Verdict:
        if isinstance(answer, str) or not isinstance(answer, (list, tuple, set, frozenset)):
            example = ", ".join(f'"{k}"' for k in list(options)[:2])
            return _wrong_type_shown(f"a list of options, e.g. [{example}]", f"en lista med alternativ, t.ex. [{example}]",
                               answer)
        if len(answer) > 100:
            return Verdict(False, say("That list is far too long: pick among the options.",
                                      "Listan är alldeles för lång: välj bland alternativen."), {"reason": "too_long"})
        picked = {_normal(a) for a in answer}
        unknown = [a for a in answer if _normal(a) not in options]
        if isinstance(answer, (set, frozenset)):  # a set's order changes from run to run: name the same one each time
            unknown.sort(key=shown)
        if unknown:
            listed = ", ".join(f'"{k}"' for k in options)
            return Verdict(False, say(f"{shown(unknown[0])} is not one of the options {listed}.",
                                      f"{shown(unknown[0])} är inte ett av alternativen {listed}."),
                           {"reason": "unknown_option"})
        wrong = sorted(picked - wanted)
        missed = sorted(wanted - picked)
        if not wrong and not missed:
            return Verdict(True, right or say("Right: exactly those.", "Rätt: precis de."), {"value": sorted(picked)})
        parts = [options[k] for k in wrong]
        if missed:
            parts.append(say(f"You missed {len(missed)} that belong{'s' * (len(missed) == 1)} in the list.",
                             f"Du missade {len(missed)} som hör hemma i listan."))
        result = {"wrong": wrong, "missed": missed, **({"misconception": f"picked_{wrong[0]}"} if wrong else {})}
        return Verdict(False, {lang: " ".join(p[lang] for p in parts) for lang in LANGUAGES}, result)

    check.misconceptions = lambda: [(f"picked_{key}", [*expected, key], options[key])  # type: ignore[attr-defined]
                                    for key in options if _normal(key) not in wanted]
    return check


def refuse_tables(what: Text, checker: Checker) -> Checker:
    """``checker``, but a pandas table or a Figure gets a short message saying what the answer should be.

    >>> import pandas as pd
    >>> check = refuse_tables(say("a number", "ett tal"), number(8, 0))
    >>> check(pd.Series([8])).message["en"], check(8).correct
    ('That is a Series; the answer here is a number.', True)
    """

    def check(answer: Any) -> Verdict:
        kind = type(answer).__name__
        if is_table(answer) or kind in {"Figure", "Axes", "AxesSubplot"}:
            return Verdict(False, both(lambda lang: (
                f"That is a {kind}; the answer here is {what[lang]}." if lang == "en"
                else f"Det är en {kind}; svaret här är {what[lang]}.")), {"reason": "type", "type": kind})
        return checker(answer)

    if hasattr(checker, "misconceptions"):
        check.misconceptions = checker.misconceptions  # type: ignore[attr-defined]
    return check


def table(
    expected: Callable[[], Any],
    *,
    columns: Sequence[str] | None = None,
    tolerance: float = 1e-6,
    sort_by: str | None = None,
) -> Checker:
    """Check a pandas DataFrame or Series against ``expected()`` (computed from the course data).

    Column names must match (``columns``, if given, else the expected's); rows are compared
    after sorting by ``sort_by`` (or the index) with a numeric ``tolerance``.
    """

    def check(answer: Any) -> Verdict:
        import pandas as pd

        want = expected()
        if isinstance(want, pd.Series) and isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        if not isinstance(answer, type(want)):
            kind = "DataFrame" if isinstance(want, pd.DataFrame) else "Series"
            return _wrong_type_shown(f"a pandas {kind}", f"en pandas {kind}", answer)
        if isinstance(want, pd.DataFrame):
            need = list(columns or want.columns)
            missing = [c for c in need if c not in answer.columns]
            if missing:
                return Verdict(False, say(
                    f"The table needs the column(s) {names_text(missing)}; it has {names_text(answer.columns, 10)}.",
                    f"Tabellen behöver kolumnen/kolumnerna {names_text(missing)}; den har {names_text(answer.columns, 10)}."),
                    {"reason": "columns", "missing": missing})
            answer, want = answer[need], want[need]
        if len(answer) != len(want):
            return Verdict(False, say(f"Expected {len(want)} rows, got {len(answer)}. Check your filter.",
                                      f"Förväntade {len(want)} rader, fick {len(answer)}. Kontrollera filtret."),
                           {"reason": "rows", "rows": len(answer)})
        try:
            if sort_by is not None:
                answer, want = answer.sort_values(sort_by), want.sort_values(sort_by)
            else:
                answer, want = answer.sort_index(), want.sort_index()
            pd.testing.assert_index_equal(answer.index.astype(str), want.index.astype(str), check_names=False)
            if isinstance(want, pd.DataFrame):
                pd.testing.assert_frame_equal(answer.reset_index(drop=True), want.reset_index(drop=True),
                                              check_dtype=False, check_names=False, atol=tolerance, rtol=0)
            else:
                pd.testing.assert_series_equal(answer.reset_index(drop=True), want.reset_index(drop=True),
                                               check_dtype=False, check_names=False, atol=tolerance, rtol=0)
        except (AssertionError, TypeError, ValueError):
            return Verdict(False, say("The table has the right shape, but some values or row labels differ.",
                                      "Tabellen har rätt form, men några värden eller radetiketter skiljer sig."),
                           {"reason": "values"})
        return Verdict(True, say("Right: the table matches.", "Rätt: tabellen stämmer."), {})

    return check


def figure(inspect: Callable[[Any], Verdict | None]) -> Checker:
    """Check a matplotlib Figure (or Axes) by its data and labels, never its pixels.

    ``inspect(axes)`` gets the first Axes that has something drawn and returns a Verdict
    when something is wrong, or None when all is right.
    """

    def check(answer: Any) -> Verdict:
        if type(answer).__name__ in {"Axes", "AxesSubplot"}:
            answer = answer.figure
        if type(answer).__name__ not in {"Figure", "SubFigure"} or not hasattr(answer, "axes"):
            return _wrong_type_shown("a matplotlib Figure (e.g. fig from fig, ax = plt.subplots())",
                               "en matplotlib-Figure (t.ex. fig från fig, ax = plt.subplots())", answer)
        drawn = [ax for ax in answer.axes if ax.lines or ax.patches or ax.collections or ax.containers]
        if not drawn:
            return Verdict(False, say("The figure is empty: nothing is drawn on it yet.",
                                      "Figuren är tom: inget är ritat i den än."), {"reason": "empty"})
        problem = inspect(drawn[0])
        if problem is not None:
            return problem
        return Verdict(True, say("Right: the chart shows the right data, with labels.",
                                 "Rätt: diagrammet visar rätt data, med etiketter."), {})

    return check
