"""Exercise 06, deciding on KPO: choosing a location, and market estimates that disagree (lesson 06).

Kearney's GSLI 2023 weights are real (``kpo.models.GSLI_2023_WEIGHTS``); the location scores
are ILLUSTRATIVE, made up for the exercise (:data:`ILLUSTRATIVE_SCORES`, the same table the
notebook builds). Ranks and market estimates come from the course data, read when an answer
is checked, in the learner's language.
"""
from __future__ import annotations

import math
from typing import Any

from . import collector
from .charts import axes_label_problem, figure_check
from .kinds import Verdict, as_number, location_key, names_text, number_text, refuse_tables, say, selection, shown, wrong_type
from .tables import as_mapping

#: ILLUSTRATIVE dimension scores (0-10) for four made-up locations: not Kearney's data.
ILLUSTRATIVE_SCORES: dict[str, dict[str, float]] = {
    "Location A": {"financial_attractiveness": 9, "people_skills_and_availability": 5,
                   "business_environment": 4, "digital_resonance": 4},
    "Location B": {"financial_attractiveness": 5, "people_skills_and_availability": 7,
                   "business_environment": 8, "digital_resonance": 8},
    "Location C": {"financial_attractiveness": 7, "people_skills_and_availability": 8,
                   "business_environment": 6, "digital_resonance": 6},
    "Location D": {"financial_attractiveness": 6, "people_skills_and_availability": 6,
                   "business_environment": 6, "digital_resonance": 9},
}
WHOLE_OUTSOURCING_MARKET = "mordor_outsourcing_services"
ESTIMATE_YEAR = 2026


# --------------------------------------------------------------------------- 06.q1 - 06.q3
def _gsli_totals() -> dict[str, float]:
    from ..models import gsli_score
    return {str(k): float(v) for k, v in gsli_score(ILLUSTRATIVE_SCORES).items()}


def _plain_means() -> dict[str, float]:
    return {k: sum(v.values()) / len(v) for k, v in ILLUSTRATIVE_SCORES.items()}


def _matches(given: dict[str, Any], want: dict[str, float], tolerance: float, scale: float = 1.0) -> bool:
    if sorted(given) != sorted(want):
        return False
    values = {k: as_number(v) for k, v in given.items()}
    return all(values[k] is not None and abs(values[k] - want[k] * scale) <= tolerance for k in want)


def _gsli_totals_check(answer: Any) -> Verdict:
    given = as_mapping(answer)
    if given is None:
        return wrong_type("one total per location, labelled by its name, as kpo.models.gsli_score returns it (a pandas Series)",
                          "en total per land, märkt med dess namn, som kpo.models.gsli_score ger den (en pandas Series)", answer)
    want = _gsli_totals()
    if sorted(given) != sorted(want):
        return Verdict(False, say(
            f"Give one total for each location, with its name: {', '.join(sorted(want))}.",
            f"Ge en total för varje land, med dess namn: {', '.join(sorted(want))}."), {"reason": "keys"})
    if _matches(given, want, 0.01):
        best = max(want, key=want.get)
        return Verdict(True, say(
            f"Right: with Kearney's 2023 weights {best} comes first ({number_text(want[best], 2)['en']} out of "
            "10, illustrative scores).",
            f"Rätt: med Kearneys vikter från 2023 hamnar {best} först ({number_text(want[best], 2)['sv']} av 10, "
            "påhittade poäng)."), {})
    if _matches(given, _plain_means(), 0.01):
        return Verdict(False, say(
            "Those are plain averages: every dimension counted the same. Use the GSLI weights 35/25/25/15: "
            "kpo.models.gsli_score does.",
            "Det där är vanliga medelvärden: alla dimensioner väger lika. Använd GSLI-vikterna 35/25/25/15: "
            "kpo.models.gsli_score gör det."), {"reason": "unweighted"})
    if _matches(given, want, 1.0, scale=100):
        return Verdict(False, say(
            "Your totals are 100 times too large: the weights are percentages. Use 0.35, 0.25, 0.25 and 0.15.",
            "Dina totaler är 100 gånger för stora: vikterna är procent. Använd 0,35, 0,25, 0,25 och 0,15."),
            {"reason": "percent"})
    wrong = [k for k in want if as_number(given[k]) is None or abs(as_number(given[k]) - want[k]) > 0.01]
    return Verdict(False, say(
        f"The total is not right for {', '.join(wrong)} (tolerance 0.01). Each total is the sum of weight x score.",
        f"Totalen stämmer inte för {', '.join(wrong)} (tolerans 0,01). Varje total är summan av vikt x poäng."),
        {"reason": "values", "wrong": wrong})


_LOCATION_FEEDBACK = {
    "a": say("Location A is the cheapest (financial attractiveness 9), but weak on everything else: its weighted total is the lowest.",
             "Location A är billigast (finansiell attraktivitet 9) men svagt på allt annat: den viktade totalen är lägst."),
    "b": say("Location B has the best plain average (7.0), but it is weakest where the weight is largest: "
             "financial attractiveness counts 35%.",
             "Location B har bäst vanligt medelvärde (7,0), men är svagast där vikten är störst: finansiell "
             "attraktivitet väger 35 procent."),
    "d": say("Location D leads on digital resonance, but that dimension weighs only 15%.",
             "Location D leder på digital resonans, men den dimensionen väger bara 15 procent."),
}


def _chosen_location_check(answer: Any) -> Verdict:
    if not isinstance(answer, str):
        return wrong_type('the location\'s name as text, e.g. "Location A"', 'landets namn som text, t.ex. "Location A"', answer)
    totals = _gsli_totals()
    best = max(totals, key=totals.get)
    keys = {location_key(name): name for name in totals}
    key = location_key(answer)
    if key not in keys:
        return Verdict(False, say(f"{shown(answer)} is not one of the locations: {', '.join(sorted(totals))}.",
                                  f"{shown(answer)} är inte ett av länderna: {', '.join(sorted(totals))}."),
                       {"reason": "unknown_option"})
    if keys[key] == best:
        return Verdict(True, say(
            f"Right: {best} has the highest weighted total. With other weights the choice could change: "
            "the weights are a judgement, not a fact.",
            f"Rätt: {best} har högst viktad total. Med andra vikter kunde valet bli ett annat: vikterna är en "
            "bedömning, inte ett faktum."), {"value": best})
    return Verdict(False, _LOCATION_FEEDBACK.get(key, say(
        f"{keys[key]} does not have the highest weighted total.", f"{keys[key]} har inte högst viktad total.")),
        {"value": keys[key]})


def _deciding() -> tuple[str, str, str]:
    from ..models import GSLI_2023_WEIGHTS, deciding_criterion, weighted_scores
    result = weighted_scores(GSLI_2023_WEIGHTS, ILLUSTRATIVE_SCORES)
    return str(deciding_criterion(result)), result.winner, str(result.runner_up)


def _deciding_check(answer: Any) -> Verdict:
    from ..models import GSLI_2023_WEIGHTS

    if not isinstance(answer, str):
        return wrong_type('a dimension id as text, e.g. "digital_resonance"', 'en dimensions id som text, t.ex. "digital_resonance"', answer)
    key = answer.strip().lower()
    if key not in GSLI_2023_WEIGHTS:
        listed = ", ".join(f'"{d}"' for d in GSLI_2023_WEIGHTS)
        return Verdict(False, say(f"{shown(answer)} is not one of the dimension ids: {listed}.",
                                  f"{shown(answer)} är inte ett av dimensionernas id: {listed}."),
                       {"reason": "unknown_option"})
    deciding, winner, runner_up = _deciding()
    scores = ILLUSTRATIVE_SCORES
    part = {d: GSLI_2023_WEIGHTS[d] * (scores[winner][d] - scores[runner_up][d]) for d in GSLI_2023_WEIGHTS}
    if key == deciding:
        return Verdict(True, say(
            f"Right: {key} adds {number_text(part[key], 2)['en']} to {winner}'s lead over {runner_up}, more than "
            "any other dimension.",
            f"Rätt: {key} ger {winner} {number_text(part[key], 2)['sv']} av försprånget före {runner_up}, mer än "
            "någon annan dimension."),
            {"value": key})
    if part[key] > 0:
        return Verdict(False, say(
            f"{key} does help {winner} (+{number_text(part[key], 2)['en']}), but {deciding} adds more "
            f"(+{number_text(part[deciding], 2)['en']}).",
            f"{key} hjälper {winner} (+{number_text(part[key], 2)['sv']}), men {deciding} ger mer "
            f"(+{number_text(part[deciding], 2)['sv']})."),
            {"value": key})
    return Verdict(False, say(
        f"On {key} {runner_up} is ahead of {winner}: it works against the winner ({number_text(part[key], 2)['en']}).",
        f"På {key} ligger {runner_up} före {winner}: den drar ned vinnaren ({number_text(part[key], 2)['sv']})."),
        {"value": key})


# --------------------------------------------------------------------------- 06.q4
def _top_five(year: int) -> tuple[list[str], list[str]]:
    from .. import data
    ranks = data.gsli_ranks()
    top = ranks[(ranks["year"] == year) & (ranks["rank"] <= 5)].sort_values("rank")
    return [str(c) for c in top["country"]], [str(c) for c in top["country_id"]]


def _top_five_in_every_language(year: int) -> list[list[str]]:
    """The year's top five as country names in each course language, and as ids: the learner's
    kernel may speak another language than the process that judges (``kpo-course grade``)."""
    from ..content import load
    from ..i18n import LANGUAGES, localize
    gsli = load().gsli
    names = {c.id: c.name for c in gsli.countries}
    ids = [r.country for r in sorted((r for r in gsli.ranks if r.year == year and r.rank <= 5), key=lambda r: r.rank)]
    return [[str(localize(names[i], language)) for i in ids] for language in LANGUAGES] + [ids]


def _top_five_check(answer: Any) -> Verdict:
    import pandas as pd

    if isinstance(answer, pd.Series):
        answer = answer.tolist()
    if isinstance(answer, pd.DataFrame):
        return Verdict(False, say(
            "That is a table. Take its country column as a list: top[\"country\"].tolist().",
            "Det där är en tabell. Ta landskolumnen som en lista: top[\"country\"].tolist()."), {"reason": "table"})
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)):
        return wrong_type("a list of five country names in square brackets, e.g. [\"India\", ...]", "en lista med fem länder inom hakparenteser, t.ex. [\"India\", ...]", answer)
    if len(answer) > 1000:
        return Verdict(False, say("That list is far too long: five countries.", "Listan är alldeles för lång: fem länder."),
                       {"reason": "too_long"})
    given = [a.strip().lower() if isinstance(a, str) else None for a in answer]
    names, ids = _top_five(2023)
    for want in (names, *_top_five_in_every_language(2023)):
        low = [w.lower() for w in want]
        if given == low:
            return Verdict(True, say(
                f"Right: {', '.join(names)} (Kearney GSLI 2023). India also led the 2021 edition.",
                f"Rätt: {', '.join(names)} (Kearney GSLI 2023). Indien ledde också 2021 års utgåva."), {})
        if sorted(g or "" for g in given) == sorted(low):
            return Verdict(False, say("The right five countries, in the wrong order: sort by rank.",
                                      "Rätt fem länder men i fel ordning: sortera på rank."), {"reason": "order"})
    for want in _top_five_in_every_language(2021):
        if given == [w.lower() for w in want]:
            return Verdict(False, say("That is the 2021 edition's top five. Filter on year == 2023.",
                                      "Det är topp fem i 2021 års utgåva. Filtrera på year == 2023."), {"reason": "2021"})
    if len(given) != 5:
        return Verdict(False, say(f"Expected five countries, got {len(given)}: keep rank <= 5 of 2023.",
                                  f"Förväntade fem länder, fick {len(given)}: behåll rank <= 5 för 2023."),
                       {"reason": "length"})
    return Verdict(False, say("Not the 2023 top five. Filter year == 2023 and rank <= 5, then sort by rank.",
                              "Inte topp fem 2023. Filtrera year == 2023 och rank <= 5, och sortera sedan på rank."),
                   {"reason": "values"})


# --------------------------------------------------------------------------- 06.q5
def _spreads(include_whole_market: bool = False) -> dict[str, float]:
    from .. import data
    estimates = data.market_estimates()
    if not include_whole_market:
        estimates = estimates[estimates["id"] != WHOLE_OUTSOURCING_MARKET]
    spread = estimates.groupby("base_year")["base_value_usd_bn"].agg(lambda s: s.max() - s.min())
    return {str(k): float(v) for k, v in spread.items()}


def _spread_check(answer: Any) -> Verdict:
    want = _spreads()
    year = str(ESTIMATE_YEAR)
    value = as_number(answer)
    if value is not None:
        if abs(value - want[year]) <= 0.01:
            return Verdict(False, say(
                f"That is the {year} spread, right, but the question asks for the Series with one spread per base year "
                "(group by base_year).",
                f"Det är spridningen för {year}, och den stämmer, men frågan gäller en Series med en spridning per basår "
                "(gruppera på base_year)."), {"reason": "number"})
        if abs(value - _spreads(include_whole_market=True)[year]) <= 0.01:
            return Verdict(False, say(
                "That spread includes Mordor Intelligence's US$1,020bn, the whole outsourcing market. Drop that row, "
                "and give a Series with one spread per base year.",
                "Den spridningen räknar med Mordor Intelligences 1 020 miljarder US-dollar, hela outsourcingmarknaden. "
                "Ta bort den raden, och ge en Series med en spridning per basår."), {"reason": "whole_market"})
        return Verdict(False, say("Expected a Series with one spread per base year, not one number.",
                                  "Förväntade en Series med en spridning per basår, inte ett enda tal."), {"reason": "number"})
    given = as_mapping(answer)
    if given is None:
        return wrong_type("one value per base year, labelled by the year (a pandas Series)", "ett värde per basår, märkt med året (en pandas Series)", answer)
    if sorted(given) != sorted(want):
        return Verdict(False, say(
            f"Expected one value for each base year ({', '.join(want)}); got {names_text(given) or 'none'}. "
            "Group by base_year.",
            f"Förväntade ett värde för varje basår ({', '.join(want)}); fick {names_text(given) or 'inga'}. "
            "Gruppera på base_year."), {"reason": "keys"})
    if _matches(given, want, 0.01):
        lowest = min(_estimates_of_year().values())
        return Verdict(True, say(
            f"Right: for {year} the KPO estimates differ by US${number_text(want[year], 2)['en']}bn, about "
            f"{want[year] / lowest:.0%} of the lowest. The other years have only one estimate each.",
            f"Rätt: för {year} skiljer sig uppskattningarna av KPO-marknaden åt med {number_text(want[year], 2)['sv']} miljarder "
            f"US-dollar, omkring {want[year] / lowest * 100:.0f} procent av den lägsta. De andra åren har bara en "
            "uppskattning var."), {})
    if _matches(given, _spreads(include_whole_market=True), 0.01):
        return Verdict(False, say(
            "You kept Mordor Intelligence's US$1,020bn: that is the whole outsourcing services market, not KPO. "
            f"Drop the row with id \"{WHOLE_OUTSOURCING_MARKET}\".",
            "Du behöll Mordor Intelligences 1 020 miljarder US-dollar: det är hela marknaden för outsourcingtjänster, "
            f"inte KPO. Ta bort raden med id \"{WHOLE_OUTSOURCING_MARKET}\"."), {"reason": "whole_market"})
    return Verdict(False, say(
        "The years are right but some spreads are not. The spread is max minus min of base_value_usd_bn in each year.",
        "Åren stämmer men några spridningar inte. Spridningen är max minus min av base_value_usd_bn för varje år."),
        {"reason": "values"})


# --------------------------------------------------------------------------- 06.q6
def _estimates_of_year(include_whole_market: bool = False) -> dict[str, float]:
    from .. import data
    estimates = data.market_estimates()
    rows = estimates[(estimates["base_year"] == ESTIMATE_YEAR) & estimates["base_value_usd_bn"].notna()]
    if not include_whole_market:
        rows = rows[rows["id"] != WHOLE_OUTSOURCING_MARKET]
    return {str(p): float(v) for p, v in zip(rows["publisher"], rows["base_value_usd_bn"])}


def _bar_values(ax: Any) -> list[float] | None:
    from matplotlib.patches import Rectangle

    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    if not bars:
        return None
    heights = [float(p.get_height()) for p in bars]
    widths = [float(p.get_width()) for p in bars]
    lefts = [float(p.get_x()) for p in bars]
    if all(abs(x) < 1e-9 for x in lefts) and len(set(round(h, 9) for h in heights)) == 1:
        return widths  # horizontal bars: same height, all start at 0
    return heights


def _inspect_estimates_chart(ax: Any) -> Verdict | None:
    want = _estimates_of_year()
    values = _bar_values(ax)
    if values is None:
        return Verdict(False, say("Draw bars: ax.bar(publishers, values).", "Rita staplar: ax.bar(publishers, values)."),
                       {"reason": "no_bars"})
    clean = [v for v in values if math.isfinite(v)]
    if any(abs(v - 1020) < 1 for v in clean):
        return Verdict(False, say(
            "The bar of about 1,020 is Mordor Intelligence's whole outsourcing market, not KPO: leave it out.",
            "Stapeln på omkring 1 020 är Mordor Intelligences hela outsourcingmarknad, inte KPO: ta bort den."),
            {"reason": "whole_market"})
    if len(clean) != len(want) or sorted(round(v, 2) for v in clean) != sorted(round(v, 2) for v in want.values()):
        listed = ", ".join(f"{p} {v:g}" for p, v in want.items())
        return Verdict(False, say(
            f"Expected {len(want)} bars, one per {ESTIMATE_YEAR} estimate of the KPO market ({listed}); "
            f"the chart has {len(clean)} with other heights.",
            f"Förväntade {len(want)} staplar, en per uppskattning av KPO-marknaden {ESTIMATE_YEAR} ({listed}); "
            f"diagrammet har {len(clean)} med andra höjder."), {"reason": "values"})
    names = " ".join(t.get_text() for t in [*ax.get_xticklabels(), *ax.get_yticklabels()])
    legend = ax.get_legend()
    if legend is not None:
        names += " " + " ".join(t.get_text() for t in legend.get_texts())
    missing = [p for p in want if p not in names]
    if missing:
        return Verdict(False, say(
            f"Name each bar with its publisher (missing: {', '.join(missing)}): ax.bar(publishers, values) does it.",
            f"Skriv ut utgivaren vid varje stapel (saknas: {', '.join(missing)}): ax.bar(publishers, values) gör det."),
            {"reason": "names"})
    return axes_label_problem(ax)


# --------------------------------------------------------------------------- 06.q7
REASON_OPTIONS = {
    "a": say("a is right: each publisher decides which services count as KPO and which as BPO or IT work.",
             "a stämmer: varje utgivare bestämmer själv vilka tjänster som räknas som KPO och vilka som BPO eller it."),
    "b": say("b is right: base years, methods and data differ from one study to the next.",
             "b stämmer: basår, metoder och data skiljer sig från en studie till nästa."),
    "c": say("c: nothing suggests a slip. Technavio's 18.76% a year, for one, fits its own base and forecast values.",
             "c: inget tyder på ett räknefel. Technavios 18,76 procent per år stämmer till exempel med dess egna bas- och prognosvärden."),
    "d": say("d: no estimate says the market shrank; 360iResearch gives 71.66 for 2025 and 83.88 for 2026.",
             "d: ingen uppskattning säger att marknaden krympte; 360iResearch anger 71,66 för 2025 och 83,88 för 2026."),
    "e": say("e is right: Mordor's US$1.02tn covers all outsourcing services, of which KPO is only a part.",
             "e stämmer: Mordors 1,02 biljoner US-dollar gäller alla outsourcingtjänster, där KPO bara är en del."),
}


_reasons_check = refuse_tables(
    say('a list of letters, e.g. ["a", "c"]', 'en lista med bokstäver, t.ex. ["a", "c"]'),
    selection(["a", "b", "e"], REASON_OPTIONS, right=say(
        "Right: a, b and e. Before you compare two market figures, check what each one counts, for which year and how.",
        "Rätt: a, b och e. Innan du jämför två marknadssiffror, kontrollera vad var och en räknar, för vilket år och hur.")),
)


# --------------------------------------------------------------------------- worked answers (shown after trying)
def _same(text: str) -> dict[str, str]:
    """A worked answer that is code only: the same in both languages."""
    return say(text, text)


WORKED = {
    "06.q1": _same("gsli_totals = kpo.models.gsli_score(illustrative_scores): for each location "
                   "0.35 × financial_attractiveness + 0.25 × people_skills_and_availability + 0.25 × "
                   "business_environment + 0.15 × digital_resonance."),
    "06.q2": _same("chosen_location = gsli_totals.index[0] (gsli_score puts the highest total first)."),
    "06.q3": _same("decision = kpo.models.weighted_scores(kpo.models.GSLI_2023_WEIGHTS, illustrative_scores); "
                   "deciding_dimension = kpo.models.deciding_criterion(decision)."),
    "06.q4": _same("top_five_2023 = ranks[(ranks[\"year\"] == 2023) & (ranks[\"rank\"] <= 5)]"
                   ".sort_values(\"rank\")[\"country\"].tolist()"),
    "06.q5": _same("kpo_estimates = estimates[estimates[\"id\"] != \"mordor_outsourcing_services\"]; spread_by_year = "
                   "kpo_estimates.groupby(\"base_year\")[\"base_value_usd_bn\"].agg(lambda s: s.max() - s.min())"),
    "06.q7": say("a, b and e: the publishers count different things (a, e) in different ways (b); nothing points to "
                 "a slip (c) or a shrinking market (d).",
                 "a, b och e: utgivarna räknar olika saker (a, e) på olika sätt (b); inget tyder på ett räknefel (c) "
                 "eller en krympande marknad (d)."),
}


QUESTIONS: list = []
_question = collector(QUESTIONS)


_question(
    id="06.q1",
    worked=WORKED["06.q1"],
    kind="calculation",
    claims=("S03", "S11", "S24"),
    points=1,
    checker=_gsli_totals_check,
    hint=say("gsli_totals = kpo.models.gsli_score(illustrative_scores): it uses Kearney's 2023 weights by default.",
             "gsli_totals = kpo.models.gsli_score(illustrative_scores): den använder Kearneys vikter från 2023 som standard."),
)

_question(
    id="06.q2",
    worked=WORKED["06.q2"],
    kind="judgement",
    claims=("S11", "S12", "S24"),
    points=1,
    checker=_chosen_location_check,
    hint=say("The location with the highest weighted total: gsli_totals.index[0] (gsli_score sorts best first).",
             "Landet med högst viktad total: gsli_totals.index[0] (gsli_score sorterar bäst först)."),
)

_question(
    id="06.q3",
    worked=WORKED["06.q3"],
    kind="calculation",
    claims=("S11", "S12"),
    points=1,
    checker=_deciding_check,
    hint=say("result = kpo.models.weighted_scores(kpo.models.GSLI_2023_WEIGHTS, illustrative_scores); "
             "then kpo.models.deciding_criterion(result).",
             "result = kpo.models.weighted_scores(kpo.models.GSLI_2023_WEIGHTS, illustrative_scores); "
             "sedan kpo.models.deciding_criterion(result)."),
)

_question(
    id="06.q4",
    worked=WORKED["06.q4"],
    kind="pandas",
    claims=("S03", "S04"),
    points=1,
    checker=_top_five_check,
    hint=say("ranks[(ranks[\"year\"] == 2023) & (ranks[\"rank\"] <= 5)].sort_values(\"rank\")[\"country\"].tolist()",
             "ranks[(ranks[\"year\"] == 2023) & (ranks[\"rank\"] <= 5)].sort_values(\"rank\")[\"country\"].tolist()"),
)

_question(
    id="06.q5",
    worked=WORKED["06.q5"],
    kind="pandas",
    claims=("S05", "S06"),
    points=2,
    checker=_spread_check,
    hint=say("kpo_only = estimates[estimates[\"id\"] != \"mordor_outsourcing_services\"]; then "
             "kpo_only.groupby(\"base_year\")[\"base_value_usd_bn\"].agg(lambda s: s.max() - s.min()).",
             "kpo_only = estimates[estimates[\"id\"] != \"mordor_outsourcing_services\"]; sedan "
             "kpo_only.groupby(\"base_year\")[\"base_value_usd_bn\"].agg(lambda s: s.max() - s.min())."),
)

_question(
    id="06.q6",
    kind="chart",
    claims=("S05", "S06"),
    points=2,
    checker=figure_check(_inspect_estimates_chart),
    hint=say("Keep base_year == 2026 without the whole-market row; fig, ax = plt.subplots(); "
             "ax.bar(rows[\"publisher\"], rows[\"base_value_usd_bn\"]); then set_title, set_xlabel, set_ylabel.",
             "Behåll base_year == 2026 utan raden för hela marknaden; fig, ax = plt.subplots(); "
             "ax.bar(rows[\"publisher\"], rows[\"base_value_usd_bn\"]); sedan set_title, set_xlabel, set_ylabel."),
)

_question(
    id="06.q7",
    worked=WORKED["06.q7"],
    kind="judgement",
    claims=("S01", "S05", "S06"),
    points=1,
    checker=_reasons_check,
    hint=say("Three reasons are right. Read the scope column of the estimates table.",
             "Tre skäl stämmer. Läs kolumnen scope i tabellen med uppskattningar."),
)
