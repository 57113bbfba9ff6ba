"""The wheel ships the product and only the product: every module under `trainer/`, its
stylesheets and the bundled catalogue; no test, demo or screenshot helper (those live in
tests/support and scripts/, which serve the tests, the screenshots and the benchmarks)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: What is never product, wherever it sits: test modules and folders, the demo state, the
#: screenshot and steadying helpers.
TOOLING = re.compile(
    r"(^|/)(tests?|support|scripts|benchmarks)/|(^|/)(test_\w*|conftest|\w*_test|demo\w*"
    r"|\w*shots?|steady|ptyharness|userflow)\.py$"
)


def build_wheel(into: Path, scratch: Path) -> Path:
    """Builds from a copy of the tree, so the checkout gains no build/ or egg-info."""
    source = scratch / "source"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "build",
            "dist",
            "*.egg-info",
            "__pycache__",
            ".*_cache",
            ".hypothesis",
            "*.progress.*",
            ".*.progress.*",
            "snapshot_report.html",
        ),
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "--disable-pip-version-check",
            "--wheel-dir",
            str(into),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [wheel] = into.glob("backtrainer-*.whl")
    return wheel


def test_the_wheel_holds_the_product_and_nothing_else(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "wheel", tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    modules = sorted(name for name in names if name.endswith(".py"))
    assert "trainer/__init__.py" in modules and "trainer/ui/app.py" in modules
    assert [m for m in modules if not m.startswith("trainer/")] == []
    assert [m for m in modules if TOOLING.search(m)] == []
    wanted = {path.relative_to(REPO).as_posix() for path in (REPO / "trainer").rglob("*.tcss")}
    assert wanted, "no stylesheets found under trainer/"
    wanted.add("trainer/exercises.toml")
    assert sorted(wanted - names) == [], "missing from the wheel"


def test_the_tooling_pattern_catches_what_it_must() -> None:
    """The pattern above is the test's judgement: check it against the moved helpers."""
    caught = [
        "trainer/demo.py",
        "trainer/demo_history.py",
        "trainer/ui/session_shots.py",
        "trainer/ui/steady.py",
        "tests/support/demo.py",
        "trainer/test_x.py",
        "support/steady.py",
        "trainer/conftest.py",
    ]
    product = [
        "trainer/ui/app.py",
        "trainer/core/session/machine.py",
        "trainer/ui/screens/stats.py",
        "trainer/core/store/codec.py",
        "trainer/cli/export.py",
    ]
    assert [name for name in caught if not TOOLING.search(name)] == []
    assert [name for name in product if TOOLING.search(name)] == []
