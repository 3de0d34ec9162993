"""kpo-course coverage: every claim taught by a lesson and assessed by a question."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

from kpo_course.authoring.coverage import lesson_claims, report
from kpo_course.content import CLAIM_IDS

ROOT = Path(__file__).resolve().parent.parent


def test_every_claim_is_taught_and_assessed():
    result = subprocess.run([sys.executable, "-m", "kpo_course.cli", "coverage"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[1:25]] == list(CLAIM_IDS)


def test_existing_lessons_count_by_their_cells_not_their_objectives():
    coverage = report(ROOT)
    for row in coverage.rows:
        for lesson in row.lessons:
            assert list((ROOT / "lessons").glob(f"{lesson}_*.ipynb")), lesson
    assert "00" in coverage.rows[0].lessons  # lesson 00 teaches S01 in its own cells


def test_an_untagged_lesson_leaves_its_claims_untaught(tmp_path):
    for folder in ("lessons", "solutions"):
        (tmp_path / folder).mkdir()
    # Every lesson file exists but none is tagged: nothing is taught.
    from kpo_course.content import load
    for lesson in load().course.lessons:
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# empty")]),
                       tmp_path / lesson.file)
    coverage = report(tmp_path)
    assert coverage.untaught == list(CLAIM_IDS)
    assert not coverage.complete


def test_lesson_claims_reads_cell_metadata(tmp_path):
    cell = nbformat.v4.new_markdown_cell("KPO is ...")
    cell.metadata["kpo"] = {"teaches": ["S01", "S04"]}
    path = tmp_path / "x.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    assert lesson_claims(path) == {"S01", "S04"}


def test_cli_exits_1_naming_untaught_claims(tmp_path, monkeypatch):
    from kpo_course import cli
    from kpo_course.content import load
    for lesson in load().course.lessons:
        (tmp_path / lesson.file).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# x")]),
                       tmp_path / lesson.file)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["coverage"]) == 1


# ----------------------------------------------------------------- the course map: one source
def _heading_and_minutes(path: Path) -> tuple[str, str]:
    first = nbformat.read(path, as_version=4).cells[0].source
    heading = first.splitlines()[0].removeprefix("# ").strip()
    return heading, first


def test_every_lesson_title_cell_agrees_with_course_yaml():
    """Lesson NN's first cell reads '# Lesson NN · <title>' (a ': subtitle' may follow) and 'About <minutes> minutes'."""
    import re

    from kpo_course.content import load
    for lesson in load().course.lessons:
        heading, first = _heading_and_minutes(ROOT / lesson.file)
        title = lesson.title["en"]
        expected = title if lesson.id == "00" else f"Lesson {lesson.id} · {title}"
        assert heading == expected or heading.startswith(expected + ":"), (lesson.file, heading, expected)
        assert re.findall(r"About (\d+) minutes", first) == [str(lesson.minutes)], (lesson.file, lesson.minutes)


def test_readme_and_instructor_guide_show_the_course_map_of_course_yaml():
    from kpo_course.coursemap import markdown_table
    assert markdown_table() in (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table("../") in (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")


def test_course_map_rows_follow_course_yaml_in_order(tmp_path):
    from kpo_course.content import load
    from kpo_course.coursemap import course_map
    course = load().course
    rows = course_map(tmp_path).rows
    assert [(r[0], r[2], r[3]) for r in rows] == [(l.id, l.minutes, l.file) for l in course.lessons]
    # every exercise sits under exactly one lesson, and lesson 07 carries the capstone
    assert sorted(e for r in rows for e in r[4]) == sorted((e.file, e.title["en"]) for e in course.exercises)
    assert "exercises/07_capstone.ipynb" in [file for file, _ in dict((r[0], r[4]) for r in rows)["07"]]


def test_markdown_table_breaks_when_course_yaml_changes(monkeypatch):
    """The README check can fail: a changed minute count gives a different table."""
    from kpo_course import content
    from kpo_course.coursemap import markdown_table
    real = content.load()
    lessons = tuple(l._replace(minutes=l.minutes + 1) if l.id == "04" else l for l in real.course.lessons)
    changed = real._replace(course=real.course._replace(lessons=lessons))
    monkeypatch.setattr(content, "load", lambda: changed)
    assert markdown_table() != ""
    assert markdown_table() not in (ROOT / "README.md").read_text(encoding="utf-8")


# ----------------------------------------------------------------- keys follow the case classification
def _correct(question_id: str) -> dict[str, bool]:
    from kpo_course.content import load
    question = next(q for quiz in load().quizzes.values() for q in quiz.questions if q.id == question_id)
    return {o.id: o.correct for o in question.options}


def test_lesson_04_keys_agree_with_the_case_classification():
    from kpo_course.content import classification
    rio, astrazeneca = classification("rio_tinto_cpa_global"), classification("astrazeneca_cognizant")
    # Rio Tinto is lesson 04's skills-gap example; quiz04.q10 accepts that reading only if the data does
    assert _correct("quiz04.q10")["a"] == rio.allows("benefits", "fills_skills_gap") is True
    assert _correct("quiz04.q10")["c"] == rio.allows("motivations", "lower_cost_offshore") is True
    # AstraZeneca's 2011 extension: every benefit the data backs is a right answer, nothing else
    readings = {"a": "agility", "b": "flexibility", "e": "fills_skills_gap"}
    keys = _correct("quiz04.q12")
    assert {o for o, right in keys.items() if right} == set(readings)
    assert all(astrazeneca.allows("benefits", benefit) for benefit in readings.values())
    assert _correct("quiz04.q4")["c"] and astrazeneca.allows("benefits", "flexibility")


def test_thin_claims_and_new_topics_are_each_assessed_at_least_twice():
    from kpo_course.content import load
    quizzes = load().quizzes
    for claim in ("S15", "S18", "S22"):
        assert len([q for quiz in quizzes.values() for q in quiz.questions if claim in q.claims]) >= 2, claim
    # make or buy (lesson 07) and data protection (lesson 05): two questions each, in their lesson's quiz
    lesson_07 = " ".join(q.prompt["en"] for q in quizzes["07"].questions)
    assert lesson_07.count("Prahalad") + lesson_07.count("Williamson") >= 2
    lesson_05 = [q.prompt["en"] for q in quizzes["05"].questions]
    assert len([p for p in lesson_05 if "GDPR" in p or "EEA" in p or "Banking Authority" in p]) >= 2


def test_instructor_guide_lists_every_objective_as_objectives_yaml_states_it():
    from kpo_course.content import load
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    for objectives in load().objectives.values():
        for o in objectives:
            assert f"- **{o.id}** {o.text['en']} *Claims {', '.join(o.claims)}.*" in guide, o.id


def test_no_claim_code_in_a_lessons_learner_text_objectives():
    """S-codes stay in cell metadata and the guide; the objectives cell a learner reads has none."""
    import re

    from kpo_course.content import load
    for lesson in load().course.lessons:
        for cell in nbformat.read(ROOT / lesson.file, as_version=4).cells:
            if cell.cell_type == "markdown" and "objectives" in cell.source.lower()[:60]:
                assert not re.search(r"\bS\d\d\b", cell.source), (lesson.file, cell.get("id"))


def test_the_guides_market_ratios_follow_from_market_estimates():
    """The guide says same-year KPO estimates differ about 1.3-1.4x and Mordor's market is 8-14x: recompute them."""
    import kpo_course as kpo
    forecasts = kpo.data.market_estimates().query("kind == 'forecast'").dropna(subset=["base_value_usd_bn"])
    kpo_2026 = forecasts[(forecasts["base_year"] == 2026) & (forecasts["publisher"] != "Mordor Intelligence")]
    same_year = kpo_2026["base_value_usd_bn"].max() / kpo_2026["base_value_usd_bn"].min()
    assert 1.3 <= same_year < 1.45
    kpo_bases = forecasts.loc[forecasts["publisher"] != "Mordor Intelligence", "base_value_usd_bn"]
    mordor = forecasts.loc[forecasts["publisher"] == "Mordor Intelligence", "base_value_usd_bn"].iloc[0]
    assert 8 <= mordor / kpo_bases.max() < 9 and 14 <= mordor / kpo_bases.min() < 15
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    assert "about 1.3 to 1.4 times" in guide and "8 to 14 times" in guide
    assert "factor of more than four" not in guide
