"""Every import inside kpo_course, read with ast: no circle, and no floor imports a higher one.

The floors (docs/architecture.md, design.md): helpers of the standard library's kind at the bottom;
the progress store and the content; the data tables and the models; plots, checks and the
course's facts; widgets; the instructor's tools (grading, authoring, doctor, insight); the CLI on
top. A unit may import only from a lower floor (or from itself). Imports inside functions count
too: a lazy import is still a dependency. ``kpo_course/__init__.py`` is the facade that hands
everything out by name, so it is the one module allowed to reach any floor.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kpo_course"

FLOORS: dict[str, int] = {
    "i18n": 0, "markup": 0, "userfiles": 0, "nbgrader_cells": 0, "handin": 0,
    "progress": 1, "content": 1,
    "data": 2, "models": 2,
    "plots": 3, "checks": 3, "coursemap": 3, "facts": 3,
    "widgets": 4,
    "grading": 5, "authoring": 5,
    "doctor": 6, "insight": 6,
    "cli": 7,
}
FACADE = "kpo_course"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> list[tuple[str, int]]:
    """The kpo_course modules ``name`` imports (anywhere in it), with line numbers."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            source = ".".join(base + ([node.module] if node.module else []))
            targets = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source
                       for alias in node.names]
        for target in targets:
            if target.split(".")[0] != "kpo_course":
                continue
            while target not in known and "." in target:
                target = target.rsplit(".", 1)[0]
            found.append((target, node.lineno))
    return found


def unit(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else FACADE


def graph() -> dict[str, list[tuple[str, int]]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def test_every_unit_has_a_floor():
    missing = sorted({unit(name) for name in modules()} - set(FLOORS) - {FACADE})
    assert not missing, f"put these in FLOORS (and docs/architecture.md): {missing}"


def test_the_import_reader_resolves_relative_imports():
    known = set(modules())
    found = imports("kpo_course.checks", PACKAGE / "checks" / "__init__.py", known)
    assert ("kpo_course.progress", 22) in found or any(t == "kpo_course.progress" for t, _ in found)
    assert any(t == "kpo_course.checks.kinds" for t, _ in found)


def test_no_floor_imports_a_higher_or_sideways_one():
    wrong = []
    for name, targets in graph().items():
        source = unit(name)
        if source == FACADE:
            continue
        for target, line in targets:
            goal = unit(target)
            if goal == source:
                continue
            if goal == FACADE or FLOORS.get(goal, 99) >= FLOORS.get(source, -1):
                wrong.append(f"{name} (floor {FLOORS.get(source)}) line {line} imports {target} "
                             f"(floor {FLOORS.get(goal, 'facade')})")
    assert not wrong, "\n".join(wrong)


def test_checks_never_import_widgets_or_plots():
    wrong = [f"{name} imports {target}" for name, targets in graph().items() if unit(name) == "checks"
             for target, _ in targets if unit(target) in ("widgets", "plots")]
    assert not wrong, wrong


def test_no_import_circle_between_units():
    edges: dict[str, set[str]] = {}
    for name, targets in graph().items():
        if unit(name) == FACADE:
            continue
        edges.setdefault(unit(name), set()).update(unit(t) for t, _ in targets if unit(t) != unit(name))
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (circle := visit(nxt)):
                return circle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (circle := visit(start)):
            pytest.fail("import circle: " + " -> ".join(circle))


@pytest.mark.parametrize("floor_unit", ["i18n", "markup", "userfiles", "nbgrader_cells", "progress"])
def test_the_lowest_floors_import_no_third_party_library_at_module_level(floor_unit):
    """The bottom helpers and the progress store: standard library (platformdirs, asked lazily, aside)."""
    paths = [PACKAGE / f"{floor_unit}.py"] if (PACKAGE / f"{floor_unit}.py").exists() else \
        sorted((PACKAGE / floor_unit).rglob("*.py"))
    import sys

    allowed = set(sys.stdlib_module_names) | {"kpo_course", "__future__", "platformdirs"}
    wrong = []
    for path in paths:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            wrong += [f"{path.name}: {n}" for n in names if n.split(".")[0] not in allowed]
    assert not wrong, wrong
