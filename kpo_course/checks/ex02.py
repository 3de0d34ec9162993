"""Exercise 02, a case: a medical-device maker maps its knowledge work to the KPO domains (lesson 02).

The firm, Norrsken Medical, is made up; its tasks come from the course's drill (``tasks.yaml``)
and the domains and cases are the course's (``domains.yaml``, ``cases.yaml``). Every expected
value is computed from ``kpo.data`` when a check runs.
"""
from __future__ import annotations

import math
from typing import Any, Mapping

from ..i18n import LANGUAGES, localize
from . import collector
from .charts import bar_data, chart, chart_text_problem
from .kinds import Text, Verdict, as_number, both, describe, is_table, labels_any, say, selection, shown
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
        for lang in LANGUAGES:
            names[str(localize(domain.name, lang)).strip().lower()] = domain.id
    return names


#: Tasks whose domain a real case's classification discusses: the task -> that case's id.
#: Eli Lilly outsourced statistical analysis and medical writing to TCS; lesson 02 says these
#: can count as R&D or healthcare, and ``cases.yaml`` lists both domains for the case.
TASK_CASES = {"trial_statistics": "eli_lilly_tcs", "medical_writing": "eli_lilly_tcs"}


def accepted_domains() -> dict[str, list[str]]:
    """Every defensible domain per task: the task's own first, then the ones its case's classification adds.

    >>> accepted_domains()["medical_writing"]
    ['research_and_development', 'healthcare']
    """
    from ..content import classification

    tasks = {t.id: t for t in _content().tasks}
    accepted: dict[str, list[str]] = {}
    for task_id in FIRM_TASKS:
        own = tasks[task_id].domain
        extra = list(classification(TASK_CASES[task_id]).ids("domains")) if task_id in TASK_CASES else []
        accepted[task_id] = [own, *(d for d in extra if d != own)]
    return accepted


def _also_notes() -> dict[tuple[str, str], Text]:
    """Why an alternative domain fits, from the case classification (its ``why``)."""
    from ..content import classification

    notes: dict[tuple[str, str], Text] = {}
    for task_id, labels in accepted_domains().items():
        if task_id in TASK_CASES:
            case = classification(TASK_CASES[task_id])
            for label in labels[1:]:
                why = case.why("domains", label)
                if why:
                    notes[(task_id, label)] = why
    return notes


def _domain_labels_check(answer: Any) -> Verdict:
    content = _content()
    tasks = {t.id: t for t in content.tasks}
    domains = {d.id: d for d in content.domains}
    accepted = accepted_domains()
    why = {i: both(lambda lang, t=tasks[i]: (
        f"({t.id}: {' or '.join(accepted[t.id])}. {localize(t.reason, lang)})" if lang == "en" else
        f"({t.id}: {' eller '.join(accepted[t.id])}. {localize(t.reason, lang)})"))
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
    return labels_any(accepted, feedback=why, allowed=list(domains), also=_also_notes())(answer)


# --------------------------------------------------------------------------- q2: real cases per domain


def _real_cases(include_teaching: bool = False, include_acquisitions: bool = False) -> Any:
    """The cases where a firm had knowledge work done, by a vendor or its own unit (not the teaching example,
    not an acquisition, which is a provider changing owner)."""
    frame = _data().cases()
    keep = frame["engagement"].fillna("").ne("acquisition") | include_acquisitions
    if not include_teaching:
        keep = keep & ~frame["teaching_case"].astype(bool)
    return frame[keep.astype(bool)]


def _cases_per_domain(include_teaching: bool = False, include_acquisitions: bool = False) -> dict[str, int]:
    frame = _real_cases(include_teaching, include_acquisitions)
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
            f"Expected a pandas Series, one count per domain with the domain ids as labels (what "
            f".groupby(\"domain\").size() gives), but got {describe(answer)['en']}.",
            f"Förväntade en pandas Series, ett antal per domän med domänernas id som etiketter (det "
            f".groupby(\"domain\").size() ger), men fick {describe(answer)['sv']}."),
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
    if counts == _cases_per_domain(include_teaching=True, include_acquisitions=True):
        return Verdict(False, say(
            "You counted every row. Two are not cases of a firm outsourcing knowledge work: the article's teaching "
            "example (teaching_case True, no real firm) and Thomson Reuters' purchase of Pangea3 (engagement "
            "\"acquisition\"). Keep the rest with two conditions, each in brackets: "
            "cases[(~cases[\"teaching_case\"]) & (cases[\"engagement\"] != \"acquisition\")].",
            "Du räknade alla rader. Två är inte fall där ett företag lägger ut kunskapsarbete: artikelns "
            "undervisningsexempel (teaching_case True, inget verkligt företag) och Thomson Reuters köp av Pangea3 "
            "(engagement \"acquisition\"). Behåll resten med två villkor, vart och ett inom parentes: "
            "cases[(~cases[\"teaching_case\"]) & (cases[\"engagement\"] != \"acquisition\")]."), {"reason": "all_rows"})
    if counts == _cases_per_domain(include_acquisitions=True):
        return Verdict(False, say(
            "You counted Thomson Reuters' purchase of Pangea3 (engagement \"acquisition\"). Buying a provider is "
            "the provider industry changing owners, not a firm outsourcing its own work: leave it out with a second "
            "condition, (cases[\"engagement\"] != \"acquisition\").",
            "Du räknade med Thomson Reuters köp av Pangea3 (engagement \"acquisition\"). Att köpa en leverantör är "
            "att leverantörsbranschen byter ägare, inte att ett företag lägger ut sitt eget arbete: ta bort det med "
            "ett andra villkor, (cases[\"engagement\"] != \"acquisition\")."), {"reason": "acquisition"})
    if counts == _cases_per_domain(include_teaching=True):
        return Verdict(False, say(
            "You counted the article's teaching example too (the manufacturer, teaching_case True): it is no real "
            "firm. Leave it out too: (~cases[\"teaching_case\"]) & (cases[\"engagement\"] != \"acquisition\").",
            "Du räknade med artikelns undervisningsexempel (tillverkaren, teaching_case True): det är inget verkligt "
            "företag. Ta bort det också: (~cases[\"teaching_case\"]) & (cases[\"engagement\"] != \"acquisition\")."),
            {"reason": "teaching_case"})
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
    return _real_cases().merge(names, on="domain")


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
        bought = set(cases.loc[cases["engagement"].fillna("").eq("acquisition"), "firm"].astype(str))
        if firms & bought and len(answer) == len(_case_domains()) + len(bought):
            return Verdict(False, say(
                "Thomson Reuters' purchase of Pangea3 is in the table: an acquisition, not outsourcing. Merge "
                "real_cases from question 2, which leaves it out.",
                "Thomson Reuters köp av Pangea3 finns med i tabellen: ett förvärv, inte outsourcing. Slå ihop "
                "real_cases från fråga 2, där det är borttaget."), {"reason": "acquisition"})
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
        given = describe(answer)
        return Verdict(False, say(
            f"Expected a list of task ids in square brackets, e.g. [\"side_effect_review\"], but got {given['en']}.",
            f"Förväntade en lista med uppgifternas id inom hakparenteser, t.ex. [\"side_effect_review\"], men fick "
            f"{given['sv']}."), {"reason": "type"})
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
    worked=say("trial_statistics and medical_writing: research_and_development (a clinical trial is the development "
               "stage of a new product), or healthcare (it is medical work): the lesson accepts either, as for Eli "
               "Lilly's work with TCS. stress_simulation: technical_analysis. side_effect_review: healthcare. "
               "contract_review: legal_services. demand_forecast: data_analysis. market_entry_study: "
               "business_operations. value_acquisition_target: financial_consulting. Seven of the eight domains turn "
               "up in one medical-device maker; only investments is missing. KPO is a kind of work, not an industry.",
               "trial_statistics och medical_writing: research_and_development (en klinisk prövning är "
               "utvecklingsskedet för en ny produkt), eller healthcare (det är medicinskt arbete): lektionen godtar "
               "båda, som för Eli Lillys arbete med TCS. stress_simulation: technical_analysis. side_effect_review: "
               "healthcare. contract_review: legal_services. demand_forecast: data_analysis. market_entry_study: "
               "business_operations. value_acquisition_target: financial_consulting. Sju av de åtta domänerna finns "
               "hos en enda tillverkare av medicinteknik; bara investments saknas. KPO är ett slags arbete, inte en "
               "bransch."),
)

_question(
    id="02.q2",
    kind="pandas",
    claims=("S09",),
    checker=_cases_per_domain_check,
    hint=say("Two conditions, each in brackets, joined by &: "
             "real_cases = cases[(~cases[\"teaching_case\"]) & (cases[\"engagement\"] != \"acquisition\")]; "
             "then real_cases.groupby(\"domain\").size().",
             "Två villkor, vart och ett inom parentes, förenade med &: "
             "real_cases = cases[(~cases[\"teaching_case\"]) & (cases[\"engagement\"] != \"acquisition\")]; "
             "sedan real_cases.groupby(\"domain\").size()."),
    worked=say("real_cases = cases[(~cases[\"teaching_case\"]) & (cases[\"engagement\"] != \"acquisition\")], then "
               "real_cases.groupby(\"domain\").size(). Technical analysis is missing: the course's sources hold no "
               "real case of it (domains[\"case\"] is empty for it). A missing row is a zero in our data, not in the "
               "world.",
               "real_cases = cases[(~cases[\"teaching_case\"]) & (cases[\"engagement\"] != \"acquisition\")], sedan "
               "real_cases.groupby(\"domain\").size(). Technical analysis saknas: kursens källor har inget verkligt "
               "fall av det (domains[\"case\"] är tom för den). En rad som saknas är en nolla i våra data, inte i "
               "världen."),
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
    worked=say("domain_names = domains[[\"id\", \"name\"]].rename(columns={\"id\": \"domain\", \"name\": "
               "\"domain_name\"}); case_domains = real_cases.merge(domain_names, on=\"domain\")[[\"firm\", \"vendor\", "
               "\"year\", \"domain_name\"]]. Where vendor is empty the firm used a unit of its own. Legal services has "
               "Rio Tinto with CPA Global (2009); R&D has two drug makers that bought clinical data work from "
               "providers, Pfizer from Cognizant and Eli Lilly from TCS.",
               "domain_names = domains[[\"id\", \"name\"]].rename(columns={\"id\": \"domain\", \"name\": "
               "\"domain_name\"}); case_domains = real_cases.merge(domain_names, on=\"domain\")[[\"firm\", \"vendor\", "
               "\"year\", \"domain_name\"]]. Där vendor är tom använde företaget en egen enhet. Juridiska tjänster har "
               "Rio Tinto med CPA Global (2009); FoU har två läkemedelsföretag som köpte arbete med kliniska data av "
               "leverantörer, Pfizer av Cognizant och Eli Lilly av TCS."),
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
    worked=say("Every domain has two KPO tasks, legal services three: the task list was written to cover all eight "
               "domains, so the chart describes the teaching material, not the KPO market.",
               "Varje domän har två KPO-uppgifter, juridiska tjänster tre: uppgiftslistan skrevs för att täcka alla "
               "åtta domäner, så diagrammet beskriver undervisningsmaterialet, inte KPO-marknaden."),
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
    worked=say("KPO: side_effect_review and clinical_data_management: judging side effects and managing trial data "
               "to regulators' standards need medical and scientific expertise. Booking appointments, converting "
               "documents and checking claim forms follow fixed rules: BPO in a hospital as anywhere else. A domain "
               "says where knowledge work is found, not whether a job is knowledge work.",
               "KPO: side_effect_review och clinical_data_management: att bedöma biverkningar och hantera "
               "prövningsdata enligt myndigheternas krav kräver medicinsk och naturvetenskaplig expertis. Att boka "
               "tider, konvertera dokument och kontrollera ersättningsblanketter följer fasta regler: BPO på ett "
               "sjukhus som överallt annars. En domän säger var kunskapsarbete finns, inte om ett arbete är "
               "kunskapsarbete."),
)
