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


def timings(a: Callable[[], object], b: Callable[[], object], repeats: int = REPEATS) -> tuple[list[float], list[float]]:
    """Wall times of ``a`` and ``b``, run alternately so machine noise hits both alike."""
    times_a, times_b = [], []
    for _ in range(repeats):
        times_a.append(wall(a))
        times_b.append(wall(b))
    return times_a, times_b


def interleaved(a: Callable[[], object], b: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    """Median wall times of ``a`` and ``b``, run alternately."""
    times_a, times_b = timings(a, b, repeats)
    return statistics.median(times_a), statistics.median(times_b)


def python(code: str) -> Callable[[], object]:
    return lambda: subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def import_ratio() -> None:
    course, floor = interleaved(python("import kpo_course"), python("import pandas"), repeats=9)
    print(f"import_ratio: {course / floor:.2f} (goal <= 1.2; import kpo_course {course * 1000:.0f} ms, "
          f"import pandas {floor * 1000:.0f} ms)")


def run_notebook(path: Path) -> Callable[[], object]:
    """Run ``path`` in a new kernel as on a first-ever run: a fresh home, nothing cached."""
    from nbclient import NotebookClient

    def action() -> None:
        import os
        from unittest import mock
        notebook = nbformat.read(path, as_version=4)
        with tempfile.TemporaryDirectory() as home, mock.patch.dict(
                os.environ, KPO_COURSE_HOME=home, KPO_COURSE_CACHE="off"):  # the kernel inherits both
            NotebookClient(notebook, timeout=600, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()

    return action


def floor_notebook(folder: Path) -> Path:
    path = folder / "floor.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell(
        "import pandas\nimport matplotlib.pyplot\nimport ipywidgets")]), path)
    return path


def lesson_paths() -> list[Path]:
    """Every lesson notebook, as ``course.yaml`` lists them."""
    from kpo_course.content import load

    return [ROOT / lesson.file for lesson in load().course.lessons]


def notebook_ratios(repeats: int = 5) -> None:
    """Each lesson's first run (nothing cached) over the floor's: the median of ``repeats`` paired runs.

    Each round runs the lesson, then the floor (a notebook that imports pandas, matplotlib and
    ipywidgets), so a spell of machine load hits both alike; a round's ratio uses that round's floor.
    """
    with tempfile.TemporaryDirectory() as folder:
        floor = run_notebook(floor_notebook(Path(folder)))
        for path in lesson_paths():
            lesson = run_notebook(path)
            rounds = [(wall(lesson), wall(floor)) for _ in range(repeats)]
            ratio = statistics.median(a / b for a, b in rounds)
            medians = [statistics.median(times) for times in zip(*rounds)]
            print(f"notebook_ratio_first_run:{path.stem}: {ratio:.2f} (goal <= 1.5; nothing cached; median of "
                  f"{repeats} paired runs; {medians[0]:.2f} s vs floor {medians[1]:.2f} s)", flush=True)


def first_picture(repeats: int = 5) -> None:
    """Each chart widget's first picture in a fresh Python process: the time to build it (its content
    loaded, its chart drawn) after pandas, matplotlib, ipywidgets and kpo_course are imported. Measured
    with nothing cached, and with the parsed content cached by an earlier kernel (no picture is cached)."""
    import os

    from kpo_course.widgets.registry import WIDGETS

    def build(name: str, cache: str) -> float:
        code = ("import time, pandas, matplotlib.pyplot, ipywidgets\nimport kpo_course\n"
                "from kpo_course import widgets\n"
                f"start = time.perf_counter(); widgets.{name}(); print(time.perf_counter() - start)")
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, KPO_COURSE_HOME=home, KPO_COURSE_CACHE=cache)
            done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True,
                                  capture_output=True, text=True)
        return float(done.stdout) * 1000

    with tempfile.TemporaryDirectory() as cache:
        for entry in (e for e in WIDGETS if e.chart):
            build(entry.name, cache)  # an earlier kernel parsed the content
            cold, warm = [], []
            for _ in range(repeats):
                cold.append(build(entry.name, "off"))
                warm.append(build(entry.name, cache))
            print(f"first_picture_ms:{entry.name}: {statistics.median(cold):.0f} (goal <= 300; fresh process, "
                  f"nothing cached; median of {repeats}, max {max(cold):.0f}; with the content cached "
                  f"{statistics.median(warm):.0f})", flush=True)


def _widget_changes() -> dict[str, tuple[Callable[[object], list[Callable[[], object]]], str]]:
    """Per registered widget: ~15 changes that each lead to a view not seen before, and the view to watch."""

    def tick(widget: object, mitigation: str) -> Callable[[], object]:
        return lambda: setattr(widget.mitigations[mitigation], "value", True)

    def untick(widget: object, mitigation: str) -> Callable[[], object]:
        return lambda: setattr(widget.mitigations[mitigation], "value", False)

    def answer(widget: object) -> Callable[[], object]:
        def act() -> None:  # what a student does: Next (after the first task), then an answer
            if widget.chosen is not None:
                widget.next_button.click()
            widget.answer("KPO")
        return act

    def pages(widget: object) -> list[Callable[[], object]]:  # Next through the quiz, then back
        steps = len(widget.quiz.questions) - 1
        return ([widget.next_button.click] * steps + [widget.previous_button.click] * steps)[:15]

    return {
        "LanguagePicker": (lambda w: [(lambda code=code: setattr(w.buttons, "value", code))
                                      for code in ["sv", "en"] * 8][:15], "status"),
        "Quiz": (pages, "prompt"),
        "DomainExplorer": (lambda w: [(lambda d=d: setattr(w.domain, "value", d))
                                      for d in ([o[1] for o in w.domain.options][1:] + [o[1] for o in w.domain.options])[:15]],
                           "case"),
        "TaskSorter": (lambda w: [answer(w) for _ in range(15)], "feedback"),
        "CostCalculator": (lambda w: [(lambda v=v: setattr(w.horizon, "value", v)) for v in range(20, 35)], "chart"),
        "FlexibilitySimulator": (lambda w: [(lambda v=v: setattr(w.depth, "value", v / 100))
                                            for v in range(5, 85, 5) if v != 40], "chart"),
        "DecisionMatrix": (lambda w: [(lambda v=v: setattr(w.weights["cost"], "value", v)) for v in range(26, 41)],
                           "chart"),
        "RiskMatrix": (lambda w: ([tick(w, m) for m in w.mitigations]  # tick every measure, then untick: 15 states
                                  + [untick(w, m) for m in w.mitigations])[:15], "chart"),
    }


def _floor_render() -> Callable[[], object]:
    """The floor: one line in a chart of the same size, drawn to PNG bytes (what any chart costs)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from kpo_course.plots import DPI, FIGSIZE, figure_to_png

    def action() -> None:
        fig = Figure(figsize=FIGSIZE, dpi=DPI)
        FigureCanvasAgg(fig)
        fig.add_subplot().plot([1, 2, 3], [1, 3, 2])
        figure_to_png(fig)

    return action


def widget_latency() -> None:
    """Median time from setting a control's value in Python to the widget's view updated (chart bytes set).

    Every registered widget with controls to change (:data:`kpo_course.widgets.registry.WIDGETS`);
    each change leads to inputs not drawn before. The floor, timed in the same run, is a one-line
    chart of the same size: on a busy machine both rise.
    """
    import os

    from kpo_course.widgets.registry import WIDGETS

    floor = _floor_render()
    floor()
    scripts = _widget_changes()
    with tempfile.TemporaryDirectory() as home:
        os.environ["KPO_COURSE_HOME"] = home  # the task drill writes progress: not the runner's own
        for entry in WIDGETS:
            if entry.name not in scripts:
                print(f"widget_latency_ms:{entry.name}: not measured (no changes listed in _widget_changes)")
                continue
            changes, view = scripts[entry.name]
            widget = entry.build()
            times, floors = [], []
            chart = getattr(widget, "chart_view", None)
            for change in changes(widget):
                floors.append(wall(floor) * 1000)
                before = getattr(widget, view).value
                drawn = chart.renders if chart else 0
                start = time.perf_counter()
                change()
                times.append((time.perf_counter() - start) * 1000)
                updated = chart.renders > drawn if chart else getattr(widget, view).value != before
                if not updated or "kpo-error" in widget.status.value:
                    print(f"widget_latency_ms:{entry.name}: the view did not update ({widget.status.value[:120]})")
                    break
            else:
                print(f"widget_latency_ms:{entry.name}: {statistics.median(times):.1f} (goal <= 50; median of "
                      f"{len(times)} changes, max {max(times):.1f}; a one-line chart {statistics.median(floors):.1f})",
                      flush=True)
            widget.close()  # a closed widget stops following the language (the picker changes it)


def _nbgrader(course: Path, *args: str) -> None:
    import os
    bin_dir = str(Path(sys.executable).parent)  # nbgrader runs `alembic` from PATH
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    env.pop("NBGRADER_EXECUTION", None)
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={course}"],
                            cwd=course, env=env, capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stderr[-3000:]


def grading_speedup() -> None:
    """nbgrader's own ``autograde`` vs ``kpo-course grade`` on the same 20 submissions of 00_warmup
    (10 perfect = the solution, 10 blank = the exercise). The course set-up (db, generate_assignment)
    is not timed; both commands are timed whole, start-up included. Per-student scores must agree."""
    import csv
    import os
    import shutil

    name, assignment = "00_warmup.ipynb", "kpo"
    students = {f"perfect{i:02d}": "solutions" for i in range(10)} | {f"blank{i:02d}": "exercises" for i in range(10)}
    with tempfile.TemporaryDirectory() as folder:
        course = Path(folder) / "course"
        (course / "source" / assignment).mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / name, course / "source" / assignment / name)
        for student, source in students.items():
            target = course / "submitted" / student / assignment
            target.mkdir(parents=True)
            shutil.copy(ROOT / source / name, target / name)
        (course / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'kpo'\n")
        (course / "students.csv").write_text("id\n" + "\n".join(students) + "\n")
        _nbgrader(course, "db", "assignment", "add", assignment)
        _nbgrader(course, "db", "student", "import", "students.csv")
        _nbgrader(course, "generate_assignment", assignment, "--force")

        nbgrader_seconds = wall(lambda: _nbgrader(course, "autograde", assignment, "--force"))
        _nbgrader(course, "export", "--to", str(course / "grades.csv"))
        with (course / "grades.csv").open() as handle:
            nbgrader_scores = {r["student_id"]: float(r["score"]) for r in csv.DictReader(handle)}

        env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}

        def kpo(*options: str) -> tuple[float, dict[str, float]]:
            """``kpo-course grade`` timed whole, and its totals per student."""
            out = Path(folder) / "kpo" / "gradebook.csv"
            seconds = wall(lambda: subprocess.run(
                [sys.executable, "-m", "kpo_course.cli", "grade", str(course / "submitted"), "--out", str(out),
                 "--quiet", *options], check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, timeout=3600))
            scores: dict[str, float] = {}
            with out.open() as handle:
                for row in csv.DictReader(handle):
                    scores[row["student"]] = scores.get(row["student"], 0.0) + float(row["points"])
            return seconds, scores

        kpo_seconds, kpo_scores = kpo()  # each kernel in its bubblewrap sandbox (the default)
        unsafe_seconds, unsafe_scores = kpo("--unsafe-no-sandbox")  # forked kernels, no isolation
    assert kpo_scores == nbgrader_scores, f"scores differ: kpo-course {kpo_scores} vs nbgrader {nbgrader_scores}"
    assert unsafe_scores == nbgrader_scores, f"scores differ unsandboxed: {unsafe_scores} vs {nbgrader_scores}"
    n = len(students)
    print(f"grading_speedup_vs_nbgrader: {nbgrader_seconds / kpo_seconds:.2f} (goal >= 3; nbgrader "
          f"{nbgrader_seconds:.1f} s, kpo-course in sandboxes {kpo_seconds:.1f} s for {n} notebooks, s per "
          f"notebook {nbgrader_seconds / n:.2f} vs {kpo_seconds / n:.2f}; unsandboxed with the fork server "
          f"{unsafe_seconds:.1f} s, {nbgrader_seconds / unsafe_seconds:.2f}x; {os.cpu_count()} cores; same "
          f"scores for all {n} students)", flush=True)


MEASURES = {"import_ratio": import_ratio, "widget_latency_ms": widget_latency, "first_picture_ms": first_picture,
            "notebook_ratio": notebook_ratios}
MEASURES["grading_speedup_vs_nbgrader"] = grading_speedup


# --- Felt latency in Chromium (issue 18, W5) ------------------------------------------------------
# What a student feels: from the key press / click on a control to the new picture or text drawn.

FELT_WIDGETS = [  # (lesson, the widget's CSS class, the control a student moves, what shows the answer)
    ("02_kpo_domains", "kpo-domain-explorer", "select", ".kpo-case"),
    ("03_why_firms_use_kpo", "kpo-cost-calculator", "slider", "img"),
    ("03_why_firms_use_kpo", "kpo-decision-matrix", "slider", "img"),
    ("04_benefits", "kpo-flexibility-simulator", "slider", "img"),
    ("05_drawbacks_and_risks", "kpo-risk-matrix", "checkbox", "img"),
]

_FELT_ARM = """([container, view]) => {
  const box = document.querySelector('.' + container);
  const state = window.__kpoFelt = window.__kpoFelt || {start: null};
  if (!state.listening) {  // the input's own time stamp: when the browser received the key or click
    for (const type of ['keydown', 'pointerdown', 'change']) {
      window.addEventListener(type, e => { if (state.armed && state.start === null) state.start = e.timeStamp; }, true);
    }
    state.listening = true;
  }
  state.start = null; state.armed = true;
  const shows = node => node.nodeType === 1 && (node.matches(view) || node.querySelector(view));
  state.done = new Promise(resolve => {
    const observer = new MutationObserver(records => {
      const seen = records.some(r => (r.type === 'attributes' && r.target.matches(view))
        || (r.type === 'characterData' && r.target.parentElement && r.target.parentElement.closest(view))
        || (r.type === 'childList' && ([...r.addedNodes].some(shows) || (r.target.closest && r.target.closest(view)))));
      if (!seen || state.start === null) return;
      observer.disconnect(); state.armed = false;
      requestAnimationFrame(() => resolve(performance.now() - state.start));  // the frame that shows it
    });
    observer.observe(box, {subtree: true, childList: true, characterData: true, attributes: true,
                           attributeFilter: ['src']});
    setTimeout(() => { observer.disconnect(); resolve(null); }, 15000);
  });
}"""


def _felt_server(course: Path) -> tuple[subprocess.Popen, str]:
    """JupyterLab on a free loopback port, no token, fresh settings (no news pop-up, every cell rendered)."""
    import os
    import socket
    import urllib.request

    settings = course / ".settings" / "@jupyterlab"
    (settings / "apputils-extension").mkdir(parents=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    (settings / "notebook-extension").mkdir(parents=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(course / ".settings"), KPO_COURSE_HOME=str(course / ".home"),
               JUPYTER_RUNTIME_DIR=str(course / ".runtime"), JUPYTER_CONFIG_DIR=str(course / ".config"))
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1", "--allow-root",
         "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
         f"--ServerApp.root_dir={course}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(f"{url}/api/status", timeout=5).close()
            return process, url
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("JupyterLab did not start")


def _felt_changes(page, container: str, control: str, changes: int) -> list:
    """Actions that each change the control once (never back to a state already drawn, where possible)."""
    box = page.locator(f".{container}").first
    if control == "slider":
        handle = box.locator(".noUi-handle").first
        heading = {"key": "ArrowRight"}

        def move() -> None:  # one step; turn round at either end, so every press changes the value
            value, low, high = (float(handle.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemin",
                                                                         "aria-valuemax"))
            if value >= high:
                heading["key"] = "ArrowLeft"
            elif value <= low:
                heading["key"] = "ArrowRight"
            handle.focus()
            page.keyboard.press(heading["key"])
        return [move] * changes
    if control == "checkbox":
        boxes = box.locator("input[type=checkbox]:visible")  # the open section of an accordion
        count = boxes.count()
        order = ([n for n in range(count)] * 2)[:changes]  # tick each, then untick each: new states each time
        while len(order) < changes:
            order += order
        return [lambda n=n: (boxes.nth(n).scroll_into_view_if_needed(), boxes.nth(n).click(force=True))
                for n in order[:changes]]
    select = box.locator("select").first
    options = select.locator("option").all_inner_texts()
    picks = [n for n in range(1, len(options))] + [0]
    return [lambda n=n: select.select_option(index=n) for n in (picks * 4)[:changes]]


def felt_latency(changes: int = 20) -> None:
    """In Chromium: ms from moving a slider / ticking a box / choosing an option to the new view drawn.

    Median and 95th percentile over ``changes`` changes per widget (goal: 95th percentile <= 100 ms).
    The lesson runs first (Run All); the clock starts at the browser's input event and stops at the
    animation frame after the widget's picture (or text) changed.
    """
    import shutil

    sys.path.insert(0, str(ROOT / "tests"))
    from lab import open_notebook, run_all, shut_down_kernels
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        course = Path(folder)
        shutil.copytree(ROOT / "lessons", course / "lessons", ignore=shutil.ignore_patterns("sv"))
        process, url = _felt_server(course)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                                     args=["--no-sandbox", "--disable-gpu"])
                for lesson in dict.fromkeys(entry[0] for entry in FELT_WIDGETS):
                    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
                    open_notebook(page, url, f"lessons/{lesson}.ipynb")
                    run_all(page)
                    for _lesson, container, control, view in (e for e in FELT_WIDGETS if e[0] == lesson):
                        page.locator(f".{container}").first.wait_for(timeout=60_000)
                        page.locator(f".{container}").first.scroll_into_view_if_needed()
                        times, missed = [], 0
                        for act in _felt_changes(page, container, control, changes):
                            page.evaluate(_FELT_ARM, [container, view])
                            act()
                            took = page.evaluate("() => window.__kpoFelt.done")
                            missed += took is None
                            if took is not None:
                                times.append(took)
                            time.sleep(0.2)  # a student's pace: the next change after the last one is seen
                        if len(times) < 2:
                            print(f"felt_latency_ms:{container}: not measured ({missed} changes showed nothing)")
                            continue
                        p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
                        print(f"felt_latency_ms:{container}: median {statistics.median(times):.0f}, 95th percentile "
                              f"{p95:.0f} (goal <= 100; {len(times)} {control} changes, max {max(times):.0f}"
                              + (f", {missed} showed nothing" if missed else "") + ")", flush=True)
                    page.context.close()
                    shut_down_kernels(url)
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)


MEASURES["felt_latency_ms"] = felt_latency


def precompile() -> None:
    """Write kpo_course's bytecode, as pip does for the floor's libraries when it installs them.

    An editable install leaves the package as source; where PYTHONDONTWRITEBYTECODE is set,
    every kernel would compile it anew (~50 ms) while pandas and matplotlib load compiled.
    """
    import compileall

    compileall.compile_dir(ROOT / "kpo_course", quiet=1)


def main(argv: list[str]) -> int:
    wanted = argv[1:] or list(MEASURES)
    precompile()
    for name, measure in MEASURES.items():
        if any(w in name for w in wanted):
            measure()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
