"""A widget's first chart saved between kernels: exact keys, stale and damaged files, limits."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpo_course.widgets import charts, saved_charts

PNG = saved_charts.PNG_SIGNATURE + b"a picture" + saved_charts.PNG_END


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A cache folder of the test's own, and no pictures in memory."""
    monkeypatch.setenv("KPO_COURSE_CACHE", str(tmp_path / "cache"))
    charts.clear_cache()
    yield tmp_path / "cache" / "charts"
    charts.clear_cache()


def saved(folder) -> list:
    return sorted(folder.glob("*.png")) if folder.exists() else []


# --------------------------------------------------------------------------- keys
plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(plain, plain)
def test_one_text_names_one_key(a, b):
    """Equal texts only for equal keys of the same shape: 1, 1.0, True and "1" stay apart."""
    if saved_charts.canonical(a) == saved_charts.canonical(b):
        assert a == b and type(a) is type(b)


def test_keys_of_other_types_are_never_saved():
    @dataclasses.dataclass(frozen=True)
    class Option:
        id: str
        cost: float

    assert saved_charts.canonical(Option("kpo", 1.5)).endswith(".Option{[('key', 'id', 'kpo'), ('key', 'cost', 1.5)]}")
    assert saved_charts.canonical(Option("kpo", object())) is None
    assert saved_charts.canonical(("en", {1, 2})) is None  # a set's order is not fixed
    from typing import NamedTuple

    class Pair(NamedTuple):  # a tuple that prints alike for two types: not plain
        a: int
        b: int

    assert saved_charts.canonical(Pair(1, 2)) is None
    assert saved_charts.canonical((1,)) != saved_charts.canonical([1]) != saved_charts.canonical(1)


# --------------------------------------------------------------------------- the store
def test_a_saved_picture_comes_back_for_the_same_key_only(store):
    saved_charts.save("cost", ("en", 36), PNG)
    assert saved_charts.load("cost", ("en", 36)) == PNG
    assert saved_charts.load("cost", ("sv", 36)) is None
    assert saved_charts.load("risk", ("en", 36)) is None
    assert len(saved(store)) == 1


def test_changed_drawing_code_or_data_means_no_saved_picture(store, monkeypatch):
    saved_charts.save("cost", ("en", 36), PNG)
    monkeypatch.setattr(saved_charts, "fingerprint", lambda: "other code")
    assert saved_charts.load("cost", ("en", 36)) is None


def test_the_fingerprint_follows_every_course_file(tmp_path, monkeypatch):
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "plots.py").write_text("A = 1\n")
    (package / "data" / "risks.yaml").write_text("risks: []\n")
    monkeypatch.setattr(saved_charts, "_PACKAGE", package)
    prints = []
    for change in (None, "plots.py", "data/risks.yaml"):
        if change:
            (package / change).write_text((package / change).read_text() + "# changed\n")
        saved_charts.fingerprint.cache_clear()
        prints.append(saved_charts.fingerprint())
    saved_charts.fingerprint.cache_clear()
    assert len(set(prints)) == 3


@pytest.mark.parametrize("damage", [b"", b"not a png", b"\x89PN", PNG[:-3]], ids=["empty", "text", "half a signature", "cut short"])
def test_a_damaged_file_is_drawn_afresh(store, damage):
    saved_charts.save("cost", ("en", 36), PNG)
    (path,) = saved(store)
    path.write_bytes(damage)
    assert saved_charts.load("cost", ("en", 36)) is None
    saved_charts.save("cost", ("en", 36), PNG)  # the next first drawing repairs it
    assert saved_charts.load("cost", ("en", 36)) == PNG


def test_nothing_is_saved_when_switched_off_unwritable_or_not_plain(tmp_path, monkeypatch):
    monkeypatch.setenv("KPO_COURSE_CACHE", "off")
    saved_charts.save("cost", ("en", 36), PNG)
    assert saved_charts.load("cost", ("en", 36)) is None
    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    monkeypatch.setenv("KPO_COURSE_CACHE", str(blocker / "cache"))
    saved_charts.save("cost", ("en", 36), PNG)  # quietly: no folder can be made under a file
    assert saved_charts.load("cost", ("en", 36)) is None
    monkeypatch.setenv("KPO_COURSE_CACHE", str(tmp_path / "cache"))
    saved_charts.save("cost", ("en", object()), PNG)
    saved_charts.save("cost", ("en", 36), b"not a png")
    assert saved(tmp_path / "cache" / "charts") == []


def test_the_folder_keeps_only_the_newest_pictures(store, monkeypatch):
    monkeypatch.setattr(saved_charts, "LIMIT", 3)
    for n in range(6):
        saved_charts.save("cost", ("en", n), PNG)
        os.utime(saved_charts._path("cost", ("en", n)), (1000 + n, 1000 + n))  # a clear order of age
    kept = [n for n in range(6) if saved_charts.load("cost", ("en", n)) is not None]
    assert kept == [3, 4, 5]


# --------------------------------------------------------------------------- charts and widgets
def test_only_a_charts_first_picture_is_saved_and_reused(store):
    drawn = []

    def render(text: str):
        return lambda: drawn.append(text) or saved_charts.PNG_SIGNATURE + text.encode() + saved_charts.PNG_END

    first = charts.Chart("demo")
    first.show(("en", 1), render("one"))
    first.show(("en", 2), render("two"))  # a learner's change: memory only
    assert drawn == ["one", "two"] and len(saved(store)) == 1

    charts.clear_cache()  # as in a new kernel
    again = charts.Chart("demo")
    again.show(("en", 1), render("one again"))
    assert drawn == ["one", "two"] and again.renders == 0
    assert again.image.value == saved_charts.PNG_SIGNATURE + b"one" + saved_charts.PNG_END
    again.show(("en", 2), render("two again"))
    assert drawn[-1] == "two again"


@pytest.mark.parametrize("make", ["DecisionMatrix", "CostCalculator", "FlexibilitySimulator", "RiskMatrix"])
def test_a_widget_opens_with_its_saved_picture_and_draws_alike_afterwards(store, make):
    from kpo_course import widgets

    first = getattr(widgets, make)()
    charts.clear_cache()
    second = getattr(widgets, make)()
    assert second.chart_view.renders == 0
    assert second.chart_view.image.value == first.chart_view.image.value

    def change(widget):
        control = next(iter(widget.weights.values())) if make == "DecisionMatrix" else (
            widget.horizon if make == "CostCalculator" else widget.depth if make == "FlexibilitySimulator"
            else next(iter(widget.mitigations.values())))
        control.value = (not control.value) if isinstance(control.value, bool) else control.max

    change(second)  # its figure is made only now, and draws what a fresh widget draws
    assert second.chart_view.renders == 1
    charts.clear_cache()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KPO_COURSE_CACHE", "off")
        fresh = getattr(widgets, make)()
        change(fresh)
    assert fresh.chart_view.image.value == second.chart_view.image.value


def test_a_new_process_shows_the_saved_picture_byte_for_byte(tmp_path):
    code = ("import hashlib; from kpo_course import widgets; m = widgets.DecisionMatrix();"
            "print(m.chart_view.renders, hashlib.sha256(m.chart_view.image.value).hexdigest())")
    env = {**os.environ, "KPO_COURSE_CACHE": str(tmp_path / "cache"), "MPLBACKEND": "agg"}

    def run() -> list[str]:
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                              check=True).stdout.split()

    (drawn, picture), (drawn_again, picture_again) = run(), run()
    assert (drawn, drawn_again) == ("1", "0") and picture == picture_again


def test_docstring_examples_run():
    import doctest

    result = doctest.testmod(saved_charts)
    assert result.attempted > 0 and result.failed == 0
