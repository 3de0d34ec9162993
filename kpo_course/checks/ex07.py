"""Exercise 07, the capstone: a manufacturer considers outsourcing its production-process analytics.

The manufacturer is the source article's teaching example (claim S13). Every number of the
case is ILLUSTRATIVE, made up to practise the methods: the options' costs (:data:`OPTIONS`),
the decision matrix (:data:`CRITERIA_WEIGHTS`, :data:`OPTION_SCORES`) and the location scores
(:data:`LOCATION_SCORES`) are the same numbers the notebook gives. Only the GSLI 2023 weights
(Kearney) and Barthélemy's hidden costs are real.

The programme runs three years and then simply ends: nobody switches vendors or brings work back.
So every option, the in-house team too, pays to start (hiring, or search and contracting), to get
going (ramp-up, or transition) and to end (winding the team down, or handing data and models back).
The cost model keeps that one-off end cost in ``switching_back`` and counts it in the last month
when asked (``include_switching_back=True``).
"""
from __future__ import annotations

import math
from typing import Any

from . import collector
from .charts import axes_label_problem, figure_check
from .expected import residual_scores
from .kinds import (Verdict, as_number, both, location_key, number, number_text, refuse_tables, say, selection, shown,
                    wrong_type)
from .tables import as_mapping

HORIZON_MONTHS = 36

#: ILLUSTRATIVE options, as keyword arguments of kpo.models.Option (amounts in euros). Each pays to start,
#: to get going and to end the programme; ``switching_back`` holds the end cost (no switching happens).
OPTIONS: dict[str, dict[str, float]] = {
    "in_house": {"monthly_cost": 55_000,  # four analysts' salaries and overheads
                 "search_and_contracting": 30_000,  # recruiting four specialists
                 "transition": 30_000, "transition_months": 3,  # ramp-up: training while they learn the plant
                 "switching_back": 60_000},  # wind-down: notice pay, or moving four people to other work
    "onshore_vendor": {"monthly_cost": 52_000, "search_and_contracting": 20_000, "transition": 45_000,
                       "transition_months": 3, "management_share": 0.05,
                       "switching_back": 25_000},  # handing data, models and documents back
    "offshore_vendor": {"monthly_cost": 27_000, "search_and_contracting": 40_000, "transition": 360_000,
                        "transition_months": 6, "management_share": 0.15, "rework_share": 0.05,
                        "switching_back": 40_000},  # handing data, models and documents back
}
BASELINE = "in_house"
CHOSEN = "offshore_vendor"

#: The firm's planned measures against the course's five risks (07.q5).
PLANNED_MITIGATIONS = ("nda_and_access_control", "sla_and_quality_reviews", "communication_plan")

#: ILLUSTRATIVE decision matrix (07.q7): weights in points, scores 1-5 (5 = best for the firm).
CRITERIA_WEIGHTS = {"cost": 30, "expertise": 25, "ip_risk": 20, "speed": 15, "communication": 10}
OPTION_SCORES = {
    "in_house": {"cost": 1, "expertise": 2, "ip_risk": 5, "speed": 2, "communication": 5},
    "onshore_vendor": {"cost": 2, "expertise": 4, "ip_risk": 4, "speed": 4, "communication": 4},
    "offshore_vendor": {"cost": 5, "expertise": 4, "ip_risk": 2, "speed": 3, "communication": 2},
}

#: ILLUSTRATIVE GSLI-style dimension scores (0-10) for four made-up locations (07.q8).
LOCATION_SCORES = {
    "Location P": {"financial_attractiveness": 9, "people_skills_and_availability": 7,
                   "business_environment": 4, "digital_resonance": 5},
    "Location Q": {"financial_attractiveness": 6, "people_skills_and_availability": 6,
                   "business_environment": 8, "digital_resonance": 6},
    "Location R": {"financial_attractiveness": 7, "people_skills_and_availability": 6,
                   "business_environment": 6, "digital_resonance": 6},
    "Location S": {"financial_attractiveness": 5, "people_skills_and_availability": 5,
                   "business_environment": 9, "digital_resonance": 8},
}
MIN_BUSINESS_ENVIRONMENT = 5


# --------------------------------------------------------------------------- 07.q1
REASON_OPTIONS = {
    "a": say("a is right: nobody at the firm has analysed process data with these methods: the expertise is not in-house.",
             "a stämmer: ingen på företaget har analyserat processdata med de här metoderna: kompetensen finns inte internt."),
    "b": say("b is right: a three-year programme is a special project; the firm need not hire experts permanently, full time.",
             "b stämmer: ett treårigt program är ett särskilt projekt; företaget behöver inte anställa experter permanent på heltid."),
    "c": say("c: typing in invoices is routine operational work, BPO, and not what this project is about.",
             "c: att mata in fakturor är rutinmässigt operativt arbete, BPO, och inte vad projektet handlar om."),
    "d": say("d is right: that is the article's own example of a manufacturer using KPO.",
             "d stämmer: det är artikelns eget exempel på en tillverkare som använder KPO."),
    "e": say("e: production is the firm's core business (kärnverksamhet); KPO helps it improve production, not give it up.",
             "e: produktionen är företagets kärnverksamhet; KPO hjälper det att förbättra produktionen, inte att lämna den."),
}


_reasons_check = refuse_tables(
    say('a list of letters, e.g. ["a", "c"]', 'en lista med bokstäver, t.ex. ["a", "c"]'),
    selection(["a", "b", "d"], REASON_OPTIONS, right=say(
        "Right: a, b and d. Missing expertise, a special project and a leaner production process: "
        "the article's reasons for KPO.",
        "Rätt: a, b och d. Kompetens som saknas, ett särskilt projekt och en effektivare produktionsprocess: "
        "artikelns skäl för KPO.")),
)


# --------------------------------------------------------------------------- 07.q2, 07.q3, 07.q4
def _options(**changes: dict) -> dict[str, Any]:
    from ..models import Option
    return {name: Option(name, **{**settings, **changes.get(name, {})}) for name, settings in OPTIONS.items()}


def _totals(include_switching_back: bool = True) -> dict[str, float]:
    from ..models import total_cost
    return {name: total_cost(option, HORIZON_MONTHS, include_switching_back=include_switching_back)
            for name, option in _options().items()}


def _close(given: dict[str, float | None], want: dict[str, float], tolerance: float = 1.0) -> list[str]:
    """The keys whose value is not within ``tolerance`` of ``want``."""
    return [k for k in want if given.get(k) is None or abs(given[k] - want[k]) > tolerance]


def _total_costs_check(answer: Any) -> Verdict:
    import pandas as pd

    if isinstance(answer, pd.DataFrame) and answer.shape[1] > 1:
        return Verdict(False, say(
            "That is the whole running table. Take its last row, the totals after 36 months: table.iloc[-1].",
            "Det är hela tabellen med löpande summor. Ta dess sista rad, totalerna efter 36 månader: table.iloc[-1]."),
            {"reason": "table"})
    given = as_mapping(answer)
    if given is None:
        return wrong_type("one total per option, labelled by its id (the last row of cumulative_costs, or a dict such as "
                          "{\"in_house\": ..., ...})",
                          "en total per alternativ, märkt med dess id (sista raden i cumulative_costs, eller en dict som "
                          "{\"in_house\": ..., ...})", answer)
    want = _totals()
    if sorted(given) != sorted(want):
        return Verdict(False, say(f"Give exactly one total for each option: {', '.join(want)}.",
                                  f"Ge exakt en total för varje alternativ: {', '.join(want)}."),
                       {"reason": "keys", "keys": sorted(given)[:10]})
    if any(type(v).__name__ == "Option" for v in given.values()):
        return Verdict(False, say("Those are the Option objects. Give each option's total cost: kpo.models.total_cost(option, 36, ...).",
                                  "Det där är Option-objekten. Ge varje alternativs totala kostnad: kpo.models.total_cost(option, 36, ...)."),
                       {"reason": "option"})
    if any(isinstance(v, str) for v in given.values()):
        return Verdict(False, say("Some totals are text. Write numbers without quotes, or give total_cost's result itself.",
                                  "Några totaler är text. Skriv talen utan citattecken, eller ge resultatet från total_cost direkt."),
                       {"reason": "text_number"})
    values = {k: as_number(v) for k, v in given.items()}
    wrong = _close(values, want)
    if not wrong:
        cheapest = min(want, key=want.get)
        saved = want[BASELINE] - want[cheapest]
        return Verdict(True, say(
            f"Right: {cheapest} is cheapest over three years, {number_text(saved)['en']} below in-house "
            f"({saved / want[BASELINE]:.0%}). The onshore vendor saves little: its fee is close to the team's salaries.",
            f"Rätt: {cheapest} är billigast på tre år, {number_text(saved)['sv']} under intern drift "
            f"({saved / want[BASELINE] * 100:.0f} procent). Leverantören inom landet sparar lite: dess "
            "avgift ligger nära den egna gruppens löner."), {})
    without = _totals(include_switching_back=False)
    if not _close(values, without):
        return Verdict(False, say(
            "You left out what ending the programme costs (the wind-down or the handover in month 36): "
            "ask for it by name, include_switching_back=True.",
            "Du glömde vad det kostar att avsluta programmet (avvecklingen eller överlämningen i månad 36): "
            "be om den med namn, include_switching_back=True."),
            {"reason": "switching_back"})
    bare = _bare_in_house_total()
    if wrong == [BASELINE] and values[BASELINE] is not None and abs(values[BASELINE] - bare) <= 1:
        return Verdict(False, _bare_in_house_message(), {"reason": "in_house_salaries_only"})
    doubled = [k for k in wrong if values[k] is not None
               and abs(values[k] - want[k] - OPTIONS[k].get("transition", 0)) <= 1 and OPTIONS[k].get("transition")]
    if doubled:
        return Verdict(False, say(
            f"You counted the transition cost twice for {', '.join(doubled)}: total_cost already includes transition=.",
            f"Du räknade övergångskostnaden två gånger för {', '.join(doubled)}: total_cost tar redan med transition=."),
            {"reason": "transition_twice", "options": doubled})
    return Verdict(False, say(
        f"Not right for {', '.join(wrong)} (tolerance 1). Check each Option's amounts against the table, "
        "36 months, include_switching_back=True.",
        f"Stämmer inte för {', '.join(wrong)} (tolerans 1). Jämför varje Options belopp med tabellen, "
        "36 månader, include_switching_back=True."), {"reason": "values", "wrong": wrong})


def _bare_in_house_total() -> float:
    """The in-house total if only the salaries are counted (the slip 07.q2 and 07.q3 name)."""
    return OPTIONS[BASELINE]["monthly_cost"] * HORIZON_MONTHS


def _bare_in_house_message() -> dict[str, str]:
    team = OPTIONS[BASELINE]
    hiring, ramp, end = (number_text(team[k]) for k in ("search_and_contracting", "transition", "switching_back"))
    return say(
        f"Your in_house counts only the salaries. The firm's own team has costs beyond its pay too: hiring "
        f"({hiring['en']}), ramp-up while the analysts learn the plant ({ramp['en']}) and winding the team down when "
        f"the programme ends ({end['en']}). Give in_house all four amounts of the table.",
        f"Din in_house räknar bara lönerna. Den egna gruppen kostar också mer än lönerna: rekrytering "
        f"({hiring['sv']}), upplärning medan analytikerna lär sig fabriken ({ramp['sv']}) och avveckling av gruppen "
        f"när programmet slutar ({end['sv']}). Ge in_house alla fyra beloppen i tabellen.")


def _break_even(option: str) -> int | None:
    from ..models import break_even_month
    options = _options()
    return break_even_month(options[BASELINE], options[option], HORIZON_MONTHS, include_switching_back=True)


def _break_even_check(answer: Any) -> Verdict:
    if type(answer).__name__ in {"DataFrame", "Series", "Option"}:
        return wrong_type("one month, a whole number such as 12", "en månad, ett heltal som 12", answer)
    value = as_number(answer)
    if value is not None and not float(value).is_integer():
        return Verdict(False, say("A month is a whole number from 1 to 36.", "En månad är ett heltal från 1 till 36."),
                       {"reason": "fraction"})
    month = _break_even(CHOSEN)
    other = _break_even("onshore_vendor")
    wrongs = [(month - 1, say(f"One month early: at the end of month {month - 1} the offshore vendor has still cost more in total.",
                              f"En månad för tidigt: i slutet av månad {month - 1} har leverantören utomlands fortfarande kostat mer totalt."))]
    from ..models import break_even_month
    salaries_only = break_even_month(_options(**{BASELINE: {"search_and_contracting": 0, "transition": 0,
                                                            "switching_back": 0}})[BASELINE],
                                     _options()[CHOSEN], HORIZON_MONTHS, include_switching_back=True)
    if salaries_only is not None and salaries_only not in {month, other, month - 1}:
        wrongs.append((salaries_only, _bare_in_house_message()))
    if other is not None and other != month:
        wrongs.append((other, say(f"Month {other} is the onshore vendor's break-even. The question asks about the offshore vendor.",
                                  f"Månad {other} är break-even för leverantören inom landet. Frågan gäller leverantören utomlands.")))
    return number(
        month, 0,
        right=say(f"Right: from month {month} on the offshore vendor has cost less than the in-house team, for good.",
                  f"Rätt: från månad {month} har leverantören utomlands kostat mindre än den egna gruppen, för gott."),
        common_wrong=wrongs,
        too_high=say("Too late: find the first month where offshore_vendor's running total is at or below in_house's.",
                     "För sent: hitta den första månaden där offshore_vendors löpande summa är lika med eller under in_house."),
        too_low=say("Too early: in that month the offshore vendor has still cost more in total.",
                    "För tidigt: den månaden har leverantören utomlands fortfarande kostat mer totalt."),
    )(answer)


def _inspect_cost_chart(ax: Any) -> Verdict | None:
    import numpy as np

    ends = []
    for line in ax.get_lines():
        try:
            y = np.asarray(line.get_ydata(), dtype=float)
        except (TypeError, ValueError):
            continue
        if y.ndim == 1 and y.size >= 2 and math.isfinite(float(y[-1])):
            ends.append(float(y[-1]))
    want = _totals()
    # Euros, thousands or millions of euros are all fine, if the axis label says which.
    found = max(([k for k, total in want.items() if any(abs(e - total / scale) <= 1 / scale for e in ends)]
                 for scale in (1, 1e3, 1e6)), key=len)
    if len(found) < len(want):
        without = _totals(include_switching_back=False)
        if any(all(any(abs(e - total / scale) <= 1 / scale for e in ends) for total in without.values())
               for scale in (1, 1e3, 1e6)):
            return Verdict(False, say(
                "The lines end without what ending the programme costs: use "
                "cumulative_costs(..., include_switching_back=True).",
                "Linjerna slutar utan kostnaden för att avsluta programmet: använd "
                "cumulative_costs(..., include_switching_back=True)."),
                {"reason": "switching_back"})
        missing = [k for k in want if k not in found]
        return Verdict(False, say(
            f"Expected one line per option, each the running total over 36 months; missing or wrong: {', '.join(missing)}. "
            "Plot the columns of kpo.models.cumulative_costs(...).",
            f"Förväntade en linje per alternativ, var och en med den löpande summan över 36 månader; saknas eller fel: "
            f"{', '.join(missing)}. Rita kolumnerna i kpo.models.cumulative_costs(...)."),
            {"reason": "lines", "missing": missing})
    return axes_label_problem(ax, illustrative=True)


# --------------------------------------------------------------------------- 07.q5, 07.q6
def _residual_scores(extra: tuple[str, ...] = ()) -> dict[str, int]:
    return residual_scores([*PLANNED_MITIGATIONS, *extra])


def _top_risk() -> tuple[str, int]:
    scores = _residual_scores()
    top = max(scores, key=scores.get)  # first listed wins a tie
    return top, scores[top]


def _text_answer(answer: Any, allowed: list[str], example: str) -> tuple[str | None, Verdict | None]:
    if not isinstance(answer, str):
        return None, wrong_type(f"an id as text, e.g. \"{example}\"", f"ett id som text, t.ex. \"{example}\"", answer)
    key = answer.strip().lower()
    if key not in allowed:
        listed = ", ".join(f'"{a}"' for a in allowed)
        return None, Verdict(False, say(f"{shown(answer)} is not one of the ids: {listed}.",
                                        f"{shown(answer)} är inte ett av id:na: {listed}."), {"reason": "unknown_option"})
    return key, None


def _top_risk_check(answer: Any) -> Verdict:
    from .. import data

    risks = data.risks()
    before = {r.id: int(r.likelihood) * int(r.impact) for r in risks.itertuples()}
    key, problem = _text_answer(answer, list(before), "staff_fear")
    if problem:
        return problem
    after = _residual_scores()
    top, top_score = _top_risk()
    if key == top:
        return Verdict(True, say(
            f"Right: {top} still scores {top_score} (illustrative): the plan has no measure against it.",
            f"Rätt: {top} har fortfarande {top_score} poäng (påhittat): planen har ingen åtgärd mot den."), {"value": key})
    if before[key] == max(before.values()):
        return Verdict(False, say(
            f"{key} was highest before the plan ({before[key]}), but the plan brings it to {after[key]}. "
            f"Which risk is highest after it?",
            f"{key} var högst före planen ({before[key]}), men planen sänker den till {after[key]}. "
            f"Vilken risk är högst efter den?"), {"value": key})
    return Verdict(False, say(
        f"{key} scores {after[key]} after the plan; another risk scores {top_score}.",
        f"{key} har {after[key]} poäng efter planen; en annan risk har {top_score}."), {"value": key})


def _next_mitigation_check(answer: Any) -> Verdict:
    from .. import data

    table = data.mitigations()
    ids = [str(i) for i in table["id"]]
    key, problem = _text_answer(answer, ids, "pilot_project")
    if problem:
        return problem
    top, top_score = _top_risk()
    risk_of = dict(zip(ids, (str(r) for r in table["risk_id"])))
    if key in PLANNED_MITIGATIONS:
        return Verdict(False, say(f"{key} is already in the plan. Pick a measure against {top}.",
                                  f"{key} finns redan i planen. Välj en åtgärd mot {top}."), {"value": key})
    if risk_of[key] != top:
        return Verdict(False, say(f"{key} is a measure against {risk_of[key]}, not against {top}.",
                                  f"{key} är en åtgärd mot {risk_of[key]}, inte mot {top}."), {"value": key})
    options = [m for m in ids if risk_of[m] == top]
    after = {m: _residual_scores((m,))[top] for m in options}
    best = min(options, key=lambda m: (after[m], options.index(m)))
    if key == best:
        return Verdict(True, say(
            f"Right: {key} brings {top} from {top_score} to {after[key]}: start small, measure, then scale up.",
            f"Rätt: {key} sänker {top} från {top_score} till {after[key]}: börja i liten skala, mät och skala sedan upp."),
            {"value": key})
    return Verdict(False, say(
        f"{key} helps ({top_score} -> {after[key]}), but another measure against {top} brings it lower.",
        f"{key} hjälper ({top_score} -> {after[key]}), men en annan åtgärd mot {top} sänker den mer."), {"value": key})


# --------------------------------------------------------------------------- 07.q7
def _winners() -> dict[str, str]:
    from ..models import weighted_scores
    doubled = {**CRITERIA_WEIGHTS, "ip_risk": CRITERIA_WEIGHTS["ip_risk"] * 2}
    return {"base": weighted_scores(CRITERIA_WEIGHTS, OPTION_SCORES).winner,
            "ip_doubled": weighted_scores(doubled, OPTION_SCORES).winner}


def _winners_check(answer: Any) -> Verdict:
    mapping = as_mapping(answer)
    if mapping is None or type(answer).__name__ == "DataFrame":
        return wrong_type('pairs in curly brackets (a dict) such as {"base": "...", "ip_doubled": "..."}',
                             'par inom klammerparenteser (en dict) som {"base": "...", "ip_doubled": "..."}', answer)
    answer = mapping
    want = _winners()
    if sorted(map(str, answer)) != sorted(want):
        return Verdict(False, say('Use exactly the two keys "base" and "ip_doubled".',
                                  'Använd exakt de två nycklarna "base" och "ip_doubled".'), {"reason": "keys"})
    given = {k: answer[k].strip().lower() if isinstance(answer[k], str) else None for k in want}
    odd = [k for k in want if given[k] not in OPTION_SCORES]
    if odd:
        listed = ", ".join(f'"{o}"' for o in OPTION_SCORES)
        return Verdict(False, say(f"Each value must be an option id: {listed} (check {', '.join(odd)}).",
                                  f"Varje värde måste vara ett alternativs id: {listed} (kontrollera {', '.join(odd)})."),
                       {"reason": "unknown_option"})
    if given == want:
        return Verdict(True, say(
            f"Right: {want['base']} wins with the firm's weights, but when protecting intellectual property counts "
            f"double, {want['ip_doubled']} wins. The weights decide: agree on them before you score.",
            f"Rätt: {want['base']} vinner med företagets vikter, men när skyddet av immateriella rättigheter väger "
            f"dubbelt vinner {want['ip_doubled']}. Vikterna avgör: kom överens om dem innan ni sätter poäng."), {})
    if given["base"] != want["base"]:
        return Verdict(False, say(
            f"With the given weights the winner is not {given['base']}: compare the totals of weighted_scores(...).",
            f"Med de givna vikterna vinner inte {given['base']}: jämför totalerna från weighted_scores(...)."),
            {"reason": "base"})
    if given["ip_doubled"] == want["base"]:
        return Verdict(False, say(
            "Doubling ip_risk's weight (20 -> 40) changes the ranking: run weighted_scores again with the new weights.",
            "När vikten för ip_risk fördubblas (20 -> 40) ändras rangordningen: kör weighted_scores igen med de nya vikterna."),
            {"reason": "ip_doubled"})
    return Verdict(False, say(
        f"With ip_risk's weight doubled the winner is not {given['ip_doubled']}: compare the new totals.",
        f"Med dubbel vikt för ip_risk vinner inte {given['ip_doubled']}: jämför de nya totalerna."), {"reason": "ip_doubled"})


# --------------------------------------------------------------------------- 07.q8
def _location_totals() -> dict[str, float]:
    from ..models import gsli_score
    return {str(k): float(v) for k, v in gsli_score(LOCATION_SCORES).items()}


def _location_check(answer: Any) -> Verdict:
    if not isinstance(answer, str):
        return wrong_type('the location\'s name as text, e.g. "Location P"',
                             'landets namn som text, t.ex. "Location P"', answer)
    totals = _location_totals()
    keys = {location_key(name): name for name in totals}
    key = location_key(answer)
    if key not in keys:
        return Verdict(False, say(f"{shown(answer)} is not one of the locations: {', '.join(sorted(totals))}.",
                                  f"{shown(answer)} är inte ett av länderna: {', '.join(sorted(totals))}."),
                       {"reason": "unknown_option"})
    name = keys[key]
    allowed = {n: t for n, t in totals.items()
               if LOCATION_SCORES[n]["business_environment"] >= MIN_BUSINESS_ENVIRONMENT}
    best = max(allowed, key=allowed.get)
    if name == best:
        return Verdict(True, say(
            f"Right: among the locations with a business environment of at least {MIN_BUSINESS_ENVIRONMENT}, "
            f"{best} has the highest weighted total ({number_text(totals[best], 2)['en']}, illustrative).",
            f"Rätt: bland länderna med ett affärsklimat på minst {MIN_BUSINESS_ENVIRONMENT} har {best} högst "
            f"viktad total ({number_text(totals[best], 2)['sv']}, påhittat)."), {"value": name})
    if name not in allowed:
        return Verdict(False, say(
            f"{name} has the highest total overall, but its business environment "
            f"({LOCATION_SCORES[name]['business_environment']}) is below the firm's minimum of {MIN_BUSINESS_ENVIRONMENT}."
            if name == max(totals, key=totals.get) else
            f"{name}'s business environment ({LOCATION_SCORES[name]['business_environment']}) is below the firm's minimum.",
            f"{name} har högst total av alla, men dess affärsklimat ({LOCATION_SCORES[name]['business_environment']}) "
            f"ligger under företagets miniminivå {MIN_BUSINESS_ENVIRONMENT}."
            if name == max(totals, key=totals.get) else
            f"Affärsklimatet i {name} ({LOCATION_SCORES[name]['business_environment']}) ligger under företagets miniminivå."),
            {"value": name, "reason": "filtered_out"})
    if LOCATION_SCORES[name]["business_environment"] == max(s["business_environment"] for s in LOCATION_SCORES.values()):
        return Verdict(False, say(
            f"{name} has the best business environment, but the choice is by weighted total among the allowed locations.",
            f"{name} har bäst affärsklimat, men valet görs efter viktad total bland de tillåtna länderna."),
            {"value": name})
    return Verdict(False, say(f"{name} passes the filter, but another allowed location has a higher weighted total.",
                              f"{name} klarar filtret, men ett annat tillåtet land har högre viktad total."), {"value": name})


# --------------------------------------------------------------------------- 07.q9
ASSUMPTION_OPTIONS = {
    "a": say("a is questionable: over three years salaries, fees and exchange rates can change; a contract may "
             "even say how prices rise. The model holds every monthly cost fixed.",
             "a är tveksamt: på tre år kan löner, avgifter och växelkurser ändras; ett avtal kan till och med ange "
             "hur priserna höjs. Modellen håller varje månadskostnad fast."),
    "b": say("b is questionable: the cost model counts only costs, not what each option delivers. The board's own "
             "decision matrix scores the options' expertise and speed differently.",
             "b är tveksamt: kostnadsmodellen räknar bara kostnader, inte vad varje alternativ levererar. Styrelsens "
             "egen beslutsmatris ger alternativen olika poäng för expertis och snabbhet."),
    "c": say("c is questionable: nobody at the firm has these skills, so it must find four specialists that are "
             "hard to find; hiring could take much longer than planned and delay the whole programme.",
             "c är tveksamt: ingen på företaget har de här kunskaperna, så det måste hitta fyra specialister som är "
             "svåra att hitta; rekryteringen kan ta mycket längre tid än planerat och försena hela programmet."),
    "d": say("d is sound: the programme lasts three years, and comparing every option over the same months is what "
             "makes the comparison fair.",
             "d är rimligt: programmet pågår i tre år, och att jämföra alla alternativ över samma månader är just "
             "det som gör jämförelsen rättvis."),
    "e": say("e is sound: a one-off cost is paid once, so counting it once is right; counting it twice would be the error.",
             "e är rimligt: en engångskostnad betalas en gång, så det är rätt att räkna den en gång; att räkna den "
             "två gånger vore felet."),
}
QUESTIONABLE = ("a", "b", "c")
_MISSED_NUDGE = {
    "a": say("What can change over three years?", "Vad kan ändras på tre år?"),
    "b": say("What does the cost model leave out entirely?", "Vad lämnar kostnadsmodellen helt utanför?"),
    "c": say("How easy is it to find the specialists the in-house team needs?",
             "Hur lätt är det att hitta de specialister som den egna gruppen behöver?"),
}
_assumption_selection = refuse_tables(
    say('a list of letters, e.g. ["a", "d"]', 'en lista med bokstäver, t.ex. ["a", "d"]'),
    selection(QUESTIONABLE, ASSUMPTION_OPTIONS, right=say(
        "Right: a, b and c. A model is only as good as its assumptions: before the board relies on the totals, "
        "test what happens if prices rise, if hiring takes a year, and what each option delivers.",
        "Rätt: a, b och c. En modell är aldrig bättre än sina antaganden: innan styrelsen litar på totalerna, "
        "pröva vad som händer om priserna stiger, om rekryteringen tar ett år, och vad varje alternativ levererar.")),
)


def _assumptions_check(answer: Any) -> Verdict:
    """07.q9: the questionable assumptions; a wrong pick is explained, a missed one gets a question to think about."""
    verdict = _assumption_selection(answer)
    missed = list(verdict.result.get("missed") or [])
    if verdict.correct or not missed:
        return verdict
    wrong = list(verdict.result.get("wrong") or [])
    parts = [ASSUMPTION_OPTIONS[k] for k in wrong]
    parts.append(say(f"You missed {len(missed)} questionable assumption{'s' * (len(missed) != 1)}. "
                     + " ".join(_MISSED_NUDGE[k]["en"] for k in missed),
                     f"Du missade {len(missed)} "
                     + ("tveksamt antagande. " if len(missed) == 1 else "tveksamma antaganden. ")
                     + " ".join(_MISSED_NUDGE[k]["sv"] for k in missed)))
    return Verdict(False, both(lambda lang: " ".join(p[lang] for p in parts)), dict(verdict.result))


# --------------------------------------------------------------------------- worked answers (shown after trying)
def _plain_running(name: str, month: int, with_end: bool = False) -> float:
    """An option's running total at the end of ``month``, by plain arithmetic on :data:`OPTIONS`."""
    o = OPTIONS[name]
    monthly = o["monthly_cost"] * (1 + o.get("management_share", 0) + o.get("rework_share", 0))
    spread = o.get("transition_months", 1)
    return (monthly * month + o.get("search_and_contracting", 0) + o.get("transition", 0) * min(month, spread) / spread
            + (o.get("switching_back", 0) if with_end else 0))


def _worked_totals() -> dict[str, str]:
    totals = {name: number_text(_plain_running(name, HORIZON_MONTHS, with_end=True)) for name in OPTIONS}
    return both(lambda lang: (
        "cost_table = kpo.models.cumulative_costs(options, 36, include_switching_back=True); total_costs = "
        "cost_table.iloc[-1]: " if lang == "en" else
        "cost_table = kpo.models.cumulative_costs(options, 36, include_switching_back=True); total_costs = "
        "cost_table.iloc[-1]: ") + "; ".join(f"{name} {text[lang]}" for name, text in totals.items())
        + (" (illustrative euros)." if lang == "en" else " (påhittade euro)."))


def _worked_break_even() -> dict[str, str]:
    month = next(m for m in range(1, HORIZON_MONTHS + 1)
                 if all(_plain_running(CHOSEN, k) <= _plain_running(BASELINE, k) for k in range(m, HORIZON_MONTHS)))
    before = {n: number_text(_plain_running(n, month - 1)) for n in (BASELINE, CHOSEN)}
    at = {n: number_text(_plain_running(n, month)) for n in (BASELINE, CHOSEN)}
    return say(
        f"At the end of month {month - 1}: in_house {before[BASELINE]['en']}, offshore_vendor {before[CHOSEN]['en']}; "
        f"month {month}: in_house {at[BASELINE]['en']}, offshore_vendor {at[CHOSEN]['en']}, and it stays below from "
        f"then on. Answer: {month}.",
        f"I slutet av månad {month - 1}: in_house {before[BASELINE]['sv']}, offshore_vendor {before[CHOSEN]['sv']}; "
        f"månad {month}: in_house {at[BASELINE]['sv']}, offshore_vendor {at[CHOSEN]['sv']}, och den ligger kvar under "
        f"därefter. Svar: {month}.")


WORKED = {
    "07.q2": _worked_totals(),
    "07.q3": _worked_break_even(),
    "07.q9": say(
        "a, b and c. The fixed prices (a), the missing results (b) and quick hiring (c) might not hold, and each "
        "would change the totals; the same horizon (d) and counting one-off costs once (e) are what a fair model does.",
        "a, b och c. De fasta priserna (a), de resultat som inte räknas (b) och den snabba rekryteringen (c) kanske "
        "inte håller, och vart och ett skulle ändra totalerna; samma tidshorisont (d) och att räkna engångskostnader "
        "en gång (e) är vad en rättvis modell gör."),
}


QUESTIONS: list = []
_question = collector(QUESTIONS)


_question(
    id="07.q1",
    kind="judgement",
    claims=("S07", "S08", "S10", "S13"),
    points=1,
    checker=_reasons_check,
    hint=say("Three reasons fit. Read the brief again: what does the firm lack, for how long does it need it, and why?",
             "Tre skäl passar. Läs uppdraget igen: vad saknar företaget, hur länge behöver det det, och varför?"),
)

_question(
    id="07.q2",
    worked=WORKED["07.q2"],
    kind="calculation",
    claims=("S12", "S14", "S21"),
    points=2,
    checker=_total_costs_check,
    hint=say("options = [kpo.models.Option(\"in_house\", monthly_cost=55_000, search_and_contracting=30_000, "
             "transition=30_000, transition_months=3, switching_back=60_000), ...]; "
             "kpo.models.cumulative_costs(options, 36, include_switching_back=True).iloc[-1] gives all three totals.",
             "options = [kpo.models.Option(\"in_house\", monthly_cost=55_000, search_and_contracting=30_000, "
             "transition=30_000, transition_months=3, switching_back=60_000), ...]; "
             "kpo.models.cumulative_costs(options, 36, include_switching_back=True).iloc[-1] ger alla tre totalerna."),
)

_question(
    id="07.q3",
    worked=WORKED["07.q3"],
    kind="calculation",
    claims=("S14", "S21"),
    points=1,
    checker=_break_even_check,
    hint=say("kpo.models.break_even_month(in_house, offshore_vendor, 36, include_switching_back=True)",
             "kpo.models.break_even_month(in_house, offshore_vendor, 36, include_switching_back=True)"),
)

_question(
    id="07.q4",
    kind="chart",
    claims=("S12", "S14", "S21"),
    points=2,
    checker=figure_check(_inspect_cost_chart),
    hint=say("table = kpo.models.cumulative_costs(options, 36, include_switching_back=True); one ax.plot(table.index, "
             "table[name], label=name) per column; a title with the word \"illustrative\"; both axis labels.",
             "table = kpo.models.cumulative_costs(options, 36, include_switching_back=True); en ax.plot(table.index, "
             "table[name], label=name) per kolumn; en rubrik med ordet \"illustrativ\"; etiketter på båda axlarna."),
)

_question(
    id="07.q5",
    kind="calculation",
    claims=("S19", "S20", "S21", "S22", "S23"),
    points=1,
    checker=_top_risk_check,
    hint=say("Build one Risk per row of risks and one Mitigation per planned measure; kpo.models.residual(...) "
             "and look at residual_score.",
             "Skapa en Risk per rad i risks och en Mitigation per planerad åtgärd; kpo.models.residual(...) "
             "och titta på residual_score."),
)

_question(
    id="07.q6",
    kind="judgement",
    claims=("S21",),
    points=1,
    checker=_next_mitigation_check,
    hint=say("Look at the rows of mitigations whose risk_id is the risk you found; try each with kpo.models.residual.",
             "Titta på raderna i mitigations vars risk_id är risken du hittade; pröva var och en med kpo.models.residual."),
)

_question(
    id="07.q7",
    kind="calculation",
    claims=("S12", "S19", "S24"),
    points=2,
    checker=_winners_check,
    hint=say("kpo.models.weighted_scores(criteria_weights, option_scores).winner, then again with "
             "dict(criteria_weights, ip_risk=40).",
             "kpo.models.weighted_scores(criteria_weights, option_scores).winner, sedan igen med "
             "dict(criteria_weights, ip_risk=40)."),
)

_question(
    id="07.q8",
    kind="pandas",
    claims=("S03", "S11", "S24"),
    points=1,
    checker=_location_check,
    hint=say("allowed = location_scores[location_scores[\"business_environment\"] >= 5]; "
             "kpo.models.gsli_score(allowed).index[0].",
             "allowed = location_scores[location_scores[\"business_environment\"] >= 5]; "
             "kpo.models.gsli_score(allowed).index[0]."),
)

_question(
    id="07.q9",
    worked=WORKED["07.q9"],
    kind="judgement",
    claims=("S12", "S21"),
    points=1,
    checker=_assumptions_check,
    hint=say("Three assumptions are questionable. For each, ask: is it true of the firm's real situation, and would "
             "the totals change if it were not?",
             "Tre antaganden är tveksamma. Fråga för vart och ett: stämmer det med företagets verkliga läge, och "
             "skulle totalerna ändras om det inte gjorde det?"),
)
