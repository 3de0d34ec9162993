"""Kernels with resource limits, forked from a server that imported everything once.

The fork server (:func:`zygote_main`, run in a process of its own) imports ipykernel, pandas,
matplotlib and the course, then forks a kernel per request; the child sets its own limits
(:func:`_apply_limits`) before ipykernel starts. :class:`Zygote` is the grader's handle on it:

    >>> zygote = Zygote(workdir)                                   # doctest: +SKIP
    >>> zygote.wait_ready()                                         # doctest: +SKIP
    True

(Skipped: it starts a process that imports the whole kernel stack; tests/test_grading.py uses it.)

Without ``fork``, :func:`launch` sets the same limits and execs ``ipykernel_launcher``.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Mapping

# What the fork server imports once: what a kernel imports as it starts (the debugger, sqlite for its
# history, ...: 0.3 s a kernel otherwise) and what the course's notebooks use.
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger", "IPython",
           "IPython.core.debugger", "debugpy", "sqlite3", "pdb", "pydoc", "psutil", "faulthandler",
           "numpy", "pandas", "matplotlib", "matplotlib.figure", "matplotlib.pyplot",
           "matplotlib_inline.backend_inline", "ipywidgets", "kpo_course", "kpo_course.checks",
           "kpo_course.data", "kpo_course.models", "kpo_course.plots", "kpo_course.widgets", "kpo_course.grading")
# What a sandboxed kernel imports before its first cell: what every graded notebook uses (a fresh
# kernel pays for each import, so the debugger, widgets and plots wait until a notebook needs them).
# matplotlib is left out: a fresh kernel hooks its inline backend up by itself when a notebook first
# imports pyplot (MPLBACKEND), and most exercises never do.
SANDBOX_PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "numpy", "pandas",
                   "kpo_course", "kpo_course.checks", "kpo_course.data", "kpo_course.grading.transport")
KERNEL_ENV = {"PYTHONHASHSEED": "0", "MPLBACKEND": "module://matplotlib_inline.backend_inline",
              "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
              "MALLOC_ARENA_MAX": "2", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def _apply_limits(limits: Mapping[str, Any]) -> None:
    """Set this process's own resource limits (called in the kernel process before ipykernel starts)."""
    try:
        import resource
    except ImportError:  # Windows: no limits but the per-cell timeout
        return

    def limit(which: int, soft: int, hard: int | None = None) -> None:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, (soft, soft if hard is None else hard))

    limit(resource.RLIMIT_CORE, 0)
    if limits.get("cpu_seconds"):
        cpu = int(limits["cpu_seconds"])
        limit(resource.RLIMIT_CPU, cpu, cpu + 5)  # SIGXCPU at the soft limit, SIGKILL 5 s later
    if limits.get("memory_mb") and hasattr(resource, "RLIMIT_AS"):
        limit(resource.RLIMIT_AS, int(limits["memory_mb"]) * 2**20)
    if limits.get("file_mb") and hasattr(resource, "RLIMIT_FSIZE"):
        limit(resource.RLIMIT_FSIZE, int(limits["file_mb"]) * 2**20)
    if limits.get("processes") and hasattr(resource, "RLIMIT_NPROC"):
        limit(resource.RLIMIT_NPROC, int(limits["processes"]))  # counted per user namespace (sandbox)


def launch() -> None:
    """The small launcher used without the fork server: ``python -c ... LIMITS CMD...``."""
    limits = json.loads(sys.argv[1])
    _apply_limits(limits)
    command = sys.argv[2:]
    os.execv(command[0], command)


def launch_preloaded() -> None:
    """A sandboxed kernel: ``python -c ... LIMITS KERNEL-ARGS...`` sets its limits, imports what the fork
    server would (so a student's first cell is not charged for them), then runs ipykernel in-process."""
    import importlib

    limits, args = json.loads(sys.argv[1]), sys.argv[2:]
    _apply_limits(limits)
    if os.getppid() == 1:  # in the sandbox's pid namespace the grader is out of sight: bwrap's
        os.environ.pop("JPY_PARENT_PID", None)  # --die-with-parent stands in for ipykernel's parent poller
    for name in SANDBOX_PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        from kpo_course import checks, content
        content.load()
        checks.questions()
    sys.argv = ["ipykernel_launcher", *args]
    from ipykernel import kernelapp
    kernelapp.launch_new_instance(argv=list(args))


def _vm_kb() -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1])
    return 0


def zygote_main() -> None:
    """The fork server: import everything once, then fork one kernel per request.

    Protocol (JSON lines): stdin ``{"id", "args", "env", "cwd", "limits", "log"}``;
    stdout ``{"ready": true}``, ``{"id", "pid"}`` or ``{"id", "error"}``, ``{"exit": pid, "code"|"signal"}``.
    End of stdin: kill every kernel still running and exit.
    """
    import gc
    import importlib
    import select

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the grader's to handle
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # stray prints from imports go to the log, not into the protocol
    for name in PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        from kpo_course import checks, content
        content.load()
        checks.questions()
    gc.collect()
    gc.freeze()  # forked kernels share these pages instead of copying them when the GC runs
    protocol.write(json.dumps({"ready": True, "vm_kb": _vm_kb()}) + "\n")
    children: set[int] = set()
    pending = b""
    while True:
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            children.discard(pid)
            exit_info: dict[str, Any] = {"exit": pid}
            if os.WIFSIGNALED(status):
                exit_info["signal"] = os.WTERMSIG(status)
            else:
                exit_info["code"] = os.WEXITSTATUS(status)
            protocol.write(json.dumps(exit_info) + "\n")
        ready, _, _ = select.select([0], [], [], 0.05)
        if not ready:
            continue
        chunk = os.read(0, 1 << 16)
        if not chunk:
            break
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            try:
                request = json.loads(line)
            except ValueError:
                continue
            try:
                pid = os.fork()
            except OSError as error:
                protocol.write(json.dumps({"id": request.get("id"), "error": str(error)}) + "\n")
                continue
            if pid == 0:
                try:
                    _become_kernel(request, protocol.fileno())
                finally:
                    os._exit(70)
            children.add(pid)
            protocol.write(json.dumps({"id": request["id"], "pid": pid}) + "\n")
    for pid in children:
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)


def _become_kernel(request: Mapping[str, Any], protocol_fd: int) -> None:
    """In the forked child: a session of its own, quiet fds, limits, then ipykernel."""
    os.setsid()  # its own process group: interrupts and kills reach what it starts too
    signal.signal(signal.SIGINT, signal.default_int_handler)  # the fork server ignores Ctrl+C; kernels must not
    devnull = os.open(os.devnull, os.O_RDWR)
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600) if request.get("log") else devnull
    os.dup2(devnull, 0)
    os.dup2(devnull, protocol_fd)  # the kernel cannot talk to the fork server
    os.dup2(log, 1)
    os.dup2(log, 2)
    _apply_limits(request.get("limits", {}))
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    import random
    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()
    sys.argv = ["ipykernel_launcher", *request["args"]]
    from ipykernel import kernelapp
    kernelapp.launch_new_instance(argv=list(request["args"]))
    os._exit(0)


class Zygote:
    """The grader's handle on the fork server (see :func:`zygote_main`)."""

    def __init__(self, workdir: Path) -> None:
        self.log = workdir / "zygote.log"
        env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
        env.update(KERNEL_ENV)
        package_parent = str(Path(__file__).resolve().parent.parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from kpo_course.grading.fork_server import zygote_main; zygote_main()"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, cwd=workdir, env=env,
                start_new_session=True)
        self.ready = threading.Event()
        self.failed: str | None = None
        self.vm_kb = 0
        self._lock = threading.Lock()
        self._next = 0
        self._pending: dict[int, concurrent.futures.Future] = {}
        self.exits: dict[int, dict[str, Any]] = {}
        self._reader = threading.Thread(target=self._read, name="kpo-zygote-reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            try:
                message = json.loads(raw)
            except ValueError:
                continue
            if message.get("ready"):
                self.vm_kb = int(message.get("vm_kb") or 0)
                self.ready.set()
            elif "exit" in message:
                self.exits[int(message["exit"])] = message
            elif "id" in message:
                with self._lock:
                    future = self._pending.pop(message["id"], None)
                if future is not None:
                    future.set_result(message)
        tail = self.log.read_text(errors="replace")[-1500:] if self.log.exists() else ""
        self.failed = f"the fork server stopped ({tail.strip() or 'no message'})"
        with self._lock:
            for future in self._pending.values():
                future.set_result({"error": self.failed})
            self._pending.clear()
        self.ready.set()

    def wait_ready(self, timeout: float = 120) -> bool:
        self.ready.wait(timeout)
        return self.ready.is_set() and self.failed is None

    async def fork(self, args: list[str], env: Mapping[str, str], cwd: str, limits: Mapping[str, Any],
                   log: str | None) -> int:
        loop = asyncio.get_running_loop()
        ok = await loop.run_in_executor(None, self.wait_ready)
        if not ok:
            raise RuntimeError(self.failed or "the fork server did not start")
        future: concurrent.futures.Future = concurrent.futures.Future()
        with self._lock:
            self._next += 1
            number = self._next
            self._pending[number] = future
            request = {"id": number, "args": args, "env": dict(env), "cwd": cwd, "limits": dict(limits), "log": log}
            assert self.process.stdin is not None
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
        reply = await asyncio.wrap_future(future)
        if "pid" not in reply:
            raise RuntimeError(f"the fork server could not start a kernel: {reply.get('error')}")
        return int(reply["pid"])

    def close(self) -> None:
        with contextlib.suppress(Exception):
            assert self.process.stdin is not None
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class ForkedProcess:
    """A Popen look-alike for a kernel that is the fork server's child, not ours."""

    def __init__(self, pid: int, zygote: Zygote) -> None:
        self.pid = pid
        self.zygote = zygote
        self.returncode: int | None = None
        self.stdin = self.stdout = self.stderr = None

    def poll(self) -> int | None:
        """The exit code (negative: killed by that signal), as the fork server reported it; None while
        it runs. Never blocks: a kernel that just ended is reported by the server within ~50 ms."""
        if self.returncode is not None:
            return self.returncode
        status = self.zygote.exits.get(self.pid)
        if status is not None:
            self.returncode = -int(status["signal"]) if "signal" in status else int(status.get("code", 0))
        elif self.zygote.failed:
            self.returncode = -1
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.02)
        return self.returncode if self.returncode is not None else -1

    def send_signal(self, number: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, number)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)
