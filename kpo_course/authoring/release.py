"""A student copy of the course: everything needed to learn, nothing that gives the answers away.

``release(root, out)`` copies an allow-list of the course's top-level files and folders
(``INCLUDE``) to ``out``: the lessons, the exercises (stub-only, built from the solutions),
the ``kpo_course`` package, README.md, the Makefile and the install files, and ``docs/``
without the instructor guide. ``solutions/``, ``tests/``, ``benchmarks/``, ``.git``,
``.venv``, ``.ci`` and build leftovers are never copied. The copy's README gets a note that
it is the student copy (and loses its sections for instructors, authors and tests), its
``make test`` says where the tests are, and a RELEASE.md explains both.

Then :func:`verify` reads every file of the copy and fails, naming the file, if it finds

- a solution marker line (``### BEGIN SOLUTION`` and the like, as nbgrader and
  ``kpo-course build`` read them);
- a model answer: the text between the markers of any markdown cell in ``solutions/``
  (the memo answers), anywhere in the copy; or a solution code region inside an exercise;
- a stored output in an exercise (a stored "✓ Correct" gives the answer away);
- a folder or file that must not be there (``solutions/``, ``tests/``, the instructor guide).

What it cannot hide: the checks in ``kpo_course/checks/`` compare answers with the right ones,
so they necessarily contain them. See docs/instructor-guide.md for what to do about it.

>>> result = release(Path("."), Path("/tmp/kpo-student"))  # doctest: +SKIP
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..nbgrader_cells import MARKERS, solution_regions
# The student copy is an allow-list: a file or folder not named here is never copied.
INCLUDE = (
    "lessons", "exercises", "kpo_course", "docs",
    "README.md", "Makefile", "environment.yml", "postBuild", "pyproject.toml", ".gitignore",
    "LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING", "CITATION.cff",
    "requirements.txt", "runtime.txt", "apt.txt",  # Binder's other configuration files, if present
)
# Never in a student copy, even if they are left in the output folder: verify() fails on them.
FORBIDDEN = ("solutions", "tests", "benchmarks", ".ci", "docs/instructor-guide.md")
INSTRUCTOR_ONLY = {"docs/instructor-guide.md"}
LEFTOVERS = ("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info", ".pytest_cache",
             ".hypothesis", ".DS_Store", "*.slides.html", ".kpo-home")
NOTE_FILE = "RELEASE.md"
MIN_MEMO_CHARS = 20  # shorter "model answers" (a word, a number) would match ordinary text
MIN_PARAGRAPH_CHARS = 80  # a memo's paragraphs are checked one by one too, when at least this long
MIN_CODE_CHARS = 8

README_BANNER = (
    "> **Student copy.** This folder was made with `kpo-course release`: the lessons, the exercises\n"
    "> and the course package, without the model solutions and without the tests. `make lab` works\n"
    "> as described below.\n"
    "> See [RELEASE.md](RELEASE.md).\n"
)

RELEASE_NOTE = """# Student copy of the KPO course

This folder was made from the instructor's copy of the course with `kpo-course release`.

**What is here**: the lessons (`lessons/`), the exercises (`exercises/`: replace each `...` with your
answer and run the check cell below it), the course package (`kpo_course/`) and what installs it
(`pyproject.toml`, `environment.yml`, `postBuild`, `Makefile`), and the documentation in `docs/`.

**What is not here**: the model solutions, the course's test suite and its benchmarks. They stay in
the instructor's copy. So `make lab` (and the conda and Binder routes in README.md) work as
described, but `make test` only says where the tests are. The authoring commands
`kpo-course build` and `kpo-course execute` belong to the instructor's copy too: `build` writes
`exercises/` from the solutions, which are not here.

Start with:

```bash
make lab
```

or, with conda: `conda env create -f environment.yml`, `conda activate kpo-course`,
`pip install --no-deps -e .`, `kpo-course start`.
"""

MAKE_TEST = (
    "test:\n"
    "\t@echo \"The tests are not part of this student copy: they stay in the instructor's copy of the course"
    " (see RELEASE.md).\"\n"
    "\t@exit 2\n"
)


class ReleaseError(Exception):
    """The release was refused or failed; ``exit_code`` is 2 for a refusal, 1 for a leak."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class ModelAnswers:
    """What must never reach students, read from ``solutions/``: (notebook, text) pairs."""

    memos: tuple[tuple[str, str], ...] = ()  # markdown text between the markers, and its long paragraphs
    code: tuple[tuple[str, str], ...] = ()   # code between the markers


@dataclass
class Release:
    """A finished, verified student copy."""

    out: Path
    files: list[Path] = field(default_factory=list)
    answers: ModelAnswers = field(default_factory=ModelAnswers)

    def summary(self) -> str:
        top = sorted({p.relative_to(self.out).parts[0] for p in self.files})
        return (f"{len(self.files)} files in {self.out}: {', '.join(top)}\n"
                f"verified: no solution markers, none of the {len(self.answers.memos)} memo model answers "
                f"(and their paragraphs) and {len(self.answers.code)} solution code regions, no stored outputs "
                "in exercises/, no solutions/ or tests/")


def _normalise(text: str) -> str:
    return " ".join(text.split())


def model_answers(root: Path) -> ModelAnswers:
    """Every memo model answer and solution code region in ``root/solutions`` (its language editions too)."""
    memos, code = [], []
    for path in sorted((Path(root) / "solutions").rglob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            for region in solution_regions(cell.source):
                text = _normalise(region)
                if cell.cell_type == "markdown" and len(text) >= MIN_MEMO_CHARS:
                    memos.append((path.name, text))
                    paragraphs = [_normalise(p) for p in re.split(r"\n\s*\n", region)]
                    memos += [(path.name, p) for p in paragraphs if len(p) >= MIN_PARAGRAPH_CHARS and p != text]
                elif cell.cell_type == "code" and len(text) >= MIN_CODE_CHARS:
                    code.append((path.name, text))
    return ModelAnswers(tuple(memos), tuple(code))


def _strings(node) -> list[str]:
    """Every string in a notebook's JSON (sources, outputs, metadata, widget state)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None  # a binary file (an image): nothing to read


def _notebook_strings(text: str) -> list[str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return [text]
    strings = _strings(data)
    # nbformat stores multi-line text as lists of lines: join them, as Jupyter shows them
    for value in _lists_of_lines(data):
        strings.append("".join(value))
    return strings


def _lists_of_lines(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _lists_of_lines(value)
    elif isinstance(node, list):
        if node and all(isinstance(v, str) for v in node):
            yield node
        else:
            for value in node:
                yield from _lists_of_lines(value)


def _exercise_outputs(path: Path) -> list[int]:
    notebook = nbformat.read(path, as_version=4)
    return [i + 1 for i, cell in enumerate(notebook.cells) if cell.cell_type == "code" and cell.get("outputs")]


def verify(out: Path, root: Path | None = None, answers: ModelAnswers | None = None) -> list[str]:
    """Problems that make ``out`` unfit for students, each naming its file; empty when clean.

    ``answers`` defaults to the model answers in ``root/solutions`` (none when ``root`` is None).
    """
    out = Path(out)
    if answers is None:
        answers = model_answers(root) if root is not None else ModelAnswers()
    problems: list[str] = []
    for name in FORBIDDEN:
        if (out / name).exists():
            problems.append(f"{name}: must not be in a student copy")
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        if rel.split("/")[0] in ("solutions", "tests"):
            continue  # already reported as a whole folder
        text = _read_text(path)
        if text is None:
            continue
        strings = _notebook_strings(text) if path.suffix == ".ipynb" else [text]
        marker_lines = {line.strip() for s in strings for line in s.splitlines()} & set(MARKERS)
        for marker in sorted(marker_lines):
            problems.append(f"{rel}: contains the solution marker {marker!r}")
        flat = _normalise("\n".join(strings))
        for source, memo in answers.memos:
            if memo in flat:
                problems.append(f"{rel}: contains the model answer of a memo in solutions/{source}: "
                                f"{memo[:60]!r}...")
        if rel.startswith("exercises/") and path.suffix == ".ipynb":
            for source, code in answers.code:
                if code in flat:
                    problems.append(f"{rel}: contains solution code from solutions/{source}: {code[:60]!r}")
            try:
                cells = _exercise_outputs(path)
            except Exception as error:  # not a notebook nbformat can read
                problems.append(f"{rel}: cannot be read as a notebook ({type(error).__name__})")
                cells = []
            if cells:
                problems.append(f"{rel}: stored outputs in cell(s) {', '.join(map(str, cells))} "
                                "(a stored ✓ gives the answer away; run `kpo-course build`)")
    return problems


STUDENT_SECTIONS = ("Course map", "How it works", "Licence")  # copied from README.md as they are

STUDENT_START = """## Start

You need Python 3.10 or newer and `make`. In this folder:

```bash
make lab    # sets up .venv (first time only) and opens the course in JupyterLab at the start page
```

Stop it with Ctrl+C. The `kpo-course` command is installed inside `.venv`: run it as
`.venv/bin/kpo-course` (on Windows `.venv\\Scripts\\kpo-course`), e.g. `.venv/bin/kpo-course doctor` if
widgets show "Error displaying widget".

With conda instead:

```bash
conda env create -f environment.yml
conda activate kpo-course
pip install --no-deps -e .
kpo-course start
```
"""

STUDENT_HANDIN = """## Handing in your quiz and exercise progress

If your teacher asks for it, write your progress (quizzes and exercise checks) to one file in a
notebook cell and hand that file in:

```python
import kpo_course as kpo
kpo.progress.export("kpo-progress-YOUR-NAME.json", student="YOUR NAME")
```
"""


def _sections(text: str) -> dict[str, str]:
    """README.md's level-2 sections by heading (code fences are not read as headings)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    fence = False
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("```"):
            fence = not fence
        heading = re.match(r"^##\s+(.*?)\s*$", line) if not fence else None
        if heading or (not fence and line.startswith("# ")):
            current = found.setdefault(heading.group(1), []) if heading else None
        if current is not None:
            current.append(line)
    return {name: "".join(lines).rstrip("\n") + "\n" for name, lines in found.items()}


def _student_readme(text: str) -> str:
    """The students' own README: title and introduction, a banner, how to start (``make lab`` only),
    the course map, how it works, handing in progress, the licence. No instructor, author, test,
    speed or authoring material (Chromium for the browser tests, ``make test``, ``build``/``execute``)."""
    lines = text.splitlines(keepends=True)
    title = next((line for line in lines if line.startswith("# ")), "# Knowledge Process Outsourcing (KPO)\n")
    intro = text.split(title, 1)[-1].split("\n## ", 1)[0].strip("\n") if title in text else ""
    sections = _sections(text)
    parts = [title, "\n", README_BANNER, "\n"] + ([intro + "\n\n"] if intro else []) + [STUDENT_START, "\n"]
    for name in STUDENT_SECTIONS[:2]:
        if name in sections:
            parts += [sections[name], "\n"]
    parts += [STUDENT_HANDIN, "\n"]
    if STUDENT_SECTIONS[2] in sections:
        parts.append(sections[STUDENT_SECTIONS[2]])
    return "".join(parts).rstrip("\n") + "\n"


def _student_makefile(text: str) -> str:
    """The Makefile with a ``test`` target that says where the tests are."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("test:"):
            out.append(MAKE_TEST)
            index += 1
            while index < len(lines) and lines[index].startswith("\t"):
                index += 1
            continue
        out.append(line)
        index += 1
    return "".join(out)


def _check_target(root: Path, out: Path, force: bool) -> None:
    root, target = root.resolve(), out.resolve()
    if target == root or root in target.parents:
        raise ReleaseError(f"{out} is inside the course folder {root}: choose a folder outside it, "
                           "e.g. ../kpo-course-student")
    if target in root.parents:
        raise ReleaseError(f"{out} contains the course folder {root}: choose an empty folder outside it")
    if target.exists() and not target.is_dir():
        raise ReleaseError(f"{out} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise ReleaseError(f"{out} is not empty: choose an empty or new folder, or pass --force to replace "
                           "the course files in it")


def _ignore(folder: str, names: list[str]) -> set[str]:
    ignored = set(shutil.ignore_patterns(*LEFTOVERS)(folder, names))
    for name in names:
        rel = (Path(folder) / name).as_posix()
        if any(rel.endswith("/" + skip) for skip in INSTRUCTOR_ONLY):
            ignored.add(name)
    return ignored


def copy_course(root: Path, out: Path) -> list[Path]:
    """Copy the allow-listed files and folders of ``root`` into ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    for name in (*INCLUDE, NOTE_FILE):
        existing = out / name
        if existing.is_dir() and not existing.is_symlink():
            shutil.rmtree(existing)
        elif existing.exists() or existing.is_symlink():
            existing.unlink()
    for name in INCLUDE:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=_ignore, symlinks=False)
        elif source.is_file():
            shutil.copy2(source, out / name)
    readme, makefile = out / "README.md", out / "Makefile"
    if readme.is_file():
        readme.write_text(_student_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
    if makefile.is_file():
        makefile.write_text(_student_makefile(makefile.read_text(encoding="utf-8")), encoding="utf-8")
    (out / NOTE_FILE).write_text(RELEASE_NOTE, encoding="utf-8")
    written = {name for name in (*INCLUDE, NOTE_FILE) if (out / name).exists()}
    return sorted(p for p in out.rglob("*") if p.is_file() and p.relative_to(out).parts[0] in written)


def release(root: Path, out: Path, *, force: bool = False) -> Release:
    """Write a verified student copy of the course at ``root`` into ``out``.

    Raises :class:`ReleaseError` with ``exit_code`` 2 when ``out`` is unsuitable (inside the
    course, or not empty without ``force``) and with ``exit_code`` 1, naming every file, when
    the copy would give answers away. A copy that fails verification is left in place for
    inspection; do not hand it out.
    """
    root, out = Path(root), Path(out)
    if not (root / "lessons").is_dir():
        raise ReleaseError(f"{root} is not a course folder (no lessons/)")
    _check_target(root, out, force)
    answers = model_answers(root)
    files = copy_course(root, out)
    problems = verify(out, answers=answers)
    if problems:
        raise ReleaseError(
            f"the copy in {out} would give answers away; do not hand it out:\n  " + "\n  ".join(problems),
            exit_code=1)
    return Release(out, files, answers)
