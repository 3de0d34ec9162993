"""The shape of the course content: typed, frozen records and the rules for one field.

Every record is an immutable :class:`typing.NamedTuple` (made in about a tenth of the
time a frozen dataclass takes, which every kernel pays on import). Learner-facing text stays a two-language
mapping ``{"en": ..., "sv": ...}`` (a :data:`Text`); pick one language with
:func:`kpo_course.i18n.localize`.

>>> from kpo_course.content import load
>>> term = load().glossary[0]
>>> term.term["en"], term.term["sv"]
('Knowledge process outsourcing (KPO)', 'Knowledge process outsourcing (KPO)')

:class:`Fields` is the small toolkit the loader uses to read one entry of a data
file: each method checks one field and records a :class:`Problem` (file, entry,
field, what is wrong) instead of raising, so one load reports every problem at once.
"""
from __future__ import annotations

import re
from typing import Any, Mapping, NamedTuple, Optional

from ..i18n import LANGUAGES  # the one list of the course's languages

Text = dict  # {"en": str, "sv": str}: one learner-facing text in both languages
LANGUAGE_NAMES = {"en": "English", "sv": "Swedish"}
CLAIM_IDS = tuple(f"S{n:02d}" for n in range(1, 25))
SNAKE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
MISSING = object()


# --------------------------------------------------------------------------- errors
class Problem(NamedTuple):
    """One thing wrong in one data file.

    >>> str(Problem("risks.yaml", "'ip_security'", "likelihood", "expected an integer 1–5, got 9"))
    "risks.yaml, entry 'ip_security', field 'likelihood': expected an integer 1–5, got 9"
    """

    file: str
    entry: str = ""  # "'some_id'" or "[3]" (position, counted from 0) or "" for the file itself
    field: str = ""  # "mitigations[2].likelihood_reduction", or "" for the whole entry
    message: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.entry:
            where += f", entry {self.entry}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class ContentError(ValueError):
    """The course's data files have one or more problems; ``problems`` lists them all.

    The message names the file, the entry and the field of each problem, e.g.
    ``risks.yaml, entry 'ip_security', field 'likelihood': expected an integer 1–5, got 'high'``.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        if len(self.problems) == 1:
            message = str(self.problems[0])
        else:
            lines = "\n".join(f"- {p}" for p in self.problems)
            message = f"{len(self.problems)} problems in the course content:\n{lines}"
        super().__init__(message)


# --------------------------------------------------------------------------- records
class Source(NamedTuple):
    """A full citation. Bibliographic fields are proper names, so plain strings."""

    id: str
    author: Optional[str]
    title: str
    year: Optional[int]
    outlet: Optional[str]
    url_domain: Optional[str]
    confidence: str  # "seen" or "weak"
    date: Optional[str] = None
    note: Optional[Text] = None
    address: Optional[str] = None  # the full web address we read it at, where we have one
    read: Optional[str] = None  # when we read it ("2026-12-04"), where recorded


class Term(NamedTuple):
    """A glossary term: ``related`` holds ids of other terms."""

    id: str
    term: Text
    definition: Text
    related: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    source: Optional[str] = None


class Domain(NamedTuple):
    """One of the eight KPO domains of claim S09; ``case`` is a case id or None."""

    id: str
    name: Text
    description: Text
    example_tasks: tuple[Text, ...]
    deliverables: tuple[Text, ...]
    skills: tuple[Text, ...]
    risks: tuple[Text, ...]
    case: Optional[str]
    claims: tuple[str, ...]


class Fact(NamedTuple):
    """A real (sourced) fact, optionally with one number; or an illustrative one."""

    id: str
    text: Text
    source: Optional[str]
    value: Optional[float] = None
    unit: Optional[str] = None
    illustrative: bool = False
    where: Optional[str] = None  # where in the source (required unless illustrative)
    states: Optional[str] = None  # what the source states there, our words, figures exact


class EngagementModel(NamedTuple):
    """Who does the work (``who``), where (``where``) or how it is set up (``how``)."""

    id: str
    dimension: str
    name: Text
    description: Text
    when_it_fits: Text
    drawbacks: tuple[Text, ...]
    claims: tuple[str, ...]
    facts: tuple[Fact, ...] = ()


class Reason(NamedTuple):
    """A motivation (why firms use KPO) or a benefit; ``case`` links a real case."""

    id: str
    name: Text
    explanation: Text
    example: Text
    claims: tuple[str, ...]
    case: Optional[str] = None


class Mitigation(NamedTuple):
    """A way to lower a risk's likelihood and/or impact (reductions 0–3 points)."""

    id: str
    name: Text
    description: Text
    likelihood_reduction: int
    impact_reduction: int
    example: Optional[Text] = None
    case: Optional[str] = None


class Risk(NamedTuple):
    """A drawback of KPO (S19–S23) with illustrative default likelihood and impact 1–5."""

    id: str
    name: Text
    description: Text
    example: Text
    likelihood: int
    impact: int
    illustrative: bool
    mitigations: tuple[Mitigation, ...]
    claims: tuple[str, ...]
    case: Optional[str] = None


class HiddenCost(NamedTuple):
    """One of Barthélemy's four hidden costs of outsourcing."""

    id: str
    name: Text
    explanation: Text
    example: Text
    source: str
    claims: tuple[str, ...] = ()


class Support(NamedTuple):
    """Where a fact stands in a source we read, and what the source states there.

    ``states`` is our own paraphrase with the source's figures exact (a figure the
    course uses must appear in it); it is for instructors and the ledger, so English only.

    >>> Support("law_com_rio_tinto_2009", "paragraph 1", "CPA Global provides 12 Delhi-based lawyers").source
    'law_com_rio_tinto_2009'
    """

    source: str
    where: str
    states: str


class Figure(NamedTuple):
    """One number from a real case, e.g. ``value=250, unit="USD/day"``, with its support."""

    label: Text
    value: float
    unit: str
    source: str
    where: str = ""
    states: str = ""


class Classed(NamedTuple):
    """One domain, motivation or benefit a case is classed under, and why the course's text supports it."""

    id: str
    why: Text


class Classification(NamedTuple):
    """A case's domains, motivations and benefits: every one the course's own text supports.

    A quiz or exercise key that names a case's domain, motivation or benefit must be one of
    these; an answer naming any of them is defensible.

    >>> from kpo_course.content import load
    >>> lilly = load().by_id("cases", "eli_lilly_tcs").classification
    >>> lilly.ids("domains")
    ('research_and_development', 'healthcare')
    >>> lilly.allows("domains", "healthcare"), lilly.allows("domains", "legal_services")
    (True, False)
    """

    domains: tuple[Classed, ...] = ()
    motivations: tuple[Classed, ...] = ()
    benefits: tuple[Classed, ...] = ()

    def ids(self, facet: str) -> tuple[str, ...]:
        """The ids under ``facet`` (``"domains"``, ``"motivations"`` or ``"benefits"``)."""
        return tuple(entry.id for entry in getattr(self, facet))

    def allows(self, facet: str, id: str) -> bool:
        """True when ``id`` is one of the case's ``facet`` (a defensible answer)."""
        return id in self.ids(facet)

    def why(self, facet: str, id: str) -> Optional[Text]:
        """Why the case counts under ``facet`` ``id`` ({en, sv}), or None if it does not."""
        for entry in getattr(self, facet):
            if entry.id == id:
                return entry.why
        return None


ENGAGEMENTS = ("third_party", "captive", "acquisition")
CLASSIFICATION_FACETS = ("domains", "motivations", "benefits")


class Case(NamedTuple):
    """A real case (or the article's teaching example when ``teaching_case``).

    ``engagement`` is ``third_party`` (a firm buys the work from a vendor), ``captive`` (its own
    unit does it) or ``acquisition`` (one firm buys another: the provider industry consolidating,
    not a KPO engagement); None for the teaching example, which does not say.
    ``support`` records where each fact of the summary stands in a source.
    """

    id: str
    name: Text
    firm: str
    vendor: Optional[str]  # None: the firm's own (captive) unit, or not stated
    year: Optional[int]
    domain: str
    model: Optional[str]
    location: Optional[Text]
    summary: Text
    figures: tuple[Figure, ...]
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    teaching_case: bool = False
    engagement: Optional[str] = None
    classification: Classification = Classification()
    support: tuple[Support, ...] = ()


class Task(NamedTuple):
    """A task for the KPO-or-BPO drill; ``also`` lists other domains the course's text supports for it.

    >>> from kpo_course.content import load
    >>> load().by_id("tasks", "medical_writing").domains()
    ('research_and_development', 'healthcare')
    """

    id: str
    task: Text
    label: str  # "KPO" or "BPO"
    reason: Text
    domain: Optional[str]
    also: tuple = ()  # of Classed: other defensible domains, each with why

    def domains(self) -> tuple[str, ...]:
        """Every domain a key may accept for this task: its own first, then the ``also`` ones."""
        return tuple(d for d in (self.domain, *(a.id for a in self.also)) if d)


class MarketEstimate(NamedTuple):
    """One market estimate (US$ billions), a current forecast or a historical one."""

    id: str
    publisher: str
    kind: str  # "forecast" or "historical"
    base_year: Optional[int]
    base_value_usd_bn: Optional[float]
    forecast_year: Optional[int]
    forecast_value_usd_bn: Optional[float]
    cagr_percent: Optional[float]
    published_year: Optional[int]
    scope: Text
    confidence: str
    source: str
    where: str = ""  # where in the source the figures stand
    states: str = ""  # what the source states there, figures exact


class GsliDimension(NamedTuple):
    id: str
    name: Text
    weight_percent: float


class Country(NamedTuple):
    id: str
    name: Text


class GsliRank(NamedTuple):
    id: str
    year: int
    rank: int
    country: str
    status: str  # "seen" or "inferred"
    source: str
    previous_rank: Optional[int] = None
    note: Optional[Text] = None
    where: str = ""  # from rank_support of its year
    states: str = ""


class GsliScore(NamedTuple):
    """Published sub-scores of one country in one edition (None where not published)."""

    id: str
    year: int
    country: str
    scores: dict  # dimension id -> float or None
    total: Optional[float]
    source: str
    note: Optional[Text] = None
    where: str = ""
    states: str = ""


class Gsli(NamedTuple):
    """Kearney's Global Services Location Index: weights, ranks, the few published scores."""

    edition_year: int
    countries_ranked: int
    metrics: int
    source: str
    dimensions: tuple[GsliDimension, ...]
    countries: tuple[Country, ...]
    ranks: tuple[GsliRank, ...]
    scores: tuple[GsliScore, ...]
    where: str = ""  # where the edition's size and weights stand in the source
    states: str = ""


class Criterion(NamedTuple):
    id: str
    name: Text
    description: Text
    default_weight: float


class DecisionOption(NamedTuple):
    id: str
    name: Text
    description: Optional[Text] = None


class Decision(NamedTuple):
    """A decision matrix: criteria, options and illustrative default scores 1–5.

    ``scores[option_id][criterion_id]`` is how well the option does on the
    criterion (5 = best for the firm).
    """

    criteria: tuple[Criterion, ...]
    options: tuple[DecisionOption, ...]
    scores: dict
    illustrative: bool
    note: Optional[Text] = None


class Lesson(NamedTuple):
    id: str
    file: str
    minutes: int
    title: Text


class Exercise(NamedTuple):
    id: str
    file: str
    lesson: str
    title: Text


class Course(NamedTuple):
    lessons: tuple[Lesson, ...]
    exercises: tuple[Exercise, ...]


class Choice(NamedTuple):
    """An option of a single- or multiple-choice question."""

    id: str
    text: Text
    correct: bool
    feedback: Text


class Group(NamedTuple):
    id: str
    label: Text


class Item(NamedTuple):
    """An item of a categorise question; ``group`` is the id of its right group."""

    id: str
    text: Text
    group: str
    feedback: Text


class CommonWrong(NamedTuple):
    value: float
    feedback: Text


class Question(NamedTuple):
    """A quiz question; only the fields of its ``kind`` are filled."""

    id: str
    kind: str  # single | multiple | truefalse | categorise | numeric
    claims: tuple[str, ...]
    prompt: Text
    hint: Text
    options: tuple[Choice, ...] = ()
    answer: Any = None  # bool (truefalse) or float (numeric)
    feedback_true: Optional[Text] = None
    feedback_false: Optional[Text] = None
    groups: tuple[Group, ...] = ()
    items: tuple[Item, ...] = ()
    tolerance: Optional[float] = None
    unit: Optional[Text] = None
    feedback_correct: Optional[Text] = None
    feedback_wrong: Optional[Text] = None
    common_wrong: tuple[CommonWrong, ...] = ()
    share: bool = False  # numeric: the answer is a share (0.857); "85.7%" is read as 0.857


class Quiz(NamedTuple):
    lesson: str
    title: Text
    questions: tuple[Question, ...]


class Objective(NamedTuple):
    id: str
    text: Text
    claims: tuple[str, ...]


class Content(NamedTuple):
    """Everything the course knows, validated. Returned by :func:`kpo_course.content.load`."""

    glossary: tuple[Term, ...]
    domains: tuple[Domain, ...]
    engagement_models: tuple[EngagementModel, ...]
    motivations: tuple[Reason, ...]
    benefits: tuple[Reason, ...]
    risks: tuple[Risk, ...]
    hidden_costs: tuple[HiddenCost, ...]
    hidden_cost_facts: tuple[Fact, ...]
    cases: tuple[Case, ...]
    tasks: tuple[Task, ...]
    market_estimates: tuple[MarketEstimate, ...]
    gsli: Gsli
    decision: Decision
    sources: tuple[Source, ...]
    course: Course
    quizzes: dict  # lesson id -> Quiz
    objectives: dict  # lesson id -> tuple[Objective, ...]

    def by_id(self, collection: str, id: str) -> Any:
        """The entry with ``id`` in a collection, e.g. ``content.by_id("cases", "rio_tinto_cpa_global")``."""
        for entry in getattr(self, collection):
            if getattr(entry, "id", None) == id:
                return entry
        raise KeyError(f"No entry {id!r} in {collection}.")


# --------------------------------------------------------------------------- field rules
def describe(value: Any) -> str:
    """A short, plain description of a value for an error message.

    >>> describe("high"), describe(None), describe([1, 2])
    ("'high'", 'nothing (empty)', 'a list')
    """
    if value is None:
        return "nothing (empty)"
    if isinstance(value, bool):
        return repr(value).lower()
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Fields:
    """Read the fields of one entry (a YAML mapping), recording problems, never raising.

    >>> problems = []
    >>> f = Fields(problems, "risks.yaml", "'ip'", {"likelihood": "high"})
    >>> f.integer("likelihood", 1, 5) is None
    True
    >>> print(problems[0])
    risks.yaml, entry 'ip', field 'likelihood': expected an integer 1–5, got 'high'
    """

    def __init__(
        self,
        problems: list[Problem],
        file: str,
        entry: str,
        data: Any,
        prefix: str = "",
        refs: Optional[list] = None,
    ):
        self.problems = problems
        self.file = file
        self.entry = entry
        self.prefix = prefix
        self.refs = refs if refs is not None else []
        self.ok = isinstance(data, Mapping)
        self.data: Mapping = data if self.ok else {}
        if not self.ok:
            self.problem("", f"expected a mapping of fields (name: value), got {describe(data)}")

    # -- helpers
    def path(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix and name else (self.prefix or name)

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.entry, self.path(name), message))

    def child(self, name: str, data: Any) -> "Fields":
        """Fields of a nested mapping, e.g. ``mitigations[2]``."""
        return Fields(self.problems, self.file, self.entry, data, self.path(name), self.refs)

    def raw(self, name: str, required: bool = True, nullable: bool = False) -> Any:
        """The field's value, or MISSING (recording a problem if it was required)."""
        value = self.data.get(name, MISSING)
        if value is MISSING:
            if required and self.ok:
                hint = "; write null if it is not known" if nullable else ""
                self.problem(name, f"missing (this field is required{hint})")
            return MISSING
        return value

    def _get(self, name: str, required: bool, nullable: bool) -> Any:
        """MISSING when there is nothing to check (absent, or an allowed null)."""
        value = self.raw(name, required, nullable)
        if value is None and (nullable or not required):
            return MISSING
        return value

    def only(self, allowed: set[str] | tuple[str, ...], why: str = "") -> None:
        """Flag fields this entry does not know (usually a typo)."""
        for key in self.data:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                reason = why or f"unknown field (known fields: {known})"
                self.problems.append(
                    Problem(self.file, self.entry, self.path(str(key)), reason)
                )

    # -- scalar fields
    def id(self, name: str = "id", pattern: re.Pattern = SNAKE_ID) -> Optional[str]:
        value = self.raw(name)
        if value is MISSING:
            return None
        if not isinstance(value, str) or not pattern.match(value):
            kind = "a snake_case id (like 'vendor_due_diligence')" if pattern is SNAKE_ID else "an id"
            self.problem(name, f"expected {kind}, got {describe(value)}")
            return None
        return value

    def string(
        self, name: str, required: bool = True, choices: Optional[tuple[str, ...]] = None,
        nullable: bool = False,
    ) -> Optional[str]:
        value = self._get(name, required, nullable)
        if value is MISSING:
            return None
        if not isinstance(value, str) or not value.strip():
            hint = ' (quote it, like "01")' if is_number(value) else ""
            self.problem(name, f"expected a non-empty piece of text{hint}, got {describe(value)}")
            return None
        if choices and value not in choices:
            self.problem(name, f"expected one of {', '.join(choices)}, got {describe(value)}")
            return None
        return value

    def integer(
        self, name: str, low: Optional[int] = None, high: Optional[int] = None,
        required: bool = True, nullable: bool = False,
    ) -> Optional[int]:
        value = self._get(name, required, nullable)
        if value is MISSING:
            return None
        ok = isinstance(value, int) and not isinstance(value, bool)
        if ok and low is not None and value < low:
            ok = False
        if ok and high is not None and value > high:
            ok = False
        if not ok:
            if low is not None and high is not None:
                wanted = f"an integer {low}–{high}"
            elif low is not None:
                wanted = f"an integer of at least {low}"
            else:
                wanted = "an integer"
            self.problem(name, f"expected {wanted}, got {describe(value)}")
            return None
        return value

    def number(
        self, name: str, minimum: Optional[float] = None, required: bool = True,
        nullable: bool = False,
    ) -> Optional[float]:
        value = self._get(name, required, nullable)
        if value is MISSING:
            return None
        if not is_number(value) or (minimum is not None and value < minimum):
            wanted = "a number" if minimum is None else f"a number of at least {minimum:g}"
            self.problem(name, f"expected {wanted}, got {describe(value)}")
            return None
        return value

    def boolean(self, name: str, default: Any = MISSING) -> Optional[bool]:
        value = self.raw(name, required=default is MISSING)
        if value is MISSING:
            return None if default is MISSING else default
        if not isinstance(value, bool):
            self.problem(name, f"expected true or false, got {describe(value)}")
            return None
        return value

    # -- text
    def text(self, name: str, required: bool = True) -> Optional[Text]:
        value = self.raw(name, required)
        if value is MISSING or (value is None and not required):
            return None
        return self.check_text(name, value)

    def check_text(self, name: str, value: Any) -> Optional[Text]:
        if not isinstance(value, Mapping):
            self.problem(
                name,
                "expected a text in both languages, like {en: \"...\", sv: \"...\"}, "
                f"got {describe(value)}",
            )
            return None
        good = True
        for lang in LANGUAGES:
            if lang not in value:
                self.problem(name, f"the {LANGUAGE_NAMES[lang]} text ({lang}) is missing")
                good = False
            elif not isinstance(value[lang], str):
                self.problem(
                    name,
                    f"the {LANGUAGE_NAMES[lang]} text ({lang}) must be text, "
                    f"got {describe(value[lang])}",
                )
                good = False
            elif not value[lang].strip():
                self.problem(name, f"the {LANGUAGE_NAMES[lang]} text ({lang}) is empty")
                good = False
        for key in value:
            if key not in LANGUAGES:
                self.problem(name, f"unknown language {describe(key)} (use en and sv)")
                good = False
        return {lang: value[lang] for lang in LANGUAGES} if good else None

    def text_list(self, name: str, minimum: int = 0, required: bool = True) -> tuple[Text, ...]:
        items = self.list(name, minimum, required)
        out = []
        for i, item in enumerate(items):
            text = self.check_text(f"{name}[{i}]", item)
            if text is not None:
                out.append(text)
        return tuple(out)

    # -- lists and references
    def list(self, name: str, minimum: int = 0, required: bool = True) -> list:
        value = self.raw(name, required)
        if value is MISSING:
            return []
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.problem(name, f"expected a list, got {describe(value)}")
            return []
        if len(value) < minimum:
            self.problem(name, f"expected at least {minimum} item(s), got {len(value)}")
        return value

    def claims(self, name: str = "claims", required: bool = True) -> tuple[str, ...]:
        value = self.raw(name, required)
        if value is MISSING or (value is None and not required):
            return ()
        if not isinstance(value, list) or (required and not value):
            self.problem(name, f"expected a list of claim IDs like [S09], got {describe(value)}")
            return ()
        out = []
        for i, claim in enumerate(value):
            if claim not in CLAIM_IDS:
                self.problem(
                    f"{name}[{i}]", f"unknown claim ID {describe(claim)} (claims are S01–S24)"
                )
            elif claim in out:
                self.problem(f"{name}[{i}]", f"claim {claim} is listed twice")
            else:
                out.append(claim)
        return tuple(out)

    def ref(self, name: str, kind: str, required: bool = True, nullable: bool = False) -> Optional[str]:
        """An id of an entry elsewhere (checked once every file is read)."""
        value = self._get(name, required, nullable)
        if value is MISSING:
            return None
        if value is None:
            self.problem(name, f"expected the id of a {kind}, got nothing (empty)")
            return None
        if not isinstance(value, str):
            self.problem(name, f"expected the id of a {kind}, got {describe(value)}")
            return None
        self.refs.append((self.file, self.entry, self.path(name), kind, value))
        return value

    def ref_list(self, name: str, kind: str, required: bool = True, minimum: int = 0) -> tuple[str, ...]:
        out = []
        for i, value in enumerate(self.list(name, minimum, required)):
            if not isinstance(value, str):
                self.problem(f"{name}[{i}]", f"expected the id of a {kind}, got {describe(value)}")
                continue
            self.refs.append((self.file, self.entry, self.path(f"{name}[{i}]"), kind, value))
            out.append(value)
        return tuple(out)
