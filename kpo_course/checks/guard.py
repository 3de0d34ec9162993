"""Checks under nbgrader that an earlier cell of the notebook cannot switch off or replace.

nbgrader scores a test cell by whether it raises, in the student's own kernel, so student code
runs before every check. Two cheap cheats follow: ``os.environ.pop("NBGRADER_EXECUTION")`` (the
checks no longer know they are graded, so a wrong answer raises nothing) and a redefined
``kpo.check`` or patched checkers. This module closes both as far as a kernel the student controls
allows:

* :func:`under_nbgrader` also reads the kernel's *initial* environment (``/proc/self/environ`` on
  Linux, which ``os.environ`` changes do not reach) and the value seen when this module was first
  imported (by the locked setup cell's ``import kpo_course``);
* :func:`graded_check` judges with a private copy of the checks loaded afresh from the course's
  files, not with whatever ``kpo.check`` or ``kpo_course.checks`` is in the kernel by then.

A student who deliberately patches Python itself (``builtins``, ``importlib``, this module) can still
fool any in-kernel check; for graded work use ``kpo-course grade``, which judges answers outside the
kernel (see docs/instructor-guide.md).

    >>> under_nbgrader({"NBGRADER_EXECUTION": "autograde"})
    True
    >>> graded_check("00.q1", 8).correct
    True
"""
from __future__ import annotations

import contextlib
import importlib.machinery
import importlib.util
import os
import secrets
import sys
from pathlib import Path
from typing import Any, Iterator, Mapping

__all__ = ["under_nbgrader", "graded_check", "initial_environment"]

VARIABLE = "NBGRADER_EXECUTION"


def initial_environment() -> dict[str, str]:
    """The environment this process started with (``/proc/self/environ``), or ``{}`` where unknown.

    >>> isinstance(initial_environment(), dict)
    True
    """
    try:
        raw = Path("/proc/self/environ").read_bytes()
    except OSError:
        return {}
    pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
    return {key.decode(errors="replace"): value.decode(errors="replace") for key, value in pairs}


_AT_IMPORT = bool(os.environ.get(VARIABLE)) or bool(initial_environment().get(VARIABLE))


def under_nbgrader(environment: Mapping[str, str] | None = None) -> bool:
    """Whether nbgrader's autograder runs this kernel: now, when it started, or when the checks loaded.

    >>> under_nbgrader({}) in (True, False)
    True
    """
    now = os.environ if environment is None else environment
    return bool(now.get(VARIABLE)) or _AT_IMPORT or bool(initial_environment().get(VARIABLE))


@contextlib.contextmanager
def _fresh_checks() -> Iterator[Any]:
    """A private copy of ``kpo_course.checks``, executed afresh from the package's files under a
    random package name (the package's ``__init__`` is not run), so that nothing a notebook patched in
    the loaded course reaches it; removed from ``sys.modules`` again afterwards."""
    package = Path(__file__).resolve().parent.parent
    name = f"_kpo_course_guarded_{secrets.token_hex(6)}"
    spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
    spec.submodule_search_locations = [str(package)]
    module = importlib.util.module_from_spec(spec)
    module.__path__ = [str(package)]
    sys.modules[name] = module
    try:
        yield importlib.import_module(f"{name}.checks")
    finally:
        for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
            sys.modules.pop(key, None)


def graded_check(question_id: str, answer: Any = ...) -> Any:
    """Check ``answer`` with a fresh copy of the course's checks; under nbgrader (see
    :func:`under_nbgrader`) a wrong or missing answer raises ``AssertionError`` with its message."""
    if under_nbgrader():
        os.environ[VARIABLE] = os.environ.get(VARIABLE) or "autograde"  # the fresh checks raise as they should
    with _fresh_checks() as checks:
        return checks.check(question_id, answer)
