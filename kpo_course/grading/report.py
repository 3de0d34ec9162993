"""What a graded batch tells people: feedback pages, a summary, a histogram of totals.

    >>> book = grading.grade(Path("submissions"))                  # doctest: +SKIP
    >>> write_feedback(book, Path("feedback"))                      # doctest: +SKIP
    >>> print(summary(book))                                        # doctest: +SKIP

(Skipped: grading needs submissions and kernels; tests/test_grading.py checks these outputs.)

Feedback pages are plain, self-contained HTML (one per student, every value escaped);
results are shown with a symbol *and* words, never colour alone.
"""
from __future__ import annotations

import html
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from .gradebook import Gradebook, NotebookResult, Row
from ..i18n import tr

__all__ = ["QuestionStats", "question_stats", "hardest", "summary", "write_feedback", "save_histogram",
           "feedback_file_name"]


def _verdict_text(verdict: str) -> str:
    return {
        "correct": "✓ " + tr("Correct", "Rätt"),
        "wrong": "✗ " + tr("Not yet right", "Inte rätt än"),
        "unanswered": "… " + tr("Not answered", "Inte besvarad"),
        "manual": "✎ " + tr("Graded by hand", "Bedöms för hand"),
        "marked": "✎ " + tr("Marked by hand", "Bedömd för hand"),
        "error": "⚠ " + tr("Could not be graded", "Kunde inte bedömas"),
        "missing": "— " + tr("Not handed in", "Inte inlämnad"),
    }.get(verdict, verdict)


def _points(value: float) -> str:
    return f"{value:g}"


def _row_points(row: Row) -> str:
    """``1 / 2``; a memo not marked yet says so instead of showing zero points."""
    if row.verdict == "manual":
        return html.escape(tr(f"to be graded (of {row.max_points:g})", f"bedöms senare (av {row.max_points:g})"))
    return f"{_points(row.points)} / {_points(row.max_points)}"


@dataclass(frozen=True)
class QuestionStats:
    notebook: str
    question: str
    mean_points: float
    max_points: float
    students: int
    right: int

    @property
    def share(self) -> float:
        """Mean score as a share of the question's points (0..1)."""
        return self.mean_points / self.max_points if self.max_points else 0.0


def question_stats(book: Gradebook) -> list[QuestionStats]:
    """Mean score per auto-graded question across students (a missing or failed notebook counts as 0)."""
    groups: dict[str, list[Row]] = {}
    notebooks: dict[str, str] = {}
    for row in book.rows:
        if row.verdict == "manual" or not row.question or row.max_points <= 0:
            continue
        groups.setdefault(row.question, []).append(row)
        notebooks.setdefault(row.question, row.notebook)
    stats = []
    for question in sorted(groups):
        rows = groups[question]
        stats.append(QuestionStats(notebooks[question], question, statistics.fmean(r.points for r in rows),
                                   max(r.max_points for r in rows), len(rows),
                                   sum(r.verdict == "correct" for r in rows)))
    return stats


def hardest(book: Gradebook, n: int = 3) -> list[QuestionStats]:
    """The ``n`` questions with the lowest mean share of their points."""
    return sorted(question_stats(book), key=lambda s: (s.share, s.question))[:n]


def _problems(book: Gradebook) -> list[NotebookResult]:
    return [r for r in book.results if r.path and (r.notes or any(row.verdict == "error" for row in r.rows))]


def summary(book: Gradebook, *, histogram: Path | None = None, feedback: Path | None = None,
            gradebook: Path | None = None) -> str:
    """A plain-text report of the batch: totals, mean per question, hardest questions, timings."""
    graded = [r for r in book.results if r.path]
    totals = book.totals()
    lines = [f"Graded {len(graded)} notebook(s) of {len(totals)} student(s) in {book.seconds:.1f} s "
             f"({book.jobs} kernel(s) at a time)."]
    if graded:
        seconds = [r.seconds for r in graded]
        slowest = max(graded, key=lambda r: r.seconds)
        lines.append(f"Seconds per notebook: mean {statistics.fmean(seconds):.2f}, median "
                     f"{statistics.median(seconds):.2f}, slowest {slowest.seconds:.2f} "
                     f"({slowest.student}, {slowest.notebook}).")
    if totals:
        points = [p for p, _ in totals.values()]
        most = max(m for _, m in totals.values())
        lines.append(f"Mean total: {statistics.fmean(points):.2f} of {most:g} auto-graded points "
                     f"(median {statistics.median(points):g}).")
    stats = question_stats(book)
    if stats:
        width = max([len("question")] + [len(s.question) for s in stats])
        lines += ["", "Mean score per question:",
                  f"  {'question'.ljust(width)}  mean   max  right"]
        lines += [f"  {s.question.ljust(width)}  {s.mean_points:4.2f}  {s.max_points:4g}  "
                  f"{s.right}/{s.students}" for s in stats]
        lines.append("Hardest questions: " + ", ".join(
            f"{s.question} ({s.share:.0%} of points)" for s in hardest(book)) + ".")
    manual = [row for row in book.rows if row.verdict == "manual"]
    if manual:
        lines.append(f"{len(manual)} memo(s) wait for grading by hand (verdict \"manual\").")
    problems = _problems(book)
    if problems:
        lines += ["", f"{len(problems)} notebook(s) had trouble (details in the message column):"]
        for result in problems[:20]:
            first = next((row.message for row in result.rows if row.verdict == "error"), "")
            reason = first or (result.notes[0] if result.notes else "")
            lines.append(f"  {result.student}, {result.notebook}: {reason[:160]}")
        if len(problems) > 20:
            lines.append(f"  ... and {len(problems) - 20} more")
    kernel_checked = [(r.student, q) for r in book.results for q in r.kernel_checked]
    if kernel_checked:
        lines.append(f"{len(kernel_checked)} answer(s) that are not plain data (e.g. charts) were judged inside "
                     "the student's kernel; glance at them on the feedback pages.")
    outputs = [("Gradebook", gradebook), ("Histogram of totals", histogram), ("Feedback pages", feedback)]
    written = [f"{name}: {path}" for name, path in outputs if path is not None]
    if written:
        lines += [""] + written
    return "\n".join(lines)


def save_histogram(book: Gradebook, path: Path) -> Path:
    """A histogram of the students' auto-graded totals, saved as PNG (matplotlib's Figure API)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ..plots import OKABE_ITO

    totals = [points for points, _ in book.totals().values()]
    most = max([m for _, m in book.totals().values()] + [1.0])
    figure = Figure(figsize=(6.4, 3.6), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    whole = all(float(t).is_integer() for t in totals) and most <= 60
    bins = [b - 0.5 for b in range(int(most) + 2)] if whole else 10
    axes.hist(totals, bins=bins, range=None if whole else (0, most), color=OKABE_ITO["blue"],
              edgecolor="white", hatch="//")
    axes.set_xlabel("Total auto-graded points")
    axes.set_ylabel("Students")
    axes.set_title(f"Totals of {len(totals)} student(s) (maximum {most:g})")
    axes.set_xlim(-0.5 if whole else 0, most + (0.5 if whole else 0))
    axes.yaxis.get_major_locator().set_params(integer=True)
    figure.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png", metadata={"Software": None})
    return path


def feedback_file_name(student: str) -> str:
    """A safe file name for a student's page: ``"Ann-Li Ö"`` -> ``"Ann-Li_Ö.html"``."""
    safe = re.sub(r"[^\w.-]+", "_", student, flags=re.UNICODE).strip("._") or "student"
    return f"{safe[:80]}.html"


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2} td.points{white-space:nowrap}
tr.correct td:nth-child(2){border-left:4px solid #009E73} tr.wrong td:nth-child(2){border-left:4px solid #D55E00}
tr.error td:nth-child(2),tr.missing td:nth-child(2){border-left:4px solid #E69F00}
.hint{margin-top:.25rem} .memo{white-space:pre-wrap;background:#f7f7f7;padding:.5rem;margin-top:.25rem}
"""


_SV_TOTAL = "automatiskt rättade poäng. Promemorior bedöms för hand."
_EN_IN_KERNEL = "(Checked inside your notebook: this answer is not plain data.)"
_SV_IN_KERNEL = "(Kontrollerad i din anteckningsbok: svaret är inte enkla data.)"


def _page(student: str, results: list[NotebookResult], totals: tuple[float, float], language: str) -> str:
    e = html.escape
    points, most = totals
    parts = [f'<!DOCTYPE html>\n<html lang="{e(language)}">\n<head>\n<meta charset="utf-8">\n'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
             f"<title>{e(tr('Feedback', 'Återkoppling'))}: {e(student)}</title>\n<style>{_STYLE}</style>\n"
             f"</head>\n<body>\n<main>\n<h1>{e(tr('Feedback for', 'Återkoppling till'))} {e(student)}</h1>\n"
             f"<p>{e(tr('Total', 'Summa'))}: <strong>{_points(points)} / {_points(most)}</strong> "
             f"{e(tr('auto-graded points. Memos are graded by hand.', _SV_TOTAL))}</p>\n"]
    for result in results:
        auto = [r for r in result.rows if r.verdict != "manual"]
        got, out_of = sum(r.points for r in auto), sum(r.max_points for r in auto)
        parts.append(f"<section>\n<h2>{e(result.notebook)}</h2>\n"
                     f"<p>{_points(got)} / {_points(out_of)} {e(tr('points', 'poäng'))}</p>\n")
        parts.append(f"<table>\n<thead><tr><th scope=\"col\">{e(tr('Question', 'Fråga'))}</th>"
                     f"<th scope=\"col\">{e(tr('Result', 'Resultat'))}</th>"
                     f"<th scope=\"col\">{e(tr('Points', 'Poäng'))}</th>"
                     f"<th scope=\"col\">{e(tr('Feedback', 'Återkoppling'))}</th></tr></thead>\n<tbody>\n")
        for row in result.rows:
            extra = ""
            if row.hint:
                extra += f'<div class="hint"><strong>{e(tr("Hint", "Ledtråd"))}:</strong> {e(row.hint)}</div>'
            if row.detail:
                extra += f'<div class="memo">{e(row.detail)}</div>'
            if row.question in result.kernel_checked:
                extra += f'<div class="hint">{e(tr(_EN_IN_KERNEL, _SV_IN_KERNEL))}</div>'
            parts.append(f'<tr class="{e(row.verdict)}"><td><code>{e(row.question or "-")}</code></td>'
                         f"<td>{e(_verdict_text(row.verdict))}</td>"
                         f'<td class="points">{_row_points(row)}</td>'
                         f"<td>{e(row.message)}{extra}</td></tr>\n")
        parts.append("</tbody>\n</table>\n")
        if result.notes:
            parts.append(f"<p>{e(tr('While running your notebook:', 'När din anteckningsbok kördes:'))}</p>\n<ul>\n")
            parts += [f"<li>{e(note)}</li>\n" for note in result.notes]
            parts.append("</ul>\n")
        parts.append("</section>\n")
    parts.append("</main>\n</body>\n</html>\n")
    return "".join(parts)


def write_feedback(book: Gradebook, folder: Path, language: str = "en") -> dict[str, Path]:
    """One HTML page per student in ``folder``; returns ``{student: path}``."""
    from .. import i18n

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    totals = book.totals()
    written: dict[str, Path] = {}
    used: set[str] = set()
    before = i18n.get_language()
    i18n.set_language(language)
    try:
        for student in book.students():
            name = feedback_file_name(student)
            stem, number = name[:-5], 2
            while name.lower() in used:
                name, number = f"{stem}-{number}.html", number + 1
            used.add(name.lower())
            results = [r for r in book.results if r.student == student]
            path = folder / name
            path.write_text(_page(student, results, totals.get(student, (0.0, 0.0)), language), encoding="utf-8")
            written[student] = path
    finally:
        i18n.set_language(before)
    return written
