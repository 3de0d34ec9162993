"""Every place the grader leans on a library's internals: the one module to read when one changes.

- :func:`import_nbformat`: jsonschema's optional ``rfc3987_syntax`` import, hidden for speed.
- :class:`ForkProvisioner` (jupyter_client's ``LocalProvisioner``): a kernel forked by the fork server.
- :class:`KernelManager` (``AsyncKernelManager``): its private ``_async_launch_kernel``,
  ``_async_pre_start_kernel`` and ``_kernel_spec``, and ``format_kernel_cmd``, for the sandbox.
- :class:`Client` (nbclient's ``NotebookClient``): ``output`` (what is kept), ``_cleanup_kernel``
  (its exit hook), ``async_start_new_kernel_client`` (a faster start), ``kc``/``km``.
- :func:`forget_exit_hook`: the ``atexit`` hook nbclient registers.

``TIES`` lists each internal name relied on; ``tests/test_grading_library_ties.py`` fails, naming
it, when an installed library no longer has it. Importing this module loads jupyter_client and
nbclient (about 0.2 s): the grader imports it when it starts a batch, never at ``import
kpo_course.grading`` (sandboxed kernels import that package and must stay light).

>>> hasattr(Client, "abandoned")
True
"""
from __future__ import annotations

import asyncio
import atexit
import json
import os
import signal
import sys
import time
import uuid
from typing import Any, Iterable, Mapping

from .fork_server import ForkedProcess, Zygote
from .sandbox import Sandbox
from .transport import CAPTURE_OUTPUT_LIMIT

STUDENT_OUTPUT_LIMIT = 200_000        # characters of error output kept per student cell


def import_nbformat() -> None:
    """Import nbformat (nbclient needs it) without the start-up nobody here uses.

    nbformat imports jsonschema, whose optional IRI format checks import ``rfc3987_syntax``,
    which compiles ~40 lark grammars: about 2 s of CPU, more than grading a notebook takes.
    Notebook validation never uses IRI formats, so when jsonschema is not loaded yet it is
    imported with that one optional module hidden (jsonschema skips what it cannot import).
    """
    if "nbformat" in sys.modules or "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        import nbformat  # noqa: F401
        return
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # "not installed", for this import only
    try:
        import nbformat  # noqa: F401
    finally:
        if sys.modules.get("rfc3987_syntax", ...) is None:
            del sys.modules["rfc3987_syntax"]


async def maybe_await(value: Any) -> Any:
    """``value`` awaited if it is awaitable (jupyter_client's methods are sync or async by class)."""
    return await value if asyncio.iscoroutine(value) or isinstance(value, asyncio.Future) else value


import_nbformat()
from jupyter_client.manager import AsyncKernelManager  # noqa: E402  (after import_nbformat)
from jupyter_client.provisioning import LocalProvisioner  # noqa: E402
from nbclient import NotebookClient  # noqa: E402


class ForkProvisioner(LocalProvisioner):
    """A kernel forked by the fork server instead of launched as a new process."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        manager = self.parent
        args = cmd[cmd.index("ipykernel_launcher") + 1:]
        cwd = str(kwargs.get("cwd") or os.getcwd())
        pid = await manager.zygote.fork(args, kwargs.get("env") or dict(os.environ), cwd,
                                        manager.limits, manager.kernel_log)
        self.process = ForkedProcess(pid, manager.zygote)
        self.pid = self.pgid = pid
        self.cwd = cwd
        return self.connection_info

    async def send_signal(self, signum: int) -> None:
        await super().send_signal(signum)
        if signum == signal.SIGKILL and self.process is not None and self.process.returncode is None:
            self.process.returncode = -signum  # nothing survives SIGKILL: no need to wait for the report

class KernelManager(AsyncKernelManager):
    """A kernel manager that forks (``zygote``), sets limits, or starts the kernel inside a sandbox."""

    def __init__(self, *, zygote: Zygote | None, limits: Mapping[str, Any], kernel_log: str | None,
                 sandbox: Sandbox | None = None, **kwargs: Any) -> None:
        if sandbox is not None:  # the kernel's sockets are files in the one folder it shares with us
            kwargs.update(transport="ipc", ip=sandbox.inside_ip, cache_ports=False,
                          connection_file=str(sandbox.connection_file))
        super().__init__(**kwargs)
        self.zygote, self.limits, self.kernel_log, self.sandbox = zygote, dict(limits), kernel_log, sandbox
        if sandbox is not None:
            from jupyter_client.kernelspec import KernelSpec
            # An interrupt goes as a message: a signal would reach bwrap, not the kernel inside it.
            self._kernel_spec = KernelSpec(
                argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                display_name="Python 3 (sandbox)", language="python", interrupt_mode="message")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kwargs: Any) -> None:
        await super()._async_launch_kernel(kernel_cmd, **kwargs)
        if self.sandbox is not None:  # from now on the grader reaches the sockets through /proc/PID/root
            self.sandbox.process = getattr(self.provisioner, "process", None)
            self.ip = await self.sandbox.host_ip()

    async def _async_pre_start_kernel(self, **kwargs: Any):
        if self.provisioner is None and self.zygote is not None:
            self.kernel_id = self.kernel_id or str(uuid.uuid4())
            self.provisioner = ForkProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec,
                                               parent=self)
        return await super()._async_pre_start_kernel(**kwargs)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        if self.sandbox is not None:
            launcher = "from kpo_course.grading.fork_server import launch_preloaded; launch_preloaded()"
            args = [self.sandbox.inside_connection_file if a == str(self.sandbox.connection_file) else a
                    for a in command[command.index("ipykernel_launcher") + 1:]]
            return self.sandbox.command([sys.executable, "-c", launcher, json.dumps(self.limits), *args])
        if self.zygote is None and os.name == "posix":
            launcher = "from kpo_course.grading.fork_server import launch; launch()"
            command = [sys.executable, "-c", launcher, json.dumps(self.limits), *command]
        return command

class Client(NotebookClient):
    """nbclient that keeps only what grading reads: errors of student cells, the grader cells' output."""

    abandoned = False  # set when the grader is stopped: its sandboxes are gone, nothing to clean at exit

    def _cleanup_kernel(self) -> None:
        """nbclient's exit-time clean-up, skipped once the grader was stopped (it would wait forever
        on ZeroMQ sockets still owned by the grader's event-loop thread)."""
        if not type(self).abandoned:
            super()._cleanup_kernel()

    def __init__(self, *args: Any, capture_cells: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.capture_cells = set(capture_cells)
        self.sizes: dict[int, int] = {}
        self.truncated: set[int] = set()

    async def async_start_new_kernel_client(self):
        """As nbclient's, without ``wait_for_ready``'s final 0.2 s of listening for silence on IOPub
        (every message is matched to its request anyway): a fifth of a forked kernel's start."""
        from queue import Empty

        self.kc = self.km.client()
        await maybe_await(self.kc.start_channels())
        deadline = time.monotonic() + self.startup_timeout
        try:
            while True:
                self.kc.kernel_info()
                try:
                    reply = await self.kc.shell_channel.get_msg(timeout=0.5)
                except Empty:
                    reply = None
                if reply is not None and reply.get("msg_type") == "kernel_info_reply":
                    try:
                        await self.kc.iopub_channel.get_msg(timeout=0.2)  # IOPub is connected
                        break
                    except Empty:
                        pass
                if not await maybe_await(self.km.is_alive()):
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {self.startup_timeout} seconds")
        except BaseException:
            await self._async_cleanup_kernel()
            raise
        self.kc.allow_stdin = False
        return self.kc

    def output(self, outs, msg, display_id, cell_index):  # noqa: ANN001 (nbclient's signature)
        kind = msg.get("msg_type")
        content = msg.get("content", {})
        if cell_index in self.capture_cells:
            if kind != "error" and (kind != "stream" or content.get("name") != "stdout"):
                return None
            limit = CAPTURE_OUTPUT_LIMIT
        elif kind == "error":
            limit = STUDENT_OUTPUT_LIMIT
        else:
            return None  # displays and prints of student cells do not count for grading
        size = len(str(content.get("text", ""))) + len(str(content.get("evalue", ""))) + 200
        self.sizes[cell_index] = self.sizes.get(cell_index, 0) + size
        if self.sizes[cell_index] > limit:
            self.truncated.add(cell_index)
            return None
        return super().output(outs, msg, display_id, cell_index)


def forget_exit_hook(client: Client) -> None:
    """Drop the ``atexit`` clean-up nbclient registers for ``client`` (it stays when a kernel fails to start)."""
    atexit.unregister(client._cleanup_kernel)


# (library object, the attribute this module relies on): tests/test_grading_library_ties.py checks each.
TIES: tuple[tuple[Any, str], ...] = (
    (LocalProvisioner, "launch_kernel"), (LocalProvisioner, "send_signal"),
    (LocalProvisioner, "connection_info"), (LocalProvisioner, "process"),
    (AsyncKernelManager, "_async_launch_kernel"), (AsyncKernelManager, "_async_pre_start_kernel"),
    (AsyncKernelManager, "format_kernel_cmd"), (AsyncKernelManager, "provisioner"),
    (AsyncKernelManager, "kernel_spec"), (AsyncKernelManager, "_kernel_spec"),
    (NotebookClient, "_cleanup_kernel"), (NotebookClient, "_async_cleanup_kernel"),
    (NotebookClient, "async_start_new_kernel_client"), (NotebookClient, "output"),
    (NotebookClient, "startup_timeout"), (NotebookClient, "async_setup_kernel"),
)
