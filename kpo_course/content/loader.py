"""Read the course's YAML data files, validate them all at once, and build :class:`Content`.

>>> from kpo_course.content import load
>>> content = load()                       # the package's own data, cached
>>> len(content.domains)
8
>>> content.by_id("cases", "rio_tinto_cpa_global").vendor
'CPA Global'

``load("some/dir")`` reads another directory (not cached): handy for tests and for
checking an edited copy. Any problem raises one :class:`ContentError` listing every
problem with its file, entry and field.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Iterator, Mapping, Optional

from . import cache
from .schema import (
    CLASSIFICATION_FACETS, ENGAGEMENTS, Case, Choice, Classed, Classification, CommonWrong, Content, ContentError, Country, Course, Criterion, Decision,
    DecisionOption, Domain, EngagementModel, Exercise, Fact, Fields, Figure, Group, Gsli,
    GsliDimension, GsliRank, GsliScore, HiddenCost, Item, Lesson, MarketEstimate, Mitigation,
    MISSING, SNAKE_ID, Objective, Problem, Question, Quiz, Reason, Risk, Source, Support, Task, Term, describe,
    is_number,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
LESSON_ID = re.compile(r"^[0-9]{2}$")
LOOSE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
QUESTION_KINDS = ("single", "multiple", "truefalse", "categorise", "numeric")

# Where each kind of referenced id lives: (file, list) for error messages.
HOME = {
    "term": ("glossary.yaml", "terms"),
    "domain": ("domains.yaml", "domains"),
    "case": ("cases.yaml", "cases"),
    "source": ("sources.yaml", "sources"),
    "engagement model": ("engagement_models.yaml", "models"),
    "lesson": ("course.yaml", "lessons"),
    "country": ("gsli.yaml", "countries"),
    "motivation": ("motivations.yaml", "motivations"),
    "benefit": ("benefits.yaml", "benefits"),
}
FACET_KIND = {"domains": "domain", "motivations": "motivation", "benefits": "benefit"}


# --------------------------------------------------------------------------- YAML
@functools.lru_cache(maxsize=1)
def _strict_loader() -> type:
    return _yaml_loader()


def _yaml_loader() -> type:
    """A SafeLoader that also refuses a key written twice in one mapping."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster

    class StrictLoader(base):  # type: ignore[valid-type, misc]
        pass

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict:
        seen = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is written twice in one mapping",
                    key_node.start_mark,
                )
            seen.add(key)
        return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep)

    StrictLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
        lambda loader, node: construct_mapping(loader, node, deep=True),
    )
    return StrictLoader


class _Reader:
    """The state of one load: problems found, ids seen, references to check."""

    def __init__(self, directory: Path, cached: Mapping[str, Any] | None = None):
        self.cached = cached or {}  # name -> data parsed by an earlier process (see cache.py)
        self.parsed: dict[str, Any] = {}  # name -> data parsed now
        self.directory = directory
        self.problems: list[Problem] = []
        self.refs: list[tuple[str, str, str, str, str]] = []
        self.ids: dict[str, set[str]] = {kind: set() for kind in HOME}
        self.scopes: dict[str, dict[str, str]] = {}
        self.unreadable: set[tuple[str, str]] = set()  # (file, list) whose ids are unknown

    def read(self, name: str, required: bool = True) -> Any:
        """The parsed YAML of one file, or None (with a problem recorded) if unusable."""
        path = self.directory / name
        if not path.is_file():
            self.unreadable.add((name, "*"))
            if required:
                self.problems.append(Problem(name, "", "", "the file is missing"))
            return None
        if name in self.cached:
            return self.cached[name]
        import yaml  # only when a file must be parsed: a cached load never imports PyYAML

        try:
            self.parsed[name] = yaml.load(path.read_text(encoding="utf-8"), Loader=_strict_loader())
            return self.parsed[name]
        except UnicodeDecodeError as error:
            self.problems.append(Problem(name, "", "", f"the file is not UTF-8 text ({error.reason})"))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            what = getattr(error, "problem", None) or str(error)
            context = getattr(error, "context", None)
            detail = f"{context}, {what}" if context else what
            self.problems.append(Problem(name, "", "", f"invalid YAML{where}: {detail}"))
        self.unreadable.add((name, "*"))
        return None

    def top(self, name: str, doc: Any, keys: dict[str, bool]) -> Mapping:
        """Check the file's top level is a mapping with ``keys`` (name -> required)."""
        if doc is None:
            if (name, "*") not in self.unreadable:  # read fine, but nothing in it
                self.problems.append(Problem(name, "", "", "the file is empty"))
                self.unreadable.add((name, "*"))
            return {}
        if not isinstance(doc, Mapping):
            self.problems.append(
                Problem(name, "", "", f"expected a mapping with {', '.join(keys)} at the top, got {describe(doc)}")
            )
            self.unreadable.add((name, "*"))
            return {}
        for key, required in keys.items():
            if required and key not in doc:
                self.problems.append(Problem(name, "", key, "missing (this top-level field is required)"))
        for key in doc:
            if key not in keys:
                self.problems.append(
                    Problem(name, "", str(key), f"unknown top-level field (known: {', '.join(keys)})")
                )
        return doc

    def entries(
        self, name: str, doc: Mapping, key: str, kind: Optional[str] = None,
        scope: Optional[str] = None, id_pattern: re.Pattern = SNAKE_ID, minimum: int = 1,
    ) -> Iterator[tuple[Fields, Optional[str]]]:
        """Each entry of the list ``doc[key]`` as :class:`Fields` with its checked id."""
        items = doc.get(key, None) if isinstance(doc, Mapping) else None
        if key not in doc:
            self.unreadable.add((name, key))
            return
        if not isinstance(items, list):
            self.problems.append(Problem(name, "", key, f"expected a list of entries, got {describe(items)}"))
            self.unreadable.add((name, key))
            return
        if len(items) < minimum:
            self.problems.append(Problem(name, "", key, f"expected at least {minimum} entries, got {len(items)}"))
        for index, data in enumerate(items):
            raw_id = data.get("id") if isinstance(data, Mapping) else None
            label = f"'{raw_id}'" if isinstance(raw_id, str) and raw_id else f"{key}[{index}]"
            fields = Fields(self.problems, name, label, data, refs=self.refs)
            entry_id = fields.id("id", id_pattern) if fields.ok else None
            if entry_id is not None:
                self.register(name, label, "id", scope or name, kind, entry_id)
            yield fields, entry_id

    def register(
        self, name: str, label: str, field: str, scope: str, kind: Optional[str], entry_id: str
    ) -> bool:
        """Record an id; a duplicate within its scope (a file, or all quizzes) is a problem."""
        seen = self.scopes.setdefault(scope, {})
        if entry_id in seen:
            where = "" if seen[entry_id] == name else f" (already used in {seen[entry_id]})"
            self.problems.append(Problem(name, label, field, f"duplicate id {entry_id!r}{where}"))
            return False
        seen[entry_id] = name
        if kind:
            self.ids[kind].add(entry_id)
        return True

    def check_refs(self) -> None:
        """Every reference must name an existing id (unless its home file could not be read)."""
        for file, entry, path, kind, value in self.refs:
            home, key = HOME[kind]
            if (home, "*") in self.unreadable or (home, key) in self.unreadable:
                continue  # already reported: do not bury it under follow-on problems
            if value not in self.ids[kind]:
                where = home if key in ("terms", "domains", "cases", "sources", "models", "motivations", "benefits") else f"{home} ({key})"
                self.problems.append(
                    Problem(file, entry, path, f"unknown {kind} {value!r} (no entry with that id in {where})")
                )


# --------------------------------------------------------------------------- small shared parts
def _fact(f: Fields, fact_id: Optional[str]) -> Fact:
    """One fact: a text with its source, where it stands there and what it states; optionally one number with its unit."""
    f.only({"id", "text", "source", "where", "states", "value", "unit", "illustrative"})
    illustrative = bool(f.boolean("illustrative", default=False))
    source = f.ref("source", "source", required=not illustrative)
    where = f.string("where", required=not illustrative)
    states = f.string("states", required=not illustrative)
    value = f.number("value", required=False)
    unit = f.string("unit", required=value is not None)
    return Fact(fact_id or "", f.text("text"), source, value, unit, illustrative, where, states)


def _support(f: Fields) -> Support:
    """One support record ``{source, where, states}``: which source, where in it, what it states."""
    f.only({"source", "where", "states"})
    return Support(f.ref("source", "source") or "", f.string("where") or "", f.string("states") or "")


def _classification(f: Fields) -> Classification:
    """A case's ``classification: {domains: [{id, why}], motivations: [...], benefits: [...]}``."""
    raw = f.raw("classification")
    if raw is MISSING:
        return Classification()
    c = f.child("classification", raw)
    if not c.ok:
        return Classification()
    c.only(set(CLASSIFICATION_FACETS))
    facets: dict[str, tuple[Classed, ...]] = {}
    for facet in CLASSIFICATION_FACETS:
        entries, seen = [], set()
        for i, data in enumerate(c.list(facet, minimum=1 if facet == "domains" else 0)):
            e = c.child(f"{facet}[{i}]", data)
            e.only({"id", "why"})
            entry_id = e.ref("id", FACET_KIND[facet])
            if entry_id in seen:
                e.problem("id", f"{entry_id!r} is listed twice")
            seen.add(entry_id)
            entries.append(Classed(entry_id or "", e.text("why")))
        facets[facet] = tuple(entries)
    return Classification(**facets)


def _facts(reader: _Reader, f: Fields, scope: str, name: str = "facts") -> tuple[Fact, ...]:
    out = []
    for i, data in enumerate(f.list(name, required=False)):
        child = f.child(f"{name}[{i}]", data)
        fact_id = child.id() if child.ok else None
        if fact_id:
            reader.register(f.file, f.entry, f"{name}[{i}].id", scope, None, fact_id)
        out.append(_fact(child, fact_id))
    return tuple(out)


# --------------------------------------------------------------------------- one parser a file
def _sources(r: _Reader) -> tuple[Source, ...]:
    name = "sources.yaml"
    doc = r.top(name, r.read(name), {"sources": True})
    out = []
    for f, sid in r.entries(name, doc, "sources", "source"):
        f.only({"id", "author", "title", "year", "outlet", "url_domain", "confidence", "date", "note",
                "address", "read"})
        address = f.string("address", required=False)
        if address and not re.match(r"^https?://\S+$", address):
            f.problem("address", f"expected a full web address starting http:// or https://, got {describe(address)}")
        read = f.string("read", required=False)
        if read and not re.match(r"^\d{4}-\d{2}-\d{2}$", read):
            f.problem("read", f"expected a date like \"2026-12-04\", got {describe(read)}")
        out.append(Source(
            sid or "", f.string("author", required=False), f.string("title"),
            f.integer("year", 1900, 2100, required=False), f.string("outlet", required=False),
            f.string("url_domain", required=False), f.string("confidence", choices=("seen", "weak")),
            f.string("date", required=False), f.text("note", required=False), address, read,
        ))
    return tuple(out)


def _glossary(r: _Reader) -> tuple[Term, ...]:
    name = "glossary.yaml"
    doc = r.top(name, r.read(name), {"terms": True})
    out = []
    for f, tid in r.entries(name, doc, "terms", "term"):
        f.only({"id", "term", "definition", "related", "claims", "source"})
        related = f.ref_list("related", "term", required=False)
        if tid and tid in related:
            f.problem("related", "a term cannot be related to itself")
        out.append(Term(
            tid or "", f.text("term"), f.text("definition"), related,
            f.claims(required=False), f.ref("source", "source", required=False),
        ))
    return tuple(out)


def _domains(r: _Reader) -> tuple[Domain, ...]:
    name = "domains.yaml"
    doc = r.top(name, r.read(name), {"domains": True})
    out = []
    for f, did in r.entries(name, doc, "domains", "domain"):
        f.only({"id", "name", "description", "example_tasks", "deliverables", "skills", "risks", "case", "claims"})
        out.append(Domain(
            did or "", f.text("name"), f.text("description"), f.text_list("example_tasks", 3),
            f.text_list("deliverables", 1), f.text_list("skills", 1), f.text_list("risks", 1),
            f.ref("case", "case", nullable=True), f.claims(),
        ))
    return tuple(out)


def _engagement_models(r: _Reader) -> tuple[EngagementModel, ...]:
    name = "engagement_models.yaml"
    doc = r.top(name, r.read(name), {"models": True})
    out = []
    for f, mid in r.entries(name, doc, "models", "engagement model"):
        f.only({"id", "dimension", "name", "description", "when_it_fits", "drawbacks", "claims", "facts"})
        out.append(EngagementModel(
            mid or "", f.string("dimension", choices=("who", "where", "how")), f.text("name"),
            f.text("description"), f.text("when_it_fits"), f.text_list("drawbacks", 1), f.claims(),
            _facts(r, f, name),
        ))
    return tuple(out)


def _reasons(r: _Reader, name: str, key: str) -> tuple[Reason, ...]:
    doc = r.top(name, r.read(name), {key: True})
    out = []
    for f, rid in r.entries(name, doc, key, kind=key[:-1]):
        f.only({"id", "name", "explanation", "example", "claims", "case"})
        out.append(Reason(
            rid or "", f.text("name"), f.text("explanation"), f.text("example"), f.claims(),
            f.ref("case", "case", required=False, nullable=True),
        ))
    return tuple(out)


def _risks(r: _Reader) -> tuple[Risk, ...]:
    name = "risks.yaml"
    doc = r.top(name, r.read(name), {"risks": True})
    out = []
    for f, rid in r.entries(name, doc, "risks"):
        f.only({"id", "name", "description", "example", "likelihood", "impact", "illustrative",
                "mitigations", "claims", "case"})
        mitigations = []
        for i, data in enumerate(f.list("mitigations", 1)):
            m = f.child(f"mitigations[{i}]", data)
            m.only({"id", "name", "description", "likelihood_reduction", "impact_reduction", "example", "case"})
            mid = m.id() if m.ok else None
            if mid:
                r.register(name, f.entry, f"mitigations[{i}].id", name, None, mid)
            mitigations.append(Mitigation(
                mid or "", m.text("name"), m.text("description"),
                m.integer("likelihood_reduction", 0, 3), m.integer("impact_reduction", 0, 3),
                m.text("example", required=False), m.ref("case", "case", required=False, nullable=True),
            ))
        out.append(Risk(
            rid or "", f.text("name"), f.text("description"), f.text("example"),
            f.integer("likelihood", 1, 5), f.integer("impact", 1, 5), f.boolean("illustrative"),
            tuple(mitigations), f.claims(), f.ref("case", "case", required=False, nullable=True),
        ))
    return tuple(out)


def _hidden_costs(r: _Reader) -> tuple[tuple[HiddenCost, ...], tuple[Fact, ...]]:
    name = "hidden_costs.yaml"
    doc = r.top(name, r.read(name), {"costs": True, "facts": False})
    costs = []
    for f, cid in r.entries(name, doc, "costs"):
        f.only({"id", "name", "explanation", "example", "source", "claims"})
        costs.append(HiddenCost(
            cid or "", f.text("name"), f.text("explanation"), f.text("example"),
            f.ref("source", "source") or "", f.claims(required=False),
        ))
    facts = [_fact(f, fid) for f, fid in r.entries(name, doc, "facts", minimum=0)]
    return tuple(costs), tuple(facts)


def _cases(r: _Reader) -> tuple[Case, ...]:
    name = "cases.yaml"
    doc = r.top(name, r.read(name), {"cases": True})
    out = []
    for f, cid in r.entries(name, doc, "cases", "case"):
        f.only({"id", "name", "firm", "vendor", "year", "domain", "model", "location", "summary",
                "figures", "claims", "sources", "teaching_case", "engagement", "classification", "support"})
        teaching = bool(f.boolean("teaching_case", default=False))
        sources = f.ref_list("sources", "source", minimum=1)

        def among_sources(g: Fields, source: Optional[str]) -> None:
            if source and sources and source not in sources:
                g.problem("source", f"{source!r} is not among this case's sources; add it there too")

        figures = []
        for i, data in enumerate(f.list("figures", required=False)):
            g = f.child(f"figures[{i}]", data)
            g.only({"label", "value", "unit", "support"})
            raw = g.raw("support")
            s = g.child("support", raw) if raw is not MISSING else None
            support = _support(s) if s is not None and s.ok else Support("", "", "")
            if s is not None:
                among_sources(s, support.source or None)
            figures.append(Figure(g.text("label"), g.number("value"), g.string("unit") or "",
                                  support.source, support.where, support.states))
        if teaching and figures:
            f.problem("figures", "a teaching case has no figures (its numbers would be made up)")
        supports = []
        for i, data in enumerate(f.list("support", minimum=0 if teaching else 1, required=not teaching)):
            g = f.child(f"support[{i}]", data)
            supports.append(_support(g))
            among_sources(g, supports[-1].source or None)
        engagement = f.string("engagement", choices=ENGAGEMENTS, nullable=teaching)
        model = f.ref("model", "engagement model", nullable=True)
        want = {"third_party": "third_party", "captive": "captive_subsidiary"}.get(engagement or "")
        if engagement == "acquisition" and model is not None:
            f.problem("model", f"an acquisition is not an engagement model: write model: null, got {model!r}")
        elif want and model is not None and model != want:
            f.problem("model", f"an engagement {engagement!r} goes with model {want!r}, got {model!r}")
        domain = f.ref("domain", "domain") or ""
        classification = _classification(f)
        if domain and classification.domains and not classification.allows("domains", domain):
            f.problem("classification.domains", f"must include the case's own domain {domain!r}")
        out.append(Case(
            cid or "", f.text("name"), f.string("firm") or "", f.string("vendor", nullable=True),
            f.integer("year", 1900, 2100, nullable=True), domain,
            model, f.text("location", required=False),
            f.text("summary"), tuple(figures), f.claims(),
            sources, teaching, engagement, classification, tuple(supports),
        ))
    return tuple(out)


def _tasks(r: _Reader) -> tuple[Task, ...]:
    name = "tasks.yaml"
    doc = r.top(name, r.read(name), {"tasks": True})
    out = []
    for f, tid in r.entries(name, doc, "tasks"):
        f.only({"id", "task", "label", "reason", "domain", "also"})
        label = f.string("label", choices=("KPO", "BPO"))
        domain = f.ref("domain", "domain", nullable=True)
        if label == "KPO" and "domain" in f.data and f.data["domain"] is None:
            f.problem("domain", "a KPO task needs the id of its domain")
        also = []
        for i, data in enumerate(f.list("also", required=False)):
            a = f.child(f"also[{i}]", data)
            a.only({"id", "why"})
            other = a.ref("id", "domain")
            if other and other == domain:
                a.problem("id", "is the task's own domain already")
            also.append(Classed(other or "", a.text("why")))
        if also and label == "BPO":
            f.problem("also", "a BPO task has no domain, so no other domains either")
        out.append(Task(tid or "", f.text("task"), label or "", f.text("reason"), domain, tuple(also)))
    return tuple(out)


def _market_estimates(r: _Reader) -> tuple[MarketEstimate, ...]:
    name = "market_estimates.yaml"
    doc = r.top(name, r.read(name), {"estimates": True})
    out = []
    for f, eid in r.entries(name, doc, "estimates"):
        f.only({"id", "publisher", "kind", "base_year", "base_value_usd_bn", "forecast_year",
                "forecast_value_usd_bn", "cagr_percent", "published_year", "scope", "confidence", "source",
                "where", "states"})
        years = {key: f.integer(key, 1990, 2100, nullable=True) for key in ("base_year", "forecast_year")}
        if years["base_year"] and years["forecast_year"] and years["forecast_year"] <= years["base_year"]:
            f.problem("forecast_year", "must come after base_year")
        out.append(MarketEstimate(
            eid or "", f.string("publisher") or "", f.string("kind", choices=("forecast", "historical")) or "",
            years["base_year"], f.number("base_value_usd_bn", 0, nullable=True), years["forecast_year"],
            f.number("forecast_value_usd_bn", 0, nullable=True), f.number("cagr_percent", nullable=True),
            f.integer("published_year", 1990, 2100, required=False),
            f.text("scope"), f.string("confidence", choices=("seen", "weak")) or "",
            f.ref("source", "source") or "", f.string("where") or "", f.string("states") or "",
        ))
    return tuple(out)


def _gsli(r: _Reader) -> Gsli:
    name = "gsli.yaml"
    doc = r.top(name, r.read(name), {"edition": True, "dimensions": True, "countries": True,
                                      "ranks": True, "rank_support": True, "scores": True})
    if not doc:
        return Gsli(0, 0, 0, "", (), (), (), ())
    edition = Fields(r.problems, name, "edition", doc.get("edition", {}), refs=r.refs)
    edition.only({"year", "countries", "metrics", "source", "where", "states"})
    rank_support: dict[int, tuple[str, str]] = {}
    raw_support = doc.get("rank_support")
    if "rank_support" in doc and not isinstance(raw_support, Mapping):
        r.problems.append(Problem(name, "", "rank_support", f"expected a mapping year -> {{where, states}}, got {describe(raw_support)}"))
    elif isinstance(raw_support, Mapping):
        for year, data in raw_support.items():
            g = Fields(r.problems, name, "rank_support", data, prefix=str(year), refs=r.refs)
            g.only({"where", "states"})
            rank_support[year] = (g.string("where") or "", g.string("states") or "")
    dimensions = []
    for f, did in r.entries(name, doc, "dimensions"):
        f.only({"id", "name", "weight_percent"})
        dimensions.append(GsliDimension(did or "", f.text("name"), f.number("weight_percent", 0) or 0.0))
    total = sum(d.weight_percent for d in dimensions)
    if dimensions and abs(total - 100) > 1e-9:
        r.problems.append(Problem(name, "", "dimensions", f"the weights must add up to 100, they add up to {total:g}"))
    countries = []
    for f, cid in r.entries(name, doc, "countries", "country"):
        f.only({"id", "name"})
        countries.append(Country(cid or "", f.text("name")))
    ranks, seen_rank = [], {}
    for f, rid in r.entries(name, doc, "ranks"):
        f.only({"id", "year", "rank", "country", "status", "source", "previous_rank", "note"})
        year = f.integer("year", 2000, 2100) or 0
        if year and year not in rank_support:
            f.problem("year", f"no rank_support for {year}: say where the {year} ranks stand in the source")
        rank = GsliRank(
            rid or "", year, f.integer("rank", 1) or 0, f.ref("country", "country") or "",
            f.string("status", choices=("seen", "inferred")) or "", f.ref("source", "source") or "",
            f.integer("previous_rank", 1, required=False), f.text("note", required=False),
            *rank_support.get(year, ("", "")),
        )
        for key in ((rank.year, "rank", rank.rank), (rank.year, "country", rank.country)):
            if key in seen_rank:
                f.problem(key[1], f"{key[2]!r} is given twice for {rank.year}")
            seen_rank[key] = True
        ranks.append(rank)
    dimension_ids = {d.id for d in dimensions}
    scores = []
    for f, sid in r.entries(name, doc, "scores"):
        f.only({"id", "year", "country", "scores", "total", "source", "note", "where", "states"})
        raw = f.raw("scores")
        values: dict[str, Optional[float]] = {}
        if raw is not MISSING and not isinstance(raw, Mapping):
            f.problem("scores", f"expected a mapping of dimension id to score, got {describe(raw)}")
        elif isinstance(raw, Mapping):
            for key, value in raw.items():
                if key not in dimension_ids:
                    f.problem(f"scores.{key}", f"unknown dimension (known: {', '.join(sorted(dimension_ids))})")
                elif value is not None and not is_number(value):
                    f.problem(f"scores.{key}", f"expected a number or null, got {describe(value)}")
                else:
                    values[key] = value
        scores.append(GsliScore(
            sid or "", f.integer("year", 2000, 2100) or 0, f.ref("country", "country") or "", values,
            f.number("total", 0, nullable=True), f.ref("source", "source") or "", f.text("note", required=False),
            f.string("where") or "", f.string("states") or "",
        ))
    return Gsli(
        edition.integer("year", 2000, 2100) or 0, edition.integer("countries", 1) or 0,
        edition.integer("metrics", 1) or 0, edition.ref("source", "source") or "",
        tuple(dimensions), tuple(countries), tuple(ranks), tuple(scores),
        edition.string("where") or "", edition.string("states") or "",
    )


def _decision(r: _Reader) -> Decision:
    name = "decision.yaml"
    doc = r.top(name, r.read(name), {"criteria": True, "options": True, "scores": True,
                                      "illustrative": True, "note": False})
    criteria = []
    for f, cid in r.entries(name, doc, "criteria"):
        f.only({"id", "name", "description", "default_weight"})
        criteria.append(Criterion(cid or "", f.text("name"), f.text("description"),
                                  f.number("default_weight", 0) or 0.0))
    options = []
    for f, oid in r.entries(name, doc, "options"):
        f.only({"id", "name", "description"})
        options.append(DecisionOption(oid or "", f.text("name"), f.text("description", required=False)))
    top = Fields(r.problems, name, "", doc, refs=r.refs)
    illustrative = top.boolean("illustrative") if "illustrative" in doc else None
    if illustrative is False:
        top.problem("illustrative", "the default scores are made up: keep illustrative: true")
    scores: dict[str, dict[str, int]] = {}
    raw = doc.get("scores")
    if "scores" in doc and not isinstance(raw, Mapping):
        top.problem("scores", f"expected a mapping option -> criterion -> score, got {describe(raw)}")
    elif isinstance(raw, Mapping):
        criterion_ids = [c.id for c in criteria]
        for option in options:
            if option.id not in raw:
                r.problems.append(Problem(name, f"'{option.id}'", "scores", "no scores for this option"))
        for oid, row in raw.items():
            if oid not in {o.id for o in options}:
                top.problem(f"scores.{oid}", "unknown option (not in options)")
                continue
            f = Fields(r.problems, name, f"'{oid}'", row, prefix="scores", refs=r.refs)
            f.only(set(criterion_ids))
            scores[oid] = {c: f.integer(c, 1, 5) for c in criterion_ids}
    return Decision(tuple(criteria), tuple(options), scores, bool(illustrative), top.text("note", required=False))


def _course(r: _Reader) -> Course:
    name = "course.yaml"
    doc = r.top(name, r.read(name), {"lessons": True, "exercises": True})
    lessons = []
    for f, lid in r.entries(name, doc, "lessons", "lesson", scope="course.yaml:lessons", id_pattern=LESSON_ID):
        f.only({"id", "file", "minutes", "title"})
        lessons.append(Lesson(lid or "", f.string("file") or "", f.integer("minutes", 1) or 0, f.text("title")))
    exercises = []
    for f, eid in r.entries(name, doc, "exercises", scope="course.yaml:exercises", id_pattern=LESSON_ID):
        f.only({"id", "file", "lesson", "title"})
        exercises.append(Exercise(eid or "", f.string("file") or "", f.ref("lesson", "lesson") or "", f.text("title")))
    return Course(tuple(lessons), tuple(exercises))


# --------------------------------------------------------------------------- quizzes and objectives
_COMMON_QUESTION_FIELDS = {"id", "kind", "claims", "prompt", "hint"}
_KIND_FIELDS = {
    "single": {"options"},
    "multiple": {"options"},
    "truefalse": {"answer", "feedback_true", "feedback_false"},
    "categorise": {"groups", "items"},
    "numeric": {"answer", "tolerance", "unit", "feedback_correct", "feedback_wrong", "common_wrong", "share"},
}


def _local_ids(f: Fields, field: str, entries: list, seen: set) -> None:
    """Ids of options/groups/items are local to their question: no duplicates."""
    for i, entry_id in entries:
        if entry_id in seen:
            f.problem(f"{field}[{i}].id", f"duplicate id {entry_id!r} in this question")
        seen.add(entry_id)


def _question(f: Fields, kind: str) -> dict[str, Any]:
    """The kind-specific fields of one question, checked."""
    out: dict[str, Any] = {}
    if kind in ("single", "multiple"):
        options, ids = [], []
        for i, data in enumerate(f.list("options", 2)):
            o = f.child(f"options[{i}]", data)
            o.only({"id", "text", "correct", "feedback"})
            oid = o.string("id") or ""
            ids.append((i, oid))
            options.append(Choice(oid, o.text("text"), bool(o.boolean("correct")), o.text("feedback")))
        _local_ids(f, "options", ids, set())
        right = sum(1 for o in options if o.correct)
        if options and right == 0:
            f.problem("options", "no option is marked correct: true")
        elif kind == "single" and right > 1:
            f.problem("options", f"a single-choice question needs exactly one correct option, {right} are marked correct")
        elif kind == "multiple" and right == len(options) and options:
            f.problem("options", "a multiple-choice question needs at least one wrong option; all are correct")
        out["options"] = tuple(options)
    elif kind == "truefalse":
        out["answer"] = f.boolean("answer")
        out["feedback_true"] = f.text("feedback_true")
        out["feedback_false"] = f.text("feedback_false")
    elif kind == "categorise":
        groups, ids = [], []
        for i, data in enumerate(f.list("groups", 2)):
            g = f.child(f"groups[{i}]", data)
            g.only({"id", "label"})
            gid = g.string("id") or ""
            ids.append((i, gid))
            groups.append(Group(gid, g.text("label")))
        _local_ids(f, "groups", ids, set())
        group_ids = {g.id for g in groups}
        items, ids = [], []
        for i, data in enumerate(f.list("items", 1)):
            it = f.child(f"items[{i}]", data)
            it.only({"id", "text", "group", "feedback"})
            iid = it.string("id") or ""
            ids.append((i, iid))
            group = it.string("group") or ""
            if group and group not in group_ids:
                it.problem("group", f"unknown group {group!r} (groups here: {', '.join(sorted(group_ids))})")
            items.append(Item(iid, it.text("text"), group, it.text("feedback")))
        _local_ids(f, "items", ids, set())
        out["groups"], out["items"] = tuple(groups), tuple(items)
    elif kind == "numeric":
        out["answer"] = f.number("answer")
        tolerance = f.data.get("tolerance")
        if is_number(tolerance) and tolerance < 0:
            f.problem("tolerance", f"the tolerance must be 0 or more (it is absolute), got {tolerance!r}")
            out["tolerance"] = None
        else:
            out["tolerance"] = f.number("tolerance", 0)
        out["unit"] = f.text("unit", required=False)
        out["feedback_correct"] = f.text("feedback_correct")
        out["feedback_wrong"] = f.text("feedback_wrong")
        wrongs = []
        for i, data in enumerate(f.list("common_wrong", required=False)):
            w = f.child(f"common_wrong[{i}]", data)
            w.only({"value", "feedback"})
            wrongs.append(CommonWrong(w.number("value"), w.text("feedback")))
        out["common_wrong"] = tuple(wrongs)
        out["share"] = bool(f.boolean("share", False))
    return out


def _quizzes(r: _Reader) -> dict[str, Quiz]:
    quizzes: dict[str, Quiz] = {}
    folder = r.directory / "quizzes"
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    for path in paths:
        name = f"quizzes/{path.name}"
        doc = r.top(name, r.read(name), {"lesson": True, "title": True, "questions": True})
        if not doc:
            continue
        top = Fields(r.problems, name, "", doc, refs=r.refs)
        lesson = top.string("lesson")
        if lesson is not None:
            if not LESSON_ID.match(lesson):
                top.problem("lesson", f"expected a two-digit lesson id like \"01\", got {lesson!r}")
            else:
                r.refs.append((name, "", "lesson", "lesson", lesson))
                match = re.match(r"^quiz(\d\d)\.yaml$", path.name)
                if match and match.group(1) != lesson:
                    top.problem("lesson", f"the file is named for lesson {match.group(1)} but says lesson {lesson!r}")
                if lesson in quizzes:
                    top.problem("lesson", f"lesson {lesson!r} already has a quiz in another file")
        title = top.text("title")
        questions = []
        for f, qid in r.entries(name, doc, "questions", scope="quizzes", id_pattern=LOOSE_ID):
            kind = f.string("kind", choices=QUESTION_KINDS)
            if kind:
                allowed = _COMMON_QUESTION_FIELDS | _KIND_FIELDS[kind]
                f.only(allowed, why=f"this field is not used by a {kind} question")
            common = dict(claims=f.claims(), prompt=f.text("prompt"), hint=f.text("hint"))
            extra = _question(f, kind) if kind else {}
            questions.append(Question(qid or "", kind or "", **common, **extra))
        if lesson is not None and lesson not in quizzes:
            quizzes[lesson] = Quiz(lesson, title, tuple(questions))
    return dict(sorted(quizzes.items()))


def _objectives(r: _Reader) -> dict[str, tuple[Objective, ...]]:
    name = "objectives.yaml"
    doc = r.top(name, r.read(name, required=False), {"lessons": True})
    lessons = doc.get("lessons") if doc else None
    if not doc or "lessons" not in doc:
        return {}
    if not isinstance(lessons, Mapping):
        r.problems.append(Problem(name, "", "lessons", f"expected a mapping lesson id -> list of objectives, got {describe(lessons)}"))
        return {}
    out: dict[str, tuple[Objective, ...]] = {}
    for lesson, items in lessons.items():
        if not isinstance(lesson, str) or not LESSON_ID.match(lesson):
            r.problems.append(Problem(name, "", f"lessons.{lesson}", f"expected a quoted two-digit lesson id like \"01\", got {describe(lesson)}"))
            continue
        r.refs.append((name, "", f"lessons.{lesson}", "lesson", lesson))
        objectives = []
        for f, oid in r.entries(name, {"lessons": items}, "lessons", scope=name, id_pattern=LOOSE_ID):
            f.only({"id", "text", "claims"})
            objectives.append(Objective(oid or "", f.text("text"), f.claims()))
        out[lesson] = tuple(objectives)
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------- public
def _load(directory: Path) -> Content:
    return _read_all(_Reader(Path(directory)))


def _load_own_data() -> Content:
    """The package's data, parsed files taken from the cache when they have not changed."""
    reader = _Reader(DATA_DIR, cache.read(DATA_DIR))
    content = _read_all(reader)
    if reader.parsed:  # something was parsed afresh, and all of it is valid: remember it
        cache.write(DATA_DIR, {**reader.cached, **reader.parsed})
    return content


def _read_all(r: _Reader) -> Content:
    if not r.directory.is_dir():
        raise ContentError([Problem(str(r.directory), "", "", "the data directory does not exist")])
    parts: dict[str, Any] = dict(
        sources=_sources(r),
        glossary=_glossary(r),
        course=_course(r),
        cases=_cases(r),
        domains=_domains(r),
        engagement_models=_engagement_models(r),
        motivations=_reasons(r, "motivations.yaml", "motivations"),
        benefits=_reasons(r, "benefits.yaml", "benefits"),
        risks=_risks(r),
        tasks=_tasks(r),
        market_estimates=_market_estimates(r),
        gsli=_gsli(r),
        decision=_decision(r),
        quizzes=_quizzes(r),
        objectives=_objectives(r),
    )
    parts["hidden_costs"], parts["hidden_cost_facts"] = _hidden_costs(r)
    r.check_refs()
    if not r.problems:
        _check_examples_match_classification(r, parts)
    if r.problems:
        raise ContentError(r.problems)
    return Content(**parts)


def _check_examples_match_classification(r: _Reader, parts: Mapping[str, Any]) -> None:
    """A domain, motivation or benefit whose example is a case must be one the case is classed under."""
    cases = {c.id: c for c in parts["cases"]}
    homes = (("domains.yaml", "domains", "domains"), ("motivations.yaml", "motivations", "motivations"),
             ("benefits.yaml", "benefits", "benefits"))
    for file, key, facet in homes:
        for entry in parts[key]:
            case = cases.get(entry.case) if entry.case else None
            if case is not None and not case.classification.allows(facet, entry.id):
                r.problems.append(Problem(
                    file, f"'{entry.id}'", "case",
                    f"its example case {case.id!r} is not classed under {entry.id!r} in cases.yaml "
                    f"(classification.{facet}): add it there with why, or pick another case"))


@functools.lru_cache(maxsize=1)
def _load_default() -> Content:
    return _load_own_data()


def load(directory: str | Path | None = None) -> Content:
    """Load and validate every data file; raise one :class:`ContentError` on any problem.

    With no ``directory`` the package's own data is read once and cached.

    >>> content = load()
    >>> [d.id for d in content.domains][:2]
    ['financial_consulting', 'research_and_development']
    """
    if directory is None:
        return _load_default()
    return _load(Path(directory))


load.cache_clear = _load_default.cache_clear  # type: ignore[attr-defined]
