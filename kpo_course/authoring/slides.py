"""Slide decks for the lessons: one reveal.js HTML file per lesson, from its stored outputs.

Every lesson cell carries ``slideshow.slide_type`` metadata (``slide``, ``subslide``,
``fragment``, ``-``, ``skip``, ``notes``), so nbconvert's ``SlidesExporter`` turns a
lesson into a deck without running it: the committed outputs are shown as they are.

A deck works without internet: reveal.js 4.0.2 and RequireJS ship with the package
(``slides_assets/``, MIT) and are copied next to the decks, linked relatively. ``reveal_prefix``
and ``require_js`` accept another local folder / file, or a URL; a local path that does not
exist is an error, never a link to nothing. Still loaded from the network if there is one:
MathJax (formulas stay as TeX source without it) and the ipywidgets HTML manager (stored
widgets; the lessons' figures are images and need none).

Each deck is titled "Lesson NN · Title", links only to files in its folder (a link to another
lesson goes to that lesson's deck; other links keep their text), and carries the lesson's
discussion questions from the instructor guide in the last slide's speaker notes (key S).

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
ASSETS = Path(__file__).resolve().parent / "slides_assets"
BUNDLED_REVEAL = ASSETS / "reveal.js"      # reveal.js 4.0.2 dist files (MIT), see slides_assets/README.md
BUNDLED_REQUIRE = ASSETS / "require.js"    # RequireJS 2.3.8 (MIT)
GUIDE = Path("docs") / "instructor-guide.md"
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


def deck_title(title: str, path: Path) -> str:
    """Every deck's title in one form, "Lesson NN · Title", whatever form the notebook uses.

    >>> deck_title("Lesson 04: Benefits of KPO", Path("04_benefits.ipynb"))
    'Lesson 04 · Benefits of KPO'
    >>> deck_title("Start here", Path("00_start_here.ipynb"))
    'Lesson 00 · Start here'
    """
    number = re.match(r"(\d+)_", path.name)
    if number is None:
        return title
    rest = re.sub(r"^(?:Lesson|Lektion)\s*\d+\s*[·:.\-–—]\s*", "", title.strip(), flags=re.IGNORECASE)
    return f"Lesson {number.group(1)} · {rest}"


def _title(notebook, path: Path) -> str:
    title = str(notebook.metadata.get("title") or "")
    for cell in notebook.cells if not title else ():
        if cell.cell_type == "markdown":
            heading = next((line[2:].strip() for line in cell.source.splitlines() if line.startswith("# ")), "")
            if heading:
                title = heading
                break
    return deck_title(title or path.stem, path)


def discussion_questions(guide: str, lesson: Path) -> list[str]:
    """The numbered discussion questions of ``lesson`` in the instructor guide (markdown text).

    >>> guide = "### 03 · Why\\n\\n- **03.o1** aim\\n\\nDiscussion:\\n\\n1. Why now?\\n   Say why.\\n2. Who?\\n\\n### 04 · B\\n"
    >>> discussion_questions(guide, Path("03_why.ipynb"))
    ['Why now? Say why.', 'Who?']
    """
    number = re.match(r"(\d+)_", lesson.name)
    if number is None:
        return []
    section = re.search(rf"^### {number.group(1)} ·.*?$(.*?)(?=^##)", guide + "\n## end", re.S | re.M)
    if section is None:
        return []
    body = section.group(1)
    if "Discussion:" in body:
        body = body.split("Discussion:", 1)[1]
    questions: list[str] = []
    for line in body.splitlines():
        item = re.match(r"^\d+\.\s+(.*)", line)
        if item:
            questions.append(item.group(1).strip())
        elif questions and line.startswith("   ") and line.strip():
            questions[-1] += " " + line.strip()
        elif questions and line.strip() and not line.startswith(" "):
            break
    return [q.replace("\\$", "$") for q in questions]


def _with_notes(notebook, questions: list[str]):
    """A copy of ``notebook`` whose last slide's speaker notes hold the discussion questions."""
    import copy

    import nbformat
    if not questions:
        return notebook
    notebook = copy.deepcopy(notebook)
    text = "**Discussion questions** (instructor guide):\n\n" + "\n".join(
        f"{n}. {q}" for n, q in enumerate(questions, 1))
    cell = nbformat.v4.new_markdown_cell(text, metadata={"slideshow": {"slide_type": "notes"}})
    cell.id = "discussion-notes"
    notebook.cells.append(cell)
    return notebook


HREF = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.S)


def local_links(body: str, decks: dict[str, str]) -> str:
    """Links that leave the slides folder rewritten: a lesson to its deck, anything else to plain text.

    ``decks`` maps a lesson's file name to its deck's file name. Web links and links inside the
    deck (``#...``) stay.

    >>> local_links('<a href="02_x.ipynb#a">next</a> <a href="../exercises/e.ipynb">do</a>',
    ...             {"02_x.ipynb": "02_x.slides.html"})
    '<a href="02_x.slides.html#a">next</a> do'
    """
    def replace(match: re.Match) -> str:
        before, href, after, text = match.groups()
        if _is_url(href) or href.startswith(("#", "mailto:")):
            return match.group(0)
        target, _, anchor = href.partition("#")
        name = target.rsplit("/", 1)[-1]
        if target in decks or (target.startswith(("./", "../lessons/")) and name in decks):
            return f'<a{before}href="{decks[name]}{"#" + anchor if anchor else ""}"{after}>{text}</a>'
        return text
    return HREF.sub(replace, body)


def local_targets(body: str) -> list[str]:
    """Every relative ``href``/``src`` of a deck (what must exist in its folder), without anchors."""
    found = re.findall(r"""(?:href|src)\s*=\s*["']([^"'#]+)""", body)
    found += re.findall(r'"((?:reveal\.js|\./)[^"]+\.js)"', body)
    return sorted({f for f in found if not _is_url(f) and not f.startswith(("data:", "mailto:", "//"))})


def _is_url(value: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE))


def _local_reveal(value: str, out: Path) -> str:
    """A reveal.js folder on disk is copied to ``out/reveal.js``; a URL stays a URL prefix."""
    if _is_url(value):
        return value.rstrip("/")
    folder = Path(value).expanduser()
    if not folder.is_dir():
        raise SlidesError(f"--reveal-prefix {value}: no such folder. Leave the option out to use the reveal.js "
                          "that comes with kpo-course, or give an unpacked reveal.js 4 folder or a URL.")
    if not (folder / "dist" / "reveal.js").is_file():
        raise SlidesError(
            f"--reveal-prefix {value}: this folder has no dist/reveal.js. Give the unpacked reveal.js 4 "
            "package (`npm pack reveal.js@4.0.2`, then the archive's package/ folder), or a URL.")
    target = out / LOCAL_REVEAL
    if folder.resolve() != target.resolve():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(folder, target, ignore=shutil.ignore_patterns("node_modules", "*.map", "test", "examples"),
                        dirs_exist_ok=True)
    return LOCAL_REVEAL


def _local_require(value: str, out: Path) -> str:
    """A RequireJS file on disk is copied to ``out/require.min.js``; a URL stays a URL."""
    if _is_url(value):
        return value
    path = Path(value).expanduser()
    if not path.is_file():
        raise SlidesError(f"--require-js {value}: no such file. Leave the option out to use the RequireJS "
                          "that comes with kpo-course, or give a local require.js file or a URL.")
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
               require_js: str = REQUIRE_JS_CDN, hide_code: bool = False, exporter=None,
               questions: list[str] | None = None, decks: dict[str, str] | None = None) -> Deck:
    """Write ``out/<lesson>.slides.html`` for one lesson notebook and describe it.

    ``questions`` go into the last slide's speaker notes; ``decks`` (lesson file name to deck
    file name) says which links to other lessons can point at a deck in ``out``.
    """
    import nbformat

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    title = _title(notebook, path)
    exporter = exporter or _exporter(reveal_prefix, require_js, hide_code=hide_code)
    try:
        body, _resources = exporter.from_notebook_node(_with_notes(notebook, questions or []),
                                                       resources={"metadata": {"name": title}})
    except ValueError as error:  # e.g. no cell marked as a slide
        raise SlidesError(f"{path.name}: {error}") from error
    body = body.replace("</head>", SLIDE_CSS + "</head>", 1)
    body = re.sub(r"<title>.*?</title>", lambda _: f"<title>{html.escape(title)}</title>", body, count=1, flags=re.S)
    body = local_links(body, decks if decks is not None else {path.name: f"{path.stem}.slides.html"})
    target = Path(out) / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return Deck(path, target, title, count_slides(body))


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
<code>{html.escape(require_js)}</code>{" (copies in this folder: no internet needed)" if not _is_url(reveal_prefix) and not _is_url(require_js) else ""}.
Without them a deck shows all its slides on one long page.</p>
</body>
</html>
"""
    target = out / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def build_decks(root: Path, out: Path | None = None, *, reveal_prefix: str = str(BUNDLED_REVEAL),
                require_js: str = str(BUNDLED_REQUIRE), hide_code: bool = False,
                lessons: list[Path] | None = None) -> list[Deck]:
    """Write one deck per lesson (default: every ``lessons/*.ipynb``) and an ``index.html``.

    By default reveal.js and RequireJS are the copies shipped with the package, copied into ``out``.
    """
    root = Path(root)
    out = Path(out) if out is not None else root / DEFAULT_OUT
    paths = list(lessons) if lessons is not None else lesson_paths(root)
    if not paths:
        raise SlidesError(f"no lesson notebooks in {root / 'lessons'}")
    out.mkdir(parents=True, exist_ok=True)
    prefix = _local_reveal(reveal_prefix, out)
    require = _local_require(require_js, out)
    exporter = _exporter(prefix, require, hide_code=hide_code)
    guide = root / GUIDE
    guide_text = guide.read_text(encoding="utf-8") if guide.is_file() else ""
    names = {Path(p).name: f"{Path(p).stem}.slides.html" for p in paths}
    decks = [build_deck(p, out, exporter=exporter, questions=discussion_questions(guide_text, Path(p)),
                        decks=names) for p in paths]
    _index(decks, out, prefix, require)
    return decks
