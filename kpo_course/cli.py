"""The ``kpo-course`` command: start the course, check the setup, build and execute notebooks.

    kpo-course start            open the course in JupyterLab
    kpo-course doctor           check that everything (widgets included) will work
    kpo-course build [--check]  write exercises/ from solutions/, and the translated editions (lessons/sv/...)
    kpo-course execute [PATHS]  run notebooks and store their outputs
    kpo-course coverage         which lessons teach and which questions assess each claim
    kpo-course facts            the fact ledger (fact, source, where, what it states); exit 1 on a gap
    kpo-course slides [OUT]     reveal.js slide decks of the lessons (default _build/slides)
    kpo-course release OUT      a student copy without solutions, verified
    kpo-course grade SUBMISSIONS --out gradebook.csv   grade submitted exercise notebooks
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from .i18n import LANGUAGES

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


# JupyterLab settings `start` overrides: no "Would you like to get notified about official Jupyter news?"
# pop-up (it asks once per browser and then fetches from jupyter.org; a classroom needs neither).
LAB_OVERRIDES = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}


def lab_settings_dir(prefix: Path = Path(sys.prefix)) -> Path:
    """A JupyterLab app settings folder: the installed one's files plus the course's ``overrides.json``.

    JupyterLab reads ``overrides.json`` from its app settings folder (``--LabApp.app_settings_dir``);
    the installed folder is copied first, so its own page config and overrides still apply.

    >>> import json
    >>> folder = lab_settings_dir(Path("/nonexistent"))
    >>> json.loads((folder / "overrides.json").read_text())["@jupyterlab/apputils-extension:notification"]
    {'fetchNews': 'false', 'checkForUpdates': False}
    """
    import json
    import shutil
    import tempfile

    installed = prefix / "share" / "jupyter" / "lab" / "settings"
    folder = Path(tempfile.gettempdir()) / f"kpo-course-lab-settings-{os.getuid() if hasattr(os, 'getuid') else 0}"
    shutil.rmtree(folder, ignore_errors=True)
    if installed.is_dir():
        shutil.copytree(installed, folder)
    folder.mkdir(parents=True, exist_ok=True)
    overrides: dict = {}
    if (folder / "overrides.json").is_file():
        try:
            overrides = json.loads((folder / "overrides.json").read_text(encoding="utf-8"))
        except ValueError:
            overrides = {}
    for plugin, values in LAB_OVERRIDES.items():
        overrides.setdefault(plugin, {}).update(values)
    (folder / "overrides.json").write_text(json.dumps(overrides, indent=2), encoding="utf-8")
    return folder


def _voila_command(root: Path, args: argparse.Namespace) -> list[str]:
    """Voila serving the lessons folder as apps: widgets and text, no code cells."""
    command = [sys.executable, "-m", "voila", str(root / "lessons"), "--theme=light"]
    if args.no_browser:
        command.append("--no-browser")
    if args.port:
        command.append(f"--port={args.port}")
    return command


def _start(args: argparse.Namespace, extra: list[str]) -> int:
    root = course_root()
    if getattr(args, "app", False):
        import importlib.util
        if importlib.util.find_spec("voila") is None:
            print("kpo-course start --app needs Voila: pip install voila (or pip install -e '.[deploy]')",
                  file=sys.stderr)
            return 1
        command = _voila_command(root, args) + extra
        print("kpo-course: the lessons as apps in Voila (widgets, no code; stop with Ctrl+C)", flush=True)
        if os.name == "posix":
            os.execv(sys.executable, command)
        return subprocess.call(command)
    command = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url=/lab/tree/{START_PAGE}",
        f"--LabApp.app_settings_dir={lab_settings_dir()}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers (Binder-like images, CI) often run as root
    if args.no_browser:
        command.append("--no-browser")
    if args.port:
        command.append(f"--port={args.port}")
    command += extra
    print(f"kpo-course: opening {START_PAGE} in JupyterLab (stop with Ctrl+C)", flush=True)
    if os.name == "posix":  # become JupyterLab: a signal to this process reaches the server itself
        os.execv(sys.executable, command)
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
    from .doctor import grading_isolation
    print(grading_isolation())
    return 0 if report.ok else 1


def _build(args: argparse.Namespace, extra: list[str]) -> int:
    from .authoring.build import BuildError, build
    from .authoring.translate import TranslationError, build as build_editions
    root = course_root()
    try:
        stale = build(root, check=args.check)
        editions = build_editions(root, check=args.check, update_catalogs=args.update_catalogs)
    except (BuildError, TranslationError) as error:
        print(f"kpo-course build: {error}", file=sys.stderr)
        return 2
    names = ", ".join(str(p.relative_to(root)) for p in stale + editions.stale)
    catalogs = ", ".join(str(p.relative_to(root)) for p in editions.stale_catalogs)
    if args.check:
        if stale or editions.stale or editions.problems:
            if names:
                print(f"kpo-course build --check: out of date: {names}\nRun `kpo-course build` and commit the result.",
                      file=sys.stderr)
            for problem in editions.problems:
                print(f"kpo-course build --check: translation: {problem}", file=sys.stderr)
            if editions.problems:
                print("Run `kpo-course build --update-catalogs`, translate the empty and fuzzy entries in "
                      "locale/ (see docs/terms-sv.md), then `kpo-course build`.", file=sys.stderr)
            return 1
        print("kpo-course build --check: exercises/ and the translated editions are up to date.")
        return 0
    if catalogs:
        print(f"kpo-course build: updated catalogs {catalogs}")
    print(f"kpo-course build: wrote {names}" if names else "kpo-course build: everything was already up to date.")
    if editions.stale:
        print("Run `kpo-course execute` on the written lessons/<language>/ and solutions/<language>/ notebooks "
              "to store their outputs in that language.")
    if editions.problems:
        print(f"kpo-course build: {len(editions.problems)} translation problems (missing, fuzzy or obsolete entries) "
              "(`kpo-course build --check` lists them).")
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


def _facts(args: argparse.Namespace, extra: list[str]) -> int:
    from .facts import report
    text, gaps = report(course_root())
    if args.gaps_only:
        text = text[text.index("# Gaps:"):]
    print(text)
    if gaps:
        print(f"kpo-course facts: {gaps} gap(s): a number or fact above has no support in the data "
              "(add it with its source in kpo_course/content/data, or label its text illustrative).", file=sys.stderr)
        return 1
    print("kpo-course facts: every fact has its source, and every number in the course is supported.")
    return 0


def _slides(args: argparse.Namespace, extra: list[str]) -> int:
    from .authoring.slides import DEFAULT_OUT, SlidesError, build_decks, network_urls
    root = course_root()
    out = Path(args.out) if args.out else root / DEFAULT_OUT
    try:
        decks = build_decks(root, out, reveal_prefix=args.reveal_prefix, require_js=args.require_js,
                            hide_code=args.hide_code)
    except SlidesError as error:
        print(f"kpo-course slides: {error}", file=sys.stderr)
        return 1
    for deck in decks:
        shown = os.path.relpath(deck.html) if deck.html.is_relative_to(Path.cwd()) else deck.html
        print(f"  {shown}  ({deck.slides} slides)  {deck.title}")
    urls = [u for u in network_urls(decks[0].html.read_text(encoding="utf-8")) if "reveal" in u or "require" in u]
    print(f"kpo-course slides: wrote {len(decks)} decks and {out / 'index.html'}")
    if not urls:
        print("The decks need no internet: reveal.js and RequireJS are copied into the folder "
              "(copy the whole folder, e.g. to a USB stick).")
    if urls:
        print("Opened in a browser, the decks load reveal.js and RequireJS from the network:\n  "
              + "\n  ".join(urls) + "\nFor a room without internet see `kpo-course slides --help`.")
    return 0


def _release(args: argparse.Namespace, extra: list[str]) -> int:
    from .authoring.release import ReleaseError, release
    root = course_root()
    try:
        result = release(root, Path(args.out), force=args.force)
    except ReleaseError as error:
        print(f"kpo-course release: {error}", file=sys.stderr)
        return error.exit_code
    print(f"kpo-course release: wrote the student copy.\n{result.summary()}")
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _grade(args: argparse.Namespace, extra: list[str]) -> int:
    from .grading import default_exercises, grade
    from .grading.report import save_histogram, summary, write_feedback

    submissions = Path(args.submissions)
    if not submissions.is_dir():
        print(f"kpo-course grade: {submissions} is not a folder. Give the folder that holds one folder per "
              "student (or files named student__NN_name.ipynb).", file=sys.stderr)
        return 2
    exercises = Path(args.exercises) if args.exercises else default_exercises()
    if exercises is None or not exercises.is_dir():
        print("kpo-course grade: no exercises/ folder found, so the students' own check cells say what each "
              "check reads (give --exercises DIR to use the course's).", file=sys.stderr)

    def progress(done: int, total: int, result) -> None:
        if not args.quiet:
            print(f"[{done}/{total}] {result.student} {result.notebook} "
                  f"{result.points:g}/{result.max_points:g} ({result.seconds:.1f} s)", file=sys.stderr, flush=True)

    if args.unsafe_no_sandbox:
        print("kpo-course grade: WARNING: --unsafe-no-sandbox: student code runs unisolated, with your rights. "
              "A notebook can read and change every file you can (other students' work, solutions, this "
              "gradebook, the installed course), kill the grader or other kernels, use the network and leave "
              "processes running after the grader ends. Use it only for notebooks you trust.", file=sys.stderr)

    def stop(number: int, frame) -> None:  # SIGTERM as Ctrl+C: the grader cleans up on the way out
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        book = grade(submissions, exercises=exercises, jobs=args.jobs, timeout=args.timeout,
                     cpu_seconds=args.cpu_seconds or None, memory_mb=args.memory_mb or None,
                     language=args.language, prefork=not args.no_prefork, progress=progress,
                     sandbox=not args.unsafe_no_sandbox, notebook_timeout=args.notebook_timeout or None,
                     scratch_mb=args.scratch_mb, max_processes=args.max_processes)
    except ValueError as error:
        print(f"kpo-course grade: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kpo-course grade: stopped; no gradebook was written and every kernel was stopped.", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not book.results:
        print(f"kpo-course grade: found no notebooks in {submissions} (expected STUDENT/NN_name.ipynb or "
              "STUDENT__NN_name.ipynb).", file=sys.stderr)
        return 1
    from .insight.memos import merge_marks, read_marks, write_marks_sheet, write_totals
    if args.memo_marks:
        try:
            book, problems = merge_marks(book, read_marks(Path(args.memo_marks)))
        except (OSError, ValueError) as error:
            print(f"kpo-course grade: --memo-marks: {error}", file=sys.stderr)
            return 2
        for problem in problems:
            print(f"kpo-course grade: --memo-marks: {problem} (left as it was)", file=sys.stderr)
    out = Path(args.out)
    book.write_csv(out)
    feedback = Path(args.feedback) if args.feedback else out.parent / "feedback"
    write_feedback(book, feedback, language=args.language)
    histogram = out.with_name(f"{out.stem}_totals.png")
    save_histogram(book, histogram)
    print(summary(book, histogram=histogram, feedback=feedback, gradebook=out))
    totals = write_totals(book, out.with_name(f"{out.stem}_totals.csv"))
    print(f"Totals per student: {totals}")
    sheet = out.with_name(f"{out.stem}_memo_marks.csv")
    given = Path(args.memo_marks).resolve() if args.memo_marks else None
    if any(row.verdict == "manual" for row in book.rows) and sheet.resolve() != given:
        write_marks_sheet(book, sheet)  # never over the sheet just read: the instructor's marks stay theirs
        print(f"Memo marks to fill in: {sheet} (then run again with --memo-marks {sheet})")
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
    start.add_argument("--app", action="store_true",
                       help="show the lessons as apps in Voila: text and working widgets, no code "
                            "(needs pip install voila)")
    start.set_defaults(run=_start)

    doctor = commands.add_parser("doctor", help="check that the course and its widgets will work here",
                                 description="Check Python, the packages, the ipywidgets/jupyterlab_widgets "
                                             "pair and the content files. Exit 1 and print the fix if "
                                             "something is wrong.")
    doctor.add_argument("--language", choices=list(LANGUAGES), default="en", help="language of the report")
    doctor.set_defaults(run=_doctor)

    build = commands.add_parser("build", help="write exercises/ from solutions/",
                                description="Turn every solutions/X.ipynb into exercises/X.ipynb: solution "
                                            "code becomes a runnable stub, outputs are cleared, nbgrader "
                                            "metadata is kept or added.")
    build.add_argument("--check", action="store_true",
                       help="change nothing; exit 1 naming the exercises and translated notebooks that are out "
                            "of date, and every missing, fuzzy or obsolete catalog entry")
    build.add_argument("--update-catalogs", action="store_true",
                       help="first bring every locale/<language>/ catalog in step with its English notebook "
                            "(a changed paragraph keeps its translation, marked fuzzy)")
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

    facts = commands.add_parser("facts", help="the fact ledger: every fact with its source; exit 1 on a gap",
                                description="Print every sourced fact in the course data (fact, source, where in "
                                            "the source, what the source states), then every gap: a fact without "
                                            "support, or a number in a lesson, quiz, exercise, data text or the "
                                            "instructor guide that the data does not support and no text labels "
                                            "illustrative. Exit 1 when there is any gap.")
    facts.add_argument("--gaps-only", action="store_true", help="print only the gaps, not the whole ledger")
    facts.set_defaults(run=_facts)

    from .authoring.slides import BUNDLED_REQUIRE, BUNDLED_REVEAL, REVEAL_CDN
    slides = commands.add_parser(
        "slides", help="reveal.js slide decks of the lessons, to project in class",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write one reveal.js deck per lesson (OUT/NN_name.slides.html) and OUT/index.html,\n"
                    "from the lessons' stored outputs and their slide metadata (nothing is executed).\n"
                    "Open a deck in a browser: arrows move, Esc shows the overview, S the speaker view\n"
                    "(each lesson's discussion questions are in the last slide's speaker notes).\n\n"
                    "Offline by default: reveal.js 4.0.2 and RequireJS come with kpo-course and are\n"
                    "copied into OUT, so OUT works from a USB stick in a room without internet.\n"
                    "Only formulas (MathJax) and stored widgets still need the network.\n\n"
                    "Other copies: --reveal-prefix takes a reveal.js 4 folder or a URL (e.g.\n"
                    f"{REVEAL_CDN}), --require-js a require.js file or a URL (e.g. cdnjs).\n"
                    "A local path that does not exist is an error (exit 1).")
    slides.add_argument("out", nargs="?", metavar="OUT",
                        help="folder for the decks (default: _build/slides in the course folder)")
    slides.add_argument("--reveal-prefix", default=str(BUNDLED_REVEAL), metavar="URL_OR_FOLDER",
                        help="where reveal.js is: a local reveal.js 4 folder or a URL prefix "
                             "(default: the copy shipped with kpo-course)")
    slides.add_argument("--require-js", default=str(BUNDLED_REQUIRE), metavar="URL_OR_FILE",
                        help="where RequireJS is: a local require.js file or a URL "
                             "(default: the copy shipped with kpo-course)")
    slides.add_argument("--hide-code", action="store_true",
                        help="show only the outputs of code cells (figures, tables), not the code")
    slides.set_defaults(run=_slides)

    release = commands.add_parser(
        "release", help="write a student copy of the course without the solutions",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Copy lessons/, exercises/, the kpo_course package, docs/ (without the instructor\n"
                    "guide), README.md, the Makefile and the install files (pyproject.toml,\n"
                    "environment.yml, postBuild, LICENSE) into OUT, with a RELEASE.md note. Never\n"
                    "copied: solutions/, tests/, benchmarks/, .git, .venv, .ci and build leftovers.\n\n"
                    "Then every file in OUT is checked: no solution markers, none of the memo model\n"
                    "answers (the text between the markers in solutions/), no solution code and no\n"
                    "stored outputs in the exercises. A leak fails with exit 1 naming the file.\n"
                    "OUT must be outside the course folder and empty (or use --force): else exit 2.\n\n"
                    "Note: the answer checks in kpo_course/checks/ must know the answers, so a\n"
                    "determined student can read them there; see docs/instructor-guide.md.")
    release.add_argument("out", metavar="OUT", help="folder for the student copy (outside the course folder)")
    release.add_argument("--force", action="store_true",
                         help="write into a non-empty OUT, replacing the course files already in it")
    release.set_defaults(run=_release)

    grade = commands.add_parser(
        "grade", help="grade a folder of submitted exercise notebooks into a gradebook",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run every submitted exercise notebook in its own kernel (on a temporary copy; the\n"
                    "submitted files are never changed) and write a gradebook CSV (student, notebook,\n"
                    "question, points, max_points, verdict, message, misconception), one feedback page\n"
                    "per student, CSV-stem_totals.csv (per student) and CSV-stem_memo_marks.csv (fill in,\n"
                    "then grade again with --memo-marks) and a histogram of totals, then print a summary.\n\n"
                    "SUBMISSIONS is laid out either way (both may be mixed):\n"
                    "  SUBMISSIONS/alice/00_warmup.ipynb        one folder per student (subfolders are\n"
                    "  SUBMISSIONS/bob/00_warmup.ipynb          searched too: nbgrader's submitted/ works)\n"
                    "  SUBMISSIONS/alice__00_warmup.ipynb       flat: STUDENT__NN_name.ipynb\n\n"
                    "The file name says which exercise a notebook is (NN_...); its check cells must\n"
                    "agree. Scores come from the course's checks, run by the grader on the answers'\n"
                    "values, not from what a notebook prints. A broken submission (not a notebook,\n"
                    "a crash, an endless loop, a memory hog, a deleted check cell) gets rows that say\n"
                    "why and zero points; the batch goes on. Memo cells get verdict \"manual\".\n\n"
                    "Each kernel runs in a bubblewrap sandbox (Linux; Debian/Ubuntu package bubblewrap):\n"
                    "no network, no view of other submissions, solutions, the gradebook or your files,\n"
                    "a private size-limited /tmp, limits on memory, CPU, processes and time, and every\n"
                    "process it started is gone when it ends. Without bubblewrap the grader refuses to\n"
                    "run unless told --unsafe-no-sandbox (see `kpo-course doctor`).")
    grade.add_argument("submissions", metavar="SUBMISSIONS", help="folder of submitted notebooks (see above)")
    grade.add_argument("--out", default="gradebook.csv", metavar="CSV",
                       help="gradebook to write (default gradebook.csv); the histogram goes next to it as "
                            "CSV-stem_totals.png")
    grade.add_argument("--feedback", metavar="DIR",
                       help="folder for the feedback pages, one STUDENT.html each (default: feedback/ next to --out)")
    grade.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1, metavar="N",
                       help=f"notebooks graded at once, one kernel each (default: the cores, {os.cpu_count()})")
    grade.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                       help="seconds a cell may run before it is interrupted (default 60)")
    grade.add_argument("--cpu-seconds", type=int, default=600, metavar="SECONDS",
                       help="CPU time limit per kernel, Linux/macOS (default 600; 0 = none)")
    grade.add_argument("--memory-mb", type=int, default=2048, metavar="MB",
                       help="address-space limit per kernel in MB, Linux (default 2048; 0 = none)")
    grade.add_argument("--exercises", metavar="DIR",
                       help="exercise notebooks whose check cells are the source of truth (default: the "
                            "course's exercises/)")
    grade.add_argument("--language", choices=list(LANGUAGES), default="en", help="language of the feedback")
    grade.add_argument("--no-prefork", action="store_true",
                       help="start a fresh Python for every kernel instead of forking a preloaded one (slower)")
    grade.add_argument("--notebook-timeout", type=float, default=600, metavar="SECONDS",
                       help="seconds for a whole notebook, all cells and re-runs together (default 600; 0 = none)")
    grade.add_argument("--scratch-mb", type=_positive_int, default=256, metavar="MB",
                       help="private scratch space (its /tmp) per sandboxed kernel in MB (default 256)")
    grade.add_argument("--max-processes", type=_positive_int, default=64, metavar="N",
                       help="processes per sandboxed kernel (default 64)")
    grade.add_argument("--unsafe-no-sandbox", action="store_true",
                       help="run student code WITHOUT isolation, with your rights (only for notebooks you "
                            "trust; needed where bubblewrap is missing, e.g. macOS or Windows)")
    grade.add_argument("--memo-marks", metavar="CSV",
                       help="memo marks filled in (the CSV-stem_memo_marks.csv sheet a run writes): merged into "
                            "the gradebook, the totals and the feedback pages")
    grade.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    grade.set_defaults(run=_grade)

    from .insight.command import add_parser as add_report
    add_report(commands)
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
