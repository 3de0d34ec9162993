"""The fact ledger, and the check that every number the course states is a supported fact.

Two jobs, one rule ("every fact has its source"):

* :func:`ledger` lists every sourced fact in the data: fact → source → where in the source →
  what the source states there (our words, figures exact). An entry with no source, no
  place or no statement is a gap.
* :func:`number_gaps` reads every text a learner or instructor sees (lesson and solution
  markdown, quizzes, the data's learner texts, the instructor guide) and reports every
  number that is neither a **supported figure** (a value stated in the data's support or
  structured, sourced data), nor **structural** (see :func:`is_structural`), nor a value the text's own
  inline code writes (prose naming the code: "`45_000` is 45,000"), nor in a text
  **labelled illustrative**.

``kpo-course facts`` prints the ledger and the gaps and exits 1 on any gap.

How a number is read (:func:`numbers`): ``1,750``, ``1 750`` and ``1750`` are one value;
``0,25`` and ``0,857`` (Swedish) are decimals (a comma before exactly three digits otherwise separates
thousands); ``85.7%`` and ``85,7 procent`` count as 85.7 and as the share 0.857; ``US$100m``,
``100 million``, ``100 miljoner`` as 100 or 100,000,000 (texts often give the unit once: "150 / 5 =
30 miljoner"; also ``bn``, ``miljarder``, ``k``, ``tn``);
``35–40m`` gives the scale to both ends; ``1998–99`` is 1998 and 1999. A digit
attached to a letter (``S09``, ``q3``, ``ex03``) is an id, not a number; ``FY2023`` is the year 2023.
Matching is exact (to nine significant digits): a rounded or computed figure is a gap unless
the data states it, the same text shows the computation from supported numbers
(:func:`shown_computations`), or the text says it is illustrative.

>>> [n.text for n in numbers("About US$1m was saved in 2009, 20% of the budget (S16).")]
['US$1m', '2009', '20%']
>>> numbers("35–40m")[0].values
(35.0, 35000000.0)
>>> is_structural(numbers("Lesson 03, question 2")[1], "Lesson 03, question 2")
True
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple, Optional

from .content import DATA_DIR, Content, load
from .i18n import LANGUAGES

#: Whole numbers up to this, written in digits without a currency, % or scale, are structural
#: (counts of list items, section and question numbers, "two steps").
SMALL = 10
#: A number right after one of these words is a place in the course, not a fact.
PLACE_WORDS = (
    "lesson", "lessons", "lektion", "lektionen", "lektionerna", "question", "questions", "fråga", "frågan",
    "frågorna", "exercise", "exercises", "övning", "övningen", "övningarna", "step", "steg", "steget", "part",
    "del", "delen", "section", "avsnitt", "avsnittet", "cell", "cellen", "item", "punkt", "claim", "claims",
    "row", "rad", "raden", "column", "kolumn", "page", "sida", "task", "uppgift", "uppgiften", "no.", "nr",
)
#: Software and systems: a plain number right after one of these is a version.
_SOFTWARE = re.compile(r"\b(?:python|pandas|numpy|matplotlib|jupyter(?:lab)?|ipywidgets|nbgrader|nbclient|chromium|"
                       r"playwright|bubblewrap|bwrap|ubuntu|debian|fedora|rhel|macos|windows|linux|kernel)"
                       r"(?:\s+v(?:ersion)?)?$", re.IGNORECASE)
#: A text containing one of these is labelled illustrative: its numbers are made up on purpose.
ILLUSTRATIVE = re.compile(r"illustrativ|påhittad|påhittat|påhittade|made[- ]up", re.IGNORECASE)

_SCALES = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6, "miljon": 1e6, "miljoner": 1e6,
    "bn": 1e9, "billion": 1e9, "billions": 1e9, "miljard": 1e9, "miljarder": 1e9,
    "tn": 1e12, "trillion": 1e12, "biljon": 1e12, "biljoner": 1e12,
}
_PERCENT = ("%", "percent", "per cent", "procent", "procentenheter")
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<currency>(?:US\$|\$|£|€|SEK\s?)?)"
    r"(?P<num>\d{1,3}(?:(?:,|\u00a0|\u202f|\u2009| )\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<suffix>%|per cent|percent|procentenheter|procent|miljarder|miljard|miljoner|miljon|millions|"
    r"million|billions|billion|biljoner|biljon|trillion|mn|bn|tn|m|k))?"
    r"(?P<tail>s|st|nd|rd|th|x|×)?(?![\w])"
)


class Number(NamedTuple):
    """One number as written in a text, and every value it can mean."""

    text: str
    values: tuple[float, ...]
    start: int
    scaled: bool  # it has a currency sign, a % or a scale word


class LedgerEntry(NamedTuple):
    """One sourced fact: what it is, its source id, where in the source, what the source states."""

    fact: str
    source: str
    where: str
    states: str

    @property
    def complete(self) -> bool:
        return bool(self.source and self.where and self.states)


class Gap(NamedTuple):
    """A number in a text that nothing supports."""

    file: str
    place: str
    number: str
    context: str

    def __str__(self) -> str:
        return f"{self.file} [{self.place}]: {self.number!r} in \u201c{self.context}\u201d"


# --------------------------------------------------------------------------- reading numbers
def _key(value: float) -> float:
    """Values compare to nine significant digits (0.857 == 85.7 / 100)."""
    return float(f"{value:.9g}")


def _plain(num: str) -> list[float]:
    """The value of the digits alone: ``"1,250"`` and ``"1 250"`` are 1250; ``"0,25"`` and ``"1,5"`` are decimals."""
    compact = re.sub(r"[\u00a0\u202f\u2009 ]", "", num)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", compact) and not compact.startswith("0,"):
        return [float(compact.replace(",", ""))]  # a comma before three digits separates thousands
    return [float(compact.replace(",", "."))]


def numbers(text: str) -> list[Number]:
    """Every number in ``text`` with the values it can mean (see the module's rules).

    >>> [n.values for n in numbers("1 000 personer, 0,25 och 17.18%")]
    [(1000.0,), (0.25,), (17.18, 0.1718)]
    >>> [n.values for n in numbers("1998–99; S09 and q3; FY2023")]
    [(1998.0,), (99.0, 1999.0), (2023.0,)]
    """
    text = re.sub(r"\bFY(?=\d)", "F ", text)  # FY2023 is the year 2023 (same length: positions stay true)
    found: list[Number] = []
    for match in _NUMBER.finditer(text):
        suffix = (match.group("suffix") or "").lower()
        values = _plain(match.group("num"))
        extra: list[float] = []
        if suffix in _PERCENT:
            extra = [v / 100 for v in values]
        elif suffix in _SCALES:
            extra = [v * _SCALES[suffix] for v in values]
        scaled = bool(match.group("currency") or suffix)
        found.append(Number(match.group(0).strip(), tuple(dict.fromkeys(values + extra)), match.start(), scaled))
    out: list[Number] = []
    for i, number in enumerate(found):
        values = list(number.values)
        before = text[max(0, number.start - 1):number.start]
        if i and before in "–-" and before:
            previous = found[i - 1]
            if re.fullmatch(r"(19|20)\d\d", previous.text) and re.fullmatch(r"\d\d", number.text):
                values.append(float(previous.text[:2] + number.text))  # 1998–99
        if i + 1 < len(found) and not number.scaled:
            following = found[i + 1]
            gap = text[number.start + len(number.text):following.start]
            suffix = _NUMBER.match(text, following.start)
            if gap.strip() in ("–", "-", "till") and following.scaled and suffix is not None:
                word = (suffix.group("suffix") or "").lower()
                if word in _SCALES:
                    values += [v * _SCALES[word] for v in number.values]
                elif word in _PERCENT:
                    values += [v / 100 for v in number.values]
        out.append(number._replace(values=tuple(dict.fromkeys(values))))
    return out


def is_structural(number: Number, text: str, minutes: Iterable[int] = ()) -> bool:
    """A number that is a place or a small count, not a fact.

    Structural: a whole number up to :data:`SMALL` with no currency, % or scale; a number with
    a leading zero (``03``: a lesson); a number right after a place word (``lesson 6``,
    ``question 12``); minutes equal to a lesson's minutes (or a run of lessons') in ``course.yaml``;
    a word count, a session length, a technical measure, a setting's default or a version (a
    plain number right after the name of a system: "Python 3.10", "Ubuntu 24.04"); a tolerance after
    ``±``; a format example ("0.25 means 25%", "0,25 betyder 25 %").

    >>> text = "About 45 minutes: 3 steps, lesson 12, 250 lawyers"
    >>> [is_structural(n, text, minutes=[45]) for n in numbers(text)]
    [True, True, True, False]
    """
    digits = number.text.lstrip("US$£€SEK ")
    value = number.values[0]
    if not number.scaled and value == int(value) and value <= SMALL and "." not in digits and "," not in digits:
        return True
    if re.fullmatch(r"0\d", digits):
        return True
    before = text[:number.start].rstrip().lower()
    if any(before.endswith(word) and (len(before) == len(word) or not before[-len(word) - 1].isalpha())
           for word in PLACE_WORDS):
        return True
    after = text[number.start + len(number.text):].lstrip().lower()
    after = re.sub(r"^[–-]\s?\d[\d.,]*\s*", "", after)  # "80–120 words": the range's unit counts for both ends
    if re.match(r"-?min(?:ute|uter|uters|utes)?\b", after) and value in set(minutes):
        return True
    if re.match(r"-?minute[- ]sessions?\b|-?minuterspass|(?:words?|ord)\b|(?:s|sec|seconds|sekunder|ms|mb|gb|kb|"
                r"cores?|kärnor|pngs?|dpi|px|pixels?)\b", after):
        return True  # a timetable choice, a word count, or a technical measure: not a claim about KPO
    if before.endswith(("±", "+/-", "version", "default")):
        return True  # a tolerance, a software version or a setting's default
    if not number.scaled and _SOFTWARE.search(before):
        return True  # a version of the software the course runs on ("Python 3.10"), not a claim about KPO
    window = text[max(0, number.start - 14):number.start + len(number.text) + 14].lower()
    if re.search(r"\bmeans\b|\bbetyder\b", window):
        return True  # a format example: "as a share (0.25 means 25%)"
    return False


# --------------------------------------------------------------------------- computations shown in a text
_OPERATOR = re.compile(r"^\s*([×x*/÷+−-])\s*$")
_EQUALS = re.compile(r"^\s*[=≈]\s*$")


def _evaluate(values: list[float], ops: list[str]) -> float:
    """``values[0] ops[0] values[1] ...`` with × and / before + and − (raises ZeroDivisionError).

    >>> _evaluate([1, 0.25], ["−"]), _evaluate([350, 50, 2], ["+", "×"])
    (0.75, 450)
    """
    terms, signs = [values[0]], []
    for op, value in zip(ops, values[1:]):
        if op in "×x*":
            terms[-1] = terms[-1] * value
        elif op in "/÷":
            terms[-1] = terms[-1] / value
        else:
            signs.append(-1 if op in "−-" else 1)
            terms.append(value)
    return terms[0] + sum(sign * term for sign, term in zip(signs, terms[1:]))


def _decimals(written: str) -> int:
    """How many decimals a number is written with: ``"22.9"`` 1, ``"0,857"`` 3, ``"1,750"`` 0."""
    digits = re.sub(r"[^\d.,]", "", written)
    if "." in digits:
        return len(digits.split(".")[-1])
    if "," in digits and (digits.startswith("0,") or not re.search(r",\d{3}$", digits)):
        return len(digits.split(",")[-1])
    return 0


def _group(item: "Text") -> tuple[str, str]:
    """The unit a shown computation counts for: one cell, or one entry or question in one language."""
    entry = item.place.split(" › ")[0]
    language = item.place[-4:] if item.place.endswith(("(en)", "(sv)")) else ""
    return item.file, entry + language


def shown_computations(text: str, known: set[float]) -> set[float]:
    """Values a text computes in the open from known numbers, and their roundings as written.

    ``300 / 350 ≈ 0.857, so about 85.7%``: 300 and 350 are known, so 0.857 and 85.7% are
    accepted (the result, rounded as the text rounds it). Operands must be known (supported
    or small), so a computation cannot launder an unsupported number.

    >>> sorted(shown_computations("Correct: 160,000 / 7,000 ≈ 22.9, about 23 times.", {160000.0, 7000.0}))
    [22.9, 23.0]
    >>> shown_computations("5000 / 7 ≈ 714", {7.0})
    set()
    """
    found = numbers(text)
    results: list[float] = []
    i = 0
    while i < len(found):
        j, expression = i, [found[i]]
        ops: list[str] = []
        while j + 1 < len(found):
            between = text[found[j].start + len(found[j].text):found[j + 1].start]
            match = _OPERATOR.match(between)
            if not match:
                break
            ops.append(match.group(1))
            expression.append(found[j + 1])
            j += 1
        if ops and j + 1 < len(found) and _EQUALS.match(text[found[j].start + len(found[j].text):found[j + 1].start]):
            if all(any(_key(v) in known for v in n.values) or (n.values[0] <= SMALL and not n.scaled)
                   for n in expression):
                try:
                    results.append(float(_evaluate([n.values[0] for n in expression], ops)))
                except ZeroDivisionError:
                    continue
                if ops == ["/"] or ops == ["÷"]:
                    results.append(results[-1] - 1)  # a ratio read as "43% higher"
        i = j + 1
    accepted: set[float] = set()
    for result in results:
        for number in found:
            for value in number.values:
                decimals = _decimals(number.text)
                for shown in (result, result * 100):
                    if round(shown, decimals) == round(value, decimals) or _key(round(shown, decimals + 2)) == _key(value):
                        accepted.add(_key(value))
    return accepted


# --------------------------------------------------------------------------- the ledger
def ledger(content: Optional[Content] = None) -> list[LedgerEntry]:
    """Every sourced fact in the data, with its source, where it stands there, and what it states.

    >>> entries = ledger()
    >>> rio = [e for e in entries if e.fact.startswith("cases.yaml › rio_tinto_cpa_global › figure")]
    >>> rio[0].fact, rio[0].source, rio[0].where
    ('cases.yaml › rio_tinto_cpa_global › figure: Lawyers in the Delhi team = 12 people', 'law_com_rio_tinto_2009', 'paragraph 2')
    >>> all(e.complete for e in entries)
    True
    """
    content = content or load()
    out: list[LedgerEntry] = []
    for case in content.cases:
        for i, support in enumerate(case.support):
            out.append(LedgerEntry(f"cases.yaml › {case.id} › summary, support[{i}]", *support))
        for figure in case.figures:
            out.append(LedgerEntry(
                f"cases.yaml › {case.id} › figure: {figure.label['en']} = {figure.value:g} {figure.unit}",
                figure.source, figure.where, figure.states))
    facts = [(f"engagement_models.yaml › {m.id}", f) for m in content.engagement_models for f in m.facts]
    facts += [("hidden_costs.yaml", f) for f in content.hidden_cost_facts]
    for home, fact in facts:
        if not fact.illustrative:
            value = f" = {fact.value:g} {fact.unit}" if fact.value is not None else ""
            out.append(LedgerEntry(f"{home} › {fact.id}: {fact.text['en']}{value}",
                                   fact.source or "", fact.where or "", fact.states or ""))
    for estimate in content.market_estimates:
        out.append(LedgerEntry(
            f"market_estimates.yaml › {estimate.id}", estimate.source, estimate.where, estimate.states))
    gsli = content.gsli
    out.append(LedgerEntry("gsli.yaml › edition and weights", gsli.source, gsli.where, gsli.states))
    for rank in gsli.ranks:
        out.append(LedgerEntry(f"gsli.yaml › {rank.id}: rank {rank.rank} in {rank.year} ({rank.status})",
                               rank.source, rank.where, rank.states))
    for score in gsli.scores:
        out.append(LedgerEntry(f"gsli.yaml › {score.id}", score.source, score.where, score.states))
    return out


def supported_values(content: Optional[Content] = None) -> set[float]:
    """Every value the data states with support: numbers in what sources state, and sourced structured data."""
    content = content or load()
    values: set[float] = set()

    def add_text(text: Optional[str]) -> None:
        for number in numbers(text or ""):
            values.update(_key(v) for v in number.values)

    for entry in ledger(content):
        add_text(entry.states)
    for case in content.cases:
        values.update(_key(f.value) for f in case.figures)
        if case.year is not None and case.support:
            values.add(_key(case.year))
    for home in content.engagement_models:
        values.update(_key(f.value) for f in home.facts if f.value is not None and not f.illustrative)
    values.update(_key(f.value) for f in content.hidden_cost_facts if f.value is not None and not f.illustrative)
    for e in content.market_estimates:
        for v in (e.base_year, e.base_value_usd_bn, e.forecast_year, e.forecast_value_usd_bn, e.published_year):
            if v is not None:
                values.add(_key(v))
        for v in (e.base_value_usd_bn, e.forecast_value_usd_bn):
            if v is not None:
                values.add(_key(v * 1e9))
        if e.cagr_percent is not None:
            values.update({_key(e.cagr_percent), _key(e.cagr_percent / 100)})
    gsli = content.gsli
    values.update(_key(v) for v in (gsli.edition_year, gsli.countries_ranked, gsli.metrics))
    for d in gsli.dimensions:
        values.update({_key(d.weight_percent), _key(d.weight_percent / 100)})
    for r in gsli.ranks:
        values.update(_key(v) for v in (r.year, r.rank, r.previous_rank) if v is not None)
    for s in gsli.scores:
        values.update(_key(v) for v in (s.year, s.total, *s.scores.values()) if v is not None)
    for source in content.sources:  # a citation's own year, volume and pages; its note says what it states
        if source.year is not None:
            values.add(_key(source.year))
        for text in (source.title, source.outlet, source.date, source.note["en"] if source.note else None):
            add_text(text)
    return values


# --------------------------------------------------------------------------- the texts
class Text(NamedTuple):
    """One text to check: where it is, what it says, and the numbers its code spans quote."""

    file: str
    place: str
    text: str
    quoted: frozenset = frozenset()  # values written in its inline code: prose may name them


def code_numbers(markdown: str) -> frozenset:
    """Values written in a markdown text's inline code, which its prose may then name.

    >>> sorted(code_numbers("`45_000` is 45,000, and `27,710` is 27 and 710"))
    [27.0, 710.0, 27710.0, 45000.0]
    """
    values: set[float] = set()
    for span in re.findall(r"`([^`\n]*)`", markdown):
        span = span.replace("_", "")
        for piece in [span, *span.split(",")]:
            values.update(_key(v) for n in numbers(piece) for v in n.values)
    return frozenset(values)


_CODE_BLOCK = re.compile(r"```.*?```|~~~.*?~~~", re.DOTALL)
_STRIP = re.compile(r"`[^`\n]*`|<[^>\n]*>|\]\([^)\n]*\)|https?://\S+|\{[^}\n]*\}")


def clean_markdown(text: str) -> str:
    """Markdown without code, HTML tags, link targets and web addresses (their digits are not facts).

    >>> clean_markdown("See `rio['value'] * 12` and [the page](https://x.org/2009) US\\\\$250")
    'See   and [the page  US$250'
    """
    text = _CODE_BLOCK.sub(" ", text)
    text = _STRIP.sub(" ", text)
    return text.replace("\\$", "$")


def notebook_texts(paths: Iterable[Path], root: Path) -> Iterator[Text]:
    """The markdown cells of notebooks, each with its cell id."""
    for path in paths:
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for cell in cells:
            if cell.get("cell_type") == "markdown":
                source = cell.get("source", "")
                source = "".join(source) if isinstance(source, list) else source
                yield Text(str(path.relative_to(root)), f"cell {cell.get('id', '?')}", clean_markdown(source),
                           code_numbers(source))


def _language_texts(node: Any, path: str) -> Iterator[tuple[str, dict]]:
    """Every ``{en, sv}`` text in a parsed YAML node, with its field path."""
    if isinstance(node, dict):
        if set(node) == set(LANGUAGES) and all(isinstance(v, str) for v in node.values()):
            yield path, node
            return
        for key, value in node.items():
            if key in ("support", "where", "states"):
                continue
            yield from _language_texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            label = value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) else None
            yield from _language_texts(value, f"{path}[{label or i}]")


def data_texts(directory: Path = DATA_DIR) -> Iterator[Text]:
    """Every learner text in the data files and quizzes (not sources.yaml, not the illustrative decision.yaml).

    An entry marked ``illustrative: true`` is skipped whole, except in risks.yaml, where the flag
    is about the default scores, not the texts.
    """
    import yaml

    for path in sorted(directory.glob("*.yaml")) + sorted((directory / "quizzes").glob("*.yaml")):
        name = str(path.relative_to(directory))
        if name in ("sources.yaml", "decision.yaml"):
            continue
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries: list[tuple[str, Any]] = []
        for key, value in (doc.items() if isinstance(doc, dict) else ()):
            if isinstance(value, list):
                entries += [(str(e.get("id", f"{key}[{i}]")) if isinstance(e, dict) else f"{key}[{i}]", e)
                            for i, e in enumerate(value)]
            else:
                entries.append((str(key), value))
        for entry_id, entry in entries:
            if isinstance(entry, dict) and entry.get("illustrative") is True and name != "risks.yaml":
                continue
            texts = list(_language_texts(entry, ""))
            if name.startswith("quizzes/") and any(ILLUSTRATIVE.search(t["en"] + t["sv"]) for _, t in texts):
                continue  # a question labelled illustrative anywhere: all its numbers are made up
            for field, text in texts:
                for language in LANGUAGES:
                    yield Text(f"content/data/{name}", f"{entry_id} › {field or 'text'} ({language})", text[language])


#: Put on its own line under a heading of the instructor guide, this marks the section (down to the
#: next heading of the same or a higher level) as about the course's software (grading, slides,
#: deployment): its numbers are versions, timings and settings, not claims about KPO.
SOFTWARE_SECTION = "<!-- facts: software -->"


def guide_texts(path: Path, root: Path) -> Iterator[Text]:
    """The instructor guide, one paragraph at a time, each with its first line number.

    Sections marked with :data:`SOFTWARE_SECTION` are left out.
    """
    if not path.is_file():
        return
    text = _CODE_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), path.read_text(encoding="utf-8"))
    start, lines, level, skip_below = 1, [], 0, None
    for number, line in enumerate(text.splitlines() + [""], start=1):
        heading = re.match(r"^(#+)\s", line)
        marker = line.strip() == SOFTWARE_SECTION
        if line.strip() and not heading and not marker:
            if not lines:
                start = number
            lines.append(line)
            continue
        if lines and skip_below is None:  # a paragraph ends: at a blank line, a heading or a marker
            yield Text(str(path.relative_to(root)), f"line {start}", clean_markdown("\n".join(lines)))
        lines = []
        if heading:
            level = len(heading.group(1))
            if skip_below is not None and level <= skip_below:
                skip_below = None
        if marker:
            skip_below = level


def course_texts(root: Path) -> Iterator[Text]:
    """Every text the number check reads: lessons and solutions (markdown), data and quizzes, the instructor guide."""
    notebooks = sorted((root / "lessons").glob("*.ipynb")) + sorted((root / "solutions").glob("*.ipynb"))
    yield from notebook_texts(notebooks, root)
    yield from data_texts(root / "kpo_course" / "content" / "data")
    yield from guide_texts(root / "docs" / "instructor-guide.md", root)


# --------------------------------------------------------------------------- the check
def number_gaps(root: Path, content: Optional[Content] = None) -> list[Gap]:
    """Every number in the course's texts that is not supported, not structural and not illustrative.

    A case's summary is held to its own support: its numbers must be stated by the case's
    support records or be its figures. In a quiz question, the values of its ``common_wrong``
    answers may be named (its feedback discusses them). Minutes may be a lesson's minutes or
    the sum of consecutive lessons' minutes (``course.yaml``).
    """
    content = content or load()
    supported = supported_values(content)
    each = [lesson.minutes for lesson in content.course.lessons]
    minutes = {sum(each[i:j]) for i in range(len(each)) for j in range(i + 1, len(each) + 1)}
    wrong: dict[str, set[float]] = {}
    for quiz in content.quizzes.values():
        for question in quiz.questions:
            values = {_key(w.value) for w in question.common_wrong}
            wrong[question.id] = values | {_key(v * 100) for v in values} | {_key(v / 100) for v in values}
    own: dict[str, set[float]] = {}
    for case in content.cases:
        values = {_key(f.value) for f in case.figures}
        for s in (*case.support, *case.figures):
            values.update(_key(v) for n in numbers(s.states) for v in n.values)
        own[case.id] = values
    gaps: list[Gap] = []
    items = [item for item in course_texts(root) if not ILLUSTRATIVE.search(item.text)]
    derived: dict[tuple[str, str], set[float]] = {}
    for item in items:  # computations shown anywhere in one cell, question or entry, per language
        derived.setdefault(_group(item), set()).update(shown_computations(item.text, supported))
    for item in items:
        allowed = supported | derived[_group(item)] | item.quoted
        if "/quizzes/" in item.file:
            allowed = allowed | wrong.get(item.place.split(" › ")[0], set())
        if item.file.endswith("cases.yaml"):
            allowed = own.get(item.place.split(" › ")[0], supported)
        for number in numbers(item.text):
            if is_structural(number, item.text, minutes):
                continue
            if any(_key(v) in allowed for v in number.values):
                continue
            start = max(0, number.start - 40)
            context = " ".join(item.text[start:number.start + len(number.text) + 30].split())
            gaps.append(Gap(item.file, item.place, number.text, context))
    return gaps


def ledger_gaps(content: Optional[Content] = None) -> list[LedgerEntry]:
    """Ledger entries missing their source, place or statement."""
    return [entry for entry in ledger(content) if not entry.complete]


def figure_gaps(content: Optional[Content] = None) -> list[str]:
    """Case figures whose support does not state the figure's value (a typo in one or the other).

    >>> figure_gaps()
    []
    """
    content = content or load()
    out = []
    for case in content.cases:
        for figure in case.figures:
            stated = {_key(v) for n in numbers(figure.states) for v in n.values}
            if _key(figure.value) not in stated:
                out.append(f"cases.yaml › {case.id} › figure {figure.label['en']!r}: its support does not "
                           f"state {figure.value:g}: {figure.states!r}")
    return out


# --------------------------------------------------------------------------- keys against the classification
_FACETS = ("domains", "motivations", "benefits")


def _stems(text: str) -> set[str]:
    """Crude word stems (first five letters of each word of four letters or more)."""
    return {word[:5] for word in re.findall(r"[a-z]{4,}", text.lower())}


def _facet_of(label: str, content: Content) -> Optional[tuple[str, str]]:
    """The (facet, id) a quiz group or option label names.

    An exact name, or the part before a colon ("Agility: a new kind of work" → agility); a
    short label (six words at most) may also paraphrase a name, when it shares at least two
    word stems with one entry's name and id and more than with any other.

    >>> from kpo_course.content import load
    >>> [_facet_of(label, load()) for label in ("Legal services", "Agility: faster change", "Lower wages offshore")]
    [('domains', 'legal_services'), ('benefits', 'agility'), ('motivations', 'lower_cost_offshore')]
    """
    wanted = {label.strip().lower().rstrip("."), label.split(":")[0].strip().lower()}
    entries = [(facet, entry) for facet in _FACETS for entry in getattr(content, facet)]
    for facet, entry in entries:
        name = entry.name["en"].lower()
        if wanted & {name, name.split(":")[0].strip(), entry.id.replace("_", " ")}:
            return facet, entry.id
    head = label.split(":")[0]
    if len(head.split()) > 6:
        return None
    scored = sorted(((len(_stems(head) & _stems(f"{e.name['en']} {e.id.replace('_', ' ')}")), facet, e.id)
                     for facet, e in entries), reverse=True)
    if scored and scored[0][0] >= 2 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1], scored[0][2]
    return None


def _cases_named(text: str, content: Content) -> list[str]:
    """Ids of the real cases a text names, by firm (longest name first: "Thomson Reuters" before "Reuters")."""
    names: list[tuple[str, str]] = []
    for case in content.cases:
        if case.teaching_case:
            continue
        firm = case.firm.split(" (")[0]
        names.append((firm, case.id))
        first = firm.split()[0]
        if len(first) >= 6 and first not in ("American", "Thomson"):
            names.append((first, case.id))  # "JPMorgan" for "JPMorgan Chase"
        if case.engagement == "acquisition" and case.vendor:
            names.append((case.vendor, case.id))
    found: list[str] = []
    taken = text
    for name, case_id in sorted(names, key=lambda pair: -len(pair[0])):
        if re.search(rf"\b{re.escape(name)}\b", taken):
            taken = re.sub(rf"\b{re.escape(name)}\b", " ", taken)
            if case_id not in found:
                found.append(case_id)
    return found


def key_disagreements(content: Optional[Content] = None) -> list[str]:
    """Quiz keys that contradict a case's classification in ``cases.yaml``.

    A categorise item or a choice question that names one real case and offers domains,
    motivations or benefits as answers must mark right exactly the ones the case is classed
    under: a right answer the data does not support, or a wrong-marked (or other-group) answer
    the data supports, is a disagreement.

    >>> key_disagreements() == key_disagreements(load())
    True
    """
    content = content or load()
    cases = {c.id: c for c in content.cases}
    out: list[str] = []

    def judge(where: str, text: str, marked: list[tuple[str, bool]]) -> None:
        named = _cases_named(text, content)
        mapped = [(_facet_of(label, content), right, label) for label, right in marked]
        mapped = [(m, right, label) for m, right, label in mapped if m is not None]
        if len(named) != 1 or not mapped:
            return
        case = cases[named[0]]
        for (facet, entry_id), right, label in mapped:
            allowed = case.classification.allows(facet, entry_id)
            if right and not allowed:
                out.append(f"{where}: keys {label!r} for {case.id}, which cases.yaml does not class under "
                           f"{facet} {entry_id!r} (classed: {', '.join(case.classification.ids(facet)) or 'none'})")
            if not right and allowed:
                why = case.classification.why(facet, entry_id) or {}
                out.append(f"{where}: marks {label!r} wrong for {case.id}, but cases.yaml classes it under "
                           f"{facet} {entry_id!r} ({why.get('en', '')})")

    for quiz in content.quizzes.values():
        for q in quiz.questions:
            if q.kind == "categorise":
                labels = {g.id: g.label["en"] for g in q.groups}
                for item in q.items:
                    judge(f"{q.id} item {item.id}", item.text["en"],
                          [(label, gid == item.group) for gid, label in labels.items()])
            elif q.kind in ("single", "multiple"):
                judge(q.id, q.prompt["en"], [(o.text["en"], o.correct) for o in q.options])
    return out


def report(root: Path, content: Optional[Content] = None) -> tuple[str, int]:
    """The ledger and every gap as printable text, and the number of gaps (0: all supported)."""
    content = content or load()
    lines = ["# The fact ledger: fact → source → where → what the source states", ""]
    for entry in ledger(content):
        lines.append(f"- {entry.fact}\n    source: {entry.source or '(none)'}\n    where: {entry.where or '(none)'}"
                     f"\n    states: {entry.states or '(none)'}")
    problems = [f"no support: {e.fact}" for e in ledger_gaps(content)]
    problems += figure_gaps(content)
    problems += [f"unsupported number: {gap}" for gap in number_gaps(root, content)]
    problems += [f"key disagrees with cases.yaml: {d}" for d in key_disagreements(content)]
    lines += ["", f"# Gaps: {len(problems)}", *problems]
    return "\n".join(lines), len(problems)
