"""The ``kpo-course`` command: start the course, check the setup, build and execute notebooks.

    kpo-course start            open the course in JupyterLab
    kpo-course doctor           check that everything (widgets included) will work
    kpo-course build [--check]  write exercises/ from solutions/
    kpo-course execute [PATHS]  run notebooks and store their outputs
    kpo-course coverage         which lessons teach and which questions assess each claim
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

START_PAGE = "lessons/00_start_here.ipynb"


def course_root() -> Path:
    """The course folder: the current folder if it holds the lessons, else the repository."""
    here = Path.cwd()
    for candidate in (here, *here.parents, Path(__file__).resolve().parent.parent):
        if (candidate / START_PAGE).is_file():
            return candidate
    raise SystemExit(
        f"kpo-course: cannot find {START_PAGE}. Run this command inside the course folder "
        "(the one with lessons/, exercises/ and README.md)."
    )


def _start(args: argparse.Namespace, extra: list[str]) -> int:
    root = course_root()
    command = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url=/lab/tree/{START_PAGE}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers (Binder-like images, CI) often run as root
    if args.no_browser:
        command.append("--no-browser")
    if args.port:
        command.append(f"--port={args.port}")
    command += extra
    print(f"kpo-course: opening {START_PAGE} in JupyterLab (stop with Ctrl+C)", flush=True)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0


def _doctor(args: argparse.Namespace, extra: list[str]) -> int:
    from . import i18n
    from .doctor import environment_report
    i18n.set_language(args.language)
    report = environment_report()
    print(report)
    return 0 if report.ok else 1


def _build(args: argparse.Namespace, extra: list[str]) -> int:
    from .authoring.build import BuildError, build
    root = course_root()
    try:
        stale = build(root, check=args.check)
    except BuildError as error:
        print(f"kpo-course build: {error}", file=sys.stderr)
        return 2
    names = ", ".join(str(p.relative_to(root)) for p in stale)
    if args.check:
        if stale:
            print(f"kpo-course build --check: out of date: {names}\nRun `kpo-course build` and commit the result.",
                  file=sys.stderr)
            return 1
        print("kpo-course build --check: exercises/ is up to date.")
        return 0
    print(f"kpo-course build: wrote {names}" if stale else "kpo-course build: exercises/ was already up to date.")
    return 0


def _execute(args: argparse.Namespace, extra: list[str]) -> int:
    from .authoring.execute import default_paths, execute_notebook
    paths = [Path(p) for p in args.paths] or default_paths(course_root())
    failed = 0
    for path in paths:
        print(f"executing {path} ...", flush=True)
        try:
            execute_notebook(path, timeout=args.timeout)
        except Exception as error:  # report every notebook, then fail
            failed += 1
            first = str(error).strip().splitlines()[-1:] or [type(error).__name__]
            print(f"  failed: {type(error).__name__}: {first[0]}", file=sys.stderr)
    return 1 if failed else 0


def _coverage(args: argparse.Namespace, extra: list[str]) -> int:
    from .authoring.coverage import report
    coverage = report(course_root())
    print(coverage.table())
    problems = []
    if coverage.untaught:
        problems.append(f"not taught by any lesson: {', '.join(coverage.untaught)}")
    if coverage.unassessed:
        problems.append(f"not assessed by any quiz or exercise question: {', '.join(coverage.unassessed)}")
    if problems:
        print("kpo-course coverage: " + "; ".join(problems), file=sys.stderr)
        return 1
    print("kpo-course coverage: every claim S01–S24 is taught and assessed.")
    return 0


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="kpo-course",
        description="A Jupyter course on Knowledge Process Outsourcing (KPO).",
        epilog="Run `kpo-course COMMAND --help` for the options of one command.",
    )
    commands = main_parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    start = commands.add_parser("start", help="open the course in JupyterLab at the start page",
                                description="Start JupyterLab in the course folder and open "
                                            f"{START_PAGE}. Options after -- go to JupyterLab.")
    start.add_argument("--no-browser", action="store_true", help="do not open a browser tab")
    start.add_argument("--port", type=int, default=0, help="port to serve on (default: JupyterLab's choice)")
    start.set_defaults(run=_start)

    doctor = commands.add_parser("doctor", help="check that the course and its widgets will work here",
                                 description="Check Python, the packages, the ipywidgets/jupyterlab_widgets "
                                             "pair and the content files. Exit 1 and print the fix if "
                                             "something is wrong.")
    doctor.add_argument("--language", choices=["en", "sv"], default="en", help="language of the report")
    doctor.set_defaults(run=_doctor)

    build = commands.add_parser("build", help="write exercises/ from solutions/",
                                description="Turn every solutions/X.ipynb into exercises/X.ipynb: solution "
                                            "code becomes a runnable stub, outputs are cleared, nbgrader "
                                            "metadata is kept or added.")
    build.add_argument("--check", action="store_true",
                       help="change nothing; exit 1 naming the exercises that are out of date")
    build.set_defaults(run=_build)

    execute = commands.add_parser("execute", help="run notebooks and store their outputs",
                                  description="Execute notebooks with nbclient in their own folder and store "
                                              "outputs and widget state deterministically (twice gives the "
                                              "same file). Default: every lesson and solution.")
    execute.add_argument("paths", nargs="*", metavar="PATH", help="notebooks to execute")
    execute.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell (default 300)")
    execute.set_defaults(run=_execute)

    coverage = commands.add_parser("coverage", help="which lessons teach and which questions assess each claim",
                                   description="Print one row per claim S01–S24 of the source article: the "
                                               "lessons that teach it (from the lessons' cell metadata) and the "
                                               "quiz and exercise questions that assess it. Exit 1, naming the "
                                               "claims, when any is untaught or unassessed.")
    coverage.set_defaults(run=_coverage)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    args = parser().parse_args(argv)
    return args.run(args, extra)


if __name__ == "__main__":
    sys.exit(main())
