"""The grader's ties to jupyter_client and nbclient internals: each fails here, by name, when a library changes."""
from __future__ import annotations

import ast
import atexit
import inspect
from pathlib import Path

import pytest

from kpo_course.grading import library_ties

GRADING = Path(library_ties.__file__).parent


@pytest.mark.parametrize("owner, name", library_ties.TIES,
                         ids=[f"{owner.__name__}.{name}" for owner, name in library_ties.TIES])
def test_every_internal_the_grader_relies_on_still_exists(owner, name):
    assert hasattr(owner, name), f"{owner.__module__}.{owner.__name__} no longer has {name}: see library_ties.py"


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_overridden_methods_keep_the_signatures_the_overrides_assume():
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner
    from nbclient import NotebookClient

    assert _parameters(NotebookClient.output) == ["self", "outs", "msg", "display_id", "cell_index"]
    assert _parameters(NotebookClient._async_cleanup_kernel) == ["self"]  # _cleanup_kernel is its sync wrapper
    assert "cleanup_kc" in inspect.getsource(NotebookClient.async_setup_kernel)  # read from its **kwargs
    assert _parameters(AsyncKernelManager._async_launch_kernel)[:2] == ["self", "kernel_cmd"]
    assert _parameters(AsyncKernelManager.format_kernel_cmd) == ["self", "extra_arguments"]
    assert _parameters(LocalProvisioner.launch_kernel)[:2] == ["self", "cmd"]
    assert _parameters(LocalProvisioner.send_signal) == ["self", "signum"]
    assert inspect.iscoroutinefunction(AsyncKernelManager._async_pre_start_kernel)
    assert inspect.iscoroutinefunction(NotebookClient.async_start_new_kernel_client)


def test_nbclient_still_registers_the_exit_hook_the_grader_forgets():
    from nbclient import NotebookClient

    source = inspect.getsource(NotebookClient.async_setup_kernel)
    assert "atexit.register(self._cleanup_kernel)" in source, (
        "nbclient no longer registers _cleanup_kernel with atexit: forget_exit_hook and Client.abandoned "
        "may be unnecessary now (see library_ties.py)")


def test_forget_exit_hook_unregisters_exactly_that_hook(monkeypatch):
    from nbformat.v4 import new_notebook

    dropped = []
    monkeypatch.setattr(atexit, "unregister", dropped.append)
    client = library_ties.Client(new_notebook())
    library_ties.forget_exit_hook(client)
    assert dropped == [client._cleanup_kernel]


def test_jsonschema_still_imports_rfc3987_syntax_optionally():
    import jsonschema._format as formats

    source = inspect.getsource(formats)
    assert "rfc3987_syntax" in source, "jsonschema no longer imports rfc3987_syntax: import_nbformat's trick is moot"


def test_no_other_grading_module_subclasses_or_patches_a_library_class():
    offenders = []
    for path in sorted(GRADING.glob("*.py")):
        if path.name == "library_ties.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("jupyter_client", "nbclient"):
                names = {alias.name for alias in node.names}
                if names - {"CellTimeoutError", "DeadKernelError"}:  # exceptions are public API
                    offenders.append(f"{path.name}:{node.lineno} imports {sorted(names)}")
            if isinstance(node, ast.FunctionDef):
                offenders += [f"{path.name}:{inner.lineno} class {inner.name} built inside {node.name}()"
                              for inner in ast.walk(node) if isinstance(inner, ast.ClassDef)]
    assert not offenders, offenders


def test_grading_package_import_stays_light_for_sandboxed_kernels():
    import subprocess
    import sys

    code = ("import sys, kpo_course.grading.fork_server; "
            "print(sorted(m for m in ('jupyter_client', 'nbclient') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
