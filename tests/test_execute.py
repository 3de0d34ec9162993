"""kpo-course execute: outputs and widget state stored deterministically."""
from __future__ import annotations

import json

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from kpo_course.authoring.execute import execute_notebook


def test_executing_twice_gives_byte_identical_files_with_widget_state(tmp_path):
    path = tmp_path / "widgets.ipynb"
    notebook = new_notebook(cells=[
        new_code_cell("import ipywidgets as w\nw.VBox([w.IntSlider(3), w.HTML('<b>hi</b>')])"),
        new_code_cell("import os\nprint(sorted(os.listdir('.')))"),  # runs in the notebook's own folder
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)

    execute_notebook(path)
    first = path.read_bytes()
    execute_notebook(path)
    assert path.read_bytes() == first

    stored = json.loads(first)
    state = stored["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert len(state) >= 3
    assert all(key.startswith("0000000000") for key in state)
    view = stored["cells"][0]["outputs"][0]["data"]["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] in state
    assert "widgets.ipynb" in "".join(stored["cells"][1]["outputs"][0]["text"])
    assert "execution" not in stored["cells"][0]["metadata"]
