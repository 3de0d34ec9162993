"""A widget's first chart remembered between kernels, so a lesson that is run again opens faster.

Drawing a widget's first chart costs a tenth of a second or more in a new kernel (matplotlib
lays out every text afresh). A lesson shows the same first charts every time it runs, and
lessons share them (the decision matrix opens alike in lessons 03 and 06), so the PNG of a
chart's *first* picture is kept on disk, beside the parsed content
(:func:`kpo_course.content.cache.folder`). Pictures drawn while a learner moves sliders stay
in memory only, so the folder stays small (at most :data:`LIMIT` files).

A saved picture is used only when everything that draws it is unchanged: its key (every model
input, the language), the course's drawing code and data files (names, sizes, modification
times), and the versions of Python, matplotlib, Pillow and NumPy. A key that is not plain data
(str, number, bool, None, tuples, lists, dicts and dataclasses of these) is never saved: its
text could not be trusted to name one picture. A file that is not a whole PNG is ignored and
drawn afresh. ``KPO_COURSE_CACHE=off`` switches this off along with the content cache.

>>> canonical(("en", 1, 2.5, [True, None]))
"('en', 1, 2.5, [True, None])"
>>> canonical(("en", object())) is None
True
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from ..content import cache as content_cache

#: Bump when what is stored changes meaning.
FORMAT = 1
#: At most this many saved pictures; the oldest go first.
LIMIT = 200
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"  # the last chunk's type and checksum
_PACKAGE = Path(__file__).resolve().parent.parent


def canonical(value: Any) -> str | None:
    """An exact text for a key made of plain data, or None if any part is something else."""
    kind = type(value)  # exact types: a subclass may print itself in a way that hides a difference
    if value is None or kind in (bool, int, float, str):
        return repr(value)
    if kind is dict:
        value = [("key", key, item) for key, item in value.items()]
        return None if (text := canonical(value)) is None else "{" + text + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
        name = f"{kind.__module__}.{kind.__qualname__}"
        return None if (text := canonical(fields)) is None else name + text
    if kind in (tuple, list):
        parts = [canonical(item) for item in value]
        if None in parts:
            return None
        return ("(%s)" if kind is tuple else "[%s]") % ", ".join(parts)
    return None


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """What every saved picture depends on besides its key: computed once a process."""
    import matplotlib
    import numpy
    import PIL

    files = []
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".yaml")):  # the drawing code, its labels and the data it shows
                status = os.stat(os.path.join(folder, name))
                files.append((os.path.relpath(os.path.join(folder, name), _PACKAGE), status.st_size, status.st_mtime_ns))
    parts = (FORMAT, sys.version_info[:3], matplotlib.__version__, PIL.__version__, numpy.__version__, files)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _path(kind: str, key: Any) -> Path | None:
    store = content_cache.folder()
    text = canonical((kind, key))
    if store is None or text is None:
        return None
    name = hashlib.sha256(f"{fingerprint()}\n{text}".encode()).hexdigest()
    return store / "charts" / f"{name}.png"


def load(kind: str, key: Any) -> bytes | None:
    """The saved first picture for ``(kind, key)``, or None (none saved, stale, damaged or off)."""
    try:
        path = _path(kind, key)
        if path is None:
            return None
        png = path.read_bytes()
        return png if _whole_png(png) else None
    except Exception:  # missing or unreadable: draw it
        return None


def save(kind: str, key: Any, png: bytes) -> None:
    """Remember ``png`` as the first picture for ``(kind, key)`` unless one is saved already;
    quietly does nothing if it cannot."""
    try:
        path = _path(kind, key)
        if path is None or not _whole_png(png) or load(kind, key) is not None:
            return
        content_cache.write_atomically(path, png)
        _prune(path.parent)
    except Exception:  # a read-only home, a full disk: no saved picture, no harm
        pass


def _whole_png(data: bytes) -> bool:
    """PNG's first and last bytes are fixed: a file cut short or not a PNG at all fails this."""
    return data.startswith(PNG_SIGNATURE) and data.endswith(PNG_END)


def _prune(folder: Path) -> None:
    """Keep the newest :data:`LIMIT` pictures."""
    saved = list(folder.glob("*.png"))
    if len(saved) <= LIMIT:
        return
    saved.sort(key=lambda path: path.stat().st_mtime_ns)
    for path in saved[: len(saved) - LIMIT]:
        path.unlink(missing_ok=True)
