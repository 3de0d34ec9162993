"""Running one submission's plan in a kernel and reading what its cells reported.

A cell past the time limit is interrupted; a kernel that ignores that or dies is run again
from the top without that cell, so one bad cell costs only its own questions.

    >>> run = asyncio.run(execute_within(plan, options))            # doctest: +SKIP
    >>> run.records["00.q1"][0]["value"]                            # doctest: +SKIP
    ['int', '8']

(Examples skipped: they need a submission and a kernel; tests/test_grading.py runs them for real.)

:func:`execute_within` also stops the whole notebook, all tries together, after
``options.notebook_seconds``: answers reported by then count, later checks say why they did not.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .fork_server import KERNEL_ENV
from .plan import kernel_notebook, cell_label, Options, Plan
from .sandbox import Sandbox, kernel_environment
from .transport import MARK


@dataclass
class Run:
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    cell_notes: dict[int, str] = field(default_factory=dict)  # student cell index -> what went wrong
    skipped: dict[int, str] = field(default_factory=dict)
    failure: str | None = None  # the notebook could not run at all
    deadline: str | None = None  # the notebook used up its total time: why its later checks did not report
    manager: Any = None  # the kernel manager of the kernel running now (stopped at the deadline)


def _death_reason(returncode: int | None, limits: Mapping[str, Any]) -> str:
    if returncode is None or returncode == -1:
        return "the kernel stopped answering"
    if returncode < 0:
        number = -returncode
        if number == getattr(signal, "SIGXCPU", -1):
            return f"the kernel used up its CPU time ({limits.get('cpu_seconds')} s)"
        if number == getattr(signal, "SIGKILL", 9):
            return "the kernel was killed (SIGKILL: out of memory, past the CPU limit, or by its own code)"
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"the kernel crashed ({name})"
    return f"the kernel exited (exit code {returncode})"


async def _settle(client: Any, seconds: float) -> bool:
    """After an interrupt: True when the kernel answers a no-op within ``seconds``."""
    from queue import Empty

    from .library_ties import maybe_await

    msg_id = await maybe_await(client.kc.execute("", store_history=False, silent=True))
    deadline = time.monotonic() + seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        try:
            reply = await client.kc.shell_channel.get_msg(timeout=remaining)
        except Empty:
            return False
        except Exception:
            return False
        if reply.get("parent_header", {}).get("msg_id") == msg_id:
            return True


async def _execute_once(plan: Plan, options: Options, skipped: Mapping[int, str], run: Run) -> int | None:
    """Run the notebook once; return the student cell index to skip next time (it hung or killed
    the kernel), or None when the notebook ran to the end."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from .library_ties import Client, KernelManager, forget_exit_hook
    nonce = secrets.token_hex(12)
    notebook = kernel_notebook(plan, nonce, skipped, options.language, forked=options.zygote is not None
                      and not options.sandbox_program)
    folder = Path(tempfile.mkdtemp(prefix="nb-", dir=options.workdir))
    if not options.sandbox_program:  # unisolated, the kernel works beside a temporary copy
        shutil.copyfile(plan.submission.path, folder / Path(plan.submission.notebook).name)
    sandbox = None
    if options.sandbox_program:
        sandbox = Sandbox(folder / "comm", program=options.sandbox_program, scratch_mb=options.scratch_mb,
                          max_processes=options.limits.get("processes"), cache=options.content_cache)
        env = kernel_environment(dict(KERNEL_ENV), cache=sandbox.cache is not None)
    else:
        env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
        env.update(KERNEL_ENV)
        env["KPO_COURSE_HOME"] = str(folder / ".kpo-course")
        env["KPO_COURSE_CACHE"] = "off"  # nothing a student writes is read by a later run
    manager = KernelManager(zygote=None if sandbox else options.zygote, limits=options.limits,
                            kernel_log=str(folder / "kernel.log"), kernel_name="python3", sandbox=sandbox)
    run.manager = manager
    capture_cells = [i + 1 for i in plan.captures]
    client = Client(notebook, km=manager, timeout=max(1, int(round(options.timeout))), allow_errors=True,
                    interrupt_on_timeout=False, shutdown_kernel="immediate", record_timing=False,
                    startup_timeout=120, iopub_timeout=4, capture_cells=capture_cells,
                    timeout_func=lambda cell: _cell_timeout(cell, options.timeout))
    culprit: int | None = None
    stack = contextlib.ExitStack()
    try:
        if sandbox is not None:  # what the kernel says on the way out, for the reason it died
            log = stack.enter_context(open(folder / "kernel.log", "wb"))
            quiet: dict[str, Any] = {"stdout": log, "stderr": subprocess.STDOUT}
        else:
            quiet = {} if options.zygote else {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        cwd = str(sandbox.comm) if sandbox else str(folder)
        async with client.async_setup_kernel(cwd=cwd, env=env, cleanup_kc=True, **quiet):
            if sandbox is not None:
                sandbox.process = getattr(manager.provisioner, "process", None)
            for position, cell in enumerate(notebook.cells):
                if run.deadline:
                    break
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                student_index = position - 1
                try:
                    await client.async_execute_cell(cell, position)
                except CellTimeoutError:
                    await manager.interrupt_kernel()
                    if await _settle(client, max(3.0, min(10.0, options.timeout))):
                        if student_index >= 0:
                            run.cell_notes[student_index] = (
                                f"{cell_label(plan, student_index)} was stopped after {options.timeout:g} s "
                                "(the time limit per cell)")
                        continue
                    culprit = student_index
                    run.skipped[student_index] = (
                        f"{cell_label(plan, student_index)} ran past the time limit ({options.timeout:g} s) "
                        "and ignored the interrupt")
                    break
                except DeadKernelError:
                    if run.deadline:
                        break  # stopped by the grader: the notebook's total time is up
                    returncode = None
                    provisioner = manager.provisioner
                    process = getattr(provisioner, "process", None)
                    if process is not None:
                        for _ in range(50):
                            returncode = process.poll()
                            if returncode is not None:
                                break
                            await asyncio.sleep(0.02)
                    if sandbox is not None and returncode is not None and returncode > 128:
                        returncode = 128 - returncode  # bwrap exits 128 + N when the kernel died of signal N
                    culprit = student_index
                    run.skipped[student_index] = (f"{_death_reason(returncode, options.limits)} while running "
                                                  f"{cell_label(plan, student_index)}" if student_index >= 0
                                                  else _death_reason(returncode, options.limits))
                    break
                _collect(cell, position, student_index, nonce, plan, run, client, options)
    except Exception as error:  # the kernel did not start, or nbclient failed: say so, keep the batch going
        if culprit is None and not run.deadline:
            said = _log_tail(folder / "kernel.log")
            run.failure = (f"The notebook could not be run ({type(error).__name__}: {str(error)[:300]})."
                           + (f" The kernel said: {said}" if said else ""))
    finally:
        forget_exit_hook(client)
        _kill(manager)
        stack.close()
        if sandbox is not None:
            sandbox.close()
        shutil.rmtree(folder, ignore_errors=True)
    if culprit is not None and culprit < 0:
        run.failure = f"The grader could not run this notebook: {run.skipped.pop(culprit)}."
        return None
    return culprit


def _cell_timeout(cell: Any, timeout: float) -> int:
    """Seconds a cell may run: the student's limit, but at least a minute for the grader's own first cell
    (a kernel's first imports on a busy machine are not the student's time)."""
    seconds = max(1, int(round(timeout)))
    return max(seconds, 60) if cell.get("metadata", {}).get("kpo_grader") == "setup" else seconds


def _log_tail(path: Path, size: int = 300) -> str:
    """The last words of a kernel's log (why it could not start), on one line."""
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - size))
            return " ".join(handle.read().decode("utf-8", "replace").split())
    except OSError:
        return ""


def _kill(manager: Any) -> None:
    """Make sure the kernel's process (for a sandbox: bwrap, whose pid namespace dies with it) is gone."""
    process = getattr(getattr(manager, "provisioner", None), "process", None)
    if process is not None and process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            with contextlib.suppress(OSError):
                process.kill()
        with contextlib.suppress(Exception):
            process.wait(timeout=5)


def _collect(cell: Any, position: int, student_index: int, nonce: str, plan: Plan, run: Run,
             client: Any, options: Options) -> None:
    """Read one executed cell: the grader's tagged lines, or what went wrong in a student's cell."""
    if student_index in plan.captures:
        text = "".join(str(o.get("text", "")) for o in cell.get("outputs", [])
                       if o.get("output_type") == "stream" and o.get("name") == "stdout")
        for line in text.splitlines():
            if line.startswith(f"{MARK} {nonce} "):
                try:
                    record = json.loads(line[len(MARK) + len(nonce) + 2:])
                except ValueError:
                    continue
                if isinstance(record, dict) and isinstance(record.get("q"), str):
                    run.records.setdefault(record["q"], []).append(record)
        if position in client.truncated:
            run.notes.append(f"The grader's output for {cell_label(plan, student_index)} was too large.")
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            value = str(errors[0].get("evalue", ""))
            run.cell_notes[student_index] = (
                "the notebook had deleted the grader's helper before its check cell ran (e.g. with %reset)"
                if "_kpo_grader_" in value else f"the check cell raised {errors[0].get('ename')}: {value[:200]}")
        return
    if student_index < 0:
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            run.failure = ("The grader could not start inside the kernel "
                           f"({errors[0].get('ename')}: {str(errors[0].get('evalue'))[:200]}).")
        return
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            name, value = str(output.get("ename", "Error")), str(output.get("evalue", "")).strip()
            first = value.splitlines()[0][:200] if value else ""
            if name == "MemoryError":
                limit = options.limits.get("memory_mb")
                run.cell_notes[student_index] = (f"{cell_label(plan, student_index)} ran out of memory"
                                                 + (f" (the limit is {limit} MB)" if limit else ""))
            else:
                run.cell_notes[student_index] = f"{cell_label(plan, student_index)} raised {name}" + (
                    f": {first}" if first else "")
            break


async def _execute(plan: Plan, options: Options, run: Run | None = None) -> Run:
    run = run if run is not None else Run()
    for attempt in range(options.retries + 1):
        run.records.clear()
        run.cell_notes.clear()
        culprit = await _execute_once(plan, options, dict(run.skipped), run)
        if run.deadline:
            run.notes.append(run.deadline[0].upper() + run.deadline[1:] + ".")
            break
        if culprit is None:
            break
        if attempt == options.retries:
            run.failure = (f"The notebook could not be run to the end: {run.skipped[culprit]} "
                           f"(after {attempt + 1} tries, each without the cell that stopped the one before).")
    if not run.failure:
        run.notes.extend(f"{why}; the notebook was run again from the top without that cell."
                         for _, why in sorted(run.skipped.items()))
    run.notes.extend(note for _, note in sorted(run.cell_notes.items()))
    return run


async def execute_within(plan: Plan, options: Options) -> Run:
    """:func:`_execute` within the notebook's total time (``options.notebook_seconds``, all tries): at
    the deadline the running kernel is killed; answers reported by then count."""
    run = Run()
    if not options.notebook_seconds:
        return await _execute(plan, options, run)
    task = asyncio.ensure_future(_execute(plan, options, run))
    done, _ = await asyncio.wait({task}, timeout=options.notebook_seconds)
    if task in done:
        return task.result()
    run.deadline = (f"the notebook ran past its total time ({options.notebook_seconds:g} s for all its cells) "
                    "and was stopped there")
    _kill(run.manager)
    done, _ = await asyncio.wait({task}, timeout=30)
    if task in done:
        return task.result()
    task.cancel()  # nbclient did not notice the kernel's death: give up on this notebook's run
    with contextlib.suppress(BaseException):
        await task
    return run
