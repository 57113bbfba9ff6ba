"""`run.py`: a plain start installs the trainer alone, `run.py test` the test tools too, and
the check runs on parallel workers unless the caller chose how."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

RUN_PY = Path(__file__).resolve().parent.parent / "run.py"


@pytest.fixture
def run_py(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_py_under_test", RUN_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "STAMP", tmp_path / "stamp")
    return module


def test_the_suite_runs_on_parallel_workers_by_default(run_py: ModuleType) -> None:
    args = run_py._pytest_args(["-k", "session", "-p", "no:cacheprovider"])
    assert args[:2] == ["-n", "auto"]
    assert args[-4:] == ["-k", "session", "-p", "no:cacheprovider"]


@pytest.mark.parametrize(
    "chosen",
    [["-n", "0"], ["-n0"], ["--numprocesses=3"], ["--dist", "loadfile"], ["-p", "no:xdist"]],
)
def test_the_callers_choice_of_workers_is_kept(run_py: ModuleType, chosen: list[str]) -> None:
    assert run_py._pytest_args(chosen) == chosen


def test_the_stamp_names_the_extras_installed(run_py: ModuleType) -> None:
    assert run_py._installed_extras() is None  # nothing installed yet
    run_py.STAMP.write_text(f"{run_py._pyproject_hash()} ")
    assert run_py._installed_extras() == set()  # the trainer alone
    run_py.STAMP.write_text(f"{run_py._pyproject_hash()} test")
    assert run_py._installed_extras() == {"test"}
    run_py.STAMP.write_text("0" * 64 + " test")  # another pyproject: install again
    assert run_py._installed_extras() is None
