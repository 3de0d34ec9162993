"""What to run for one submission: the instructor's reference, the student's notebook read with
care, which cell reports which answer, and the notebook the kernel runs.

The cell conventions (check calls, grade ids) come from :mod:`kpo_course.nbgrader_cells`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .fork_server import Zygote
from ..nbgrader_cells import cell_source as _source
from ..nbgrader_cells import check_calls as _check_calls
from ..nbgrader_cells import check_grade_id, checked_questions, question_of_grade_id
from ..nbgrader_cells import nbgrader_metadata as _nbgrader
from .submissions import EXERCISE_NAME, Submission

MAX_FILE_BYTES = 50 * 2**20


@dataclass(frozen=True)
class CheckSpec:
    question: str
    grade_id: str | None
    expression: str | None


@dataclass(frozen=True)
class MemoSpec:
    grade_id: str
    points: float
    title: str
    prompt: str = ""  # the exercise's own memo text: a memo left as it is counts as blank


@dataclass
class Reference:
    path: Path | None
    checks: dict[str, CheckSpec] = field(default_factory=dict)
    memos: list[MemoSpec] = field(default_factory=list)
    locked: dict[str, str] = field(default_factory=dict)  # grade_id -> source of read-only cells


def _heading_before(cells: list, index: int) -> str:
    for cell in reversed(cells[:index]):
        if cell.get("cell_type") == "markdown":
            for line in _source(cell).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def load_reference(path: Path) -> Reference:
    from .library_ties import import_nbformat

    import_nbformat()
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    reference = Reference(path)
    for index, cell in enumerate(notebook.cells):
        meta = _nbgrader(cell)
        grade_id = meta.get("grade_id")
        if cell.cell_type == "code":
            for question_id, expression in _check_calls(_source(cell)):
                reference.checks.setdefault(question_id, CheckSpec(question_id, grade_id, expression))
            if grade_id and meta.get("locked") and not meta.get("solution"):
                reference.locked[grade_id] = _source(cell)
        elif cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution") and grade_id:
            reference.memos.append(MemoSpec(grade_id, float(meta.get("points") or 0),
                                             _heading_before(notebook.cells, index), _source(cell)))
    return reference


def find_references(folder: Path | None) -> dict[str, Path]:
    if folder is None or not Path(folder).is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in sorted(Path(folder).glob("*.ipynb")):
        match = EXERCISE_NAME.match(path.name)
        if match:
            found.setdefault(match.group(1), path)
    return found


@dataclass
class Options:
    timeout: float
    limits: dict[str, Any]
    language: str
    references: dict[str, Reference]
    zygote: Zygote | None
    workdir: Path
    retries: int = 2
    sandbox_program: str | None = None  # bwrap: each kernel in a sandbox of its own (None: unisolated)
    scratch_mb: int = 256  # the sandbox's private /tmp
    notebook_seconds: float | None = None  # wall time for the whole notebook, all tries together
    content_cache: Path | None = None  # the parsed content, written by the grader in this run (read-only to kernels)


@dataclass
class Plan:
    submission: Submission
    exercise: str
    questions: list  # kpo_course.checks.Question
    reference: Reference
    notebook: Any  # the student's nbformat notebook
    captures: dict[int, list[tuple[str, str]]]  # cell index -> [(question id, expression)]
    missing: dict[str, str]  # question id -> why it cannot be graded
    memos: list[tuple[MemoSpec, str | None]]  # memo, the student's text (None: cell missing)


class Rejected(Exception):
    """The file cannot be graded at all; the message says why."""


def _read_notebook(path: Path):
    from .library_ties import import_nbformat

    import_nbformat()
    import nbformat

    size = path.stat().st_size
    if size == 0:
        raise Rejected("The file is empty: nothing was submitted in it.")
    if size > MAX_FILE_BYTES:
        raise Rejected(f"The file is too large to be a notebook ({size / 2**20:.0f} MB).")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Rejected("This is not a notebook: the file is binary, not text. Submit the .ipynb file "
                        "of the exercise.") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        if suffix != ".ipynb":
            raise Rejected(f"This is not a notebook but a {suffix or 'plain'} file. "
                            "Submit the .ipynb file.") from None
        raise Rejected(f"The notebook file is damaged: it is not valid JSON ({error}).") from None
    if not (isinstance(data, dict) and ("cells" in data or "worksheets" in data)):
        raise Rejected("This JSON file is not a Jupyter notebook: it has no cells. Submit the .ipynb file "
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
        raise Rejected(f"This JSON file is not a Jupyter notebook ({type(error).__name__}: {first}).") from None
    return notebook


def plan_submission(submission: Submission, options: Options) -> Plan:
    from .. import checks

    exercise = submission.exercise
    if exercise is None:
        raise Rejected(f"Cannot tell which exercise this is: its name should start with the exercise "
                        f"number, e.g. 00_warmup.ipynb (got {submission.notebook!r}).")
    questions = checks.questions(exercise)
    reference = options.references.get(exercise) or Reference(None)
    if not questions and not reference.memos:
        raise Rejected(f"There is no exercise {exercise} in this course, so nothing in this file can be graded.")
    notebook = _read_notebook(submission.path)
    cells = notebook.cells

    found_ids: set[str] = set()
    for cell in cells:
        named = question_of_grade_id(_nbgrader(cell).get("grade_id", ""))
        if named:
            found_ids.add(named)
        if cell.cell_type == "code":
            found_ids.update(checked_questions(_source(cell)))
    exercises_in_content = {qid.split(".")[0] for qid in found_ids}
    if exercises_in_content and exercise not in exercises_in_content:
        others = ", ".join(sorted(exercises_in_content))
        raise Rejected(f"This notebook is exercise {others} (its check cells say so), but its file name says "
                        f"exercise {exercise}. Submit exercise {exercise} under this name.")

    by_grade_id = {str(_nbgrader(c).get("grade_id")): i for i, c in enumerate(cells)
                   if c.cell_type == "code" and _nbgrader(c).get("grade_id")}
    captures: dict[int, list[tuple[str, str]]] = {}
    missing: dict[str, str] = {}
    for item in questions:
        spec = reference.checks.get(item.id)
        grade_id = spec.grade_id if spec and spec.grade_id else check_grade_id(item.id)
        index = by_grade_id.get(grade_id)
        if index is None:
            index = next((i for i, c in enumerate(cells)
                          if c.cell_type == "code" and item.id in checked_questions(_source(c))), None)
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
    return Plan(submission, exercise, questions, reference, notebook, captures, missing, memos)


def cell_label(plan: Plan, index: int) -> str:
    first = next((line.strip() for line in _source(plan.notebook.cells[index]).splitlines() if line.strip()), "")
    if len(first) > 50:
        first = first[:47] + "..."
    return f"cell {index + 1}" + (f" (`{first}`)" if first else "")


def kernel_notebook(plan: Plan, nonce: str, skipped: Mapping[int, str], language: str, forked: bool = True):
    """The notebook the kernel runs: the grader's first cell, the student's cells with check cells
    (and read-only cells) replaced by the instructor's, and cells that hung or killed the kernel emptied."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    helper = f"_kpo_grader_{nonce}"
    cells = [new_code_cell(
        # Forked kernels loaded matplotlib before IPython existed: hook the inline backend up as a fresh
        # kernel does when pyplot is first imported (figures shown and closed after each cell).
        ("get_ipython().run_line_magic('matplotlib', 'inline')\n" if forked else "")
        + f"from kpo_course.grading.transport import kernel_grader as _kpo_make_grader\n"
        f"{helper} = _kpo_make_grader({nonce!r}, {language!r})\n"
        f"del _kpo_make_grader", metadata={"kpo_grader": "setup"})]
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
