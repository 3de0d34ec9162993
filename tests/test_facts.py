"""Provenance by mechanism: every fact in the data has its support, every number the course states is
supported (or structural, or labelled illustrative), and quiz keys agree with the case classification."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from kpo_course import cli, facts
from kpo_course.content import DATA_DIR, load

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- the real course
@pytest.fixture(scope="module")
def content():
    return load()


def test_every_ledger_entry_has_source_place_and_statement(content):
    entries = facts.ledger(content)
    assert len(entries) > 80
    source_ids = {s.id for s in content.sources}
    assert [e.fact for e in entries if not e.complete] == []
    assert {e.source for e in entries} <= source_ids


def test_every_case_figure_is_stated_by_its_own_support(content):
    assert facts.figure_gaps(content) == []


def test_every_number_in_the_course_is_supported_structural_or_illustrative(content):
    """Lessons, solutions, quizzes, data texts, instructor guide: each unsupported number, with its place."""
    gaps = facts.number_gaps(ROOT, content)
    assert not gaps, f"{len(gaps)} unsupported number(s):\n" + "\n".join(map(str, gaps))


def test_quiz_keys_agree_with_the_case_classification(content):
    disagreements = facts.key_disagreements(content)
    assert not disagreements, "\n".join(disagreements)


def test_an_example_naming_a_real_case_links_it_so_its_support_covers_it(content):
    """Motivation, benefit, risk and mitigation examples draw their facts from a case's support records."""
    entries = [*content.motivations, *content.benefits, *content.risks,
               *(m for r in content.risks for m in r.mitigations)]
    unlinked = [
        f"{e.id}.{field} names {case_id} but links {e.case!r}"
        for e in entries
        for field in ("example", "explanation", "description")
        if getattr(e, field, None)
        for case_id in facts._cases_named(getattr(e, field)["en"], content)
        if case_id != e.case
    ]
    assert unlinked == []


def test_exercise_keys_accept_exactly_what_the_data_supports(content):
    """Exercise 02 (task domains) and 04 (AstraZeneca's benefits) take their keys from the data."""
    from kpo_course.checks import ex02, ex04

    tasks = {t.id: t for t in content.tasks}
    for task_id, accepted in ex02.accepted_domains().items():
        assert set(accepted) == set(tasks[task_id].domains()), task_id
        assert accepted[0] == tasks[task_id].domain, task_id
    case = content.by_id("cases", ex04.CASE).classification
    for fact in ex04.REAL_FACTS:
        assert ex04.accepted_benefits(fact), fact  # every real fact has a key the data supports
        assert all(case.allows("benefits", b) for b in ex04.accepted_benefits(fact)), fact


def test_the_sources_we_read_have_an_address_and_a_read_date(content):
    """A page found and read for a case's support is recorded with its address and the date we read it."""
    cited = {s.source for case in content.cases for s in case.support} | {
        f.source for case in content.cases for f in case.figures}
    for source in content.sources:
        if source.id in cited and source.id not in ("article", "kpo_facts") and source.address:
            assert source.read, source.id
    read = [s for s in content.sources if s.address]
    assert len(read) >= 9


# --------------------------------------------------------------------------- reading numbers
@pytest.mark.parametrize("text, expected", [
    ("1,750", [(1750.0,)]),
    ("1 750", [(1750.0,)]),
    ("1750", [(1750.0,)]),
    ("0,25", [(0.25,)]),
    ("1,25", [(1.25,)]),
    ("1,250", [(1250.0,)]),                  # a comma before three digits: thousands
    ("0,857", [(0.857,)]),                   # ... unless the whole part is 0 (Swedish decimal)
    ("85.7%", [(85.7, 0.857)]),
    ("85,7 procent", [(85.7, 0.857)]),
    ("US$100m", [(100.0, 1e8)]),
    ("£47 million", [(47.0, 4.7e7)]),
    ("46 miljarder", [(46.0, 4.6e10)]),
    ("US$1.02tn", [(1.02, 1.02e12)]),
    ("35–40m", [(35.0, 3.5e7), (40.0, 4e7)]),
    ("1,02 till 1,35 biljoner", [(1.02, 1.02e12), (1.35, 1.35e12)]),
    ("1998–99", [(1998.0,), (99.0, 1999.0)]),
    ("FY2023", [(2023.0,)]),
    ("S09, q3, ex03, quiz01.q7, 03_why", []),
])
def test_numbers_are_read_and_normalised(text, expected):
    assert [n.values for n in facts.numbers(text)] == expected


@pytest.mark.parametrize("text, structural", [
    ("There are 3 steps.", True),
    ("Lesson 12 and question 14", True),
    ("See lesson 06.", True),
    ("12 lawyers", False),
    ("about 45 minutes", True),               # a lesson's minutes (given below)
    ("about 44 minutes", False),
    ("Write 80–120 words.", True),
    ("as a share (0.25 means 25%)", True),
    ("within ±0.005", True),
    ("US$5 a day", False),                    # a currency makes even a small number a fact
    ("In 2009", False),
    ("Ubuntu 24.04 and Python 3.10", True),
    ("Python makes it easy; in 2009 Rio Tinto saved US$1m", False),  # not right after the name, or money
])
def test_structural_numbers_are_few_and_documented(text, structural):
    found = facts.numbers(text)
    assert found
    assert all(facts.is_structural(n, text, minutes=[45]) for n in found) is structural


def test_a_shown_computation_accepts_its_result_but_never_launders_an_unknown_operand():
    known = {300.0, 350.0}
    assert {0.857, 85.7} <= facts.shown_computations("300 / 350 ≈ 0.857, so about 85.7%.", known)
    assert facts.shown_computations("999 / 350 ≈ 2.854", known) == set()
    assert facts.shown_computations("300 and 350, so 0.857", known) == set()  # no computation shown


# --------------------------------------------------------------------------- the check on a small course
def _course(tmp_path: Path, cells: list[str], guide: str = "") -> Path:
    """A course folder: the real data, one lesson with ``cells`` (markdown), an instructor guide."""
    root = tmp_path / "course"
    shutil.copytree(DATA_DIR, root / "kpo_course" / "content" / "data")
    for quiz in (root / "kpo_course" / "content" / "data" / "quizzes").glob("*.yaml"):
        quiz.unlink()  # the lessons' own quizzes are checked on the real course above
    (root / "lessons").mkdir()
    notebook = {"cells": [{"cell_type": "markdown", "id": f"c{i}", "metadata": {}, "source": text}
                          for i, text in enumerate(cells)],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (root / "lessons" / "00_start_here.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "instructor-guide.md").write_text(guide, encoding="utf-8")
    return root


def test_an_unsupported_number_is_reported_with_file_and_cell(tmp_path, content):
    root = _course(tmp_path, [
        "Rio Tinto paid about US\\$250 a day for 12 lawyers in 2009.",   # all supported
        "Rio Tinto saved US\\$63k a month.",                            # not supported: a gap
        "An illustrative firm saves US\\$63k a month.",                 # labelled illustrative
        "Code is not a claim: `rio['value'] * 30 = 7500`.",
    ], guide="The course has 5 lessons.\n\nForecasts missed by US$7.3bn.\n")
    gaps = facts.number_gaps(root, load(root / "kpo_course" / "content" / "data"))
    assert [(g.file, g.place, g.number) for g in gaps] == [
        ("lessons/00_start_here.ipynb", "cell c1", "US$63k"),
        ("docs/instructor-guide.md", "line 3", "US$7.3bn"),
    ]


def test_a_software_section_of_the_guide_is_not_read_for_kpo_facts(tmp_path):
    guide = ("# Guide\n\n## Grading\n\n" + facts.SOFTWARE_SECTION + "\n\nIt graded 20 notebooks 3.5 times as fast.\n\n"
             "### Speed\n\nAbout 17.3 times.\n\n## Cases\n\nRio Tinto saved US$63k a month.\n")
    root = _course(tmp_path, [], guide=guide)
    gaps = facts.number_gaps(root, load(root / "kpo_course" / "content" / "data"))
    assert [(g.place, g.number) for g in gaps] == [("line 15", "US$63k")]


def test_a_case_summary_is_held_to_its_own_support(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "cases.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    case = next(c for c in doc["cases"] if c["id"] == "reuters_bangalore")
    case["summary"]["en"] += " It had 1,580 staff."  # 1,580 is supported elsewhere (GCCs), not by this case
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    root = tmp_path / "root"
    (root / "kpo_course" / "content").mkdir(parents=True)
    (root / "kpo_course" / "content" / "data").symlink_to(data)
    gaps = [g for g in facts.number_gaps(root, load(data)) if g.file.endswith("cases.yaml")]
    assert [(g.place, g.number) for g in gaps] == [("reuters_bangalore › summary (en)", "1,580")]


def test_a_key_that_contradicts_the_classification_is_reported(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    question = {
        "id": "quiz99.q1", "kind": "single", "claims": ["S09"],
        "prompt": {"en": "Which domain fits Eli Lilly's medical writing?", "sv": "Vilken domän passar Eli Lilly?"},
        "hint": {"en": "h", "sv": "h"},
        "options": [
            {"id": "a", "text": {"en": "Research and development (R&D)", "sv": "FoU"}, "correct": True,
             "feedback": {"en": "f", "sv": "f"}},
            {"id": "b", "text": {"en": "Healthcare", "sv": "Sjukvård"}, "correct": False,
             "feedback": {"en": "f", "sv": "f"}},
            {"id": "c", "text": {"en": "Legal services", "sv": "Juridik"}, "correct": False,
             "feedback": {"en": "f", "sv": "f"}},
        ],
    }
    for old in (data / "quizzes").glob("*.yaml"):
        old.unlink()
    quiz = {"lesson": "00", "title": {"en": "t", "sv": "t"}, "questions": [question]}
    (data / "quizzes" / "quiz00.yaml").write_text(yaml.safe_dump(quiz, allow_unicode=True), encoding="utf-8")
    found = facts.key_disagreements(load(data))
    assert len(found) == 1
    assert found[0].startswith("quiz99.q1: marks 'Healthcare' wrong for eli_lilly_tcs")


def test_kpo_course_facts_prints_the_ledger_and_exits_1_on_a_gap(tmp_path, monkeypatch, capsys):
    root = _course(tmp_path, ["Rio Tinto saved US\\$63k a month."])
    monkeypatch.chdir(root)
    monkeypatch.setattr(facts, "load", lambda directory=None: load(root / "kpo_course" / "content" / "data"))
    assert cli.main(["facts"]) == 1
    out, err = capsys.readouterr()
    assert "cases.yaml › rio_tinto_cpa_global › figure: Lawyers in the Delhi team = 12 people" in out
    assert "unsupported number: lessons/00_start_here.ipynb [cell c0]: 'US$63k'" in out
    assert "1 gap(s)" in err


def test_kpo_course_facts_exits_0_when_all_is_supported(tmp_path, monkeypatch, capsys):
    root = _course(tmp_path, ["Rio Tinto paid about US\\$250 a day in 2009."])
    monkeypatch.chdir(root)
    monkeypatch.setattr(facts, "load", lambda directory=None: load(root / "kpo_course" / "content" / "data"))
    assert cli.main(["facts", "--gaps-only"]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("# Gaps: 0") and "every number in the course is supported" in out
