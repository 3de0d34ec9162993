"""The learner's progress store: atomic, forgiving, never raising."""
from __future__ import annotations

import json
import os
import stat

import pytest

from kpo_course import progress


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("KPO_COURSE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(progress, "_memory", None)
    return tmp_path / "home"


def test_record_and_load_round_trip(home):
    progress.record("00.q1", correct=False, points=0, max_points=1)
    progress.record("00.q1", correct=True, points=1, max_points=1)
    entry = progress.load()["questions"]["00.q1"]
    assert entry == {"attempts": 2, "correct": True, "points": 1.0, "max_points": 1.0}
    assert json.loads((home / "progress.json").read_text())["version"] == progress.SCHEMA_VERSION


def test_unanswered_is_not_an_attempt(home):
    progress.record("00.q1", correct=None)
    assert progress.load()["questions"] == {}


def test_a_correct_answer_is_never_forgotten_by_a_later_miss(home):
    progress.record("00.q2", correct=True, points=1)
    progress.record("00.q2", correct=False, points=0)
    assert progress.load()["questions"]["00.q2"]["correct"] is True


@pytest.mark.parametrize("garbage", [b"{not json", b"[]", b'{"version": 1, "questions": []}', b"\xff\xfe\x00"])
def test_corrupt_file_is_moved_aside_with_a_warning_and_a_fresh_one_started(home, garbage):
    home.mkdir(parents=True)
    (home / "progress.json").write_bytes(garbage)
    with pytest.warns(UserWarning, match="moved to progress.json.corrupt"):
        assert progress.load()["questions"] == {}
    assert (home / "progress.json.corrupt").read_bytes() == garbage
    progress.record("00.q1", correct=True, points=1)
    assert progress.load()["questions"]["00.q1"]["correct"] is True


def test_write_is_atomic_no_temporary_files_left(home):
    for i in range(5):
        progress.record(f"00.q{i}", correct=True, points=1)
    assert sorted(p.name for p in home.iterdir()) == ["progress.json"]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root can write anywhere")
def test_unwritable_folder_keeps_progress_in_memory(home):
    home.mkdir(parents=True)
    home.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.warns(UserWarning, match="this session only"):
            progress.record("00.q1", correct=True, points=1)
        assert progress.load()["questions"]["00.q1"]["correct"] is True
    finally:
        home.chmod(stat.S_IRWXU)


def test_folder_that_is_a_file_keeps_progress_in_memory(home, tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("I am a file")
    monkeypatch.setenv("KPO_COURSE_HOME", str(blocker))
    with pytest.warns(UserWarning, match="this session only"):
        progress.record("00.q1", correct=True, points=1)
    assert progress.load()["questions"]["00.q1"]["correct"] is True
