"""Exercise 04, benefits of KPO: AstraZeneca's clinical data management with Cognizant (lesson 04).

The case's figures come from the course data (``kpo.data.case_figures()``), read when an
answer is checked; the flexibility question's demand curve is ILLUSTRATIVE and its
settings live in :data:`FLEXIBILITY_SETTINGS`, the same numbers the notebook prints.
"""
from __future__ import annotations

from typing import Any

from . import collector
from .kinds import Verdict, as_number, both, is_table, names_text, number, number_text, say, wrong_type

CASE = "astrazeneca_cognizant"

#: The ILLUSTRATIVE flexibility scenario of question 04.q5 (the notebook uses the same numbers).
DEMAND_SETTINGS = {"months": 24, "base": 10, "dip": 0.4, "dip_start": 6, "dip_length": 6, "recovery_months": 6}
FLEXIBILITY_SETTINGS = {"in_house_staff": 10, "in_house_cost_per_fte": 10_000,
                        "kpo_cost_per_fte": 11_000, "notice_months": 1}

BENEFITS = ("lower_operating_costs", "fills_skills_gap", "frees_existing_staff", "flexibility", "agility")


def _table_refused(answer: Any) -> Verdict | None:
    if is_table(answer):
        return Verdict(False, say(
            "That is a table. Pick the numbers out of it and compute one number.",
            "Det där är en tabell. Plocka ut talen ur den och räkna fram ett enda tal."),
            {"reason": "table"})
    return None


# --------------------------------------------------------------------------- 04.q1
def _case_people(language: str | None = None) -> list[tuple[str, float]]:
    """The case's people figures as sorted ``(label, value)`` pairs, labels in ``language``."""
    from ..content import load
    from ..i18n import localize
    case = load().by_id("cases", CASE)
    return sorted((str(localize(f.label, language)), float(f.value)) for f in case.figures if f.unit == "people")


def _people_in_any_language() -> list[list[tuple[str, float]]]:
    """The expected rows in every course language: the learner's kernel may speak another than the grader."""
    from ..i18n import LANGUAGES
    return [_case_people(language) for language in LANGUAGES]


def _people_rows_check(answer: Any) -> Verdict:
    import pandas as pd

    if isinstance(answer, pd.Series):
        return Verdict(False, say(
            "That is one column (a Series). Keep whole rows: filter the DataFrame figures with a condition.",
            "Det där är en kolumn (en Series). Behåll hela rader: filtrera DataFrame:n figures med ett villkor."),
            {"reason": "series"})
    if not isinstance(answer, pd.DataFrame):
        return wrong_type("a table (a pandas DataFrame) with rows of figures", "en tabell (en pandas DataFrame) med rader ur figures", answer)
    missing = [c for c in ("label", "value") if c not in answer.columns]
    if missing:
        return Verdict(False, say(
            f"Keep the columns of figures: the table needs {', '.join(missing)}.",
            f"Behåll kolumnerna från figures: tabellen behöver {', '.join(missing)}."),
            {"reason": "columns", "missing": missing})
    want = _case_people()
    if "case" in answer.columns and len(answer) > len(want) and (answer["case"] != CASE).any():
        return Verdict(False, say(
            "Your table has rows from other cases too. Add the condition figures[\"case\"] == \"astrazeneca_cognizant\".",
            "Tabellen har rader från andra fall också. Lägg till villkoret figures[\"case\"] == \"astrazeneca_cognizant\"."),
            {"reason": "other_cases"})
    if "unit" in answer.columns and len(answer) > len(want) and (answer["unit"] != "people").any():
        return Verdict(False, say(
            "Your table still has the pounds and the tools. Add the condition figures[\"unit\"] == \"people\" "
            "(combine two conditions with &).",
            "Tabellen har fortfarande med pund och verktyg. Lägg till villkoret figures[\"unit\"] == \"people\" "
            "(kombinera två villkor med &)."),
            {"reason": "other_units"})
    if len(answer) != len(want):
        return Verdict(False, say(
            f"Expected {len(want)} rows (the case's people figures), got {len(answer)}. Check both conditions.",
            f"Förväntade {len(want)} rader (fallets siffror om personer), fick {len(answer)}. Kontrollera båda villkoren."),
            {"reason": "rows", "rows": len(answer)})
    given = sorted((str(label), float(value)) for label, value in zip(answer["label"], answer["value"]))
    if given not in _people_in_any_language():
        return Verdict(False, say(
            "The table has the right number of rows, but not the case's people figures. Filter figures, "
            "do not change its values.",
            "Tabellen har rätt antal rader, men inte fallets siffror om personer. Filtrera figures, ändra inte värdena."),
            {"reason": "values"})
    return Verdict(True, say(
        "Right: four figures count people: about 1,000 before; 350 at Cognizant (300 of them in India) "
        "and 50 at AstraZeneca after.",
        "Rätt: fyra siffror räknar personer: omkring 1 000 före; 350 hos Cognizant (varav 300 i Indien) "
        "och 50 på AstraZeneca efter."), {})


# --------------------------------------------------------------------------- 04.q2
def _figure(unit: str, label_part: str) -> float:
    """One of the case's figures, found by unit and by a word of its English label."""
    from ..content import load
    case = load().by_id("cases", CASE)
    found = [f.value for f in case.figures if f.unit == unit and label_part in f.label["en"]]
    return float(found[0])


def _headcount_figures() -> dict[str, float]:
    return {"before": _figure("people", "before"), "cognizant": _figure("people", "Cognizant"),
            "india": _figure("people", "India"), "astrazeneca": _figure("people", "AstraZeneca")}


def _reduction_share_check(answer: Any) -> Verdict:
    refused = _table_refused(answer)
    if refused:
        return refused
    f = _headcount_figures()
    after = f["cognizant"] + f["astrazeneca"]
    share = 1 - after / f["before"]
    value = as_number(answer)
    if value is not None:
        if abs(value - share * 100) <= 0.5:
            return Verdict(False, say(
                f"You typed the percent: write it as a share, {number_text(share, 2)['en']}, not "
                f"{number_text(value)['en']} (0.25 means 25%).",
                f"Du skrev procenttalet: skriv det som en andel, {number_text(share, 2)['sv']}, inte "
                f"{number_text(value)['sv']} (0,25 betyder 25 procent)."),
                {"reason": "percent"})
        if abs(value - (f["before"] - after)) <= 0.5:
            return Verdict(False, say(
                f"That is how many people fewer ({number_text(value)['en']}). As a share, divide by the "
                f"{number_text(f['before'])['en']} before.",
                f"Det är hur många färre personer det blev ({number_text(value)['sv']}). Som andel: dela med de "
                f"{number_text(f['before'])['sv']} före."),
                {"reason": "people"})
    return number(
        share, 0.005,
        right=say(
            f"Right: {number_text(after)['en']} people instead of about {number_text(f['before'])['en']}, a fall "
            f"of {share:.0%} in heads. "
            "Many of the 1,000 worked part time, so the fall in full-time equivalents was smaller.",
            f"Rätt: {number_text(after)['sv']} personer i stället för omkring {number_text(f['before'])['sv']}, en minskning med "
            f"{share * 100:.0f} procent räknat i huvuden. Många av de 1 000 arbetade deltid, så minskningen i "
            "heltidstjänster var mindre."),
        common_wrong=[
            (1 - f["cognizant"] / f["before"], say(
                f"You left out the {f['astrazeneca']:.0f} AstraZeneca staff who still work on the data: "
                f"after the deal {after:.0f} people do it.",
                f"Du glömde de {f['astrazeneca']:.0f} på AstraZeneca som fortfarande arbetar med datan: "
                f"efter avtalet gör {after:.0f} personer det.")),
            (1 - (after + f["india"]) / f["before"], say(
                f"You counted the {f['india']:.0f} in India twice: they are part of Cognizant's {f['cognizant']:.0f}.",
                f"Du räknade de {f['india']:.0f} i Indien två gånger: de ingår i Cognizants {f['cognizant']:.0f}.")),
            (after / f["before"], say(
                "That is the share that remains after the deal. The question asks how much the headcount fell: 1 minus that.",
                "Det är andelen som finns kvar efter avtalet. Frågan gäller hur mycket personalstyrkan minskade: 1 minus den.")),
            (1 - f["india"] / f["before"], say(
                "You counted only the staff in India. After the deal, all of Cognizant's staff and AstraZeneca's own 50 do the work.",
                "Du räknade bara personalen i Indien. Efter avtalet gör hela Cognizants personal och AstraZenecas egna 50 arbetet.")),
        ],
        too_high=say("Too high: count everyone who does the data work after the deal, at Cognizant and at AstraZeneca.",
                     "För högt: räkna alla som gör dataarbetet efter avtalet, både hos Cognizant och på AstraZeneca."),
        too_low=say("Too low: check which figures are 'after the deal' and divide by the number before.",
                    "För lågt: kontrollera vilka siffror som gäller efter avtalet och dela med antalet före."),
    )(answer)


# --------------------------------------------------------------------------- 04.q3
def _saving_per_year_check(answer: Any) -> Verdict:
    refused = _table_refused(answer)
    if refused:
        return refused
    target, deal, years = _figure("GBP", "Target saving") / 1e6, _figure("GBP", "Value of the deal") / 1e6, 5
    per_year = target / years
    value = as_number(answer)
    if value is not None and abs(value - per_year * 1e6) <= 1e6:
        return Verdict(False, say(
            f"Right amount, wrong unit: the question asks for £ millions, so write {per_year:g}, not {number_text(value)['en']}.",
            f"Rätt belopp men fel enhet: frågan gäller miljoner pund, så skriv {per_year:g}, inte {number_text(value)['sv']}."),
            {"reason": "unit"})
    return number(
        per_year, 0.1,
        right=say(
            f"Right: a target of £{per_year:g}m a year on average. It was a target, not a reported result, "
            f"and the source does not say whether the £{deal:g}m paid to Cognizant is already deducted.",
            f"Rätt: ett mål på i genomsnitt {per_year:g} miljoner pund per år. Det var ett mål, inte ett redovisat "
            f"resultat, och källan säger inte om de {deal:g} miljoner som betalades till Cognizant redan är avdragna."),
        common_wrong=[
            (target, say(f"That is the whole five-year target. Divide it by the {years} years.",
                         f"Det är hela målet för fem år. Dela det med de {years} åren.")),
            (target * years, say("You multiplied by five. The £150m already covers all five years: divide instead.",
                                 "Du multiplicerade med fem. De 150 miljonerna gäller redan alla fem åren: dela i stället.")),
            ((target - deal) / years, say(
                f"You subtracted the £{deal:g}m deal first. The source gives the target saving itself and does not say "
                "whether the fee is already deducted: divide the target by five.",
                f"Du drog först av avtalets {deal:g} miljoner. Källan anger själva besparingsmålet och säger inte om "
                "avgiften redan är avdragen: dela målet med fem.")),
            (deal / years, say(f"That is the deal's value (£{deal:g}m) per year, not the target saving.",
                               f"Det är avtalets värde ({deal:g} miljoner pund) per år, inte besparingsmålet.")),
        ],
        too_high=say("Too high: divide the five-year target (£150m) by the five years.",
                     "För högt: dela femårsmålet (150 miljoner pund) med de fem åren."),
        too_low=say("Too low: divide the five-year target (£150m) by the five years, in £ millions.",
                    "För lågt: dela femårsmålet (150 miljoner pund) med de fem åren, i miljoner pund."),
    )(answer)


# --------------------------------------------------------------------------- 04.q4
#: Each fact of 04.q4 with every benefit the course's text can back for it, the best fit first.
#: For the case's real facts only those the case's classification in cases.yaml lists count
#: (:func:`accepted_benefits`); ``ramp_down`` and ``new_rule`` are ILLUSTRATIVE facts, not from the case.
FACT_BENEFITS: dict[str, tuple[str, ...]] = {
    "fewer_tools": ("lower_operating_costs",),
    "staff_freed": ("frees_existing_staff",),
    "statistics_2011": ("fills_skills_gap", "flexibility", "agility"),
    "ramp_down": ("flexibility",),
    "new_rule": ("agility",),
}
REAL_FACTS = ("fewer_tools", "staff_freed", "statistics_2011")

#: Why a fact shows a benefit (shown for a wrong label, and for the alternatives of a right one).
_WHY = {
    ("fewer_tools", "lower_operating_costs"): say(
        "fewer_tools: fewer than half as many tools is a streamlined process, which cuts operating costs "
        "(lower_operating_costs).",
        "fewer_tools: mindre än hälften så många verktyg är en effektiviserad process, som sänker "
        "driftskostnaderna (lower_operating_costs)."),
    ("staff_freed", "frees_existing_staff"): say(
        "staff_freed: the people who used to handle trial data beside their other work can now give that time to "
        "other work (frees_existing_staff).",
        "staff_freed: de som förut hanterade prövningsdata vid sidan av annat arbete kan nu lägga den tiden på "
        "annat (frees_existing_staff)."),
    ("statistics_2011", "fills_skills_gap"): say(
        "statistics_2011: statistical analysis needs trained statisticians, skilled staff the vendor provides "
        "(fills_skills_gap).",
        "statistics_2011: statistisk analys kräver utbildade statistiker, kvalificerad personal som leverantören "
        "står för (fills_skills_gap)."),
    ("statistics_2011", "flexibility"): say(
        "statistics_2011 can also be read as flexibility: the firm scaled up what the vendor does for it "
        "without hiring staff of its own.",
        "statistics_2011 kan också läsas som flexibilitet (flexibility): företaget utökade det leverantören gör "
        "utan att anställa egen personal."),
    ("statistics_2011", "agility"): say(
        "statistics_2011 can also be read as agility: with a partner already in place, new work could be added "
        "to the same contract instead of being built up from nothing.",
        "statistics_2011 kan också läsas som smidighet (agility): med en partner redan på plats kunde nytt arbete "
        "läggas till i samma avtal i stället för att byggas upp från början."),
    ("ramp_down", "flexibility"): say(
        "ramp_down: paying for fewer people when there is less work, and more when it grows, is flexibility.",
        "ramp_down: att betala för färre personer när arbetet minskar, och fler när det växer, är flexibilitet "
        "(flexibility)."),
    ("new_rule", "agility"): say(
        "new_rule: keeping pace with a change in the industry within weeks is agility; the fact is about how fast "
        "the firm adapts, not about how many people it pays for.",
        "new_rule: att på några veckor hänga med i en förändring i branschen är smidighet (agility); faktumet "
        "handlar om hur snabbt företaget anpassar sig, inte om hur många personer det betalar för."),
}


def accepted_benefits(fact: str) -> tuple[str, ...]:
    """The benefits 04.q4 accepts for ``fact``: for a real fact of the case, those its classification lists.

    >>> accepted_benefits("new_rule")
    ('agility',)
    """
    wanted = FACT_BENEFITS[fact]
    if fact not in REAL_FACTS:
        return wanted
    from ..content import load
    case = load().by_id("cases", CASE)
    return tuple(b for b in wanted if case.classification.allows("benefits", b))


def _benefits_check(answer: Any) -> Verdict:
    from collections.abc import Mapping

    if is_table(answer) or not isinstance(answer, Mapping):
        return wrong_type('pairs in curly brackets (a dict) such as {"fewer_tools": "agility", ...}',
                          'par inom klammerparenteser (en dict) som {"fewer_tools": "agility", ...}', answer)
    facts = list(FACT_BENEFITS)
    given = {k: answer[k] for k in answer if isinstance(k, str)}
    missing = [k for k in facts if k not in given]
    unknown = [k for k in answer if k not in FACT_BENEFITS]
    if missing or unknown:
        return Verdict(False, say(
            f"Label exactly these facts: {', '.join(facts)}."
            + (f" Missing: {', '.join(missing)}." if missing else "")
            + (f" Not asked for: {names_text(unknown, 5)}." if unknown else ""),
            f"Märk exakt dessa fakta: {', '.join(facts)}."
            + (f" Saknas: {', '.join(missing)}." if missing else "")
            + (f" Efterfrågas inte: {names_text(unknown, 5)}." if unknown else "")),
            {"reason": "keys", "missing": missing})
    labels_given = {k: given[k].strip().lower() if isinstance(given[k], str) else None for k in facts}
    odd = [k for k in facts if labels_given[k] not in BENEFITS]
    if odd:
        listed = ", ".join(f'"{b}"' for b in BENEFITS)
        return Verdict(False, say(f"Use only the benefit ids {listed} (check {', '.join(odd)}).",
                                  f"Använd bara fördelarnas id {listed} (kontrollera {', '.join(odd)})."),
                       {"reason": "unknown_label", "items": odd})
    accepted = {k: accepted_benefits(k) for k in facts}
    wrong = [k for k in facts if labels_given[k] not in accepted[k]]
    if not wrong:
        notes = [_WHY[(k, b)] for k in facts for b in accepted[k] if b != labels_given[k] and (k, b) in _WHY]
        return Verdict(True, both(lambda lang: " ".join([
            "Right: every label fits its fact." if lang == "en" else "Rätt: varje etikett passar sitt faktum.",
            *(("Other readings that also fit:" if lang == "en" else "Andra läsningar som också passar:",) if notes else ()),
            *(n[lang] for n in notes),
            "Two facts, ramp_down and new_rule, are illustrative; the other three are reported."
            if lang == "en" else
            "Två fakta, ramp_down och new_rule, är påhittade; de andra tre är rapporterade."])),
            {"wrong": [], "value": labels_given})
    notes = [_WHY[(k, accepted[k][0])] for k in wrong[:3] if accepted[k]]
    lead = say(f"{len(wrong)} of {len(facts)} labels do not fit their fact: {', '.join(wrong)}.",
               f"{len(wrong)} av {len(facts)} etiketter passar inte sitt faktum: {', '.join(wrong)}.")
    return Verdict(False, both(lambda lang: " ".join([lead[lang], *(n[lang] for n in notes)])),
                   {"wrong": wrong})


# --------------------------------------------------------------------------- 04.q5
def _flexibility_result(**changes: Any):
    from ..models import demand_curve, simulate
    settings = {**FLEXIBILITY_SETTINGS, **changes}
    return simulate(demand_curve(**DEMAND_SETTINGS), **settings)


def _flexibility_check(answer: Any) -> Verdict:
    refused = _table_refused(answer)
    if refused:
        return refused
    if type(answer).__name__ == "FlexibilityResult":
        return Verdict(False, say(
            "That is the whole result of simulate. Store one number from it: result.kpo_saving.",
            "Det är hela resultatet från simulate. Spara ett tal ur det: result.kpo_saving."),
            {"reason": "result_object"})
    result = _flexibility_result()
    saving = result.kpo_saving
    return number(
        saving, 1,
        right=say(
            f"Right: paying only for the capacity it needs saves {number_text(saving)['en']} over two years, even at a 10% "
            f"premium per FTE; the fixed team sat idle for {number_text(result.in_house_idle_total)['en']} FTE-months. "
            f"The price: {number_text(result.kpo_unmet_total)['en']} FTE-months of work waited while the vendor caught up.",
            f"Rätt: att bara betala för den kapacitet som behövs sparar {number_text(saving)['sv']} på två år, trots 10 procent "
            f"högre pris per heltidstjänst; den fasta gruppen gick sysslolös {number_text(result.in_house_idle_total)['sv']} "
            f"personmånader. Priset: arbete motsvarande {number_text(result.kpo_unmet_total)['sv']} "
            "personmånader fick vänta medan "
            "leverantören hann ikapp."),
        common_wrong=[
            (-saving, say("The sign is flipped: kpo_saving is the in-house cost minus the KPO cost, positive when KPO costs less.",
                          "Tecknet är omvänt: kpo_saving är den interna kostnaden minus KPO-kostnaden, positiv när KPO är billigare.")),
            (_flexibility_result(kpo_cost_per_fte=10_000).kpo_saving, say(
                "You priced KPO capacity like the in-house team. It costs 11,000 per FTE-month: kpo_cost_per_fte=11_000.",
                "Du räknade KPO-kapaciteten till samma pris som den egna gruppen. Den kostar 11 000 per personmånad: "
                "kpo_cost_per_fte=11_000.")),
            (result.in_house_total_cost, say("That is the in-house team's total cost. The question asks for the saving.",
                                             "Det är den egna gruppens totala kostnad. Frågan gäller besparingen.")),
            (result.kpo_total_cost, say("That is KPO's total cost. The question asks for the saving: in-house minus KPO.",
                                        "Det är KPO-alternativets totala kostnad. Frågan gäller besparingen: intern minus KPO.")),
        ],
    )(answer)


# --------------------------------------------------------------------------- worked answers (shown after trying)
WORKED = {
    "04.q1": say(
        "astrazeneca_people = figures[(figures[\"case\"] == \"astrazeneca_cognizant\") & (figures[\"unit\"] == \"people\")]: "
        "four rows, about 1,000 before; 350 at Cognizant, 300 of them in India; 50 at AstraZeneca.",
        "astrazeneca_people = figures[(figures[\"case\"] == \"astrazeneca_cognizant\") & (figures[\"unit\"] == \"people\")]: "
        "fyra rader, omkring 1 000 före; 350 hos Cognizant, varav 300 i Indien; 50 på AstraZeneca."),
    "04.q2": say(
        "After the deal: 350 + 50 = 400 people (the 300 in India are part of the 350). "
        "Share of the fall: 1 - 400 / 1,000 = 0.60, counted in heads, not in full-time work.",
        "Efter avtalet: 350 + 50 = 400 personer (de 300 i Indien ingår i de 350). "
        "Minskningens andel: 1 - 400 / 1 000 = 0,60, räknat i huvuden, inte i heltidsarbete."),
    "04.q3": say("150 / 5 = 30: a target of £30m a year on average, not a reported result.",
                 "150 / 5 = 30: ett mål på i genomsnitt 30 miljoner pund per år, inte ett redovisat resultat."),
    "04.q4": say(
        "fewer_tools: lower_operating_costs; staff_freed: frees_existing_staff; statistics_2011: fills_skills_gap "
        "(flexibility or agility can be argued too); ramp_down: flexibility; new_rule: agility.",
        "fewer_tools: lower_operating_costs; staff_freed: frees_existing_staff; statistics_2011: fills_skills_gap "
        "(flexibility eller agility går också att försvara); ramp_down: flexibility; new_rule: agility."),
    "04.q5": say(
        "flexibility = kpo.models.simulate(demand, in_house_staff=10, in_house_cost_per_fte=10_000, "
        "kpo_cost_per_fte=11_000, notice_months=1); flexibility_saving = flexibility.kpo_saving.",
        "flexibility = kpo.models.simulate(demand, in_house_staff=10, in_house_cost_per_fte=10_000, "
        "kpo_cost_per_fte=11_000, notice_months=1); flexibility_saving = flexibility.kpo_saving."),
}


QUESTIONS: list = []
_question = collector(QUESTIONS)


_question(
    id="04.q1",
    worked=WORKED["04.q1"],
    kind="pandas",
    claims=("S14", "S16"),
    points=1,
    checker=_people_rows_check,
    hint=say("Two conditions, each in brackets, joined with &: figures[(figures[\"case\"] == ...) & (figures[\"unit\"] == ...)].",
             "Två villkor, vart och ett inom parentes, förenade med &: figures[(figures[\"case\"] == ...) & (figures[\"unit\"] == ...)]."),
)

_question(
    id="04.q2",
    worked=WORKED["04.q2"],
    kind="calculation",
    claims=("S14", "S16"),
    points=1,
    checker=_reduction_share_check,
    hint=say("After the deal: Cognizant's 350 (the 300 in India are among them) plus AstraZeneca's 50. "
             "Share of the fall = 1 - after / before.",
             "Efter avtalet: Cognizants 350 (de 300 i Indien ingår) plus AstraZenecas 50. "
             "Minskningens andel = 1 - efter / före."),
)

_question(
    id="04.q3",
    worked=WORKED["04.q3"],
    kind="calculation",
    claims=("S14",),
    points=1,
    checker=_saving_per_year_check,
    hint=say("Target saving over five years, divided by five, in £ millions.",
             "Besparingsmålet för fem år, delat med fem, i miljoner pund."),
)

_question(
    id="04.q4",
    worked=WORKED["04.q4"],
    kind="judgement",
    claims=("S14", "S15", "S16", "S17", "S18"),
    points=2,
    checker=_benefits_check,
    hint=say("A benefit may fit more than one fact. Flexibility is about how many people the firm pays for; agility "
             "about how fast it adapts to a change; filling a skills gap about expertise the firm lacks; freeing "
             "staff about time its own people get back.",
             "En fördel kan passa mer än ett faktum. Flexibilitet handlar om hur många personer företaget betalar "
             "för; smidighet om hur snabbt det anpassar sig till en förändring; att fylla en kompetenslucka om "
             "expertis som företaget saknar; att frigöra personal om tid som de egna får tillbaka."),
)

_question(
    id="04.q5",
    worked=WORKED["04.q5"],
    kind="calculation",
    claims=("S17",),
    points=1,
    checker=_flexibility_check,
    hint=say("result = kpo.models.simulate(demand, in_house_staff=10, in_house_cost_per_fte=10_000, "
             "kpo_cost_per_fte=11_000, notice_months=1); then result.kpo_saving.",
             "result = kpo.models.simulate(demand, in_house_staff=10, in_house_cost_per_fte=10_000, "
             "kpo_cost_per_fte=11_000, notice_months=1); sedan result.kpo_saving."),
)
