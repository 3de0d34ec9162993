"""In-house or KPO? A cost calculator with Barthélemy's four hidden costs (claims S11, S12, S14, S21).

Choose one KPO option, move the sliders, read the sentence and the chart: the cumulative
cost of in-house work against the option, month by month, with the break-even month marked.
The defaults come from :func:`kpo_course.models.default_options` and are ILLUSTRATIVE.

>>> calc = CostCalculator()                   # doctest: +SKIP
>>> calc.horizon.value = 24                   # doctest: +SKIP
>>> calc.result["break_even_month"], calc.sentence.value   # doctest: +SKIP
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import i18n, markup, models, plots
from ..content import load
from ..i18n import localize, tr
from .base import CourseWidget
from .charts import Chart, heading, illustrative_text, money, note, percent, sentence

#: The KPO options to choose from: id -> (name en, sv), (subject of a sentence en, sv).
OPTIONS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "onshore_vendor": (("Onshore vendor (at home)", "Leverantör inom landet (onshore)"),
                       ("The onshore vendor", "Leverantören inom landet")),
    "offshore_vendor": (("Offshore vendor (abroad)", "Leverantör utomlands (offshore)"),
                        ("The offshore vendor", "Leverantören utomlands")),
    "captive": (("Own centre abroad (captive)", "Eget center utomlands (captive)"),
                ("The captive centre", "Det egna centret utomlands")),
}
DEFAULT_OPTION = "offshore_vendor"
IN_HOUSE = ("In-house", "Internt")

# Slider attribute -> the Option field it sets.
_FIELDS = {
    "monthly_fee": "monthly_cost",
    "search": "search_and_contracting",
    "transition": "transition",
    "management": "management_share",
    "switching_back": "switching_back",
    "rework": "rework_share",
}
# Slider attribute -> the hidden cost (content id) whose explanation is its tooltip.
_HIDDEN_COST_IDS = {
    "search": "vendor_search_and_contracting",
    "transition": "transition_to_vendor",
    "management": "managing_the_effort",
    "switching_back": "switching_or_back_in_house",
}


def _name(option_id: str) -> str:
    return tr(*OPTIONS[option_id][0])


def _subject(option_id: str) -> str:
    return tr(*OPTIONS[option_id][1])


def _running_cost(option_id: str) -> str:
    """What the option's monthly cost is called: a vendor charges a fee, a captive centre has running costs."""
    if option_id == "captive":
        return tr("running cost", "driftkostnad")
    return tr("fee", "avgift")


class CostCalculator(CourseWidget):
    """In-house against one KPO option over a horizon in months, hidden costs included.

    Controls: ``option`` (Dropdown: ``onshore_vendor``, ``offshore_vendor``, ``captive``),
    ``horizon`` (6-60 months), ``in_house_cost``, ``monthly_fee``, ``search``, ``transition``,
    ``management`` (share of the fee), ``switching_back``, ``rework`` (share of the fee),
    ``include_switching_back`` (Checkbox). Views: ``sentence``, ``breakdown``, ``chart``
    (``w.Image``), ``status``. ``result`` holds :func:`kpo_course.models.describe_comparison`'s dict.
    """

    css_class = "kpo-cost-calculator"
    what = {"en": "Cost calculator: in-house or KPO", "sv": "Kostnadskalkylator: internt eller KPO"}

    def __init__(self, option: str = DEFAULT_OPTION) -> None:
        self.defaults = models.default_options()
        if option not in OPTIONS:
            raise ValueError(f"Choose an option among {', '.join(OPTIONS)} (got {option!r}).")
        # descriptions name the option's own cost ("share of vendor fee"): room for the longest, in Swedish too
        slider = {"style": w.SliderStyle(description_width="270px"), "layout": w.Layout(width="680px"),
                  "continuous_update": False}  # one style and one layout model shared by every slider
        self.title = w.HTML()
        self.illustrative = w.HTML()
        self.option = w.Dropdown(options=[(o, o) for o in OPTIONS], value=option,
                                 style={"description_width": "270px"}, layout=w.Layout(width="590px"))
        self.horizon = w.IntSlider(value=models.DEFAULT_HORIZON_MONTHS, min=6, max=60, step=1, **slider)
        self.in_house_cost = w.IntSlider(value=int(self.defaults["in_house"].monthly_cost), min=0, max=200_000,
                                         step=1_000, readout_format=",d", **slider)
        money_slider = {"min": 0, "readout_format": ",d", **slider}
        share_slider = {"min": 0.0, "max": 0.5, "step": 0.01, "readout_format": ".0%", **slider}
        self.monthly_fee = w.IntSlider(max=200_000, step=1_000, **money_slider)
        self.search = w.IntSlider(max=500_000, step=5_000, **money_slider)  # Barthélemy's hidden cost 1
        self.transition = w.IntSlider(max=2_000_000, step=10_000, **money_slider)  # 2
        self.management = w.FloatSlider(**share_slider)  # 3
        self.switching_back = w.IntSlider(max=1_000_000, step=10_000, **money_slider)  # 4
        self.rework = w.FloatSlider(**share_slider)
        self.include_switching_back = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"))
        self.option_note = w.HTML(layout=w.Layout(flex="1 1 auto"))
        self.reset_button = w.Button(icon="undo", layout=w.Layout(width="auto", flex="0 0 auto"))
        #: The numbers the learner set for each option, kept when another option is chosen.
        self.kept: dict[str, dict[str, float]] = {}
        self.hidden_heading = w.HTML()
        self.sentence = w.HTML()
        self.breakdown = w.HTML()
        self.chart_view = Chart()
        self.chart = self.chart_view.image
        self.result: dict[str, Any] = {}
        self._quiet = False
        self._note = "start"  # what option_note says: start | defaults | restored | reset
        self._set_option_defaults(option)
        super().__init__(
            [self.title, self.illustrative, self.option, w.HBox([self.option_note, self.reset_button]), self.horizon, self.in_house_cost, self.monthly_fee,
             self.hidden_heading, self.search, self.transition, self.management, self.switching_back,
             self.rework, self.include_switching_back, self.sentence, self.breakdown, self.chart],
        )
        guard = self.guard
        self.option.observe(guard(self._option_changed), names="value")
        self.reset_button.on_click(guard(lambda _: self.reset_option()))
        for control in self.controls[1:]:
            control.observe(guard(self._changed), names="value")
        self.refresh()

    # -- the model's inputs --------------------------------------------------------------
    @property
    def controls(self) -> list[w.ValueWidget]:
        """Every input control, the option Dropdown first."""
        return [self.option, self.horizon, self.in_house_cost, self.monthly_fee, self.search, self.transition,
                self.management, self.switching_back, self.rework, self.include_switching_back]

    def _set_option_defaults(self, option_id: str) -> None:
        option = self.defaults[option_id]
        self._set_values({name: getattr(option, field) for name, field in _FIELDS.items()})

    def _set_values(self, values: dict[str, float]) -> None:
        for name, value in values.items():
            slider = getattr(self, name)
            slider.value = float(value) if isinstance(slider, w.FloatSlider) else int(round(value))

    def _option_values(self) -> dict[str, float]:
        """The option's own sliders as they are now (horizon and in-house cost belong to no option)."""
        return {name: getattr(self, name).value for name in _FIELDS}

    def reset_option(self) -> None:
        """Put the chosen option's sliders back to its illustrative defaults."""
        self._quiet = True
        try:
            self._set_option_defaults(self.option.value)
        finally:
            self._quiet = False
        self.kept.pop(self.option.value, None)
        self._note = "reset"
        self._show_labels()
        self._update()

    def options(self) -> tuple[models.Option, models.Option]:
        """The in-house baseline and the chosen KPO option, as the sliders set them."""
        option_id = self.option.value
        base = self.defaults[option_id]
        alternative = models.Option(
            option_id,
            monthly_cost=self.monthly_fee.value,
            search_and_contracting=self.search.value,
            transition=self.transition.value,
            transition_months=base.transition_months,
            management_share=round(self.management.value, 4),
            switching_back=self.switching_back.value,
            rework_share=round(self.rework.value, 4),
        )
        return models.Option("in_house", monthly_cost=self.in_house_cost.value), alternative

    # -- events --------------------------------------------------------------------------
    def _option_changed(self, change: dict) -> None:
        """Each option keeps its own numbers: the old option's are kept, the new one's come back (or its defaults)."""
        if self._quiet:
            return
        if change["old"] in OPTIONS:
            self.kept[change["old"]] = self._option_values()
        self._quiet = True
        try:
            if change["new"] in self.kept:
                self._set_values(self.kept[change["new"]])
                self._note = "restored"
            else:
                self._set_option_defaults(change["new"])
                self._note = "defaults"
        finally:
            self._quiet = False
        self._show_labels()
        self._update()

    def _changed(self, _change: Any) -> None:
        if not self._quiet:
            self._update()

    # -- what is on screen ---------------------------------------------------------------
    def _show(self) -> None:
        self._show_labels()
        self._update()

    def _show_labels(self) -> None:
        hidden = {c.id: c for c in load().hidden_costs}
        self.title.value = heading(tr("In-house or KPO? The cost over time", "Internt eller KPO? Kostnaden över tid"))
        self.illustrative.value = note("⚠ " + illustrative_text())
        self.option.description = tr("KPO option:", "KPO-alternativ:")
        self.option.tooltip = tr("The way of doing the work to compare with in-house",
                                 "Det sätt att få arbetet gjort som jämförs med att göra det internt")
        chosen = self.option.value
        self._quiet = True
        try:
            self.option.options = [(_name(o), o) for o in OPTIONS]
            self.option.value = chosen
        finally:
            self._quiet = False
        months = self.defaults[chosen].transition_months
        # Slider readouts use d3-format, which groups thousands with commas only: in Swedish a
        # comma is the decimal sign ("100,000" would read as one hundred), so show plain digits.
        grouped = ",d" if i18n.get_language() == "en" else "d"
        for slider in (self.in_house_cost, self.monthly_fee, self.search, self.transition, self.switching_back):
            slider.readout_format = grouped
        self.horizon.description = tr("Horizon (months)", "Horisont (månader)")
        self.in_house_cost.description = tr("In-house cost a month", "Internt, kostnad per månad")
        running = _running_cost(chosen)
        self.monthly_fee.description = (tr("Captive centre running cost a month", "Egna centrets driftkostnad per månad")
                                        if chosen == "captive" else
                                        tr("Vendor fee a month", "Leverantörsavgift per månad"))
        self.search.description = tr("① Search and contract (once)", "① Söka och avtala (en gång)")
        self.transition.description = tr(f"② Transition ({months} months)", f"② Övergång ({months} månader)")
        self.management.description = tr(f"③ Managing it (share of {running})", f"③ Styrning (andel av {running}en)")
        self.switching_back.description = tr("④ Switching back (once)", "④ Ta hem igen (en gång)")
        self.rework.description = tr(f"Rework (share of {running})", f"Omarbete (andel av {running}en)")
        self.include_switching_back.description = tr(
            "Include ④ switching back, paid in the last month", "Räkna med ④ att ta hem arbetet, betalt sista månaden")
        self.horizon.tooltip = tr("How many months to compare", "Hur många månader som jämförs")
        self.in_house_cost.tooltip = tr("Salaries and costs of doing the work with your own staff, per month",
                                        "Löner och kostnader för att göra arbetet med egen personal, per månad")
        self.monthly_fee.tooltip = (
            tr("What running your own centre abroad costs a month (staff, offices), before any hidden cost",
               "Vad det egna centret utomlands kostar att driva per månad (personal, lokaler), före dolda kostnader")
            if chosen == "captive" else
            tr("What the vendor charges a month, before any hidden cost",
               "Vad leverantören tar betalt per månad, före dolda kostnader"))
        self.reset_button.description = tr("Reset to defaults", "Återställ")
        self.reset_button.tooltip = tr("Set this option's sliders back to its illustrative defaults",
                                       "Sätt tillbaka reglagen för det här alternativet till de påhittade standardvärdena")
        self.option_note.value = note(self._option_note(chosen))
        for name, cost_id in _HIDDEN_COST_IDS.items():
            if cost_id in hidden:
                cost = hidden[cost_id]
                getattr(self, name).tooltip = f"{localize(cost.name)}: {localize(cost.explanation)}"
        self.rework.tooltip = tr("Checking and fixing work that comes back below standard",
                                 "Att kontrollera och rätta arbete som inte håller måttet")
        self.include_switching_back.tooltip = self.switching_back.tooltip
        self.hidden_heading.value = (
            "<div style='margin-top:6px'><b>"
            + markup.text(tr("Barthélemy's four hidden costs (MIT Sloan Management Review, 2001), and rework",
                             "Barthélemys fyra dolda kostnader (MIT Sloan Management Review, 2001), och omarbete"))
            + "</b></div>"
        )

    def _update(self) -> None:
        in_house, alternative = self.options()
        horizon = self.horizon.value
        include = bool(self.include_switching_back.value)
        facts = models.describe_comparison(in_house, alternative, horizon, include_switching_back=include)
        self.result = facts
        self.sentence.value = sentence(self._sentence(facts))
        self.breakdown.value = note(self._breakdown(facts))

        def make() -> plots.CostChart:
            return plots.CostChart(
                ["in_house", alternative.id], {"in_house": tr(*IN_HOUSE), alternative.id: _name(alternative.id)},
                title=tr("Cumulative cost (illustrative numbers)", "Sammanlagd kostnad (påhittade siffror)"),
                xlabel=tr("Month", "Månad"), ylabel=tr("Cumulative cost", "Sammanlagd kostnad"),
                break_even_text=tr("break-even: month {month}", "break-even: månad {month}"),
                value_formatter=money,
            )

        def render() -> bytes:
            chart = self.chart_view.kept((i18n.get_language(), alternative.id), make)
            chart.update(models.cumulative_costs([in_house, alternative], horizon, include_switching_back=include),
                         break_even=facts["break_even_month"])
            return chart.png()

        self.chart_view.show(render)
        self.status.value = ""

    def _option_note(self, chosen: str) -> str:
        """Why the sliders show what they show after the option changed (they never change silently)."""
        name = _name(chosen)
        if self._note == "restored":
            return tr(f"Your numbers for {name} are back: each option keeps its own.",
                      f"Dina siffror för {name} är tillbaka: varje alternativ behåller sina egna.")
        if self._note == "defaults":
            return tr(f"{name} starts from its own illustrative numbers; the numbers you set for the other "
                      f"option are kept for when you switch back.",
                      f"{name} börjar med sina egna påhittade siffror; siffrorna du ställde in för det andra "
                      f"alternativet finns kvar när du byter tillbaka.")
        if self._note == "reset":
            return tr(f"{name} is back to its illustrative numbers.",
                      f"{name} har fått tillbaka sina påhittade siffror.")
        return tr("Each option has its own numbers; the horizon and the in-house cost stay when you switch.",
                  "Varje alternativ har sina egna siffror; horisonten och den interna kostnaden står kvar när du byter.")

    @staticmethod
    def _sentence(facts: dict[str, Any]) -> str:
        subject = _subject(facts["alternative"])
        months = facts["horizon_months"]
        saved = facts["savings"]
        share = facts["savings_share"]
        amount = money(abs(saved))
        if share is not None:
            amount += f" ({percent(abs(share))})"
        month = facts["break_even_month"]
        if month is None:
            return tr(f"{subject} does not pay off within {months} months: over {months} months it costs "
                      f"{amount} more than doing the work in-house.",
                      f"{subject} lönar sig inte inom {months} månader: på {months} månader blir kostnaden "
                      f"{amount} högre än att göra arbetet internt.")
        if abs(saved) < 0.5:
            return tr(f"{subject} costs the same as in-house over {months} months.",
                      f"{subject} kostar lika mycket som att göra arbetet internt på {months} månader.")
        start = tr("from the first month", "från första månaden") if month == 1 else tr(
            f"from month {month} on", f"från månad {month}")
        return tr(f"{subject} costs less {start}; over {months} months it saves {amount}.",
                  f"{subject} blir billigare {start}; på {months} månader blir besparingen {amount}.")

    @staticmethod
    def _breakdown(facts: dict[str, Any]) -> str:
        total = facts["alternative_total"]
        hidden = facts["alternative_hidden_costs"]
        share = f" ({percent(hidden / total)})" if total > 0 else ""
        months = facts["horizon_months"]
        name = _name(facts["alternative"])
        in_house = tr(*IN_HOUSE)
        fees = money(facts["alternative_fees"])
        paid = tr("running costs", "driftkostnader") if facts["alternative"] == "captive" else tr(
            "vendor fees", "leverantörsavgifter")
        return tr(f"Totals over {months} months: {in_house} {money(facts['baseline_total'])} · {name} "
                  f"{money(total)}: {paid} {fees} and hidden costs {money(hidden)}{share}.",
                  f"Summor på {months} månader: {in_house} {money(facts['baseline_total'])} · {name} "
                  f"{money(total)}: {paid} {fees} och dolda kostnader {money(hidden)}{share}.")
