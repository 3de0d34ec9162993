"""Driving a notebook in JupyterLab (or Notebook 7) with Playwright, as a student would."""
from __future__ import annotations

import time

WIDGET = ".jp-OutputArea-output .jupyter-widgets"
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def open_notebook(page, base_url: str, path: str, *, app: str = "lab") -> None:
    """Open ``path`` (relative to the server root) in JupyterLab (``lab``) or Notebook 7 (``notebooks``)."""
    url = f"{base_url}/lab/tree/{path}" if app == "lab" else f"{base_url}/notebooks/{path}"
    page.goto(url)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    wait_for_kernel_idle(page)


def wait_for_kernel_idle(page, seconds: float = 90) -> None:
    """Wait until the kernel indicator says idle."""
    page.wait_for_function(
        """() => {
            const el = document.querySelector('.jp-Notebook-ExecutionIndicator, .jp-KernelStatus');
            const text = el ? (el.getAttribute('data-status') || el.textContent || '') : '';
            return text.includes('idle') || text.includes('Idle');
        }""",
        timeout=seconds * 1000,
    )


def run_all(page, seconds: float = 180) -> None:
    """Run every cell from the Run menu and wait until each code cell has finished."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator('li.lm-Menu-item[data-command="notebook:run-all-cells"]').click()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        prompts = page.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
        if prompts and all("[" in p and "*" not in p and p.strip() != "[ ]:" for p in prompts):
            return
        time.sleep(0.5)
    raise AssertionError(f"cells still running after {seconds} s: {prompts}")


def problems(page) -> list[str]:
    """Error outputs and widgets that failed to display, as text (empty when all is well)."""
    found = page.locator(ERROR_OUTPUT).all_inner_texts()
    body = page.locator(".jp-Notebook").inner_text()
    if "Error displaying widget" in body:
        found.append("Error displaying widget")
    return found
