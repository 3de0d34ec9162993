"""Flexibility in a downturn (claim S17): a fixed in-house team against KPO capacity that follows demand.

Set how deep and how long the downturn is, the KPO contract's notice period and the size
of the in-house team; read the chart and the totals. The cost rates are the ILLUSTRATIVE
defaults of :func:`kpo_course.models.simulate`.

>>> sim = FlexibilitySimulator()              # doctest: +SKIP
>>> sim.depth.value = 0.6                     # doctest: +SKIP
>>> sim.result.kpo_total_cost < sim.result.in_house_total_cost   # doctest: +SKIP
True
"""
from __future__ import annotations

import ipywidgets as w

from .. import i18n, models, plots
from ..i18n import tr
from .base import CourseWidget
from .charts import Chart, heading, money, note, percent, sentence, smart, table

DIP_START = 6  # the downturn starts in month 6
RECOVERY_MONTHS = 6  # and demand climbs back over six months
BASE_DEMAND = 10.0  # FTE before the downturn
IN_HOUSE_COST_PER_FTE = 10_000.0  # the models' illustrative defaults
KPO_COST_PER_FTE = 11_000.0


def months_for(length: int) -> int:
    """Months simulated: six before the downturn, the downturn, the recovery and six after."""
    return DIP_START - 1 + length + RECOVERY_MONTHS + 6 + 1


class FlexibilitySimulator(CourseWidget):
    """A downturn hits demand for knowledge work: who pays for idle staff, who leaves work undone?

    Controls: ``depth`` (share of demand lost, 0-90%), ``length`` (months), ``notice``
    (months' notice to change KPO capacity), ``staff`` (in-house FTE). Views: ``sentence``,
    ``totals`` (an HTML table), ``chart`` (``w.Image``), ``status``. ``result`` holds the
    :class:`kpo_course.models.FlexibilityResult`.
    """

    css_class = "kpo-flexibility-simulator"
    what = {"en": "Flexibility simulator (KPO in a downturn)", "sv": "Flexibilitetssimulator (KPO i en nedgång)"}

    def __init__(self) -> None:
        slider = {"style": w.SliderStyle(description_width="250px"), "layout": w.Layout(width="590px"),
                  "continuous_update": False}  # one style and one layout model shared by every slider
        self.title = w.HTML()
        self.illustrative = w.HTML()
        self.depth = w.FloatSlider(value=0.4, min=0.0, max=0.9, step=0.05, readout_format=".0%", **slider)
        self.length = w.IntSlider(value=6, min=1, max=18, step=1, **slider)
        self.notice = w.IntSlider(value=1, min=0, max=6, step=1, **slider)
        self.staff = w.IntSlider(value=10, min=0, max=20, step=1, **slider)
        self.sentence = w.HTML()
        self.totals = w.HTML()
        self.chart_view = Chart()
        self.chart = self.chart_view.image
        self.result: models.FlexibilityResult | None = None
        super().__init__(
            [self.title, self.illustrative, self.depth, self.length, self.notice, self.staff,
             self.sentence, self.totals, self.chart],
        )
        guard = self.guard
        for control in self.controls:
            control.observe(guard(lambda _change: self._update()), names="value")
        self.refresh()

    @property
    def controls(self) -> list[w.ValueWidget]:
        return [self.depth, self.length, self.notice, self.staff]

    def _show(self) -> None:
        self.title.value = heading(tr("Flexibility: a downturn hits demand", "Flexibilitet: en nedgång slår mot efterfrågan"))
        self.illustrative.value = note("⚠ " + tr(
            f"Illustrative numbers: demand of {smart(BASE_DEMAND)} full-time staff (FTE) drops from month "
            f"{DIP_START}; in-house staff cost {money(IN_HOUSE_COST_PER_FTE)} a month each, KPO capacity "
            f"{money(KPO_COST_PER_FTE)} per FTE a month (a premium for the right to scale).",
            f"Påhittade siffror: efterfrågan på {smart(BASE_DEMAND)} heltidstjänster (FTE) faller från månad "
            f"{DIP_START}; egen personal kostar {money(IN_HOUSE_COST_PER_FTE)} per person och månad, KPO-kapacitet "
            f"{money(KPO_COST_PER_FTE)} per FTE och månad (ett påslag för rätten att skala).",
        ))
        self.depth.description = tr("Depth of the downturn", "Nedgångens djup")
        self.length.description = tr("Length of the downturn (months)", "Nedgångens längd (månader)")
        self.notice.description = tr("KPO notice period (months)", "Uppsägningstid för KPO (månader)")
        self.staff.description = tr("Staff in-house (FTE)", "Egen personal (FTE)")
        self.depth.tooltip = tr("How much of the work disappears in the downturn",
                                "Hur stor del av arbetet som försvinner i nedgången")
        self.length.tooltip = tr("How many months demand stays down before it climbs back",
                                 "Hur många månader efterfrågan ligger lågt innan den återhämtar sig")
        self.notice.tooltip = tr("How many months it takes to change the KPO capacity",
                                 "Hur många månader det tar att ändra KPO-kapaciteten")
        self.staff.tooltip = tr("The size of the firm's own team, paid every month",
                                "Storleken på företagets eget team, som får lön varje månad")
        self._update()

    def _update(self) -> None:
        depth = round(float(self.depth.value), 4)
        length = int(self.length.value)
        notice = int(self.notice.value)
        staff = int(self.staff.value)
        demand = models.demand_curve(months=months_for(length), base=BASE_DEMAND, dip=depth, dip_start=DIP_START,
                                     dip_length=length, recovery_months=RECOVERY_MONTHS)
        result = models.simulate(demand, in_house_staff=staff, in_house_cost_per_fte=IN_HOUSE_COST_PER_FTE,
                                 kpo_cost_per_fte=KPO_COST_PER_FTE, notice_months=notice)
        self.result = result
        self.sentence.value = sentence(self._sentence(result))
        self.totals.value = self._totals(result)
        labels = {
            "demand": tr("Demand", "Efterfrågan"),
            "in_house_capacity": tr("In-house staff", "Egen personal"),
            "kpo_capacity": tr("KPO capacity", "KPO-kapacitet"),
            "in_house_idle": tr("In-house idle", "Egen personal utan arbete"),
            "in_house_unmet": tr("Not met in-house", "Ej utfört internt"),
            "kpo_unmet": tr("Not met by KPO", "Ej utfört av KPO"),
        }

        def make() -> plots.FlexibilityChart:
            return plots.FlexibilityChart(
                labels,
                title=tr("Staff needed and staff available (illustrative)", "Personal som behövs och som finns (påhittat)"),
                xlabel=tr("Month", "Månad"), ylabel=tr("Staff (FTE)", "Personal (FTE)"),
            )

        def render() -> bytes:
            chart = self.chart_view.kept(i18n.get_language(), make)
            chart.update(result)
            return chart.png()

        self.chart_view.show(render)
        self.status.value = ""

    @staticmethod
    def _totals(r: models.FlexibilityResult) -> str:
        header = [
            "",
            tr("Total cost", "Total kostnad"),
            tr("Idle capacity (FTE-months)", "Outnyttjad kapacitet (FTE-månader)"),
            tr("Unmet demand (FTE-months)", "Ej mött efterfrågan (FTE-månader)"),
        ]
        rows = [
            [tr("In-house team", "Eget team"), money(r.in_house_total_cost), smart(r.in_house_idle_total),
             smart(r.in_house_unmet_total)],
            ["KPO", money(r.kpo_total_cost), smart(r.kpo_idle_total), smart(r.kpo_unmet_total)],
        ]
        return table(header, rows, css_class="kpo-table kpo-flexibility-totals")

    @staticmethod
    def _sentence(r: models.FlexibilityResult) -> str:
        months = len(r.monthly)
        saving = r.kpo_saving
        base = max(r.in_house_total_cost, r.kpo_total_cost)
        share = f" ({percent(abs(saving) / base)})" if base > 0 else ""
        if abs(saving) < 0.5:
            verdict = tr(f"Over {months} months KPO and the in-house team cost the same.",
                         f"På {months} månader kostar KPO och det egna teamet lika mycket.")
        elif saving > 0:
            verdict = tr(f"Over {months} months KPO is cheaper by {money(saving)}{share}.",
                         f"På {months} månader är KPO billigare med {money(saving)}{share}.")
        else:
            verdict = tr(f"Over {months} months the in-house team is cheaper by {money(-saving)}{share}.",
                         f"På {months} månader är det egna teamet billigare med {money(-saving)}{share}.")
        idle, unmet = smart(r.in_house_idle_total), smart(r.kpo_unmet_total)
        n = r.notice_months
        late = (tr("at once", "direkt") if n == 0 else tr("one month late", "en månad i efterhand") if n == 1
                else tr(f"{n} months late", f"{n} månader i efterhand"))
        trade = tr(
            f"The trade-off: the in-house team is paid for {idle} FTE-months of idle capacity, while KPO, "
            f"which follows demand {late}, leaves {unmet} FTE-months of demand unmet.",
            f"Avvägningen: det egna teamet får betalt för {idle} FTE-månader outnyttjad kapacitet, medan KPO, "
            f"som följer efterfrågan {late}, lämnar {unmet} FTE-månader ej mött efterfrågan.",
        )
        if r.in_house_unmet_total > 0:
            trade += tr(f" The in-house team is too small for {smart(r.in_house_unmet_total)} FTE-months of the work.",
                        f" Det egna teamet räcker inte till {smart(r.in_house_unmet_total)} FTE-månader av arbetet.")
        return f"{verdict} {trade}"

