"""Explore the eight KPO domains (claim S09): what the work is, and a real case where we have one.

>>> explorer = DomainExplorer()                  # doctest: +SKIP
>>> explorer.domain.value = "legal_services"     # doctest: +SKIP
>>> "Rio Tinto" in explorer.case.value           # doctest: +SKIP
True
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import i18n, markup
from ..content import Case, Domain, load
from ..i18n import localize, tr
from .base import CourseWidget
from .charts import bullets, heading, number, percent

# How to read a case figure's unit, in both languages: {value} is the formatted number.
_UNITS = {
    "USD": ("US${value}", "{value} US-dollar"),
    "GBP": ("£{value}", "{value} brittiska pund"),
    "USD/day": ("US${value} a day", "{value} US-dollar per dag"),
    "USD/year": ("US${value} a year", "{value} US-dollar per år"),
    "people": ("{value} people", "{value} personer"),
    "tools": ("{value} tools", "{value} verktyg"),
    "times": ("{value} times", "{value} gånger"),
}


def figure_text(value: float, unit: str) -> str:
    """A case figure with its unit in words: ``US$250 a day``, ``25%``, ``650 people``."""
    if unit == "share":
        return percent(value, 0 if abs(value * 100 - round(value * 100)) < 1e-9 else 1)
    shown = number(value, 0 if float(value).is_integer() else 2)
    en, sv = _UNITS.get(unit, ("{value} " + unit, "{value} " + unit))
    return tr(en, sv).format(value=shown)


def citation(source_id: str) -> str:
    """A short citation of a source: who, title, when, where."""
    try:
        source = load().by_id("sources", source_id)
    except KeyError:
        return source_id
    who = source.author or source.outlet or ""
    title = source.title if source.title.startswith("[") else f"“{source.title}”"
    when = source.date or (str(source.year) if source.year else "")
    parts = [p for p in (who, title, when) if p]
    text = ", ".join(parts)
    if source.url_domain:
        text += f" ({source.url_domain})"
    return text


def short_citation(source_id: str) -> str:
    """A source named in a few words, for beside a figure (the full citation is given once below the case).

    >>> short_citation("no_such_source")
    'no_such_source'
    """
    try:
        source = load().by_id("sources", source_id)
    except KeyError:
        return source_id
    who = source.outlet or source.author or (source.title if len(source.title) <= 40 else source.title[:37] + "...")
    when = str(source.year) if source.year else (source.date or "")[:4]
    return ", ".join(p for p in (who, when) if p)


class DomainExplorer(CourseWidget):
    """Pick a KPO domain; read what the work is, who does it, what can go wrong, and a real case.

    Attributes: ``domain`` (the Dropdown, values are domain ids), ``details`` and ``case``
    (``w.HTML`` views), ``status`` (errors show here), ``current`` (the :class:`Domain` shown).
    """

    css_class = "kpo-domain-explorer"
    what = {"en": "Domain explorer (the eight KPO domains)", "sv": "Domänutforskare (de åtta KPO-domänerna)"}

    def __init__(self, domain: str | None = None) -> None:
        self.domains: dict[str, Domain] = {d.id: d for d in load().domains}
        first = domain if domain in self.domains else next(iter(self.domains))
        self.title = w.HTML()
        self.domain = w.Dropdown(options=[(d, d) for d in self.domains], value=first,
                                 style={"description_width": "initial"}, layout=w.Layout(width="460px"))
        self.details = w.HTML()
        self.case = w.HTML()
        self._quiet = False
        super().__init__([self.title, self.domain, self.details, self.case])
        self.domain.observe(self.guard(self._changed), names="value")
        self.refresh()

    @property
    def current(self) -> Domain:
        return self.domains[self.domain.value]

    def _changed(self, _change: Any) -> None:
        if not self._quiet:
            self._render()

    def _show(self) -> None:
        """Every text in the current language: labels, options, then the views."""
        self.title.value = heading(tr("The eight KPO domains", "De åtta KPO-domänerna"))
        self.domain.description = tr("Domain:", "Domän:")
        self.domain.tooltip = tr("Choose a KPO domain to read about", "Välj en KPO-domän att läsa om")
        chosen = self.domain.value
        self._quiet = True
        try:
            self.domain.options = [(localize(d.name), d.id) for d in self.domains.values()]
            self.domain.value = chosen
        finally:
            self._quiet = False
        self._render()

    def _render(self) -> None:
        d = self.current
        self.details.value = (
            f"<div class='kpo-domain' style='line-height:1.45'><p style='margin:6px 0'>{markup.text(localize(d.description))}</p>"
            + bullets(tr("Example tasks", "Exempel på uppgifter"), map(localize, d.example_tasks))
            + bullets(tr("What the client gets", "Vad kunden får"), map(localize, d.deliverables))
            + bullets(tr("Skills it needs", "Kompetens som krävs"), map(localize, d.skills))
            + bullets(tr("What can go wrong", "Vad som kan gå fel"), map(localize, d.risks))
            + "</div>"
        )
        self.case.value = self._case_html(d)
        self.status.value = ""

    def _case_html(self, d: Domain) -> str:
        content = load()
        others = [c for c in content.cases if c.domain == d.id and c.id != d.case and not c.teaching_case]
        more = ""
        if others:
            names = ", ".join(localize(c.name) for c in others)
            more = f"<p style='margin:4px 0'>{markup.text(tr('More cases in this domain: ', 'Fler fall i den här domänen: ') + names)}.</p>"
        if d.case is None:
            text = tr(
                "A real case: none yet. Our sources hold no well-documented case for this domain, "
                "so the course does not invent one.",
                "Ett verkligt fall: inget än. Våra källor har inget väldokumenterat fall för den här domänen, "
                "så kursen hittar inte på något.",
            )
            return f"<div class='kpo-case kpo-no-case' style='line-height:1.45'><p><b>{markup.text(text)}</b></p>{more}</div>"
        case: Case = content.by_id("cases", d.case)
        facts = [case.firm]
        if case.vendor:
            facts.append(tr(f"vendor: {case.vendor}", f"leverantör: {case.vendor}"))
        else:
            facts.append(tr("the firm's own unit", "företagets egen enhet"))
        if case.year:
            facts.append(str(case.year))
        if case.location:
            facts.append(localize(case.location))
        if case.figures:
            # each figure names its source briefly; the full citation stands once, under "Sources"
            rows = "".join(
                f"<li>{markup.text(localize(f.label))}: <b>{markup.text(figure_text(f.value, f.unit))}</b> "
                f"<span style='color:#444'>({markup.text(short_citation(f.source))})</span></li>"
                for f in case.figures
            )
            figures = f"<div><b>{markup.text(tr('Figures', 'Siffror'))}</b><ul style='margin:2px 0'>{rows}</ul></div>"
        else:
            figures = f"<p style='margin:4px 0'>{markup.text(tr('Our sources give no figures for this case.', 'Våra källor ger inga siffror för det här fallet.'))}</p>"
        cited = list(dict.fromkeys([*case.sources, *(f.source for f in case.figures)]))  # each once, in order
        sources = "; ".join(citation(s) for s in cited)
        return (
            "<div class='kpo-case' style='border-left:4px solid #0072B2;padding:2px 10px;margin-top:6px;line-height:1.45'>"
            f"<div><b>{markup.text(tr('A real case: ', 'Ett verkligt fall: ') + localize(case.name))}</b></div>"
            f"<div style='color:#444'>{markup.text(' · '.join(facts))}</div>"
            f"<p style='margin:4px 0'>{markup.text(localize(case.summary))}</p>"
            f"{figures}"
            f"<div style='font-size:90%;color:#444'>{markup.text(tr('Sources: ', 'Källor: ') + sources)}</div>"
            f"{more}</div>"
        )
