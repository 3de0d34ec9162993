"""The environment check: will this course (and its widgets) work here?

Used by ``kpo-course doctor`` (exit 1 with the fix when something is wrong) and by
lesson 00, where ``kpo.environment_report()`` shows the same checks in plain words.

>>> report = environment_report()
>>> isinstance(report.ok, bool)
True
"""
from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from importlib import metadata

from .i18n import tr

WIDGET_FIX = 'pip install -U "ipywidgets>=8.1" "jupyterlab_widgets>=3"'


@dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _major_minor(version: str) -> tuple[int, int]:
    parts = [int("".join(ch for ch in piece if ch.isdigit()) or 0) for piece in version.split(".")[:2]]
    return (parts + [0, 0])[0], (parts + [0, 0])[1]


def _package(distribution: str, minimum: tuple[int, int]) -> Finding:
    version = _version(distribution)
    wanted = ".".join(map(str, minimum))
    if version is None:
        return Finding(distribution, False, tr("not installed", "inte installerat"),
                       f'pip install "{distribution}>={wanted}"')
    if _major_minor(version) < minimum:
        return Finding(distribution, False, tr(f"{version} is too old (need {wanted} or newer)",
                                               f"{version} är för gammal (behöver {wanted} eller nyare)"),
                       f'pip install -U "{distribution}>={wanted}"')
    return Finding(distribution, True, version)


def _widgets_pair() -> Finding:
    """ipywidgets (in the kernel) and jupyterlab_widgets (in the browser) must be matching majors."""
    kernel, front = _version("ipywidgets"), _version("jupyterlab_widgets")
    name = tr("widgets match", "widgetar matchar")
    if kernel is None or front is None:
        return Finding(name, False, tr("ipywidgets or jupyterlab_widgets is missing: widgets will not display",
                                       "ipywidgets eller jupyterlab_widgets saknas: widgetar visas inte"), WIDGET_FIX)
    expected_front = {7: 1, 8: 3}.get(_major_minor(kernel)[0])
    if expected_front != _major_minor(front)[0]:
        return Finding(name, False, tr(
            f"ipywidgets {kernel} needs jupyterlab_widgets {expected_front}.x, found {front}: "
            "this mismatch causes \"Error displaying widget\"",
            f"ipywidgets {kernel} kräver jupyterlab_widgets {expected_front}.x, hittade {front}: "
            "det ger felet \"Error displaying widget\""), WIDGET_FIX)
    return Finding(name, True, f"ipywidgets {kernel} + jupyterlab_widgets {front}")


def _content() -> Finding:
    name = tr("course content", "kursinnehåll")
    try:
        from .content import load
        load()
    except Exception as error:
        return Finding(name, False, str(error), tr("Fix the data file named above, or reinstall the course.",
                                                   "Rätta datafilen som nämns ovan, eller installera om kursen."))
    return Finding(name, True, tr("all data files valid", "alla datafiler giltiga"))


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    def summary(self) -> str:
        if self.ok:
            return tr("Everything is in place: lessons, widgets and checks will work.",
                      "Allt är på plats: lektioner, widgetar och kontroller kommer att fungera.")
        return tr("Something needs fixing before the widgets will work; see the ✗ lines.",
                  "Något behöver rättas innan widgetarna fungerar; se raderna med ✗.")

    def __str__(self) -> str:
        lines = [self.summary()]
        for f in self.findings:
            lines.append(f"  {'✓' if f.ok else '✗'} {f.name}: {f.detail}")
            if f.fix:
                lines.append(f"      {tr('fix', 'åtgärd')}: {f.fix}")
        if not self.ok:
            lines.append(tr("After a fix, restart JupyterLab and reload the browser page.",
                            "Efter en åtgärd: starta om JupyterLab och ladda om sidan i webbläsaren."))
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<li>{'✓' if f.ok else '✗'} <b>{html.escape(f.name)}</b>: {html.escape(f.detail)}"
            + (f"<br><code>{html.escape(f.fix)}</code>" if f.fix else "") + "</li>"
            for f in self.findings
        )
        return f'<div class="kpo-doctor"><p>{html.escape(self.summary())}</p><ul>{rows}</ul></div>'


def environment_report() -> Report:
    """Check Python, the packages the course needs, the widget pair and the content files."""
    python_ok = sys.version_info >= (3, 10)
    version = ".".join(map(str, sys.version_info[:3]))
    findings = [
        Finding("Python", python_ok, version if python_ok else tr(f"{version}: need 3.10 or newer",
                                                                  f"{version}: behöver 3.10 eller nyare"),
                "" if python_ok else tr("Install Python 3.10 or newer.", "Installera Python 3.10 eller nyare.")),
        _package("jupyterlab", (4, 0)),
        _package("notebook", (7, 0)),
        _package("ipywidgets", (8, 1)),
        _package("jupyterlab_widgets", (3, 0)),
        _widgets_pair(),
        _package("pandas", (2, 0)),
        _package("matplotlib", (3, 7)),
        _package("nbformat", (5, 9)),
        _package("nbclient", (0, 10)),
        _package("PyYAML", (6, 0)),
        _content(),
    ]
    return Report(tuple(findings))


def grading_isolation() -> str:
    """One line for ``kpo-course doctor``: can ``kpo-course grade`` sandbox student code here?

    Not part of :func:`environment_report` (learners need no sandbox; only an instructor who grades), so
    a missing sandbox is a warning (⚠), never a failed check (✗).

    >>> grading_isolation().startswith(("Grading", "Rättning"))
    True
    """
    from .grading.sandbox import find_isolation

    isolation = find_isolation()
    if isolation.works:
        return tr(f"Grading isolation: ✓ {isolation.describe()}; kpo-course grade runs each notebook in a sandbox.",
                  f"Rättningens isolering: ✓ {isolation.describe()}; kpo-course grade kör varje anteckningsbok "
                  "i en sandlåda.")
    return tr(f"Grading isolation: ⚠ {isolation.describe()}. kpo-course grade refuses to run student code "
              "unisolated unless given --unsafe-no-sandbox. Fix: on Debian/Ubuntu `sudo apt install bubblewrap`, "
              "on Fedora `sudo dnf install bubblewrap`; on macOS or Windows grade inside a Linux VM or container "
              "(docs/instructor-guide.md).",
              f"Rättningens isolering: ⚠ {isolation.describe()}. kpo-course grade kör inte elevkod utan isolering "
              "om du inte anger --unsafe-no-sandbox. Åtgärd: på Debian/Ubuntu `sudo apt install bubblewrap`, på "
              "Fedora `sudo dnf install bubblewrap`; på macOS eller Windows, rätta i en virtuell Linuxmaskin "
              "eller container (docs/instructor-guide.md).")
