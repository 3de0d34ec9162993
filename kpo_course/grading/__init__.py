"""Grade a folder of submitted exercise notebooks into a gradebook.

    >>> book = grade(Path("submissions"))        # doctest: +SKIP
    >>> book.write_csv(Path("gradebook.csv"))     # doctest: +SKIP

(Skipped: it needs a folder of submissions and starts kernels; tests/test_grading.py runs it.)

``submissions`` holds one folder per student (``alice/00_warmup.ipynb``; nbgrader's
``submitted/alice/ps1/00_warmup.ipynb`` works too) or flat files named
``alice__00_warmup.ipynb``. The file name says which exercise a notebook is (``00``);
its check cells must agree.

How scores are kept honest
--------------------------
Each notebook runs on a temporary copy in its own kernel. Before it runs, every check
cell is replaced by the instructor's version (from ``exercises/``, as nbgrader restores
locked cells), and that version does not judge the answer: it hands the answer's *value*
to the grader as plain data (numbers, text, containers, numpy and pandas values; never
pickle), on one line tagged with a random nonce. The grader decodes the data and judges
it with :func:`kpo_course.checks.check` in its own process, which no student code ever
touched. Redefining ``kpo.check``, patching the checks module, editing a check cell or
printing fake result lines therefore earns nothing: the most a student can do is claim
an answer value, which is what answering is. Only the output of the grader's own cells
is read, and a cell with two tagged lines counts as tampered.

An answer that is not plain data where data is asked for (an object that claims to
equal everything) is judged by the grader as a stand-in with only its type name, so it
is simply wrong. Only chart questions, whose answer is a matplotlib Figure that cannot
leave the kernel as data, are judged inside the kernel, by the ``check`` captured before
the student's first cell ran (redefining ``kpo.check`` does not reach it). A student who
patches the checkers' helpers or matplotlib in the kernel could fool that one path, so
the summary counts such answers and the feedback page marks them for a look by hand.

Limits
------
Kernels come from a fork server (see :mod:`.fork_server`): one process imports ipykernel,
pandas, matplotlib, ipywidgets and the course once, then forks a child per notebook,
which applies ``setrlimit`` (CPU seconds, address space, no core files, file size) to
itself before ipykernel starts. A kernel answers in about 0.2 s instead of 2-3 s, and no
``preexec_fn`` runs in the grader (unsafe in a threaded process). Without
``fork`` (or with ``prefork=False``) a small launcher sets the same limits and ``exec``\\ s
``ipykernel_launcher``. A cell that outlives the timeout is interrupted; a kernel that
ignores the interrupt, dies (CPU limit, a crash, ``os._exit``) is run again from the top
without that cell, so one bad cell costs only its own questions.

Modules
-------
``submissions`` finds the files, ``plan`` reads one and says what to run, ``fork_server`` and
``library_ties`` (every override of jupyter_client/nbclient internals, in that one module) start
kernels with limits, ``execute`` runs the plan, ``transport`` carries answers out of the kernel, ``scoring`` turns them into rows of the ``gradebook``, ``report`` writes the
feedback pages, summary and histogram. This module runs the batch.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

from .execute import execute_within, Run
from .fork_server import Zygote
from .gradebook import CSV_COLUMNS, VERDICTS, Gradebook, NotebookResult, Row
from .sandbox import Isolation, PidsCgroup, Sandbox, find_isolation, nproc_counts_per_sandbox, prepare_cache
from .plan import load_reference, Options, plan_submission, find_references, Rejected
from .scoring import missing_rows, rejected_rows, score_run
from .submissions import Submission, find_submissions
from .transport import Opaque, decode_answer, encode_answer

__all__ = ["SandboxUnavailable", "Row", "NotebookResult", "Gradebook", "Submission", "find_submissions", "grade",
           "default_exercises", "encode_answer", "decode_answer", "Opaque", "CSV_COLUMNS", "VERDICTS"]


async def _grade_one(submission: Submission, options: Options) -> NotebookResult:
    start = time.perf_counter()
    result = NotebookResult(submission.student, submission.notebook, submission.exercise, str(submission.path))
    if submission.problem is not None:
        result.rows = ([Row(submission.student, submission.notebook, "", 0.0, 0.0, "error", submission.problem)]
                       if submission.problem.startswith("Duplicate") else
                       rejected_rows(submission, submission.problem, options))
        return result
    try:
        plan = plan_submission(submission, options)
    except Rejected as why:
        result.rows = rejected_rows(submission, str(why), options)
    except Exception as error:  # a file nobody foresaw: it still gets a row
        result.rows = rejected_rows(submission, f"The file could not be read ({type(error).__name__}: "
                                                 f"{str(error)[:200]}).", options)
    else:
        result.readable = True
        run = await execute_within(plan, options) if plan.captures else Run()
        result.notes = run.notes
        score_run(plan, run, result)
    result.seconds = time.perf_counter() - start
    return result


@contextlib.contextmanager
def _grader_process_state(home: Path, language: str, cache: Path):
    """The grader's own checks write progress to a throwaway folder and speak ``language``; the content
    cache is ``cache``, a new folder: the course's files are parsed afresh (never a cache anyone else
    wrote) and stored there for the sandboxed kernels to read."""
    from .. import i18n

    saved_cache = os.environ.get("KPO_COURSE_CACHE")
    os.environ["KPO_COURSE_CACHE"] = str(cache)
    saved_home = os.environ.get("KPO_COURSE_HOME")
    saved_nbgrader = os.environ.pop("NBGRADER_EXECUTION", None)
    saved_language = i18n.get_language()
    os.environ["KPO_COURSE_HOME"] = str(home)
    i18n.set_language(language)
    try:
        yield
    finally:
        i18n.set_language(saved_language)
        if saved_home is None:
            os.environ.pop("KPO_COURSE_HOME", None)
        else:
            os.environ["KPO_COURSE_HOME"] = saved_home
        if saved_nbgrader is not None:
            os.environ["NBGRADER_EXECUTION"] = saved_nbgrader
        if saved_cache is None:
            os.environ.pop("KPO_COURSE_CACHE", None)
        else:
            os.environ["KPO_COURSE_CACHE"] = saved_cache


class SandboxUnavailable(ValueError):
    """Grading cannot isolate student code here: the message says why and what to do."""

    def __init__(self, isolation: Isolation) -> None:
        self.isolation = isolation
        super().__init__(
            f"cannot grade in a sandbox: {isolation.describe()}. Student code would run with your rights: it "
            "could read or change every file you can (other students' work, solutions, the gradebook), kill "
            "the grader and leave processes running. Install bubblewrap (Debian/Ubuntu: sudo apt install "
            "bubblewrap; Fedora: sudo dnf install bubblewrap) on Linux, or grade inside a Linux container "
            "or VM (docs/instructor-guide.md); only for notebooks you trust, pass --unsafe-no-sandbox.")


def _warm_up() -> None:
    """Load what judging answers needs once, before the batch: kernels' classes, checks, course data."""
    from . import library_ties  # noqa: F401  (jupyter_client and nbclient, loaded once here)
    from .. import checks, content
    checks.questions()
    with contextlib.suppress(Exception):
        content.load()


def default_exercises() -> Path | None:
    """The course's ``exercises/`` folder (the check cells' source of truth), if there is one."""
    candidate = Path(__file__).resolve().parent.parent.parent / "exercises"
    return candidate if candidate.is_dir() else None


def grade(
    submissions: Path,
    *,
    exercises: Path | None = None,
    jobs: int | None = None,
    timeout: float = 60,
    cpu_seconds: int | None = 600,
    memory_mb: int | None = 2048,
    language: str = "en",
    prefork: bool = True,
    progress: Callable[[int, int, NotebookResult], None] | None = None,
    sandbox: bool = True,
    notebook_timeout: float | None = 600,
    scratch_mb: int = 256,
    max_processes: int = 64,
) -> Gradebook:
    """Grade every notebook under ``submissions`` (see :func:`find_submissions`).

    ``exercises`` is the folder of exercise notebooks whose check cells are the source of
    truth (default: the course's ``exercises/``); ``timeout`` is seconds per cell;
    ``cpu_seconds`` and ``memory_mb`` limit each kernel (Linux and macOS); ``jobs`` kernels
    run at once (default: one per core). ``progress(done, total, result)`` is called as
    each notebook finishes. Never raises on a bad submission: it becomes a row that says why.

    With ``sandbox`` (the default) each kernel runs in a bubblewrap sandbox (see :mod:`.sandbox`)
    with ``scratch_mb`` of private scratch space and at most ``max_processes`` processes; when
    bubblewrap is missing or cannot work here, :class:`SandboxUnavailable` says so. ``sandbox=False``
    runs student code unisolated, with the instructor's rights (only for trusted notebooks).
    ``notebook_timeout`` is seconds for a whole notebook, all its cells and re-runs together.
    """
    submissions = Path(submissions)
    if not submissions.is_dir():
        raise FileNotFoundError(f"{submissions} is not a folder of submissions")
    program = None
    if sandbox:
        isolation = find_isolation()
        if not isolation.works:
            raise SandboxUnavailable(isolation)
        program = isolation.program
    found = find_submissions(submissions)
    jobs = max(1, min(jobs or os.cpu_count() or 1, max(1, len(found))))
    limits: dict = {"cpu_seconds": cpu_seconds, "memory_mb": memory_mb, "file_mb": min(1024, scratch_mb)}
    if sandbox and (nproc_counts_per_sandbox() or (os.geteuid() == 0 and PidsCgroup.available())):
        limits["processes"] = max_processes  # RLIMIT_NPROC per sandbox, or (root) a pids cgroup
    start = time.perf_counter()
    from .library_ties import Client

    Client.abandoned = False
    with tempfile.TemporaryDirectory(prefix="kpo-grade-") as scratch:
        workdir = Path(scratch)
        zygote = (Zygote(workdir) if found and prefork and not sandbox and hasattr(os, "fork")
                  and sys.platform.startswith("linux") else None)
        try:
            if sandbox and found:
                prepare_cache(workdir / "content-cache")
            with _grader_process_state(workdir / "grader-home", language, workdir / "content-cache"):
                _warm_up()  # the grader's own imports and data, while the fork server loads its own
                references = {ex: load_reference(path) for ex, path in
                              find_references(exercises if exercises is not None else default_exercises()).items()}
                if zygote is not None and memory_mb:
                    if zygote.wait_ready() and zygote.vm_kb / 1024 + 256 > memory_mb:
                        raise ValueError(f"memory_mb={memory_mb} is below what a kernel needs to start "
                                         f"(about {zygote.vm_kb // 1024 + 256} MB)")
                if zygote is not None and not zygote.wait_ready():
                    zygote.close()
                    zygote = None  # fall back to a fresh Python per kernel
                options = Options(float(timeout), limits, language, references, zygote, workdir,
                                   sandbox_program=program, scratch_mb=scratch_mb,
                                   content_cache=workdir / "content-cache",
                                   notebook_seconds=float(notebook_timeout) if notebook_timeout else None)
                results = _run_all(found, options, jobs, progress)
                results += missing_rows(results, options)
        except BaseException:  # stopped (Ctrl+C, SIGTERM): no sandbox outlives the grader, nor waits for it
            Client.abandoned = True
            raise
        finally:
            Sandbox.close_all()
            if zygote is not None:
                zygote.close()
    results.sort(key=lambda r: (r.student, r.notebook))
    return Gradebook(results, seconds=time.perf_counter() - start, jobs=jobs)


def _run_all(found: list[Submission], options: Options, jobs: int,
             progress: Callable[[int, int, NotebookResult], None] | None) -> list[NotebookResult]:
    async def main() -> list[NotebookResult]:
        gate = asyncio.Semaphore(jobs)
        done = 0

        async def one(submission: Submission) -> NotebookResult:
            nonlocal done
            async with gate:
                try:
                    result = await _grade_one(submission, options)
                except Exception as error:  # e.g. the grader's own disk is full: this student's row, not the end
                    result = NotebookResult(submission.student, submission.notebook, submission.exercise,
                                            str(submission.path))
                    result.rows = rejected_rows(submission, f"The grader could not grade this notebook "
                                                 f"({type(error).__name__}: {str(error)[:200]}).", options)
            done += 1
            if progress is not None:
                with contextlib.suppress(Exception):
                    progress(done, len(found), result)
            return result

        return list(await asyncio.gather(*(one(s) for s in found)))

    # The event loop runs in a thread of its own: it works when called from a notebook (where a loop
    # is already running), and Ctrl+C reaches the main thread, which then stops the fork server.
    outcome: concurrent.futures.Future = concurrent.futures.Future()

    def runner() -> None:
        try:
            outcome.set_result(asyncio.run(main()))
        except BaseException as error:
            outcome.set_exception(error)

    threading.Thread(target=runner, name="kpo-grader", daemon=True).start()
    return outcome.result()
