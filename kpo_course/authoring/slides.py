"""Slide decks for the lessons: one reveal.js HTML file per lesson, from its stored outputs.

Every lesson cell carries ``slideshow.slide_type`` metadata (``slide``, ``subslide``,
``fragment``, ``-``, ``skip``, ``notes``), so nbconvert's ``SlidesExporter`` turns a
lesson into a deck without running it: the committed outputs are shown as they are.

What a deck loads from the network. nbconvert's reveal template writes a self-contained
HTML file (the notebook's text, code, tables and figures are inside it) that loads these
scripts and style sheets when it is opened:

- reveal.js itself (``dist/reveal.css``, ``dist/theme/white.css`` and its fonts, ``dist/reveal.js``,
  ``plugin/notes/notes.js``) from ``REVEAL_CDN``; change it with ``reveal_prefix``;
- RequireJS from cdnjs: the template starts reveal.js through ``require()``, so without it
  the deck shows every slide stacked on one long page; change it with ``require_js``;
- jQuery and MathJax (formulas) and Mermaid (diagrams) from cdnjs, and the ipywidgets HTML
  manager from unpkg for lessons with stored widget state. Without them a deck still
  works: formulas stay as TeX source and widgets show nothing.

For a room without internet give local copies: ``reveal_prefix`` and ``require_js`` accept a
folder / file on disk, which is copied next to the decks and linked relatively.

>>> decks = build_decks(Path("."), Path("_build/slides"))  # doctest: +SKIP
>>> decks[0].slides > 1  # doctest: +SKIP
True
"""
from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

REVEAL_CDN = "https://unpkg.com/reveal.js@4.0.2"  # nbconvert's own default for its reveal template
REQUIRE_JS_CDN = "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"
DEFAULT_OUT = Path("_build") / "slides"
LOCAL_REVEAL = "reveal.js"        # where a local reveal.js folder is copied inside the output folder
LOCAL_REQUIRE = "require.min.js"  # where a local RequireJS file is copied inside the output folder
SECTION = re.compile(r"<section\b")
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](https?://[^"']+)["']|["'](https?://[^"'\s]+\.(?:m?js|css))["']""")


class SlidesError(ValueError):
    """A deck that cannot be built (names the lesson or the option that is wrong)."""


@dataclass(frozen=True)
class Deck:
    """One built deck: the lesson it comes from, the HTML file, its title and slide count."""

    lesson: Path
    html: Path
    title: str
    slides: int  # what a viewer steps through (innermost <section> elements), as reveal.js counts


def count_sections(text: str) -> int:
    """How many ``<section>`` elements an HTML deck has (a slide with sub-slides counts each)."""
    return len(SECTION.findall(text))


def count_slides(text: str) -> int:
    """How many slides a viewer steps through: ``<section>`` elements with no ``<section>`` inside.

    nbconvert wraps every slide's sub-slides in an outer ``<section>``; reveal.js counts only the
    innermost ones, as this does.
    """
    from html.parser import HTMLParser

    class Counter(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[bool] = []  # per open <section>: has it a <section> inside?
            self.leaves = 0

        def handle_starttag(self, tag, attrs):
            if tag == "section":
                if self.open:
                    self.open[-1] = True
                self.open.append(False)

        def handle_endtag(self, tag):
            if tag == "section" and self.open:
                self.leaves += not self.open.pop()

    counter = Counter()
    counter.feed(text)
    return counter.leaves


def network_urls(text: str) -> list[str]:
    """The external scripts and style sheets a deck loads when opened (sorted, unique)."""
    found = {a or b for a, b in EXTERNAL.findall(text)}
    return sorted(url for url in found if "github.com" not in url)


def lesson_paths(root: Path) -> list[Path]:
    """Every lesson notebook under ``root/lessons``, in course order (by file name)."""
    return sorted((Path(root) / "lessons").glob("*.ipynb"))


def _title(notebook, path: Path) -> str:
    if notebook.metadata.get("title"):
        return str(notebook.metadata["title"])
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def _is_url(value: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE))


def _local_reveal(value: str, out: Path) -> str:
    """A reveal.js folder on disk is copied to ``out/reveal.js``; anything else is a URL prefix."""
    folder = Path(value).expanduser()
    if _is_url(value) or not folder.is_dir():
        return value.rstrip("/")
    if not (folder / "dist" / "reveal.js").is_file():
        raise SlidesError(
            f"--reveal-prefix {value}: this folder has no dist/reveal.js. Give the unpacked reveal.js 4 "
            "package (e.g. from `npm pack reveal.js@4.0.2`), or a URL.")
    target = out / LOCAL_REVEAL
    if folder.resolve() != target.resolve():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(folder, target, ignore=shutil.ignore_patterns("node_modules", "*.map", "test", "examples"))
    return LOCAL_REVEAL


def _local_require(value: str, out: Path) -> str:
    """A RequireJS file on disk is copied to ``out/require.min.js``; anything else is a URL."""
    path = Path(value).expanduser()
    if _is_url(value) or not path.is_file():
        return value
    target = out / LOCAL_REQUIRE
    if path.resolve() != target.resolve():
        shutil.copyfile(path, target)
    return LOCAL_REQUIRE


# A slide taller than the screen scrolls (wheel, trackpad, or the scroll bar) instead of being cut
# off; nbconvert's own --SlidesExporter.reveal_scroll needs jQuery from a CDN, this needs nothing.
SLIDE_CSS = """<style type="text/css">
.reveal .slides > section > section {
  box-sizing: border-box; max-height: 700px; overflow-y: auto; overflow-x: hidden; scrollbar-width: thin;
}
.reveal .slides .jp-InputArea pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.reveal .slides section .jp-Cell { margin-bottom: 0.4em; }
.reveal .slides section img { max-height: 560px; }
</style>
"""


def _exporter(reveal_prefix: str, require_js: str, *, hide_code: bool = False):
    from nbconvert import SlidesExporter

    exporter = SlidesExporter()
    exporter.reveal_url_prefix = reveal_prefix
    exporter.require_js_url = require_js
    exporter.exclude_input_prompt = True   # no "In [5]:" column: more room on a projector
    exporter.exclude_output_prompt = True
    exporter.exclude_input = hide_code
    exporter.reveal_number = "c/t"  # slide numbers, so a class can say "back to slide 7"
    exporter.reveal_transition = "fade"
    exporter.reveal_width, exporter.reveal_height = "960", "700"  # SLIDE_CSS assumes this height
    exporter.reveal_theme = "white"  # its fonts ship with reveal.js (simple loads Google Fonts)
    return exporter


def build_deck(path: Path, out: Path, *, reveal_prefix: str = REVEAL_CDN,
               require_js: str = REQUIRE_JS_CDN, hide_code: bool = False, exporter=None) -> Deck:
    """Write ``out/<lesson>.slides.html`` for one lesson notebook and describe it."""
    import nbformat

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    exporter = exporter or _exporter(reveal_prefix, require_js, hide_code=hide_code)
    try:
        body, _resources = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
    except ValueError as error:  # e.g. no cell marked as a slide
        raise SlidesError(f"{path.name}: {error}") from error
    body = body.replace("</head>", SLIDE_CSS + "</head>", 1)
    target = Path(out) / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return Deck(path, target, _title(notebook, path), count_slides(body))


def _index(decks: list[Deck], out: Path, reveal_prefix: str, require_js: str) -> Path:
    rows = "\n".join(
        f'<li><a href="{html.escape(d.html.name)}">{html.escape(d.title)}</a> '
        f'<small>({d.lesson.name}, {d.slides} slides)</small></li>' for d in decks)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>KPO course: slide decks</title>
<style>body {{ font-family: system-ui, sans-serif; max-width: 44em; margin: 2em auto; line-height: 1.5; }}</style>
</head>
<body>
<h1>KPO course: slide decks</h1>
<ol>
{rows}
</ol>
<p>Keys: <kbd>→</kbd>/<kbd>Space</kbd> next, <kbd>←</kbd> back, <kbd>Esc</kbd> overview,
<kbd>F</kbd> full screen, <kbd>S</kbd> speaker view.</p>
<p>These decks load reveal.js from <code>{html.escape(reveal_prefix)}</code> and RequireJS from
<code>{html.escape(require_js)}</code>. Without them a deck shows all its slides on one long page.</p>
</body>
</html>
"""
    target = out / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def build_decks(root: Path, out: Path | None = None, *, reveal_prefix: str = REVEAL_CDN,
                require_js: str = REQUIRE_JS_CDN, hide_code: bool = False,
                lessons: list[Path] | None = None) -> list[Deck]:
    """Write one deck per lesson (default: every ``lessons/*.ipynb``) and an ``index.html``."""
    root = Path(root)
    out = Path(out) if out is not None else root / DEFAULT_OUT
    paths = list(lessons) if lessons is not None else lesson_paths(root)
    if not paths:
        raise SlidesError(f"no lesson notebooks in {root / 'lessons'}")
    out.mkdir(parents=True, exist_ok=True)
    prefix = _local_reveal(reveal_prefix, out)
    require = _local_require(require_js, out)
    exporter = _exporter(prefix, require, hide_code=hide_code)
    decks = [build_deck(p, out, exporter=exporter) for p in paths]
    _index(decks, out, prefix, require)
    return decks
