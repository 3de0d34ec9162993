"""kpo_course.insight: misconception ids, the report's numbers, hand-in files, LMS exports, the page in Chromium."""
from __future__ import annotations

import csv
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kpo_course import checks, progress
from kpo_course.cli import main
from kpo_course.grading.gradebook import CSV_COLUMNS, Row
from kpo_course.insight import data, lms, stats
from kpo_course.insight.report import REPORT_FILES, write_report

# Every misconception the checks name. An id is part of the gradebook format: change one only on purpose.
SNAPSHOT = """
00.q2.said_false 00.q3.chose_a 00.q3.chose_c 01.q5.in_thousands 01.q5.millions_as_units 01.q5.per_centre
01.q5.upside_down 01.q6.picked_b 01.q6.picked_d 03.q1.delhi_rate 03.q1.divided_by_seven 03.q1.ratio_not_rate
03.q1.twelve_london_lawyers 03.q1.whole_delhi_team 03.q2.first_month 03.q2.percent_as_whole_number
03.q2.percent_not_dollars 03.q2.share_not_dollars 03.q2.what_is_left 03.q2.whole_budget 03.q3.one_month
03.q3.percent_not_decimal 03.q3.target_not_pace 03.q3.yearly_dollars 03.q4.subtracted 03.q4.upside_down
03.q7.a_year 03.q7.london_team 03.q7.one_day 03.q7.one_lawyer 03.q7.thirty_days 03.q8.picked_c 03.q8.picked_d
03.q8.picked_e 06.q7.picked_c 06.q7.picked_d 07.q1.picked_c 07.q1.picked_e
""".split()


def test_misconception_ids_are_the_snapshot_and_unique():
    assert sorted(data.known_misconceptions()) == sorted(SNAPSHOT)
    assert len(set(SNAPSHOT)) == len(SNAPSHOT)


@pytest.mark.parametrize("identifier", SNAPSHOT)
def test_each_misconception_is_reached_by_a_real_wrong_answer(identifier):
    known = data.known_misconceptions()[identifier]
    feedback = checks.check(known["question"], known["answer"])
    assert feedback.correct is False
    assert feedback.result["misconception"] == identifier
    assert known["message"]["en"] and known["message"]["sv"] and known["message"]["en"] != known["message"]["sv"]


def test_a_right_answer_or_an_unnamed_wrong_one_has_no_misconception():
    assert "misconception" not in checks.check("03.q1", 1750).result
    assert "misconception" not in checks.check("03.q1", 1).result
    assert checks.check("03.q1", 250 / 7).result["misconception"] == "03.q1.divided_by_seven"


def test_gradebook_has_a_misconception_column_at_the_end():
    assert CSV_COLUMNS[-1] == "misconception" and CSV_COLUMNS[:7] == (
        "student", "notebook", "question", "points", "max_points", "verdict", "message")
    row = Row("ann", "03_x.ipynb", "03.q1", 0, 1, "wrong", "You divided by seven.", misconception="03.q1.divided_by_seven")
    assert row.as_csv()["misconception"] == "03.q1.divided_by_seven"


def _class(path: Path) -> Path:
    """40 students on 03.q1 and 03.q2: 03.q1 right for s00-s24, s25-s34 divided by seven, s35-s39 gave the
    Delhi rate; 03.q2 right for s00-s29, s30-s35 typed the percent as 20, s36-s39 did not answer."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for n in range(40):
            student = f"s{n:02d}"
            q1 = ("correct", "") if n < 25 else ("wrong", "03.q1.divided_by_seven" if n < 35 else "03.q1.delhi_rate")
            q2 = (("correct", "") if n < 30 else ("wrong", "03.q2.percent_as_whole_number") if n < 36
                  else ("unanswered", ""))
            for question, (verdict, named) in (("03.q1", q1), ("03.q2", q2)):
                writer.writerow([student, "03_case.ipynb", question, 1 if verdict == "correct" else 0, 1, verdict,
                                 "msg", named])
            writer.writerow([student, "03_case.ipynb", "03.memo", 0, 2, "manual", "Graded by hand", ""])
    return path


def test_generated_class_gives_the_right_counts_and_facilities(tmp_path):
    written = write_report([_class(tmp_path / "gradebook.csv")], tmp_path / "out")
    assert sorted(written) == sorted(REPORT_FILES)
    questions = {r["question"]: r for r in csv.DictReader(open(tmp_path / "out" / "questions.csv"))}
    assert set(questions) == {"03.q1", "03.q2"}  # the memo (manual) is not a question here
    assert (questions["03.q1"]["students"], questions["03.q1"]["answered"], questions["03.q1"]["facility"]) == (
        "40", "40", "0.625")
    assert (questions["03.q2"]["answered"], questions["03.q2"]["facility"]) == ("36", "0.833")
    assert float(questions["03.q1"]["discrimination"]) > 0.3  # the same students get both right
    assert questions["03.q1"]["claims"] == " ".join(checks.question("03.q1").claims)
    named = [(r["misconception"], r["students"]) for r in csv.DictReader(open(tmp_path / "out" / "misconceptions.csv"))]
    assert named == [("03.q1.divided_by_seven", "10"), ("03.q2.percent_as_whole_number", "6"),
                     ("03.q1.delhi_rate", "5")]
    claims = {r["claim"]: r for r in csv.DictReader(open(tmp_path / "out" / "claims.csv"))}
    assert len(claims) == 24
    claim = checks.question("03.q1").claims[0]
    expected = (25 + 30) / 80 if claim in checks.question("03.q2").claims else 25 / 40
    assert float(claims[claim]["mastery"]) == pytest.approx(expected, abs=0.001)
    students = list(csv.DictReader(open(tmp_path / "out" / "students.csv")))
    assert len(students) == 40 and students[0][claim] == "1.0" and students[39][claim] == "0.0"


def test_point_biserial_matches_a_hand_computation():
    # right = [1,1,0,0], scores = [3,2,2,1]: means 0.5 and 2; cov = 1.0; var_r = 1; var_s = 2 -> 1/sqrt(2)
    assert stats.point_biserial([1, 1, 0, 0], [3, 2, 2, 1]) == pytest.approx(2 ** -0.5)
    assert stats.point_biserial([0, 0], [1, 2]) is None


def test_swedish_report_uses_swedish_messages(tmp_path):
    write_report([_class(tmp_path / "gradebook.csv")], tmp_path / "sv", language="sv")
    page = (tmp_path / "sv" / "report.html").read_text(encoding="utf-8")
    assert 'lang="sv"' in page and "Ta om härnäst" in page and "Re-teach next" not in page
    rows = list(csv.DictReader(open(tmp_path / "sv" / "misconceptions.csv", encoding="utf-8")))
    assert rows[0]["message"].startswith("Du delade med sju")


def test_progress_export_is_read_by_the_report(tmp_path, monkeypatch):
    monkeypatch.setenv("KPO_COURSE_HOME", str(tmp_path / "home"))
    progress.record("quiz03.q1", correct=False)
    progress.record("quiz03.q1", correct=True, points=1, max_points=1)
    progress.record("quiz03.q2", correct=False, max_points=1)
    handin = progress.export(tmp_path / "bea.json", student="bea")
    frame = data.read([_class(tmp_path / "gradebook.csv"), handin])
    assert set(frame[frame["student"] == "bea"]["question"]) == {"quiz03.q1", "quiz03.q2"}
    write_report([tmp_path / "gradebook.csv", handin], tmp_path / "out")
    questions = {r["question"]: r for r in csv.DictReader(open(tmp_path / "out" / "questions.csv"))}
    assert (questions["quiz03.q1"]["facility"], questions["quiz03.q2"]["facility"]) == ("1.0", "0.0")


def test_report_command_and_lms_exports_parse_back(tmp_path, capsys):
    gradebook = _class(tmp_path / "gradebook.csv")
    assert main(["report", str(gradebook), "--out", str(tmp_path / "out")]) == 0
    lms_dir = tmp_path / "out" / "lms"
    canvas = list(csv.reader(open(lms_dir / "canvas_grades.csv", encoding="utf-8")))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Exercise 03 (2 points)"]
    assert canvas[1] == ["s00", "", "", "s00", "", "2"] and len(canvas) == 41
    moodle = list(csv.DictReader(open(lms_dir / "moodle_grades.csv", encoding="utf-8")))
    assert moodle[39] == {"username": "s39", "Exercise 03 (2 points)": "0"}
    assert main(["report", str(tmp_path / "nothing.csv"), "--out", str(tmp_path / "x")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_moodle_xml_has_moodles_question_structure(tmp_path):
    path = tmp_path / "bank.xml"
    lms.moodle_xml().write(path, encoding="utf-8", xml_declaration=True)
    root = ET.parse(path).getroot()
    assert root.tag == "quiz"
    questions = [q for q in root if q.get("type") != "category"]
    bank = [q for quiz in __import__("kpo_course.content", fromlist=["load"]).load().quizzes.values()
            for q in quiz.questions]
    assert len(questions) == len(bank)
    for question in questions:
        kind = question.get("type")
        assert question.find("name/text").text and question.find("questiontext").get("format") == "html"
        answers = question.findall("answer")
        if kind == "multichoice":
            fractions = [float(a.get("fraction")) for a in answers]
            assert len(answers) >= 2 and sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.001)
            assert question.find("single").text in ("true", "false")
        elif kind == "truefalse":
            assert [a.find("text").text for a in answers] == ["true", "false"]
            assert sorted(float(a.get("fraction")) for a in answers) == [0, 100]
        elif kind == "numerical":
            assert float(answers[0].get("fraction")) == 100 and answers[0].find("tolerance") is not None
            float(answers[0].find("text").text)
        else:
            assert kind == "matching"
            subs = question.findall("subquestion")
            assert len(subs) >= 3 and all(s.find("text").text and s.find("answer/text").text for s in subs)


@pytest.mark.skipif(not shutil.which("chromium"), reason="Chromium is not installed")
def test_report_renders_in_chromium_offline(tmp_path):
    write_report([_class(tmp_path / "gradebook.csv")], tmp_path / "out")
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page and page.count("data:image/png;base64,") == 2
    shot = tmp_path / "shot.png"
    done = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,1600",
                           f"--screenshot={shot}", (tmp_path / "out" / "report.html").as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert shot.is_file(), done.stderr[-2000:]
    from matplotlib.image import imread
    pixels = imread(shot)
    assert pixels.shape[0] >= 1600 and pixels[..., :3].std() > 0.1  # a drawn page, not a blank one
