"""Packaging: pip and conda name the same dependencies; the import is light; the README is true."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    """The normalised project name of a requirement: 'ipywidgets>=8.1' -> 'ipywidgets'."""
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def pyproject_dependencies() -> set[str]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        pytest.skip("tomllib needs Python 3.11")
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {_name(r) for r in data["project"]["dependencies"]}


def conda_dependencies() -> set[str]:
    data = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = {_name(d) for d in data["dependencies"] if isinstance(d, str)}
    return names - {"python", "pip"}


def test_environment_yml_and_pyproject_name_the_same_runtime_dependencies():
    assert conda_dependencies() == pyproject_dependencies()


def test_environment_yml_uses_conda_forge_and_binder_installs_the_package():
    data = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert data["channels"] == ["conda-forge"]
    assert "pip install" in (ROOT / "postBuild").read_text()


def test_import_is_light():
    code = ("import sys, kpo_course as kpo; kpo.set_language('sv'); "
            "print(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets', 'yaml', 'nbformat', 'nbclient') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_readme_quick_start_is_the_two_make_commands_and_ci_uses_make_test():
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "urlpath=lab/tree/lessons/00_start_here.ipynb" in readme


def test_readme_course_map_lists_every_lesson_and_exercise():
    from kpo_course.content import load
    readme = (ROOT / "README.md").read_text()
    course = load().course
    for entry in [*course.lessons, *course.exercises]:
        assert entry.file in readme, f"README course map misses {entry.file}"


# Import name -> distribution name, where they differ.
DISTRIBUTION_OF = {"PIL": "pillow", "yaml": "pyyaml", "IPython": "ipython"}


def third_party_imports() -> set[str]:
    """Top-level modules that kpo_course imports anywhere (also inside functions), minus the stdlib."""
    import ast

    found: set[str] = set()
    for path in (ROOT / "kpo_course").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "kpo_course"}


def test_every_third_party_import_is_a_declared_dependency():
    declared = pyproject_dependencies()
    missing = {DISTRIBUTION_OF.get(name, name).lower().replace("-", "_")
               for name in third_party_imports()} - {d.replace("-", "_") for d in declared}
    assert not missing, f"kpo_course imports these without declaring them in pyproject.toml: {sorted(missing)}"
