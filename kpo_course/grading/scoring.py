"""Gradebook rows from a run: the grader judges each answer with its own checks, in its own process.

    >>> _verdict_word(None)
    'unanswered'
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from .execute import Run
from .gradebook import NotebookResult, Row
from .plan import Options, Plan, Reference
from .submissions import Submission
from .transport import decode_answer


def _judge(question_id: str, answer: Any):
    """Judge ``answer`` in the grader's own process, where no student code has run."""
    from .. import checks
    return checks.check(question_id, answer)


def _stand_in(type_name: str) -> Any:
    """An object that only has the answer's type name (for a message such as "got a Widget")."""
    name = re.sub(r"\W", "_", type_name)[:60] or "object"
    if name[0].isdigit():
        name = f"_{name}"
    return type(name, (), {"__repr__": lambda self: f"<{name}>"})()


def _hint(item: Any) -> str:
    from ..i18n import localize
    return str(localize(item.hint))


def _verdict_word(correct: bool | None) -> str:
    return {True: "correct", False: "wrong", None: "unanswered"}[correct]


def _earlier_trouble(plan: Plan, run: Run, before: int | None) -> str:
    notes = [note for index, note in sorted({**run.cell_notes, **run.skipped}.items())
             if before is None or index < before]
    return (" Earlier, " + "; ".join(notes[-2:]) + ".") if notes else ""


def score_run(plan: Plan, run: Run, result: NotebookResult) -> None:
    from ..i18n import tr

    where = {qid: index for index, pairs in plan.captures.items() for qid, _ in pairs}
    for item in plan.questions:
        misconception = ""
        row = dict(student=result.student, notebook=result.notebook, question=item.id, points=0.0,
                   max_points=float(item.points))
        if item.id in plan.missing:
            result.rows.append(Row(**row, verdict="error", message=plan.missing[item.id]))
            continue
        if run.failure:
            result.rows.append(Row(**row, verdict="error", message=run.failure))
            continue
        records = run.records.get(item.id, [])
        index = where.get(item.id)
        if len(records) > 1:
            result.rows.append(Row(**row, verdict="error", message=(
                "The grader's output for this question was tampered with (it appeared twice), so it scores zero.")))
            continue
        if not records:
            why = ((run.cell_notes.get(index) or run.skipped.get(index)) if index is not None else None) or run.deadline
            message = ("The check cell did not report: " + (why or "it did not run to the end") + "."
                       + _earlier_trouble(plan, run, index))
            result.rows.append(Row(**row, verdict="error", message=message))
            continue
        record = records[0]
        if "error" in record:
            message = (f"Your answer could not be read ({str(record['error'])[:300]})."
                       + _earlier_trouble(plan, run, index))
            result.rows.append(Row(**row, verdict="error", message=message))
            continue
        if "value" in record:
            try:
                answer = decode_answer(record["value"])
            except Exception:
                result.rows.append(Row(**row, verdict="error", message=(
                    "The grader's record of your answer was damaged, so it could not be graded.")))
                continue
            feedback = _judge(item.id, answer)
            message = str(feedback.message)
            kernel = record.get("kernel") if isinstance(record.get("kernel"), dict) else {}
            if "correct" in kernel and kernel["correct"] is not feedback.correct:
                message += tr(" (Note: inside the notebook this answer was judged differently; the grader "
                              "judged its own copy of the answer.)",
                              " (Obs: i anteckningsboken bedömdes svaret annorlunda; rättaren bedömde sin egen "
                              "kopia av svaret.)")
            correct = feedback.correct
            misconception = str(feedback.result.get("misconception", ""))
        elif item.kind != "chart":
            # Not plain data, where plain data is asked for: the grader judges a stand-in of the same
            # type name, so the verdict never depends on code that ran in the student's kernel.
            feedback = _judge(item.id, _stand_in(str(record.get("type", "object"))))
            correct, message = feedback.correct, str(feedback.message)
        else:
            kernel = record.get("kernel")
            if not (isinstance(kernel, dict) and kernel.get("correct") in (True, False, None)
                    and isinstance(kernel.get("message", ""), str)):
                reason = record.get("kernel_error") or "no verdict"
                result.rows.append(Row(**row, verdict="error", message=(
                    f"Your answer ({record.get('opaque', 'not plain data')}) could not be checked: {reason}.")))
                continue
            correct = kernel["correct"]
            message = str(kernel.get("message", ""))
            result.kernel_checked.append(item.id)
        points = float(item.points) if correct is True else 0.0
        result.rows.append(Row(**{**row, "points": points}, verdict=_verdict_word(correct), message=message,
                               hint=_hint(item) if correct is False else "",
                               misconception=misconception if correct is False else ""))
    for memo, text in plan.memos:
        if text is None:
            message = tr("Memo cell missing: there is no memo to grade.",
                         "Promemorians cell saknas: det finns ingen promemoria att bedöma.")
        elif not text.strip() or (memo.prompt and text.strip() == memo.prompt.strip()):
            message = tr("Blank: the memo was left as the exercise gave it, so there is nothing to grade.",
                         "Tom: promemorian lämnades som övningen gav den, så det finns inget att bedöma.")
            text = ""
        else:
            words = len(re.findall(r"\w+", text))
            message = tr(f"Graded by hand ({words} words).", f"Bedöms för hand ({words} ord).")
        result.rows.append(Row(result.student, result.notebook, memo.grade_id, 0.0, memo.points, "manual", message,
                               detail=text or ""))


def rejected_rows(submission: Submission, reason: str, options: Options) -> list[Row]:
    from .. import checks

    exercise = submission.exercise
    questions = checks.questions(exercise) if exercise else []
    reference = options.references.get(exercise or "") or Reference(None)
    rows = [Row(submission.student, submission.notebook, q.id, 0.0, float(q.points), "error", reason)
            for q in questions]
    rows += [Row(submission.student, submission.notebook, m.grade_id, 0.0, m.points, "error", reason)
             for m in reference.memos]
    return rows or [Row(submission.student, submission.notebook, "", 0.0, 0.0, "error", reason)]


def missing_rows(results: list[NotebookResult], options: Options) -> list[NotebookResult]:
    """A row per question for each exercise a student did not hand in (others did: a notebook of
    that exercise was read). Rows say "missing", so totals compare like with like."""
    names: dict[str, str] = {}
    for result in results:
        if result.readable and result.exercise:
            reference = options.references.get(result.exercise)
            names.setdefault(result.exercise, reference.path.name if reference and reference.path
                             else result.notebook)
    handed_in = {(r.student, r.exercise) for r in results}
    extra = []
    for student in sorted({r.student for r in results}):
        for exercise, notebook in sorted(names.items()):
            if (student, exercise) in handed_in:
                continue
            submission = Submission(student, Path(notebook), notebook)
            result = NotebookResult(student, notebook, exercise, "")
            result.rows = [dataclasses.replace(r, verdict="missing") for r in rejected_rows(
                submission, "Not handed in: there is no notebook for this exercise.", options)]
            extra.append(result)
    return extra
