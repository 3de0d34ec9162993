"""Translated editions: catalogs in step with the English notebooks, and nothing left untranslated."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from babel.messages.catalog import Catalog

from kpo_course.authoring import translate
from kpo_course.authoring.translate import (
    build, catalog_path, paragraphs, plan, read_catalog, render_catalog, units,
)

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
OPEN, CLOSE = "⟦", "⟧"


def _course(tmp_path: Path, *names: str) -> Path:
    """A temporary course with the named English lessons and an empty ``locale/<lang>/lessons``."""
    (tmp_path / "lessons").mkdir()
    (tmp_path / "solutions").mkdir()
    for name in names:
        shutil.copy(ROOT / "lessons" / name, tmp_path / "lessons" / name)
    return tmp_path


def _pseudo_catalog(english_catalog: Catalog, language: str) -> Catalog:
    """A pseudo-language made from a catalog alone: every English text wrapped in markers."""
    pseudo = Catalog(locale="sv")
    for message in english_catalog:
        if message.id:
            pseudo.add(message.id, f"{OPEN}{message.id}{CLOSE}", context=message.context)
    return pseudo


def _write_pseudo(root: Path, name: str, language: str = "sv") -> Path:
    english = nbformat.read(root / "lessons" / name, as_version=4)
    template = translate.updated_catalog(units(english), Catalog(locale="sv"), "sv", name)
    path = catalog_path(root, language, "lessons", name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_catalog(_pseudo_catalog(template, language)))
    return path


def _unwrapped_words(markdown: str) -> list[str]:
    """Words left outside the markers, code spans, fenced code and link targets."""
    text = re.sub(re.escape(OPEN) + r".*?" + re.escape(CLOSE), " ", markdown, flags=re.S)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`|\]\([^)]*\)", " ", text)
    return re.findall(r"[^\W\d_]{2,}", text)


def test_pseudo_language_from_the_catalog_leaves_no_english_in_the_markdown(tmp_path):
    root = _course(tmp_path, "01_what_is_kpo.ipynb", "00_start_here.ipynb")
    for name in ("00_start_here.ipynb", "01_what_is_kpo.ipynb"):
        _write_pseudo(root, name)
    report = build(root)
    assert report.problems == []
    english = nbformat.read(root / "lessons" / "01_what_is_kpo.ipynb", as_version=4)
    edition = nbformat.read(root / "lessons" / "sv" / "01_what_is_kpo.ipynb", as_version=4)
    assert [c.get("id") for c in edition.cells] == [c.get("id") for c in english.cells]
    assert edition.metadata["kpo"]["language"] == "sv"
    for cell in edition.cells:
        if cell.cell_type == "markdown":
            assert _unwrapped_words(cell.source) == [], cell.source
    codes = [(e.source, t.source) for e, t in zip(english.cells, edition.cells) if e.cell_type == "code"]
    changed = [t for e, t in codes if e != t]
    assert len(changed) == 1 and 'kpo.set_language("sv")' in changed[0]
    assert all(e == t for e, t in codes if 'set_language' not in t)
    links = "".join(c.source for c in edition.cells if c.cell_type == "markdown")
    assert "](00_start_here.ipynb)" in links  # the Swedish sibling, same folder
    assert "](../exercises/" not in links  # no edition of the exercise here: it points two levels up
    assert "](../../exercises/01_case_kpo_or_bpo_at_a_bank.ipynb)" in links


def test_a_changed_english_sentence_makes_check_fail_until_the_entry_is_reviewed(tmp_path):
    root = _course(tmp_path, "00_start_here.ipynb")
    po = _write_pseudo(root, "00_start_here.ipynb")
    build(root)
    assert plan(root).problems == [] and plan(root).stale == []

    path = root / "lessons" / "00_start_here.ipynb"
    notebook = nbformat.read(path, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "markdown" and "Rio Tinto" in c.source)
    first = next(block for block in paragraphs(cell.source) if block.startswith("A real example"))
    cell.source = cell.source.replace(first, first.replace("A real example", "A real case"), 1)
    assert cell.source != nbformat.read(path, as_version=4).cells[notebook.cells.index(cell)].source
    nbformat.write(notebook, path)

    problems = plan(root).problems
    assert any("older English text" in p for p in problems), problems
    edition = root / "lessons" / "sv" / "00_start_here.ipynb"
    assert plan(root).stale == [edition], "the edition shows the new English until the entry is reviewed"

    build(root, update_catalogs=True)
    catalog = read_catalog(po, "sv")
    fuzzy = [m for m in catalog if m.fuzzy]
    assert len(fuzzy) == 1 and fuzzy[0].id.startswith("A real case") and fuzzy[0].previous_id[0].startswith(
        "A real example")
    assert any("fuzzy" in p for p in plan(root).problems)

    assert plan(root, update_catalogs=True).stale_catalogs == [], "a fuzzy entry survives a second update unchanged"
    fuzzy[0].flags.discard("fuzzy")
    fuzzy[0].string = f"{OPEN}{fuzzy[0].id}{CLOSE}"
    po.write_bytes(render_catalog(catalog))
    assert plan(root).problems == []
    assert plan(root).stale == [edition]
    build(root)
    assert plan(root).stale == []


def test_a_missing_entry_or_catalog_fails_check(tmp_path):
    root = _course(tmp_path, "00_start_here.ipynb")
    (root / "locale" / "sv" / "lessons").mkdir(parents=True)
    assert any("missing" in p for p in plan(root).problems)
    po = _write_pseudo(root, "00_start_here.ipynb")
    catalog = read_catalog(po, "sv")
    dropped = next(m for m in catalog if m.id)
    catalog.delete(dropped.id, context=dropped.context)
    po.write_bytes(render_catalog(catalog))
    problems = plan(root).problems
    assert len(problems) == 1 and dropped.context in problems[0] and "no translation" in problems[0]


def test_an_obsolete_entry_fails_check(tmp_path):
    root = _course(tmp_path, "00_start_here.ipynb")
    po = _write_pseudo(root, "00_start_here.ipynb")
    catalog = read_catalog(po, "sv")
    catalog.add("A paragraph that was deleted.", "Ett stycke som togs bort.", context="gone#0")
    po.write_bytes(render_catalog(catalog))
    assert any("no longer exist" in p for p in plan(root).problems)
    build(root, update_catalogs=True)
    assert any("obsolete" in p for p in plan(root).problems)
    assert "#~ msgctxt \"gone#0\"" in po.read_text(encoding="utf-8")


def test_update_catalogs_twice_changes_nothing(tmp_path):
    root = _course(tmp_path, "00_start_here.ipynb")
    _write_pseudo(root, "00_start_here.ipynb")
    build(root, update_catalogs=True)
    assert plan(root, update_catalogs=True).stale_catalogs == []


def test_the_english_start_page_links_to_the_swedish_one():
    source = "".join(c.source for c in nbformat.read(ROOT / "lessons" / "00_start_here.ipynb", as_version=4).cells)
    assert "](sv/00_start_here.ipynb)" in source


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_swedish_lesson_is_complete_and_built(lesson):
    report = plan(ROOT)
    mine = str(catalog_path(ROOT, "sv", "lessons", lesson.name).relative_to(ROOT))
    assert [p for p in report.problems if p.startswith(mine)] == []
    assert ROOT / "lessons" / "sv" / lesson.name not in report.stale


def test_a_code_cell_marked_translate_code_is_one_entry_and_is_replaced(tmp_path):
    root = _course(tmp_path, "02_kpo_domains.ipynb")
    english = nbformat.read(root / "lessons" / "02_kpo_domains.ipynb", as_version=4)
    marked = [c for c in english.cells if c.cell_type == "code" and c.metadata.get("kpo", {}).get("translate_code")]
    assert marked, "lesson 02's search cell is marked for translation"
    context = f"{marked[0].id}#code"
    assert context in {u.context for u in units(english)}
    _write_pseudo(root, "02_kpo_domains.ipynb")
    build(root)
    edition = nbformat.read(root / "lessons" / "sv" / "02_kpo_domains.ipynb", as_version=4)
    cell = next(c for c in edition.cells if c.id == marked[0].id)
    assert cell.source == f"{OPEN}{marked[0].source}{CLOSE}"
    others = [c for c in edition.cells if c.cell_type == "code" and c.id != marked[0].id]
    assert all(OPEN not in c.source for c in others), "unmarked code cells are never translated"

    marked[0].source = marked[0].source.replace('"clinic"', '"trial"')
    nbformat.write(english, root / "lessons" / "02_kpo_domains.ipynb")
    assert any(context in p and "older English" in p for p in plan(root).problems)


def test_swedish_lessons_link_to_existing_swedish_notebooks():
    broken, english = [], []
    for path in sorted((ROOT / "lessons" / "sv").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "markdown":
                continue
            for target in re.findall(r"\]\(([^)\s#]+)[^)]*\)", cell.source):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                    continue
                if not (path.parent / target).resolve().is_file():
                    broken.append(f"{path.name}: {target}")
                if target.endswith(".ipynb") and "/sv/" not in (path.parent / target).resolve().as_posix() + "/":
                    english.append(f"{path.name}: {target}")
    assert broken == []
    assert english == ["00_start_here.ipynb: ../00_start_here.ipynb"], "only 'In English' leaves the edition"
