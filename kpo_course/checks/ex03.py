"""Exercise 03, a case: Rio Tinto's legal work with CPA Global, and why firms use KPO (lesson 03).

Every figure is a real, sourced number from ``cases.yaml`` (Rio Tinto 2009, JPMorgan 2003,
Pangea3 2010), read when a check runs: the exercise and its checks share one source.
"""
from __future__ import annotations

import math
from typing import Any

from ..i18n import localize
from . import collector
from .charts import bar_data, chart, chart_text_problem
from .kinds import Text, Verdict, amount, is_table, labels_brief, say, shown


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
            "kostar sju gånger dagpriset i Delhi.")),
        (rate, say(
            "That is the Delhi rate, what a CPA Global lawyer cost. The question asks for the London rate.",
            "Det är dagpriset i Delhi, vad en jurist hos CPA Global kostade. Frågan gäller dagpriset i London.")),
        (times, say("That is the ratio, not a rate in dollars. Multiply it by the Delhi day rate.",
                    "Det är kvoten, inte ett dagpris i dollar. Multiplicera den med dagpriset i Delhi.")),
        (rate * team, say(
            "That is what the whole Delhi team of 12 cost a day. The question asks for one London lawyer's day rate.",
            "Det är vad hela teamet på 12 i Delhi kostade per dag. Frågan gäller dagpriset för en jurist i London.")),
        (rate * times * team, say(
            "That is what 12 London lawyers would cost a day. The question asks for one lawyer.",
            "Det är vad 12 jurister i London skulle kosta per dag. Frågan gäller en jurist.")),
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
            "20 procent är 0.2.")),
        (share * 100, say("That is the percent. The question asks for the saving in US dollars.",
                          "Det är procentsatsen. Frågan gäller besparingen i US-dollar.")),
        (share, say("That is the share. Multiply it by the budget to get dollars.",
                    "Det är andelen. Multiplicera den med budgeten för att få dollar.")),
        ((1 - share) * budget, say(
            "That is what would be left of the budget (80%). The question asks for the saving itself.",
            "Det är vad som skulle återstå av budgeten (80 procent). Frågan gäller själva besparingen.")),
        (budget, say("That is the whole legal budget, not the saving.",
                     "Det är hela den juridiska budgeten, inte besparingen.")),
        (_first_month(), say(
            "That is what was saved in roughly the first month. The question asks for the yearly target.",
            "Det är vad som sparades ungefär under den första månaden. Frågan gäller målet per år.")),
    ]


# --------------------------------------------------------------------------- q3: the first month's pace


def _pace_share() -> float:
    return 12 * _first_month() / _budget()


def _pace_slips() -> list[tuple[float, Text]]:
    first, budget = _first_month(), _budget()
    return [
        (12 * first / budget * 100, say(
            "Write the share as a decimal, not a percent: 12% is 0.12.",
            "Skriv andelen som decimaltal, inte i procent: 12 procent är 0.12.")),
        (12 * first, say("That is the amount saved in a year, in dollars. Divide it by the budget to get a share.",
                         "Det är beloppet som sparas på ett år, i dollar. Dela det med budgeten för att få en andel.")),
        (first / budget, say("That is one month's saving as a share. The question asks about a whole year: 12 months.",
                             "Det är en månads besparing som andel. Frågan gäller ett helt år: 12 månader.")),
        (_target_share(), say(
            "That is the target (up to 20%). The question asks what the first month's pace would give in a year.",
            "Det är målet (upp till 20 procent). Frågan gäller vad takten under den första månaden skulle ge på ett år.")),
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
            "hur många gånger mer en förstaårsjurist i USA tjänade: amerikansk lön ÷ indisk lön.")),
        (us - india, say(
            "That is the difference in dollars. The question asks for a ratio: divide, do not subtract.",
            "Det är skillnaden i dollar. Frågan gäller en kvot: dela, subtrahera inte.")),
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

MOTIVATION_OF = {
    "a": "experts_without_training",
    "b": "add_experts_quickly",
    "c": "expertise_not_in_house",
    "d": "lower_cost_offshore",
    "e": "talent_and_lower_cost",
    "f": "efficiency_and_advantage",
}

_WHY = {
    "a": say("(a: the lawyers came qualified; Rio Tinto did not have to train or develop anyone for a project "
             "outside its recurring work.)",
             "(a: juristerna kom färdigutbildade; Rio Tinto behövde inte utbilda eller utveckla någon för ett projekt "
             "utanför det återkommande arbetet.)"),
    "b": say("(b: specialists added quickly, for a limited time, to raise revenue, with no permanent full-time hires.)",
             "(b: specialister tillförs snabbt, under en begränsad tid, för att öka intäkterna, utan fasta "
             "heltidsanställningar.)"),
    "c": say("(c: the knowledge cannot be found in-house at all.)",
             "(c: kunskapen finns inte alls internt.)"),
    "d": say("(d: the only reason given is the lower wage elsewhere.)",
             "(d: det enda skälet som anges är den lägre lönen på en annan plats.)"),
    "e": say("(e: both at once: a highly educated workforce and a lower cost.)",
             "(e: båda samtidigt: en högutbildad arbetskraft och en lägre kostnad.)"),
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
    return labels_brief(MOTIVATION_OF, feedback=_WHY, allowed=known)(answer)


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
)

_question(
    id="03.q3",
    kind="calculation",
    claims=("S11",),
    checker=amount(
        _pace_share, 0.005,
        right=say("Right: about 0.12, 12% of the budget in a year at the first month's pace, short of the 20% target "
                  "but a fair start for a team of 12.",
                  "Rätt: omkring 0,12, alltså 12 procent av budgeten på ett år i den första månadens takt, under målet "
                  "på 20 procent men en bra början för ett team på 12."),
        slips=_pace_slips,
    ),
    hint=say("Twelve months at about US$1m each, divided by the US$100m budget: 12 * 1_000_000 / 100_000_000.",
             "Tolv månader med omkring 1 miljon dollar var, delat med budgeten på 100 miljoner: "
             "12 * 1_000_000 / 100_000_000."),
)

_question(
    id="03.q4",
    kind="calculation",
    claims=("S11", "S12"),
    checker=amount(
        _pay_ratio, 0.05,
        right=say("Right: a first-year lawyer at a large US firm earned about 23 times as much as a new lawyer at Pangea3.",
                  "Rätt: en förstaårsjurist på en stor amerikansk byrå tjänade ungefär 23 gånger så mycket som en ny "
                  "jurist hos Pangea3."),
        slips=_pay_slips,
    ),
    hint=say("How many times more: the larger pay divided by the smaller, 160_000 / 7_000.",
             "Hur många gånger mer: den högre lönen delat med den lägre, 160_000 / 7_000."),
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
)

_question(
    id="03.q6",
    kind="judgement",
    claims=("S07", "S08", "S10", "S11", "S12", "S13"),
    points=2,
    checker=_motivation_check,
    hint=say("Each motivation fits one scenario. Find what decides it: nobody needs training, experts come quickly "
             "and not for good, nobody in the firm knows it, it is only cheaper, it is educated and cheaper, or a "
             "better process gives an edge.",
             "Varje motiv passar ett scenario. Hitta det som avgör: ingen behöver utbildas, experter kommer snabbt och "
             "inte för gott, ingen i företaget kan det, det är bara billigare, det är högutbildat och billigare, eller "
             "en bättre process ger ett försprång."),
)
