"""A weighted decision matrix: how should we get this knowledge work done? (claims S07-S12, S19-S23)

Weigh the criteria with the sliders (and, if you like, change how each option scores on
each criterion); the chart ranks the options by weighted total, and a sentence names the
winner and the criterion that decided it. Default weights and scores come from the
course content (``decision.yaml``) and are ILLUSTRATIVE.

>>> matrix = DecisionMatrix()                  # doctest: +SKIP
>>> matrix.weights["cost"].value = 50          # doctest: +SKIP
>>> matrix.result.winner                       # doctest: +SKIP
'offshore_vendor'
"""
from __future__ import annotations

import ipywidgets as w

from .. import i18n, markup, models, plots
from ..content import load
from ..i18n import localize, tr
from .base import CourseWidget
from .charts import Chart, heading, note, number, percent, sentence


#: The chart's size in inches: 780 x 320 pixels, to fit the widget's frame.
CHART_FIGSIZE = (7.8, 3.2)


def quoted(name: str) -> str:
    """A name in quotation marks: “name” in English, ”name” in Swedish."""
    return tr(f"“{name}”", f"”{name}”")


class DecisionMatrix(CourseWidget):
    """Weigh the criteria, read the ranking and what decided it.

    Controls: ``weights`` (criterion id -> IntSlider 0-50), ``edit_scores`` (ToggleButton that
    shows the score sliders), ``scores`` ((option id, criterion id) -> IntSlider 1-5, in
    ``score_groups``, an Accordion with one section per option); :meth:`set_weights` and :meth:`set_scores` change
    several at once. Views: ``sentence``, ``weights_note``, ``chart``
    (``w.Image``), ``status``. ``result`` holds the :class:`kpo_course.models.DecisionResult`
    (None while every weight is zero); ``deciding`` the deciding criterion's id (or None).
    """

    css_class = "kpo-decision-matrix"
    what = {"en": "Weighted decision matrix", "sv": "Viktad beslutsmatris"}

    def __init__(self) -> None:
        self.decision = load().decision
        self.criteria = {c.id: c for c in self.decision.criteria}
        self.option_names = {o.id: o for o in self.decision.options}
        style = w.SliderStyle(description_width="250px")  # one style model for all 35 sliders
        weight_style = {"style": style, "layout": w.Layout(width="560px"), "continuous_update": False}
        self._score_style = {"style": style, "layout": w.Layout(width="480px"), "continuous_update": False}
        self.title = w.HTML()
        self.illustrative = w.HTML()
        self.weights_heading = w.HTML()
        self.weights: dict[str, w.IntSlider] = {
            c.id: w.IntSlider(value=int(round(c.default_weight)), min=0, max=50, step=1, **weight_style)
            for c in self.decision.criteria
        }
        self.edit_scores = w.ToggleButton(value=False, icon="pencil", layout=w.Layout(width="max-content"))
        self._scores: dict[tuple[str, str], w.IntSlider] | None = None  # made when first wanted: see scores
        # An Accordion, not Tabs: its titles get the full width, so long option names are never cut.
        self.score_groups = w.Accordion(layout=w.Layout(display="none"))
        self.sentence = w.HTML()
        self.weights_note = w.HTML()
        # Wider than the other charts: long option names on the left, the key on the right.
        self.chart_view = Chart(width=int(CHART_FIGSIZE[0] * plots.DPI))
        self.chart = self.chart_view.image
        self.result: models.DecisionResult | None = None
        self.deciding: str | None = None
        self._quiet = False
        super().__init__(
            [self.title, self.illustrative, self.weights_heading, *self.weights.values(), self.edit_scores,
             self.score_groups, self.sentence, self.weights_note, self.chart],
        )
        guard = self.guard
        for control in self.weights.values():
            control.observe(guard(self._changed), names="value")
        self.edit_scores.observe(guard(self._toggle_scores), names="value")
        self.refresh()

    @property
    def scores(self) -> dict[tuple[str, str], w.IntSlider]:
        """(option id, criterion id) -> IntSlider 1-5, made on first use (the Edit button, or code).

        28 sliders most learners never open: making them only when wanted keeps the lesson
        quicker to run and to open.
        """
        if self._scores is None:
            self._scores = {
                (o.id, c.id): w.IntSlider(value=int(self.decision.scores[o.id][c.id]), min=1, max=5, step=1,
                                          **self._score_style)
                for o in self.decision.options
                for c in self.decision.criteria
            }
            guard = self.guard
            for slider in self._scores.values():
                slider.observe(guard(self._changed), names="value")
            self.score_groups.children = [
                w.VBox([self._scores[(o.id, c.id)] for c in self.decision.criteria]) for o in self.decision.options
            ]
            self.score_groups.selected_index = 0
            self._name_scores()
        return self._scores

    def set_weights(self, weights: dict[str, int]) -> None:
        """Set several weights at once and update once: ``matrix.set_weights({"cost": 50, "control": 0})``."""
        self._set_many({self.weights[cid]: value for cid, value in weights.items()})

    def set_scores(self, scores: dict[tuple[str, str], int]) -> None:
        """Set several scores at once and update once: ``matrix.set_scores({("in_house", "cost"): 3})``."""
        self._set_many({self.scores[key]: value for key, value in scores.items()})

    def _set_many(self, values: dict[w.IntSlider, int]) -> None:
        self._quiet = True
        try:
            for slider, value in values.items():
                slider.value = value
        finally:
            self._quiet = False
        self.guard(self._update)()

    def _changed(self, _change: dict) -> None:
        if not self._quiet:
            self._update()

    def _toggle_scores(self, change: dict) -> None:
        if change["new"]:
            self.scores  # noqa: B018 - made on first opening
        self.score_groups.layout.display = None if change["new"] else "none"

    def _name(self, key: str) -> str:
        if key in self.criteria:
            return localize(self.criteria[key].name)
        return localize(self.option_names[key].name)

    def _show(self) -> None:
        self.title.value = heading(tr("How should we get this work done?", "Hur ska vi få arbetet gjort?"))
        self.illustrative.value = note("⚠ " + (localize(self.decision.note) if self.decision.note else tr(
            "Illustrative default weights and scores.", "Påhittade standardvikter och poäng.")))
        self.weights_heading.value = (
            "<b>" + markup.text(tr("How much does each criterion matter to you? (0 = not at all)",
                                   "Hur viktigt är varje kriterium för er? (0 = inte alls)")) + "</b>")
        for cid, slider in self.weights.items():
            slider.description = self._name(cid)
            slider.tooltip = localize(self.criteria[cid].description)
        if self._scores is not None:
            self._name_scores()
        self.edit_scores.description = tr("Edit the scores (1-5)", "Ändra poängen (1-5)")
        self.edit_scores.tooltip = tr("Show sliders for how well each option does on each criterion",
                                      "Visa reglage för hur bra varje alternativ är på varje kriterium")
        self._update()

    def _name_scores(self) -> None:
        for (oid, cid), slider in self.scores.items():
            slider.description = self._name(cid)
            slider.tooltip = tr(f"How well {quoted(self._name(oid))} does on {self._name(cid)} (1 = poorly, 5 = best)",
                                f"Hur bra {quoted(self._name(oid))} är på {self._name(cid)} (1 = dåligt, 5 = bäst)")
        self.score_groups.titles = tuple(self._name(o.id) for o in self.decision.options)

    def _inputs(self) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
        weights = {cid: int(slider.value) for cid, slider in self.weights.items()}
        if self._scores is None:  # the sliders were never opened: the content's scores
            scores = {o.id: {cid: int(self.decision.scores[o.id][cid]) for cid in self.criteria}
                      for o in self.decision.options}
        else:
            scores = {o.id: {cid: int(self._scores[(o.id, cid)].value) for cid in self.criteria}
                      for o in self.decision.options}
        return weights, scores

    def _update(self) -> None:
        weights, scores = self._inputs()
        if sum(weights.values()) <= 0:
            self.result = None
            self.deciding = None
            self.sentence.value = sentence("… " + tr(
                "Every weight is zero, so nothing counts and no option can win. "
                "Give at least one criterion a weight above zero.",
                "Alla vikter är noll, så inget räknas och inget alternativ kan vinna. "
                "Ge minst ett kriterium en vikt över noll."))
            self.weights_note.value = ""
            self.chart_view.hide()
            self.status.value = ""
            return
        result = models.weighted_scores(weights, scores)
        self.result = result
        self.deciding = models.deciding_criterion(result)
        self.sentence.value = sentence(self._sentence(result, self.deciding))
        shares = ", ".join(f"{self._name(cid)} {percent(share)}" for cid, share in result.weights.items())
        self.weights_note.value = note(tr("Each weight counts as its share of all weights: ",
                                          "Varje vikt räknas som sin andel av alla vikter: ") + shares + ".")

        def render() -> bytes:
            chart = self._chart()
            chart.update(result)
            return chart.png()

        self.chart_view.show(render)
        self.status.value = ""

    def _chart(self) -> plots.DecisionChart:
        """The chart for the current language, made once (its axes, title and legend are drawn once)."""

        def make() -> plots.DecisionChart:
            labels = {key: self._name(key) for key in [*self.criteria, *self.option_names]}
            # Totals in the chart keep matplotlib's decimal point, like its axis, in both languages.
            return plots.DecisionChart(
                list(self.option_names), list(self.criteria), labels,
                title=tr("Weighted total per option (illustrative scores)", "Viktad summa per alternativ (påhittade poäng)"),
                xlabel=tr("Weighted score (1-5)", "Viktad poäng (1-5)"), x_max=5, figsize=CHART_FIGSIZE,
            )

        return self.chart_view.kept(i18n.get_language(), make)

    def _sentence(self, result: models.DecisionResult, deciding: str | None) -> str:
        winner = quoted(self._name(result.winner))
        total = number(float(result.totals[result.winner]), 2)
        if result.runner_up is None:
            return tr(f"{winner} is the only option, with {total} points.",
                      f"{winner} är det enda alternativet, med {total} poäng.")
        runner = quoted(self._name(result.runner_up))
        if deciding is None:
            return tr(f"{winner} and {runner} tie with {total} points: no criterion separates them. "
                      "Change a weight or a score to break the tie.",
                      f"{winner} och {runner} står på samma poäng, {total}: inget kriterium skiljer dem åt. "
                      "Ändra en vikt eller en poäng för att avgöra.")
        lead = number(result.lead, 2)
        crit = self._name(deciding)
        return tr(f"{winner} comes first with {total} of 5 points, {lead} ahead of {runner}; "
                  f"the criterion that decided it is {crit}.",
                  f"{winner} kommer först med {total} av 5 poäng, {lead} före {runner}; "
                  f"det kriterium som avgjorde är {crit}.")

