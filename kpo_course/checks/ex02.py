"""Exercise 02, a case: a medical-device maker maps its knowledge work to the KPO domains (lesson 02).

The firm, Norrsken Medical, is made up; its tasks come from the course's drill (``tasks.yaml``)
and the domains and cases are the course's (``domains.yaml``, ``cases.yaml``). Every expected
value is computed from ``kpo.data`` when a check runs.
"""
from __future__ import annotations

import math
from typing import Any, Mapping

from ..i18n import localize
from . import collector
from .charts import bar_data, chart, chart_text_problem
from .kinds import Text, Verdict, as_number, both, is_table, labels_brief, say, selection, shown
from .tables import as_series_dict, rows_table


def _content():
    from ..content import load
    return load()


def _data():
    from .. import data
    return data


# --------------------------------------------------------------------------- q1: which domain?

#: Norrsken Medical's eight pieces of knowledge work (ids in ``kpo.data.tasks()``).
FIRM_TASKS = ("trial_statistics", "medical_writing", "stress_simulation", "side_effect_review",
              "contract_review", "demand_forecast", "market_entry_study", "value_acquisition_target")


def _domain_ids_by_name() -> dict[str, str]:
    """Every way of writing a domain the checker accepts (id, English or Swedish name) -> its id."""
    names: dict[str, str] = {}
    for domain in _content().domains:
        names[domain.id] = domain.id
        for lang in ("en", "sv"):
            names[str(localize(domain.name, lang)).strip().lower()] = domain.id
    return names


def _domain_labels_check(answer: Any) -> Verdict:
    content = _content()
    tasks = {t.id: t for t in content.tasks}
    domains = {d.id: d for d in content.domains}
    expected = {i: tasks[i].domain for i in FIRM_TASKS}
    why = {i: both(lambda lang, t=tasks[i]: (
        f"({t.id}: {domains[t.domain].id}, {localize(domains[t.domain].name, lang)}. {localize(t.reason, lang)})"))
        for i in FIRM_TASKS}
    if is_table(answer):
        return Verdict(False, say(
            "That is a pandas table. Write a dict instead: {\"trial_statistics\": \"research_and_development\", ...}.",
            "Det är en pandas-tabell. Skriv en dict i stället: {\"trial_statistics\": \"research_and_development\", ...}."),
            {"reason": "table"})
    if isinstance(answer, Mapping):
        names = _domain_ids_by_name()
        answer = {k: (names.get(v.strip().lower(), v) if isinstance(v, str) and len(v) < 200 else v)
                  for k, v in answer.items()}
    return labels_brief(expected, feedback=why, allowed=list(domains))(answer)


# --------------------------------------------------------------------------- q2: real cases per domain


def _cases_per_domain(include_teaching: bool = False) -> dict[str, int]:
    frame = _data().cases()
    if not include_teaching:
        frame = frame[~frame["teaching_case"]]
    return {str(k): int(v) for k, v in frame.groupby("domain").size().items()}


def _counts(answer: Any) -> dict[str, float] | None:
    """A Series of counts as a dict without zero rows; None if a value is not a finite number."""
    found = as_series_dict(answer)
    if found is None:
        return None
    counts: dict[str, float] = {}
    for key, value in found.items():
        number = as_number(value)
        if number is None:
            try:
                number = as_number(float(value))  # numpy ints and floats
            except (TypeError, ValueError, OverflowError):
                return None
            if number is None:
                return None
        if number != 0:
            counts[key] = number
    return counts


def _cases_per_domain_check(answer: Any) -> Verdict:
    import pandas as pd

    want = _cases_per_domain()
    if isinstance(answer, pd.DataFrame) and answer.shape[1] != 1:
        if len(answer) == len(want):
            return Verdict(False, say(
                "That is a table with a count in every column (what .count() gives). Keep one count per domain, "
                "a Series: .groupby(\"domain\").size() or [\"domain\"].value_counts().",
                "Det är en tabell med ett antal i varje kolumn (det .count() ger). Behåll ett antal per domän, "
                "en Series: .groupby(\"domain\").size() eller [\"domain\"].value_counts()."), {"reason": "count_table"})
        return Verdict(False, say(
            "That is a whole table. The question asks for one number per domain: a Series such as "
            ".groupby(\"domain\").size().",
            "Det är en hel tabell. Frågan gäller ett tal per domän: en Series som .groupby(\"domain\").size()."),
            {"reason": "table"})
    if not isinstance(answer, (pd.Series, pd.DataFrame)):
        if as_number(answer) is not None:
            return Verdict(False, say(
                "That is one number. The question asks for a count for each domain: a Series with the domain ids "
                "as its index.",
                "Det är ett enda tal. Frågan gäller ett antal för varje domän: en Series med domänernas id som index."),
                {"reason": "number"})
        return Verdict(False, say(
            f"Expected a pandas Series (one count per domain), but got a {type(answer).__name__}: {shown(answer)}.",
            f"Förväntade en pandas Series (ett antal per domän), men fick en {type(answer).__name__}: {shown(answer)}."),
            {"reason": "type"})
    counts = _counts(answer)
    if counts is None:
        return Verdict(False, say(
            "The Series should hold counts (numbers), one per domain.",
            "Serien ska innehålla antal (tal), ett per domän."), {"reason": "values"})
    if counts == want:
        return Verdict(True, say(
            "Right: that is how many real cases the course has in each domain. Which of the eight domains is "
            "missing from your Series?",
            "Rätt: så många verkliga fall har kursen i varje domän. Vilken av de åtta domänerna saknas i din Series?"),
            {})
    if counts == _cases_per_domain(include_teaching=True):
        return Verdict(False, say(
            "You counted the article's teaching example too (the manufacturer, teaching_case True): it is no real "
            "firm. Filter it out first: cases[~cases[\"teaching_case\"]].",
            "Du räknade med artikelns undervisningsexempel (tillverkaren, teaching_case True): det är inget verkligt "
            "företag. Filtrera bort det först: cases[~cases[\"teaching_case\"]]."), {"reason": "teaching_case"})
    domain_ids = {d.id for d in _content().domains}
    if counts and not set(counts) & domain_ids:
        return Verdict(False, say(
            f"The index should be the domain ids (e.g. \"legal_services\"), but it is {shown(list(counts)[:3])}. "
            "Group by the \"domain\" column.",
            f"Index ska vara domänernas id (t.ex. \"legal_services\"), men det är {shown(list(counts)[:3])}. "
            "Gruppera på kolumnen \"domain\"."), {"reason": "index"})
    differ = sorted(k for k in set(counts) | set(want) if counts.get(k) != want.get(k))
    return Verdict(False, say(
        f"Some counts are not right: check {', '.join(differ[:3])}. Count real cases only, one row per case.",
        f"Några antal stämmer inte: kontrollera {', '.join(differ[:3])}. Räkna bara verkliga fall, en rad per fall."),
        {"reason": "counts", "differ": differ[:10]})


# --------------------------------------------------------------------------- q3: cases with domain names

CASE_DOMAIN_COLUMNS = ("firm", "vendor", "year", "domain_name")


def _case_domains():
    data = _data()
    names = data.domains()[["id", "name"]].rename(columns={"id": "domain", "name": "domain_name"})
    cases = data.cases()
    return cases[~cases["teaching_case"]].merge(names, on="domain")


def _case_domain_slips(answer: Any) -> Verdict | None:
    import pandas as pd

    if not isinstance(answer, pd.DataFrame):
        return None
    columns = [c for c in answer.columns if isinstance(c, str)]
    if "domain_name" not in columns and {"name_x", "name_y"} <= set(columns):
        return Verdict(False, say(
            "Both tables have a column called name, so the merge renamed them name_x (the case's name) and "
            "name_y (the domain's name). Rename the domains' name to domain_name before you merge.",
            "Båda tabellerna har en kolumn som heter name, så sammanslagningen döpte om dem till name_x (fallets "
            "namn) och name_y (domänens namn). Döp om domänernas name till domain_name innan du slår ihop."),
            {"reason": "suffixes"})
    if "firm" in columns and "domain_name" in columns:
        data = _data()
        cases = data.cases()
        try:
            firms = set(answer["firm"].dropna().astype(str))
            values = set(answer["domain_name"].dropna().astype(str))
        except (TypeError, ValueError, AttributeError):
            return None
        teaching = set(cases.loc[cases["teaching_case"], "firm"].astype(str))
        if firms & teaching:
            return Verdict(False, say(
                "The article's teaching example (the manufacturer) is in the table, but it is no real firm. "
                "Keep real cases only: cases[~cases[\"teaching_case\"]].",
                "Artikelns undervisningsexempel (tillverkaren) finns med i tabellen, men det är inget verkligt "
                "företag. Behåll bara verkliga fall: cases[~cases[\"teaching_case\"]]."), {"reason": "teaching_case"})
        if values and values <= set(cases["name"].astype(str)):
            return Verdict(False, say(
                "domain_name holds the cases' own names (the name column of cases). Take the name column of "
                "domains: that is the domain's name.",
                "domain_name innehåller fallens egna namn (kolumnen name i cases). Ta kolumnen name i domains: "
                "det är domänens namn."), {"reason": "case_names"})
        if values and values <= {d.id for d in _content().domains}:
            return Verdict(False, say(
                "domain_name holds the domain ids. Merge in the domains table to get their readable names.",
                "domain_name innehåller domänernas id. Slå ihop med tabellen domains för att få de läsbara namnen."),
                {"reason": "ids"})
    return None


# --------------------------------------------------------------------------- q4: chart of KPO tasks per domain


def _kpo_tasks_per_domain() -> dict[str, int]:
    tasks = _data().tasks()
    kpo = tasks[tasks["label"] == "KPO"]
    return {str(k): int(v) for k, v in kpo.groupby("domain").size().items()}


def _inspect_domain_chart(ax: Any) -> Verdict | None:
    bars = bar_data(ax)
    if bars is None:
        return Verdict(False, say(
            "There are no bars in the chart. Draw one bar per domain: ax.bar(counts.index, counts.values) or "
            "counts.plot.bar(ax=ax).",
            "Det finns inga staplar i diagrammet. Rita en stapel per domän: ax.bar(counts.index, counts.values) "
            "eller counts.plot.bar(ax=ax)."), {"reason": "no_bars"})
    want = _kpo_tasks_per_domain()
    heights = [value for _, value in bars]
    if not all(math.isfinite(h) for h in heights):
        return Verdict(False, say("Some bars have no height (NaN). Plot counts.",
                                  "Några staplar saknar höjd (NaN). Rita antal."), {"reason": "nan"})
    n_bpo = len(_data().tasks()) - sum(want.values())
    if len(bars) == len(want) + 1 and any(abs(h - n_bpo) < 1e-9 for h in heights):
        return Verdict(False, say(
            f"One bar is {n_bpo} tall: those are the BPO tasks, which have no domain. Keep only rows whose label is "
            "\"KPO\".",
            f"En stapel är {n_bpo} hög: det är BPO-uppgifterna, som saknar domän. Behåll bara raderna där label är "
            "\"KPO\"."), {"reason": "bpo_bar"})
    if len(bars) == len(want) and abs(sum(heights) - 1) < 1e-6:
        return Verdict(False, say(
            "The bars add up to 1: you plotted shares. Plot the number of tasks in each domain.",
            "Staplarna summerar till 1: du ritade andelar. Rita antalet uppgifter i varje domän."),
            {"reason": "shares"})
    if len(bars) != len(want):
        return Verdict(False, say(
            f"Expected {len(want)} bars, one per domain, but the chart has {len(bars)}.",
            f"Förväntade {len(want)} staplar, en per domän, men diagrammet har {len(bars)}."), {"reason": "bars"})
    if sorted(heights) != sorted(float(v) for v in want.values()):
        return Verdict(False, say(
            f"The bar heights {shown([round(h, 2) for h in heights])} are not the numbers of KPO tasks per domain.",
            f"Stapelhöjderna {shown([round(h, 2) for h in heights])} är inte antalet KPO-uppgifter per domän."),
            {"reason": "heights"})
    names = _domain_ids_by_name()
    placed = {names.get(label.strip().lower()): value for label, value in bars}
    if None in placed or len(placed) != len(want):
        return Verdict(False, say(
            "The heights are right; now label each bar with its domain (its id or name) on the category axis.",
            "Höjderna stämmer; märk nu varje stapel med sin domän (id eller namn) på kategoriaxeln."),
            {"reason": "bar_labels"})
    wrong = sorted(k for k, v in placed.items() if abs(v - want.get(k, -1)) > 1e-9)
    if wrong:
        return Verdict(False, say(
            f"Some bars carry the wrong domain's label: check {', '.join(wrong[:3])}.",
            f"Några staplar har fel domäns etikett: kontrollera {', '.join(wrong[:3])}."), {"reason": "mislabelled"})
    return chart_text_problem(ax)


# --------------------------------------------------------------------------- q5: healthcare tasks that are KPO

#: Five pieces of work Norrsken's hospital customers would hand over: all in a healthcare setting.
HEALTH_TASKS = ("side_effect_review", "appointment_booking", "clinical_data_management",
                "document_conversion", "claim_forms")


def _health_check(answer: Any) -> Verdict:
    tasks = {t.id: t for t in _content().tasks}
    expected = [i for i in HEALTH_TASKS if tasks[i].label == "KPO"]
    options: dict[str, Text] = {}
    for i in HEALTH_TASKS:
        t = tasks[i]
        if t.label == "KPO":
            options[i] = both(lambda lang, t=t: f"{t.id} is KPO: {localize(t.reason, lang)}" if lang == "en"
                              else f"{t.id} är KPO: {localize(t.reason, lang)}")
        else:
            options[i] = both(lambda lang, t=t: (
                f"{t.id} is BPO even in a hospital: {localize(t.reason, lang)} The setting does not make work "
                "KPO; the need for specialised knowledge does." if lang == "en" else
                f"{t.id} är BPO även på ett sjukhus: {localize(t.reason, lang)} Miljön gör inte arbetet till KPO; "
                "behovet av specialkunskap gör det."))
    if is_table(answer) or not isinstance(answer, (list, tuple, set, frozenset, str)):
        return Verdict(False, say(
            f"Expected a list of task ids, e.g. [\"side_effect_review\"], but got a {type(answer).__name__}"
            + ("." if is_table(answer) else f": {shown(answer)}."),
            f"Förväntade en lista med uppgifternas id, t.ex. [\"side_effect_review\"], men fick en "
            f"{type(answer).__name__}" + ("." if is_table(answer) else f": {shown(answer)}.")), {"reason": "type"})
    if isinstance(answer, str) and answer.strip().lower() in options:
        return Verdict(False, say(
            f"Write a list, even for one task: [{shown(answer.strip())}, ...].",
            f"Skriv en lista, även för en uppgift: [{shown(answer.strip())}, ...]."), {"reason": "string"})
    return selection(expected, options)(answer)


# --------------------------------------------------------------------------- the questions

QUESTIONS: list = []
_question = collector(QUESTIONS)


_question(
    id="02.q1",
    kind="judgement",
    claims=("S09",),
    points=2,
    checker=_domain_labels_check,
    hint=say("Read each domain's description and example tasks in the domains table: which kind of expert would "
             "do the task?",
             "Läs varje domäns beskrivning och exempeluppgifter i tabellen domains: vilken sorts expert skulle göra "
             "uppgiften?"),
)

_question(
    id="02.q2",
    kind="pandas",
    claims=("S09",),
    checker=_cases_per_domain_check,
    hint=say("First drop the teaching example, then count rows per domain: "
             "cases[~cases[\"teaching_case\"]].groupby(\"domain\").size().",
             "Ta först bort undervisningsexemplet och räkna sedan rader per domän: "
             "cases[~cases[\"teaching_case\"]].groupby(\"domain\").size()."),
)

_question(
    id="02.q3",
    kind="pandas",
    claims=("S09",),
    checker=rows_table(
        _case_domains, CASE_DOMAIN_COLUMNS,
        right=say("Right: every real case now carries its domain's readable name.",
                  "Rätt: varje verkligt fall har nu sin domäns läsbara namn."),
        slips=_case_domain_slips,
    ),
    hint=say("Rename first, then merge on the shared column: domains[[\"id\", \"name\"]].rename(columns={\"id\": "
             "\"domain\", \"name\": \"domain_name\"}), then real_cases.merge(that, on=\"domain\").",
             "Döp om först och slå sedan ihop på den gemensamma kolumnen: domains[[\"id\", \"name\"]].rename(columns="
             "{\"id\": \"domain\", \"name\": \"domain_name\"}), sedan real_cases.merge(den, on=\"domain\")."),
)

_question(
    id="02.q4",
    kind="chart",
    claims=("S09",),
    points=2,
    checker=chart(_inspect_domain_chart),
    hint=say("Count first, then plot: counts = tasks[tasks[\"label\"] == \"KPO\"].groupby(\"domain\").size(); "
             "fig, ax = plt.subplots(); ax.bar(counts.index, counts.values); then a title and both axis labels.",
             "Räkna först, rita sedan: counts = tasks[tasks[\"label\"] == \"KPO\"].groupby(\"domain\").size(); "
             "fig, ax = plt.subplots(); ax.bar(counts.index, counts.values); sedan rubrik och etiketter på båda axlarna."),
)

_question(
    id="02.q5",
    kind="judgement",
    claims=("S06", "S09"),
    checker=_health_check,
    hint=say("Ignore the hospital setting and ask of each task: does it need medical or scientific judgement, or "
             "does it follow fixed rules?",
             "Bortse från sjukhusmiljön och fråga för varje uppgift: kräver den medicinskt eller vetenskapligt omdöme, "
             "eller följer den fasta regler?"),
)
