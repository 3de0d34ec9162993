"""nbgrader's cell conventions as this course uses them: one home for build, release and grading.

A solution region sits between two marker lines; a check cell calls ``kpo.check("NN.qK", answer)``
and carries the grade id ``check-NN-qK``; an answer cell without a grade id of its own gets
``answer-<cell id>``. Standard library only.

>>> solution_regions("a = 1\\n### BEGIN SOLUTION\\nb = 2\\n### END SOLUTION\\n")
['b = 2']
>>> check_calls('kpo.check("00.q2", kpo_is_part_of_bpo)')
[('00.q2', 'kpo_is_part_of_bpo')]
>>> check_grade_id("03.q1"), question_of_grade_id("check-03-q1")
('check-03-q1', '03.q1')
"""
from __future__ import annotations

import ast
import re
from typing import Any, Callable, Mapping

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
MARKERS = (BEGIN, END, BEGIN_HIDDEN, END_HIDDEN)
SCHEMA_VERSION = 3

QUESTION_ID = re.compile(r"^\d{2}\.q\d+$")
CHECK_CALL = re.compile(r"""check\(\s*["'](\d{2}\.q\d+)["']""")
_CHECK_GRADE_ID = re.compile(r"^check-(\d{2})-(q\d+)$")


class MarkerError(ValueError):
    """Solution markers that do not pair up (the message says where)."""


def nbgrader_metadata(cell: Mapping[str, Any]) -> Mapping[str, Any]:
    """A cell's ``nbgrader`` metadata, or an empty mapping (never raises on odd metadata).

    >>> nbgrader_metadata({"metadata": {"nbgrader": {"grade": True}}})
    {'grade': True}
    >>> nbgrader_metadata({"metadata": "junk"})
    {}
    """
    meta = cell.get("metadata", {})
    data = meta.get("nbgrader", {}) if isinstance(meta, Mapping) else {}
    return data if isinstance(data, Mapping) else {}


def cell_source(cell: Mapping[str, Any]) -> str:
    """A cell's source as one string (nbformat's list-of-lines form joined; anything else: "").

    >>> cell_source({"source": ["a\\n", "b"]})
    'a\\nb'
    """
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(str(s) for s in source)
    return source if isinstance(source, str) else ""


def replace_solution_regions(source: str, replace: Callable[[str], str], where: str = "cell") -> tuple[str, int]:
    """``source`` with each solution region (markers included) replaced by ``replace(region)``,
    and how many regions there were; unpaired markers raise :class:`MarkerError` naming ``where``.

    >>> replace_solution_regions("### BEGIN SOLUTION\\nx = 1\\n### END SOLUTION\\n", lambda r: "x = ...\\n")
    ('x = ...', 1)
    """
    out: list[str] = []
    region: list[str] | None = None
    count = 0
    for line in source.splitlines(keepends=True):
        marker = line.strip()
        if marker == BEGIN:
            if region is not None:
                raise MarkerError(f"{where}: {BEGIN} inside another solution region")
            region = []
        elif marker == END:
            if region is None:
                raise MarkerError(f"{where}: {END} without {BEGIN}")
            out.append(replace("".join(region)))
            region = None
            count += 1
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise MarkerError(f"{where}: {BEGIN} without {END}")
    return "".join(out).rstrip("\n"), count


def solution_regions(source: str) -> list[str]:
    """The text between each pair of solution markers (lenient: an unpaired marker is skipped)."""
    found: list[str] = []
    region: list[str] | None = None
    for line in source.splitlines():
        marker = line.strip()
        if marker == BEGIN:
            region = []
        elif marker == END and region is not None:
            found.append("\n".join(region))
            region = None
        elif region is not None:
            region.append(line)
    return found


def check_grade_id(question_id: str) -> str:
    """The grade id of the check cell for ``question_id`` (``03.q1`` -> ``check-03-q1``)."""
    return "check-" + question_id.replace(".", "-")


def answer_grade_id(cell_id: object) -> str:
    """The grade id given to an answer cell that has none: ``answer-<cell id>``.

    >>> answer_grade_id("q1-answer")
    'answer-q1-answer'
    """
    return f"answer-{cell_id}"


def question_of_grade_id(grade_id: object) -> str | None:
    """The question id a check cell's grade id names, or None (``check-03-q1`` -> ``03.q1``).

    >>> question_of_grade_id("answer-x") is None
    True
    """
    match = _CHECK_GRADE_ID.match(str(grade_id))
    return f"{match.group(1)}.{match.group(2)}" if match else None


def checked_questions(source: str) -> list[str]:
    """Every question id a ``check("NN.qK", ...)`` call names in ``source`` (text search: works on
    code that does not parse)."""
    return CHECK_CALL.findall(source)


def check_calls(source: str) -> list[tuple[str, str | None]]:
    """``[(question id, answer expression)]`` for each ``check("NN.qK", expr)`` call in ``source``
    (``kpo.check``, a bare ``check`` or any ``x.check``); code that does not parse gives the ids
    with ``None`` for the expression."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return [(qid, None) for qid in checked_questions(source)]
    calls: list[tuple[str, str | None]] = []
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


def first_check_question(source: str) -> str | None:
    """The question id of the first ``kpo.check("NN.qK", ...)`` call in ``source``, or None.

    >>> first_check_question('x = 1\\nkpo.check("05.q2", x)')
    '05.q2'
    """
    found = checked_questions(source)
    return found[0] if found else None
