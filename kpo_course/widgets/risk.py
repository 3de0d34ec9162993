"""The five drawbacks of KPO (claims S19-S23) on a likelihood x impact grid, before and after mitigation.

Tick the measures you would take against each risk: each one lowers the risk's likelihood
and/or impact, and the risk moves on the grid from its dark circle (before) to its blue square
(after). Likelihoods, impacts and reductions come from the course content and are
ILLUSTRATIVE teaching defaults.

>>> matrix = RiskMatrix()                                         # doctest: +SKIP
>>> matrix.mitigations["nda_and_access_control"].value = True     # doctest: +SKIP
>>> matrix.result.loc[0, "residual_score"]                        # doctest: +SKIP
4
"""
from __future__ import annotations

import ipywidgets as w
import pandas as pd

from .. import i18n, markup, models, plots
from ..content import Risk, load
from ..i18n import localize, tr
from .base import CourseWidget, shared_style
from .charts import Chart, heading, note, sentence, table

LEVEL_WORDS = {"low": ("low", "låg"), "medium": ("medium", "medel"), "high": ("high", "hög")}


def level_word(level: str) -> str:
    return tr(*LEVEL_WORDS[level])


def short_label(index: int) -> str:
    """The risk's mark on the grid: R1, R2, ... (the table says which is which)."""
    return f"R{index + 1}"


class RiskMatrix(CourseWidget):
    """Tick mitigations; read each risk's score before and after, on a grid and in a table.

    Controls: ``mitigations`` (mitigation id -> Checkbox), grouped by risk in ``groups``
    (an Accordion, one section per risk). Views: ``sentence``, ``table``, ``chart``
    (``w.Image``), ``status``. ``result`` holds :func:`kpo_course.models.residual`'s table.
    """

    css_class = "kpo-risk-matrix"
    what = {"en": "Risk matrix (the drawbacks of KPO)", "sv": "Riskmatris (nackdelarna med KPO)"}

    def __init__(self) -> None:
        self.risks: tuple[Risk, ...] = load().risks
        self.title = w.HTML()
        self.illustrative = w.HTML()
        self.intro = w.HTML()
        self.mitigations: dict[str, w.Checkbox] = {}
        self._explanations: dict[str, w.HTML] = {}
        self._risk_texts: dict[str, w.HTML] = {}
        sections = []
        # One layout model for all the boxes and one for all the explanations, never changed.
        box_layout, explanation_layout = w.Layout(width="auto"), w.Layout(margin="-4px 0 4px 24px")
        box_style, text_style = shared_style(w.Checkbox), shared_style(w.HTML)
        for risk in self.risks:
            rows: list[w.Widget] = []
            self._risk_texts[risk.id] = w.HTML(style=text_style)
            rows.append(self._risk_texts[risk.id])
            for m in risk.mitigations:
                box = w.Checkbox(value=False, indent=False, layout=box_layout, style=box_style)
                explanation = w.HTML(layout=explanation_layout, style=text_style)
                self.mitigations[m.id] = box
                self._explanations[m.id] = explanation
                rows += [box, explanation]
            sections.append(w.VBox(rows))
        self.groups = w.Accordion(children=sections, selected_index=0)
        self.sentence = w.HTML()
        self.table = w.HTML()
        self.chart_view = Chart()
        self.chart = self.chart_view.image
        self.result: pd.DataFrame | None = None
        super().__init__(
            [self.title, self.illustrative, self.intro, self.groups, self.sentence, self.chart, self.table],
        )
        guard = self.guard
        for box in self.mitigations.values():
            box.observe(guard(lambda _change: self._update()), names="value")
        self.refresh()

    @property
    def ticked(self) -> list[str]:
        """Ids of the mitigations ticked, in content order."""
        return [mid for mid, box in self.mitigations.items() if box.value]

    def _show(self) -> None:
        self.title.value = heading(tr("The drawbacks of KPO, before and after mitigation",
                                      "Nackdelarna med KPO, före och efter åtgärder"))
        self.illustrative.value = note("⚠ " + tr(
            "Illustrative numbers: likelihood and impact (1 = very low, 5 = very high) and what each measure "
            "takes off are teaching defaults, not measurements.",
            "Påhittade siffror: sannolikhet och konsekvens (1 = mycket låg, 5 = mycket hög) och vad varje åtgärd "
            "drar av är standardvärden för undervisning, inte mätningar."))
        self.intro.value = "<b>" + markup.text(tr(
            "Tick the measures you would take. Open a risk to see its measures.",
            "Kryssa i de åtgärder ni skulle vidta. Öppna en risk för att se dess åtgärder.")) + "</b>"
        self.groups.titles = tuple(f"{short_label(i)} {localize(r.name)}" for i, r in enumerate(self.risks))
        for risk in self.risks:
            self._risk_texts[risk.id].value = (
                f"<div style='color:#444;margin-bottom:4px;line-height:1.45'>{markup.text(localize(risk.description))}</div>")
            for m in risk.mitigations:
                box = self.mitigations[m.id]
                box.description = f"{localize(m.name)} ({self._reductions(m.likelihood_reduction, m.impact_reduction)})"
                box.tooltip = localize(m.description)
                self._explanations[m.id].value = (
                    f"<div style='font-size:90%;color:#444;line-height:1.4'>{markup.text(localize(m.description))}</div>")
        self._update()

    @staticmethod
    def _reductions(likelihood: int, impact: int) -> str:
        parts = []
        if likelihood:
            parts.append(tr(f"likelihood −{likelihood}", f"sannolikhet −{likelihood}"))
        if impact:
            parts.append(tr(f"impact −{impact}", f"konsekvens −{impact}"))
        return ", ".join(parts) or tr("no change", "ingen ändring")

    def _update(self) -> None:
        ticked = set(self.ticked)
        risks = [models.Risk(r.id, r.likelihood, r.impact) for r in self.risks]
        applied = [models.Mitigation(m.id, r.id, m.likelihood_reduction, m.impact_reduction)
                   for r in self.risks for m in r.mitigations if m.id in ticked]
        result = models.residual(risks, applied)
        self.result = result
        self.sentence.value = sentence(self._sentence(result, len(applied)))
        self.table.value = self._table(result)

        def render() -> bytes:
            chart = self._chart(result)
            chart.update(result)
            return chart.png()

        self.chart_view.show(render)
        self.status.value = ""

    def _chart(self, result: pd.DataFrame) -> plots.RiskChart:
        """The grid for the current language, made once (cells, axes and legend are drawn once)."""

        def make() -> plots.RiskChart:
            labels = {r.id: short_label(i) for i, r in enumerate(self.risks)}
            labels.update({level: level_word(level).capitalize() for level in LEVEL_WORDS})
            labels.update({"inherent": tr("Before mitigation", "Före åtgärder"),
                           "residual": tr("After mitigation", "Efter åtgärder")})
            return plots.RiskChart(
                result, labels=labels, title=tr("Risk matrix (illustrative)", "Riskmatris (påhittad)"),
                xlabel=tr("Impact", "Konsekvens"), ylabel=tr("Likelihood", "Sannolikhet"),
            )

        return self.chart_view.kept(i18n.get_language(), make)

    def _table(self, result: pd.DataFrame) -> str:
        names = {r.id: localize(r.name) for r in self.risks}
        header = ["", tr("Risk", "Risk"), tr("Before: likelihood × impact", "Före: sannolikhet × konsekvens"),
                  tr("After", "Efter")]
        rows = []
        for i, row in enumerate(result.itertuples(index=False)):
            before = f"{row.likelihood} × {row.impact} = {row.score}, {level_word(models.risk_level(int(row.score)))}"
            after = (f"{row.residual_likelihood} × {row.residual_impact} = {row.residual_score}, "
                     f"{level_word(row.level)}")
            rows.append([short_label(i), names[row.risk_id], before, after])
        return table(header, rows, css_class="kpo-table kpo-risk-table", text_columns=2)

    @staticmethod
    def _sentence(result: pd.DataFrame, applied: int) -> str:
        total = len(result)
        high = int((result["level"] == "high").sum())
        before, after = int(result["score"].sum()), int(result["residual_score"].sum())
        if applied == 0:
            return tr(f"No measure ticked yet: the {total} risks add up to a score of {before}, "
                      f"and {high} of them {'is' if high == 1 else 'are'} high. Tick a measure to see a risk move.",
                      f"Ingen åtgärd ikryssad än: de {total} riskerna ger tillsammans {before} poäng, "
                      f"och {high} av dem är {'hög' if high == 1 else 'höga'}. "
                      f"Kryssa i en åtgärd för att se en risk flytta sig.")
        measures = tr("one measure" if applied == 1 else f"{applied} measures",
                      "en åtgärd" if applied == 1 else f"{applied} åtgärder")
        ticked = tr("ticked", "ikryssad" if applied == 1 else "ikryssade")
        still = tr(f"{high} of the {total} risks {'is' if high == 1 else 'are'} still high.",
                   f"{high} av de {total} riskerna är fortfarande {'hög' if high == 1 else 'höga'}.")
        return tr(f"With {measures} {ticked}, the total risk score falls from {before} to {after}; {still}",
                  f"Med {measures} {ticked} sjunker den sammanlagda riskpoängen från {before} till {after}; {still}")
