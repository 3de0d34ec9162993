"""Each student's kernel in a bubblewrap sandbox: no view of anything but Python and the course.

A sandboxed kernel runs under ``bwrap`` (https://github.com/containers/bubblewrap, Debian's
``bubblewrap`` package) with its own user, pid, mount, network, IPC and UTS namespaces:

* it is ``nobody`` (uid 65534) in a user namespace of its own and may create no further ones;
* it sees, read-only, only the system's libraries, Python's installation, the virtual environment
  and the course package's own folder (never ``solutions/`` beside it, never writable);
* it writes only to a private ``/tmp`` (a tmpfs with a size limit) that vanishes with it, where its
  ``HOME``, caches and working folder live; nothing it writes is read by a later run; the parsed
  course content comes from a cache the grader wrote afresh in this run, bound read-only;
* it has no network; it talks to the grader through ZeroMQ ``ipc`` sockets it makes in its own
  ``/tmp``, which the grader reaches through ``/proc/PID/root``: no host folder is writable from inside;
* its processes live in a pid namespace: it cannot see or signal the grader, other kernels or
  anything else, and when the kernel ends (or the grader dies: ``--die-with-parent``) every process it
  started, ``setsid`` children included, is killed with the namespace;
* limits: address space, CPU seconds, file size (set by :func:`.fork_server._apply_limits` inside)
  and processes (``RLIMIT_NPROC``, or a ``pids`` cgroup when the grader runs as root, as root's
  processes are exempt from ``RLIMIT_NPROC``).

    >>> "--unshare-all" in bwrap_arguments(Path("/tmp/kernel.json"), scratch_mb=64)
    True
"""
from __future__ import annotations

import contextlib
import functools
import itertools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Isolation", "Sandbox", "find_isolation", "prepare_cache", "nproc_counts_per_sandbox", "bwrap_arguments", "kernel_environment", "SANDBOX_UID",
           "SCRATCH", "PidsCgroup"]

SANDBOX_UID = 65534  # "nobody" inside the sandbox
SCRATCH = "/tmp"  # the sandbox's only writable folder (a tmpfs of its own)
SYSTEM_FOLDERS = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime", "/etc/fonts", "/etc/alternatives", "/etc/nsswitch.conf")


@dataclass(frozen=True)
class Isolation:
    """Which isolation tool grading can use here, and whether it works."""

    kind: str  # "bubblewrap" or "none"
    program: str | None
    version: str
    works: bool
    detail: str

    def describe(self) -> str:
        """One line for ``kpo-course doctor`` and the grader.

        >>> Isolation("none", None, "", False, "no bwrap").describe()
        'no isolation tool: no bwrap'
        """
        if self.kind == "none":
            return f"no isolation tool: {self.detail}"
        state = "works" if self.works else f"does not work here: {self.detail}"
        return f"{self.kind} {self.version} ({self.program}): {state}"


def course_package() -> Path:
    """The course package's own folder (only this is bound into the sandbox, not its parent)."""
    return Path(__file__).resolve().parent.parent


def _python_folders() -> list[str]:
    """Python's installation and the virtual environment (resolved: the venv's python is a symlink)."""
    folders = {str(Path(p).resolve()) for p in (sys.base_prefix, sys.prefix, sys.exec_prefix, sys.base_exec_prefix)}
    folders.add(str(Path(sys.executable).resolve().parent.parent))
    course_root = str(course_package().parent)  # where solutions/ may be: never bound, nor anything above it
    return sorted(f for f in folders if not (course_root + os.sep).startswith(f + os.sep))


CACHE = "/kpo-cache"  # where a sandbox sees the content cache the grader wrote in this run (read-only)
CONNECTION = f"{SCRATCH}/.kernel"  # the kernel's connection file (read-only) and its ipc sockets, inside


def bwrap_arguments(connection_file: Path | None, *, scratch_mb: int, uid: int = SANDBOX_UID,
                    cache: Path | None = None) -> list[str]:
    """The ``bwrap`` options for one kernel (the command follows ``--``). No host folder is writable:
    ``connection_file`` is bound read-only into :data:`CONNECTION`, where the kernel makes its ipc
    sockets in its own ``/tmp`` (the grader reaches them through ``/proc/PID/root``); ``cache``, if
    given, is bound read-only at :data:`CACHE`, and matplotlib's font list in it (see
    :func:`prepare_cache`) into the kernel's matplotlib folder."""
    args = ["--unshare-all", "--unshare-user", "--disable-userns", "--uid", str(uid), "--gid", str(uid),
            "--die-with-parent", "--new-session", "--hostname", "sandbox",
            # the scratch first: a course (and its .venv) that lives under /tmp is bound on top of it below
            "--size", str(int(scratch_mb) * 2**20), "--tmpfs", SCRATCH]
    for folder in SYSTEM_FOLDERS:
        args += ["--ro-bind-try", folder, folder]
    for path in SYSTEM_FILES:
        args += ["--ro-bind-try", path, path]
    for folder in _python_folders():
        args += ["--ro-bind", folder, folder]
    package = str(course_package())
    args += ["--ro-bind", package, package]
    args += ["--proc", "/proc", "--dev", "/dev",
             "--dir", f"{SCRATCH}/home", "--dir", f"{SCRATCH}/work", "--dir", CONNECTION,
             "--chdir", f"{SCRATCH}/work"]
    if connection_file is not None:
        args += ["--ro-bind", str(connection_file), f"{CONNECTION}/kernel.json"]
    if cache is not None:
        args += ["--ro-bind", str(cache), CACHE]
        for fonts in sorted(Path(cache).glob("matplotlib/fontlist-*.json")):
            args += ["--ro-bind", str(fonts), f"{SCRATCH}/home/.matplotlib/{fonts.name}"]
    # bwrap's own root and /dev are memory file systems without a size limit: read-only once set up
    return args + ["--remount-ro", "/dev", "--remount-ro", "/"]


def prepare_cache(cache: Path) -> None:
    """Fill ``cache`` (a new folder of this run) with matplotlib's font list, made by a fresh Python, so
    that no sandboxed kernel spends a second rebuilding it (the parsed content is stored there by the
    grader's own first load). Nothing here comes from an earlier run or a student.

    >>> prepare_cache(Path("/nonexistent/cache"))  # never raises: without it kernels build their own
    """
    folder = Path(cache) / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MPL", "PYTHON"))}
        env["MPLCONFIGDIR"] = str(folder)
        subprocess.run([sys.executable, "-I", "-c", "import matplotlib.font_manager"], env=env, timeout=120,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.SubprocessError):
        pass


def nproc_counts_per_sandbox(release: str | None = None) -> bool:
    """Whether ``RLIMIT_NPROC`` counts only the sandbox's processes: Linux 5.14 and later count it per
    user namespace ("Reimplement RLIMIT_NPROC on top of ucounts"); older kernels count every process of
    the user, so a small limit there would stop the instructor's own sandboxes.

    >>> nproc_counts_per_sandbox("5.14.0-1"), nproc_counts_per_sandbox("5.4.0-42-generic")
    (True, False)
    """
    import platform
    import re

    found = re.match(r"(\d+)\.(\d+)", release if release is not None else platform.release())
    return bool(found) and (int(found.group(1)), int(found.group(2))) >= (5, 14)


def kernel_environment(base: dict[str, str], cache: bool = False) -> dict[str, str]:
    """The environment a sandboxed kernel sees: ``base`` (the kernel settings) with every home, cache
    and temporary folder inside its private scratch; the content cache is the grader's read-only one
    (``cache``) or off.

    >>> kernel_environment({})["KPO_COURSE_CACHE"], kernel_environment({}, cache=True)["KPO_COURSE_CACHE"]
    ('off', '/kpo-cache')
    """
    home = f"{SCRATCH}/home"
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
           "HOME": home, "TMPDIR": SCRATCH, "KPO_COURSE_HOME": f"{home}/.kpo-course", "KPO_COURSE_CACHE": "off",
           "XDG_CACHE_HOME": f"{home}/.cache", "XDG_CONFIG_HOME": f"{home}/.config",
           "XDG_DATA_HOME": f"{home}/.local/share", "MPLCONFIGDIR": f"{home}/.matplotlib",
           "IPYTHONDIR": f"{home}/.ipython", "JUPYTER_RUNTIME_DIR": f"{home}/.jupyter-runtime",
           "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1"}
    if cache:
        env["KPO_COURSE_CACHE"] = CACHE
    env.update(base)
    return env


def _bwrap_version(program: str) -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        result = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=10)
        return result.stdout.strip().replace("bubblewrap", "").strip() or "?"
    return "?"


@functools.lru_cache(maxsize=None)
def find_isolation() -> Isolation:
    """Bubblewrap, if it is installed and can make a sandbox here (tried once: a Python inside it must
    print and see no network); otherwise ``kind="none"`` with the reason."""
    if not sys.platform.startswith("linux"):
        return Isolation("none", None, "", False, f"bubblewrap runs only on Linux (this is {sys.platform})")
    program = shutil.which("bwrap") or ("/usr/bin/bwrap" if os.access("/usr/bin/bwrap", os.X_OK) else None)
    if program is None:
        return Isolation("none", None, "", False, "bwrap (Debian/Ubuntu package bubblewrap) is not installed")
    version = _bwrap_version(program)
    import tempfile

    probe = "import socket, os; print('ok', os.getuid(), len(socket.if_nameindex()))"
    with tempfile.TemporaryDirectory(prefix="kpo-probe-") as comm:
        command = [program, *bwrap_arguments(None, scratch_mb=8), "--", sys.executable, "-I", "-c", probe]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=comm)
        except (OSError, subprocess.SubprocessError) as error:
            return Isolation("bubblewrap", program, version, False, str(error)[:200])
    words = result.stdout.split()
    if result.returncode != 0 or words[:2] != ["ok", str(SANDBOX_UID)]:
        reason = (result.stderr.strip().splitlines() or [f"exit code {result.returncode}"])[-1][:200]
        return Isolation("bubblewrap", program, version, False,
                         f"{reason} (unprivileged user namespaces may be switched off)")
    return Isolation("bubblewrap", program, version, True, "user, pid, mount and network namespaces")


class PidsCgroup:
    """A ``pids`` cgroup that caps how many processes one sandbox may have (used when the grader is
    root, whose processes ``RLIMIT_NPROC`` does not limit). :meth:`wrap` prefixes a command so that it
    moves itself into the group before it starts; :meth:`close` removes the group.

    >>> PidsCgroup.available() in (True, False)
    True
    """

    _counter = itertools.count()
    ROOTS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))

    @classmethod
    def _root(cls) -> Path | None:
        for root in cls.ROOTS:
            if (root / "cgroup.procs").exists() and os.access(root, os.W_OK):
                if root.name == "pids" or "pids" in _read(root / "cgroup.subtree_control").split():
                    return root
        return None

    @classmethod
    def available(cls) -> bool:
        return cls._root() is not None

    def __init__(self, max_pids: int) -> None:
        root = self._root()
        if root is None:
            raise OSError("no writable pids cgroup")
        self.path = root / f"kpo-grade-{os.getpid()}-{next(self._counter)}"
        self.path.mkdir()
        (self.path / "pids.max").write_text(str(int(max_pids)))

    def wrap(self, command: list[str]) -> list[str]:
        return ["/bin/sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', str(self.path), *command]

    def close(self) -> None:
        procs = self.path / "cgroup.procs"
        for pid in _read(procs).split():
            with contextlib.suppress(OSError, ValueError):
                os.kill(int(pid), 9)
        for _ in range(100):
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                import time
                time.sleep(0.02)


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


class Sandbox:
    """One kernel's sandbox: ``comm`` is the host folder it shares with the grader (created here, for
    this kernel alone). :meth:`command` wraps the kernel's command in ``bwrap`` (and, for root, a
    ``pids`` cgroup); :meth:`close` kills whatever is left in that cgroup and removes it.

        >>> box = Sandbox(Path("/tmp/comm"), program="/usr/bin/bwrap", scratch_mb=64)   # doctest: +SKIP
        >>> box.command(["python", "-m", "ipykernel_launcher"])[0]                       # doctest: +SKIP
        '/usr/bin/bwrap'

    (Skipped: it needs bubblewrap and, as root, makes a cgroup; tests/test_sandbox.py runs it.)
    """

    live: set["Sandbox"] = set()  # every sandbox not closed yet (closed all at once if the grader is stopped)

    def __init__(self, comm: Path, *, program: str, scratch_mb: int, max_processes: int | None = None,
                 cache: Path | None = None) -> None:
        self.comm, self.program, self.scratch_mb = Path(comm), program, int(scratch_mb)
        self.cache = cache if cache is not None and Path(cache).is_dir() else None
        self.comm.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.process: subprocess.Popen | None = None  # bwrap, once the kernel is launched
        self.cgroup: PidsCgroup | None = None
        if max_processes and os.geteuid() == 0 and PidsCgroup.available():
            with contextlib.suppress(OSError):
                self.cgroup = PidsCgroup(max_processes)
        Sandbox.live.add(self)

    @property
    def connection_file(self) -> Path:
        """The connection file as the grader writes it (bound read-only into the sandbox)."""
        return self.comm / "kernel.json"

    inside_ip = f"{CONNECTION}/k"  # the ipc socket prefix as the kernel sees it
    inside_connection_file = f"{CONNECTION}/kernel.json"

    def command(self, inner: list[str]) -> list[str]:
        command = [self.program, *bwrap_arguments(self.connection_file, scratch_mb=self.scratch_mb,
                                                  cache=self.cache), "--", *inner]
        return self.cgroup.wrap(command) if self.cgroup is not None else command

    async def host_ip(self, seconds: float = 10) -> str:
        """The ipc socket prefix as the grader reaches it: through the sandbox's first process's root."""
        import asyncio

        process = self.process
        deadline = asyncio.get_running_loop().time() + seconds
        while process is not None and process.poll() is None:
            children = _read(Path(f"/proc/{process.pid}/task/{process.pid}/children")).split()
            if children:
                return f"/proc/{children[0]}/root{self.inside_ip}"
            if asyncio.get_running_loop().time() > deadline:
                break
            await asyncio.sleep(0.005)
        return self.inside_ip  # bwrap did not start: the kernel will be reported dead

    def close(self) -> None:
        """Kill bwrap (its pid namespace, so every process in the sandbox, dies with it) and the cgroup."""
        process = self.process
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(process.pid, 9)  # bwrap was started in a session of its own
            with contextlib.suppress(Exception):
                process.wait(timeout=5)
        if self.cgroup is not None:
            self.cgroup.close()
            self.cgroup = None
        Sandbox.live.discard(self)

    @classmethod
    def close_all(cls) -> None:
        for sandbox in list(cls.live):
            with contextlib.suppress(Exception):
                sandbox.close()
