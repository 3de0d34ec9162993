"""Build ``exercises/X.ipynb`` from ``solutions/X.ipynb`` (the single source).

In code cells, the lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` become a
stub that still runs: one ``name = ...`` line for every name the solution assigns (or a
bare ``...``), so an exercise notebook runs top to bottom and its checks say "not answered
yet". In markdown cells the text between the markers becomes a prompt. All outputs are
cleared (a stored ✓ would give the answer away). nbgrader metadata (schema_version 3) is
kept, or added to solution cells and to cells that call ``kpo.check``.

>>> stub_for("    total = 3 * 4\\n    ratio = total / 2\\n")
'    total = ...  # your answer\\n    ratio = ...  # your answer\\n'
"""
from __future__ import annotations

import ast
import copy
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .. import nbgrader_cells as cells

MARKDOWN_PROMPT = "✍️ *Write your answer here.*"


class BuildError(cells.MarkerError):
    """A solution notebook that cannot be turned into an exercise (names the file and cell)."""


def _assigned_names(code: str) -> list[str]:
    """Names assigned at the top level of ``code``, in order of first assignment."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return []
    names: list[str] = []

    def add(target: ast.expr) -> None:
        if isinstance(target, ast.Name) and target.id not in names:
            names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                add(element)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                add(target)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            add(node.target)
    return names


def stub_for(solution: str) -> str:
    """The runnable stub that replaces a solution region (keeps its indentation)."""
    lines = [line for line in solution.splitlines() if line.strip()]
    indent = re.match(r"\s*", lines[0]).group(0) if lines else ""
    names = _assigned_names(solution)
    if not names:
        return f"{indent}...  # your code here\n"
    return "".join(f"{indent}{name} = ...  # your answer\n" for name in names)


def _replace_regions(source: str, replace, where: str) -> tuple[str, int]:
    try:
        return cells.replace_solution_regions(source, replace, where)
    except cells.MarkerError as error:
        raise BuildError(str(error)) from None


def _points(question_id: str) -> float:
    from ..checks import question
    try:
        return float(question(question_id).points)
    except KeyError:
        return 1.0


def exercise_from_solution(solution: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """The exercise notebook for one solution notebook (the input is not changed)."""
    notebook = copy.deepcopy(solution)
    notebook.metadata.pop("widgets", None)
    # Only what the kernel needs: the executing machine's Python version must not leak into exercises.
    notebook.metadata["language_info"] = {"name": "python"}
    for index, cell in enumerate(notebook.cells):
        where = f"{name}, cell {index + 1}"
        if cell.cell_type == "code":
            cell.source, regions = _replace_regions(cell.source, stub_for, where)
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
            question_id = cells.first_check_question(cell.source)
            has_metadata = "nbgrader" in cell.metadata
            if not has_metadata and regions:
                cell.metadata["nbgrader"] = {
                    "schema_version": cells.SCHEMA_VERSION, "solution": True, "grade": False,
                    "locked": False, "grade_id": cells.answer_grade_id(cell.get("id", index)),
                }
            elif not has_metadata and question_id:
                cell.metadata["nbgrader"] = {
                    "schema_version": cells.SCHEMA_VERSION, "solution": False, "grade": True,
                    "locked": True, "points": _points(question_id),
                    "grade_id": cells.check_grade_id(question_id),
                }
        elif cell.cell_type == "markdown":
            cell.source, _ = _replace_regions(cell.source, lambda _region: MARKDOWN_PROMPT + "\n", where)
    return notebook


def _render(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


@dataclass(frozen=True)
class Plan:
    """What ``build`` would write: exercise path -> new text, and which differ from disk."""

    outputs: dict[Path, str]
    stale: list[Path]


def plan(root: Path) -> Plan:
    """Compute every exercise from ``root/solutions`` without writing anything."""
    sources = sorted((root / "solutions").glob("*.ipynb"))
    if not sources:  # a student copy: building would delete every exercise
        raise BuildError(f"no solution notebooks in {root / 'solutions'}: exercises are built from solutions/, "
                         "which a student copy does not have; nothing was changed.")
    outputs: dict[Path, str] = {}
    for source in sources:
        solution = nbformat.read(source, as_version=4)
        target = root / "exercises" / source.name
        outputs[target] = _render(exercise_from_solution(solution, f"solutions/{source.name}"))
    stale = [p for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    known = set(outputs)
    orphans = [p for p in sorted((root / "exercises").glob("*.ipynb")) if p not in known]
    return Plan(outputs, stale + orphans)


def build(root: Path, *, check: bool = False) -> list[Path]:
    """Write the stale exercises (or, with ``check``, only list them); return their paths."""
    result = plan(root)
    if not check:
        (root / "exercises").mkdir(exist_ok=True)
        for path in result.stale:
            if path in result.outputs:
                path.write_text(result.outputs[path], encoding="utf-8")
            else:
                path.unlink()  # an exercise whose solution was removed
    return result.stale
