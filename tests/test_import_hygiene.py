"""The core, the command line and the plain commands never import Textual: they stay usable
(and fast to start) without the UI, and the boundary cannot erode unnoticed."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import trainer.cli
import trainer.core

#: The folder holding `support/` (the demo state), which the stats benchmarks load without a UI.
TESTS = Path(__file__).resolve().parent


def modules_of(package: object) -> list[str]:
    name = package.__name__  # type: ignore[attr-defined]
    return [m.name for m in pkgutil.walk_packages(package.__path__, f"{name}.")]  # type: ignore[attr-defined]


def test_there_are_core_modules_to_check() -> None:
    assert "trainer.core.catalogue.loader" in modules_of(trainer.core)
    assert "trainer.cli.check" in modules_of(trainer.cli)


def test_core_cli_and_commands_do_not_import_textual() -> None:
    modules = [
        "trainer.core",
        *modules_of(trainer.core),
        "trainer.cli",
        *modules_of(trainer.cli),
        "trainer.cli.main",
        "trainer.paths",
        "support.demo",
    ]
    script = "\n".join(
        [
            "import importlib, sys",
            f"sys.path.insert(0, {str(TESTS)!r})",
            *(f"importlib.import_module({m!r})" for m in modules),
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", f"Textual was imported: {result.stdout}"


def test_the_product_never_imports_the_tooling() -> None:
    """`support` (and every helper beside the tests) is not in the wheel: a product module
    importing one would work here and fail for everyone who installed the trainer."""
    import ast

    tooling = {p.stem for p in TESTS.glob("*.py")} | {"support", "tests"}
    offenders = []
    for path in sorted((TESTS.parent / "trainer").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in tooling]
    assert not offenders, offenders
