"""Presenting in a classroom without internet: ``kpo-course slides`` brings reveal.js with it."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kpo_course.authoring.slides import (
    BUNDLED_REQUIRE, BUNDLED_REVEAL, build_decks, deck_title, discussion_questions, lesson_paths,
    local_targets, network_urls,
)

ROOT = Path(__file__).resolve().parent.parent
LESSONS = lesson_paths(ROOT)
GUIDE = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kpo_course.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("offline-slides")
    result = run("slides", str(out))
    assert result.returncode == 0, result.stderr
    assert "need no internet" in result.stdout
    return out


def test_the_package_ships_reveal_js_and_requirejs_with_their_licences():
    for name in ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "plugin/notes/notes.js", "LICENSE",
                 "dist/theme/fonts/source-sans-pro/source-sans-pro.css"):
        assert (BUNDLED_REVEAL / name).is_file(), name
    assert "MIT" in (BUNDLED_REVEAL / "LICENSE").read_text(encoding="utf-8")
    assert "Released under MIT license" in BUNDLED_REQUIRE.read_text(encoding="utf-8")[:400]
    fonts = (BUNDLED_REVEAL / "dist/theme/fonts/source-sans-pro/source-sans-pro.css").read_text(encoding="utf-8")
    for font in re.findall(r"url\('([^']+)'\)", fonts):
        assert (BUNDLED_REVEAL / "dist/theme/fonts/source-sans-pro" / font).is_file(), font


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_a_deck_links_only_to_files_in_its_folder(decks, lesson):
    text = (decks / f"{lesson.stem}.slides.html").read_text(encoding="utf-8")
    assert not [u for u in network_urls(text) if "reveal" in u or "require" in u]
    targets = local_targets(text)
    assert "reveal.js/dist/reveal.js" in targets and "require.min.js" in targets
    missing = [t for t in targets if not (decks / t).is_file()]
    assert missing == [], f"{lesson.name} links to files not in the slides folder: {missing}"
    assert ".ipynb" not in " ".join(targets)


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_a_deck_has_its_title_in_one_form_and_its_discussion_questions_as_speaker_notes(decks, lesson):
    text = (decks / f"{lesson.stem}.slides.html").read_text(encoding="utf-8")
    number = lesson.name[:2]
    title = re.search(r"<title>(.*?)</title>", text).group(1)
    assert re.fullmatch(rf"Lesson {number} · \S.*", title), title
    questions = discussion_questions(GUIDE, lesson)
    assert len(questions) >= 2, f"the guide has discussion questions for {lesson.name}"
    notes = re.findall(r'<aside class="notes">(.*?)</aside>', text, re.S)
    assert len(notes) == 1 and "Discussion questions" in notes[0]
    assert notes[0].count("<li>") == len(questions)
    first_words = re.sub(r"[*_`]", "", questions[0]).split()[:4]
    assert " ".join(first_words) in re.sub(r"<[^>]+>", "", notes[0])


def test_titles_in_other_forms_are_brought_to_one():
    assert deck_title("Lesson 04: Benefits of KPO", Path("04_benefits.ipynb")) == "Lesson 04 · Benefits of KPO"
    assert deck_title("Lesson 03 · Why firms use KPO", Path("03_x.ipynb")) == "Lesson 03 · Why firms use KPO"


@pytest.mark.parametrize("option, value", [("--reveal-prefix", "/no/such/reveal.js"),
                                           ("--require-js", "/no/such/require.js")])
def test_a_missing_local_path_fails_and_writes_no_deck(tmp_path, option, value):
    result = run("slides", str(tmp_path / "out"), option, value)
    assert result.returncode == 1
    assert "no such" in result.stderr and value in result.stderr
    assert not list((tmp_path / "out").glob("*.slides.html"))


@pytest.mark.browser
def test_a_deck_works_in_chromium_with_the_network_cut_off(decks, browser):
    """Every request that is not a local file is refused, as in a room without internet."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    refused: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()
    context.route("**/*", only_files)
    page = context.new_page()
    try:
        page.goto((decks / f"{LESSONS[3].stem}.slides.html").as_uri())
        page.wait_for_selector(".reveal.ready", timeout=30_000)  # reveal.js started (through RequireJS)
        present = "() => [...document.querySelectorAll('.slides section.present')].map(s => s.innerText).join('|')"
        first = page.evaluate(present)
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => ({present})() !== {json.dumps(first)}", timeout=10_000)
        notes = page.locator(".slides section aside.notes")
        assert notes.count() == 1 and not notes.is_visible()  # speaker notes: only in the speaker view
        assert "Discussion questions" in notes.text_content()
        assert not [url for url in refused if "reveal" in url or "require" in url]
    finally:
        context.close()
