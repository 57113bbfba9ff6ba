"""The exit statuses are declared once, and the signal ones match what a shell reports."""

from __future__ import annotations

import re
import signal
from pathlib import Path

from trainer import exitcodes

TRAINER = Path(__file__).resolve().parent.parent / "trainer"


def test_signal_statuses_are_128_plus_the_signal() -> None:
    assert exitcodes.EXIT_HANGUP == 128 + signal.SIGHUP
    assert exitcodes.EXIT_INTERRUPT == 128 + signal.SIGINT
    assert exitcodes.EXIT_CLOSED_PIPE == 128 + signal.SIGPIPE
    assert exitcodes.EXIT_TERMINATED == 128 + signal.SIGTERM


def test_no_module_declares_an_exit_status_of_its_own() -> None:
    declared = [
        f"{path.relative_to(TRAINER)}: {line.strip()}"
        for path in sorted(TRAINER.rglob("*.py"))
        if path.name != "exitcodes.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*EXIT_\w+\s*(:[^=]*)?=", line)
    ]
    assert declared == []
