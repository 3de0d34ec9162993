"""``kpo-course grade``: a batch of good, bad and dishonest submissions, graded once.

One module-scoped batch (the CLI, 2 kernels at a time) serves most tests; a second, small
batch checks the CPU limit through the launcher used without the fork server.
"""
from __future__ import annotations

import copy
import csv
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpo_course import checks, grading
from kpo_course.grading import report as grading_report

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "00_warmup.ipynb"
EXERCISE = ROOT / "exercises" / "00_warmup.ipynb"
TIMEOUT = 3  # seconds per cell in this batch: endless loops are stopped quickly
MEMORY_MB = 1024
MEMO = ("memo-00", 2)
ANSWER = {"00.q1": "answer-00-q1", "00.q2": "answer-00-q2", "00.q3": "answer-00-q3", "00.q4": "answer-00-q4"}
OTHER_EXERCISE = next((q.exercise for q in checks.questions() if q.exercise not in ("00",)), None)
CHART = next((q for q in checks.questions() if q.kind == "chart"
              and list((ROOT / "solutions").glob(f"{q.exercise}_*.ipynb"))), None)


# --------------------------------------------------------------------------- building the batch


def notebook(path: Path = SOLUTION):
    return nbformat.read(path, as_version=4)


def with_memo(nb, text: str = "My memo: KPO moves *knowledge* work, not routine work.") -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["nbgrader"] = {"grade": True, "solution": True, "locked": False, "points": MEMO[1],
                                 "grade_id": MEMO[0], "schema_version": 3}
    nb.cells.insert(len(nb.cells) - 1, cell)
    return nb


def cell_index(nb, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def set_cell(nb, grade_id: str, source: str):
    nb.cells[cell_index(nb, grade_id)].source = source
    return nb


def insert_after(nb, grade_id: str, source: str):
    nb.cells.insert(cell_index(nb, grade_id) + 1, nbformat.v4.new_code_cell(source))
    return nb


def save(nb, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


CHEAT_REDEFINE = """
import kpo_course, kpo_course.checks as checks
from kpo_course.checks.feedback import Feedback
from kpo_course.checks.kinds import Verdict

def always_right(question_id, answer=...):
    return Feedback(question_id, True, "Right!", points=1, max_points=1)

kpo.check = kpo_course.check = checks.check = always_right
for item in checks.questions("00"):
    object.__setattr__(item, "checker", lambda answer: Verdict(True, {"en": "Right!", "sv": "Rätt!"}))
"""

CHEAT_FAKE_LINES = """
import json
for q, value in [("00.q1", ["int", "8"]), ("00.q2", ["bool", True]), ("00.q3", ["str", "b"])]:
    for nonce in ("0" * 24, "deadbeef"):
        print(f"KPO-GRADER {nonce} " + json.dumps({"q": q, "value": value, "kernel": {"correct": True}}))
"""

CHEAT_HOOK = """
import json, re
def forge(info):
    found = re.search(r"_kpo_grader_([0-9a-f]+)\\('(00\\.q\\d)'", info.raw_cell or "")
    if found:
        print(f"KPO-GRADER {found.group(1)} " + json.dumps(
            {"q": found.group(2), "opaque": "x", "type": "Figure", "kernel": {"correct": True, "message": "Right"}}))
get_ipython().events.register("pre_run_cell", forge)
"""

OPAQUE_CHEAT = """
import kpo_course.checks.kinds as kinds
kinds.as_number = lambda answer: 8.0          # every answer "is" 8 inside this kernel

class Eight:
    def __eq__(self, other):
        return True
"""


def build_batch(root: Path) -> tuple[Path, Path]:
    """The submissions folder and the reference exercises folder (exercise 00 with a memo cell)."""
    reference = root / "reference"
    save(with_memo(notebook(EXERCISE), "Write your memo here."), reference / "00_warmup.ipynb")
    sub = root / "submissions"
    ex = "00_warmup.ipynb"

    save(with_memo(notebook()), sub / "perfect" / ex)
    save(notebook(EXERCISE), sub / "blank" / ex)
    partial = notebook(EXERCISE)
    set_cell(partial, ANSWER["00.q1"], "n_domains = len(domains)")
    set_cell(partial, ANSWER["00.q2"], "kpo_is_part_of_bpo = False")
    set_cell(partial, ANSWER["00.q3"], "kpo_task = \"<script>alert('x')</script>\"")
    save(partial, sub / "partial" / ex)

    redefine = insert_after(notebook(EXERCISE), "setup", CHEAT_REDEFINE)
    for question, wrong in zip(ANSWER, ("n_domains = 3", "kpo_is_part_of_bpo = False", "kpo_task = 'a'",
                                        "n_kpo_tasks = 99")):
        set_cell(redefine, ANSWER[question], wrong)
    save(redefine, sub / "cheat_redefine" / ex)
    save(insert_after(notebook(EXERCISE), "setup", CHEAT_FAKE_LINES), sub / "cheat_fake_lines" / ex)
    save(insert_after(notebook(EXERCISE), "setup", CHEAT_HOOK), sub / "cheat_hook" / ex)
    opaque = insert_after(notebook(EXERCISE), "setup", OPAQUE_CHEAT)
    set_cell(opaque, ANSWER["00.q1"], "n_domains = Eight()")
    save(opaque, sub / "cheat_opaque" / ex)
    edited = notebook(EXERCISE)
    set_cell(edited, "check-00-q1", 'kpo.check("00.q1", 8)')
    set_cell(edited, "check-00-q2", 'kpo_is_part_of_bpo = True\nkpo.check("00.q2", kpo_is_part_of_bpo)')
    save(edited, sub / "cheat_edit_check" / ex)

    missing = notebook()
    del missing.cells[cell_index(missing, "check-00-q2")]
    renamed = missing.cells[cell_index(missing, "check-00-q3")]
    renamed.metadata["nbgrader"]["grade_id"] = "my-cell"
    renamed.source = 'kpo.check("00.q9", kpo_task)'
    save(missing, sub / "missing_check" / ex)

    save(set_cell(notebook(), ANSWER["00.q1"], "n_domains = = 8"), sub / "syntax_error" / ex)
    save(set_cell(notebook(), ANSWER["00.q2"], "kpo_is_part_of_bpo = 1 / 0"), sub / "exception" / ex)
    save(set_cell(notebook(), ANSWER["00.q3"], "while True:\n    pass\nkpo_task = 'b'"), sub / "endless_loop" / ex)
    save(set_cell(notebook(), ANSWER["00.q4"],
                  "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(10**6)\n"
                  "n_kpo_tasks = 5"), sub / "ignores_interrupt" / ex)
    save(set_cell(notebook(), ANSWER["00.q1"],
                  # one 10 GB request fails at once; filling 200 MB blocks up to the limit could outlast
                  # the 3 s cell limit on a busy machine and be reported as too slow instead
                  "blocks = bytearray(10 * 2**30)  # 10 GB\nn_domains = len(domains)"),
         sub / "memory_hog" / ex)
    save(set_cell(notebook(), ANSWER["00.q2"], "import os\nos.kill(os.getpid(), 9)\nkpo_is_part_of_bpo = True"),
         sub / "kills_kernel" / ex)

    good = SOLUTION.read_text(encoding="utf-8")
    (sub / "corrupt_json").mkdir()
    (sub / "corrupt_json" / ex).write_text(good[: len(good) // 2], encoding="utf-8")
    (sub / "empty").mkdir()
    (sub / "empty" / ex).write_bytes(b"")
    (sub / "json_not_notebook").mkdir()
    (sub / "json_not_notebook" / ex).write_text('{"hello": "world"}', encoding="utf-8")
    (sub / "python_file").mkdir()
    (sub / "python_file" / "00_warmup.py").write_text("n_domains = 8\n", encoding="utf-8")
    (sub / "binary").mkdir()
    (sub / "binary" / ex).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    if OTHER_EXERCISE:
        save(notebook(), sub / "wrong_exercise" / f"{OTHER_EXERCISE}_other_name.ipynb")
    save(notebook(), sub / "unknown_exercise" / "99_bonus.ipynb")
    (sub / "perfect" / "notes.txt").write_text("not graded", encoding="utf-8")  # neither .ipynb nor NN_...
    (sub / "perfect" / ".ipynb_checkpoints").mkdir()
    save(notebook(EXERCISE), sub / "perfect" / ".ipynb_checkpoints" / "00_warmup-checkpoint.ipynb")
    save(notebook(), sub / "carol__00_warmup.ipynb")  # flat layout
    if CHART:  # a chart answer (a Figure) and an exercise without a reference notebook
        chart_solution = next((ROOT / "solutions").glob(f"{CHART.exercise}_*.ipynb"))
        save(notebook(chart_solution), sub / "chart" / chart_solution.name)
    return sub, reference


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("grading")
    sub, reference = build_batch(root)
    before = snapshot(sub)
    out = root / "out" / "gradebook.csv"
    env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
    result = subprocess.run(
        [sys.executable, "-m", "kpo_course.cli", "grade", str(sub), "--out", str(out), "--jobs", "2",
         "--timeout", str(TIMEOUT), "--memory-mb", str(MEMORY_MB), "--exercises", str(reference)],
        capture_output=True, text=True, timeout=600, cwd=root, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {"root": root, "sub": sub, "out": out, "rows": rows, "stdout": result.stdout,
            "stderr": result.stderr, "before": before, "after": snapshot(sub)}


def rows_of(batch, student: str, notebook: str = "00_warmup.ipynb") -> dict[str, dict[str, str]]:
    return {r["question"]: r for r in batch["rows"] if r["student"] == student and r["notebook"] == notebook}


def points(batch, student: str) -> float:
    return sum(float(r["points"]) for r in batch["rows"] if r["student"] == student)


# --------------------------------------------------------------------------- the gradebook


def test_gradebook_has_the_columns_and_a_row_per_question(batch):
    assert list(batch["rows"][0]) == list(grading.CSV_COLUMNS)
    perfect = rows_of(batch, "perfect")
    assert set(perfect) == {"00.q1", "00.q2", "00.q3", "00.q4", MEMO[0]}
    assert all(perfect[q]["verdict"] == "correct" and perfect[q]["points"] == "1" for q in ANSWER)
    assert {r["verdict"] for r in batch["rows"]} <= set(grading.VERDICTS)


def test_memo_is_manual_with_its_max_points_and_no_auto_points(batch):
    memo = rows_of(batch, "perfect")[MEMO[0]]
    assert (memo["verdict"], memo["points"], memo["max_points"]) == ("manual", "0", str(MEMO[1]))
    blank_memo = rows_of(batch, "blank")[MEMO[0]]
    assert blank_memo["verdict"] == "manual" and "missing" in blank_memo["message"].lower()


def test_blank_and_partial_answers(batch):
    blank = rows_of(batch, "blank")
    assert all(blank[q]["verdict"] == "unanswered" and blank[q]["points"] == "0" for q in ANSWER)
    partial = rows_of(batch, "partial")
    assert [partial[q]["verdict"] for q in ANSWER] == ["correct", "wrong", "wrong", "unanswered"]
    assert points(batch, "partial") == 1


def test_flat_layout_is_graded_as_its_student(batch):
    assert points(batch, "carol") == 4


def test_checkpoints_and_other_files_are_not_graded(batch):
    graded = {r["notebook"] for r in batch["rows"] if r["student"] == "perfect" and r["verdict"] != "missing"}
    assert graded == {"00_warmup.ipynb"}


@pytest.mark.skipif(CHART is None, reason="no chart question with a solution yet")
def test_a_chart_answer_is_judged_in_the_kernel_and_marked_for_a_look(batch):
    rows = {r["question"]: r for r in batch["rows"] if r["student"] == "chart" and r["verdict"] != "missing"}
    assert rows[CHART.id]["verdict"] == "correct"
    auto = [r for r in rows.values() if r["verdict"] != "manual"]
    assert all(r["verdict"] == "correct" for r in auto), {q: r["message"] for q, r in rows.items()}
    assert "Checked inside your notebook" in feedback_page(batch, "chart")
    assert "judged inside the student's kernel" in batch["stdout"]
    others = rows_of(batch, "blank", next((ROOT / "solutions").glob(f"{CHART.exercise}_*.ipynb")).name)
    assert others and all(r["verdict"] == "missing" for r in others.values())


def test_submitted_files_are_never_modified(batch):
    assert batch["after"] == batch["before"]


# --------------------------------------------------------------------------- dishonest submissions


def test_redefining_check_and_patching_checkers_earns_nothing(batch):
    rows = rows_of(batch, "cheat_redefine")
    assert points(batch, "cheat_redefine") == 0
    assert all(rows[q]["verdict"] == "wrong" for q in ANSWER)
    assert "judged differently" in rows["00.q1"]["message"]  # the kernel's own (patched) verdict disagreed


def test_printed_fake_result_lines_are_ignored(batch):
    rows = rows_of(batch, "cheat_fake_lines")
    assert points(batch, "cheat_fake_lines") == 0
    assert all(rows[q]["verdict"] == "unanswered" for q in ANSWER)


def test_a_hook_that_forges_the_graders_line_is_caught(batch):
    rows = rows_of(batch, "cheat_hook")
    assert points(batch, "cheat_hook") == 0
    assert all(rows[q]["verdict"] == "error" and "tampered" in rows[q]["message"] for q in ANSWER)


def test_a_non_data_answer_is_not_judged_by_a_patched_kernel(batch):
    row = rows_of(batch, "cheat_opaque")["00.q1"]
    assert (row["verdict"], row["points"]) == ("wrong", "0")
    assert "Eight" in row["message"]


def test_edited_check_cells_are_replaced_by_the_instructors(batch):
    rows = rows_of(batch, "cheat_edit_check")
    assert points(batch, "cheat_edit_check") == 0
    assert rows["00.q1"]["verdict"] == rows["00.q2"]["verdict"] == "unanswered"


# --------------------------------------------------------------------------- broken submissions


def test_deleted_or_renamed_check_cells_score_zero_with_the_reason(batch):
    rows = rows_of(batch, "missing_check")
    for q in ("00.q2", "00.q3"):
        assert rows[q]["verdict"] == "error" and rows[q]["points"] == "0"
        assert "check cell missing" in rows[q]["message"].lower()
    assert rows["00.q1"]["verdict"] == rows["00.q4"]["verdict"] == "correct"


@pytest.mark.parametrize("student, question, words", [
    ("syntax_error", "00.q1", ["SyntaxError", "n_domains"]),
    ("exception", "00.q2", ["ZeroDivisionError"]),
    ("endless_loop", "00.q3", ["stopped after"]),
    ("ignores_interrupt", "00.q4", ["ignored the interrupt"]),
    ("memory_hog", "00.q1", ["out of memory", f"{MEMORY_MB} MB"]),
    ("kills_kernel", "00.q2", ["killed", "without that cell"]),
])
def test_a_failing_cell_costs_only_its_own_question(batch, student, question, words):
    rows = rows_of(batch, student)
    assert rows[question]["verdict"] == "error" and rows[question]["points"] == "0"
    for word in words:
        assert word in rows[question]["message"] or word in feedback_page(batch, student), word
    others = [q for q in ANSWER if q != question]
    assert all(rows[q]["verdict"] == "correct" for q in others), {q: rows[q]["message"] for q in others}


@pytest.mark.parametrize("student, notebook_name, words", [
    ("corrupt_json", "00_warmup.ipynb", "not valid JSON"),
    ("empty", "00_warmup.ipynb", "empty"),
    ("json_not_notebook", "00_warmup.ipynb", "not a Jupyter notebook: it has no cells"),
    ("python_file", "00_warmup.py", "not a notebook"),
    ("binary", "00_warmup.ipynb", "binary, not text"),
])
def test_files_that_are_not_notebooks_get_rows_with_the_reason(batch, student, notebook_name, words):
    rows = rows_of(batch, student, notebook_name)
    assert set(rows) == {*ANSWER, MEMO[0]}
    assert all(r["verdict"] == "error" and r["points"] == "0" and words in r["message"] for r in rows.values())


@pytest.mark.skipif(OTHER_EXERCISE is None, reason="no second exercise with questions yet")
def test_a_notebook_under_another_exercises_name_scores_zero_and_says_so(batch):
    rows = rows_of(batch, "wrong_exercise", f"{OTHER_EXERCISE}_other_name.ipynb")
    assert set(rows) >= {q.id for q in checks.questions(OTHER_EXERCISE)}
    assert all(r["points"] == "0" and "is exercise 00" in r["message"] for r in rows.values())
    missing = rows_of(batch, "wrong_exercise")  # and exercise 00, which everyone else handed in, is missing
    assert missing and all(r["verdict"] == "missing" for r in missing.values())


def test_an_unknown_exercise_gets_one_row_that_says_so(batch):
    rows = rows_of(batch, "unknown_exercise", "99_bonus.ipynb")
    assert len(rows) == 1
    (row,) = rows.values()
    assert row["verdict"] == "error" and "no exercise 99" in row["message"]


# --------------------------------------------------------------------------- report


def feedback_page(batch, student: str) -> str:
    return (batch["out"].parent / "feedback" / f"{student}.html").read_text(encoding="utf-8")


def test_every_student_gets_an_escaped_feedback_page(batch):
    students = {r["student"] for r in batch["rows"]}
    pages = {p.stem for p in (batch["out"].parent / "feedback").glob("*.html")}
    assert pages == students
    page = feedback_page(batch, "partial")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "✓ Correct" in page and "✗ Not yet right" in page and "Hint" in page
    assert "My memo" in feedback_page(batch, "perfect")


def test_summary_progress_and_histogram(batch):
    stdout, stderr = batch["stdout"], batch["stderr"]
    assert "Mean score per question" in stdout and "Hardest questions" in stdout
    assert "Seconds per notebook" in stdout
    n = len({(r["student"], r["notebook"]) for r in batch["rows"] if r["verdict"] != "missing"})
    assert f"[{n}/{n}]" in stderr and "[1/" in stderr
    png = batch["out"].with_name("gradebook_totals.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_help_documents_both_layouts():
    result = subprocess.run([sys.executable, "-m", "kpo_course.cli", "grade", "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "SUBMISSIONS/alice/00_warmup.ipynb" in result.stdout
    assert "STUDENT__NN_name.ipynb" in result.stdout and "--jobs" in result.stdout


def test_cli_rejects_a_missing_folder(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kpo_course.cli", "grade", str(tmp_path / "nope")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "not a folder" in result.stderr


# --------------------------------------------------------------------------- limits without the fork server


def test_cpu_limit_through_the_launcher(tmp_path):
    sub = tmp_path / "sub"
    save(set_cell(notebook(), ANSWER["00.q1"], "sum(range(10**13))  # C code: no interrupt gets in\nn_domains = 8"),
         sub / "cpu_hog" / "00_warmup.ipynb")
    book = grading.grade(sub, jobs=1, timeout=60, cpu_seconds=5, prefork=False)  # a fresh kernel needs ~2 s
    rows = {r.question: r for r in book.rows}
    assert rows["00.q1"].verdict == "error" and rows["00.q1"].points == 0
    (result,) = book.results
    assert any("CPU time" in note for note in result.notes), result.notes
    assert [rows[q].verdict for q in ("00.q2", "00.q3", "00.q4")] == ["correct"] * 3


# --------------------------------------------------------------------------- answers as data


plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text() | st.just(...),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4),
    max_leaves=20)


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


@settings(max_examples=150, deadline=None)
@given(plain)
def test_plain_answers_survive_the_trip_out_of_the_kernel(value):
    wire = json.loads(json.dumps(grading.encode_answer(value)))
    assert same(grading.decode_answer(wire), value)


def test_tables_and_numpy_values_survive_the_trip():
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame({"firm": ["A", "B"], "year": pd.array([2001, None], dtype="Int64"), "share": [0.5, 1.5]},
                         index=["x", "y"])
    for value in (frame, frame["share"], np.int64(7), np.float64(2.5), np.array([[1, 2], [3, 4]]),
                  pd.Series([1, 2], index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)]))):
        back = grading.decode_answer(json.loads(json.dumps(grading.encode_answer(value))))
        assert type(back) is type(value)
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(back, value)
        elif isinstance(value, pd.Series):
            pd.testing.assert_series_equal(back, value)
        else:
            assert np.array_equal(back, value)


@pytest.mark.parametrize("forged", [[], ["int"], ["int", 5], ["dict", [[1]]], ["eval", "1"], ["list", "x"],
                                    ["np", "object", ["int", "1"]], ["frame", [], ["range", 0, 1]], "x"])
def test_forged_data_is_refused_not_evaluated(forged):
    with pytest.raises(Exception):
        grading.decode_answer(forged)


def test_figures_are_not_plain_data():
    from matplotlib.figure import Figure

    with pytest.raises(grading.Opaque):
        grading.encode_answer(Figure())
    with pytest.raises(grading.Opaque):
        grading.encode_answer([1, object()])


def test_summary_and_histogram_from_a_gradebook(tmp_path):
    row = grading.Row("ann", "00_warmup.ipynb", "00.q1", 1, 1, "correct", "Right")
    book = grading.Gradebook([grading.NotebookResult("ann", "00_warmup.ipynb", "00", "x", rows=[row], seconds=0.5)])
    assert "00.q1" in grading_report.summary(book)
    assert grading_report.save_histogram(book, tmp_path / "h.png").stat().st_size > 1000
    assert grading_report.feedback_file_name("../Ann Li") == "Ann_Li.html"
    copy.deepcopy(book)
