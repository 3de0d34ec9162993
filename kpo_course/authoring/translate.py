"""Translated editions of the notebooks, from the English source and gettext catalogs.

The English notebooks are the only source. A translator works in one ``.po`` file per
notebook, ``locale/<language>/<folder>/<notebook>.po`` (for example
``locale/sv/lessons/03_why_firms_use_kpo.po``), with Poedit, Weblate or any gettext tool.

* **Units.** One catalog entry per markdown *paragraph* (blocks between blank lines; a fenced
  code block stays whole). Its ``msgctxt`` is ``<cell id>#<paragraph index>``, so two identical
  paragraphs stay apart. Blocks with no words outside code (a fenced code block, a rule, an
  image alone) are copied as they are. Code cells are not translated: they are the same in
  every edition, and their outputs speak the learner's language through
  ``kpo.set_language`` (the course's own ``{en:, sv:}`` texts). The exception is a code cell
  marked ``metadata.kpo.translate_code`` (a search word that must match the translated data):
  its whole source is one entry, ``<cell id>#code``.
* **Building.** ``<folder>/<language>/<notebook>.ipynb`` gets the same cells and cell ids as
  the English one, the translated markdown, notebook metadata ``{"kpo": {"language": ...}}``,
  ``kpo.set_language("<language>")`` on the line after the first ``import kpo_course as kpo``,
  and relative links pointing at the translated notebooks where one exists (a translator
  keeps the English link target; the build rewrites it; a link from an English page to its own
  edition, like "På svenska", becomes the link back to the English page). Stored outputs of a code cell whose
  source did not change are kept; otherwise run ``kpo-course execute`` on the edition.
  Exercises of an edition are made from its solutions, like the English ones.
* **Keeping in step.** ``kpo-course build --update-catalogs`` writes each catalog from its
  notebook: a changed English paragraph keeps its old translation marked *fuzzy* (with the
  previous English as ``#| msgid``), a new one is added empty, a removed one becomes obsolete
  (``#~``). ``kpo-course build --check`` fails on any missing, fuzzy or obsolete entry, and on
  an edition file that is not what the build would write.

A folder takes part once ``locale/<language>/<folder>/`` exists; from then on every notebook of
the folder needs its catalog.

>>> paragraphs("# Title\\n\\nOne line\\nand more.\\n\\n```python\\nx = 1\\n\\ny = 2\\n```")
['# Title', 'One line\\nand more.', '```python\\nx = 1\\n\\ny = 2\\n```']
>>> is_translatable("```python\\nx = 1\\n```"), is_translatable("See `kpo.check`.")
(False, True)
"""
from __future__ import annotations

import copy
import io
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, unescape, write_po

LOCALE_DIR = "locale"
TRANSLATED_FOLDERS: tuple[str, ...] = ("lessons", "solutions")  # exercises/<lang> come from solutions/<lang>
IMPORT_LINE = re.compile(r"^import kpo_course as kpo[ \t]*$", re.MULTILINE)
SET_LANGUAGE = re.compile(r"kpo\.set_language\(\s*[\"'][a-z]{2}[\"']\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")
LINK_TARGET = re.compile(r"(\]\()([^)\s]+)(\))")
WORDS = re.compile(r"[^\W\d_]{2,}")
CODE_SPAN = re.compile(r"`[^`]*`")
URL = re.compile(r"\]\([^)]*\)|https?://\S+")
PO_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
PROMPT_CONTEXT = "build:markdown-prompt"  # the exercise prompt, translated in locale/<lang>/solutions/_build.po


HEADER = ("# Translation of {title} (the English notebook is the source).\n"
          "# One entry per markdown paragraph; msgctxt = cell id # paragraph index.\n"
          "# Keep code, names, figures and link targets as they are; follow docs/terms-sv.md.\n"
          "# Update: kpo-course build --update-catalogs   Check: kpo-course build --check")


class TranslationError(ValueError):
    """A catalog or notebook that cannot be turned into an edition (names the file)."""


def paragraphs(markdown: str) -> list[str]:
    """Split markdown into blocks at blank lines, keeping fenced code blocks whole."""
    blocks: list[str] = []
    current: list[str] = []
    fenced = False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        if not fenced and not line.strip():
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def is_translatable(block: str) -> bool:
    """Whether ``block`` has words outside code spans, fenced code and link targets."""
    if FENCE.match(block):
        return False
    prose = URL.sub("]", CODE_SPAN.sub("", block))
    return bool(WORDS.search(prose))


def translates_code(cell: nbformat.NotebookNode) -> bool:
    """Whether a code cell opts in to translation (``metadata.kpo.translate_code``).

    For the rare cell whose string literals the learner reads or changes, such as a search word
    that must match the translated data. Its catalog entry is the whole cell source.
    """
    return bool(cell.get("metadata", {}).get("kpo", {}).get("translate_code"))


@dataclass(frozen=True)
class Unit:
    """One translatable paragraph: its context (cell id # index) and English text."""

    context: str
    text: str


def units(notebook: nbformat.NotebookNode) -> list[Unit]:
    """Every translatable paragraph of the notebook's markdown cells, in order."""
    found: list[Unit] = []
    for index, cell in enumerate(notebook.cells):
        cell_id = cell.get("id") or f"cell{index}"
        if cell.cell_type == "code" and translates_code(cell):
            found.append(Unit(f"{cell_id}#code", cell.source))
        if cell.cell_type != "markdown":
            continue
        for number, block in enumerate(paragraphs(cell.source)):
            if is_translatable(block):
                found.append(Unit(f"{cell_id}#{number}", block))
    return found


def catalog_path(root: Path, language: str, folder: str, name: str) -> Path:
    """``locale/<language>/<folder>/<stem>.po`` for a notebook ``<folder>/<name>``."""
    return root / LOCALE_DIR / language / folder / (Path(name).stem + ".po")


def read_catalog(path: Path, language: str) -> Catalog:
    """A catalog from disk (an empty one for a missing file)."""
    if not path.exists():
        return Catalog(locale=language)
    with path.open("rb") as handle:
        try:
            catalog = read_po(handle, locale=language, abort_invalid=True)
        except Exception as error:  # babel raises its own PoFileError and ValueError subclasses
            raise TranslationError(f"{path}: not a readable .po file ({error})") from error
    for message in list(catalog) + list(catalog.obsolete.values()):  # babel reads `#|` lines as comments
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    for context, previous in _previous_ids(path.read_text(encoding="utf-8")).items():
        for message in catalog:
            if message.context == context and message.fuzzy:
                message.previous_id = [previous]
    return catalog


def _previous_ids(text: str) -> dict[str, str]:
    r"""msgctxt -> the previous English (``#| msgid``) of each fuzzy entry; babel's reader drops it.

    >>> _previous_ids('#, fuzzy\n#| msgid "" "Old\\n" "text"\nmsgctxt "c#0"\nmsgid "New"\nmsgstr "Ny"\n')
    {'c#0': 'Old\ntext'}
    """
    found: dict[str, str] = {}
    for entry in re.split(r"\n\s*\n", text):
        previous = " ".join(line[3:] for line in entry.splitlines() if line.startswith("#| "))
        context = re.search(r'^msgctxt (".*")$', entry, re.MULTILINE)
        if previous.startswith("msgid ") and context:
            parts = PO_STRING.findall(previous[len("msgid "):])
            found["".join(unescape(c) for c in PO_STRING.findall(context.group(1)))] = "".join(
                unescape(part) for part in parts)
    return found


def render_catalog(catalog: Catalog) -> bytes:
    """The catalog as written to disk (previous msgids kept for fuzzy entries)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, no_location=True, include_previous=True, sort_output=False)
    return buffer.getvalue()


def updated_catalog(template: list[Unit], old: Catalog, language: str, title: str) -> Catalog:
    """Merge ``old`` translations into a catalog made from ``template``.

    Same context and text: kept. Same context, changed text (or the same text moved within its
    cell): kept and marked fuzzy. Entries whose context is gone become obsolete.

    >>> old = updated_catalog([Unit("c1#0", "Hello")], Catalog(locale="sv"), "sv", "t")
    >>> old.get("Hello", context="c1#0").string = "Hej"
    >>> new = updated_catalog([Unit("c1#0", "Hello there")], old, "sv", "t")
    >>> message = new.get("Hello there", context="c1#0")
    >>> message.string, message.fuzzy, message.previous_id
    ('Hej', True, ['Hello'])
    """
    by_context = {m.context: m for m in old if m.id and m.context}
    by_cell_text = {(m.context.split("#")[0], m.id): m for m in by_context.values()}
    fresh = Catalog(locale=language, project=title, fuzzy=False, header_comment=HEADER.format(title=title),
                    creation_date=old.creation_date, revision_date=old.revision_date,
                    last_translator=old.last_translator, language_team=old.language_team)
    used: set[str] = set()
    for unit in template:
        previous = by_context.get(unit.context)
        moved = by_cell_text.get((unit.context.split("#")[0], unit.text))
        string, flags, previous_id = "", set(), ()
        if previous is not None and previous.id == unit.text:
            string, flags = previous.string, set(previous.flags)
            previous_id = previous.previous_id if previous.fuzzy else ()
        elif moved is not None and moved.string:  # the same English, now at another index of its cell
            string, flags = moved.string, set(moved.flags)
            previous = moved
        elif previous is not None and previous.string:  # the English changed: keep, mark fuzzy
            string, flags, previous_id = previous.string, {"fuzzy"}, [previous.id]
        if previous is not None:
            used.add(previous.context)
        fresh.add(unit.text, string, flags=flags, previous_id=previous_id, context=unit.context)
    leftovers = [m for m in old if m.id and m.context not in used and m.string]
    for message in leftovers + list(old.obsolete.values()):
        if (message.id, message.context) not in fresh.obsolete and fresh.get(message.id, message.context) is None:
            fresh.obsolete[(message.id, message.context)] = message
    return fresh


def _translations(catalog: Catalog) -> dict[str, tuple[str, str, bool]]:
    """context -> (English, translation, fuzzy) for every entry of the catalog."""
    return {m.context: (m.id, m.string, m.fuzzy) for m in catalog if m.id and m.context}


@dataclass
class Report:
    """What a build found: files to (re)write and catalog problems (file: what)."""

    outputs: dict[Path, str] = field(default_factory=dict)
    stale: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    catalogs: dict[Path, bytes] = field(default_factory=dict)
    stale_catalogs: list[Path] = field(default_factory=list)


def _relink(markdown: str, source_dir: str, target_dir: str, counterparts: dict[str, str]) -> str:
    """Point relative links of ``markdown`` (written for ``source_dir``) from ``target_dir``."""

    def fix(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):
            return match.group(0)
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(source_dir, path))
        english = {edition: source for source, edition in counterparts.items()}
        # An English page's link to its edition becomes, in the edition, the link back to English.
        resolved = counterparts.get(resolved) or english.get(resolved, resolved)
        new = posixpath.relpath(resolved, target_dir) + (f"#{anchor}" if anchor else "")
        return match.group(1) + new + match.group(3)

    return LINK_TARGET.sub(fix, markdown)


def _set_language_line(source: str, language: str) -> tuple[str, bool]:
    if SET_LANGUAGE.search(source):  # the exercises' own language cell: switch its argument
        return SET_LANGUAGE.sub(f'kpo.set_language("{language}")', source, count=1), True
    match = IMPORT_LINE.search(source)
    if not match:
        return source, False
    line = f'kpo.set_language("{language}")'
    return source[: match.end()] + "\n" + line + source[match.end():], True


def _strip(notebook: nbformat.NotebookNode) -> str:
    """The notebook without outputs, counts and execution metadata: what staleness compares."""
    bare = copy.deepcopy(notebook)
    bare.metadata.pop("widgets", None)
    bare.metadata.pop("language_info", None)
    for cell in bare.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
    return nbformat.writes(bare)


def _translated(table: dict[str, tuple[str, str, bool]], context: str, english: str, where: str,
                problems: list[str]) -> str:
    """The reviewed translation of ``english`` at ``context``, else the English (and a problem noted)."""
    english_text, translated, fuzzy = table.get(context, (None, "", False))
    if english_text is None or not translated:
        problems.append(f"{where}: no translation for {context}: {english[:60]!r}")
    elif english_text != english:
        problems.append(f"{where}: {context} was translated from an older English text")
    elif fuzzy:
        problems.append(f"{where}: {context} is marked fuzzy (check it, then remove the flag)")
    else:
        return translated
    return english


def translate_notebook(english: nbformat.NotebookNode, catalog: Catalog, language: str, *,
                       source_dir: str, target_dir: str, counterparts: dict[str, str],
                       where: str = "notebook") -> tuple[nbformat.NotebookNode, list[str]]:
    """The ``language`` edition of ``english`` and the catalog problems met on the way."""
    notebook = copy.deepcopy(english)
    notebook.metadata.pop("widgets", None)
    table = _translations(catalog)
    problems: list[str] = []
    wanted: set[str] = set()
    language_set = False
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None  # English outputs never pass for translated ones
            cell.metadata.pop("execution", None)
            if translates_code(cell):
                context = f"{cell.get('id') or f'cell{index}'}#code"
                wanted.add(context)
                cell.source = _translated(table, context, cell.source, where, problems)
            if not language_set:
                cell.source, language_set = _set_language_line(cell.source, language)
            continue
        if cell.cell_type != "markdown":
            continue
        cell_id = cell.get("id") or f"cell{index}"
        blocks = []
        for number, block in enumerate(paragraphs(cell.source)):
            if not is_translatable(block):
                blocks.append(block)
                continue
            context = f"{cell_id}#{number}"
            wanted.add(context)
            blocks.append(_translated(table, context, block, where, problems))
        cell.source = _relink("\n\n".join(blocks), source_dir, target_dir, counterparts)
    extra = sorted(set(table) - wanted)
    if extra:
        problems.append(f"{where}: entries for paragraphs that no longer exist: {', '.join(extra[:5])}"
                        " (run `kpo-course build --update-catalogs`)")
    if catalog.obsolete:
        problems.append(f"{where}: {len(catalog.obsolete)} obsolete entries (#~): delete them once unused")
    notebook.metadata.setdefault("kpo", {})["language"] = language
    return notebook, problems


def languages(root: Path) -> list[str]:
    """The languages that have catalogs: folders of ``locale/``."""
    base = root / LOCALE_DIR
    return sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def _counterparts(root: Path, language: str) -> dict[str, str]:
    """Course-relative English notebook path -> its edition's path, for every edition folder."""
    mapping: dict[str, str] = {}
    for folder in TRANSLATED_FOLDERS:
        if (root / LOCALE_DIR / language / folder).is_dir():
            for path in sorted((root / folder).glob("*.ipynb")):
                mapping[f"{folder}/{path.name}"] = f"{folder}/{language}/{path.name}"
                if folder == "solutions":
                    mapping[f"exercises/{path.name}"] = f"exercises/{language}/{path.name}"
    return mapping


def _with_kept_outputs(new: nbformat.NotebookNode, old_path: Path) -> nbformat.NotebookNode:
    """``new`` with the stored outputs of ``old_path``'s code cells whose source is unchanged."""
    if not old_path.exists():
        return new
    old = nbformat.read(old_path, as_version=4)
    stored = {c.get("id"): c for c in old.cells if c.cell_type == "code"}
    for cell in new.cells:
        previous = stored.get(cell.get("id"))
        if cell.cell_type == "code" and previous is not None and previous.source == cell.source:
            cell.outputs = previous.outputs
            cell.execution_count = previous.execution_count
    for key in ("widgets", "language_info"):
        if key in old.metadata:
            new.metadata[key] = old.metadata[key]
    return new


def _exercise_prompt(root: Path, language: str) -> str | None:
    path = root / LOCALE_DIR / language / "solutions" / "_build.po"
    if not path.exists():
        return None
    for message in read_catalog(path, language):
        if message.context == PROMPT_CONTEXT and message.string and not message.fuzzy:
            return message.string
    return None


def plan(root: Path, *, update_catalogs: bool = False) -> Report:
    """Every edition file and catalog the build would write, and what is out of date."""
    from .build import MARKDOWN_PROMPT, exercise_from_solution

    report = Report()
    for language in languages(root):
        counterparts = _counterparts(root, language)
        for folder in TRANSLATED_FOLDERS:
            if not (root / LOCALE_DIR / language / folder).is_dir():
                continue
            target_dir = root / folder / language
            for source in sorted((root / folder).glob("*.ipynb")):
                english = nbformat.read(source, as_version=4)
                po_path = catalog_path(root, language, folder, source.name)
                catalog = read_catalog(po_path, language)
                if update_catalogs:
                    catalog = updated_catalog(units(english), catalog, language, f"{folder}/{source.name}")
                    text = render_catalog(catalog)
                    report.catalogs[po_path] = text
                    if not po_path.exists() or po_path.read_bytes() != text:
                        report.stale_catalogs.append(po_path)
                elif not po_path.exists():
                    report.problems.append(f"{po_path.relative_to(root)}: missing (run `kpo-course build "
                                           "--update-catalogs` to create it)")
                edition, problems = translate_notebook(
                    english, catalog, language, source_dir=folder, target_dir=f"{folder}/{language}",
                    counterparts=counterparts, where=str(po_path.relative_to(root)))
                report.problems += problems
                target = target_dir / source.name
                _add(report, target, _with_kept_outputs(edition, target))
                if folder == "solutions":
                    exercise = exercise_from_solution(edition, f"{folder}/{language}/{source.name}")
                    prompt = _exercise_prompt(root, language)
                    for cell in exercise.cells:
                        if cell.cell_type == "markdown" and prompt:
                            cell.source = cell.source.replace(MARKDOWN_PROMPT, prompt)
                    _add(report, root / "exercises" / language / source.name, exercise, keep_outputs=False)
            known = {p.name for p in (root / folder).glob("*.ipynb")}
            for orphan in sorted(target_dir.glob("*.ipynb")) if target_dir.is_dir() else []:
                if orphan.name not in known:
                    report.stale.append(orphan)
    return report


def _add(report: Report, target: Path, notebook: nbformat.NotebookNode, keep_outputs: bool = True) -> None:
    text = nbformat.writes(notebook) + "\n"
    report.outputs[target] = text
    if not target.exists():
        report.stale.append(target)
        return
    on_disk = target.read_text(encoding="utf-8")
    if keep_outputs:
        same = _strip(nbformat.reads(on_disk, as_version=4)) == _strip(notebook)
    else:
        same = on_disk == text
    if not same:
        report.stale.append(target)


def build(root: Path, *, check: bool = False, update_catalogs: bool = False) -> Report:
    """Write stale catalogs (with ``update_catalogs``) and edition notebooks; ``check`` writes nothing."""
    report = plan(root, update_catalogs=update_catalogs and not check)
    if check:
        return report
    for path in report.stale_catalogs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(report.catalogs[path])
    for path in report.stale:
        if path in report.outputs:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(report.outputs[path], encoding="utf-8")
        else:
            path.unlink()  # an edition whose English notebook was removed
    return report
