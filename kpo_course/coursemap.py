"""The course map: every lesson and exercise in order, with links, for lesson 00 and the docs.

``course.yaml`` is the one source of titles and minutes; :func:`markdown_table` writes the table
that README.md and docs/instructor-guide.md show, and a test keeps both in step with it.

>>> markdown_table().splitlines()[0]
'| # | lesson | minutes | exercise |'
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from .i18n import localize, tr


@dataclass(frozen=True)
class CourseMap:
    """Rows of (lesson id, title, minutes, lesson file, exercises as (file, title)); displays as a table."""

    rows: tuple[tuple[str, str, int, str, tuple[tuple[str, str], ...]], ...]
    base: Path
    edition: str | None = None  # "sv" when shown from lessons/sv/: link the Swedish notebooks

    def _link(self, file: str, label: str) -> str:
        if self.edition:
            translated = Path(file).parent / self.edition / Path(file).name
            if (self.base / translated).is_file():
                file = translated.as_posix()
        target = self.base / file
        # notebooks live one folder below the course root (two in a language edition such as lessons/sv/)
        relative = Path("../.." if self.edition else "..") / file
        if target.is_file():
            return f'<a href="{html.escape(relative.as_posix())}">{html.escape(label)}</a>'
        return f'{html.escape(label)} <i>({tr("in preparation", "under arbete")})</i>'

    def _repr_html_(self) -> str:
        head = (tr("Lesson", "Lektion"), tr("Minutes", "Minuter"), tr("Exercises", "Övningar"))
        body = "".join(
            f"<tr><td style='text-align:left'>{self._link(file, f'{lesson} · {title}')}</td><td>{minutes}</td>"
            f"<td style='text-align:left'>{'<br>'.join(self._link(e, name) for e, name in exercises) or '–'}</td></tr>"
            for lesson, title, minutes, file, exercises in self.rows
        )
        header = "".join(f'<th style="text-align:left">{h}</th>' for h in head)
        return (f'<table class="kpo-course-map" style="text-align:left"><thead><tr>{header}</tr></thead>'
                f"<tbody>{body}</tbody></table>")

    def __repr__(self) -> str:
        return "\n".join(
            f"{lesson}  {title} ({minutes} min): {file}; {', '.join(e for e, _ in exercises) or '-'}"
            for lesson, title, minutes, file, exercises in self.rows
        )


def course_map(root: Path | None = None) -> CourseMap:
    """The lessons and their exercises, linked where the notebook exists under ``root``."""
    from .content import load

    course = load().course
    here = Path.cwd()
    edition = here.name if here.parent.name in ("lessons", "exercises", "solutions") else None
    base = Path(root) if root else (here.parent.parent if edition else here.parent)
    rows = tuple(
        (
            lesson.id,
            localize(lesson.title),
            lesson.minutes,
            lesson.file,
            tuple((e.file, localize(e.title)) for e in course.exercises if e.lesson == lesson.id),
        )
        for lesson in course.lessons
    )
    return CourseMap(rows, base, edition if not root else None)


def markdown_table(link_prefix: str = "") -> str:
    """The course map as a Markdown table, in English, linking each notebook under ``link_prefix``.

    >>> "| 07 | [Make or buy, and the market](lessons/07_make_or_buy_and_the_market.ipynb)" in markdown_table()
    True
    """
    from .content import load

    course = load().course

    def link(file: str, title: str) -> str:
        return f"[{title}]({link_prefix}{file}) (`{file}`)"

    rows = ["| # | lesson | minutes | exercise |", "|---|---|---|---|"]
    for lesson in course.lessons:
        exercises = "; ".join(link(e.file, e.title["en"]) for e in course.exercises if e.lesson == lesson.id)
        rows.append(f"| {lesson.id} | {link(lesson.file, lesson.title['en'])} | {lesson.minutes} | {exercises or '–'} |")
    return "\n".join(rows)
