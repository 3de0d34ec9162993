"""The ``kpo-course report`` command (wired into :mod:`kpo_course.cli` by :func:`add_parser`).

>>> import argparse; commands = argparse.ArgumentParser().add_subparsers()
>>> add_parser(commands).parse_args(["gradebook.csv", "--out", "report"]).language
'en'
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..i18n import LANGUAGES


def run(args: argparse.Namespace, extra: list[str] | None = None) -> int:
    from . import data, lms
    from .report import write_report

    paths = [Path(p) for p in args.files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"kpo-course report: no such file: {', '.join(missing)}. Give gradebook CSVs (from "
              "`kpo-course grade`) and/or progress files (from kpo.progress.export()).", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        written = write_report(paths, args.out, language=args.language)
        written.update(lms.write_exports(data.read(paths), Path(args.out) / "lms", language=args.language))
    except ValueError as error:
        print(f"kpo-course report: {error}", file=sys.stderr)
        return 2
    for name, path in written.items():
        print(f"{name:22} {path}")
    print(f"Open {Path(args.out) / 'report.html'} in a browser ({time.perf_counter() - started:.1f} s).")
    return 0


def add_parser(commands) -> argparse.ArgumentParser:
    report = commands.add_parser(
        "report", help="what the class's answers say: questions, misconceptions, claims, an offline page, LMS files",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read gradebook CSVs (kpo-course grade) and learners' progress files (kpo.progress.export())\n"
                    "and write into OUT: questions.csv (question, students, answered, facility,\n"
                    "discrimination, claims), misconceptions.csv (question, misconception, students, message),\n"
                    "claims.csv (claim, questions, mastery), students.csv (mastery per claim), report.html\n"
                    "(offline), and lms/: canvas_grades.csv, moodle_grades.csv, moodle_quizzes.xml.")
    report.add_argument("files", nargs="+", metavar="FILE", help="gradebook CSV(s) and/or progress JSON file(s)")
    report.add_argument("--out", default="report", metavar="DIR", help="folder to write into (default report/)")
    report.add_argument("--language", choices=list(LANGUAGES), default="en", help="language of the page and messages")
    report.set_defaults(run=run)
    return report
