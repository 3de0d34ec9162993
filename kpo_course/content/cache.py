"""Parsed data files remembered between Python processes, so a lesson's kernel skips YAML.

Parsing the course's YAML costs about a tenth of a second in every new kernel (and
importing PyYAML a little more). The parsed files are stored with :mod:`marshal` (plain
dicts, lists, strings and numbers; reading it runs no code) in the user's cache folder,
keyed by every file's name, size and modification time and by the Python version. Any
change to a file, another Python, a cache that cannot be read or written: the files are
parsed afresh. The cache only saves time; it never decides what the content says, which
is validated after every load as before.

``$KPO_COURSE_CACHE`` names another folder, or ``off`` to switch the cache off.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "a.yaml").write_text("x: 1")
>>> store = Path(tempfile.mkdtemp()) / "cache"
>>> write(folder, {"a.yaml": {"x": 1}}, store=store)
>>> read(folder, store=store)
{'a.yaml': {'x': 1}}
>>> _ = (folder / "a.yaml").write_text("x: 22")
>>> read(folder, store=store) is None
True
"""
from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any

from ..userfiles import cache_folder, write_atomically

#: Bump when what is stored changes meaning.
FORMAT = 1


def folder() -> Path | None:
    """Where the cache lives: ``$KPO_COURSE_CACHE``, else the per-user cache folder; None if off."""
    return cache_folder()


def fingerprint(directory: Path) -> tuple:
    """Every YAML file under ``directory`` with its size and modification time, and the Python version."""
    files = []
    for path in sorted(directory.rglob("*.yaml")):
        status = path.stat()
        files.append((path.relative_to(directory).as_posix(), status.st_size, status.st_mtime_ns))
    return (FORMAT, sys.version_info[:2], str(directory.resolve()), tuple(files))


def _file(store: Path) -> Path:
    return store / "content.marshal"


def read(directory: Path, *, store: Path | None = None) -> dict[str, Any] | None:
    """The parsed files (name -> data) stored for ``directory`` as it is now, or None."""
    try:
        store = store if store is not None else folder()  # no home folder at all: no cache
        if store is None:
            return None
        saved = marshal.loads(_file(store).read_bytes())
        if saved["fingerprint"] == fingerprint(directory) and isinstance(saved["files"], dict):
            return saved["files"]
    except Exception:  # missing, unreadable, from another Python, or not ours: parse afresh
        pass
    return None


def write(directory: Path, files: dict[str, Any], *, store: Path | None = None) -> None:
    """Remember ``files`` (name -> parsed data) for ``directory``; quietly does nothing if it cannot."""
    try:
        store = store if store is not None else folder()
        if store is None:
            return
        write_atomically(_file(store), marshal.dumps({"fingerprint": fingerprint(directory), "files": files}))
    except Exception:  # a read-only home, a full disk, data marshal cannot store: no cache, no harm
        pass
