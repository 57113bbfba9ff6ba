"""The core, the command line and the plain commands never import Textual: they stay usable
(and fast to start) without the UI, and the boundary cannot erode unnoticed."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import trainer.commands
import trainer.core


def modules_of(package: object) -> list[str]:
    name = package.__name__  # type: ignore[attr-defined]
    return [m.name for m in pkgutil.walk_packages(package.__path__, f"{name}.")]  # type: ignore[attr-defined]


def test_there_are_core_modules_to_check() -> None:
    assert "trainer.core.catalogue" in modules_of(trainer.core)
    assert "trainer.commands.check" in modules_of(trainer.commands)


def test_core_cli_and_commands_do_not_import_textual() -> None:
    modules = [
        "trainer.core", *modules_of(trainer.core),
        "trainer.commands", *modules_of(trainer.commands),
        "trainer.cli", "trainer.paths", "trainer.demo",
    ]
    script = "\n".join(
        ["import importlib, sys", *(f"importlib.import_module({m!r})" for m in modules),
         "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"]
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", f"Textual was imported: {result.stdout}"
