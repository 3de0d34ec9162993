"""Exercise 01, a case: what a bank should send out as KPO, and to whom (lesson 01).

The bank, Vänerbanken, is made up; its tasks come from the course's "KPO or BPO?" drill
(``tasks.yaml``) and the figures about captive centres are real (``engagement_models.yaml``).
Expected values are read from the course data when a check runs, so a content edit never
leaves a stale answer here.

This module also holds three small answer helpers that exercises 02 and 03 import:
:func:`amount` (a number, with a kind word for a one-value pandas Series),
:func:`rows_table` (a DataFrame compared row by row, whatever its index and row order) and
:func:`as_series_dict`.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

from ..i18n import localize
from . import collector
from .kinds import Checker, Text, Verdict, as_number, choice, figure, labels, number, say, selection, shown, table

# --------------------------------------------------------------------------- helpers (also for 02, 03)


def is_table(answer: Any) -> bool:
    return type(answer).__name__ in {"DataFrame", "Series"}


def both(make: Callable[[str], str]) -> dict[str, str]:
    """A two-language text built by one function of the language code."""
    return {lang: make(lang) for lang in ("en", "sv")}


def amount(
    expected: Callable[[], float],
    tolerance: float,
    *,
    right: Text,
    slips: Callable[[], Sequence[tuple[float, Text]]] = lambda: (),
    too_high: Text | None = None,
    too_low: Text | None = None,
) -> Checker:
    """A number checked against ``expected()`` (computed when checked) within ``tolerance``.

    ``slips()`` lists ``(value, message)`` for known mistakes, matched within 1% of the value.

    A pandas Series or DataFrame gets its own message: a one-value Series (what
    ``table.loc[mask, "value"]`` gives) is told to use ``.item()``.
    """

    def check(answer: Any) -> Verdict:
        want = expected()
        if is_table(answer):
            kind = type(answer).__name__
            if getattr(answer, "size", 0) == 1:
                inner = as_number(answer.to_numpy().ravel()[0])
                close = inner is not None and abs(inner - want) <= tolerance
                if close:
                    message = say(
                        f"The number inside is right, but it is a pandas {kind} holding one value, not a plain "
                        "number. Take the number out with .item(), e.g. table.loc[mask, \"value\"].item().",
                        f"Talet inuti stämmer, men det är en pandas {kind} med ett enda värde, inte ett vanligt "
                        "tal. Ta ut talet med .item(), t.ex. table.loc[mask, \"value\"].item().")
                else:
                    message = say(
                        f"That is a pandas {kind} holding one value, not a plain number. Take the number out "
                        "with .item(), e.g. table.loc[mask, \"value\"].item(), and check the calculation.",
                        f"Det är en pandas {kind} med ett enda värde, inte ett vanligt tal. Ta ut talet med "
                        ".item(), t.ex. table.loc[mask, \"value\"].item(), och kontrollera beräkningen.")
                return Verdict(False, message, {"reason": "one_value_table", "close": close})
            return Verdict(False, say(
                f"That is a whole pandas {kind}, not one number. Pick out the value you need and calculate with it.",
                f"Det är en hel pandas {kind}, inte ett tal. Plocka ut värdet du behöver och räkna med det."),
                {"reason": "table"})
        value = as_number(answer)
        if value is not None and abs(value - want) > tolerance:
            # Known slips match within 1% of their own size, not within the answer's tolerance:
            # with a wide tolerance (±100) two small slips (0.00004, 27.7) would be told apart wrongly.
            for wrong, message in slips():
                if math.isclose(value, wrong, rel_tol=0.01, abs_tol=1e-12):
                    return Verdict(False, message, {"value": value, "reason": "common_wrong"})
        return number(want, tolerance, right=right, too_high=too_high, too_low=too_low)(answer)

    return check


def refuse_tables(what: Text, checker: Checker) -> Checker:
    """``checker``, but a pandas table or a Figure gets a short message saying what the answer should be."""

    def check(answer: Any) -> Verdict:
        kind = type(answer).__name__
        if is_table(answer) or kind in {"Figure", "Axes", "AxesSubplot"}:
            return Verdict(False, both(lambda lang: (
                f"That is a {kind}; the answer here is {what[lang]}." if lang == "en"
                else f"Det är en {kind}; svaret här är {what[lang]}.")), {"reason": "type", "type": kind})
        return checker(answer)

    return check


def chart(inspect: Callable[[Any], Verdict | None]) -> Checker:
    """:func:`kinds.figure`, with a kind word when the learner passes the data instead of the chart."""
    checker = figure(inspect)

    def check(answer: Any) -> Verdict:
        if is_table(answer):
            return Verdict(False, say(
                "That is the data, a pandas table. Draw it and pass the Figure: fig, ax = plt.subplots(), "
                "ax.bar(...), then the fig.",
                "Det är datan, en pandas-tabell. Rita den och lämna in figuren: fig, ax = plt.subplots(), "
                "ax.bar(...), sedan fig."), {"reason": "table"})
        return checker(answer)

    return check


def _sorted_rows(frame: Any, columns: Sequence[str]) -> Any:
    """``frame[columns]`` with rows in a fixed order and a fresh 0..n-1 index."""
    part = frame[list(columns)].reset_index(drop=True)
    order = part.astype(str).sort_values(list(columns)).index
    return part.loc[order].reset_index(drop=True)


def rows_table(
    expected: Callable[[], Any],
    columns: Sequence[str],
    *,
    right: Text,
    slips: Callable[[Any], Verdict | None] | None = None,
) -> Checker:
    """A DataFrame compared with ``expected()`` on ``columns``, ignoring row order and index.

    ``slips(answer)`` may return a Verdict for a known mistake (it sees the raw answer).
    """
    listed = ", ".join(f'"{c}"' for c in columns)

    def check(answer: Any) -> Verdict:
        import pandas as pd

        if slips is not None:
            verdict = slips(answer)
            if verdict is not None:
                return verdict
        if isinstance(answer, pd.Series):
            return Verdict(False, say(
                f"That is a Series, a single column. The table needs the columns {listed}: "
                f"select them with double brackets, table[[{listed}]].",
                f"Det är en Series, en enda kolumn. Tabellen behöver kolumnerna {listed}: "
                f"välj dem med dubbla hakparenteser, tabell[[{listed}]]."), {"reason": "series"})
        if not isinstance(answer, pd.DataFrame):
            if as_number(answer) is not None:
                return Verdict(False, say(
                    "That is a number. The question asks for the table itself (a DataFrame), not a count.",
                    "Det är ett tal. Frågan gäller själva tabellen (en DataFrame), inte ett antal."),
                    {"reason": "number"})
            return Verdict(False, say(
                f"Expected a pandas DataFrame, but got a {type(answer).__name__}: {shown(answer)}.",
                f"Förväntade en pandas DataFrame, men fick en {type(answer).__name__}: {shown(answer)}."),
                {"reason": "type"})
        missing = [c for c in columns if c not in answer.columns]
        if missing:
            have = ", ".join(map(str, list(answer.columns)[:10]))
            return Verdict(False, say(
                f"The table needs the column(s) {', '.join(missing)}; it has {have or 'none'}.",
                f"Tabellen behöver kolumnen/kolumnerna {', '.join(missing)}; den har {have or 'inga'}."),
                {"reason": "columns", "missing": missing})
        try:
            want = _sorted_rows(expected(), columns)
            got = _sorted_rows(answer, columns)
        except Exception:  # duplicate column names, unorderable cells: say so, never raise
            return Verdict(False, say(
                f"The table could not be compared: keep exactly one column of each name ({listed}).",
                f"Tabellen gick inte att jämföra: ha exakt en kolumn av varje namn ({listed})."),
                {"reason": "uncomparable"})
        verdict = table(lambda: want, columns=list(columns))(got)
        return Verdict(True, right, {}) if verdict.correct else verdict

    return check


def labels_brief(expected: Mapping[str, str], *, feedback: Mapping[str, Text],
                 allowed: Sequence[str], at_most: int = 3) -> Checker:
    """:func:`kinds.labels`, with the explanations of at most ``at_most`` wrong items (short messages)."""
    plain = labels(expected, allowed=allowed)

    def check(answer: Any) -> Verdict:
        verdict = plain(answer)
        wrong = list(verdict.result.get("wrong") or [])
        if verdict.correct or not wrong:
            return verdict
        notes = [feedback[k] for k in wrong[:at_most] if k in feedback]
        return Verdict(False, both(lambda lang: " ".join([verdict.message[lang], *(n[lang] for n in notes)])),
                       dict(verdict.result))

    return check


def as_series_dict(answer: Any) -> dict[str, Any] | None:
    """A Series (or one-column DataFrame) as ``{str(index): value}``; None for anything else."""
    import pandas as pd

    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return None
    return {str(k): v for k, v in answer.items()}


def bar_data(ax: Any) -> list[tuple[str, float]] | None:
    """The bars drawn on ``ax`` as ``(category label, value)``; None when there are no bars.

    Works for ``ax.bar``/``ax.barh`` and pandas ``.plot.bar``/``.plot.barh``: each bar's label
    is the tick label nearest its centre on the category axis ("" where there is none).
    """

    containers = [c for c in ax.containers if type(c).__name__ == "BarContainer"]
    if not containers:
        return None
    vertical = getattr(containers[0], "orientation", "vertical") != "horizontal"
    axis = ax.xaxis if vertical else ax.yaxis
    ticks = list(zip(axis.get_ticklocs(), (t.get_text() for t in axis.get_ticklabels())))
    found: list[tuple[str, float]] = []
    for container in containers:
        for patch in container.patches:
            if vertical:
                centre, size, value = patch.get_x() + patch.get_width() / 2, patch.get_width(), patch.get_height()
            else:
                centre, size, value = patch.get_y() + patch.get_height() / 2, patch.get_height(), patch.get_width()
            label = ""
            near = [(abs(loc - centre), text) for loc, text in ticks if math.isfinite(loc)]
            if near:
                distance, text = min(near, key=lambda pair: pair[0])
                if distance <= max(abs(size), 1e-9) / 2:
                    label = text
            found.append((label, float(value)))
    return found


def chart_text_problem(ax: Any) -> Verdict | None:
    """A Verdict when the chart has no title or an unlabelled axis; None when both are there."""
    title = ax.get_title() or ax.get_title("left") or ax.get_title("right")
    if not title and ax.figure is not None and hasattr(ax.figure, "get_suptitle"):
        title = ax.figure.get_suptitle()
    if not str(title).strip():
        return Verdict(False, say(
            "The data is right; now give the chart a title that says what it shows: ax.set_title(...).",
            "Datan stämmer; ge nu diagrammet en rubrik som säger vad det visar: ax.set_title(...)."),
            {"reason": "title"})
    missing = [name for name, text in (("x", ax.get_xlabel()), ("y", ax.get_ylabel())) if not str(text).strip()]
    if missing:
        calls = " and ".join(f"ax.set_{m}label(...)" for m in missing)
        return Verdict(False, say(
            f"The data is right; now label the {' and '.join(missing)} axis: {calls}.",
            f"Datan stämmer; sätt nu en etikett på {' och '.join(missing)}-axeln: {calls.replace(' and ', ' och ')}."),
            {"reason": "axis_labels", "missing": missing})
    return None


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
            "That is a pandas table. Write a dict instead: {\"credit_risk_model\": \"KPO\", ...} "
            "(a Series becomes one with .to_dict()).",
            "Det är en pandas-tabell. Skriv en dict i stället: {\"credit_risk_model\": \"KPO\", ...} "
            "(en Series blir en dict med .to_dict())."), {"reason": "table"})
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
        return Verdict(False, say(
            f"Expected a model id as text, e.g. \"hybrid\", but got a {type(answer).__name__}: {shown(answer)}.",
            f"Förväntade ett modell-id som text, t.ex. \"hybrid\", men fick en {type(answer).__name__}: {shown(answer)}."),
            {"reason": "type"})
    return choice("third_party", _who_feedback())(model_id(answer))


def _analytics_setup_check(answer: Any) -> Verdict:
    if is_table(answer) or not isinstance(answer, Mapping):
        return Verdict(False, say(
            f"Expected a dict with two keys, {{\"who\": ..., \"where\": ...}}, but got a {type(answer).__name__}"
            + ("." if is_table(answer) else f": {shown(answer)}."),
            f"Förväntade en dict med två nycklar, {{\"who\": ..., \"where\": ...}}, men fick en "
            f"{type(answer).__name__}" + ("." if is_table(answer) else f": {shown(answer)}.")), {"reason": "type"})
    keys = {k for k in answer if isinstance(k, str)}
    if keys != {"who", "where"} or len(answer) != 2:
        return Verdict(False, say(
            "Use exactly the two keys \"who\" and \"where\", e.g. {\"who\": \"third_party\", \"where\": \"onshore\"}.",
            "Använd exakt de två nycklarna \"who\" och \"where\", t.ex. {\"who\": \"third_party\", \"where\": \"onshore\"}."),
            {"reason": "keys"})
    who, where = model_id(answer["who"]), model_id(answer["where"])
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
    problems: list[Text] = []
    if who == "third_party":
        problems.append(say(
            "Who: a third party fits short, changing or one-off work. Lasting, sensitive work close to the core "
            "is the classic case for the bank's own subsidiary, a captive unit, as at GE Capital and American Express.",
            "Vem: en tredje part passar kort, växlande eller tillfälligt arbete. Varaktigt, känsligt arbete nära "
            "kärnverksamheten är typfallet för bankens eget dotterbolag, en egen enhet, som hos GE Capital och American Express."))
    if where == "onshore":
        problems.append(say(
            "Where: onshore keeps Swedish wages, but the board wants the largest possible wage saving.",
            "Var: onshore behåller svenska löner, men styrelsen vill ha största möjliga lönebesparing."))
    elif where == "nearshore":
        problems.append(say(
            "Where: nearshore saves less than offshore. The board puts the saving first and the work does not need "
            "overlapping hours, so the time zone matters little.",
            "Var: nearshore sparar mindre än offshore. Styrelsen sätter besparingen först och arbetet kräver inga "
            "överlappande arbetstider, så tidszonen spelar liten roll."))
    if not problems:
        return Verdict(True, say(
            "Right: a captive subsidiary offshore. The bank keeps control of sensitive, lasting core work and "
            "saves costs by placing its own unit where qualified analysts earn less.",
            "Rätt: ett eget dotterbolag offshore. Banken behåller kontrollen över känsligt, varaktigt arbete nära "
            "kärnan och sparar kostnader genom att lägga den egna enheten där kvalificerade analytiker tjänar mindre."),
            {"who": who, "where": where})
    return Verdict(False, both(lambda lang: " ".join(p[lang] for p in problems)),
                   {"who": who, "where": where, "reason": "model"})


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
            "(46e9 och 1.66e6), så blir svaret i dollar.")),
        (revenue / centres, say(
            "That is revenue per centre (divided by the 1,580 centres). The question asks per employee.",
            "Det är intäkt per center (delat med de 1 580 centren). Frågan gäller per anställd.")),
        (revenue / (staff / 1e6), say(
            "1.66 million staff is 1,660,000, not 1.66: write it as 1.66e6.",
            "1,66 miljoner anställda är 1 660 000, inte 1,66: skriv det som 1.66e6.")),
        (staff / revenue, say(
            "Upside down: that is employees per dollar. Divide revenue by staff.",
            "Upp och ner: det är anställda per dollar. Dela intäkterna med antalet anställda.")),
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
    ),
    hint=say("Filter, then pick columns: cases.loc[cases[\"model\"] == \"captive_subsidiary\", [\"firm\", \"year\", \"location\"]].",
             "Filtrera och välj sedan kolumner: cases.loc[cases[\"model\"] == \"captive_subsidiary\", [\"firm\", \"year\", \"location\"]]."),
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
    claims=("S02", "S03"),
    checker=_analytics_setup_check,
    hint=say("Lasting, sensitive and close to the core points to who; \"the largest wage saving\" points to where.",
             "Varaktigt, känsligt och nära kärnan pekar ut vem; \"största möjliga lönebesparing\" pekar ut var."),
)

_question(
    id="01.q5",
    kind="calculation",
    claims=("S02", "S03"),
    checker=amount(
        _revenue_per_employee, 100,
        right=say("Right: about US$27,700 per employee a year. It is revenue, not pay: a rough price of a person-year "
                  "of captive work.",
                  "Rätt: omkring 27 700 US-dollar per anställd och år. Det är intäkter, inte lön: ett grovt pris för ett "
                  "årsverke i en egen enhet."),
        slips=_revenue_slips,
    ),
    hint=say("Revenue divided by staff, both written in full: 46e9 / 1.66e6.",
             "Intäkter delat med anställda, båda skrivna fullt ut: 46e9 / 1.66e6."),
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
