"""Exercise 00, the warm-up: a first look at the course's KPO data (lesson 00)."""
from __future__ import annotations

from typing import Any

from . import collector
from .kinds import Verdict, as_number, boolean, choice, is_table, number, say


def _count_question(expected, right, whole_table) -> Any:
    """A count checker whose expected value is read from the course data when checked."""

    def check(answer: Any) -> Verdict:
        if is_table(answer):
            return Verdict(False, whole_table, {"reason": "table"})
        return number(expected(), 0, right=right)(answer)

    return check


def _n_domains() -> int:
    from .. import data
    return len(data.domains())


def _n_kpo_tasks() -> int:
    from .. import data
    return int((data.tasks()["label"] == "KPO").sum())


def _n_tasks() -> int:
    from .. import data
    return len(data.tasks())


def _kpo_tasks_check(answer: Any) -> Verdict:
    if as_number(answer) == _n_tasks() and _n_tasks() != _n_kpo_tasks():
        return Verdict(False, say(
            "That is the number of all tasks, KPO and BPO. Count only the rows whose label is \"KPO\".",
            "Det är antalet av alla uppgifter, både KPO och BPO. Räkna bara raderna där label är \"KPO\"."),
            {"reason": "all_tasks"})
    return _count_question(
        _n_kpo_tasks,
        say("Right: that many tasks in the drill are knowledge work.",
            "Rätt: så många uppgifter i övningen är kunskapsarbete."),
        say("That is a table, not a number. Count its rows: (tasks[\"label\"] == \"KPO\").sum().",
            "Det är en tabell, inte ett tal. Räkna raderna: (tasks[\"label\"] == \"KPO\").sum()."),
    )(answer)


QUESTIONS: list = []
_question = collector(QUESTIONS)


_question(
    id="00.q1",
    kind="pandas",
    claims=("S09",),
    checker=_count_question(
        _n_domains,
        say("Right: the source article lists eight KPO domains.",
            "Rätt: källartikeln räknar upp åtta KPO-domäner."),
        say("That is the whole table. How many rows does it have? Try len(domains).",
            "Det är hela tabellen. Hur många rader har den? Prova len(domains)."),
    ),
    hint=say("Each row of the table is one domain: len(domains) counts rows.",
             "Varje rad i tabellen är en domän: len(domains) räknar rader."),
)

_question(
    id="00.q2",
    kind="judgement",
    claims=("S06",),
    checker=boolean(
        True,
        if_true=say("Right: KPO is a subset of BPO, but its work is far more specialised and analytical.",
                    "Rätt: KPO är en delmängd av BPO, men arbetet är mycket mer specialiserat och analytiskt."),
        if_false=say("Not quite: the article calls KPO a subset of BPO; what sets it apart is how "
                     "specialised and knowledge-based the work is.",
                     "Inte riktigt: artikeln kallar KPO en delmängd av BPO; det som skiljer är hur "
                     "specialiserat och kunskapsbaserat arbetet är."),
    ),
    hint=say("Read the lesson's two-sentence definition again: is every KPO job also outsourcing of a business process?",
             "Läs lektionens definition igen: är varje KPO-uppdrag också utkontraktering av en affärsprocess?"),
)

_question(
    id="00.q3",
    kind="judgement",
    claims=("S01", "S05"),
    checker=choice("b", {
        "a": say("Invoice data entry is routine operational work: that is BPO, done mainly to save money.",
                 "Fakturainmatning är rutinmässigt operativt arbete: det är BPO, främst för att spara pengar."),
        "b": say("Right: a patent landscape analysis needs specialists with advanced degrees: knowledge work.",
                 "Rätt: en patentlandskapsanalys kräver specialister med avancerad utbildning: kunskapsarbete."),
        "c": say("Answering customer calls from a script is operational work: BPO, not KPO.",
                 "Att svara på kundsamtal enligt manus är operativt arbete: BPO, inte KPO."),
    }),
    hint=say("Which task needs an expert with an advanced degree rather than a script?",
             "Vilken uppgift kräver en expert med avancerad utbildning snarare än ett manus?"),
)

_question(
    id="00.q4",
    kind="pandas",
    claims=("S01", "S06"),
    checker=_kpo_tasks_check,
    hint=say("Compare the label column with \"KPO\" and add up the True values: (tasks[\"label\"] == \"KPO\").sum().",
             "Jämför kolumnen label med \"KPO\" och summera True-värdena: (tasks[\"label\"] == \"KPO\").sum()."),
)
