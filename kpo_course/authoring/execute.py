"""Execute notebooks with nbclient and store their outputs deterministically.

Each notebook runs in its own folder, with the widget state stored in its metadata.
Random widget model ids are renamed in order of appearance, timings are not recorded,
and the kernel gets a fixed hash seed and a private progress folder, so running a
notebook twice gives byte-identical files.

>>> execute_notebook(Path("lessons/00_start_here.ipynb"))  # doctest: +SKIP
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import nbformat

MODEL_ID = re.compile(r"[0-9a-f]{32}")
KERNEL_ENV = {"PYTHONHASHSEED": "0", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}


def _rename_model_ids(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Replace ipywidgets' random model ids by ``000...1``, ``000...2`` in order of appearance."""
    text = json.dumps(notebook, sort_keys=False)
    state = notebook.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    known = set(state)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                known.add(view.get("model_id", ""))
    mapping: dict[str, str] = {}

    def rename(match: re.Match) -> str:
        old = match.group(0)
        if old not in known:
            return old
        if old not in mapping:
            mapping[old] = f"{len(mapping) + 1:032x}"
        return mapping[old]

    return nbformat.from_dict(json.loads(MODEL_ID.sub(rename, text)))


def _strip_volatile(notebook: nbformat.NotebookNode) -> None:
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("papermill", None)


def execute_notebook(path: Path, *, timeout: int = 300) -> None:
    """Run ``path`` top to bottom in its own folder and write it back with outputs."""
    from nbclient import NotebookClient

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    saved = {key: os.environ.get(key) for key in [*KERNEL_ENV, "KPO_COURSE_HOME"]}
    with tempfile.TemporaryDirectory(prefix="kpo-execute-") as home:
        os.environ.update(KERNEL_ENV)
        os.environ["KPO_COURSE_HOME"] = home  # the author's own progress stays untouched
        try:
            client = NotebookClient(
                notebook,
                timeout=timeout,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent.resolve())}},
                record_timing=False,
                store_widget_state=True,
                allow_errors=False,
            )
            client.execute()
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    notebook = _rename_model_ids(notebook)
    _strip_volatile(notebook)
    path.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")


def default_paths(root: Path) -> list[Path]:
    """The notebooks that are committed executed: every lesson and every solution."""
    return sorted((root / "lessons").glob("*.ipynb")) + sorted((root / "solutions").glob("*.ipynb"))
