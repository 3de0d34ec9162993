"""The nbgrader route: checks that an earlier cell cannot switch off (``os.environ.pop``) or replace
(a redefined ``kpo.check``, patched checks). Each case runs in a fresh Python started the way
nbgrader starts a kernel, with ``NBGRADER_EXECUTION`` in its environment."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

PREAMBLE = """
import os
import kpo_course as kpo
import kpo_course.checks as checks
"""


def run(code: str, nbgrader: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
    if nbgrader:
        env["NBGRADER_EXECUTION"] = "autograde"
    return subprocess.run([sys.executable, "-c", PREAMBLE + code], capture_output=True, text=True, timeout=120,
                          env=env)


@pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="needs Linux's /proc/self/environ")
def test_popping_the_variable_does_not_switch_off_grading():
    result = run('os.environ.pop("NBGRADER_EXECUTION")\nkpo.check("00.q1", 3)')
    assert result.returncode != 0 and "AssertionError" in result.stderr


def test_a_right_answer_still_passes_and_outside_nbgrader_nothing_raises():
    assert run('kpo.check("00.q1", 8)').returncode == 0
    assert run('kpo.check("00.q1", 3)', nbgrader=False).returncode == 0


@pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="needs Linux's /proc/self/environ")
def test_the_guarded_check_ignores_a_redefined_and_patched_check():
    cheat = """
os.environ.pop("NBGRADER_EXECUTION")
kpo.check = checks.check = lambda *args, **kwargs: None
for item in checks.questions("00"):
    object.__setattr__(item, "checker", lambda answer: None)
from kpo_course.checks.guard import graded_check
graded_check("00.q1", 3)
"""
    result = run(cheat)
    assert result.returncode != 0 and "AssertionError" in result.stderr, result.stderr[-1500:]
    honest = run("from kpo_course.checks.guard import graded_check\nprint(graded_check('00.q1', 8).correct)")
    assert honest.returncode == 0 and honest.stdout.strip().endswith("True"), honest.stderr[-1500:]


def test_the_guard_itself_is_replaceable_so_released_cells_keep_kpo_check():
    """Why the nbgrader release keeps ``kpo.check`` (docs/instructor-guide.md, "Which route"): a cell
    that calls the guard is fooled by one earlier line aimed at the guard, as ``kpo.check`` is by one aimed
    at it. If this ever raises, the guard became sound: release guarded cells and update the guide."""
    cheat = "import kpo_course.checks.guard as g\ng.graded_check = lambda *a, **k: None\n"
    guarded = 'from kpo_course.checks.guard import graded_check\ngraded_check("00.q1", 3)'
    assert run(guarded).returncode != 0  # honest: a wrong answer fails the guarded cell
    assert run(cheat + guarded).returncode == 0  # the same cell after the cheat: no error, full points
