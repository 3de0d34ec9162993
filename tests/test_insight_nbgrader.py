"""The instructor guide's nbgrader steps, run literally (its commands, read from the guide) in a temporary
folder: course folder, students.csv import, generate, the exchange as step 4 configures it, release,
autograde, feedback, release_feedback, export."""
from __future__ import annotations

import csv
import getpass
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "instructor-guide.md"

pytest.importorskip("nbgrader")


def _section() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    return text[text.index("### With nbgrader"):text.index("**Which route for graded work.**")]


def _run(command: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    done = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
                          executable="/bin/bash")
    assert done.returncode == 0, f"{command}\n{done.stdout[-1500:]}\n{done.stderr[-3000:]}"
    return done


def test_the_guides_nbgrader_steps_work_as_written(tmp_path):
    section = _section()
    home = tmp_path / "home"
    home.mkdir()
    bin_dir = str(Path(sys.executable).parent)  # the course's environment, as `make lab` leaves it
    env = dict(os.environ, HOME=str(home), PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    env.pop("NBGRADER_EXECUTION", None)
    literal = lambda command: command.replace("PATH/TO/kpo-course", str(ROOT))  # noqa: E731

    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    steps_1_2, step_3 = blocks[0] + blocks[1], blocks[2]
    course = home / "kpo-grading"
    for line in steps_1_2.splitlines():  # step 1 and 2, one line at a time, from the course folder once it exists
        command = line.split("  #")[0].strip()
        if command:
            _run(literal(command), course if course.is_dir() else home, env)
    (students_csv,) = re.findall(r"```\n\s*(id,first_name.*?)```", section, flags=re.S)
    (course / "students.csv").write_text("\n".join(line.strip() for line in students_csv.strip().splitlines()) + "\n",
                                         encoding="utf-8")
    _run("nbgrader db student import students.csv", course, env)

    generate = re.search(r"`(nbgrader generate_assignment ex03)`", section).group(1)
    _run(generate, course, env)
    _run(literal(step_3.split("#")[0].strip()), course, env)  # the course's own exercise as the release

    # Step 4's exchange: the config line the guide gives, pointed at a folder of this test
    config_line = re.search(r'`(c\.Exchange\.root = "[^"]+")`', section).group(1)
    exchange = tmp_path / "exchange"
    exchange.mkdir(mode=0o777)
    with open(course / "nbgrader_config.py", "a", encoding="utf-8") as handle:
        handle.write(re.sub(r'"[^"]+"', f'"{exchange}"', config_line) + "\n")
    _run(re.search(r"`(nbgrader release_assignment ex03)`", section).group(1), course, env)
    assert (exchange / "kpo" / "outbound" / "ex03").is_dir()

    # a student fetches and submits through the exchange (the Assignments tab runs these same commands)
    student_dir = tmp_path / "student"
    student_dir.mkdir()
    where = f"--course kpo --Exchange.root={exchange}"
    _run(f"nbgrader fetch_assignment ex03 {where}", student_dir, env)
    shutil.copy(ROOT / "solutions" / "03_case_rio_tinto_legal_work.ipynb", student_dir / "ex03")
    _run(f"nbgrader submit ex03 {where}", student_dir, env)
    for pattern in (r"`(nbgrader collect ex03)`", r"`(nbgrader autograde ex03)`",
                    r"`(nbgrader generate_feedback ex03)`", r"`(nbgrader release_feedback ex03)`",
                    r"`(nbgrader export --to grades.csv)`"):
        _run(re.search(pattern, section).group(1), course, env)
    with open(course / "grades.csv", newline="", encoding="utf-8") as handle:
        grades = {row["student_id"]: row for row in csv.DictReader(handle)}
    me = getpass.getuser()  # the exchange files a submission under the submitting user's name
    assert float(grades[me]["score"]) > 0 and grades["alice"]["first_name"] == "Alice"
    assert list((exchange / "kpo" / "feedback").iterdir())  # release_feedback wrote into the exchange
    assert "nbgrader formgrader`" not in section.replace("no `nbgrader formgrader` command", "")
