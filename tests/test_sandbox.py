"""A hostile class graded beside honest students: nobody touches another student, the grader,
the course or the next run.

The honest students are graded twice: alone (the clean run) and among a killer, a vandal, a
reader of solutions, a lingerer, a disk filler, symbolic links, duplicates and odd names. Their
rows must be the same; the submitted files, the installed course, the solutions and the
instructor's cache unchanged; no process left; the gradebook whole.

Needs bubblewrap (``bwrap``); without it these tests skip, unless ``KPO_REQUIRE_SANDBOX=1``
(set by ``.ci/run``) makes a missing sandbox a failure.
"""
from __future__ import annotations

import csv
import hashlib
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from kpo_course.grading import find_submissions, gradebook
from kpo_course.grading.sandbox import course_package, find_isolation

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "00_warmup.ipynb"
EXERCISE = ROOT / "exercises" / "00_warmup.ipynb"
EX = "00_warmup.ipynb"
QUESTIONS = ("00.q1", "00.q2", "00.q3", "00.q4")
MARK = f"kpo-hostile-{secrets.token_hex(6)}"  # in every process a hostile notebook starts
ISOLATION = find_isolation()

if not ISOLATION.works:
    if os.environ.get("KPO_REQUIRE_SANDBOX") == "1":
        raise RuntimeError(f"KPO_REQUIRE_SANDBOX=1 but grading cannot sandbox here: {ISOLATION.describe()}")
    pytest.skip(f"no working sandbox: {ISOLATION.describe()}", allow_module_level=True)


def nb(path: Path = EXERCISE):
    return nbformat.read(path, as_version=4)


def after_setup(notebook, source: str):
    index = next(i for i, c in enumerate(notebook.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
    notebook.cells.insert(index + 1, nbformat.v4.new_code_cell(source))
    return notebook


def set_answer(notebook, grade_id: str, source: str):
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    cell.source = source
    return notebook


def save(notebook, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


# Each hostile cell is written as a student would, knowing only what the grader's code (public) says.
KILLER = f"""
import os, signal
MARK = {MARK!r}
def parent(pid):
    try:
        return int(open(f"/proc/{{pid}}/stat").read().rsplit(")", 1)[1].split()[1])
    except Exception:
        return 0
me = os.getpid()
ancestors = [p for p in (parent(me), parent(parent(me)), parent(parent(parent(me)))) if p > 1]
for pid in [int(p) for p in os.listdir("/proc") if p.isdigit()]:
    line, p = [], pid
    while p > 1 and len(line) < 6:
        line.append(p)
        p = parent(p)
    if pid != me and (pid in ancestors or any(a in line for a in ancestors)):
        try:
            os.kill(pid, signal.SIGKILL)  # the fork server, the grader, every sibling kernel
        except OSError:
            pass
"""

READER = f"""
import json, os, pathlib, kpo_course
grabbed = []
places = [pathlib.Path(kpo_course.__file__).resolve().parent.parent / "solutions" / "00_warmup.ipynb"]
for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    try:
        args = [a.decode() for a in open(f"/proc/{{pid}}/cmdline", "rb").read().split(b"\\0")]
        cwd = pathlib.Path(os.readlink(f"/proc/{{pid}}/cwd"))
    except Exception:
        continue
    if "grade" in args and len(args) > args.index("grade") + 1:
        where = cwd / args[args.index("grade") + 1]
        places += sorted(where.rglob("*.ipynb"))
        if "--out" in args:
            out = cwd / args[args.index("--out") + 1]
            try:
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text("student,points\\nreader,100\\n")
            except OSError:
                pass
for place in places:
    try:
        cells = json.loads(place.read_text())["cells"]
    except Exception:
        continue
    grabbed.append(str(place))
    for cell in cells:
        if "answer" in str(cell.get("metadata", {{}}).get("nbgrader", {{}}).get("grade_id", "")):
            try:
                exec("".join(cell["source"]), globals())
            except Exception:
                pass
    try:
        if "solutions" not in str(place):
            with open(place, "a") as handle:
                handle.write(" ")  # spoil another student's original
    except OSError:
        pass
"""


def build_class(root: Path, honest_only: bool) -> Path:
    sub = root / "submissions"
    save(nb(SOLUTION), sub / "honest_a" / EX)
    save(set_answer(nb(), "answer-00-q1", "n_domains = len(domains)"), sub / "honest_b" / EX)
    save(nb(SOLUTION), sub / f"carol__{EX}")
    if honest_only:
        return sub
    cache, package = root / "instructor-cache", course_package()
    save(after_setup(nb(SOLUTION), KILLER), sub / "killer" / EX)
    vandal = f"""
import pathlib
for target in [pathlib.Path({str(package)!r}) / "checks" / "_vandal_{MARK[-12:]}.py",
               pathlib.Path({str(cache)!r}) / "content.json",
               pathlib.Path({str(package)!r}) / "content" / "_vandal_{MARK[-12:]}.yaml"]:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("def check(*args, **kwargs):\\n    return True\\n")
    except OSError:
        pass
"""
    save(after_setup(nb(SOLUTION), vandal), sub / "vandal" / EX)
    reader = nb()
    for question in QUESTIONS:  # every answer cell copies the answers it can find
        set_answer(reader, "answer-" + question.replace(".", "-"), READER)
    save(reader, sub / "reader" / EX)
    lingerer = f"""
import subprocess, sys
code = '''
import os, time
book, start = {str(root / 'out' / 'gradebook.csv')!r}, time.time()
while not os.path.exists(book) and time.time() - start < 60:
    time.sleep(0.1)
time.sleep(0.5)
open(book, "w").write("hacked")
'''
subprocess.Popen([sys.executable, "-c", code, {MARK!r}], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
"""
    save(after_setup(nb(SOLUTION), lingerer), sub / "lingerer" / EX)
    filler = ("import os\nwritten = 0\nfor i in range(8):  # at most 400 MB\n"
              "    with open(f'fill{i}.bin', 'wb') as handle:\n"
              "        for _ in range(50):\n            handle.write(b'0' * 2**20)\n            written += 1\n"
              "n_domains = len(domains)")
    save(set_answer(nb(SOLUTION), "answer-00-q1", filler), sub / "filler" / EX)
    forker = ("import os, time\nchildren = 0\nfor _ in range(300):  # far past --max-processes\n"
              "    if os.fork() == 0:\n        time.sleep(60)\n        os._exit(0)\n    children += 1\n"
              "n_domains = len(domains)")
    save(set_answer(nb(SOLUTION), "answer-00-q1", forker), sub / "forker" / EX)
    (sub / "linker").symlink_to(ROOT / "solutions", target_is_directory=True)  # a "student" that is a link
    (sub / "linked").mkdir()
    (sub / "linked" / EX).symlink_to(SOLUTION)
    save(nb(), sub / "dup" / EX)  # older, blank
    save(nb(SOLUTION), sub / "dup" / "again" / EX)  # newer: this one counts
    os.utime(sub / "dup" / EX, (time.time() - 3600, time.time() - 3600))
    save(nb(SOLUTION), sub / "=1+1" / EX)
    save(nb(SOLUTION), sub / ".hidden" / EX)
    (sub / "x.ipynb").mkdir()  # a folder named like a notebook, with nothing in it
    os.mkfifo(sub / f"fifo__{EX}")
    (sub / "notes.txt").write_text("not a notebook")
    return sub


def digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links not followed) and its hash, FIFOs and links by what they are."""
    found = {}
    for base, dirs, files in os.walk(folder):
        for name in sorted(files + [d for d in dirs if os.path.islink(os.path.join(base, d))]):
            path = Path(base) / name
            if path.is_symlink():
                found[str(path.relative_to(folder))] = "link:" + os.readlink(path)
            elif path.is_fifo():
                found[str(path.relative_to(folder))] = "fifo"
            elif "__pycache__" not in path.parts:
                found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def marked_processes(*marks: str) -> list[str]:
    left = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        line = " ".join(process.info.get("cmdline") or [])
        if any(mark in line for mark in marks):
            left.append(f"{process.info['pid']}: {line[:120]}")
    return left


def run_grader(root: Path, sub: Path, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_EXECUTION", "KPO_COURSE_CACHE")}
    env.update({"KPO_COURSE_CACHE": str(root / "instructor-cache"), "TMPDIR": str(root / "tmp")})
    env.update(env_extra or {})
    (root / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "kpo_course.cli", "grade", str(sub), "--out", str(root / "out" / "gradebook.csv"),
         "--jobs", "2", "--timeout", "20", "--scratch-mb", "64", "--notebook-timeout", "120", "--quiet"],
        capture_output=True, text=True, timeout=400, cwd=root, env=env)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def honest(rows: list[dict[str, str]]) -> list[tuple[str, ...]]:
    return sorted((r["student"], r["question"], r["points"], r["verdict"]) for r in rows
                  if r["student"] in ("honest_a", "honest_b", "carol"))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    clean_root = tmp_path_factory.mktemp("clean")
    clean = run_grader(clean_root, build_class(clean_root, honest_only=True))
    assert clean.returncode == 0, clean.stderr[-2000:]

    root = tmp_path_factory.mktemp("hostile")
    cache = root / "instructor-cache"
    cache.mkdir()
    (cache / "keep.txt").write_text("the instructor's cache")
    sub = build_class(root, honest_only=False)
    watched = {"submissions": sub, "package": course_package(), "solutions": ROOT / "solutions", "cache": cache}
    before = {name: digest(folder) for name, folder in watched.items()}
    result = run_grader(root, sub)
    left_at_end = marked_processes(MARK, str(root))
    book = root / "out" / "gradebook.csv"
    text_at_end = book.read_text(encoding="utf-8") if book.exists() else ""
    time.sleep(2)  # past the lingerer's wake-up (it waits for the gradebook, then rewrites it)
    after = {name: digest(folder) for name, folder in watched.items()}
    return {"clean": read_rows(clean_root / "out" / "gradebook.csv"), "result": result, "root": root,
            "rows": read_rows(book) if book.exists() else [], "text_at_end": text_at_end, "book": book,
            "before": before, "after": after, "left_at_end": left_at_end}


def rows_of(graded, student: str) -> dict[str, dict[str, str]]:
    return {r["question"]: r for r in graded["rows"] if r["student"] == student}


def test_the_hostile_run_finishes_and_honest_scores_equal_a_clean_run(graded):
    assert graded["result"].returncode == 0, graded["result"].stderr[-3000:]
    assert honest(graded["rows"]) == honest(graded["clean"])
    assert {r["student"] for r in graded["rows"]} >= {"honest_a", "honest_b", "carol"}


def test_nothing_was_changed_anywhere(graded):
    for name in ("submissions", "cache"):
        assert graded["after"][name] == graded["before"][name], name
    # The course package and solutions are shared with people editing them while this runs: any file that
    # changed must not be the vandal's work (everything it writes carries MARK).
    for name, folder in (("package", course_package()), ("solutions", ROOT / "solutions")):
        before, after = graded["before"][name], graded["after"][name]
        changed = [file for file in after if before.get(file) != after[file]]
        assert not [file for file in changed if MARK[-12:] in file], (name, changed)
        texts = {file: (folder / file).read_text(errors="replace") for file in changed if (folder / file).is_file()}
        assert not [file for file, text in texts.items() if "def check(*args" in text or MARK[-12:] in text], name
    english = {file: hash_ for file, hash_ in graded["after"]["solutions"].items() if "/" not in file}
    assert english == {f: h for f, h in graded["before"]["solutions"].items() if "/" not in f}  # nobody edits these now


def test_no_process_is_left_and_the_gradebook_stays_whole(graded):
    assert graded["left_at_end"] == []
    assert marked_processes(MARK) == []
    text = graded["book"].read_text(encoding="utf-8")
    assert text == graded["text_at_end"] and "hacked" not in text and "reader,100" not in text
    assert all(len(row) == len(gradebook.CSV_COLUMNS) and None not in row.values() for row in graded["rows"])
    leftovers = [p.name for p in (graded["root"] / "tmp").iterdir()]
    assert leftovers == []  # the grader's scratch is gone


def test_the_killer_harms_nobody_else(graded):
    killer = rows_of(graded, "killer")
    assert [killer[q]["verdict"] for q in QUESTIONS] == ["correct"] * 4  # it only killed what it could see


def test_the_reader_finds_no_solutions_no_submissions_and_no_gradebook(graded):
    reader = rows_of(graded, "reader")
    assert all(reader[q]["points"] == "0" and reader[q]["verdict"] != "correct" for q in QUESTIONS), reader


def test_the_filler_gets_its_own_error_and_the_class_goes_on(graded):
    filler = rows_of(graded, "filler")
    assert filler["00.q1"]["verdict"] == "error" and "OSError" in filler["00.q1"]["message"]
    assert [filler[q]["verdict"] for q in QUESTIONS[1:]] == ["correct"] * 3


def test_the_forker_hits_the_process_limit(graded):
    forker = rows_of(graded, "forker")
    assert forker["00.q1"]["verdict"] == "error", forker["00.q1"]
    assert "BlockingIOError" in forker["00.q1"]["message"], forker["00.q1"]  # fork: resource unavailable
    assert [forker[q]["verdict"] for q in QUESTIONS[1:]] == ["correct"] * 3


def test_links_are_not_followed(graded):
    for student in ("linker", "linked"):
        rows = [r for r in graded["rows"] if r["student"] == student and r["verdict"] != "missing"]
        assert rows and all(r["points"] == "0" and "symbolic link" in r["message"] for r in rows), rows


def test_one_notebook_per_student_and_exercise_counts(graded):
    dup = [r for r in graded["rows"] if r["student"] == "dup"]
    assert sum(float(r["points"]) for r in dup) == 4 and sum(float(r["max_points"]) for r in dup) == 4
    duplicate = [r for r in dup if r["message"].startswith("Duplicate")]
    assert len(duplicate) == 1 and "only the newest" in duplicate[0]["message"]


def test_odd_names_each_get_rows_and_no_formula_reaches_the_csv(graded):
    students = {r["student"] for r in graded["rows"]}
    assert {"'=1+1", ".hidden", "x.ipynb", "fifo", "notes.txt"} <= students, students
    assert sum(float(r["points"]) for r in graded["rows"] if r["student"] == "'=1+1") == 4
    assert all(not r[c].startswith(("=", "+", "-", "@")) for r in graded["rows"] for c in ("student", "message"))
    fifo = rows_of(graded, "fifo")
    assert all("named pipe" in r["message"] for r in fifo.values())


def test_a_notebook_gets_a_total_time(tmp_path):
    """Each cell under the cell limit, the notebook over its total: stopped, with a reason; the rest run."""
    slow = set_answer(nb(SOLUTION), "answer-00-q3", "import time\ntime.sleep(6)\nkpo_task = 'b'")
    set_answer(slow, "answer-00-q4", "import time\ntime.sleep(6)\nn_kpo_tasks = 5")
    save(slow, tmp_path / "sub" / "slow" / EX)
    from kpo_course import grading
    book = grading.grade(tmp_path / "sub", jobs=1, timeout=10, notebook_timeout=10)
    rows = {r.question: r for r in book.rows}
    assert rows["00.q1"].verdict == "correct"
    assert rows["00.q4"].verdict == "error" and "total time" in rows["00.q4"].message


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_grader_leaves_nothing(tmp_path, number):
    save(set_answer(nb(SOLUTION), "answer-00-q1", f"import time\nMARK = {MARK!r}\ntime.sleep(60)"),
         tmp_path / "sub" / "sleeper" / EX)
    (tmp_path / "tmp").mkdir()
    env = dict(os.environ, TMPDIR=str(tmp_path / "tmp"))
    process = subprocess.Popen([sys.executable, "-m", "kpo_course.cli", "grade", str(tmp_path / "sub"),
                                "--out", str(tmp_path / "gradebook.csv"), "--timeout", "90"],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any((tmp_path / "tmp").glob("kpo-grade-*/nb-*")):
        time.sleep(0.1)
    time.sleep(2)  # the kernel is in its sleep
    process.send_signal(number)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr[-2000:]
    time.sleep(0.5)
    assert list((tmp_path / "tmp").iterdir()) == []
    assert marked_processes(str(tmp_path)) == []
    assert not (tmp_path / "gradebook.csv").exists()


def test_without_a_sandbox_the_grader_refuses_unless_told(tmp_path, monkeypatch):
    from kpo_course import grading
    from kpo_course.grading import sandbox

    missing = sandbox.Isolation("none", None, "", False, "bwrap is not installed")
    monkeypatch.setattr(grading, "find_isolation", lambda: missing)
    save(nb(SOLUTION), tmp_path / "sub" / "ann" / EX)
    with pytest.raises(grading.SandboxUnavailable, match="--unsafe-no-sandbox"):
        grading.grade(tmp_path / "sub")


def test_submission_rules_without_running_anything(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / EX).write_text("{}")
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / "a" / "b" / EX).write_text("{}")
    os.utime(tmp_path / "a" / EX, (1, 1))
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / "empty").mkdir()
    found = {(s.student, str(s.path.relative_to(tmp_path))): s.problem for s in find_submissions(tmp_path)}
    assert found[("a", f"a/b/{EX}")] is None
    assert found[("a", f"a/{EX}")].startswith("Duplicate")
    assert found[("empty", "empty")].startswith("Nothing to grade")
    assert not any(student == ".ipynb_checkpoints" for student, _ in found)
    assert gradebook.csv_safe("@SUM(A1)") == "'@SUM(A1)" and gradebook.csv_safe("\t=1") == "'\t=1"


def test_an_interrupted_write_leaves_the_old_gradebook(tmp_path, monkeypatch):
    row = gradebook.Row("ann", EX, "00.q1", 1, 1, "correct", "Right")
    book = gradebook.Gradebook([gradebook.NotebookResult("ann", EX, "00", "x", rows=[row])])
    path = book.write_csv(tmp_path / "gradebook.csv")
    old = path.read_text()

    def broken(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gradebook.Row, "as_csv", broken)
    with pytest.raises(OSError):
        book.write_csv(path)
    assert path.read_text() == old and [p.name for p in tmp_path.iterdir()] == ["gradebook.csv"]


def test_no_host_folder_is_writable_from_inside(tmp_path):
    """Only the sandbox's own tmpfs takes writes: every folder bound from the host is read-only."""
    from kpo_course.grading.sandbox import Sandbox, kernel_environment

    box = Sandbox(tmp_path / "comm", program=ISOLATION.program, scratch_mb=16, cache=None)
    box.connection_file.write_text("{}")
    args = box.command(["true"])
    assert "--bind" not in args and "--bind-try" not in args
    hosts = sorted({args[i + 2] for i, a in enumerate(args) if a in ("--ro-bind", "--ro-bind-try")})
    hosts += ["/", "/dev", "/dev/shm", "/proc", "/sys"]  # bwrap's own root and /dev: memory without a limit
    probe = ("import os, sys\nwritable = []\nfor place in sys.argv[1:]:\n"
             "    folder = place if os.path.isdir(place) else os.path.dirname(place)\n"
             "    if folder == '/tmp' or folder.startswith('/tmp/'):\n        continue  # the size-limited scratch\n"
             "    try:\n        open(os.path.join(folder, '.kpo-probe'), 'w').close()\n"
             "        writable.append(folder)\n    except OSError:\n        pass\n"
             "open('/tmp/ok', 'w').close()\nprint(writable)")
    result = subprocess.run(box.command([sys.executable, "-c", probe, *hosts]), capture_output=True, text=True,
                            env=kernel_environment({}), timeout=60)
    box.close()
    assert result.returncode == 0, result.stderr[-1000:]
    assert result.stdout.strip() == "[]"


def test_doctor_says_which_isolation_grading_has(monkeypatch):
    from kpo_course import doctor
    from kpo_course.grading import sandbox

    assert doctor.grading_isolation().startswith("Grading isolation: ✓ bubblewrap")
    missing = sandbox.Isolation("none", None, "", False, "bwrap (Debian/Ubuntu package bubblewrap) is not installed")
    monkeypatch.setattr(sandbox, "find_isolation", lambda: missing)
    line = doctor.grading_isolation()
    assert "⚠" in line and "apt install bubblewrap" in line and "--unsafe-no-sandbox" in line


def test_a_course_under_tmp_stays_visible_inside_the_sandbox():
    """The scratch tmpfs is mounted at /tmp before any bind: a course (and its .venv) cloned under /tmp
    is bound on top of it, not hidden by it (a CI clone in /tmp once could not start a single kernel)."""
    from kpo_course.grading.sandbox import SCRATCH, bwrap_arguments

    args = bwrap_arguments(None, scratch_mb=64)
    tmpfs = args.index("--tmpfs")
    assert args[tmpfs + 1] == SCRATCH
    first_bind = min(i for i, a in enumerate(args) if a.startswith("--ro-bind"))
    assert tmpfs < first_bind
