"""Performance goals, each a ratio measured within one run (the machine is shared and noisy).

    python benchmarks/run.py            # every measure
    python benchmarks/run.py import     # only measures whose name contains "import"

Prints one line per measure: ``name: value (goal ...)``. Exit status 0 even when a goal
is missed: these are measurements to read, not tests.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPEATS = 5


def wall(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleaved(a: Callable[[], object], b: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    """Median wall times of ``a`` and ``b``, run alternately so machine noise hits both alike."""
    times_a, times_b = [], []
    for _ in range(repeats):
        times_a.append(wall(a))
        times_b.append(wall(b))
    return statistics.median(times_a), statistics.median(times_b)


def python(code: str) -> Callable[[], object]:
    return lambda: subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def import_ratio() -> None:
    course, floor = interleaved(python("import kpo_course"), python("import pandas"), repeats=9)
    print(f"import_ratio: {course / floor:.2f} (goal <= 1.2; import kpo_course {course * 1000:.0f} ms, "
          f"import pandas {floor * 1000:.0f} ms)")


def run_notebook(path: Path) -> Callable[[], object]:
    from nbclient import NotebookClient

    def action() -> None:
        notebook = nbformat.read(path, as_version=4)
        with tempfile.TemporaryDirectory() as home:
            import os
            os.environ["KPO_COURSE_HOME"] = home
            NotebookClient(notebook, timeout=600, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()

    return action


def floor_notebook(folder: Path) -> Path:
    path = folder / "floor.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell(
        "import pandas\nimport matplotlib.pyplot\nimport ipywidgets")]), path)
    return path


def notebook_ratios() -> None:
    notebooks = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as folder:
        floor = floor_notebook(Path(folder))
        for path in notebooks:
            course, base = interleaved(run_notebook(path), run_notebook(floor), repeats=3)
            name = f"{path.parent.name}/{path.stem}"
            print(f"notebook_ratio:{name}: {course / base:.2f} (goal <= 1.5; {course:.2f} s vs floor {base:.2f} s)",
                  flush=True)


MEASURES = {"import_ratio": import_ratio, "notebook_ratio": notebook_ratios}


def main(argv: list[str]) -> int:
    wanted = argv[1:] or list(MEASURES)
    for name, measure in MEASURES.items():
        if any(w in name for w in wanted):
            measure()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
