"""The course's widgets, headless: set values and click through the Python API, read the views."""
from __future__ import annotations

import ipywidgets as w
import pytest

import kpo_course as kpo
from kpo_course import i18n, models, progress
from kpo_course.markup import plain
from kpo_course.content import load
from kpo_course.models import ModelInputError
from kpo_course.widgets import charts, progress_view, registry
from kpo_course.widgets.base import CourseWidget
from kpo_course.widgets.cost import CostCalculator
from kpo_course.widgets.decision import DecisionMatrix
from kpo_course.widgets.domains import DomainExplorer, figure_text
from kpo_course.widgets.flexibility import FlexibilitySimulator
from kpo_course.widgets.risk import RiskMatrix
from kpo_course.widgets.tasks import TaskSorter, task_order

ALL = [DomainExplorer, TaskSorter, CostCalculator, FlexibilitySimulator, DecisionMatrix, RiskMatrix]
CHARTED = [CostCalculator, FlexibilitySimulator, DecisionMatrix, RiskMatrix]


@pytest.fixture(autouse=True)
def private_home(monkeypatch, tmp_path):
    monkeypatch.setenv("KPO_COURSE_HOME", str(tmp_path))
    monkeypatch.setattr(progress, "_memory", None)
    i18n.set_language("en")
    yield
    w.Widget.close_all()  # closed widgets can be collected, and stop listening to the language
    i18n.set_language("en")


def descendants(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def boom(*_args, **_kwargs):
    raise ModelInputError("boom: a forced failure")


# --------------------------------------------------------------------------- common to all
@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_builds_with_no_arguments_without_an_error_and_reads_well_as_text(cls):
    widget = cls()
    assert widget.status.value == ""
    assert "run this cell in Jupyter" in repr(widget)
    assert getattr(kpo.widgets, cls.__name__) is cls


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
@pytest.mark.parametrize("language", ["en", "sv"])
def test_every_control_has_a_label_in_both_languages(cls, language):
    i18n.set_language(language)
    widget = cls()
    controls = [d for d in descendants(widget)
                if isinstance(d, (w.Button, w.ToggleButton, w.Checkbox, w.Dropdown, w.IntSlider, w.FloatSlider))]
    assert controls
    for control in controls:
        assert control.description.strip(), f"{type(control).__name__} without a label in {cls.__name__}"


@pytest.mark.parametrize("cls", CHARTED, ids=lambda c: c.__name__)
def test_chart_is_a_png_image_widget_and_sliders_update_on_release(cls):
    widget = cls()
    assert isinstance(widget.chart, w.Image) and widget.chart.format == "png"
    assert widget.chart.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert widget.chart.tooltip is None  # ipywidgets 8.1's ImageView fails to render with a tooltip
    for slider in (d for d in descendants(widget) if isinstance(d, (w.IntSlider, w.FloatSlider))):
        assert slider.continuous_update is False


@pytest.mark.parametrize("cls", CHARTED + [DomainExplorer, TaskSorter], ids=lambda c: c.__name__)
def test_same_inputs_give_the_same_bytes_and_text(cls):
    """Stored notebook outputs must not change between runs: no cache, no clock, no randomness."""
    first = cls()
    second = cls()
    views = [name for name in ("sentence", "details", "case", "prompt", "totals", "table", "breakdown")
             if hasattr(first, name)]
    for name in views:
        assert getattr(first, name).value == getattr(second, name).value
    if hasattr(first, "chart"):
        assert first.chart.value == second.chart.value


def test_number_formats_follow_the_language():
    assert (charts.money(-0.4), charts.percent(0.5), charts.smart(6.46), charts.smart(22.0)) == ("0", "50%", "6.5", "22")


def test_a_chart_is_drawn_again_only_when_its_inputs_change_and_the_same_inputs_give_the_same_picture():
    calc = CostCalculator()
    drawn, first = calc.chart_view.renders, calc.chart.value
    calc.horizon.value = 36  # unchanged
    calc.include_switching_back.value = False  # unchanged
    assert calc.chart_view.renders == drawn
    calc.horizon.value = 24
    assert calc.chart.value != first
    calc.horizon.value = 36  # back: drawn afresh (nothing is cached), the very same bytes
    assert calc.chart_view.renders == drawn + 2 and calc.chart.value == first


def test_a_widget_that_is_gone_stops_listening_to_the_language():
    import gc

    w.Widget.close_all()
    gc.collect()
    i18n.set_language("en")  # drops listeners whose widgets are gone
    listening = len(i18n._listeners)
    widget = RiskMatrix()
    assert len(i18n._listeners) == listening + 1
    w.Widget.close_all()
    del widget
    gc.collect()
    i18n.set_language("sv")  # no error from a dead listener, and it is dropped
    assert len(i18n._listeners) == listening


# --------------------------------------------------------------------------- the registry and the base
@pytest.mark.parametrize("entry", registry.WIDGETS, ids=lambda e: e.name)
def test_every_registered_widget_builds_on_the_base_with_its_css_class_and_status_line(entry):
    widget = entry.build()
    assert isinstance(widget, CourseWidget) and getattr(kpo.widgets, entry.name) is entry.widget_class
    assert entry.css_class.startswith("kpo-") and entry.css_class in widget._dom_classes
    assert widget.children[-1] is widget.status
    assert "kpo-error" not in widget.status.value
    assert "run this cell in Jupyter" in repr(widget)


def test_the_registry_lists_every_widget_class_once():
    import importlib
    import pkgutil

    found = set()
    for module in pkgutil.iter_modules(kpo.widgets.__path__):
        for value in vars(importlib.import_module(f"kpo_course.widgets.{module.name}")).values():
            if isinstance(value, type) and issubclass(value, CourseWidget) and value is not CourseWidget:
                found.add((value.__name__, value.__module__.rsplit(".", 1)[-1]))
    listed = [(e.name, e.module) for e in registry.WIDGETS]
    assert sorted(listed) == sorted(found) and len(set(listed)) == len(listed)
    assert len({e.css_class for e in registry.WIDGETS}) == len(registry.WIDGETS)


def test_the_registry_names_the_lessons_that_show_each_widget():
    """Each lesson of course.yaml shows exactly the widgets the registry gives it."""
    import re

    import nbformat

    root = __import__("pathlib").Path(kpo.__file__).resolve().parent.parent
    known = {e.name for e in registry.WIDGETS}
    for lesson in load().course.lessons:
        notebook = nbformat.read(root / lesson.file, as_version=4)
        code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        shown = set(re.findall(r"\bwidgets\.(\w+)\(", code))
        assert shown <= known, f"{lesson.file} shows a widget not in the registry: {shown - known}"
        assert shown == {e.name for e in registry.WIDGETS if lesson.id in e.lessons}, lesson.file
    lesson_ids = {lesson.id for lesson in load().course.lessons}
    assert all(set(e.lessons) <= lesson_ids for e in registry.WIDGETS)


def test_the_base_shows_an_error_in_the_status_line_and_redraws_on_a_language_change():
    class Hello(CourseWidget):
        css_class = "kpo-hello"

        def __init__(self):
            self.text = w.HTML()
            super().__init__([self.text])
            self.refresh()

        def _show(self):
            self.text.value = i18n.tr("Hello", "Hej")

    hello = Hello()
    assert hello.layout.border and hello.text.value == "Hello"
    i18n.set_language("sv")
    assert hello.text.value == "Hej"
    hello.guard(boom)()
    assert "boom: a forced failure" in hello.status.value and "kpo-error" in hello.status.value
    hello.close()
    i18n.set_language("en")
    assert hello.text.value == "Hej"  # a closed widget is left alone


# --------------------------------------------------------------------------- DomainExplorer
def test_domain_explorer_shows_each_domain_and_its_real_case_with_figures_and_sources():
    explorer = DomainExplorer()
    assert explorer.domain.value == "financial_consulting"
    assert len(explorer.domain.options) == 8
    before = explorer.details.value
    explorer.domain.value = "legal_services"
    assert explorer.details.value != before
    assert "Rio Tinto" in explorer.case.value and "CPA Global" in explorer.case.value
    assert "US$250 a day" in plain(explorer.case.value) and "12 people" in explorer.case.value
    assert "law.com" in explorer.case.value  # the figure's source
    assert "More cases in this domain" in explorer.case.value  # Pangea3
    for domain in load().domains:
        explorer.domain.value = domain.id
        assert explorer.status.value == ""
        assert domain.description["en"][:30] in explorer.details.value.replace("&#x27;", "'")


def test_domain_explorer_cites_each_source_once_and_names_it_briefly_beside_each_figure():
    from kpo_course.widgets.domains import citation, short_citation

    explorer = DomainExplorer("legal_services")
    case = load().by_id("cases", "rio_tinto_cpa_global") if any(
        c.id == "rio_tinto_cpa_global" for c in load().cases) else next(
        c for c in load().cases if c.id == explorer.current.case)
    shown = plain(explorer.case.value)
    for source in {f.source for f in case.figures} | set(case.sources):
        assert shown.count(citation(source)) == 1, citation(source)
    for figure in case.figures:
        assert f"({short_citation(figure.source)})" in shown
    assert shown.count("Sources:") == 1 and "(source:" not in shown


def test_domain_explorer_says_honestly_when_a_domain_has_no_case():
    explorer = DomainExplorer()
    explorer.domain.value = "technical_analysis"
    assert "none yet" in explorer.case.value and "does not invent" in explorer.case.value
    explorer.domain.value = "financial_consulting"  # a case whose sources give no figures
    assert "no figures" in explorer.case.value


def test_domain_explorer_speaks_swedish_and_keeps_the_chosen_domain():
    explorer = DomainExplorer()
    explorer.domain.value = "healthcare"
    i18n.set_language("sv")
    assert explorer.domain.value == "healthcare"
    assert explorer.domain.description == "Domän:"
    assert "Exempel på uppgifter" in explorer.details.value
    assert "Ett verkligt fall" in explorer.case.value and "Källor: " in explorer.case.value
    assert dict((v, k) for k, v in explorer.domain.options)["legal_services"] == "Juridiska tjänster"


@pytest.mark.parametrize(("value", "unit", "en", "sv"), [
    (0.25, "share", "25%", "25\u00a0%"), (250, "USD/day", "US$250 a day", "250 US-dollar per dag"),
    (47_000_000, "GBP", "£47,000,000", "47\u00a0000\u00a0000 brittiska pund"), (650, "people", "650 people", "650 personer"),
])
def test_case_figures_carry_their_units_in_words(value, unit, en, sv):
    assert figure_text(value, unit) == en
    i18n.set_language("sv")
    assert figure_text(value, unit) == sv


def test_domain_explorer_error_shows_in_its_status_line(monkeypatch):
    explorer = DomainExplorer()
    monkeypatch.setattr("kpo_course.widgets.domains.figure_text", boom)
    explorer.domain.value = "legal_services"
    assert "boom" in explorer.status.value and "✗" in explorer.status.value


# --------------------------------------------------------------------------- TaskSorter
def test_task_sorter_marks_answers_with_words_and_reasons_and_keeps_score():
    sorter = TaskSorter()
    first = sorter.task
    assert first.task["en"] in sorter.prompt.value.replace("&#x27;", "'")
    assert "Task 1 of 34" in sorter.prompt.value
    assert sorter.next_button.disabled
    sorter.kpo_button.click() if first.label == "KPO" else sorter.bpo_button.click()
    assert "✓ Right:" in sorter.feedback.value and first.reason["en"][:20] in sorter.feedback.value.replace("&#x27;", "'")
    assert "1 of 1 right" in sorter.score.value
    assert sorter.kpo_button.disabled and sorter.bpo_button.disabled and not sorter.next_button.disabled
    sorter.next_button.click()
    second = sorter.task
    assert "Task 2 of 34" in sorter.prompt.value and sorter.feedback.value == ""
    wrong = "BPO" if second.label == "KPO" else "KPO"
    (sorter.kpo_button if wrong == "KPO" else sorter.bpo_button).click()
    assert "✗ Not quite:" in sorter.feedback.value and f"this is {second.label}, not {wrong}" in sorter.feedback.value
    assert "1 of 2 right" in sorter.score.value


def test_task_sorter_records_every_answer_in_the_progress_store():
    sorter = TaskSorter()
    task = sorter.task
    sorter.answer(task.label)
    sorter.next_button.click()
    other = sorter.task
    sorter.answer("BPO" if other.label == "KPO" else "KPO")
    stored = progress.load()["questions"]
    assert stored[f"tasks.{task.id}"]["correct"] is True
    assert stored[f"tasks.{other.id}"] == {"attempts": 1, "correct": False, "points": 0.0, "max_points": 1.0}
    row = progress_view.summary().set_index("id").loc["tasks"]
    assert (row["right"], row["answered"], row["total"]) == (1, 2, 34)


def test_task_sorter_order_is_fixed_and_it_offers_a_restart_at_the_end():
    assert [t.id for t in task_order()] == [t.id for t in task_order()]
    assert sorted(t.id for t in task_order()) == sorted(t.id for t in load().tasks)
    sorter = TaskSorter()
    assert sorter.restart_button.layout.display == "none"
    for _ in range(len(sorter.tasks)):
        sorter.answer(sorter.task.label)
        sorter.next_button.click()
    assert sorter.finished and sorter.restart_button.layout.display is None
    assert sorter.next_button.layout.display == "none"
    assert "34 of 34 right" in sorter.score.value and "Start again" in sorter.score.value
    sorter.restart_button.click()
    assert sorter.index == 0 and sorter.results == {} and "0 of 0 right" in sorter.score.value


def test_task_sorter_ignores_a_second_answer_and_speaks_swedish():
    sorter = TaskSorter()
    sorter.answer("KPO")
    sorter.answer("BPO")
    assert len(sorter.results) == 1
    i18n.set_language("sv")
    assert "Uppgift 1 av 34" in sorter.prompt.value
    assert sorter.next_button.description == "Nästa uppgift"
    assert ("Rätt:" in sorter.feedback.value) or ("Inte riktigt:" in sorter.feedback.value)


def test_task_sorter_error_shows_in_its_status_line(monkeypatch):
    sorter = TaskSorter()
    monkeypatch.setattr("kpo_course.markup.verdict_line", boom)
    sorter.kpo_button.click()
    assert "boom" in sorter.status.value


# --------------------------------------------------------------------------- CostCalculator
def test_cost_calculator_defaults_match_the_model_and_are_labelled_illustrative():
    calc = CostCalculator()
    options = models.default_options()
    assert calc.option.value == "offshore_vendor" and calc.horizon.value == 36
    assert calc.monthly_fee.value == options["offshore_vendor"].monthly_cost
    assert calc.result == models.describe_comparison(options["in_house"], options["offshore_vendor"], 36)
    assert calc.result["break_even_month"] == 14
    assert "Illustrative" in calc.illustrative.value
    assert "The offshore vendor costs less from month 14 on; over 36 months it saves 1,140,000 (32%)." in calc.sentence.value
    assert "vendor fees 1,440,000 and hidden costs 1,020,000 (41%)" in calc.breakdown.value
    assert calc.monthly_fee.description == "Vendor fee a month" and "KPO fee" not in calc.monthly_fee.description


def test_cost_calculator_updates_text_result_and_chart_in_place():
    calc = CostCalculator()
    png, text = calc.chart.value, calc.sentence.value
    calc.horizon.value = 24
    assert calc.result["horizon_months"] == 24 and "over 24 months" in calc.sentence.value
    assert calc.chart.value != png and calc.sentence.value != text
    calc.transition.value = 1_500_000
    assert calc.result["break_even_month"] is None
    assert "does not pay off within 24 months" in calc.sentence.value and "more than doing the work in-house" in calc.sentence.value


def test_cost_calculator_option_choice_loads_that_options_numbers_and_switching_back_counts():
    calc = CostCalculator()
    calc.option.value = "onshore_vendor"
    onshore = models.default_options()["onshore_vendor"]
    assert calc.monthly_fee.value == onshore.monthly_cost and calc.search.value == onshore.search_and_contracting
    assert calc.result["break_even_month"] == 10
    assert "(3 months)" in calc.transition.description
    calc.include_switching_back.value = True
    assert calc.result["include_switching_back"] is True and calc.result["savings"] < 0
    assert "does not pay off" in calc.sentence.value
    calc.option.value = "captive"
    assert calc.result["alternative"] == "captive" and "captive centre" in calc.sentence.value


def test_cost_calculator_keeps_each_options_numbers_and_says_so():
    calc = CostCalculator()
    defaults = models.default_options()
    calc.monthly_fee.value, calc.management.value, calc.horizon.value = 12_000, 0.2, 48
    calc.option.value = "captive"
    assert calc.monthly_fee.value == defaults["captive"].monthly_cost and calc.horizon.value == 48
    assert "starts from its own illustrative numbers" in calc.option_note.value
    assert "kept for when you switch back" in calc.option_note.value
    calc.option.value = "offshore_vendor"
    assert (calc.monthly_fee.value, calc.management.value) == (12_000, 0.2)
    assert "Your numbers for Offshore vendor (abroad) are back" in calc.option_note.value
    assert calc.result["alternative_fees"] == 12_000 * 48
    calc.reset_button.click()
    assert calc.monthly_fee.value == defaults["offshore_vendor"].monthly_cost
    assert "back to its illustrative numbers" in calc.option_note.value


def test_cost_calculator_names_a_captive_centres_cost_a_running_cost_not_a_fee():
    calc = CostCalculator("captive")
    assert calc.monthly_fee.description == "Captive centre running cost a month"
    assert "running cost" in calc.management.description and "fee" not in calc.management.description.lower()
    assert "running costs" in calc.breakdown.value and "fee" not in calc.breakdown.value
    i18n.set_language("sv")
    assert calc.monthly_fee.description == "Egna centrets driftkostnad per månad"
    assert "driftkostnaden" in calc.management.description and "avgift" not in calc.breakdown.value
    calc.option.value = "onshore_vendor"
    assert calc.monthly_fee.description == "Leverantörsavgift per månad"


def test_cost_calculator_in_swedish():
    calc = CostCalculator()
    i18n.set_language("sv")
    assert calc.option.value == "offshore_vendor"
    assert "Leverantören utomlands blir billigare från månad 14; på 36 månader blir besparingen 1\u00a0140\u00a0000 (32\u00a0%)." in calc.sentence.value
    assert calc.horizon.description == "Horisont (månader)" and "Påhittade siffror" in calc.illustrative.value
    assert calc.monthly_fee.readout_format == "d"  # "40,000" would read as forty in Swedish
    i18n.set_language("en")
    assert calc.monthly_fee.readout_format == ",d"


def test_cost_calculator_model_error_shows_in_the_status_line(monkeypatch):
    calc = CostCalculator()
    monkeypatch.setattr(models, "describe_comparison", boom)
    calc.horizon.value = 30  # must not raise
    assert "ModelInputError" in calc.status.value and "boom" in calc.status.value
    monkeypatch.undo()
    calc.horizon.value = 31
    assert calc.status.value == ""


# --------------------------------------------------------------------------- FlexibilitySimulator
def test_flexibility_simulator_shows_cost_idle_and_unmet_for_each_side():
    sim = FlexibilitySimulator()
    r = sim.result
    assert r.kpo_total_cost < r.in_house_total_cost
    assert "KPO is cheaper" in sim.sentence.value and "idle" in sim.sentence.value and "unmet" in sim.sentence.value
    assert "2,400,000" in sim.totals.value and "Idle capacity" in sim.totals.value


def test_flexibility_simulator_deeper_longer_downturn_means_more_idle_staff():
    sim = FlexibilitySimulator()
    idle, png = sim.result.in_house_idle_total, sim.chart.value
    sim.depth.value = 0.6
    sim.length.value = 10
    assert sim.result.in_house_idle_total > idle and sim.chart.value != png
    assert len(sim.result.monthly) == 28
    sim.notice.value = 0
    assert sim.result.kpo_unmet_total == 0 and "at once" in sim.sentence.value
    sim.depth.value = 0.0
    sim.staff.value = 10
    assert "in-house team is cheaper" in sim.sentence.value


def test_flexibility_simulator_in_swedish_and_error_in_status(monkeypatch):
    sim = FlexibilitySimulator()
    i18n.set_language("sv")
    assert "Avvägningen" in sim.sentence.value and "Egen personal" in sim.staff.description
    monkeypatch.setattr(models, "simulate", boom)
    sim.staff.value = 12
    assert "boom" in sim.status.value and "Något gick fel" in sim.status.value


# --------------------------------------------------------------------------- DecisionMatrix
def test_decision_matrix_names_the_winner_and_the_deciding_criterion():
    matrix = DecisionMatrix()
    assert matrix.result.winner == "offshore_vendor" and matrix.deciding == "cost"
    assert "“Vendor abroad (offshore)” comes first" in matrix.sentence.value and "decided it is Cost" in matrix.sentence.value
    assert [s.value for s in matrix.weights.values()] == [25, 20, 10, 15, 10, 10, 10]


def test_decision_matrix_weights_change_the_ranking_and_the_chart():
    matrix = DecisionMatrix()
    png = matrix.chart.value
    matrix.set_weights({cid: 50 if cid in ("control", "ip_risk") else 0 for cid in matrix.weights})
    assert matrix.result.winner == "in_house" and matrix.chart.value != png
    assert "“Do it in-house” comes first" in matrix.sentence.value
    assert float(matrix.result.weights["control"]) == pytest.approx(0.5)


def test_decision_matrix_score_sliders_are_behind_a_toggle_and_change_the_totals():
    matrix = DecisionMatrix()
    assert matrix.score_groups.layout.display == "none"
    matrix.edit_scores.value = True
    assert matrix.score_groups.layout.display is None
    assert len(matrix.scores) == 4 * 7 and matrix.score_groups.titles[0] == "Do it in-house"
    before = float(matrix.result.totals["in_house"])
    matrix.scores[("in_house", "cost")].value = 5
    assert float(matrix.result.totals["in_house"]) == pytest.approx(before + 4 * 0.25)


def test_decision_matrix_makes_its_28_score_sliders_only_when_opened(monkeypatch):
    matrix = DecisionMatrix()
    assert matrix._scores is None and matrix.score_groups.children == ()
    untouched = float(matrix.result.totals["in_house"])  # the content's scores, without any slider
    kpo.set_language("sv")
    try:
        matrix.edit_scores.value = True
        assert len(matrix.score_groups.children) == 4
        assert matrix.scores[("in_house", "cost")].description == "Kostnad"  # named in the language of the moment
        assert matrix.score_groups.titles[0] == "Gör det internt"
    finally:
        kpo.set_language("en")
    assert matrix.scores[("in_house", "cost")].description == "Cost"
    assert float(matrix.result.totals["in_house"]) == pytest.approx(untouched)


def test_decision_matrix_all_weights_zero_gives_a_clear_message_not_a_crash():
    matrix = DecisionMatrix()
    matrix.set_weights({cid: 0 for cid in list(matrix.weights)[1:]})
    matrix.weights["cost"].value = 0  # the last slider to zero, as a student would
    assert matrix.result is None and matrix.status.value == ""
    assert "Every weight is zero" in matrix.sentence.value
    assert matrix.chart.layout.display == "none"
    matrix.weights["speed"].value = 10
    assert matrix.result is not None and matrix.chart.layout.display is None
    assert "decided it is" in matrix.sentence.value or "tie" in matrix.sentence.value


def test_decision_matrix_in_swedish_and_error_in_status(monkeypatch):
    matrix = DecisionMatrix()
    i18n.set_language("sv")
    assert "”Leverantör utomlands (offshore)” kommer först" in matrix.sentence.value
    assert matrix.weights["cost"].description == "Kostnad"
    monkeypatch.setattr(models, "weighted_scores", boom)
    matrix.weights["cost"].value = 30
    assert "boom" in matrix.status.value


# --------------------------------------------------------------------------- RiskMatrix
def test_risk_matrix_lists_the_five_drawbacks_and_every_mitigation():
    matrix = RiskMatrix()
    risks = load().risks
    assert len(risks) == 5 and list(matrix.result["risk_id"]) == [r.id for r in risks]
    assert set(matrix.mitigations) == {m.id for r in risks for m in r.mitigations}
    assert len(matrix.groups.children) == 5 and matrix.groups.titles[0].startswith("R1 ")
    assert "No measure ticked yet" in matrix.sentence.value
    assert "3 × 5 = 15, high" in matrix.table.value
    box = matrix.mitigations["nda_and_access_control"]
    assert "likelihood −2, impact −1" in box.description and box.tooltip.startswith("Sign non-disclosure")


def test_ticking_a_mitigation_moves_residual_risk_and_the_chart():
    matrix = RiskMatrix()
    png = matrix.chart.value
    matrix.mitigations["nda_and_access_control"].value = True
    row = matrix.result.set_index("risk_id").loc["ip_security"]
    assert (row["residual_likelihood"], row["residual_impact"], row["residual_score"]) == (1, 4, 4)
    assert row["level"] == "low" and matrix.chart.value != png
    assert "1 × 4 = 4, low" in matrix.table.value
    assert "falls from 60 to 49" in matrix.sentence.value
    assert "With one measure ticked," in matrix.sentence.value and "(s)" not in matrix.sentence.value
    matrix.mitigations["nda_and_access_control"].value = False
    assert matrix.chart.value == png


def test_every_risk_ticked_away_is_counted_with_number_agreement_in_both_languages():
    matrix = RiskMatrix()
    for box in matrix.mitigations.values():
        box.value = True
    count = len(matrix.mitigations)
    assert f"With {count} measures ticked," in matrix.sentence.value
    assert "(s)" not in matrix.sentence.value and " 1 of the" not in matrix.sentence.value
    i18n.set_language("sv")
    assert f"Med {count} åtgärder ikryssade" in matrix.sentence.value and "(er)" not in matrix.sentence.value


def test_risk_matrix_in_swedish_and_error_in_status(monkeypatch):
    matrix = RiskMatrix()
    i18n.set_language("sv")
    assert "hög" in matrix.table.value and "Ingen åtgärd" in matrix.sentence.value
    assert "sannolikhet −2" in matrix.mitigations["nda_and_access_control"].description
    monkeypatch.setattr(models, "residual", boom)
    matrix.mitigations["vendor_due_diligence"].value = True
    assert "boom" in matrix.status.value


def test_a_model_error_while_building_shows_in_the_widget(monkeypatch):
    monkeypatch.setattr(models, "simulate", boom)
    sim = FlexibilitySimulator()  # must not raise
    assert "boom" in sim.status.value
