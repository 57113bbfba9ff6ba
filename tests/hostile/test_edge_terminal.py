"""The terminal closes and no SIGHUP reaches the trainer (a wrapper shell, `su`, a
ForceCommand script, `nohup`): reads return end of file, which must mean what a hang-up
means. The session so far is kept, the lock released, and the process gone within 2 s
instead of spinning at 100 % CPU. And the Textual internals this needs are pinned."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path

import textual
from ptyharness import PtyApp, start_trainer, trainer_command, trainer_env
from test_faults import SPEED, assert_partial_session_saved, into_the_second_rep
from userflow import TrainerUser

from trainer.exitcodes import EXIT_HANGUP
from trainer.ui.compat import TEXTUAL_VERSION

#: Runs its arguments as a child, as a login wrapper would: the wrapper leads the terminal's
#: session and ignores SIGHUP, so the kernel's hang-up never reaches the trainer.
NO_HANGUP_WRAPPER = (
    "import signal, subprocess, sys\n"
    "signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
    "sys.exit(subprocess.call(sys.argv[1:]))\n"
)
#: The brief: gone within two seconds of the terminal closing.
EXIT_DEADLINE_S = 2.0


def test_textual_is_the_version_the_internals_were_read_from() -> None:
    """Moving the pin must start with a reading of trainer/ui/compat.py."""
    assert textual.__version__ == TEXTUAL_VERSION, (
        f"Textual {textual.__version__} is installed; trainer/ui/compat.py was written "
        f"against {TEXTUAL_VERSION}: check every internal it lists, then update it"
    )


def test_a_terminal_closed_without_sighup_keeps_the_set_and_exits(tmp_path: Path) -> None:
    env = trainer_env(tmp_path, extra={"TRAINER_SPEED": str(SPEED)})
    argv = [sys.executable, "-c", NO_HANGUP_WRAPPER, *trainer_command()]
    user = TrainerUser(PtyApp(argv, env, cwd=tmp_path), tmp_path)
    try:
        into_the_second_rep(user)
        user.app.hang_up()  # close the terminal; only the wrapper is sent SIGHUP
        assert user.app.wait_exit(timeout=EXIT_DEADLINE_S) == EXIT_HANGUP
    finally:
        # On failure the trainer may outlive its wrapper, spinning: end the whole group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(user.app.pid, signal.SIGKILL)
        user.app.close()
    assert_partial_session_saved(tmp_path)  # and the lock was free to take


def test_an_escape_in_a_file_name_never_reaches_the_terminal(tmp_path: Path) -> None:
    """A damaged state file in a folder whose name holds an OSC title sequence: the
    problem screen names it, escaped; the window title is never set."""
    folder = tmp_path / "state\x1b]0;owned\x07"
    folder.mkdir()
    state = folder / "exercises.progress.toml"
    state.write_text("schema = 1\n[screening\n")
    app = start_trainer(tmp_path, "--state", str(state))
    try:
        app.wait_for("COULD NOT BE READ")
        app.wait_for_words("state\\x1b]0;owned\\x07")
        app.send("q")
        app.wait_exit()
    finally:
        app.close()
    assert b"]0;owned" not in bytes(app.output).replace(b"\\x1b]0;owned", b"")
