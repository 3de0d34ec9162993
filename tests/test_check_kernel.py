"""Checks in a real kernel (nbclient): a stopped or never-run answer cell is named, never graded, no traceback."""
from __future__ import annotations

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

class Kernel:
    """One kernel; run cells in any order, as a learner clicks them."""

    def __init__(self, client: NotebookClient) -> None:
        self.client = client
        self.count = 0

    def run(self, source: str) -> list[dict]:
        cell = new_code_cell(source)
        self.client.nb.cells.append(cell)
        self.client.execute_cell(cell, len(self.client.nb.cells) - 1)
        return cell.outputs


def text_of(outputs: list[dict]) -> str:
    parts = []
    for output in outputs:
        data = output.get("data", {})
        parts.append(data.get("text/html", "") + data.get("text/plain", "") + output.get("text", ""))
        if output["output_type"] == "error":
            parts.append(f"{output['ename']}: {output['evalue']}")
    return "\n".join(parts)


def errors(outputs: list[dict]) -> list[str]:
    return [output["ename"] for output in outputs if output["output_type"] == "error"]


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    client = NotebookClient(new_notebook(), kernel_name="python3", allow_errors=True, timeout=120,
                            resources={"metadata": {"path": str(tmp_path_factory.mktemp("kernel"))}})
    with client.setup_kernel():
        session = Kernel(client)
        session.run("import os; os.environ.pop('NBGRADER_EXECUTION', None)\nimport kpo_course as kpo")
        yield session


def test_answer_cell_that_raised_is_named_and_the_old_value_is_not_graded(kernel):
    kernel.run("answer = True")
    assert errors(kernel.run("answer = {'subset': True}['x']")) == ["KeyError"]
    outputs = kernel.run('kpo.check("00.q2", answer)')
    shown = text_of(outputs)
    assert not errors(outputs)
    assert "stopped with KeyError: &#x27;x&#x27;" in shown or "stopped with KeyError: 'x'" in shown
    assert "fix it and run it again" in shown
    assert "Correct" not in shown and "Right" not in shown


def test_never_run_answer_cell_gets_feedback_not_a_traceback(kernel):
    outputs = kernel.run('kpo.check("00.q1", pangea3_pay_ratio_never_set)')
    assert not errors(outputs)
    shown = text_of(outputs)
    assert "You have not run the cell that defines `pangea3_pay_ratio_never_set` yet" in shown
    assert "Traceback" not in shown


def test_never_run_name_inside_an_expression(kernel):
    outputs = kernel.run('kpo.check("00.q1", len(missing_table_) + 0)')
    assert not errors(outputs) and "`missing_table_`" in text_of(outputs)


def test_fixed_and_rerun_cell_is_graded_normally(kernel):
    assert errors(kernel.run("count = {'subset': True}['x']")) == ["KeyError"]
    assert "stopped with KeyError" in text_of(kernel.run('kpo.check("00.q2", count)'))
    assert not errors(kernel.run("count = {'subset': True}['subset']"))
    shown = text_of(kernel.run('kpo.check("00.q2", count)'))
    assert "✓" in shown and "stopped" not in shown


def test_a_syntax_error_in_the_answer_cell_is_named(kernel):
    assert errors(kernel.run("share = (1 +")) == ["SyntaxError"]
    assert "stopped with SyntaxError" in text_of(kernel.run('kpo.check("00.q2", share)'))


def test_an_error_in_another_cell_does_not_block_the_check(kernel):
    kernel.run("answer = True")
    assert errors(kernel.run("other = 1 / 0")) == ["ZeroDivisionError"]
    assert "✓" in text_of(kernel.run('kpo.check("00.q2", answer)'))


def test_answer_and_check_in_one_cell_is_graded(kernel):
    assert errors(kernel.run("answer = {}['x']")) == ["KeyError"]
    assert "✓" in text_of(kernel.run('answer = True\nkpo.check("00.q2", answer)'))


def test_other_name_errors_still_show_as_usual(kernel):
    assert errors(kernel.run("print(not_defined_anywhere_)")) == ["NameError"]


def test_under_nbgrader_a_stopped_or_never_run_answer_fails_the_cell(kernel):
    kernel.run("os.environ['NBGRADER_EXECUTION'] = 'autograde'")
    try:
        kernel.run("late = {}['x']")
        assert errors(kernel.run('kpo.check("00.q1", late)')) == ["AssertionError"]
        outputs = kernel.run('kpo.check("00.q1", never_defined_under_nbgrader_)')
        assert errors(outputs) == ["AssertionError"]
        assert "You have not run the cell" in text_of(outputs)
    finally:
        kernel.run("os.environ.pop('NBGRADER_EXECUTION', None)")


def test_a_common_error_is_explained_in_plain_words(kernel):
    kernel.run("import pandas as pd\ntable = pd.DataFrame({'model': ['x', 'y'], 'year': [1997, 2003]})")
    assert errors(kernel.run("picked = table[table['model'] == 'x' & table['year'] > 1990]")) == ["TypeError"]
    shown = text_of(kernel.run('kpo.check("00.q2", picked)'))
    assert "stopped with TypeError" in shown and "two conditions joined by &amp; without brackets" in shown
    assert errors(kernel.run("picked = table[table['year'] == 1997 & table['year'] == 3]")) == ["ValueError"]
    assert "use &amp; (and) or | (or)" in text_of(kernel.run('kpo.check("00.q2", picked)'))


def test_reset_does_not_break_the_check_cells(kernel):
    kernel.run("%reset -f")
    kernel.run("import kpo_course as kpo")
    outputs = kernel.run('kpo.check("00.q2", after_reset_never_set_)')
    assert not errors(outputs) and "`after_reset_never_set_`" in text_of(outputs)
