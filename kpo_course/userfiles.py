"""Where the course keeps a learner's files, and how it writes them (standard library and platformdirs).

Two per-user folders: the data folder holds the progress file (``$KPO_COURSE_HOME``, else
``~/.local/share/kpo-course`` on Linux and the platform's own place elsewhere) and the cache
folder holds the parsed content (``$KPO_COURSE_CACHE``, ``off`` for none, else
``~/.cache/kpo-course`` on Linux). Every file is written atomically: a reader sees the old
file or the new one, never a part.

>>> import os, tempfile
>>> os.environ["KPO_COURSE_HOME"] = folder = tempfile.mkdtemp()
>>> write_atomically(data_folder() / "a.txt", b"hello")
>>> (data_folder() / "a.txt").read_bytes(), data_folder() == Path(folder)
(b'hello', True)
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

APP = "kpo-course"


def data_folder() -> Path:
    """The folder of the learner's own files: ``$KPO_COURSE_HOME``, else the per-user data folder."""
    configured = os.environ.get("KPO_COURSE_HOME")
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP, appauthor=False, roaming=True))


def cache_folder() -> Path | None:
    """The folder of files that only save time: ``$KPO_COURSE_CACHE``, else the per-user cache folder;
    None when ``KPO_COURSE_CACHE=off``."""
    chosen = os.environ.get("KPO_COURSE_CACHE", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def write_atomically(path: Path, data: bytes, *, durable: bool = False, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` (making its folder) so that a reader sees the old file or the new one.

    ``durable`` flushes it to disk before the rename (a gradebook); ``mode`` sets its permissions
    (the temporary file starts private, 0o600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
