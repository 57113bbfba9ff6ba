"""When the terminal goes away: a dropped SSH connection, `kill`, or Ctrl+C.

Textual leaves SIGHUP and SIGTERM at their defaults, which end the process on the spot: the
set in progress is lost, the lock file stays behind and the terminal is left in raw mode.
Here each of them (and Ctrl+C, after a confirm) saves the session so far as still in
progress, so the next start offers to resume it, then exits through Textual, which restores
the terminal, with the shell's conventional status (128 + the signal number).

After a hang-up the terminal is gone and every write to it fails: `trainer.ui.driver` keeps
Textual's writer from dying of it (which would block the exit forever), and stdout and
stderr are pointed at /dev/null for whatever prints after the app; nobody is there to see.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from trainer.exitcodes import EXIT_HANGUP, EXIT_INTERRUPT, EXIT_TERMINATED

if TYPE_CHECKING:
    from textual.app import App


@runtime_checkable
class SavesWhenInterrupted(Protocol):
    """A screen holding work that must survive the process ending (the live session)."""

    def save_interrupted(self) -> None:
        """Saves the work so far as still in progress, including the set under way, so the
        next start offers to resume it. Must be quick and must not touch the terminal."""
        ...


def screens_with_work(app: App[Any]) -> list[SavesWhenInterrupted]:
    return [s for s in reversed(app.screen_stack) if isinstance(s, SavesWhenInterrupted)]


def has_work_in_progress(app: App[Any]) -> bool:
    return bool(screens_with_work(app))


def save_work_in_progress(app: App[Any]) -> None:
    """Asks every screen holding work to save it; one failing does not stop the others."""
    for screen in screens_with_work(app):
        try:
            screen.save_interrupted()
        except Exception as error:  # going down: report, go on
            from trainer.core.safe_text import escape_controls

            print(
                f"backtrainer: could not save the session: {escape_controls(str(error))}",
                file=sys.__stderr__,
            )


def silence_the_terminal() -> None:
    """Points stdout and stderr at /dev/null so writes to a hung-up terminal cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            os.dup2(devnull, fd)
    os.close(devnull)


def install_signal_handlers(on_signal: Callable[[int, bool], None]) -> None:
    """Routes SIGHUP, SIGTERM and SIGINT to `on_signal(exit_status, hung_up)` on the event
    loop, between two messages, so the session is never caught half-updated."""
    loop = asyncio.get_running_loop()
    for signum, status in (
        (signal.SIGHUP, EXIT_HANGUP),
        (signal.SIGTERM, EXIT_TERMINATED),
        (signal.SIGINT, EXIT_INTERRUPT),
    ):
        try:
            loop.add_signal_handler(signum, on_signal, status, signum == signal.SIGHUP)
        except (NotImplementedError, RuntimeError, ValueError):
            return  # not the main thread, or not a Unix event loop: Textual's defaults stay
