"""Exercise 01, a case: what a bank should send out as KPO, and to whom (lesson 01).

The bank, Vänerbanken, is made up; its tasks come from the course's "KPO or BPO?" drill
(``tasks.yaml``) and the figures about captive centres are real (``engagement_models.yaml``).
Expected values are read from the course data when a check runs, so a content edit never
leaves a stale answer here.
"""
from __future__ import annotations

from typing import Any, Mapping

from ..i18n import localize
from . import collector
from .kinds import (Text, Verdict, amount, as_number, both, choice, describe, is_table, labels_brief, refuse_tables,
                    say, selection, shown)
from .tables import rows_table


def _content():
    from ..content import load
    return load()


# --------------------------------------------------------------------------- q1: KPO or BPO?

#: The eight tasks on Vänerbanken's list (ids in the drill, ``kpo.data.tasks()``).
BANK_TASKS = ("credit_risk_model", "invoice_entry", "value_acquisition_target", "payment_matching",
              "churn_analysis", "password_resets", "contract_review", "payment_reminders")


def _task_labels_check(answer: Any) -> Verdict:
    tasks = {t.id: t for t in _content().tasks}
    expected = {i: tasks[i].label for i in BANK_TASKS}
    why = {i: both(lambda lang, t=tasks[i]: f"({t.id}: {t.label}. {localize(t.reason, lang)})") for i in BANK_TASKS}
    if is_table(answer):
        return Verdict(False, say(
            "That is a pandas table. Write a dict instead, one \"id\": \"label\" pair per task in curly brackets: "
            "{\"credit_risk_model\": \"KPO\", ...} (a pandas column, a Series, becomes one with .to_dict()).",
            "Det är en pandas-tabell. Skriv en dict i stället, ett par \"id\": \"etikett\" per uppgift inom "
            "klammerparenteser: {\"credit_risk_model\": \"KPO\", ...} (en pandas-kolumn, en Series, blir en dict "
            "med .to_dict())."), {"reason": "table"})
    if isinstance(answer, Mapping) and all(k in answer for k in BANK_TASKS):
        given = {answer[k].strip().upper() if isinstance(answer[k], str) else None for k in BANK_TASKS}
        if given == {"KPO"}:
            return Verdict(False, say(
                "You labelled every task KPO. KPO is only the specialised, analytical, knowledge-based part "
                "of outsourcing; routine operational work such as matching payments is plain BPO.",
                "Du märkte alla uppgifter KPO. KPO är bara den specialiserade, analytiska och kunskapsbaserade "
                "delen av outsourcingen; rutinmässigt operativt arbete som att matcha betalningar är vanlig BPO."),
                {"reason": "all_kpo"})
        if given == {"BPO"}:
            return Verdict(False, say(
                "You labelled every task BPO. True, KPO is a subset of BPO, but the question asks which tasks "
                "are the far more specialised, analytical kind that needs experts: label those KPO.",
                "Du märkte alla uppgifter BPO. Visst är KPO en delmängd av BPO, men frågan gäller vilka uppgifter "
                "som är det mycket mer specialiserade, analytiska arbetet som kräver experter: märk dem KPO."),
                {"reason": "all_bpo"})
    return labels_brief(expected, feedback=why, allowed=("KPO", "BPO"))(answer)


# --------------------------------------------------------------------------- q2: captive precedents

CAPTIVE_COLUMNS = ("firm", "year", "location")


def _cases():
    from .. import data
    return data.cases()


def _captive_cases():
    frame = _cases()
    return frame[frame["model"] == "captive_subsidiary"]


def _captive_slips(answer: Any) -> Verdict | None:
    import pandas as pd

    frame = _cases()
    n_captive = len(_captive_cases())
    if not isinstance(answer, pd.DataFrame):
        value = as_number(answer)
        if value is not None and value == n_captive:
            return Verdict(False, say(
                f"Yes, there are {n_captive}, but the board wants to see them: keep the rows, not their count.",
                f"Ja, de är {n_captive}, men styrelsen vill se dem: behåll raderna, inte antalet."),
                {"reason": "count"})
        return None
    if len(answer) == len(frame) and len(frame) != n_captive:
        return Verdict(False, say(
            "That is every case in the table. Keep only the rows whose model is \"captive_subsidiary\": "
            "cases[cases[\"model\"] == \"captive_subsidiary\"].",
            "Det är alla fall i tabellen. Behåll bara raderna där model är \"captive_subsidiary\": "
            "cases[cases[\"model\"] == \"captive_subsidiary\"]."), {"reason": "all_rows"})
    if "firm" in answer.columns:
        third = set(frame.loc[frame["model"] == "third_party", "firm"])
        try:
            firms = set(answer["firm"].dropna()) if answer["firm"].ndim == 1 else set()
        except TypeError:
            firms = set()
        if firms and firms <= third:
            return Verdict(False, say(
                "Those are the third-party cases: another company did the work. A captive unit is the firm's "
                "own subsidiary, model \"captive_subsidiary\".",
                "Det där är fallen med tredje part: ett annat företag gjorde arbetet. En egen enhet är "
                "företagets eget dotterbolag, model \"captive_subsidiary\"."), {"reason": "third_party"})
    return None


# --------------------------------------------------------------------------- q3, q4: engagement models

WHO = ("third_party", "captive_subsidiary")
WHERE = ("onshore", "nearshore", "offshore")
HOW = ("build_operate_transfer", "hybrid")
_ALIASES = {
    "captive": "captive_subsidiary", "captive_unit": "captive_subsidiary", "subsidiary": "captive_subsidiary",
    "captive_centre": "captive_subsidiary", "captive_center": "captive_subsidiary", "gcc": "captive_subsidiary",
    "third_party_provider": "third_party", "vendor": "third_party", "bot": "build_operate_transfer",
    "gdpr": "data_protection", "wages": "wage_saving", "wage": "wage_saving", "cost": "wage_saving",
}


def model_id(answer: Any) -> Any:
    """A model name as the learner may write it ("Third party", "captive") as its id; other values unchanged."""
    if not isinstance(answer, str) or len(answer) > 200:
        return answer
    key = "_".join(answer.strip().lower().replace("-", " ").split())
    return _ALIASES.get(key, key)


_NOT_WHO = say("\"{0}\" says where the work is done, or how it is set up, not who does it. "
               "Choose between \"third_party\" and \"captive_subsidiary\".",
               "\"{0}\" säger var arbetet görs, eller hur det ordnas, inte vem som gör det. "
               "Välj mellan \"third_party\" och \"captive_subsidiary\".")


def _who_feedback() -> dict[str, Text]:
    feedback = {
        "third_party": say(
            "Right: a one-off, urgent job the bank has no experts for is bought from a third party with deep "
            "subject-matter expertise; an outside reviewer is also independent of the bank.",
            "Rätt: ett brådskande engångsuppdrag som banken saknar experter för köps av en tredje part med djup "
            "ämnesexpertis; en extern granskare är dessutom oberoende av banken."),
        "captive_subsidiary": say(
            "A captive unit is the bank's own subsidiary: it takes months to set up and fits lasting work. "
            "For a one-off review within eight weeks, buy the expertise from a third party.",
            "En egen enhet är bankens eget dotterbolag: den tar månader att bygga upp och passar varaktigt arbete. "
            "För en engångsgranskning inom åtta veckor köper man expertisen av en tredje part."),
        "build_operate_transfer": say(
            "Build-operate-transfer is a way to end up with a centre of your own: far too slow and too big for "
            "a one-off review. The question asks who should do it: a third party or a captive unit?",
            "Build-operate-transfer är ett sätt att till slut få ett eget center: alldeles för långsamt och stort "
            "för en engångsgranskning. Frågan är vem som ska göra den: en tredje part eller en egen enhet?"),
        "hybrid": say(
            "A hybrid model mixes a captive unit with providers for lasting work. For a one-off review the "
            "question is simpler: who should do it, a third party or a captive unit?",
            "En hybridmodell blandar en egen enhet med leverantörer för varaktigt arbete. För en engångsgranskning "
            "är frågan enklare: vem ska göra den, en tredje part eller en egen enhet?"),
    }
    for where in WHERE:
        feedback[where] = both(lambda lang, w=where: _NOT_WHO[lang].format(w))
    return feedback


def _model_review_check(answer: Any) -> Verdict:
    if not isinstance(answer, str):
        given = describe(answer)
        return Verdict(False, say(
            f"Expected a model id as text in quotes, e.g. \"hybrid\", but got {given['en']}.",
            f"Förväntade ett modell-id som text inom citattecken, t.ex. \"hybrid\", men fick {given['sv']}."),
            {"reason": "type"})
    return choice("third_party", _who_feedback())(model_id(answer))


#: The reasons 01.q4 offers for its "why" key.
WHY = ("wage_saving", "data_protection", "overlapping_hours", "control")


def _analytics_setup_check(answer: Any) -> Verdict:
    """Who, where and why for the bank's analytics team: two reasoned answers are right.

    A captive subsidiary offshore for the board's wage saving, or a captive subsidiary
    nearshore (inside the EU/EEA) because the customer data is personal data.
    """
    keys_example = "{\"who\": ..., \"where\": ..., \"why\": ...}"
    if is_table(answer) or not isinstance(answer, Mapping):
        given = describe(answer)
        return Verdict(False, say(
            f"Expected a dict with three keys, {keys_example}, but got {given['en']}.",
            f"Förväntade en dict med tre nycklar, {keys_example}, men fick {given['sv']}."), {"reason": "type"})
    keys = {k for k in answer if isinstance(k, str)}
    if keys == {"who", "where"} and len(answer) == 2:
        return Verdict(False, say(
            "Add the third key, \"why\": the main reason for your choice of where, e.g. "
            "{\"who\": ..., \"where\": ..., \"why\": \"wage_saving\"}.",
            "Lägg till den tredje nyckeln, \"why\": huvudskälet till ditt val av var, t.ex. "
            "{\"who\": ..., \"where\": ..., \"why\": \"wage_saving\"}."), {"reason": "no_why"})
    if keys != {"who", "where", "why"} or len(answer) != 3:
        return Verdict(False, say(
            f"Use exactly the three keys \"who\", \"where\" and \"why\": {keys_example}.",
            f"Använd exakt de tre nycklarna \"who\", \"where\" och \"why\": {keys_example}."),
            {"reason": "keys"})
    who, where = model_id(answer["who"]), model_id(answer["where"])
    why = model_id(answer["why"])
    if who not in WHO:
        return Verdict(False, say(
            f"\"who\" takes \"third_party\" or \"captive_subsidiary\"; you wrote {shown(answer['who'])}.",
            f"\"who\" ska vara \"third_party\" eller \"captive_subsidiary\"; du skrev {shown(answer['who'])}."),
            {"reason": "who_option"})
    if where not in WHERE:
        return Verdict(False, say(
            f"\"where\" takes \"onshore\", \"nearshore\" or \"offshore\"; you wrote {shown(answer['where'])}.",
            f"\"where\" ska vara \"onshore\", \"nearshore\" eller \"offshore\"; du skrev {shown(answer['where'])}."),
            {"reason": "where_option"})
    if why not in WHY:
        listed = ", ".join(f'"{w}"' for w in WHY)
        return Verdict(False, say(f"\"why\" takes one of {listed}; you wrote {shown(answer['why'])}.",
                                  f"\"why\" ska vara ett av {listed}; du skrev {shown(answer['why'])}."),
                       {"reason": "why_option"})
    problems: list[Text] = []
    if who == "third_party":
        problems.append(say(
            "Who: a third party fits short, changing or one-off work. Lasting, sensitive work close to the core "
            "is the classic case for the bank's own subsidiary, a captive unit, as at GE Capital and American Express.",
            "Vem: en tredje part passar kort, växlande eller tillfälligt arbete. Varaktigt, känsligt arbete nära "
            "kärnverksamheten är typfallet för bankens eget dotterbolag, en egen enhet, som hos GE Capital och American Express."))
    problems.extend(_where_and_why_problems(where, why))
    if not problems:
        right = _RIGHT_SETUPS[(where, why)]
        return Verdict(True, right, {"who": who, "where": where, "why": why})
    return Verdict(False, both(lambda lang: " ".join(p[lang] for p in problems)),
                   {"who": who, "where": where, "why": why, "reason": "model"})


_RIGHT_SETUPS = {
    ("offshore", "wage_saving"): say(
        "Right: a captive subsidiary offshore, for the board's largest wage saving. The bank keeps control of "
        "sensitive, lasting core work in its own unit. One thing it must then handle: the customer data is personal "
        "data, and sending it outside the EU/EEA needs an adequacy decision or safeguards such as standard "
        "data-protection clauses. A nearshore unit inside the EU, for that reason, is also accepted.",
        "Rätt: ett eget dotterbolag offshore, för styrelsens största lönebesparing. Banken behåller kontrollen över "
        "känsligt, varaktigt kärnarbete i en egen enhet. En sak måste den då hantera: kunddata är personuppgifter, och "
        "att föra dem utanför EU/EES kräver ett beslut om adekvat skyddsnivå eller skyddsåtgärder som "
        "standardklausuler för dataskydd. En nearshore-enhet inom EU, av det skälet, godtas också."),
    ("nearshore", "data_protection"): say(
        "Right, and well reasoned: a captive subsidiary nearshore, inside the EU/EEA. The customer data is personal "
        "data; keeping the unit inside the EU/EEA means no transfer to a third country, which would need an adequacy "
        "decision or safeguards such as standard data-protection clauses. The price is a smaller wage saving than "
        "offshore, the board's first wish: say so to the board. Offshore for the wage saving is also accepted.",
        "Rätt, och väl motiverat: ett eget dotterbolag nearshore, inom EU/EES. Kunddata är personuppgifter; med "
        "enheten inom EU/EES blir det ingen överföring till tredjeland, som skulle kräva ett beslut om adekvat "
        "skyddsnivå eller skyddsåtgärder som standardklausuler för dataskydd. Priset är en mindre lönebesparing än "
        "offshore, styrelsens första önskan: säg det till styrelsen. Offshore för lönebesparingen godtas också."),
}


def _where_and_why_problems(where: str, why: str) -> list[Text]:
    """What does not hold together in a where and its reason (empty: a defensible pair)."""
    if (where, why) in _RIGHT_SETUPS:
        return []
    if why == "overlapping_hours":
        return [say("Why: the scenario says the work needs no overlapping office hours, so the time zone is no reason "
                    "here. Pick the reason that really decides where: the wage saving or the customers' personal data.",
                    "Varför: scenariot säger att arbetet inte kräver överlappande arbetstider, så tidszonen är inget "
                    "skäl här. Välj skälet som verkligen avgör var: lönebesparingen eller kundernas personuppgifter.")]
    if why == "control":
        return [say("Why: control is the reason for who (a captive unit of the bank's own), not for where. "
                    "Pick the reason that decides where: the wage saving or the customers' personal data.",
                    "Varför: kontroll är skälet till vem (en egen enhet), inte till var. Välj skälet som avgör var: "
                    "lönebesparingen eller kundernas personuppgifter.")]
    if where == "onshore":
        return [say("Where: onshore keeps Swedish wages, so there is no wage saving at all, and a unit inside the "
                    "EU already protects the data: a nearshore unit in another EU country does both.",
                    "Var: onshore behåller svenska löner, så det blir ingen lönebesparing alls, och en enhet inom EU "
                    "skyddar redan uppgifterna: en nearshore-enhet i ett annat EU-land klarar båda.")]
    if where == "nearshore":  # wage_saving
        return [say("Where: if the wage saving decides, nearshore saves less than offshore, and the work needs no "
                    "overlapping hours. Nearshore is right only for another reason: which one?",
                    "Var: om lönebesparingen avgör sparar nearshore mindre än offshore, och arbetet kräver inga "
                    "överlappande arbetstider. Nearshore är rätt bara av ett annat skäl: vilket?")]
    # offshore for data protection
    return [say("Where and why do not fit together: offshore (for example India) is outside the EU/EEA, so the "
                "customers' personal data would need an adequacy decision or extra safeguards there. Data protection "
                "argues for a unit inside the EU; offshore is chosen for the wage saving.",
                "Var och varför hänger inte ihop: offshore (till exempel Indien) ligger utanför EU/EES, så kundernas "
                "personuppgifter skulle kräva ett beslut om adekvat skyddsnivå eller extra skyddsåtgärder där. "
                "Dataskyddet talar för en enhet inom EU; offshore väljer man för lönebesparingen.")]


# --------------------------------------------------------------------------- q5: GCC revenue per employee


def gcc_fact(fact_id: str) -> float:
    """A number about captive centres (GCCs) from ``engagement_models.yaml``."""
    for model in _content().engagement_models:
        for fact in model.facts:
            if fact.id == fact_id and fact.value is not None:
                return float(fact.value)
    raise KeyError(fact_id)


def _revenue_per_employee() -> float:
    return gcc_fact("gcc_revenue_fy2023") / gcc_fact("gcc_staff_fy2023")


def _revenue_slips() -> list[tuple[float, Text]]:
    revenue, staff, centres = (gcc_fact("gcc_revenue_fy2023"), gcc_fact("gcc_staff_fy2023"),
                               gcc_fact("gcc_count_fy2023"))
    return [
        (revenue / 1e9 / (staff / 1e6), say(
            "You divided billions by millions, so the result is in thousands of dollars. Write both numbers "
            "in full (46e9 and 1.66e6) and the answer comes out in dollars.",
            "Du delade miljarder med miljoner, så svaret blev i tusental dollar. Skriv båda talen fullt ut "
            "(46e9 och 1.66e6), så blir svaret i dollar."), "in_thousands"),
        (revenue / centres, say(
            "That is revenue per centre (divided by the 1,580 centres). The question asks per employee.",
            "Det är intäkt per center (delat med de 1 580 centren). Frågan gäller per anställd."), "per_centre"),
        (revenue / (staff / 1e6), say(
            "1.66 million staff is 1,660,000, not 1.66: write it as 1.66e6.",
            "1,66 miljoner anställda är 1 660 000, inte 1,66: skriv det som 1.66e6."), "millions_as_units"),
        (staff / revenue, say(
            "Upside down: that is employees per dollar. Divide revenue by staff.",
            "Upp och ner: det är anställda per dollar. Dela intäkterna med antalet anställda."), "upside_down"),
    ]


# --------------------------------------------------------------------------- q6: the board slide

_SUMMARY_OPTIONS = {
    "a": say("a: Yes, this is the article's summary: KPO contracts out knowledge-based work to qualified "
             "subject-matter experts.",
             "a: Ja, det är artikelns sammanfattning: KPO lägger ut kunskapsbaserat arbete på kvalificerade ämnesexperter."),
    "b": say("b is not right: the provider is often in another region, but a third party or a subsidiary in the "
             "same country also counts.",
             "b stämmer inte: leverantören finns ofta i en annan region, men en tredje part eller ett dotterbolag "
             "i samma land räknas också."),
    "c": say("c: Yes, firms use KPO when they need specialised expertise or lack skilled professionals on staff.",
             "c: Ja, företag använder KPO när de söker specialistkunskap eller saknar skickliga yrkespersoner i personalen."),
    "d": say("d is not right: moving routine operational work out mainly to save money describes BPO. "
             "KPO is the specialised, analytical, knowledge-based part.",
             "d stämmer inte: att lägga ut rutinmässigt operativt arbete främst för att spara pengar beskriver BPO. "
             "KPO är den specialiserade, analytiska och kunskapsbaserade delen."),
    "e": say("e: Yes, ideally KPO buys a highly educated workforce at a lower cost, both at once.",
             "e: Ja, i bästa fall ger KPO en högutbildad arbetskraft till en lägre kostnad, båda samtidigt."),
    "f": say("f: Yes, this is the definition: relatively high-level tasks that need specialised knowledge or problem "
             "solving, handed to a party with deep subject-matter expertise.",
             "f: Ja, det är definitionen: uppgifter på relativt hög nivå som kräver specialkunskap eller problemlösning, "
             "lämnade till en part med djup ämnesexpertis."),
}


# --------------------------------------------------------------------------- the questions

QUESTIONS: list = []
_question = collector(QUESTIONS)


_question(
    id="01.q1",
    kind="judgement",
    claims=("S01", "S05", "S06"),
    points=2,
    checker=_task_labels_check,
    hint=say("Ask of each task: does it need an expert's analysis and judgement (KPO), or does it follow fixed "
             "rules and mainly save money when moved out (BPO)?",
             "Fråga för varje uppgift: kräver den en experts analys och omdöme (KPO), eller följer den fasta regler "
             "och flyttas ut främst för att spara pengar (BPO)?"),
    worked=say("KPO: credit_risk_model, value_acquisition_target, churn_analysis and contract_review: each needs an "
               "expert's analysis and judgement. BPO: invoice_entry, payment_matching, password_resets and "
               "payment_reminders: each follows fixed rules. All eight could be outsourced, and all eight are BPO in "
               "the broad sense; only the first four are KPO.",
               "KPO: credit_risk_model, value_acquisition_target, churn_analysis och contract_review: var och en "
               "kräver en experts analys och omdöme. BPO: invoice_entry, payment_matching, password_resets och "
               "payment_reminders: var och en följer fasta regler. Alla åtta kan läggas ut, och alla åtta är BPO i "
               "vid mening; bara de fyra första är KPO."),
)

_question(
    id="01.q2",
    kind="pandas",
    claims=("S02", "S03"),
    checker=rows_table(
        _captive_cases, CAPTIVE_COLUMNS,
        right=say("Right: these firms did knowledge work in a subsidiary of their own. Look at the location column: "
                  "where are the units?",
                  "Rätt: de här företagen gjorde kunskapsarbete i ett eget dotterbolag. Titta på kolumnen location: "
                  "var ligger enheterna?"),
        slips=_captive_slips,
        only=True,
    ),
    hint=say("Filter, then pick columns: cases.loc[cases[\"model\"] == \"captive_subsidiary\", [\"firm\", \"year\", \"location\"]].",
             "Filtrera och välj sedan kolumner: cases.loc[cases[\"model\"] == \"captive_subsidiary\", [\"firm\", \"year\", \"location\"]]."),
    worked=say("cases.loc[cases[\"model\"] == \"captive_subsidiary\", [\"firm\", \"year\", \"location\"]]: the "
               "condition keeps the captive rows, the list keeps three columns. Every unit is offshore, in India: "
               "GE Capital (Bangalore, 1997), American Express (Gurgaon), McKinsey (Gurgaon, 1998), JPMorgan (Mumbai, "
               "2003) and Reuters (Bangalore, 2004). The article adds that a subsidiary can also be in the firm's own "
               "country.",
               "cases.loc[cases[\"model\"] == \"captive_subsidiary\", [\"firm\", \"year\", \"location\"]]: villkoret "
               "behåller raderna med egna enheter, listan behåller tre kolumner. Alla enheter ligger offshore, i "
               "Indien: GE Capital (Bangalore, 1997), American Express (Gurgaon), McKinsey (Gurgaon, 1998), JPMorgan "
               "(Mumbai, 2003) och Reuters (Bangalore, 2004). Artikeln tillägger att ett dotterbolag också kan ligga i "
               "företagets eget land."),
)

_question(
    id="01.q3",
    kind="judgement",
    claims=("S02", "S04"),
    checker=_model_review_check,
    hint=say("One-off, urgent, and no experts in the house: build a unit of your own, or buy the expertise?",
             "Engångsuppdrag, bråttom och inga experter i huset: bygga en egen enhet eller köpa expertisen?"),
)

_question(
    id="01.q4",
    kind="judgement",
    claims=("S02", "S03", "S22"),
    checker=_analytics_setup_check,
    hint=say("Lasting, sensitive and close to the core points to who. For where, two reasons pull apart: "
             "\"the largest wage saving\" and the customers' personal data. Pick one, and a where that fits it.",
             "Varaktigt, känsligt och nära kärnan pekar ut vem. För var drar två skäl åt olika håll: \"största "
             "möjliga lönebesparing\" och kundernas personuppgifter. Välj ett, och ett var som passar det."),
    worked=say("Who: a captive subsidiary, because the work is lasting, sensitive and close to the core. Where and "
               "why: two answers hold together. Offshore for the wage saving (the board's first wish), handling the "
               "data transfer with safeguards; or nearshore inside the EU for data protection, at a smaller saving. "
               "Offshore \"for data protection\" or nearshore \"for the wage saving\" does not hold together.",
               "Vem: ett eget dotterbolag, eftersom arbetet är varaktigt, känsligt och nära kärnan. Var och varför: "
               "två svar hänger ihop. Offshore för lönebesparingen (styrelsens första önskan), med skyddsåtgärder för "
               "överföringen av uppgifter; eller nearshore inom EU för dataskyddet, till en mindre besparing. "
               "Offshore \"för dataskyddet\" eller nearshore \"för lönebesparingen\" hänger inte ihop."),
)

_question(
    id="01.q5",
    kind="calculation",
    claims=("S02", "S03"),
    checker=amount(
        _revenue_per_employee, 100,
        right=say("Right: revenue divided by staff, both written in full.",
                  "Rätt: intäkterna delat med antalet anställda, båda skrivna fullt ut."),
        slips=_revenue_slips,
    ),
    hint=say("Revenue divided by staff, both written in full: 46e9 / 1.66e6.",
             "Intäkter delat med anställda, båda skrivna fullt ut: 46e9 / 1.66e6."),
    worked=say("46e9 / 1.66e6 ≈ 27,711: about US$27,700 a year per person. It is an average over every kind of "
               "centre and role, and it is revenue, not pay: read it as a rough price of a person-year of captive "
               "work, not as a salary.",
               "46e9 / 1.66e6 ≈ 27 711: omkring 27 700 US-dollar per person och år. Det är ett genomsnitt över alla "
               "slags center och roller, och det är intäkter, inte lön: läs det som ett grovt pris för ett årsverke i "
               "en egen enhet, inte som en lön."),
)

_question(
    id="01.q6",
    kind="judgement",
    claims=("S04", "S05", "S24"),
    checker=refuse_tables(say("a list of letters, e.g. [\"a\", \"b\"]", "en lista med bokstäver, t.ex. [\"a\", \"b\"]"),
                          selection(["a", "c", "e", "f"], _SUMMARY_OPTIONS)),
    hint=say("Four statements fit. Watch for \"must\" (the article says \"often\") and for the aim that belongs to BPO.",
             "Fyra påståenden stämmer. Se upp med \"måste\" (artikeln säger \"ofta\") och med målet som hör till BPO."),
)
