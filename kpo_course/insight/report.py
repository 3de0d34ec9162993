"""``kpo-course report``: what a class's answers say, as four CSVs and one offline page.

``write_report(paths, out)`` reads gradebooks and hand-in files (:mod:`.data`) and writes
``questions.csv``, ``misconceptions.csv``, ``claims.csv``, ``students.csv`` and ``report.html``
(plots inline as base64 PNG: it opens without a network), in English or Swedish.

>>> sorted(REPORT_FILES)
['claims.csv', 'misconceptions.csv', 'questions.csv', 'report.html', 'students.csv']
"""
from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any, Iterable

from ..markup import text
from . import data, stats

REPORT_FILES = ("questions.csv", "misconceptions.csv", "claims.csv", "students.csv", "report.html")


def _say(language: str, en: str, sv: str) -> str:
    return sv if language == "sv" else en


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def item_plot(question_table, language: str) -> str:
    """Facility (x) against discrimination (y), one labelled point per question, as base64 PNG."""
    from matplotlib.figure import Figure

    from ..plots import OKABE_ITO

    shown = question_table.dropna(subset=["facility"])
    figure = Figure(figsize=(7, 4.5))
    axes = figure.subplots()
    y = shown["discrimination"].fillna(0.0)
    axes.scatter(shown["facility"], y, color=OKABE_ITO["blue"], zorder=3)
    for question, x, value in zip(shown["question"], shown["facility"], y):
        axes.annotate(question, (x, value), textcoords="offset points", xytext=(4, 3), fontsize=7)
    axes.axhline(0.2, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1)
    axes.set_xlim(-0.05, 1.05)
    axes.set_ylim(min(-0.2, float(y.min()) - 0.05) if len(y) else -0.2, 1.05)
    axes.set_xlabel(_say(language, "Facility (share right among those who answered)",
                         "Lösningsgrad (andel rätt bland dem som svarade)"))
    axes.set_ylabel(_say(language, "Discrimination (point-biserial)", "Diskrimination (punktbiserial)"))
    axes.grid(alpha=0.3)
    return _png(figure)


def heat_map(student_table, language: str) -> str:
    """Students (rows) × claims (columns), the share of each claim's points won, as base64 PNG."""
    import numpy as np
    from matplotlib.figure import Figure

    claims = [c for c in stats.CLAIMS if student_table[c].notna().any()]
    values = student_table[claims].to_numpy(dtype=float) if claims else np.zeros((0, 0))
    height = max(3.0, 0.18 * len(student_table) + 1.5)
    figure = Figure(figsize=(max(5.0, 0.42 * len(claims) + 2.5), height))
    axes = figure.subplots()
    image = axes.imshow(np.ma.masked_invalid(values), cmap="viridis", vmin=0, vmax=1, aspect="auto")
    axes.set_xticks(range(len(claims)), claims, rotation=90, fontsize=7)
    axes.set_yticks(range(len(student_table)), list(student_table["student"]), fontsize=6)
    bar = figure.colorbar(image, ax=axes)
    bar.set_label(_say(language, "Mastery (share of the claim's points won)",
                       "Behärskning (andel av påståendets poäng)"))
    return _png(figure)


_STYLE = """body{font-family:system-ui,sans-serif;max-width:62rem;margin:1.5rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;
vertical-align:top}th{background:#f2f2f2}img{max-width:100%}.what{font-size:.95rem;color:#333;margin:.25rem 0 1.25rem}"""


def _table(rows: Iterable[Iterable[Any]], header: Iterable[str]) -> str:
    head = "".join(f"<th>{text(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{text('' if v is None else v)}</td>" for v in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html(frame, question_table, misconception_table, claim_table, student_table, language: str = "en") -> str:
    """The report page: re-teach next, the item plot, the heat map; each with a sentence on what it shows."""
    s = lambda en, sv: _say(language, en, sv)  # noqa: E731
    everything = stats.reteach(claim_table, student_table, misconception_table)
    ranked = sorted([i for i in everything if i["kind"] == "claim"][:8] + [i for i in everything
                    if i["kind"] == "misconception"][:8], key=lambda i: (-i["students"], i["kind"], i["what"]))
    kind = {"claim": s("claim below half mastery", "påstående under halv behärskning"),
            "misconception": s("misconception", "missuppfattning")}
    reteach_rows = [(item["what"], kind[item["kind"]], item["students"], item["detail"]) for item in ranked]
    n_students = frame["student"].nunique()
    weak = question_table[(question_table["discrimination"].notna()) & (question_table["discrimination"] < 0.2)]
    parts = [
        f"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\">",
        f"<title>{text(s('What to re-teach', 'Vad som behöver tas om'))}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{text(s('What to re-teach', 'Vad som behöver tas om'))}</h1>",
        f"<p>{text(s(f'{n_students} students, {len(question_table)} questions (exercises and quizzes).', f'{n_students} studenter, {len(question_table)} frågor (övningar och quiz).'))}</p>",
        f"<h2>{text(s('Re-teach next', 'Ta om härnäst'))}</h2>",
        f"<p class=\"what\">{text(s('Claims most students have not mastered (under half of their points) and the named misconceptions the checks recognised, ranked by the number of students affected: start at the top.', 'Påståenden som flest studenter inte behärskar (under hälften av poängen) och de namngivna missuppfattningar som kontrollerna kände igen, ordnade efter hur många studenter de gäller: börja överst.'))}</p>",
        _table(reteach_rows, [s("What", "Vad"), s("Kind", "Slag"), s("Students", "Studenter"), s("Details", "Detaljer")])
        if reteach_rows else f"<p>{text(s('Nothing to re-teach: no claim is below half mastery for any student and no misconception was seen.', 'Inget att ta om: inget påstående ligger under halv behärskning för någon student och ingen missuppfattning syntes.'))}</p>",
        f"<h2>{text(s('Questions: facility and discrimination', 'Frågor: lösningsgrad och diskrimination'))}</h2>",
        f"<img alt=\"{text(s('Item plot', 'Frågediagram'))}\" src=\"data:image/png;base64,{item_plot(question_table, language)}\">",
        f"<p class=\"what\">{text(s('Each point is one question: further right, more of those who answered got it right; higher, the students who got it right also did better on the other questions. Points under the dashed line (0.2) separate strong from weak students poorly: read their wording again.', 'Varje punkt är en fråga: längre till höger, fler av dem som svarade hade rätt; högre upp, de som hade rätt lyckades också bättre på de andra frågorna. Punkter under den streckade linjen (0,2) skiljer starka från svaga studenter dåligt: läs deras formulering igen.'))}"
        + (f" {text(s('Under the line: ', 'Under linjen: '))}{text(', '.join(weak['question']))}." if len(weak) else "") + "</p>",
        f"<h2>{text(s('Students × claims', 'Studenter × påståenden'))}</h2>",
        f"<img alt=\"{text(s('Heat map', 'Värmekarta'))}\" src=\"data:image/png;base64,{heat_map(student_table, language)}\">",
        f"<p class=\"what\">{text(s('Each row is a student, each column a claim of the course (S01–S24); the colour is the share of the points on that claim the student won, from dark (none) to yellow (all). White means no question on that claim was answered. A dark column is a topic to re-teach to the class; a dark row, a student to talk to.', 'Varje rad är en student, varje kolumn ett av kursens påståenden (S01–S24); färgen är andelen av påståendets poäng som studenten fick, från mörk (inga) till gul (alla). Vitt betyder att ingen fråga om påståendet besvarades. En mörk kolumn är ett ämne att ta om med klassen; en mörk rad, en student att prata med.'))}</p>",
        f"<h2>{text(s('Claims', 'Påståenden'))}</h2>",
        _table(claim_table.dropna(subset=["mastery"]).itertuples(index=False),
               [s("Claim", "Påstående"), s("Questions", "Frågor"), s("Mastery", "Behärskning")]),
        "</body></html>",
    ]
    return "\n".join(parts)


def write_report(paths: Iterable[str | Path], out: str | Path, language: str = "en") -> dict[str, Path]:
    """Read ``paths`` and write the :data:`REPORT_FILES` into ``out``; returns ``{name: path}``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    frame = data.read(paths)
    tables = {"questions.csv": stats.questions(frame), "misconceptions.csv": stats.misconceptions(frame, language),
              "claims.csv": stats.claims(frame), "students.csv": stats.students(frame)}
    written = {}
    for name, table in tables.items():
        table.to_csv(out / name, index=False)
        written[name] = out / name
    page = html(frame, tables["questions.csv"], tables["misconceptions.csv"], tables["claims.csv"],
                tables["students.csv"], language)
    (out / "report.html").write_text(page, encoding="utf-8")
    written["report.html"] = out / "report.html"
    return written
