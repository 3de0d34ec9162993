"""Which answer cells ran to the end: so a check never grades an old value.

Inside IPython (JupyterLab, nbclient, nbgrader), :func:`watch` registers two event
handlers. After every cell it records, for each top-level name the cell assigns,
whether that cell's run ended with an error (its type and message). A check then
looks at the names its own cell passes (``kpo.check("01.q2", answer)`` passes
``answer``): if the last cell that assigned one of them stopped with an error, the
old value is not graded; the learner is told to fix the cell and run it again.

A check cell whose name was never defined would stop with a ``NameError`` before the
check even runs. :func:`watch` also adds an AST transformer that wraps a top-level
``check("id", ...)`` call so that a ``NameError`` while building the answer becomes a
:class:`~kpo_course.checks.feedback.Feedback` ("you have not run the cell that defines
``x`` yet") instead of a traceback. Only such check cells are touched.

What a kernel cannot know: a cell that was edited but not run again. The kernel sees
only what runs, so the check grades the value from the last run of that cell.

>>> sorted(assigned_names("a = 1\\nb, c = 2, 3\\nfor i in range(2):\\n    total = i\\ndef f():\\n    hidden = 1"))
['a', 'b', 'c', 'f', 'i', 'total']
>>> sorted(check_call_names('kpo.check("01.q2", answer.loc[rows, cols])', "01.q2"))
['answer', 'cols', 'rows']
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any, Callable

__all__ = ["assigned_names", "check_call_names", "stopped_answer", "watch", "guarded_check"]

# The transformed cell finds the guard by importing it, so no name in the learner's namespace
# (which %reset clears and a learner may overwrite) is needed.
_GUARD_EXPRESSION = "__import__('kpo_course.checks.cells', fromlist=['guarded_check']).guarded_check"


@dataclass(frozen=True)
class CellRun:
    """How the last cell that assigned a name ended: ``error`` is ``"KeyError: 'x'"`` or None."""

    error: str | None


_runs: dict[str, CellRun] = {}
_current = {"source": ""}

_ASSIGNMENT = re.compile(r"^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(?:[-+*/%&|^@]|//|\*\*)?=(?!=)", re.M)


class _Stores(ast.NodeVisitor):
    """Top-level names a cell binds (not those local to a function, class, lambda or comprehension)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.names.add(node.id)

    def _binds_only(self, node: Any) -> None:
        self.names.add(node.name)
        for decorator in getattr(node, "decorator_list", []):
            self.visit(decorator)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _binds_only

    def visit_Lambda(self, node: ast.Lambda) -> None:
        return None

    def _comprehension(self, node: Any) -> None:
        for generator in node.generators:  # only a walrus inside binds outside; rare enough
            self.visit(generator.iter)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def visit_alias(self, node: ast.alias) -> None:
        self.names.add((node.asname or node.name).split(".")[0])

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.names.add(node.name)
        self.generic_visit(node)


def assigned_names(source: str) -> set[str]:
    """The top-level names a cell's code assigns (a cell that does not parse: a plain scan of ``name =``).

    >>> sorted(assigned_names("import pandas as pd\\nx += 1\\nratio = (1 +"))
    ['ratio', 'x']
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        names: set[str] = set()
        for match in _ASSIGNMENT.finditer(source):
            names.update(part.strip() for part in match.group(1).split(","))
        return names
    visitor = _Stores()
    visitor.visit(tree)
    return visitor.names


def _is_check_call(node: ast.AST, question_id: str | None = None) -> bool:
    if not isinstance(node, ast.Call) or not node.args:
        return False
    function = node.func
    named = (isinstance(function, ast.Name) and function.id == "check") or (
        isinstance(function, ast.Attribute) and function.attr == "check")
    first = node.args[0]
    is_id = isinstance(first, ast.Constant) and isinstance(first.value, str)
    return named and is_id and (question_id is None or first.value == question_id)


def check_call_names(source: str, question_id: str) -> set[str]:
    """The names read by the answer part of every ``check(question_id, ...)`` call in ``source``.

    >>> check_call_names('kpo.check("00.q1", n)\\nkpo.check("00.q2", m)', "00.q2")
    {'m'}
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if _is_check_call(node, question_id):
            call = node
            assert isinstance(call, ast.Call)
            for part in [*call.args[1:], *(keyword.value for keyword in call.keywords)]:
                names.update(n.id for n in ast.walk(part) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load))
    return names


def record(source: str, error: BaseException | None) -> None:
    """Remember how a cell that ran ``source`` ended, for each name it assigns.

    >>> record("probe_ = {}['x']", KeyError("x")); stopped_answer("00.q1", 'check("00.q1", probe_)')
    ('probe_', "KeyError: 'x'")
    >>> record("probe_ = 1", None); stopped_answer("00.q1", 'check("00.q1", probe_)') is None
    True
    """
    outcome = CellRun(None if error is None else _error_text(error))
    for name in assigned_names(source):
        _runs[name] = outcome


def _error_text(error: BaseException) -> str:
    message = str(error)
    if len(message) > 160:
        message = message[:157] + "..."
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def last_error(name: str) -> str | None:
    """The error that stopped the last cell assigning ``name`` (None: it ran to the end, or never ran).

    >>> record("probe_ = 1 / 0", ZeroDivisionError("division by zero")); last_error("probe_")
    'ZeroDivisionError: division by zero'
    """
    run = _runs.get(name)
    return None if run is None else run.error


def stopped_answer(question_id: str, source: str | None = None) -> tuple[str, str] | None:
    """``(name, error)`` when a name the check cell passes was last assigned by a cell that stopped.

    ``source`` is the check cell's code (default: the cell running now). Names the
    check cell assigns itself are fresh, so they are never reported.
    """
    code = _current["source"] if source is None else source
    if not code:
        return None
    fresh = assigned_names(code)
    for name in sorted(check_call_names(code, question_id) - fresh):
        error = last_error(name)
        if error is not None:
            return name, error
    return None


def guarded_check(question_id: str, call: Callable[[], Any]) -> Any:
    """Run a check cell's ``check(...)`` call; a ``NameError`` becomes a kind :class:`Feedback`.

    >>> guarded_check("00.q1", lambda: undefined_answer_).message.startswith("You have not run")
    True
    """
    try:
        return call()
    except NameError as error:
        name = getattr(error, "name", None) or _missing_name(str(error))
    from . import not_run  # the package imports this module: import late

    return not_run(question_id, name)


def _missing_name(message: str) -> str:
    found = re.search(r"name '([^']+)' is not defined", message)
    return found.group(1) if found else "?"


class _GuardChecks(ast.NodeTransformer):
    """``check("id", expr)`` as a top-level statement -> ``guarded_check("id", lambda: check("id", expr))``."""

    def visit_Module(self, node: ast.Module) -> ast.Module:
        node.body = [self._guard(statement) for statement in node.body]
        return node

    def _guard(self, statement: ast.stmt) -> ast.stmt:
        if not (isinstance(statement, ast.Expr) and _is_check_call(statement.value)):
            return statement
        call = statement.value
        assert isinstance(call, ast.Call)
        question_id = call.args[0]
        empty = ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[],
                              kwarg=None, defaults=[])
        guarded = ast.Call(
            func=ast.parse(_GUARD_EXPRESSION, mode="eval").body,
            args=[ast.Constant(question_id.value), ast.Lambda(args=empty, body=call)],  # type: ignore[attr-defined]
            keywords=[],
        )
        return ast.copy_location(ast.Expr(value=ast.copy_location(guarded, call)), statement)


def _source_of(shell: Any, raw_cell: str) -> str:
    try:
        return shell.transform_cell(raw_cell)  # magics (%matplotlib) become Python
    except Exception:
        return raw_cell


def watch(shell: Any = None) -> bool:
    """Start watching cells in the running IPython (once); False outside IPython.

    >>> watch() in (True, False)
    True
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "events"):
        return False
    if getattr(shell, "_kpo_cells_watched", False):
        return True

    def before(info: Any) -> None:
        try:
            _current["source"] = _source_of(shell, getattr(info, "raw_cell", "") or "")
        except Exception:  # the watcher must never disturb the learner's cell
            _current["source"] = ""

    def after(result: Any) -> None:
        try:
            error = getattr(result, "error_before_exec", None) or getattr(result, "error_in_exec", None)
            record(_current["source"], error)
        except Exception:  # e.g. a cell too deeply nested to parse: record nothing rather than fail
            pass

    shell.events.register("pre_run_cell", before)
    shell.events.register("post_run_cell", after)
    shell.ast_transformers.append(_GuardChecks())
    shell._kpo_cells_watched = True
    return True
