"""A dropped connection, `kill` or Ctrl+C in the middle of a hold loses nothing.

These run the real `trainer` in a pseudo-terminal (see ptyharness), drive it with keys into
a hold, end it the way the world would, and read the state it left behind with the store.
TRAINER_SPEED shortens every hold and rest so a test takes seconds.
"""

from __future__ import annotations

import signal
import termios
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ptyharness import PtyApp
from userflow import TrainerUser

from trainer.core.catalogue.model import Catalogue
from trainer.core.records import SessionRecord
from trainer.core.store.files import open_store
from trainer.core.store.protocol import MemoryStore
from trainer.exitcodes import EXIT_HANGUP, EXIT_INTERRUPT, EXIT_TERMINATED
from trainer.ui.app import TrainerApp
from trainer.ui.screens.interrupt import InterruptScreen

SPEED = 5.0


@pytest.fixture
def user(tmp_path: Path) -> Iterator[TrainerUser]:
    person = TrainerUser.start(tmp_path, speed=SPEED)
    yield person
    person.app.close()


def state_path(workdir: Path) -> Path:
    return workdir / "exercises.progress.toml"


def saved_interrupted_session(workdir: Path) -> SessionRecord | None:
    """Reads the state as the next start would; opening it also proves the lock is free."""
    store = open_store(state_path(workdir))
    try:
        assert store.read_only_reason is None, "the lock was not released"
        return store.interrupted_session()
    finally:
        store.close()


def into_the_second_rep(user: TrainerUser) -> None:
    """Screening, a plan, and on into a hold: one rep done, the second under way."""
    user.answer_screening()
    user.start_highlighted_plan()
    user.wait_for("HOLD", "rep 2 of")


def assert_partial_session_saved(workdir: Path) -> None:
    record = saved_interrupted_session(workdir)
    assert record is not None, "no unfinished session was saved"
    assert record.status == "in-progress"
    first = record.exercises[0]
    assert len(first.sets) == 1, "the set under way was not written down"
    partial = first.sets[0]
    assert 1 <= partial.reps_done < partial.reps_target
    assert partial.seconds_held > 0


def assert_terminal_restored(app: PtyApp) -> None:
    """Cooked mode again (echo and line editing on), cursor shown, main screen back."""
    modes = app.terminal_modes()
    assert modes is not None
    local_flags = modes[3]
    assert local_flags & termios.ECHO and local_flags & termios.ICANON
    tail = bytes(app.output[-400:])
    assert b"\x1b[?1049l" in tail and b"\x1b[?25h" in tail


def test_sighup_in_a_hold_saves_the_session_so_far_and_releases_the_lock(
    user: TrainerUser, tmp_path: Path
) -> None:
    into_the_second_rep(user)
    user.app.signal(signal.SIGHUP)
    assert user.app.wait_exit() == EXIT_HANGUP
    assert_partial_session_saved(tmp_path)


def test_a_dropped_connection_in_a_hold_saves_the_session_so_far(
    user: TrainerUser, tmp_path: Path
) -> None:
    """The terminal itself goes away (as when sshd closes it): reads and writes fail."""
    into_the_second_rep(user)
    user.app.hang_up()
    assert user.app.wait_exit() == EXIT_HANGUP
    assert_partial_session_saved(tmp_path)


def test_sigterm_in_a_hold_saves_the_session_and_restores_the_terminal(
    user: TrainerUser, tmp_path: Path
) -> None:
    into_the_second_rep(user)
    user.app.signal(signal.SIGTERM)
    assert user.app.wait_exit() == EXIT_TERMINATED
    assert_terminal_restored(user.app)
    assert_partial_session_saved(tmp_path)


def test_ctrl_c_in_a_hold_asks_first_then_saves_and_exits(
    user: TrainerUser, tmp_path: Path
) -> None:
    into_the_second_rep(user)
    user.app.send("ctrl+c")
    user.wait_for("Stop the session and quit?")
    user.app.send("y")
    assert user.app.wait_exit() == EXIT_INTERRUPT
    assert_terminal_restored(user.app)
    assert_partial_session_saved(tmp_path)


def test_ctrl_q_in_a_hold_quits_at_once_and_keeps_the_session_so_far(
    user: TrainerUser, tmp_path: Path
) -> None:
    """Textual's own quit key: no question, but nothing is lost either."""
    into_the_second_rep(user)
    user.app.send("ctrl+q")
    assert user.app.wait_exit() == 0
    assert_terminal_restored(user.app)
    assert_partial_session_saved(tmp_path)


def test_the_next_start_offers_to_resume_the_interrupted_session(
    user: TrainerUser, tmp_path: Path
) -> None:
    into_the_second_rep(user)
    user.app.signal(signal.SIGHUP)
    assert user.app.wait_exit() == EXIT_HANGUP

    again = TrainerUser.start(tmp_path, speed=SPEED)
    try:
        again.wait_for("A SESSION WAS INTERRUPTED", "r  resume")
        again.app.send("r")
        again.wait_for("exercise 1 of")
    finally:
        again.app.close()


def test_sigterm_before_any_session_just_exits(user: TrainerUser, tmp_path: Path) -> None:
    user.app.wait_until(TrainerUser.first_screen_ready, what="the first screen")
    user.app.signal(signal.SIGTERM)
    assert user.app.wait_exit() == EXIT_TERMINATED
    assert_terminal_restored(user.app)
    assert saved_interrupted_session(tmp_path) is None


# --- the same rules in-process, where the screens can be inspected ----------------------------


def quiet_app() -> TrainerApp:
    catalogue = Catalogue(
        path=Path("exercises.toml"), schema=1, exercises={}, screening=(), avoid={}, plans={}
    )
    from trainer.core.session.clock import FakeClock

    return TrainerApp(catalogue, MemoryStore(), clock=FakeClock(datetime(2025, 3, 1, tzinfo=UTC)))


async def test_ctrl_c_answered_no_goes_on() -> None:
    app = quiet_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        under = app.screen
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, InterruptScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is under
        assert app.is_running


async def test_a_second_ctrl_c_means_yes() -> None:
    app = quiet_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == EXIT_INTERRUPT
