"""Driving a notebook in JupyterLab (or Notebook 7) with Playwright, as a student would."""
from __future__ import annotations

import json
import time
import urllib.request

WIDGET = ".jp-OutputArea-output .jupyter-widgets"
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def open_notebook(page, base_url: str, path: str, *, app: str = "lab") -> None:
    """Open ``path`` (relative to the server root) in JupyterLab (``lab``) or Notebook 7 (``notebooks``)."""
    # ?reset: a fresh workspace, so no tab restored from an earlier test hides this one
    url = f"{base_url}/lab/tree/{path}?reset" if app == "lab" else f"{base_url}/notebooks/{path}"
    page.goto(url)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    wait_for_kernel_idle(page)


def wait_for_kernel_idle(page, seconds: float = 120) -> None:
    """Wait until a Python kernel is connected and idle.

    On a busy machine JupyterLab may ask "Select Kernel" before its kernel list has loaded:
    accept the preselected Python kernel, as a student would.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        dialog = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        if dialog.count() and dialog.first.is_visible():
            dialog.first.click()
        ready = page.evaluate(
            """() => {
                const name = document.querySelector('.jp-Toolbar-kernelName');
                const status = document.querySelector('.jp-Notebook-ExecutionIndicator');
                return !!name && (name.getAttribute('aria-label') || '').includes('Python')
                    && !!status && status.getAttribute('data-status') === 'idle';
            }"""
        )
        if ready:
            return
        time.sleep(0.5)
    raise AssertionError(f"no idle Python kernel after {seconds} s")


def menu(page, menu_name: str, command: str) -> None:
    """Click ``command`` (a data-command id) in the menu bar's ``menu_name`` menu."""
    page.locator(".lm-MenuBar-itemLabel", has_text=menu_name).first.click()
    page.locator(f'li.lm-Menu-item[data-command="{command}"]').click()


def run_all(page, seconds: float = 180) -> None:
    """Clear the stored outputs, run every cell, and wait until each code cell has run."""
    for attempt in range(3):  # the menu acts on the notebook only once it has focus
        page.locator(".jp-Notebook .jp-Cell:visible").first.click(position={"x": 4, "y": 4})
        menu(page, "Edit", "editmenu:clear-all")
        try:
            page.wait_for_function("() => !document.querySelector('.jp-OutputArea-output')", timeout=10_000)
            break
        except Exception:
            if attempt == 2:
                raise
    menu(page, "Run", "runmenu:run-all")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        # textContent, not innerText: JupyterLab leaves cells scrolled out of view unrendered
        prompts = page.locator(".jp-CodeCell .jp-InputArea-prompt").evaluate_all("els => els.map(e => e.textContent)")
        if prompts and all(any(ch.isdigit() for ch in p) for p in prompts):
            return
        time.sleep(0.5)
    raise AssertionError(f"cells still running after {seconds} s: {prompts}")


def problems(page) -> list[str]:
    """Error outputs and widgets that failed to display, as text (empty when all is well)."""
    found = page.locator(ERROR_OUTPUT).all_inner_texts()
    outputs = page.locator(".jp-OutputArea-output").all_inner_texts()  # not the prose, which may quote it
    found += [text[:200] for text in outputs if "Error displaying widget" in text]
    broken = page.locator(".jp-OutputArea-output .jupyter-widgets-error-widget").count()
    found += ["a widget view failed to build"] * broken
    return found


def shut_down_kernels(base_url: str) -> None:
    """Stop every kernel session on the server (JupyterLab reuses a notebook's kernel otherwise)."""
    with urllib.request.urlopen(f"{base_url}/api/sessions", timeout=10) as reply:
        sessions = json.load(reply)
    for session in sessions:
        request = urllib.request.Request(f"{base_url}/api/sessions/{session['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=10).close()
