"""Instructor tools: slide decks of the lessons, and the student copy made by ``kpo-course release``."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from kpo_course import cli
from kpo_course.authoring.release import ReleaseError, _normalise, model_answers, release, verify
from kpo_course.nbgrader_cells import BEGIN
from kpo_course.authoring.slides import (
    REQUIRE_JS_CDN, REVEAL_CDN, SlidesError, build_decks, count_sections, count_slides, lesson_paths,
    network_urls,
)

ROOT = Path(__file__).resolve().parent.parent
LESSONS = lesson_paths(ROOT)


def run(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kpo_course.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


# --- slides -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def slides_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("slides")
    result = run("slides", str(out))
    assert result.returncode == 0, result.stderr
    assert "reveal.js" in result.stdout and "index.html" in result.stdout
    return out


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_lesson_deck_builds_with_more_than_one_slide(slides_dir, lesson):
    deck = slides_dir / f"{lesson.stem}.slides.html"
    assert deck.is_file(), f"no deck for {lesson.name}"
    text = deck.read_text(encoding="utf-8")
    assert count_sections(text) > 1 and count_slides(text) > 1
    assert f'href="{deck.name}"' in (slides_dir / "index.html").read_text(encoding="utf-8")
    assert "Traceback" not in text


def test_slides_are_counted_as_reveal_counts_them():
    deck = "<section><section>a</section><section>b</section></section><section><section>c</section></section>"
    assert count_sections(deck) == 5 and count_slides(deck) == 3


def test_decks_load_reveal_and_requirejs_from_a_cdn_when_asked(tmp_path):
    decks = build_decks(ROOT, tmp_path, reveal_prefix=REVEAL_CDN, require_js=REQUIRE_JS_CDN, lessons=LESSONS[:1])
    urls = network_urls(decks[0].html.read_text(encoding="utf-8"))
    assert f"{REVEAL_CDN}/dist/reveal.js" in urls and REQUIRE_JS_CDN in urls


def test_local_reveal_and_requirejs_are_copied_and_linked_relatively(tmp_path):
    reveal = tmp_path / "reveal.js-4.0.2"
    for name in ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "plugin/notes/notes.js"):
        (reveal / name).parent.mkdir(parents=True, exist_ok=True)
        (reveal / name).write_text("/* stand-in */")
    require = tmp_path / "require.js"
    require.write_text("/* stand-in */")
    out = tmp_path / "decks"
    decks = build_decks(ROOT, out, reveal_prefix=str(reveal), require_js=str(require), lessons=LESSONS[:1])
    text = decks[0].html.read_text(encoding="utf-8")
    assert (out / "reveal.js" / "dist" / "reveal.js").is_file() and (out / "require.min.js").is_file()
    assert '"reveal.js/dist/reveal.js"' in text and 'src="require.min.js"' in text
    assert not [u for u in network_urls(text) if "reveal" in u or "require" in u]


def test_a_folder_that_is_not_reveal_js_is_refused(tmp_path):
    with pytest.raises(SlidesError, match="dist/reveal.js"):
        build_decks(ROOT, tmp_path / "decks", reveal_prefix=str(tmp_path), lessons=LESSONS[:1])


def test_slides_help_names_the_cdn_and_the_offline_options():
    result = run("slides", "--help")
    assert result.returncode == 0
    text = result.stdout
    assert "usage: kpo-course slides" in text
    for words in ("unpkg.com/reveal.js@4.0.2", "--reveal-prefix", "--require-js", "_build/slides", "Offline"):
        assert words in text, words


# --- release ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "kpo-student"
    result = run("release", str(out))
    assert result.returncode == 0, result.stderr
    assert "verified" in result.stdout
    return out


def test_release_has_the_course_and_nothing_of_the_instructors(released):
    for name in ("solutions", "tests", "benchmarks", ".git", ".venv", ".ci", "docs/instructor-guide.md",
                 "kpo_course.egg-info"):
        assert not (released / name).exists(), f"{name} must not be in the student copy"
    for name in ("README.md", "RELEASE.md", "Makefile", "pyproject.toml", "environment.yml", "postBuild",
                 "kpo_course/__init__.py", "kpo_course/content/data/course.yaml"):
        assert (released / name).is_file(), f"{name} is missing from the student copy"
    assert sorted(p.name for p in (released / "lessons").glob("*.ipynb")) == [p.name for p in LESSONS]
    assert sorted(p.name for p in (released / "exercises").glob("*.ipynb")) == \
        sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
    assert not list(released.rglob("__pycache__"))


def test_release_has_no_markers_no_model_answers_and_no_stored_outputs(released):
    assert verify(released, ROOT) == []
    answers = model_answers(ROOT)
    everything = []
    for path in (p for p in released.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        lines = text.splitlines() if path.suffix != ".ipynb" else [
            line for cell in nbformat.reads(text, as_version=4).cells for line in cell.source.splitlines()]
        assert BEGIN not in {line.strip() for line in lines}, path
        everything.append(_normalise(text.replace("\\n", "\n").replace('\\"', '"')))
    for source, memo in answers.memos:
        assert not any(memo in text for text in everything), f"model answer of {source} leaked"
    for exercise in (released / "exercises").glob("*.ipynb"):
        notebook = nbformat.read(exercise, as_version=4)
        assert not [c for c in notebook.cells if c.cell_type == "code" and c.outputs], exercise.name
        assert "✓" not in json.dumps([c.get("outputs", []) for c in notebook.cells], ensure_ascii=False)


def test_release_readme_is_for_students_and_its_links_resolve(released):
    readme = (released / "README.md").read_text(encoding="utf-8")
    assert "Student copy" in readme and "RELEASE.md" in readme
    assert "## For instructors" not in readme and "## For authors" not in readme
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", readme):
        if not re.match(r"^[a-z]+:", target):
            assert (released / target).exists(), f"README links {target}, which the student copy lacks"


def test_release_make_test_says_where_the_tests_are(released):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(["make", "-s", "test"], cwd=released, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "not part of this student copy" in result.stdout


def test_released_copy_runs_on_its_own(released, monkeypatch):
    from nbclient import NotebookClient

    env = dict(os.environ, PYTHONPATH=str(released))
    doctor = run("doctor", cwd=released, env=env)
    assert doctor.returncode == 0, doctor.stdout
    monkeypatch.setenv("PYTHONPATH", str(released))
    notebook = nbformat.read(released / "exercises" / "00_warmup.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("print(kpo.__file__)"))
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(released / "exercises")}}).execute()
    printed = notebook.cells[-1].outputs[0]["text"]
    assert printed.startswith(str(released)), printed


def test_release_refuses_a_non_empty_folder_and_a_folder_inside_the_course(tmp_path, capsys):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    assert cli.main(["release", str(busy)]) == 2
    assert "not empty" in capsys.readouterr().err
    inside = ROOT / "_build" / "release-inside"
    assert cli.main(["release", str(inside)]) == 2
    assert "inside the course folder" in capsys.readouterr().err
    assert not inside.exists()
    assert cli.main(["release", str(busy), "--force"]) == 0
    assert (busy / "notes.txt").read_text() == "mine" and (busy / "lessons").is_dir()


@pytest.fixture
def fake_course(tmp_path) -> Path:
    """A copy of the course's own files, to plant leaks in without touching the repository."""
    course = tmp_path / "course"
    skip = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for name in ("lessons", "exercises", "solutions", "kpo_course", "docs"):
        shutil.copytree(ROOT / name, course / name, ignore=skip)
    for name in ("README.md", "Makefile", "pyproject.toml", "environment.yml", "postBuild"):
        shutil.copy(ROOT / name, course / name)
    return course


def test_a_planted_solution_marker_fails_the_release_naming_the_file(fake_course, tmp_path):
    lesson = fake_course / "lessons" / LESSONS[0].name
    notebook = nbformat.read(lesson, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(f"{BEGIN}\nanswer = 42\n### END SOLUTION"))
    nbformat.write(notebook, lesson)
    result = run("release", str(tmp_path / "out"), cwd=fake_course)
    assert result.returncode == 1, result.stderr
    assert f"lessons/{LESSONS[0].name}: contains the solution marker '{BEGIN}'" in result.stderr
    assert "do not hand it out" in result.stderr


def test_release_error_carries_its_exit_code(tmp_path):
    with pytest.raises(ReleaseError) as error:
        release(tmp_path, tmp_path / "out")  # not a course folder
    assert error.value.exit_code == 2 and "not a course folder" in str(error.value)


def test_verify_names_a_leaked_model_answer_a_marker_and_a_stored_output(released, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(released, copy)
    (copy / "docs" / "notes.md").write_text(f"Handy:\n{BEGIN}\n")
    answers = model_answers(ROOT)
    exercise = next((copy / "exercises").glob("*.ipynb"))
    notebook = nbformat.read(exercise, as_version=4)
    code_cell = next(c for c in notebook.cells if c.cell_type == "code")
    code_cell.outputs = [nbformat.v4.new_output("stream", text="✓ Correct")]
    nbformat.write(notebook, exercise)
    problems = "\n".join(verify(copy, answers=answers))
    assert "docs/notes.md: contains the solution marker" in problems
    assert f"exercises/{exercise.name}: stored outputs" in problems
    if answers.memos:
        source, memo = answers.memos[0]
        (copy / "lessons" / "memo.md").write_text("Model answer, word for word:\n" + memo)
        assert f"lessons/memo.md: contains the model answer of a memo in solutions/{source}" in \
            "\n".join(verify(copy, answers=answers))


def test_release_help_is_clear():
    result = run("release", "--help")
    assert result.returncode == 0
    text = result.stdout
    assert "usage: kpo-course release" in text
    for words in ("solutions/", "tests/", "--force", "exit 1", "exit 2", "kpo_course/checks/",
                  "instructor-guide.md"):
        assert words in text, words


# --- the guide and the README ------------------------------------------------------------------

def test_readme_shows_the_instructor_commands_and_links_the_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For instructors", 1)[1].split("\n## ", 1)[0]
    for words in ("kpo-course grade", "kpo-course slides", "kpo-course release", "docs/instructor-guide.md"):
        assert words in section, words
    assert (ROOT / "docs" / "instructor-guide.md").is_file()


def test_instructor_guide_covers_every_lesson_and_the_launch_links():
    from kpo_course.content import load

    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    content = load()
    for lesson in content.course.lessons:
        assert lesson.file in guide, lesson.file
    for objectives in content.objectives.values():
        for objective in objectives:
            assert objective.id in guide, objective.id
    assert "urlpath=lab/tree/lessons/00_start_here.ipynb" in guide
    assert "/hub/user-redirect/git-pull?repo=" in guide
    assert "nbgrader generate_assignment" in guide and "nbgrader autograde" in guide
