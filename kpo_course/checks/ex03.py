"""Exercise 03, a case: Rio Tinto's legal work with CPA Global, and why firms use KPO (lesson 03).

Every figure is a real, sourced number from ``cases.yaml`` (Rio Tinto 2009, JPMorgan 2003,
Pangea3's pay figures from a 2007 profile), read when a check runs: the exercise and its checks
share one source. The one assumption that is not a sourced figure, 21 working days a month in
question 7, is labelled illustrative in the notebook. Question 6's key for the real case is the
case's classification in ``cases.yaml``.
"""
from __future__ import annotations

import math
from typing import Any

from ..i18n import localize
from . import collector
from .charts import bar_data, chart, chart_text_problem
from .kinds import Text, Verdict, amount, is_table, labels_any, say, selection, shown


def _content():
    from ..content import load
    return load()


def case_figure(case_id: str, unit: str, word: str | None = None) -> float:
    """The one figure of a case with this unit (and ``word`` in its English label)."""
    case = _content().by_id("cases", case_id)
    hits = [f for f in case.figures
            if f.unit == unit and (word is None or word in str(localize(f.label, "en")).lower())]
    if len(hits) != 1:
        raise LookupError(f"{case_id}: {len(hits)} figures with unit {unit!r} and word {word!r}")
    return float(hits[0].value)


RIO = "rio_tinto_cpa_global"
JPM = "jpmorgan_mumbai_research"
PANGEA = "thomson_reuters_pangea3"


def _delhi_rate() -> float:
    return case_figure(RIO, "USD/day")


def _times_cheaper() -> float:
    return case_figure(RIO, "times")


def _budget() -> float:
    return case_figure(RIO, "USD", "budget")


def _target_share() -> float:
    return case_figure(RIO, "share")


def _first_month() -> float:
    return case_figure(RIO, "USD", "first month")


def _team() -> float:
    return case_figure(RIO, "people")


def _india_pay() -> float:
    return case_figure(PANGEA, "USD/year", "india")


def _us_pay() -> float:
    return case_figure(PANGEA, "USD/year", "us firm")


def _jpm_share() -> float:
    return case_figure(JPM, "share")


# --------------------------------------------------------------------------- q1: London's day rate


def _london_rate() -> float:
    return _delhi_rate() * _times_cheaper()


def _london_slips() -> list[tuple[float, Text]]:
    rate, times, team = _delhi_rate(), _times_cheaper(), _team()
    return [
        (rate / times, say(
            "You divided by seven. London is the expensive side: \"seven times cheaper\" means a London lawyer "
            "costs seven times the Delhi rate.",
            "Du delade med sju. London är den dyra sidan: \"sju gånger billigare\" betyder att en jurist i London "
            "kostar sju gånger dagpriset i Delhi."), "divided_by_seven"),
        (rate, say(
            "That is the Delhi rate, what a CPA Global lawyer cost. The question asks for the London rate.",
            "Det är dagpriset i Delhi, vad en jurist hos CPA Global kostade. Frågan gäller dagpriset i London."), "delhi_rate"),
        (times, say("That is the ratio, not a rate in dollars. Multiply it by the Delhi day rate.",
                    "Det är kvoten, inte ett dagpris i dollar. Multiplicera den med dagpriset i Delhi."), "ratio_not_rate"),
        (rate * team, say(
            "That is what the whole Delhi team of 12 cost a day. The question asks for one London lawyer's day rate.",
            "Det är vad hela teamet på 12 i Delhi kostade per dag. Frågan gäller dagpriset för en jurist i London."), "whole_delhi_team"),
        (rate * times * team, say(
            "That is what 12 London lawyers would cost a day. The question asks for one lawyer.",
            "Det är vad 12 jurister i London skulle kosta per dag. Frågan gäller en jurist."), "twelve_london_lawyers"),
    ]


# --------------------------------------------------------------------------- q2: the target saving


def _target_saving() -> float:
    return _target_share() * _budget()


def _target_slips() -> list[tuple[float, Text]]:
    share, budget = _target_share(), _budget()
    return [
        (share * 100 * budget, say(
            "You typed the percent as 20 instead of 0.2: 20 × US$100m is twenty times the whole budget. "
            "20% is 0.2.",
            "Du skrev procenten som 20 i stället för 0,2: 20 × 100 miljoner dollar är tjugo gånger hela budgeten. "
            "20 procent är 0.2."), "percent_as_whole_number"),
        (share * 100, say("That is the percent. The question asks for the saving in US dollars.",
                          "Det är procentsatsen. Frågan gäller besparingen i US-dollar."), "percent_not_dollars"),
        (share, say("That is the share. Multiply it by the budget to get dollars.",
                    "Det är andelen. Multiplicera den med budgeten för att få dollar."), "share_not_dollars"),
        ((1 - share) * budget, say(
            "That is what would be left of the budget (80%). The question asks for the saving itself.",
            "Det är vad som skulle återstå av budgeten (80 procent). Frågan gäller själva besparingen."), "what_is_left"),
        (budget, say("That is the whole legal budget, not the saving.",
                     "Det är hela den juridiska budgeten, inte besparingen."), "whole_budget"),
        (_first_month(), say(
            "That is what was saved in roughly the first month. The question asks for the yearly target.",
            "Det är vad som sparades ungefär under den första månaden. Frågan gäller målet per år."), "first_month"),
    ]


# --------------------------------------------------------------------------- q3: the first month's pace


def _pace_share() -> float:
    return 12 * _first_month() / _budget()


def _pace_slips() -> list[tuple[float, Text]]:
    first, budget = _first_month(), _budget()
    return [
        (12 * first / budget * 100, say(
            "Write the share as a decimal, not a percent: 12% is 0.12.",
            "Skriv andelen som decimaltal, inte i procent: 12 procent är 0.12."), "percent_not_decimal"),
        (12 * first, say("That is the amount saved in a year, in dollars. Divide it by the budget to get a share.",
                         "Det är beloppet som sparas på ett år, i dollar. Dela det med budgeten för att få en andel."), "yearly_dollars"),
        (first / budget, say("That is one month's saving as a share. The question asks about a whole year: 12 months.",
                             "Det är en månads besparing som andel. Frågan gäller ett helt år: 12 månader."), "one_month"),
        (_target_share(), say(
            "That is the target (up to 20%). The question asks what the first month's pace would give in a year.",
            "Det är målet (upp till 20 procent). Frågan gäller vad takten under den första månaden skulle ge på ett år."), "target_not_pace"),
    ]


# --------------------------------------------------------------------------- q4: Pangea3


def _pay_ratio() -> float:
    return _us_pay() / _india_pay()


def _pay_slips() -> list[tuple[float, Text]]:
    us, india = _us_pay(), _india_pay()
    return [
        (india / us, say(
            "Upside down: that is the Indian pay as a share of the US pay (about 4%). The question asks how many "
            "times more a US first-year lawyer earned: US pay ÷ Indian pay.",
            "Upp och ner: det är den indiska lönen som andel av den amerikanska (ungefär 4 procent). Frågan gäller "
            "hur många gånger mer en förstaårsjurist i USA tjänade: amerikansk lön ÷ indisk lön."), "upside_down"),
        (us - india, say(
            "That is the difference in dollars. The question asks for a ratio: divide, do not subtract.",
            "Det är skillnaden i dollar. Frågan gäller en kvot: dela, subtrahera inte."), "subtracted"),
    ]


# --------------------------------------------------------------------------- q5: chart of the cost ratios

#: Words that identify each case in a bar's label.
CHART_KEYS = {
    "jpmorgan": ("jpmorgan", "jp morgan", "j.p. morgan", "mumbai"),
    "rio_tinto": ("rio tinto", "rio", "cpa global", "delhi"),
    "pangea3": ("pangea", "thomson"),
}


def _chart_ratios() -> dict[str, float]:
    return {"jpmorgan": 1 / _jpm_share(), "rio_tinto": _times_cheaper(), "pangea3": _pay_ratio()}


def _which_case(label: str) -> str | None:
    text = label.lower()
    found = [key for key, words in CHART_KEYS.items() if any(w in text for w in words)]
    return found[0] if len(found) == 1 else None


def _inspect_cost_chart(ax: Any) -> Verdict | None:
    bars = bar_data(ax)
    if bars is None:
        return Verdict(False, say(
            "There are no bars in the chart. Draw one bar per case: ax.bar(names, ratios).",
            "Det finns inga staplar i diagrammet. Rita en stapel per fall: ax.bar(namn, kvoter)."),
            {"reason": "no_bars"})
    want = _chart_ratios()
    heights = [value for _, value in bars]
    if not all(math.isfinite(h) for h in heights):
        return Verdict(False, say("Some bars have no height (NaN).", "Några staplar saknar höjd (NaN)."),
                       {"reason": "nan"})
    if len(bars) != len(want):
        return Verdict(False, say(
            f"Expected {len(want)} bars (JPMorgan, Rio Tinto, Pangea3), but the chart has {len(bars)}.",
            f"Förväntade {len(want)} staplar (JPMorgan, Rio Tinto, Pangea3), men diagrammet har {len(bars)}."),
            {"reason": "bars"})
    shares = sorted(1 / v for v in want.values())
    if all(abs(h - s) <= 0.01 for h, s in zip(sorted(heights), shares)):
        return Verdict(False, say(
            "You plotted the offshore pay as a share of home pay. The chart asks how many times cheaper: "
            "home ÷ offshore, e.g. 1 / 0.25 = 4 for JPMorgan.",
            "Du ritade lönen offshore som andel av lönen hemma. Diagrammet gäller hur många gånger billigare: "
            "hemma ÷ offshore, t.ex. 1 / 0,25 = 4 för JPMorgan."), {"reason": "shares"})
    jpm_share = _jpm_share()
    if any(abs(h - jpm_share) <= 1e-6 for h in heights):
        return Verdict(False, say(
            f"One bar is {jpm_share}: that is JPMorgan's figure as a share of New York / London pay. Turn it into "
            f"\"times cheaper\": 1 / {jpm_share}.",
            f"En stapel är {jpm_share}: det är JPMorgans siffra som andel av lönen i New York / London. Gör om den "
            f"till \"gånger billigare\": 1 / {jpm_share}."), {"reason": "jpm_share"})
    if any(h >= 1000 for h in heights):
        return Verdict(False, say(
            "One bar shows an amount in dollars. Plot ratios (how many times cheaper), not pay.",
            "En stapel visar ett belopp i dollar. Rita kvoter (hur många gånger billigare), inte löner."),
            {"reason": "dollars"})
    if not all(abs(h - w) <= 0.05 for h, w in zip(sorted(heights), sorted(want.values()))):
        return Verdict(False, say(
            f"The bar heights {shown([round(h, 2) for h in heights])} are not the three cost ratios. Check each "
            "against your answers to questions 1 and 4.",
            f"Stapelhöjderna {shown([round(h, 2) for h in heights])} är inte de tre kostnadskvoterna. Jämför var "
            "och en med dina svar på fråga 1 och 4."), {"reason": "heights"})
    placed = {_which_case(label): value for label, value in bars}
    if None in placed or len(placed) != len(want):
        return Verdict(False, say(
            "The heights are right; now name each bar's case on the category axis (JPMorgan, Rio Tinto, Pangea3).",
            "Höjderna stämmer; skriv nu ut varje stapels fall på kategoriaxeln (JPMorgan, Rio Tinto, Pangea3)."),
            {"reason": "bar_labels"})
    wrong = sorted(k for k, v in placed.items() if abs(v - want[k]) > 0.05)
    if wrong:
        return Verdict(False, say(
            f"The heights are right but sit under the wrong names: check {', '.join(wrong)}.",
            f"Höjderna stämmer men står under fel namn: kontrollera {', '.join(wrong)}."), {"reason": "mislabelled"})
    return chart_text_problem(ax)


# --------------------------------------------------------------------------- q6: which motivation?

#: The main motivation of each scenario (the one its wording decides).
MOTIVATION_OF = {
    "a": "experts_without_training",
    "b": "add_experts_quickly",
    "c": "expertise_not_in_house",
    "d": "lower_cost_offshore",
    "e": "talent_and_lower_cost",
    "f": "efficiency_and_advantage",
}

#: Scenario e is the real Rio Tinto case: every motivation its classification in cases.yaml lists is accepted.
REAL_SCENARIOS = {"e": RIO}

#: Other defensible answers for the illustrative scenarios, with why.
_ALSO_ILLUSTRATIVE: dict[tuple[str, str], Text] = {
    ("a", "add_experts_quickly"): say(
        "the lawyers are added quickly, for six weeks, without permanent hires",
        "juristerna tillförs snabbt, i sex veckor, utan fasta anställningar"),
}


def accepted_motivations() -> dict[str, list[str]]:
    """Every defensible motivation per scenario, the main one first.

    >>> accepted_motivations()["e"][0], "lower_cost_offshore" in accepted_motivations()["e"]
    ('talent_and_lower_cost', True)
    """
    from ..content import classification

    accepted = {key: [main] for key, main in MOTIVATION_OF.items()}
    for (key, label) in _ALSO_ILLUSTRATIVE:
        accepted[key].append(label)
    for key, case_id in REAL_SCENARIOS.items():
        supported = classification(case_id).ids("motivations")
        accepted[key] = [MOTIVATION_OF[key], *(m for m in supported if m != MOTIVATION_OF[key])]
    return accepted


def _also_notes() -> dict[tuple[str, str], Text]:
    from ..content import classification

    notes = dict(_ALSO_ILLUSTRATIVE)
    for key, case_id in REAL_SCENARIOS.items():
        case = classification(case_id)
        for label in case.ids("motivations"):
            why = case.why("motivations", label)
            if why and label != MOTIVATION_OF[key]:
                notes[(key, label)] = why
    return notes


_WHY = {
    "a": say("(a: a one-off project: the lawyers come qualified, so the group trains and develops no one for work "
             "that will not come back.)",
             "(a: ett engångsprojekt: juristerna kommer färdigutbildade, så koncernen utbildar och utvecklar ingen för "
             "arbete som inte kommer tillbaka.)"),
    "b": say("(b: specialists added quickly, for a limited time, to raise revenue, with no permanent full-time hires.)",
             "(b: specialister tillförs snabbt, under en begränsad tid, för att öka intäkterna, utan fasta "
             "heltidsanställningar.)"),
    "c": say("(c: the knowledge cannot be found in-house at all.)",
             "(c: kunskapen finns inte alls internt.)"),
    "d": say("(d: the only reason given is the lower wage elsewhere.)",
             "(d: det enda skälet som anges är den lägre lönen på en annan plats.)"),
    "e": say("(e: qualified lawyers at a seventh of the London cost: a highly educated workforce and a lower cost at "
             "once; a lower cost offshore, or experts added through the vendor, also fit this case.)",
             "(e: behöriga jurister till en sjundedel av kostnaden i London: en högutbildad arbetskraft och en lägre "
             "kostnad på en gång; lägre kostnad offshore, eller experter som tillförs via leverantören, passar också.)"),
    "f": say("(f: a more efficient process, maximum value at the lowest total cost, becomes a competitive advantage.)",
             "(f: en effektivare process, maximalt värde till lägsta möjliga totalkostnad, blir en konkurrensfördel.)"),
}


def _motivation_check(answer: Any) -> Verdict:
    if is_table(answer):
        return Verdict(False, say(
            "That is a pandas table. Write a dict instead: {\"a\": \"...\", \"b\": \"...\", ...}.",
            "Det är en pandas-tabell. Skriv en dict i stället: {\"a\": \"...\", \"b\": \"...\", ...}."),
            {"reason": "table"})
    known = [m.id for m in _content().motivations]
    return labels_any(accepted_motivations(), feedback=_WHY, allowed=known, also=_also_notes())(answer)


# --------------------------------------------------------------------------- q7, q8: do the numbers add up?

#: An illustrative assumption (the sources give no number of working days): 21 working days a month.
WORKING_DAYS = 21


def _team_month_cost() -> float:
    return _team() * _delhi_rate() * WORKING_DAYS


def _team_cost_slips() -> list[tuple[float, Text]]:
    team, rate = _team(), _delhi_rate()
    return [
        (team * rate, say("That is what the team cost a day. A month has 21 working days here: multiply by 21.",
                          "Det är vad teamet kostade per dag. En månad har här 21 arbetsdagar: multiplicera med 21."), "one_day"),
        (rate * WORKING_DAYS, say("That is one lawyer's month. The Delhi team had 12 lawyers.",
                                  "Det är en jurists månad. Teamet i Delhi hade 12 jurister."), "one_lawyer"),
        (team * rate * 30, say("You counted 30 days. Lawyers are paid for working days: use the 21 the question gives.",
                               "Du räknade 30 dagar. Jurister får betalt för arbetsdagar: använd de 21 som frågan anger."), "thirty_days"),
        (team * rate * WORKING_DAYS * 12, say("That is a year. The question asks for one month.",
                                              "Det är ett år. Frågan gäller en månad."), "a_year"),
        (team * rate * WORKING_DAYS * _times_cheaper(), say(
            "That is what 12 London lawyers would cost a month. The question asks about the Delhi team.",
            "Det är vad 12 jurister i London skulle kosta i månaden. Frågan gäller teamet i Delhi."), "london_team"),
    ]


_GAP_OPTIONS = {
    "a": say("a could explain it: a saving is counted against what the work would otherwise have cost, here the "
             "fees of outside law firms, which can be far above the Delhi team's own cost.",
             "a kan förklara det: en besparing räknas mot vad arbetet annars hade kostat, här externa advokatbyråers "
             "arvoden, som kan ligga långt över vad teamet i Delhi kostar."),
    "b": say("b could explain it: the saving may reach beyond the 12 lawyers' own hours, if in-house lawyers with "
             "more time took on matters that used to go to outside firms.",
             "b kan förklara det: besparingen kan gå utöver de 12 juristernas egna timmar, om de egna juristerna fick "
             "tid för ärenden som tidigare gick till externa byråer."),
    "c": say("c cannot explain it: if a Delhi lawyer cost more than US$250 a day, the saving would be smaller, not "
             "larger.",
             "c kan inte förklara det: om en jurist i Delhi kostade mer än 250 dollar om dagen skulle besparingen bli "
             "mindre, inte större."),
    "d": say("d gives up too soon: the figures measure different things (a cost, a saving, a target). Ask what each "
             "one measures before calling one false.",
             "d ger upp för tidigt: siffrorna mäter olika saker (en kostnad, en besparing, ett mål). Fråga vad var och "
             "en mäter innan du kallar någon falsk."),
    "e": say("e mixes up a cost and a saving: the team's month cost about US$63,000 (question 7); the US$1m is "
             "reported as saved.",
             "e blandar ihop en kostnad och en besparing: teamets månad kostade omkring 63 000 dollar (fråga 7); "
             "miljonen rapporteras som sparad."),
    "f": say("f could explain part of it: an early, rounded figure from roughly the first month may include one "
             "large matter, so one month need not be typical.",
             "f kan förklara en del: en tidig, avrundad siffra från ungefär den första månaden kan innehålla ett stort ärende, så "
             "en månad behöver inte vara typisk."),
}
PLAUSIBLE_GAP = ("a", "b", "f")


# --------------------------------------------------------------------------- the questions

QUESTIONS: list = []
_question = collector(QUESTIONS)


_question(
    id="03.q1",
    kind="calculation",
    claims=("S11",),
    checker=amount(
        _london_rate, 1,
        right=say("Right: about US$1,750 a day in London against about US$250 in Delhi.",
                  "Rätt: omkring 1 750 dollar om dagen i London mot omkring 250 dollar i Delhi."),
        slips=_london_slips,
    ),
    hint=say("Seven times cheaper in Delhi means London costs seven times as much: Delhi rate × 7.",
             "Sju gånger billigare i Delhi betyder att London kostar sju gånger så mycket: dagpriset i Delhi × 7."),
    worked=say("delhi_day_rate = rio.loc[rio[\"unit\"] == \"USD/day\", \"value\"].item() gives 250; times_cheaper "
               "(unit \"times\") gives 7; 250 × 7 = 1,750: about US$1,750 a day for a lawyer in London.",
               "delhi_day_rate = rio.loc[rio[\"unit\"] == \"USD/day\", \"value\"].item() ger 250; times_cheaper "
               "(enheten \"times\") ger 7; 250 × 7 = 1 750: omkring 1 750 dollar om dagen för en jurist i London."),
)

_question(
    id="03.q2",
    kind="calculation",
    claims=("S11",),
    checker=amount(
        _target_saving, 1,
        right=say("Right: up to about US$20m a year, a fifth of the legal budget.",
                  "Rätt: upp till omkring 20 miljoner dollar om året, en femtedel av den juridiska budgeten."),
        slips=_target_slips,
    ),
    hint=say("Share × budget, with the share as a decimal: 0.2 × 100_000_000.",
             "Andel × budget, med andelen som decimaltal: 0.2 × 100_000_000."),
    worked=say("target_share = 0.2 (the row with unit \"share\"); legal_budget = 100,000,000 (the larger of the two "
               "amounts with unit \"USD\": rio.loc[rio[\"unit\"] == \"USD\", \"value\"].max()); "
               "0.2 × 100,000,000 = 20,000,000: up to about US$20m a year.",
               "target_share = 0.2 (raden med enheten \"share\"); legal_budget = 100 000 000 (det större av de två "
               "beloppen med enheten \"USD\": rio.loc[rio[\"unit\"] == \"USD\", \"value\"].max()); "
               "0,2 × 100 000 000 = 20 000 000: upp till omkring 20 miljoner dollar om året."),
)

_question(
    id="03.q3",
    kind="calculation",
    claims=("S11",),
    checker=amount(
        _pace_share, 0.005,
        right=say("Right: 12 months at the first month's pace, divided by the budget.",
                  "Rätt: tolv månader i den första månadens takt, delat med budgeten."),
        slips=_pace_slips,
    ),
    hint=say("Twelve months at about US$1m each, divided by the US$100m budget: 12 * 1_000_000 / 100_000_000.",
             "Tolv månader med omkring 1 miljon dollar var, delat med budgeten på 100 miljoner: "
             "12 * 1_000_000 / 100_000_000."),
    worked=say("12 × 1,000,000 / 100,000,000 = 0.12: about 12% of the budget in a year at the first month's pace, "
               "against a target of up to 20%. The first month's figure is an approximate, early report, so read "
               "the comparison as a rough sense of scale: reaching the target would take more work sent to Delhi, "
               "or more saved on each piece of it.",
               "12 × 1 000 000 / 100 000 000 = 0,12: omkring 12 procent av budgeten på ett år i den första månadens "
               "takt, mot ett mål på upp till 20 procent. Den första månadens siffra är en ungefärlig, tidig uppgift, "
               "så läs jämförelsen som en grov storleksordning: för att nå målet krävs mer arbete till Delhi, eller "
               "större besparing på varje del."),
)

_question(
    id="03.q4",
    kind="calculation",
    claims=("S11", "S12"),
    checker=amount(
        _pay_ratio, 0.05,
        right=say("Right: in 2007 a first-year lawyer at a large US firm earned about 23 times as much as a new "
                  "lawyer at Pangea3.",
                  "Rätt: år 2007 tjänade en förstaårsjurist på en stor amerikansk byrå ungefär 23 gånger så mycket som "
                  "en ny jurist hos Pangea3."),
        slips=_pay_slips,
    ),
    hint=say("How many times more: the larger pay divided by the smaller, 160_000 / 7_000.",
             "Hur många gånger mer: den högre lönen delat med den lägre, 160_000 / 7_000."),
    worked=say("us_pay / india_pay = 160,000 / 7,000 ≈ 22.9: about 23 times as much (pay figures from the ABA "
               "Journal's 2007 profile of Pangea3).",
               "us_pay / india_pay = 160 000 / 7 000 ≈ 22,9: ungefär 23 gånger så mycket (lönesiffror från ABA "
               "Journals porträtt av Pangea3 år 2007)."),
)

_question(
    id="03.q5",
    kind="chart",
    claims=("S11", "S12"),
    points=2,
    checker=chart(_inspect_cost_chart),
    hint=say("Three bars: JPMorgan 1 / 0.25, Rio Tinto 7, Pangea3 your answer to question 4; name the bars, "
             "then ax.set_title, ax.set_xlabel, ax.set_ylabel.",
             "Tre staplar: JPMorgan 1 / 0,25, Rio Tinto 7, Pangea3 ditt svar på fråga 4; namnge staplarna och sedan "
             "ax.set_title, ax.set_xlabel, ax.set_ylabel."),
    worked=say("Bars of 4 (JPMorgan), 7 (Rio Tinto) and about 23 (Pangea3). Read them with care: they do not measure "
               "the same thing. JPMorgan's and Pangea3's compare pay; Rio Tinto's compares the price paid per "
               "lawyer-day, which also covers the provider's other costs and its margin. Years, jobs and home "
               "countries differ too, so the chart gives a sense of scale, not a like-for-like comparison. All three "
               "show the article's main motive for going offshore: qualified people elsewhere earn lower wages.",
               "Staplar på 4 (JPMorgan), 7 (Rio Tinto) och ungefär 23 (Pangea3). Läs dem försiktigt: de mäter inte "
               "samma sak. JPMorgans och Pangea3:s jämför löner; Rio Tintos jämför priset per juristdag, som också "
               "täcker leverantörens andra kostnader och dess marginal. År, yrken och hemländer skiljer sig också, så "
               "diagrammet ger en storleksordning, inte en jämförelse av lika med lika. Alla tre visar artikelns "
               "huvudmotiv för offshoring: kvalificerade personer på andra håll tjänar mindre."),
)

_question(
    id="03.q6",
    kind="judgement",
    claims=("S07", "S08", "S10", "S11", "S12", "S13"),
    points=2,
    checker=_motivation_check,
    hint=say("Find what decides each scenario: nobody needs training for a one-off project, experts come quickly "
             "and not for good, nobody in the firm knows it, it is only cheaper, it is educated and cheaper, or a "
             "better process gives an edge.",
             "Hitta det som avgör varje scenario: ingen behöver utbildas för ett engångsprojekt, experter kommer "
             "snabbt och inte för gott, ingen i företaget kan det, det är bara billigare, det är högutbildat och "
             "billigare, eller en bättre process ger ett försprång."),
    worked=say("a experts_without_training (add_experts_quickly also fits), b add_experts_quickly, c "
               "expertise_not_in_house, d lower_cost_offshore, e talent_and_lower_cost (lower_cost_offshore and "
               "add_experts_quickly also fit the real Rio Tinto case), f efficiency_and_advantage.",
               "a experts_without_training (add_experts_quickly passar också), b add_experts_quickly, c "
               "expertise_not_in_house, d lower_cost_offshore, e talent_and_lower_cost (lower_cost_offshore och "
               "add_experts_quickly passar också det verkliga Rio Tinto-fallet), f efficiency_and_advantage."),
)

_question(
    id="03.q7",
    kind="calculation",
    claims=("S11",),
    checker=amount(
        _team_month_cost, 1,
        right=say("Right: about US$63,000 a month for the whole Delhi team.",
                  "Rätt: omkring 63 000 dollar i månaden för hela teamet i Delhi."),
        slips=_team_cost_slips,
    ),
    hint=say("Lawyers × day rate × working days: 12 * 250 * 21.",
             "Jurister × dagpris × arbetsdagar: 12 * 250 * 21."),
    worked=say("12 × 250 × 21 = 63,000: about US$63,000 a month, against about US$1m reported saved in roughly the "
               "first month, some 16 times as much.",
               "12 × 250 × 21 = 63 000: omkring 63 000 dollar i månaden, mot omkring 1 miljon dollar som rapporterades "
               "sparad ungefär under den första månaden, runt 16 gånger så mycket."),
)

_question(
    id="03.q8",
    kind="judgement",
    claims=("S11",),
    checker=selection(list(PLAUSIBLE_GAP), _GAP_OPTIONS, right=say(
        "Right: a, b and f could each account for part of the gap; c, d and e cannot. Checking whether reported "
        "numbers add up, and asking what each one measures, is the skill.",
        "Rätt: a, b och f kan var och en förklara en del av skillnaden; c, d och e kan inte det. Att kontrollera om "
        "rapporterade siffror går ihop, och fråga vad var och en mäter, är färdigheten.")),
    hint=say("A saving is always measured against something. Against what? And whose work does it cover?",
             "En besparing mäts alltid mot något. Mot vad? Och vems arbete omfattar den?"),
    worked=say("a, b and f. The team's own cost (about US$63,000 a month) cannot produce a US$1m saving by itself "
               "being cheap: the saving is measured against what the work would have cost at outside firms (a), "
               "may include work beyond the 12 lawyers (b), and comes from an early, rounded report (f). A higher "
               "day rate (c) would shrink the saving; calling a figure false (d) skips the question of what it "
               "measures; e mixes a cost with a saving.",
               "a, b och f. Teamets egen kostnad (omkring 63 000 dollar i månaden) kan inte ensam ge en besparing på 1 "
               "miljon: besparingen mäts mot vad arbetet hade kostat hos externa byråer (a), kan omfatta arbete utöver "
               "de 12 juristerna (b) och kommer från en tidig, avrundad uppgift (f). Ett högre dagpris (c) skulle "
               "minska besparingen; att kalla en siffra falsk (d) hoppar över frågan om vad den mäter; e blandar ihop "
               "en kostnad och en besparing."),
)
