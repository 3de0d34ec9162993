"""Grade a folder of submitted exercise notebooks into a gradebook.

    >>> book = grade(Path("submissions"))        # doctest: +SKIP
    >>> book.write_csv(Path("gradebook.csv"))     # doctest: +SKIP

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
Kernels come from a fork server (see :class:`_Zygote`): one process imports ipykernel,
pandas, matplotlib, ipywidgets and the course once, then forks a child per notebook,
which applies ``setrlimit`` (CPU seconds, address space, no core files, file size) to
itself before ipykernel starts. A kernel answers in about 0.2 s instead of 2-3 s, and no
``preexec_fn`` runs in the grader (unsafe in a threaded process). Without
``fork`` (or with ``prefork=False``) a small launcher sets the same limits and ``exec``\\ s
``ipykernel_launcher``. A cell that outlives the timeout is interrupted; a kernel that
ignores the interrupt, dies (CPU limit, a crash, ``os._exit``) is run again from the top
without that cell, so one bad cell costs only its own questions.
"""
from __future__ import annotations

import ast
import asyncio
import concurrent.futures
import contextlib
import csv
import dataclasses
import functools
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

__all__ = ["Row", "NotebookResult", "Gradebook", "Submission", "find_submissions", "grade",
           "encode_answer", "decode_answer", "CSV_COLUMNS"]

CSV_COLUMNS = ("student", "notebook", "question", "points", "max_points", "verdict", "message")
VERDICTS = ("correct", "wrong", "unanswered", "manual", "error", "missing")
MARK = "KPO-GRADER"
EXERCISE_NAME = re.compile(r"^(\d{2})(?=[_\-. ]|$)")
QUESTION_ID = re.compile(r"^\d{2}\.q\d+$")
CHECK_CALL = re.compile(r"check\(\s*[\"'](\d{2}\.q\d+)[\"']")
CHECK_GRADE_ID = re.compile(r"^check-(\d{2})-(q\d+)$")
MAX_FILE_BYTES = 50 * 2**20
STUDENT_OUTPUT_LIMIT = 200_000        # characters of error output kept per student cell
CAPTURE_OUTPUT_LIMIT = 64 * 2**20     # characters a grader cell may print (a large table answer)
# What the fork server imports once: what a kernel imports as it starts (the debugger, sqlite for its
# history, ...: 0.3 s a kernel otherwise) and what the course's notebooks use.
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger", "IPython",
           "IPython.core.debugger", "debugpy", "sqlite3", "pdb", "pydoc", "psutil", "faulthandler",
           "numpy", "pandas", "matplotlib", "matplotlib.figure", "matplotlib.pyplot",
           "matplotlib_inline.backend_inline", "ipywidgets", "kpo_course", "kpo_course.checks",
           "kpo_course.data", "kpo_course.models", "kpo_course.plots", "kpo_course.widgets", "kpo_course.grading")
KERNEL_ENV = {"PYTHONHASHSEED": "0", "MPLBACKEND": "module://matplotlib_inline.backend_inline",
              "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
              "MALLOC_ARENA_MAX": "2", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Row:
    """One line of the gradebook: one question (or memo) of one student's notebook."""

    student: str
    notebook: str
    question: str
    points: float
    max_points: float
    verdict: str  # correct | wrong | unanswered | manual | error | missing
    message: str
    hint: str = ""  # shown on the feedback page for a wrong answer, not in the CSV
    detail: str = ""  # e.g. the memo's text, for the feedback page

    def as_csv(self) -> dict[str, Any]:
        return {"student": self.student, "notebook": self.notebook, "question": self.question,
                "points": f"{self.points:g}", "max_points": f"{self.max_points:g}",
                "verdict": self.verdict, "message": self.message}


@dataclass
class NotebookResult:
    """How one submitted file went: its rows, notes on cells that failed, and its time."""

    student: str
    notebook: str
    exercise: str | None
    path: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    kernel_checked: list[str] = field(default_factory=list)  # questions judged inside the kernel
    readable: bool = False  # it was a notebook of the exercise its name says (not rejected)

    @property
    def points(self) -> float:
        return sum(r.points for r in self.rows)

    @property
    def max_points(self) -> float:
        return sum(r.max_points for r in self.rows if r.verdict != "manual")


@dataclass
class Gradebook:
    """Every notebook's result, in order of student and notebook."""

    results: list[NotebookResult]
    seconds: float = 0.0
    jobs: int = 1

    @property
    def rows(self) -> list[Row]:
        return [row for result in self.results for row in result.rows]

    def students(self) -> list[str]:
        return sorted({r.student for r in self.results})

    def totals(self) -> dict[str, tuple[float, float]]:
        """``{student: (auto points, auto max points)}``; memo points wait for a human."""
        totals: dict[str, list[float]] = {}
        for row in self.rows:
            entry = totals.setdefault(row.student, [0.0, 0.0])
            if row.verdict != "manual":
                entry[0] += row.points
                entry[1] += row.max_points
        return {student: (points, most) for student, (points, most) in sorted(totals.items())}

    def to_frame(self):
        """The gradebook as a pandas DataFrame with :data:`CSV_COLUMNS`."""
        import pandas as pd
        return pd.DataFrame([{c: getattr(r, c) for c in CSV_COLUMNS} for r in self.rows],
                            columns=list(CSV_COLUMNS))

    def write_csv(self, path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(CSV_COLUMNS))
            writer.writeheader()
            for row in self.rows:
                writer.writerow(row.as_csv())
        return path


# --------------------------------------------------------------------------- finding submissions


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path
    notebook: str  # the file name as the student named it (flat: without "student__")

    @property
    def exercise(self) -> str | None:
        match = EXERCISE_NAME.match(self.notebook)
        return match.group(1) if match else None


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(root).parts)


def _gradable_name(name: str) -> bool:
    return name.lower().endswith(".ipynb") or bool(EXERCISE_NAME.match(name))


def find_submissions(folder: Path) -> list[Submission]:
    """Every file to grade under ``folder``: ``STUDENT/**/NN_name.ipynb`` or ``STUDENT__NN_name.ipynb``.

    Hidden files and folders (``.ipynb_checkpoints``) are skipped; in a student's folder,
    files that are neither ``.ipynb`` nor named ``NN_...`` (a data file, a README) are too.
    """
    folder = Path(folder)
    found: list[Submission] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            for path in sorted(p for p in entry.rglob("*") if p.is_file()):
                if not _hidden(path, folder) and _gradable_name(path.name):
                    found.append(Submission(entry.name, path, path.name))
        elif entry.is_file():
            student, sep, notebook = entry.name.partition("__")
            if sep and student and notebook:
                found.append(Submission(student, entry, notebook))
            elif _gradable_name(entry.name):
                found.append(Submission("(unknown)", entry, entry.name))
    return found


# --------------------------------------------------------------------------- answers as plain data


class Opaque(Exception):
    """The answer is not plain data (a Figure, a function, a huge value): judge it in the kernel."""


_FLOAT_DTYPES = re.compile(r"^(u?int(8|16|32|64)|float(16|32|64)|complex(64|128)|bool|bool_|str_?|object|"
                           r"U\d+|<U\d+|string|category|boolean|Int(8|16|32|64)|UInt(8|16|32|64)|Float(32|64)|"
                           r"datetime64\[(ns|us|ms|s)\]|timedelta64\[(ns|us|ms|s)\]|"
                           r"datetime64\[(ns|us|ms|s), UTC\])$")
_MAX_DEPTH = 40


class _Budget:
    def __init__(self, items: int = 2_000_000, chars: int = 32 * 2**20) -> None:
        self.items, self.chars = items, chars

    def spend(self, items: int = 1, chars: int = 0) -> None:
        self.items -= items
        self.chars -= chars
        if self.items < 0 or self.chars < 0:
            raise Opaque("the answer is too large to grade")


def encode_answer(value: Any, _budget: _Budget | None = None, _depth: int = 0) -> Any:
    """``value`` as JSON-ready tagged data, or :class:`Opaque` when it is not plain data.

    >>> decode_answer(encode_answer({"a": [1, 2.5, None]}))
    {'a': [1, 2.5, None]}
    """
    budget = _budget or _Budget()
    if _depth > _MAX_DEPTH:
        raise Opaque("the answer is nested too deeply")
    budget.spend()
    kind = type(value)
    if value is None:
        return ["none"]
    if value is ...:
        return ["ellipsis"]
    if kind is bool:
        return ["bool", value]
    if kind not in (int, float, complex, str, list, tuple, dict, set, frozenset):
        encoded = _encode_library_value(value, budget, _depth)  # numpy and pandas first: np.float64 is a float
        if encoded is not None:
            return encoded
    if isinstance(value, int):
        try:
            text = int.__repr__(value)
        except ValueError as error:  # more digits than int->str allows
            raise Opaque("the number is too long") from error
        return ["int", text]
    if isinstance(value, float):
        return ["float", float.__repr__(value)]
    if isinstance(value, complex):
        return ["complex", float.__repr__(value.real), float.__repr__(value.imag)]
    if isinstance(value, str):
        text = str.__str__(value)
        budget.spend(chars=len(text))
        return ["str", text]
    if isinstance(value, (bytes, bytearray)):
        raise Opaque(f"a {kind.__name__}")
    if isinstance(value, dict):
        return ["dict", [[encode_answer(k, budget, _depth + 1), encode_answer(v, budget, _depth + 1)]
                         for k, v in list(dict.items(value))]]
    for tag, base in (("list", list), ("tuple", tuple), ("set", set), ("frozenset", frozenset)):
        if isinstance(value, base):
            return [tag, [encode_answer(item, budget, _depth + 1) for item in list(base.__iter__(value))]]
    raise Opaque(f"a {kind.__module__}.{kind.__qualname__}")


def _encode_library_value(value: Any, budget: _Budget, depth: int) -> list | None:
    import datetime
    import decimal
    import fractions

    numpy = sys.modules.get("numpy")
    pandas = sys.modules.get("pandas")
    if pandas is not None:
        encoded = _encode_pandas(value, pandas, budget, depth)
        if encoded is not None:
            return encoded
    if isinstance(value, datetime.datetime):
        return ["datetime", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["date", value.isoformat()]
    if isinstance(value, datetime.timedelta):
        return ["timedelta", value.days, value.seconds, value.microseconds]
    if isinstance(value, decimal.Decimal):
        return ["decimal", str(value)]
    if isinstance(value, fractions.Fraction):
        return ["fraction", str(value.numerator), str(value.denominator)]
    if numpy is not None:
        if isinstance(value, numpy.generic):
            dtype = str(value.dtype)
            if not _FLOAT_DTYPES.match(dtype) or dtype == "object":
                raise Opaque(f"a numpy {dtype}")
            return ["np", dtype, encode_answer(value.item(), budget, depth + 1)]
        if isinstance(value, numpy.ndarray):
            dtype = str(value.dtype)
            if not _FLOAT_DTYPES.match(dtype):
                raise Opaque(f"a numpy array of {dtype}")
            budget.spend(items=int(value.size))
            return ["ndarray", dtype, list(value.shape), encode_answer(value.ravel().tolist(), budget, depth + 1)]
    return None


def _encode_index(index: Any, pandas: Any, budget: _Budget, depth: int) -> list:
    if isinstance(index, pandas.RangeIndex):
        return ["range", index.start, index.stop, index.step, encode_answer(index.name, budget, depth + 1)]
    if isinstance(index, pandas.MultiIndex):
        return ["multi", encode_answer([tuple(t) for t in index.tolist()], budget, depth + 1),
                encode_answer(list(index.names), budget, depth + 1)]
    return ["index", str(index.dtype), encode_answer(index.tolist(), budget, depth + 1),
            encode_answer(index.name, budget, depth + 1)]


def _encode_pandas(value: Any, pandas: Any, budget: _Budget, depth: int) -> list | None:
    if value is pandas.NA:
        return ["NA"]
    if value is pandas.NaT:
        return ["NaT"]
    if isinstance(value, pandas.Timestamp):
        return ["timestamp", value.isoformat()]
    if isinstance(value, pandas.Timedelta):
        return ["pdtimedelta", int(value.value)]
    if isinstance(value, pandas.Series):
        budget.spend(items=len(value))
        return ["series", str(value.dtype), encode_answer(value.tolist(), budget, depth + 1),
                _encode_index(value.index, pandas, budget, depth), encode_answer(value.name, budget, depth + 1)]
    if isinstance(value, pandas.DataFrame):
        budget.spend(items=int(value.size))
        columns = [["series", str(value.dtypes.iloc[i]), encode_answer(value.iloc[:, i].tolist(), budget, depth + 1)]
                   for i in range(value.shape[1])]
        return ["frame", columns, _encode_index(value.columns, pandas, budget, depth),
                _encode_index(value.index, pandas, budget, depth)]
    if isinstance(value, pandas.Index):
        return ["pdindex", _encode_index(value, pandas, budget, depth)]
    return None


class _Unreadable(Exception):
    """Tagged data that does not decode: the grader's line was forged or broken."""


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise _Unreadable(what)


def decode_answer(data: Any, _depth: int = 0) -> Any:
    """The value :func:`encode_answer` described (raises on anything malformed)."""
    _expect(_depth <= _MAX_DEPTH + 5 and isinstance(data, list) and data and isinstance(data[0], str), "shape")
    tag, args = data[0], data[1:]

    def arg(i: int, kind: type | tuple) -> Any:
        _expect(len(args) > i and isinstance(args[i], kind) and not (kind is int and isinstance(args[i], bool)),
                f"{tag} argument {i}")
        return args[i]

    def items(i: int) -> list:
        return [decode_answer(x, _depth + 1) for x in arg(i, list)]

    simple: dict[str, Callable[[], Any]] = {
        "none": lambda: None,
        "ellipsis": lambda: ...,
        "bool": lambda: arg(0, bool),
        "int": lambda: int(arg(0, str)),
        "float": lambda: float(arg(0, str)),
        "complex": lambda: complex(float(arg(0, str)), float(arg(1, str))),
        "str": lambda: arg(0, str),
        "list": lambda: items(0),
        "tuple": lambda: tuple(items(0)),
        "set": lambda: set(items(0)),
        "frozenset": lambda: frozenset(items(0)),
    }
    if tag in simple:
        return simple[tag]()
    if tag == "dict":
        pairs = arg(0, list)
        result = {}
        for pair in pairs:
            _expect(isinstance(pair, list) and len(pair) == 2, "dict item")
            result[decode_answer(pair[0], _depth + 1)] = decode_answer(pair[1], _depth + 1)
        return result
    return _decode_library_value(tag, args, arg, _depth)


def _decode_library_value(tag: str, args: list, arg: Callable, depth: int) -> Any:
    import datetime
    import decimal
    import fractions

    if tag == "datetime":
        return datetime.datetime.fromisoformat(arg(0, str))
    if tag == "date":
        return datetime.date.fromisoformat(arg(0, str))
    if tag == "timedelta":
        return datetime.timedelta(days=arg(0, int), seconds=arg(1, int), microseconds=arg(2, int))
    if tag == "decimal":
        return decimal.Decimal(arg(0, str))
    if tag == "fraction":
        return fractions.Fraction(int(arg(0, str)), int(arg(1, str)))
    if tag == "np":
        import numpy
        dtype = arg(0, str)
        _expect(bool(_FLOAT_DTYPES.match(dtype)) and dtype != "object", "numpy dtype")
        return numpy.dtype(dtype).type(decode_answer(arg(1, list), depth + 1))
    if tag == "ndarray":
        import numpy
        dtype, shape = arg(0, str), arg(1, list)
        _expect(bool(_FLOAT_DTYPES.match(dtype)) and all(isinstance(n, int) and n >= 0 for n in shape), "array")
        flat = decode_answer(arg(2, list), depth + 1)
        array = numpy.empty(len(flat), dtype=object)
        array[:] = flat if flat else []
        return array.astype(dtype).reshape(shape) if dtype != "object" else array.reshape(shape)
    import pandas
    if tag == "NA":
        return pandas.NA
    if tag == "NaT":
        return pandas.NaT
    if tag == "timestamp":
        return pandas.Timestamp(arg(0, str))
    if tag == "pdtimedelta":
        return pandas.Timedelta(arg(0, int))
    if tag == "series":
        values = _pandas_values(arg(0, str), decode_answer(arg(1, list), depth + 1), pandas)
        index = _decode_index(arg(2, list), pandas, depth)
        return pandas.Series(values, index=index, name=decode_answer(arg(3, list), depth + 1))
    if tag == "frame":
        columns = []
        for column in arg(0, list):
            _expect(isinstance(column, list) and len(column) == 3 and column[0] == "series", "frame column")
            _expect(isinstance(column[1], str) and isinstance(column[2], list), "frame column")
            columns.append(_pandas_values(column[1], decode_answer(column[2], depth + 1), pandas))
        labels = _decode_index(arg(1, list), pandas, depth)
        index = _decode_index(arg(2, list), pandas, depth)
        _expect(len(labels) == len(columns) and all(len(c) == len(index) for c in columns), "frame shape")
        frame = pandas.DataFrame({i: pandas.Series(c, index=index) for i, c in enumerate(columns)}, index=index)
        frame.columns = labels
        return frame
    if tag == "pdindex":
        return _decode_index(arg(0, list), pandas, depth)
    raise _Unreadable(f"unknown tag {tag!r}")


def _pandas_values(dtype: str, values: Any, pandas: Any) -> Any:
    _expect(isinstance(values, list), "values")
    if _FLOAT_DTYPES.match(dtype) and dtype != "object":
        try:
            return pandas.array(values, dtype=dtype)
        except (TypeError, ValueError, OverflowError):
            pass
    return pandas.array(values, dtype=object) if dtype == "object" else values


def _decode_index(data: Any, pandas: Any, depth: int) -> Any:
    _expect(isinstance(data, list) and data and isinstance(data[0], str), "index")
    kind = data[0]
    if kind == "range":
        _expect(len(data) == 5 and all(isinstance(n, int) and not isinstance(n, bool) for n in data[1:4]), "range")
        return pandas.RangeIndex(data[1], data[2], data[3] or 1, name=decode_answer(data[4], depth + 1))
    if kind == "multi":
        _expect(len(data) == 3, "multi")
        tuples = decode_answer(data[1], depth + 1)
        names = decode_answer(data[2], depth + 1)
        _expect(isinstance(tuples, list) and all(isinstance(t, tuple) for t in tuples), "multi tuples")
        if not tuples:
            return pandas.MultiIndex.from_arrays([[] for _ in names], names=names)
        return pandas.MultiIndex.from_tuples(tuples, names=names)
    _expect(kind == "index" and len(data) == 4 and isinstance(data[1], str), "index")
    values = _pandas_values(data[1], decode_answer(data[2], depth + 1), pandas)
    return pandas.Index(values, name=decode_answer(data[3], depth + 1))


# --------------------------------------------------------------------------- inside the kernel


def _kernel_grader(nonce: str, language: str) -> Callable[[str, Callable[[], Any]], None]:
    """Made by the grader's first cell, before any student code: ``capture(qid, thunk)``.

    It prints one tagged line with the answer as data (and, for the record and for answers
    that are not data, the verdict of the ``check`` captured now). Runs inside the kernel.
    """
    from . import checks, i18n

    check, set_language, get_language = checks.check, i18n.set_language, i18n.get_language
    stream = sys.stdout
    write, flush, dumps, encode = stream.write, stream.flush, json.dumps, encode_answer

    def capture(question_id: str, thunk: Callable[[], Any]) -> None:
        record: dict[str, Any] = {"q": question_id}
        try:
            value = thunk()
        except BaseException as error:  # NameError, an interrupt: say what, never raise
            record["error"] = f"{type(error).__name__}: {error}"[:500]
        else:
            record["type"] = type(value).__name__[:80]
            try:
                record["value"] = encode(value)
            except Opaque as why:
                record["opaque"] = str(why)[:200]
            except BaseException as error:
                record["opaque"] = f"{type(error).__name__}"
            before = get_language()
            try:
                set_language(language)
                feedback = check(question_id, value)
                record["kernel"] = {"correct": feedback.correct, "message": str(feedback.message)[:4000]}
            except BaseException as error:
                record["kernel_error"] = f"{type(error).__name__}: {error}"[:500]
            finally:
                with contextlib.suppress(Exception):
                    set_language(before)
        try:
            text = dumps(record, ensure_ascii=True)
        except BaseException as error:
            text = dumps({"q": question_id, "error": f"the answer could not be written ({type(error).__name__})"})
        if len(text) > CAPTURE_OUTPUT_LIMIT - 1000:
            record.pop("value", None)
            record["opaque"] = "the answer is too large to grade"
            text = dumps(record, ensure_ascii=True)
        write(f"\n{MARK} {nonce} {text}\n")
        flush()

    return capture


# --------------------------------------------------------------------------- kernels: limits and the fork server


def _apply_limits(limits: Mapping[str, Any]) -> None:
    """Set this process's own resource limits (called in the kernel process before ipykernel starts)."""
    try:
        import resource
    except ImportError:  # Windows: no limits but the per-cell timeout
        return

    def limit(which: int, soft: int, hard: int | None = None) -> None:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, (soft, soft if hard is None else hard))

    limit(resource.RLIMIT_CORE, 0)
    if limits.get("cpu_seconds"):
        cpu = int(limits["cpu_seconds"])
        limit(resource.RLIMIT_CPU, cpu, cpu + 5)  # SIGXCPU at the soft limit, SIGKILL 5 s later
    if limits.get("memory_mb") and hasattr(resource, "RLIMIT_AS"):
        limit(resource.RLIMIT_AS, int(limits["memory_mb"]) * 2**20)
    if limits.get("file_mb") and hasattr(resource, "RLIMIT_FSIZE"):
        limit(resource.RLIMIT_FSIZE, int(limits["file_mb"]) * 2**20)


def _launch() -> None:
    """The small launcher used without the fork server: ``python -c ... LIMITS CMD...``."""
    limits = json.loads(sys.argv[1])
    _apply_limits(limits)
    command = sys.argv[2:]
    os.execv(command[0], command)


def _vm_kb() -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1])
    return 0


def _zygote_main() -> None:
    """The fork server: import everything once, then fork one kernel per request.

    Protocol (JSON lines): stdin ``{"id", "args", "env", "cwd", "limits", "log"}``;
    stdout ``{"ready": true}``, ``{"id", "pid"}`` or ``{"id", "error"}``, ``{"exit": pid, "code"|"signal"}``.
    End of stdin: kill every kernel still running and exit.
    """
    import gc
    import importlib
    import select

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the grader's to handle
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # stray prints from imports go to the log, not into the protocol
    for name in PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        from kpo_course import checks, content
        content.load()
        checks.questions()
    gc.collect()
    gc.freeze()  # forked kernels share these pages instead of copying them when the GC runs
    protocol.write(json.dumps({"ready": True, "vm_kb": _vm_kb()}) + "\n")
    children: set[int] = set()
    pending = b""
    while True:
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            children.discard(pid)
            exit_info: dict[str, Any] = {"exit": pid}
            if os.WIFSIGNALED(status):
                exit_info["signal"] = os.WTERMSIG(status)
            else:
                exit_info["code"] = os.WEXITSTATUS(status)
            protocol.write(json.dumps(exit_info) + "\n")
        ready, _, _ = select.select([0], [], [], 0.05)
        if not ready:
            continue
        chunk = os.read(0, 1 << 16)
        if not chunk:
            break
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            try:
                request = json.loads(line)
            except ValueError:
                continue
            try:
                pid = os.fork()
            except OSError as error:
                protocol.write(json.dumps({"id": request.get("id"), "error": str(error)}) + "\n")
                continue
            if pid == 0:
                try:
                    _become_kernel(request, protocol.fileno())
                finally:
                    os._exit(70)
            children.add(pid)
            protocol.write(json.dumps({"id": request["id"], "pid": pid}) + "\n")
    for pid in children:
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)


def _become_kernel(request: Mapping[str, Any], protocol_fd: int) -> None:
    """In the forked child: a session of its own, quiet fds, limits, then ipykernel."""
    os.setsid()  # its own process group: interrupts and kills reach what it starts too
    signal.signal(signal.SIGINT, signal.default_int_handler)  # the fork server ignores Ctrl+C; kernels must not
    devnull = os.open(os.devnull, os.O_RDWR)
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600) if request.get("log") else devnull
    os.dup2(devnull, 0)
    os.dup2(devnull, protocol_fd)  # the kernel cannot talk to the fork server
    os.dup2(log, 1)
    os.dup2(log, 2)
    _apply_limits(request.get("limits", {}))
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    import random
    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()
    sys.argv = ["ipykernel_launcher", *request["args"]]
    from ipykernel import kernelapp
    kernelapp.launch_new_instance(argv=list(request["args"]))
    os._exit(0)


class _Zygote:
    """The grader's handle on the fork server (see :func:`_zygote_main`)."""

    def __init__(self, workdir: Path) -> None:
        self.log = workdir / "zygote.log"
        env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
        env.update(KERNEL_ENV)
        package_parent = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from kpo_course.grading import _zygote_main; _zygote_main()"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, cwd=workdir, env=env,
                start_new_session=True)
        self.ready = threading.Event()
        self.failed: str | None = None
        self.vm_kb = 0
        self._lock = threading.Lock()
        self._next = 0
        self._pending: dict[int, concurrent.futures.Future] = {}
        self.exits: dict[int, dict[str, Any]] = {}
        self._reader = threading.Thread(target=self._read, name="kpo-zygote-reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            try:
                message = json.loads(raw)
            except ValueError:
                continue
            if message.get("ready"):
                self.vm_kb = int(message.get("vm_kb") or 0)
                self.ready.set()
            elif "exit" in message:
                self.exits[int(message["exit"])] = message
            elif "id" in message:
                with self._lock:
                    future = self._pending.pop(message["id"], None)
                if future is not None:
                    future.set_result(message)
        tail = self.log.read_text(errors="replace")[-1500:] if self.log.exists() else ""
        self.failed = f"the fork server stopped ({tail.strip() or 'no message'})"
        with self._lock:
            for future in self._pending.values():
                future.set_result({"error": self.failed})
            self._pending.clear()
        self.ready.set()

    def wait_ready(self, timeout: float = 120) -> bool:
        self.ready.wait(timeout)
        return self.ready.is_set() and self.failed is None

    async def fork(self, args: list[str], env: Mapping[str, str], cwd: str, limits: Mapping[str, Any],
                   log: str | None) -> int:
        loop = asyncio.get_running_loop()
        ok = await loop.run_in_executor(None, self.wait_ready)
        if not ok:
            raise RuntimeError(self.failed or "the fork server did not start")
        future: concurrent.futures.Future = concurrent.futures.Future()
        with self._lock:
            self._next += 1
            number = self._next
            self._pending[number] = future
            request = {"id": number, "args": args, "env": dict(env), "cwd": cwd, "limits": dict(limits), "log": log}
            assert self.process.stdin is not None
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
        reply = await asyncio.wrap_future(future)
        if "pid" not in reply:
            raise RuntimeError(f"the fork server could not start a kernel: {reply.get('error')}")
        return int(reply["pid"])

    def close(self) -> None:
        with contextlib.suppress(Exception):
            assert self.process.stdin is not None
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class _ForkedProcess:
    """A Popen look-alike for a kernel that is the fork server's child, not ours."""

    def __init__(self, pid: int, zygote: _Zygote) -> None:
        self.pid = pid
        self.zygote = zygote
        self.returncode: int | None = None
        self.stdin = self.stdout = self.stderr = None

    def poll(self) -> int | None:
        """The exit code (negative: killed by that signal), as the fork server reported it; None while
        it runs. Never blocks: a kernel that just ended is reported by the server within ~50 ms."""
        if self.returncode is not None:
            return self.returncode
        status = self.zygote.exits.get(self.pid)
        if status is not None:
            self.returncode = -int(status["signal"]) if "signal" in status else int(status.get("code", 0))
        elif self.zygote.failed:
            self.returncode = -1
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.02)
        return self.returncode if self.returncode is not None else -1

    def send_signal(self, number: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, number)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _import_nbformat() -> None:
    """Import nbformat (nbclient needs it) without the start-up nobody here uses.

    nbformat imports jsonschema, whose optional IRI format checks import ``rfc3987_syntax``,
    which compiles ~40 lark grammars: about 2 s of CPU, more than grading a notebook takes.
    Notebook validation never uses IRI formats, so when jsonschema is not loaded yet it is
    imported with that one optional module hidden (jsonschema skips what it cannot import).
    """
    if "nbformat" in sys.modules or "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        import nbformat  # noqa: F401
        return
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # "not installed", for this import only
    try:
        import nbformat  # noqa: F401
    finally:
        if sys.modules.get("rfc3987_syntax", ...) is None:
            del sys.modules["rfc3987_syntax"]


async def _maybe_await(value: Any) -> Any:
    return await value if asyncio.iscoroutine(value) or isinstance(value, asyncio.Future) else value


@functools.lru_cache(maxsize=None)
def _kernel_classes():
    """The kernel manager and provisioner classes (built on first use: jupyter_client is heavy)."""
    _import_nbformat()
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner
    from nbclient import NotebookClient

    class ForkProvisioner(LocalProvisioner):
        async def launch_kernel(self, cmd: list[str], **kwargs: Any):
            manager = self.parent
            args = cmd[cmd.index("ipykernel_launcher") + 1:]
            cwd = str(kwargs.get("cwd") or os.getcwd())
            pid = await manager.zygote.fork(args, kwargs.get("env") or dict(os.environ), cwd,
                                            manager.limits, manager.kernel_log)
            self.process = _ForkedProcess(pid, manager.zygote)
            self.pid = self.pgid = pid
            self.cwd = cwd
            return self.connection_info

        async def send_signal(self, signum: int) -> None:
            await super().send_signal(signum)
            if signum == signal.SIGKILL and self.process is not None and self.process.returncode is None:
                self.process.returncode = -signum  # nothing survives SIGKILL: no need to wait for the report

    class KernelManager(AsyncKernelManager):
        def __init__(self, *, zygote: _Zygote | None, limits: Mapping[str, Any], kernel_log: str | None,
                     **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.zygote, self.limits, self.kernel_log = zygote, dict(limits), kernel_log

        async def _async_pre_start_kernel(self, **kwargs: Any):
            if self.provisioner is None and self.zygote is not None:
                self.kernel_id = self.kernel_id or str(uuid.uuid4())
                self.provisioner = ForkProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec,
                                                   parent=self)
            return await super()._async_pre_start_kernel(**kwargs)

        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            command = super().format_kernel_cmd(extra_arguments)
            if self.zygote is None and os.name == "posix":
                launcher = "from kpo_course.grading import _launch; _launch()"
                command = [sys.executable, "-c", launcher, json.dumps(self.limits), *command]
            return command

    class Client(NotebookClient):
        """nbclient that keeps only what grading reads: errors of student cells, the grader cells' output."""

        def __init__(self, *args: Any, capture_cells: Iterable[int] = (), **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.capture_cells = set(capture_cells)
            self.sizes: dict[int, int] = {}
            self.truncated: set[int] = set()

        async def async_start_new_kernel_client(self):
            """As nbclient's, without ``wait_for_ready``'s final 0.2 s of listening for silence on IOPub
            (every message is matched to its request anyway): a fifth of a forked kernel's start."""
            from queue import Empty

            self.kc = self.km.client()
            await _maybe_await(self.kc.start_channels())
            deadline = time.monotonic() + self.startup_timeout
            try:
                while True:
                    self.kc.kernel_info()
                    try:
                        reply = await self.kc.shell_channel.get_msg(timeout=0.5)
                    except Empty:
                        reply = None
                    if reply is not None and reply.get("msg_type") == "kernel_info_reply":
                        try:
                            await self.kc.iopub_channel.get_msg(timeout=0.2)  # IOPub is connected
                            break
                        except Empty:
                            pass
                    if not await _maybe_await(self.km.is_alive()):
                        raise RuntimeError("Kernel died before replying to kernel_info")
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"Kernel didn't respond in {self.startup_timeout} seconds")
            except BaseException:
                await self._async_cleanup_kernel()
                raise
            self.kc.allow_stdin = False
            return self.kc

        def output(self, outs, msg, display_id, cell_index):  # noqa: ANN001 (nbclient's signature)
            kind = msg.get("msg_type")
            content = msg.get("content", {})
            if cell_index in self.capture_cells:
                if kind != "error" and (kind != "stream" or content.get("name") != "stdout"):
                    return None
                limit = CAPTURE_OUTPUT_LIMIT
            elif kind == "error":
                limit = STUDENT_OUTPUT_LIMIT
            else:
                return None  # displays and prints of student cells do not count for grading
            size = len(str(content.get("text", ""))) + len(str(content.get("evalue", ""))) + 200
            self.sizes[cell_index] = self.sizes.get(cell_index, 0) + size
            if self.sizes[cell_index] > limit:
                self.truncated.add(cell_index)
                return None
            return super().output(outs, msg, display_id, cell_index)

    return KernelManager, Client


# --------------------------------------------------------------------------- the instructor's reference


@dataclass(frozen=True)
class _CheckSpec:
    question: str
    grade_id: str | None
    expression: str | None


@dataclass(frozen=True)
class _MemoSpec:
    grade_id: str
    points: float
    title: str


@dataclass
class _Reference:
    path: Path | None
    checks: dict[str, _CheckSpec] = field(default_factory=dict)
    memos: list[_MemoSpec] = field(default_factory=list)
    locked: dict[str, str] = field(default_factory=dict)  # grade_id -> source of read-only cells


def _nbgrader(cell: Mapping[str, Any]) -> Mapping[str, Any]:
    meta = cell.get("metadata", {})
    data = meta.get("nbgrader", {}) if isinstance(meta, Mapping) else {}
    return data if isinstance(data, Mapping) else {}


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(str(s) for s in source)
    return source if isinstance(source, str) else ""


def _check_calls(source: str) -> list[tuple[str, str | None]]:
    """``[(question id, answer expression)]`` for each ``check("NN.qK", expr)`` call in ``source``."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return [(qid, None) for qid in CHECK_CALL.findall(source)]
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if name != "check" or not node.args:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str) and QUESTION_ID.match(first.value)):
            continue
        answer = node.args[1] if len(node.args) > 1 else next(
            (k.value for k in node.keywords if k.arg == "answer"), None)
        calls.append((first.value, ast.unparse(answer) if answer is not None else "..."))
    calls.sort(key=lambda pair: source.find(pair[0]))
    return calls


def _heading_before(cells: list, index: int) -> str:
    for cell in reversed(cells[:index]):
        if cell.get("cell_type") == "markdown":
            for line in _source(cell).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def _load_reference(path: Path) -> _Reference:
    _import_nbformat()
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    reference = _Reference(path)
    for index, cell in enumerate(notebook.cells):
        meta = _nbgrader(cell)
        grade_id = meta.get("grade_id")
        if cell.cell_type == "code":
            for question_id, expression in _check_calls(_source(cell)):
                reference.checks.setdefault(question_id, _CheckSpec(question_id, grade_id, expression))
            if grade_id and meta.get("locked") and not meta.get("solution"):
                reference.locked[grade_id] = _source(cell)
        elif cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution") and grade_id:
            reference.memos.append(_MemoSpec(grade_id, float(meta.get("points") or 0),
                                             _heading_before(notebook.cells, index)))
    return reference


def _references(folder: Path | None) -> dict[str, Path]:
    if folder is None or not Path(folder).is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in sorted(Path(folder).glob("*.ipynb")):
        match = EXERCISE_NAME.match(path.name)
        if match:
            found.setdefault(match.group(1), path)
    return found


# --------------------------------------------------------------------------- one notebook


@dataclass
class _Options:
    timeout: float
    limits: dict[str, Any]
    language: str
    references: dict[str, _Reference]
    zygote: _Zygote | None
    workdir: Path
    retries: int = 2


@dataclass
class _Plan:
    submission: Submission
    exercise: str
    questions: list  # kpo_course.checks.Question
    reference: _Reference
    notebook: Any  # the student's nbformat notebook
    captures: dict[int, list[tuple[str, str]]]  # cell index -> [(question id, expression)]
    missing: dict[str, str]  # question id -> why it cannot be graded
    memos: list[tuple[_MemoSpec, str | None]]  # memo, the student's text (None: cell missing)


class _Rejected(Exception):
    """The file cannot be graded at all; the message says why."""


def _read_notebook(path: Path):
    _import_nbformat()
    import nbformat

    size = path.stat().st_size
    if size == 0:
        raise _Rejected("The file is empty: nothing was submitted in it.")
    if size > MAX_FILE_BYTES:
        raise _Rejected(f"The file is too large to be a notebook ({size / 2**20:.0f} MB).")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Rejected("This is not a notebook: the file is binary, not text. Submit the .ipynb file "
                        "of the exercise.") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        if suffix != ".ipynb":
            raise _Rejected(f"This is not a notebook but a {suffix or 'plain'} file. "
                            "Submit the .ipynb file.") from None
        raise _Rejected(f"The notebook file is damaged: it is not valid JSON ({error}).") from None
    if not (isinstance(data, dict) and ("cells" in data or "worksheets" in data)):
        raise _Rejected("This JSON file is not a Jupyter notebook: it has no cells. Submit the .ipynb file "
                        "of the exercise.")
    try:
        notebook = nbformat.reads(text, as_version=4)
        if not isinstance(notebook.get("cells"), list):
            raise ValueError("no list of cells")
        for cell in notebook.cells:
            if cell.get("cell_type") not in ("code", "markdown", "raw"):
                raise ValueError("a cell of unknown type")
            if not isinstance(cell.get("metadata", {}), Mapping):
                raise ValueError("a cell whose metadata is not a mapping")
            cell["source"] = _source(cell)
    except Exception as error:
        first = (str(error).strip().splitlines() or ["bad structure"])[0][:200]
        raise _Rejected(f"This JSON file is not a Jupyter notebook ({type(error).__name__}: {first}).") from None
    return notebook


def _plan(submission: Submission, options: _Options) -> _Plan:
    from . import checks

    exercise = submission.exercise
    if exercise is None:
        raise _Rejected(f"Cannot tell which exercise this is: its name should start with the exercise "
                        f"number, e.g. 00_warmup.ipynb (got {submission.notebook!r}).")
    questions = checks.questions(exercise)
    reference = options.references.get(exercise) or _Reference(None)
    if not questions and not reference.memos:
        raise _Rejected(f"There is no exercise {exercise} in this course, so nothing in this file can be graded.")
    notebook = _read_notebook(submission.path)
    cells = notebook.cells

    found_ids: set[str] = set()
    for cell in cells:
        match = CHECK_GRADE_ID.match(str(_nbgrader(cell).get("grade_id", "")))
        if match:
            found_ids.add(f"{match.group(1)}.{match.group(2)}")
        if cell.cell_type == "code":
            found_ids.update(CHECK_CALL.findall(_source(cell)))
    exercises_in_content = {qid.split(".")[0] for qid in found_ids}
    if exercises_in_content and exercise not in exercises_in_content:
        others = ", ".join(sorted(exercises_in_content))
        raise _Rejected(f"This notebook is exercise {others} (its check cells say so), but its file name says "
                        f"exercise {exercise}. Submit exercise {exercise} under this name.")

    by_grade_id = {str(_nbgrader(c).get("grade_id")): i for i, c in enumerate(cells)
                   if c.cell_type == "code" and _nbgrader(c).get("grade_id")}
    captures: dict[int, list[tuple[str, str]]] = {}
    missing: dict[str, str] = {}
    for item in questions:
        spec = reference.checks.get(item.id)
        grade_id = spec.grade_id if spec and spec.grade_id else f"check-{item.id.replace('.', '-')}"
        index = by_grade_id.get(grade_id)
        if index is None:
            index = next((i for i, c in enumerate(cells)
                          if c.cell_type == "code" and item.id in CHECK_CALL.findall(_source(c))), None)
        if index is None:
            missing[item.id] = ("Check cell missing: the notebook has no check cell for this question "
                                f"(kpo.check(\"{item.id}\", ...)), so it could not be graded.")
            continue
        expression = spec.expression if spec else None
        if expression is None:
            expression = next((e for q, e in _check_calls(_source(cells[index])) if q == item.id and e), None)
        if expression is None:
            missing[item.id] = "The check cell for this question could not be read, so it could not be graded."
            continue
        captures.setdefault(index, []).append((item.id, expression))

    memos = []
    for memo in reference.memos:
        text = next((_source(c) for c in cells if c.cell_type == "markdown"
                     and _nbgrader(c).get("grade_id") == memo.grade_id), None)
        memos.append((memo, text))
    return _Plan(submission, exercise, questions, reference, notebook, captures, missing, memos)


def _cell_label(plan: _Plan, index: int) -> str:
    first = next((line.strip() for line in _source(plan.notebook.cells[index]).splitlines() if line.strip()), "")
    if len(first) > 50:
        first = first[:47] + "..."
    return f"cell {index + 1}" + (f" (`{first}`)" if first else "")


def _build(plan: _Plan, nonce: str, skipped: Mapping[int, str], language: str):
    """The notebook the kernel runs: the grader's first cell, the student's cells with check cells
    (and read-only cells) replaced by the instructor's, and cells that hung or killed the kernel emptied."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    helper = f"_kpo_grader_{nonce}"
    cells = [new_code_cell(
        # Forked kernels loaded matplotlib before IPython existed: hook the inline backend up as a fresh
        # kernel does when pyplot is first imported (figures shown and closed after each cell).
        f"get_ipython().run_line_magic('matplotlib', 'inline')\n"
        f"from kpo_course.grading import _kernel_grader as _kpo_make_grader\n"
        f"{helper} = _kpo_make_grader({nonce!r}, {language!r})\n"
        f"del _kpo_make_grader")]
    for index, cell in enumerate(plan.notebook.cells):
        if cell.cell_type != "code":
            cells.append(new_markdown_cell(""))
            continue
        grade_id = _nbgrader(cell).get("grade_id")
        if index in skipped:
            source = ""
        elif index in plan.captures:
            source = "\n".join(f"{helper}({qid!r}, lambda: ({expression}\n))"
                               for qid, expression in plan.captures[index])
        elif grade_id in plan.reference.locked:
            source = plan.reference.locked[grade_id]
        else:
            source = _source(cell)
        cells.append(new_code_cell(source))
    return new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "language": "python",
                                                              "display_name": "Python 3"}})


@dataclass
class _Run:
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    cell_notes: dict[int, str] = field(default_factory=dict)  # student cell index -> what went wrong
    skipped: dict[int, str] = field(default_factory=dict)
    failure: str | None = None  # the notebook could not run at all


def _death_reason(returncode: int | None, limits: Mapping[str, Any]) -> str:
    if returncode is None or returncode == -1:
        return "the kernel stopped answering"
    if returncode < 0:
        number = -returncode
        if number == getattr(signal, "SIGXCPU", -1):
            return f"the kernel used up its CPU time ({limits.get('cpu_seconds')} s)"
        if number == getattr(signal, "SIGKILL", 9):
            return "the kernel was killed (SIGKILL: out of memory, past the CPU limit, or by its own code)"
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"the kernel crashed ({name})"
    return f"the kernel exited (exit code {returncode})"


async def _settle(client: Any, seconds: float) -> bool:
    """After an interrupt: True when the kernel answers a no-op within ``seconds``."""
    from queue import Empty

    msg_id = await _maybe_await(client.kc.execute("", store_history=False, silent=True))
    deadline = time.monotonic() + seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        try:
            reply = await client.kc.shell_channel.get_msg(timeout=remaining)
        except Empty:
            return False
        except Exception:
            return False
        if reply.get("parent_header", {}).get("msg_id") == msg_id:
            return True


async def _execute_once(plan: _Plan, options: _Options, skipped: Mapping[int, str], run: _Run) -> int | None:
    """Run the notebook once; return the student cell index to skip next time (it hung or killed
    the kernel), or None when the notebook ran to the end."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    KernelManager, Client = _kernel_classes()
    nonce = secrets.token_hex(12)
    notebook = _build(plan, nonce, skipped, options.language)
    folder = Path(tempfile.mkdtemp(prefix="nb-", dir=options.workdir))
    shutil.copyfile(plan.submission.path, folder / Path(plan.submission.notebook).name)  # the temporary copy
    home = folder / ".kpo-course"
    env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
    env.update(KERNEL_ENV)
    env["KPO_COURSE_HOME"] = str(home)
    manager = KernelManager(zygote=options.zygote, limits=options.limits, kernel_log=str(folder / "kernel.log"),
                            kernel_name="python3")
    capture_cells = [i + 1 for i in plan.captures]
    client = Client(notebook, km=manager, timeout=max(1, int(round(options.timeout))), allow_errors=True,
                    interrupt_on_timeout=False, shutdown_kernel="immediate", record_timing=False,
                    startup_timeout=120, iopub_timeout=4, capture_cells=capture_cells)
    culprit: int | None = None
    try:
        quiet = {} if options.zygote else {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        async with client.async_setup_kernel(cwd=str(folder), env=env, cleanup_kc=True, **quiet):
            for position, cell in enumerate(notebook.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                student_index = position - 1
                try:
                    await client.async_execute_cell(cell, position)
                except CellTimeoutError:
                    await manager.interrupt_kernel()
                    if await _settle(client, max(3.0, min(10.0, options.timeout))):
                        if student_index >= 0:
                            run.cell_notes[student_index] = (
                                f"{_cell_label(plan, student_index)} was stopped after {options.timeout:g} s "
                                "(the time limit per cell)")
                        continue
                    culprit = student_index
                    run.skipped[student_index] = (
                        f"{_cell_label(plan, student_index)} ran past the time limit ({options.timeout:g} s) "
                        "and ignored the interrupt")
                    break
                except DeadKernelError:
                    returncode = None
                    provisioner = manager.provisioner
                    process = getattr(provisioner, "process", None)
                    if process is not None:
                        for _ in range(50):
                            returncode = process.poll()
                            if returncode is not None:
                                break
                            await asyncio.sleep(0.02)
                    culprit = student_index
                    run.skipped[student_index] = (f"{_death_reason(returncode, options.limits)} while running "
                                                  f"{_cell_label(plan, student_index)}" if student_index >= 0
                                                  else _death_reason(returncode, options.limits))
                    break
                _collect(cell, position, student_index, nonce, plan, run, client, options)
    except Exception as error:  # the kernel did not start, or nbclient failed: say so, keep the batch going
        if culprit is None:
            run.failure = f"The notebook could not be run ({type(error).__name__}: {str(error)[:300]})."
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if culprit is not None and culprit < 0:
        run.failure = f"The grader could not run this notebook: {run.skipped.pop(culprit)}."
        return None
    return culprit


def _collect(cell: Any, position: int, student_index: int, nonce: str, plan: _Plan, run: _Run,
             client: Any, options: _Options) -> None:
    """Read one executed cell: the grader's tagged lines, or what went wrong in a student's cell."""
    if student_index in plan.captures:
        text = "".join(str(o.get("text", "")) for o in cell.get("outputs", [])
                       if o.get("output_type") == "stream" and o.get("name") == "stdout")
        for line in text.splitlines():
            if line.startswith(f"{MARK} {nonce} "):
                try:
                    record = json.loads(line[len(MARK) + len(nonce) + 2:])
                except ValueError:
                    continue
                if isinstance(record, dict) and isinstance(record.get("q"), str):
                    run.records.setdefault(record["q"], []).append(record)
        if position in client.truncated:
            run.notes.append(f"The grader's output for {_cell_label(plan, student_index)} was too large.")
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            value = str(errors[0].get("evalue", ""))
            run.cell_notes[student_index] = (
                "the notebook had deleted the grader's helper before its check cell ran (e.g. with %reset)"
                if "_kpo_grader_" in value else f"the check cell raised {errors[0].get('ename')}: {value[:200]}")
        return
    if student_index < 0:
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            run.failure = ("The grader could not start inside the kernel "
                           f"({errors[0].get('ename')}: {str(errors[0].get('evalue'))[:200]}).")
        return
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            name, value = str(output.get("ename", "Error")), str(output.get("evalue", "")).strip()
            first = value.splitlines()[0][:200] if value else ""
            if name == "MemoryError":
                limit = options.limits.get("memory_mb")
                run.cell_notes[student_index] = (f"{_cell_label(plan, student_index)} ran out of memory"
                                                 + (f" (the limit is {limit} MB)" if limit else ""))
            else:
                run.cell_notes[student_index] = f"{_cell_label(plan, student_index)} raised {name}" + (
                    f": {first}" if first else "")
            break


async def _execute(plan: _Plan, options: _Options) -> _Run:
    run = _Run()
    for attempt in range(options.retries + 1):
        run.records.clear()
        run.cell_notes.clear()
        culprit = await _execute_once(plan, options, dict(run.skipped), run)
        if culprit is None:
            break
        if attempt == options.retries:
            run.failure = (f"The notebook could not be run to the end: {run.skipped[culprit]} "
                           f"(after {attempt + 1} tries, each without the cell that stopped the one before).")
    if not run.failure:
        run.notes.extend(f"{why}; the notebook was run again from the top without that cell."
                         for _, why in sorted(run.skipped.items()))
    run.notes.extend(note for _, note in sorted(run.cell_notes.items()))
    return run


# --------------------------------------------------------------------------- scores


def _judge(question_id: str, answer: Any):
    """Judge ``answer`` in the grader's own process, where no student code has run."""
    from . import checks
    return checks.check(question_id, answer)


def _stand_in(type_name: str) -> Any:
    """An object that only has the answer's type name (for a message such as "got a Widget")."""
    name = re.sub(r"\W", "_", type_name)[:60] or "object"
    if name[0].isdigit():
        name = f"_{name}"
    return type(name, (), {"__repr__": lambda self: f"<{name}>"})()


def _hint(item: Any) -> str:
    from .i18n import localize
    return str(localize(item.hint))


def _verdict_word(correct: bool | None) -> str:
    return {True: "correct", False: "wrong", None: "unanswered"}[correct]


def _earlier_trouble(plan: _Plan, run: _Run, before: int | None) -> str:
    notes = [note for index, note in sorted({**run.cell_notes, **run.skipped}.items())
             if before is None or index < before]
    return (" Earlier, " + "; ".join(notes[-2:]) + ".") if notes else ""


def _score(plan: _Plan, run: _Run, result: NotebookResult) -> None:
    from .i18n import tr

    where = {qid: index for index, pairs in plan.captures.items() for qid, _ in pairs}
    for item in plan.questions:
        row = dict(student=result.student, notebook=result.notebook, question=item.id, points=0.0,
                   max_points=float(item.points))
        if item.id in plan.missing:
            result.rows.append(Row(**row, verdict="error", message=plan.missing[item.id]))
            continue
        if run.failure:
            result.rows.append(Row(**row, verdict="error", message=run.failure))
            continue
        records = run.records.get(item.id, [])
        index = where.get(item.id)
        if len(records) > 1:
            result.rows.append(Row(**row, verdict="error", message=(
                "The grader's output for this question was tampered with (it appeared twice), so it scores zero.")))
            continue
        if not records:
            why = (run.cell_notes.get(index) or run.skipped.get(index)) if index is not None else None
            message = ("The check cell did not report: " + (why or "it did not run to the end") + "."
                       + _earlier_trouble(plan, run, index))
            result.rows.append(Row(**row, verdict="error", message=message))
            continue
        record = records[0]
        if "error" in record:
            message = (f"Your answer could not be read ({str(record['error'])[:300]})."
                       + _earlier_trouble(plan, run, index))
            result.rows.append(Row(**row, verdict="error", message=message))
            continue
        if "value" in record:
            try:
                answer = decode_answer(record["value"])
            except Exception:
                result.rows.append(Row(**row, verdict="error", message=(
                    "The grader's record of your answer was damaged, so it could not be graded.")))
                continue
            feedback = _judge(item.id, answer)
            message = str(feedback.message)
            kernel = record.get("kernel") if isinstance(record.get("kernel"), dict) else {}
            if "correct" in kernel and kernel["correct"] is not feedback.correct:
                message += tr(" (Note: inside the notebook this answer was judged differently; the grader "
                              "judged its own copy of the answer.)",
                              " (Obs: i anteckningsboken bedömdes svaret annorlunda; rättaren bedömde sin egen "
                              "kopia av svaret.)")
            correct = feedback.correct
        elif item.kind != "chart":
            # Not plain data, where plain data is asked for: the grader judges a stand-in of the same
            # type name, so the verdict never depends on code that ran in the student's kernel.
            feedback = _judge(item.id, _stand_in(str(record.get("type", "object"))))
            correct, message = feedback.correct, str(feedback.message)
        else:
            kernel = record.get("kernel")
            if not (isinstance(kernel, dict) and kernel.get("correct") in (True, False, None)
                    and isinstance(kernel.get("message", ""), str)):
                reason = record.get("kernel_error") or "no verdict"
                result.rows.append(Row(**row, verdict="error", message=(
                    f"Your answer ({record.get('opaque', 'not plain data')}) could not be checked: {reason}.")))
                continue
            correct = kernel["correct"]
            message = str(kernel.get("message", ""))
            result.kernel_checked.append(item.id)
        points = float(item.points) if correct is True else 0.0
        result.rows.append(Row(**{**row, "points": points}, verdict=_verdict_word(correct), message=message,
                               hint=_hint(item) if correct is False else ""))
    for memo, text in plan.memos:
        if text is None:
            message = tr("Memo cell missing: there is no memo to grade.",
                         "Promemorians cell saknas: det finns ingen promemoria att bedöma.")
        else:
            words = len(re.findall(r"\w+", text))
            message = tr(f"Graded by hand ({words} words).", f"Bedöms för hand ({words} ord).")
        result.rows.append(Row(result.student, result.notebook, memo.grade_id, 0.0, memo.points, "manual", message,
                               detail=text or ""))


def _rejected_rows(submission: Submission, reason: str, options: _Options) -> list[Row]:
    from . import checks

    exercise = submission.exercise
    questions = checks.questions(exercise) if exercise else []
    reference = options.references.get(exercise or "") or _Reference(None)
    rows = [Row(submission.student, submission.notebook, q.id, 0.0, float(q.points), "error", reason)
            for q in questions]
    rows += [Row(submission.student, submission.notebook, m.grade_id, 0.0, m.points, "error", reason)
             for m in reference.memos]
    return rows or [Row(submission.student, submission.notebook, "", 0.0, 0.0, "error", reason)]


async def _grade_one(submission: Submission, options: _Options) -> NotebookResult:
    start = time.perf_counter()
    result = NotebookResult(submission.student, submission.notebook, submission.exercise, str(submission.path))
    try:
        plan = _plan(submission, options)
    except _Rejected as why:
        result.rows = _rejected_rows(submission, str(why), options)
    except Exception as error:  # a file nobody foresaw: it still gets a row
        result.rows = _rejected_rows(submission, f"The file could not be read ({type(error).__name__}: "
                                                 f"{str(error)[:200]}).", options)
    else:
        result.readable = True
        run = await _execute(plan, options) if plan.captures else _Run()
        result.notes = run.notes
        _score(plan, run, result)
    result.seconds = time.perf_counter() - start
    return result


def _missing_rows(results: list[NotebookResult], options: _Options) -> list[NotebookResult]:
    """A row per question for each exercise a student did not hand in (others did: a notebook of
    that exercise was read). Rows say "missing", so totals compare like with like."""
    names: dict[str, str] = {}
    for result in results:
        if result.readable and result.exercise:
            reference = options.references.get(result.exercise)
            names.setdefault(result.exercise, reference.path.name if reference and reference.path
                             else result.notebook)
    handed_in = {(r.student, r.exercise) for r in results}
    extra = []
    for student in sorted({r.student for r in results}):
        for exercise, notebook in sorted(names.items()):
            if (student, exercise) in handed_in:
                continue
            submission = Submission(student, Path(notebook), notebook)
            result = NotebookResult(student, notebook, exercise, "")
            result.rows = [dataclasses.replace(r, verdict="missing") for r in _rejected_rows(
                submission, "Not handed in: there is no notebook for this exercise.", options)]
            extra.append(result)
    return extra


# --------------------------------------------------------------------------- the batch


@contextlib.contextmanager
def _grader_process_state(home: Path, language: str):
    """The grader's own checks write progress to a throwaway folder and speak ``language``."""
    from . import i18n

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


def _warm_up() -> None:
    """Load what judging answers needs once, before the batch: kernels' classes, checks, course data."""
    _kernel_classes()
    from . import checks, content
    checks.questions()
    with contextlib.suppress(Exception):
        content.load()


def default_exercises() -> Path | None:
    """The course's ``exercises/`` folder (the check cells' source of truth), if there is one."""
    candidate = Path(__file__).resolve().parent.parent / "exercises"
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
) -> Gradebook:
    """Grade every notebook under ``submissions`` (see :func:`find_submissions`).

    ``exercises`` is the folder of exercise notebooks whose check cells are the source of
    truth (default: the course's ``exercises/``); ``timeout`` is seconds per cell;
    ``cpu_seconds`` and ``memory_mb`` limit each kernel (Linux and macOS); ``jobs`` kernels
    run at once (default: one per core). ``progress(done, total, result)`` is called as
    each notebook finishes. Never raises on a bad submission: it becomes a row that says why.
    """
    submissions = Path(submissions)
    if not submissions.is_dir():
        raise FileNotFoundError(f"{submissions} is not a folder of submissions")
    found = find_submissions(submissions)
    jobs = max(1, min(jobs or os.cpu_count() or 1, max(1, len(found))))
    limits = {"cpu_seconds": cpu_seconds, "memory_mb": memory_mb, "file_mb": 1024}
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kpo-grade-") as scratch:
        workdir = Path(scratch)
        zygote = (_Zygote(workdir) if found and prefork and hasattr(os, "fork") and sys.platform.startswith("linux")
                  else None)
        try:
            with _grader_process_state(workdir / "grader-home", language):
                _warm_up()  # the grader's own imports and data, while the fork server loads its own
                references = {ex: _load_reference(path) for ex, path in
                              _references(exercises if exercises is not None else default_exercises()).items()}
                if zygote is not None and memory_mb:
                    if zygote.wait_ready() and zygote.vm_kb / 1024 + 256 > memory_mb:
                        raise ValueError(f"memory_mb={memory_mb} is below what a kernel needs to start "
                                         f"(about {zygote.vm_kb // 1024 + 256} MB)")
                if zygote is not None and not zygote.wait_ready():
                    zygote.close()
                    zygote = None  # fall back to a fresh Python per kernel
                options = _Options(float(timeout), limits, language, references, zygote, workdir)
                results = _run_all(found, options, jobs, progress)
                results += _missing_rows(results, options)
        finally:
            if zygote is not None:
                zygote.close()
    results.sort(key=lambda r: (r.student, r.notebook))
    return Gradebook(results, seconds=time.perf_counter() - start, jobs=jobs)


def _run_all(found: list[Submission], options: _Options, jobs: int,
             progress: Callable[[int, int, NotebookResult], None] | None) -> list[NotebookResult]:
    async def main() -> list[NotebookResult]:
        gate = asyncio.Semaphore(jobs)
        done = 0

        async def one(submission: Submission) -> NotebookResult:
            nonlocal done
            async with gate:
                result = await _grade_one(submission, options)
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
