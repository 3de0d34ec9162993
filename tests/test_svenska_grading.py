"""Swedish exercises are graded alike: same check cells and ids, same marks.

The Swedish editions (``solutions/sv/``, ``exercises/sv/``) are built from the English notebooks
and the catalogs in ``locale/sv/``: markdown differs, the language cell says ``"sv"``, and a
set-up cell may opt in to translation (Swedish number format).
One batch grades every Swedish solution (full marks) and every Swedish exercise as handed out
(zero), with the course in Swedish, so case data (labels, names) reaches the answers in Swedish.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from kpo_course import grading

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS_SV = sorted((ROOT / "solutions" / "sv").glob("*.ipynb"))
EXERCISES_SV = ROOT / "exercises" / "sv"

pytestmark = pytest.mark.skipif(not SOLUTIONS_SV, reason="no Swedish solutions built (kpo-course build)")


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _code_cells(nb: nbformat.NotebookNode) -> dict[str, tuple[str, dict]]:
    """cell id -> (source, nbgrader metadata) for every code cell."""
    return {c.id: (c.source, c.metadata.get("nbgrader", {})) for c in nb.cells if c.cell_type == "code"}


@pytest.mark.parametrize("swedish", SOLUTIONS_SV, ids=lambda p: p.stem)
def test_swedish_solution_has_the_english_code_cells_and_grade_ids(swedish: Path):
    english = _read(ROOT / "solutions" / swedish.name)
    edition = _read(swedish)
    assert edition.metadata["kpo"]["language"] == "sv"
    assert [c.id for c in edition.cells] == [c.id for c in english.cells]
    ours, theirs = _code_cells(edition), _code_cells(english)
    assert ours.keys() == theirs.keys()
    translated = {c.id for c in english.cells if c.get("metadata", {}).get("kpo", {}).get("translate_code")}
    changed = [cell_id for cell_id in ours if ours[cell_id] != theirs[cell_id] and cell_id not in translated]
    # Only the language cell differs (it switches the course to Swedish), besides cells that opt in to
    # translation (a number format); graded cells never do.
    assert len(changed) <= 1, changed
    assert not any(theirs[cell_id][1].get("grade") for cell_id in translated)
    first_code = next(c for c in edition.cells if c.cell_type == "code")
    assert 'kpo.set_language("sv")' in first_code.source
    assert 'kpo.set_language("en")' not in first_code.source


@pytest.fixture(scope="module")
def swedish_batch(tmp_path_factory) -> grading.Gradebook:
    submissions = tmp_path_factory.mktemp("svenska")
    for solution in SOLUTIONS_SV:
        for student, source in (("lisa_losning", solution), ("olle_obesvarad", EXERCISES_SV / solution.name)):
            target = submissions / student / solution.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    sandbox = grading.find_isolation().works
    return grading.grade(submissions, jobs=1, language="sv", sandbox=sandbox, timeout=60)


def test_a_swedish_solution_gets_full_marks(swedish_batch: grading.Gradebook):
    results = [r for r in swedish_batch.results if r.student == "lisa_losning"]
    assert sorted(r.notebook for r in results) == sorted(p.name for p in SOLUTIONS_SV)
    for result in results:
        assert result.readable, (result.notebook, result.notes)
        assert result.max_points > 0, result.notebook
        wrong = [(row.question, row.verdict, row.message) for row in result.rows
                 if row.verdict != "manual" and row.points != row.max_points]
        assert not wrong, (result.notebook, wrong)


def test_a_swedish_stub_gets_zero(swedish_batch: grading.Gradebook):
    results = [r for r in swedish_batch.results if r.student == "olle_obesvarad"]
    assert len(results) == len(SOLUTIONS_SV)
    for result in results:
        assert result.readable, (result.notebook, result.notes)
        assert result.max_points > 0 and result.points == 0, (result.notebook, result.points)


def test_swedish_and_english_solutions_score_the_same(swedish_batch: grading.Gradebook):
    totals = swedish_batch.totals()
    english_max = 0.0
    for solution in SOLUTIONS_SV:
        english = _read(ROOT / "solutions" / solution.name)
        english_max += sum(c.metadata["nbgrader"].get("points", 0) for c in english.cells
                           if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade"))
    assert totals["lisa_losning"] == (english_max, english_max)
    assert totals["olle_obesvarad"] == (0.0, english_max)


ENGLISH_SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


@pytest.mark.parametrize("solution", ENGLISH_SOLUTIONS, ids=lambda p: p.stem)
def test_swedish_solution_and_exercise_are_complete_and_built(solution: Path):
    from kpo_course.authoring.translate import catalog_path, plan

    report = plan(ROOT)
    catalog = str(catalog_path(ROOT, "sv", "solutions", solution.name).relative_to(ROOT))
    assert [p for p in report.problems if p.startswith(catalog) or p.startswith("locale/sv/solutions/_build")] == []
    assert ROOT / "solutions" / "sv" / solution.name not in report.stale
    assert ROOT / "exercises" / "sv" / solution.name not in report.stale


@pytest.mark.parametrize("exercise", sorted(EXERCISES_SV.glob("*.ipynb")), ids=lambda p: p.stem)
def test_swedish_exercise_prose_is_swedish(exercise: Path):
    """No markdown paragraph of a Swedish exercise is its English paragraph (code spans aside)."""
    english = _read(ROOT / "exercises" / exercise.name)
    swedish = {c.id: c.source for c in _read(exercise).cells if c.cell_type == "markdown"}
    from kpo_course.authoring.translate import is_translatable, paragraphs

    same = [(cell.id, block[:60]) for cell in english.cells if cell.cell_type == "markdown"
            for block in paragraphs(cell.source)
            if is_translatable(block) and block in paragraphs(swedish.get(cell.id, ""))]
    assert same == []


#: The Swedish exercises whose checks once depended on English text (labels, country names).
NBGRADER_SV = ("03_case_rio_tinto_legal_work.ipynb", "04_case_astrazeneca_clinical_data.ipynb",
               "06_case_choosing_a_location.ipynb")


def test_nbgrader_round_trip_on_swedish_exercises(tmp_path):
    """nbgrader itself: source = Swedish solutions, a perfect and a blank (Swedish stub) student."""
    pytest.importorskip("nbgrader", reason="nbgrader is not installed (pip install -e '.[bench]')")
    import csv
    import os
    import subprocess
    import sys

    def nbgrader(*args: str) -> None:
        env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        env.pop("NBGRADER_EXECUTION", None)
        done = subprocess.run([sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={course}"],
                              cwd=course, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr[-3000:]

    course = tmp_path / "course"
    for folder, source in (("source", ROOT / "solutions" / "sv"), ("submitted/perfect", ROOT / "solutions" / "sv"),
                           ("submitted/blank", EXERCISES_SV)):
        target = course / folder / "kpo_sv"
        target.mkdir(parents=True)
        for name in NBGRADER_SV:
            shutil.copyfile(source / name, target / name)
    (course / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'kpo'\n")
    nbgrader("db", "assignment", "add", "kpo_sv")
    for student in ("perfect", "blank"):
        nbgrader("db", "student", "add", student)
    nbgrader("generate_assignment", "kpo_sv", "--force")
    nbgrader("autograde", "kpo_sv", "--force")
    nbgrader("export", "--to", str(course / "grades.csv"))

    rows = {r["student_id"]: r for r in csv.DictReader((course / "grades.csv").open())}
    auto = sum(c.metadata["nbgrader"].get("points", 0) for name in NBGRADER_SV
               for c in _read(ROOT / "solutions" / "sv" / name).cells
               if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade"))
    assert auto > 0
    assert float(rows["perfect"]["score"]) == auto
    assert float(rows["blank"]["score"]) == 0.0


def test_release_knows_the_swedish_memo_model_answers():
    """`kpo-course release` refuses a student copy that contains a Swedish model answer too."""
    from kpo_course.authoring.release import model_answers

    memos = " ".join(text for _, text in model_answers(ROOT).memos)
    swedish = _read(ROOT / "solutions" / "sv" / "03_case_rio_tinto_legal_work.ipynb")
    memo = next(c.source for c in swedish.cells if c.cell_type == "markdown" and "### BEGIN SOLUTION" in c.source)
    line = next(" ".join(l.split()) for l in memo.splitlines() if "USD" in l)  # Swedish amounts: "250 USD"
    assert line in memos
