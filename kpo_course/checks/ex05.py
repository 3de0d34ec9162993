"""Exercise 05, drawbacks and risks: the hidden costs of a vendor switch (lesson 05).

The vendor-switch scenario is ILLUSTRATIVE: its numbers live in :data:`VENDOR_A` and
:data:`VENDOR_B`, the same numbers the notebook gives. Both vendors carry the same kind of exit
provision, one third of a year's fees, after Peukert (2019): switching costs are about one third
of a year's professional-services spend. Whichever vendor the insurer ends with, it may one day
have to leave it, so the comparison counts the provision for both or for neither.
Risks and mitigations come from the course data, read when an answer is checked.
"""
from __future__ import annotations

from typing import Any

from . import collector
from .expected import residual_scores
from .kinds import Verdict, as_number, is_table, labels, number, names_text, number_text, say, wrong_type


def learner_value(name: str) -> Any:
    """The value the learner's notebook holds under ``name`` (None outside IPython or if undefined).

    Lets a check name the real cause of a wrong number (e.g. an Option built without an amount)
    instead of guessing from the number alone. Never raises.

    >>> learner_value("surely_not_defined_anywhere") is None
    True
    """
    try:
        from IPython import get_ipython
        shell = get_ipython()
        return None if shell is None else shell.user_ns.get(name)
    except Exception:
        return None

#: The ILLUSTRATIVE vendor switch of questions 05.q4 and 05.q5 (keyword arguments of Option).
VENDOR_A = {"monthly_cost": 60_000, "management_share": 0.10,
            "switching_back": 60_000 * 12 / 3}  # the same exit provision as B: a third of a year's fees
VENDOR_B = {"monthly_cost": 45_000, "search_and_contracting": 50_000, "transition": 120_000,
            "transition_months": 4, "management_share": 0.10,
            "switching_back": 45_000 * 12 / 3}  # one third of a year's fees (Peukert 2019)
HORIZON_MONTHS = 36

#: The five measures of 05.q6: one for each risk (the fingerprint room is part of the first).
CHOSEN_MITIGATIONS = ("nda_and_access_control", "sla_and_quality_reviews", "pilot_project",
                      "communication_plan", "change_management")

RISK_IDS = ("ip_security", "less_control_quality", "setup_time_resources", "communication_barriers", "staff_fear")


def _not_an_option(answer: Any) -> Verdict | None:
    if is_table(answer):
        return Verdict(False, say("That is a table. The question asks for one number.",
                                  "Det där är en tabell. Frågan gäller ett enda tal."), {"reason": "table"})
    if type(answer).__name__ == "Option":
        return Verdict(False, say(
            "That is an Option itself, not a number. Pass it to a model function, e.g. kpo.models.total_cost "
            "or kpo.models.break_even_month.",
            "Det där är ett Option-objekt, inte ett tal. Skicka det till en modellfunktion, t.ex. kpo.models.total_cost "
            "eller kpo.models.break_even_month."), {"reason": "option"})
    return None


# --------------------------------------------------------------------------- 05.q1
HIDDEN_COST_ITEMS = {
    "tender_and_lawyers": "vendor_search_and_contracting",
    "parallel_running": "transition_to_vendor",
    "vendor_manager": "managing_the_effort",
    "exit_provision": "switching_or_back_in_house",
    "monthly_fee": "not_hidden",
}
_HIDDEN_COST_FEEDBACK = {
    "tender_and_lawyers": say(
        "tender_and_lawyers: finding vendors, asking for offers and having the contract reviewed is the cost of "
        "vendor search and contracting.",
        "tender_and_lawyers: att hitta leverantörer, begära anbud och låta granska avtalet är kostnaden för att "
        "söka leverantör och skriva avtal."),
    "parallel_running": say(
        "parallel_running: paying two vendors while the new one learns the work is the transition to the vendor.",
        "parallel_running: att betala två leverantörer medan den nya lär sig arbetet är övergången till leverantören."),
    "vendor_manager": say(
        "vendor_manager: following up the vendor every month is the cost of managing the effort.",
        "vendor_manager: att följa upp leverantören varje månad är kostnaden för att styra samarbetet."),
    "exit_provision": say(
        "exit_provision: money for leaving vendor B one day is the cost of switching vendors or bringing the work back in-house.",
        "exit_provision: pengar för att en dag lämna leverantör B är kostnaden för att byta leverantör eller ta hem arbetet igen."),
    "monthly_fee": say(
        "monthly_fee: the fee is the price on the vendor's offer, the one cost that is not hidden.",
        "monthly_fee: avgiften är priset i leverantörens anbud, den enda kostnaden som inte är dold."),
}

# --------------------------------------------------------------------------- 05.q2
CLAUSE_RISKS = {
    "nda": "ip_security",
    "fingerprint_room": "ip_security",
    "sla": "less_control_quality",
    "pilot": "setup_time_resources",
    "communication_plan": "communication_barriers",
    "change_management": "staff_fear",
}
_CLAUSE_FEEDBACK = {
    "nda": say("nda: a non-disclosure agreement protects confidential information and intellectual property (ip_security).",
               "nda: ett sekretessavtal skyddar konfidentiell information och immateriella rättigheter (ip_security)."),
    "fingerprint_room": say(
        "fingerprint_room: a room only the team can enter keeps confidential documents from being seen or passed "
        "on by others: it protects intellectual property (ip_security).",
        "fingerprint_room: ett rum som bara teamet kommer in i hindrar att konfidentiella dokument ses eller förs "
        "vidare av andra: det skyddar de immateriella rättigheterna (ip_security)."),
    "sla": say("sla: measurable quality levels and sample checks give back some control over the quality of the work "
               "(less_control_quality).",
               "sla: mätbara kvalitetsnivåer och stickprov ger tillbaka en del av kontrollen över arbetets kvalitet "
               "(less_control_quality)."),
    "pilot": say("pilot: a small trial first limits the time and money at stake while KPO is set up (setup_time_resources).",
                 "pilot: ett litet försök först begränsar den tid och de pengar som står på spel medan KPO sätts upp "
                 "(setup_time_resources)."),
    "communication_plan": say(
        "communication_plan: named contacts, regular calls and a shared glossary work against language and "
        "cultural barriers (communication_barriers).",
        "communication_plan: utsedda kontaktpersoner, regelbundna samtal och en gemensam ordlista motverkar "
        "språkliga och kulturella hinder (communication_barriers)."),
    "change_management": say(
        "change_management: telling staff early and giving them new roles answers the fear for their jobs (staff_fear).",
        "change_management: att berätta tidigt för personalen och ge dem nya roller bemöter oron för jobben (staff_fear)."),
}


def _hidden_costs_check(answer: Any) -> Verdict:
    if is_table(answer):
        return wrong_type('pairs in curly brackets (a dict) such as {"monthly_fee": "not_hidden", ...}',
                          'par inom klammerparenteser (en dict) som {"monthly_fee": "not_hidden", ...}', answer)
    verdict = labels(HIDDEN_COST_ITEMS, feedback=_HIDDEN_COST_FEEDBACK)(answer)
    if verdict.correct:
        return Verdict(True, say(
            "Right: four of the five items are hidden costs, and the vendor's offer shows only the fifth.",
            "Rätt: fyra av de fem posterna är dolda kostnader, och leverantörens anbud visar bara den femte."),
            verdict.result)
    return verdict


def _clauses_check(answer: Any) -> Verdict:
    if is_table(answer):
        return wrong_type('pairs in curly brackets (a dict) such as {"nda": "ip_security", ...}', 'par inom klammerparenteser (en dict) som {"nda": "ip_security", ...}', answer)
    verdict = labels(CLAUSE_RISKS, feedback=_CLAUSE_FEEDBACK, allowed=RISK_IDS)(answer)
    if verdict.correct:
        return Verdict(True, say(
            "Right: every drawback in the article has a clause against it; the NDA and the fingerprint room "
            "both protect intellectual property.",
            "Rätt: varje nackdel i artikeln har en klausul mot sig; sekretessavtalet och fingeravtrycksrummet "
            "skyddar båda de immateriella rättigheterna."), verdict.result)
    return verdict


# --------------------------------------------------------------------------- 05.q3
def _reduction_columns() -> list[str]:
    return ["likelihood_reduction", "impact_reduction"]


def _reductions(how: str):
    from .. import data
    grouped = data.mitigations().groupby("risk_id")[_reduction_columns()]
    return getattr(grouped, how)()


def _same_frame(answer: Any, want: Any) -> bool:
    """True if ``answer`` has ``want``'s rows (by label) and values, in any row order."""
    import numpy as np

    try:
        given = answer.sort_index()
        want = want.sort_index()
        if list(map(str, given.index)) != list(map(str, want.index)):
            return False
        return bool(np.allclose(given.to_numpy(dtype=float), want.to_numpy(dtype=float), atol=1e-6, equal_nan=False))
    except (TypeError, ValueError, AttributeError):
        return False


def _numeric_column(column: Any) -> bool:
    """True if a pandas column holds real numbers only (not text, not True/False).

    >>> import pandas as pd
    >>> _numeric_column(pd.Series([1, 2])), _numeric_column(pd.Series(["a1", "b2"])), _numeric_column(pd.Series([True]))
    (True, False, False)
    """
    from pandas.api.types import is_bool_dtype, is_numeric_dtype
    return bool(is_numeric_dtype(column.dtype) and not is_bool_dtype(column.dtype))


def _reduction_totals_check(answer: Any) -> Verdict:
    import pandas as pd

    if isinstance(answer, pd.Series):
        return Verdict(False, say(
            "That is one column (a Series). Keep both columns: select them with a list, "
            "[[\"likelihood_reduction\", \"impact_reduction\"]].",
            "Det där är en kolumn (en Series). Behåll båda kolumnerna: välj dem med en lista, "
            "[[\"likelihood_reduction\", \"impact_reduction\"]]."), {"reason": "series"})
    if not isinstance(answer, pd.DataFrame):
        return wrong_type("a table (a pandas DataFrame) with one row per risk", "en tabell (en pandas DataFrame) med en rad per risk", answer)
    if "risk_id" in answer.columns:  # grouped with as_index=False, or reset_index(): fine
        answer = answer.set_index("risk_id")
    missing = [c for c in _reduction_columns() if c not in answer.columns]
    if missing:
        return Verdict(False, say(
            f"The table needs the column(s) {', '.join(missing)}; it has {names_text(answer.columns)}.",
            f"Tabellen behöver kolumnen/kolumnerna {', '.join(missing)}; den har {names_text(answer.columns)}."),
            {"reason": "columns", "missing": missing})
    extra = [c for c in answer.columns if c not in _reduction_columns()]
    if extra:
        return Verdict(False, say(
            f"Keep only the two columns the question asks for; yours also has {names_text(extra)}. "
            "Adding up a whole table also 'adds up' its text columns, which only glues their words together "
            "(e.g. two ids written one after the other). Pick the two columns before adding: "
            "groupby(\"risk_id\")[[\"likelihood_reduction\", \"impact_reduction\"]].sum().",
            f"Behåll bara de två kolumner som frågan gäller; din tabell har också {names_text(extra)}. "
            "När man summerar en hel tabell \"summeras\" även textkolumnerna, vilket bara klistrar ihop orden "
            "(t.ex. två id skrivna efter varandra). Välj de två kolumnerna innan du summerar: "
            "groupby(\"risk_id\")[[\"likelihood_reduction\", \"impact_reduction\"]].sum()."),
            {"reason": "extra_columns", "extra": [str(c) for c in extra[:10]]})
    answer = answer[_reduction_columns()]
    not_numbers = [c for c in _reduction_columns() if not _numeric_column(answer[c])]
    if not_numbers:
        return Verdict(False, say(
            f"The column(s) {', '.join(not_numbers)} should hold numbers (the steps added up), but hold text or "
            "other values. Add up the numeric columns of mitigations with .sum().",
            f"Kolumnen/kolumnerna {', '.join(not_numbers)} ska innehålla tal (stegen summerade), men innehåller "
            "text eller annat. Summera de numeriska kolumnerna i mitigations med .sum()."),
            {"reason": "not_numbers", "columns": not_numbers})
    want = _reductions("sum")
    if len(answer) != len(want):
        return Verdict(False, say(
            f"Expected one row per risk ({len(want)} rows), got {len(answer)}. Group by risk_id.",
            f"Förväntade en rad per risk ({len(want)} rader), fick {len(answer)}. Gruppera på risk_id."),
            {"reason": "rows", "rows": len(answer)})
    if _same_frame(answer, want):
        top = want.sum(axis=1).idxmax()
        return Verdict(True, say(
            f"Right. {top} has the most help: {int(want.loc[top, 'likelihood_reduction'])} steps off its likelihood "
            "if every measure is used. But no risk can fall below 1 x 1: a risk you take on never vanishes.",
            f"Rätt. {top} har mest hjälp: {int(want.loc[top, 'likelihood_reduction'])} steg av sannolikheten om "
            "alla åtgärder används. Men ingen risk kan gå under 1 x 1: en risk man tar på sig försvinner aldrig."), {})
    for how, en, sv in (
        ("mean", "That is the average reduction per mitigation. The question asks for the total: use .sum().",
         "Det är den genomsnittliga minskningen per åtgärd. Frågan gäller summan: använd .sum()."),
        ("max", "That is the largest single reduction. The question asks for all of them added up: use .sum().",
         "Det är den största enskilda minskningen. Frågan gäller alla tillsammans: använd .sum()."),
        ("count", "You counted the mitigations. The question asks for their reductions added up: use .sum().",
         "Du räknade åtgärderna. Frågan gäller deras minskningar tillsammans: använd .sum()."),
    ):
        if _same_frame(answer, _reductions(how)):
            return Verdict(False, say(en, sv), {"reason": how})
    return Verdict(False, say(
        "The table has the right shape, but some values or row labels differ. Group mitigations by risk_id and add up.",
        "Tabellen har rätt form, men några värden eller radetiketter skiljer sig. Gruppera mitigations på risk_id och summera."),
        {"reason": "values"})


# --------------------------------------------------------------------------- 05.q4, 05.q5
def _option(name: str, settings: dict):
    from ..models import Option
    return Option(name, **settings)


def _total_b(include_switching_back: bool = True) -> float:
    from ..models import total_cost
    return total_cost(_option("vendor_b", VENDOR_B), HORIZON_MONTHS, include_switching_back=include_switching_back)


def _missing_switching_back(switching: float) -> dict[str, str]:
    """Why the exit provision is missing from a total: the Option has no amount, or total_cost was not asked for it.

    The learner's ``vendor_b`` (if the notebook has one) tells the two causes apart.
    """
    built = learner_value("vendor_b")
    amount_en, amount_sv = number_text(switching)["en"], number_text(switching)["sv"]
    typed = f"{switching:_.0f}"  # as it is typed in Python: 180_000
    if type(built).__name__ == "Option" and not getattr(built, "switching_back", 0):
        return say(
            f"The exit provision ({amount_en}) is missing: your vendor_b has no switching_back amount. Add "
            f"switching_back={typed} to its Option, run that cell, then run the total again.",
            f"Avsättningen för att lämna leverantören ({amount_sv}) saknas: din vendor_b har inget belopp för "
            f"switching_back. Lägg till switching_back={typed} i dess Option, kör cellen och räkna sedan totalen igen.")
    return say(
        f"The exit provision ({amount_en}) is missing from the total. total_cost counts it only when you ask for it "
        "by name: total_cost(vendor_b, 36, include_switching_back=True). (Written without its name, as a bare True "
        f"in third place, Python refuses it.) Check too that vendor_b's Option has switching_back={typed}.",
        f"Avsättningen för att lämna leverantören ({amount_sv}) saknas i totalen. total_cost räknar med den bara när "
        "du ber om den med namn: total_cost(vendor_b, 36, include_switching_back=True). (Skrivet utan namnet, som "
        "ett ensamt True på tredje plats, vägrar Python.) Kontrollera också att vendor_b:s Option har "
        f"switching_back={typed}.")


def _total_cost_check(answer: Any) -> Verdict:
    refused = _not_an_option(answer)
    if refused:
        return refused
    total = _total_b()
    fees = VENDOR_B["monthly_cost"] * HORIZON_MONTHS
    management = fees * VENDOR_B["management_share"]
    transition, switching = VENDOR_B["transition"], VENDOR_B["switching_back"]
    return number(
        total, 1,
        right=say(
            f"Right: {number_text(total)['en']} over three years, of which {number_text(total - fees)['en']} "
            f"({(total - fees) / total:.0%}) are hidden costs on top of the fees.",
            f"Rätt: {number_text(total)['sv']} på tre år, varav {number_text(total - fees)['sv']} "
            f"({(total - fees) / total * 100:.0f} procent) är dolda kostnader utöver avgifterna."),
        common_wrong=[
            (total + transition, say(
                f"You counted the transition cost twice: total_cost already includes the {number_text(transition)['en']} "
                "you gave as transition=. Do not add it again.",
                f"Du räknade övergångskostnaden två gånger: total_cost tar redan med de {number_text(transition)['sv']} "
                "som du angav som transition=. Lägg inte till dem igen.")),
            (total - switching, _missing_switching_back(switching)),
            (total + switching, say(
                "You counted the switching-back cost twice: with include_switching_back=True, total_cost already adds it.",
                "Du räknade kostnaden för att byta igen två gånger: med include_switching_back=True lägger total_cost "
                "redan till den.")),
            (total + transition * (VENDOR_B["transition_months"] - 1), say(
                f"The transition cost is {number_text(transition)['en']} in all, spread over {VENDOR_B['transition_months']} "
                "months, not that much every month.",
                f"Övergångskostnaden är {number_text(transition)['sv']} totalt, utspridd över {VENDOR_B['transition_months']} "
                "månader, inte så mycket varje månad.")),
            (total - management, say(
                "You left out managing the effort: management_share=0.10 adds 10% of the fee every month.",
                "Du glömde kostnaden för att styra samarbetet: management_share=0.10 lägger till 10 procent av "
                "avgiften varje månad.")),
            (fees, say("That is only the fees. The question asks for the total with all four hidden costs.",
                       "Det är bara avgifterna. Frågan gäller totalen med alla fyra dolda kostnader.")),
        ],
        too_high=say("Too high: check each amount against the table and count each hidden cost once.",
                     "För högt: jämför varje belopp med tabellen och räkna varje dold kostnad en gång."),
        too_low=say("Too low: one of the four hidden costs is missing, or the horizon is shorter than 36 months.",
                    "För lågt: någon av de fyra dolda kostnaderna saknas, eller så är tidshorisonten kortare än 36 månader."),
    )(answer)


def _break_even_check(answer: Any) -> Verdict:
    from ..models import break_even_month, cumulative_costs

    refused = _not_an_option(answer)
    if refused:
        return refused
    a, b = _option("vendor_a", VENDOR_A), _option("vendor_b", VENDOR_B)
    month = break_even_month(a, b, HORIZON_MONTHS, include_switching_back=True)
    running = cumulative_costs([a, b], HORIZON_MONTHS, include_switching_back=True)
    gap = float(running.loc[month - 1, "vendor_b"] - running.loc[month - 1, "vendor_a"])
    value = as_number(answer)
    if value is not None and not float(value).is_integer():
        return Verdict(False, say("A month is a whole number from 1 to 36, e.g. 7.",
                                  "En månad är ett heltal från 1 till 36, t.ex. 7."), {"reason": "fraction"})
    without_management = break_even_month(
        _option("vendor_a", {**VENDOR_A, "management_share": 0.0}), b, HORIZON_MONTHS, include_switching_back=True)
    share = VENDOR_A["management_share"]
    slips = [
        (month - 1, say(
            f"One month early: at the end of month {month - 1} switching is still {number_text(gap)['en']} dearer in total.",
            f"En månad för tidigt: i slutet av månad {month - 1} är bytet fortfarande "
            f"{number_text(gap)['sv']} dyrare totalt.")),
        (VENDOR_B["transition_months"], say(
            "That is when the transition ends. Break-even comes later: when the running totals cross.",
            "Det är då övergången är klar. Break-even kommer senare: när de löpande totalerna korsar varandra.")),
    ]
    if without_management is not None and without_management != month:
        slips.append((without_management, _vendor_a_management(share)))
    return number(
        month, 0,
        right=say(
            f"Right: from month {month} on, switching has cost less in total. Before that, the search and "
            "transition costs outweigh the lower fee.",
            f"Rätt: från månad {month} har bytet kostat mindre totalt. Dessförinnan väger kostnaderna för "
            "upphandling och övergång tyngre än den lägre avgiften."),
        common_wrong=slips,
        too_high=say(
            f"Too late. Check vendor_a first: staying with A also costs {share:.0%} of its fee every month for managing "
            f"it (management_share={share}); without it, staying looks cheaper than it is. Then "
            "look in cumulative_costs([vendor_a, vendor_b], 36, include_switching_back=True) for the first month "
            "where vendor_b is at or below vendor_a.",
            f"För sent. Kontrollera vendor_a först: att stanna hos A kostar också {share * 100:.0f} procent av avgiften "
            f"varje månad för att styra samarbetet (management_share={share}), och saknas den ser det billigare ut att "
            "stanna än det är. Titta sedan i cumulative_costs([vendor_a, vendor_b], 36, include_switching_back=True) "
            "efter den första månaden där vendor_b är lika med eller under vendor_a."),
        too_low=say("Too early: in that month switching has still cost more in total.",
                    "För tidigt: den månaden har bytet fortfarande kostat mer totalt."),
    )(answer)


def _vendor_a_management(share: float) -> dict[str, str]:
    """The message for a break-even computed with vendor A's management share left out."""
    fee, exit_cost = f"{VENDOR_A['monthly_cost']:_.0f}", f"{VENDOR_A['switching_back']:_.0f}"
    return say(
        f"Too late, and the cause is vendor_a: it has no management share. Staying with A costs {share:.0%} of "
        f"its fee every month for managing it too: kpo.models.Option(\"vendor_a\", monthly_cost={fee}, "
        f"management_share={share}, switching_back={exit_cost}). Without it, staying looks cheaper than it is.",
        f"För sent, och orsaken är vendor_a: den saknar kostnaden för styrning. Att stanna hos A kostar också "
        f"{share * 100:.0f} procent av avgiften varje månad för att styra samarbetet: "
        f"kpo.models.Option(\"vendor_a\", monthly_cost={fee}, management_share={share}, switching_back={exit_cost}). "
        "Utan den ser det billigare ut att stanna än det är.")


# --------------------------------------------------------------------------- 05.q6
def _scores_before() -> dict[str, int]:
    from .. import data
    risks = data.risks()
    return {r.id: int(r.likelihood) * int(r.impact) for r in risks.itertuples()}


def _residual_check(answer: Any) -> Verdict:
    import pandas as pd

    if isinstance(answer, pd.Series):
        return Verdict(False, say(
            "That is one column. Keep the whole table that kpo.models.residual returns: it says which risk each score belongs to.",
            "Det där är en kolumn. Behåll hela tabellen som kpo.models.residual ger: den visar vilken risk varje poäng hör till."),
            {"reason": "series"})
    if not isinstance(answer, pd.DataFrame):
        return wrong_type("the table (DataFrame) that kpo.models.residual returns", "den tabell (DataFrame) som kpo.models.residual ger", answer)
    missing = [c for c in ("risk_id", "residual_score") if c not in answer.columns]
    if missing:
        return Verdict(False, say(
            f"The table needs the columns risk_id and residual_score (missing: {', '.join(missing)}). "
            "Use kpo.models.residual(risk_list, mitigation_list).",
            f"Tabellen behöver kolumnerna risk_id och residual_score (saknas: {', '.join(missing)}). "
            "Använd kpo.models.residual(risk_list, mitigation_list)."), {"reason": "columns", "missing": missing})
    want = residual_scores(CHOSEN_MITIGATIONS)
    if len(answer) > 1000:
        return Verdict(False, say("That table is far too long: one row per risk.",
                                  "Tabellen är alldeles för lång: en rad per risk."), {"reason": "rows"})
    given: dict[str, Any] = {}
    for risk_id, score in zip(answer["risk_id"], answer["residual_score"]):
        given[str(risk_id)] = score
    if sorted(given) != sorted(want) or len(answer) != len(want):
        return Verdict(False, say(
            f"Expected one row for each of the {len(want)} risks ({', '.join(want)}); got {len(answer)} row(s).",
            f"Förväntade en rad för var och en av de {len(want)} riskerna ({', '.join(want)}); fick {len(answer)} rad(er)."),
            {"reason": "rows"})
    values = {k: as_number(v) for k, v in given.items()}
    if all(values[k] is not None and abs(values[k] - want[k]) < 1e-9 for k in want):
        before, after = sum(_scores_before().values()), sum(want.values())
        return Verdict(True, say(
            f"Right: the five measures bring the total risk score from {before} to {after} (illustrative scores). "
            "Every risk is lower, none is gone.",
            f"Rätt: de fem åtgärderna sänker den sammanlagda riskpoängen från {before} till {after} (påhittade poäng). "
            "Varje risk är lägre, ingen är borta."), {})
    if all(values[k] is not None and abs(values[k] - v) < 1e-9 for k, v in residual_scores(None).items()):
        return Verdict(False, say(
            "You applied every mitigation in the table. The question applies only the five chosen ones, one per risk.",
            "Du tillämpade alla åtgärder i tabellen. Frågan gäller bara de fem valda, en per risk."), {"reason": "all"})
    unchanged = [k for k, v in _scores_before().items() if values[k] is not None and abs(values[k] - v) < 1e-9]
    if len(unchanged) == len(want):
        return Verdict(False, say(
            "Every risk still has its score from before: no mitigation was applied. Pass mitigation_list to residual.",
            "Varje risk har kvar sin poäng från före: ingen åtgärd har tillämpats. Skicka med mitigation_list till residual."),
            {"reason": "unmitigated", "risks": unchanged})
    if unchanged:
        return Verdict(False, say(
            f"{', '.join(unchanged)}: still the score from before mitigation. Did you apply the measure against it?",
            f"{', '.join(unchanged)}: fortfarande samma poäng som före åtgärderna. Tillämpade du åtgärden mot den?"),
            {"reason": "unmitigated", "risks": unchanged})
    wrong = [k for k in want if values[k] is None or abs(values[k] - want[k]) >= 1e-9]
    return Verdict(False, say(
        f"The residual score is not right for {', '.join(wrong)}. Use the risks' likelihood and impact from the table "
        "and the five chosen mitigations.",
        f"Restpoängen stämmer inte för {', '.join(wrong)}. Använd riskernas sannolikhet och konsekvens från tabellen "
        "och de fem valda åtgärderna."), {"reason": "values", "wrong": wrong})


# --------------------------------------------------------------------------- worked answers (shown after trying)
def _worked_total() -> dict[str, str]:
    """05.q4's worked answer: vendor B's total cost, part by part (plain arithmetic on :data:`VENDOR_B`)."""
    fees = VENDOR_B["monthly_cost"] * HORIZON_MONTHS
    parts = [fees, VENDOR_B["search_and_contracting"], VENDOR_B["transition"],
             fees * VENDOR_B["management_share"], VENDOR_B["switching_back"]]
    en, sv = (number_text(p)["en"] for p in parts), (number_text(p)["sv"] for p in parts)
    total_en, total_sv = number_text(sum(parts))["en"], number_text(sum(parts))["sv"]
    return say(
        "fees {} + search and contracting {} + transition {} + managing the effort (10% of the fees) {} + exit "
        "provision {} = {} (illustrative amounts).".format(*en, total_en),
        "avgifter {} + upphandling och avtal {} + övergång {} + styrning (10 procent av avgifterna) {} + avsättning "
        "för att lämna leverantören {} = {} (påhittade belopp).".format(*sv, total_sv))


def _running(option: dict, month: int) -> float:
    """An option's running total at the end of ``month`` (exit provision not yet due), by plain arithmetic."""
    monthly = option["monthly_cost"] * (1 + option.get("management_share", 0))
    spread = option.get("transition_months", 1)
    return (monthly * month + option.get("search_and_contracting", 0)
            + option.get("transition", 0) * min(month, spread) / spread)


def _worked_break_even() -> dict[str, str]:
    """05.q5's worked answer: the running totals on both sides of the break-even month."""
    month = next(m for m in range(1, HORIZON_MONTHS + 1)
                 if all(_running(VENDOR_B, k) <= _running(VENDOR_A, k) for k in range(m, HORIZON_MONTHS)))
    before, at = month - 1, month
    a0, b0, a1, b1 = (number_text(_running(v, m)) for v, m in
                      ((VENDOR_A, before), (VENDOR_B, before), (VENDOR_A, at), (VENDOR_B, at)))
    return say(
        f"Running totals: at the end of month {before} staying with A has cost {a0['en']} and switching to B "
        f"{b0['en']}; at the end of month {at}, A {a1['en']} and B {b1['en']}. From month {at} on B stays below A "
        "(in month 36 each adds its exit provision, B's the smaller), so the answer is "
        f"{at}: break_even_month(vendor_a, vendor_b, 36, include_switching_back=True).",
        f"Löpande summor: i slutet av månad {before} har det kostat {a0['sv']} att stanna hos A och {b0['sv']} att "
        f"byta till B; i slutet av månad {at} A {a1['sv']} och B {b1['sv']}. Från månad {at} ligger B kvar under A "
        "(i månad 36 lägger båda till sin avsättning för att lämna, B:s är mindre), så svaret är "
        f"{at}: break_even_month(vendor_a, vendor_b, 36, include_switching_back=True).")


WORKED = {
    "05.q1": say(
        "tender_and_lawyers: vendor_search_and_contracting (before the move); parallel_running: transition_to_vendor "
        "(during it); vendor_manager: managing_the_effort (all the time); exit_provision: switching_or_back_in_house "
        "(at the end); monthly_fee: not_hidden (it is the price on the offer).",
        "tender_and_lawyers: vendor_search_and_contracting (före flytten); parallel_running: transition_to_vendor "
        "(under den); vendor_manager: managing_the_effort (hela tiden); exit_provision: switching_or_back_in_house "
        "(på slutet); monthly_fee: not_hidden (det är priset i anbudet)."),
    "05.q2": say(
        "nda and fingerprint_room: ip_security; sla: less_control_quality; pilot: setup_time_resources; "
        "communication_plan: communication_barriers; change_management: staff_fear.",
        "nda och fingerprint_room: ip_security; sla: less_control_quality; pilot: setup_time_resources; "
        "communication_plan: communication_barriers; change_management: staff_fear."),
    "05.q3": say(
        "reduction_totals = mitigations.groupby(\"risk_id\")[[\"likelihood_reduction\", \"impact_reduction\"]].sum(): "
        "one row per risk, the two columns added up over that risk's mitigations.",
        "reduction_totals = mitigations.groupby(\"risk_id\")[[\"likelihood_reduction\", \"impact_reduction\"]].sum(): "
        "en rad per risk, de två kolumnerna summerade över riskens åtgärder."),
    "05.q4": _worked_total(),
    "05.q5": _worked_break_even(),
    "05.q6": say(
        "risk_list = [kpo.models.Risk(row.id, row.likelihood, row.impact) for row in risks.itertuples()]; "
        "chosen = mitigations[mitigations[\"id\"].isin(chosen_ids)]; mitigation_list = [kpo.models.Mitigation(row.id, "
        "row.risk_id, row.likelihood_reduction, row.impact_reduction) for row in chosen.itertuples()]; "
        "residual_table = kpo.models.residual(risk_list, mitigation_list).",
        "risk_list = [kpo.models.Risk(row.id, row.likelihood, row.impact) for row in risks.itertuples()]; "
        "chosen = mitigations[mitigations[\"id\"].isin(chosen_ids)]; mitigation_list = [kpo.models.Mitigation(row.id, "
        "row.risk_id, row.likelihood_reduction, row.impact_reduction) for row in chosen.itertuples()]; "
        "residual_table = kpo.models.residual(risk_list, mitigation_list)."),
}


QUESTIONS: list = []
_question = collector(QUESTIONS)


_question(
    id="05.q1",
    worked=WORKED["05.q1"],
    kind="judgement",
    claims=("S21",),
    points=2,
    checker=_hidden_costs_check,
    hint=say("Barthélemy's four hidden costs come in order: before the move (search), during it (transition), "
             "all the time (managing), at the end (switching). The one left over is the price itself.",
             "Barthélemys fyra dolda kostnader kommer i tur och ordning: före flytten (upphandling), under den "
             "(övergång), hela tiden (styrning), på slutet (byte). Den som blir över är själva priset."),
)

_question(
    id="05.q2",
    worked=WORKED["05.q2"],
    kind="judgement",
    claims=("S19", "S20", "S21", "S22", "S23"),
    points=2,
    checker=_clauses_check,
    hint=say("Ask of each clause: what could go wrong without it? Two clauses protect the same thing.",
             "Fråga för varje klausul: vad kunde gå fel utan den? Två klausuler skyddar samma sak."),
)

_question(
    id="05.q3",
    worked=WORKED["05.q3"],
    kind="pandas",
    claims=("S19", "S20", "S21", "S22", "S23"),
    points=1,
    checker=_reduction_totals_check,
    hint=say("mitigations.groupby(\"risk_id\")[[\"likelihood_reduction\", \"impact_reduction\"]].sum()",
             "mitigations.groupby(\"risk_id\")[[\"likelihood_reduction\", \"impact_reduction\"]].sum()"),
)

_question(
    id="05.q4",
    worked=WORKED["05.q4"],
    kind="calculation",
    claims=("S21",),
    points=2,
    checker=_total_cost_check,
    hint=say("vendor_b = kpo.models.Option(\"vendor_b\", monthly_cost=45_000, search_and_contracting=50_000, "
             "transition=120_000, transition_months=4, management_share=0.10, switching_back=180_000); then "
             "kpo.models.total_cost(vendor_b, 36, include_switching_back=True).",
             "vendor_b = kpo.models.Option(\"vendor_b\", monthly_cost=45_000, search_and_contracting=50_000, "
             "transition=120_000, transition_months=4, management_share=0.10, switching_back=180_000); sedan "
             "kpo.models.total_cost(vendor_b, 36, include_switching_back=True)."),
)

_question(
    id="05.q5",
    worked=WORKED["05.q5"],
    kind="calculation",
    claims=("S21",),
    points=1,
    checker=_break_even_check,
    hint=say("kpo.models.break_even_month(vendor_a, vendor_b, 36, include_switching_back=True), with "
             "vendor_a = kpo.models.Option(\"vendor_a\", monthly_cost=60_000, management_share=0.10, "
             "switching_back=240_000): staying costs its management and its own exit provision too.",
             "kpo.models.break_even_month(vendor_a, vendor_b, 36, include_switching_back=True), med "
             "vendor_a = kpo.models.Option(\"vendor_a\", monthly_cost=60_000, management_share=0.10, "
             "switching_back=240_000): att stanna kostar också styrning och en egen avsättning för att lämna A."),
)

_question(
    id="05.q6",
    worked=WORKED["05.q6"],
    kind="calculation",
    claims=("S19", "S20", "S21", "S22", "S23"),
    points=2,
    checker=_residual_check,
    hint=say("One Risk per row of risks (id, likelihood, impact); one Mitigation per chosen row of mitigations "
             "(id, risk_id, likelihood_reduction, impact_reduction); then kpo.models.residual(risk_list, mitigation_list).",
             "En Risk per rad i risks (id, likelihood, impact); en Mitigation per vald rad i mitigations "
             "(id, risk_id, likelihood_reduction, impact_reduction); sedan kpo.models.residual(risk_list, mitigation_list)."),
)
