"""The safety policy on every path a person can take, with keys, as they would press them.

Each reproduction from the safety issue is here: a red flag given in a screening left
half-way (by every way out), severe pain at the screening and before a session, pain that
rose during a session, a pain stop cut off by a dropped connection, and a second, read-only
trainer. The state is a real file store, reopened as a new process would.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from catalogue_factory import NOW, catalogue, screening
from session_plans import two_exercise_plan
from textual.pilot import Pilot

from trainer.core.actions import safety_status
from trainer.core.records import (
    CheckBack,
    Clearance,
    ExerciseProgress,
    PainRise,
    PainStop,
    RedFlagAnswer,
    SeverePain,
)
from trainer.core.session.clock import FakeClock
from trainer.core.store.files import FileStore, open_store
from trainer.core.store.protocol import MemoryStore, Store
from trainer.exitcodes import EXIT_HANGUP
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions
from trainer.ui.screens.check_back import CheckBackScreen
from trainer.ui.screens.clinician import SeeClinicianScreen
from trainer.ui.screens.confirm import ConfirmScreen
from trainer.ui.screens.interrupt import InterruptScreen
from trainer.ui.screens.message import MessageScreen
from trainer.ui.screens.pain_rating import PainRatingScreen
from trainer.ui.screens.plans import PlansScreen
from trainer.ui.screens.resume import ResumeScreen
from trainer.ui.screens.screening import ScreeningScreen
from trainer.ui.screens.session import SessionScreen
from trainer.ui.screens.session_pain import PainStopScreen
from trainer.ui.screens.session_summary import SessionSummaryScreen
from trainer.ui.screens.urgent import UrgentScreen
from trainer.ui.widgets.notice_banner import banner_text

SIZE = (80, 24)
CATALOGUE = catalogue()


def state_path(tmp_path: Path) -> Path:
    return tmp_path / "exercises.progress.toml"


def screened_store(tmp_path: Path, *, taken_ago: timedelta = timedelta(days=2)) -> FileStore:
    """A writable store over a clear screening, as a person who has trained before."""
    store = open_store(state_path(tmp_path))
    store.save_screening(screening(taken=NOW - taken_ago))
    return store


def app_on(store: Store, clock: FakeClock | None = None) -> TrainerApp:
    return TrainerApp(CATALOGUE, store, clock or FakeClock(start=NOW), AppOptions(bell=False))


def reopened(tmp_path: Path) -> FileStore:
    """The same files, as the next process would find them."""
    return open_store(state_path(tmp_path))


def text_of(app: TrainerApp) -> str:
    return " ".join(str(widget.render()) for widget in app.screen.query("Static"))


async def rescreen_with_an_urgent_yes(pilot: Pilot[Any]) -> None:
    """From the plans: s, then y to "Have you lost control of your bladder or bowels?"."""
    app = pilot.app
    await pilot.pause()
    assert isinstance(app.screen, PlansScreen)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, ScreeningScreen)
    await pilot.press("y")
    await pilot.pause()
    assert isinstance(app.screen, ScreeningScreen) and app.screen.step == 1


# --------------------------------------------------------------------------- reproduction 1


async def test_an_urgent_yes_is_kept_before_the_next_question_shows(tmp_path: Path) -> None:
    store = screened_store(tmp_path)
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await rescreen_with_an_urgent_yes(pilot)
        # Whatever happens now (a crash, a pulled plug), the file already holds it.
        on_disk = open_store(state_path(tmp_path))
        try:
            assert [type(e) for e in on_disk.safety_events()] == [RedFlagAnswer]
        finally:
            on_disk.close()
    store.close()


async def test_escape_out_of_a_rescreening_keeps_the_urgent_yes(tmp_path: Path) -> None:
    store = screened_store(tmp_path)
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await rescreen_with_an_urgent_yes(pilot)
        await pilot.press("escape", "escape")  # back to question 1, then out
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)
        assert "bladder or bowels" in text_of(app)
        await pilot.press("enter", "n", "enter")  # the keys that used to start a session
        await pilot.pause()
        assert not any(isinstance(s, SessionScreen) for s in app.screen_stack)
        assert isinstance(app.screen, UrgentScreen)
    store.close()
    again = reopened(tmp_path)
    try:
        status = safety_status(CATALOGUE, again, NOW)
        assert status.urgent and not status.may_start
    finally:
        again.close()


@pytest.mark.parametrize(
    "leave",
    [("q",), ("ctrl+q",), ("ctrl+c", "y"), ("hang-up",)],
    ids=["q", "ctrl+q", "ctrl+c", "hang-up"],
)
async def test_every_way_out_of_the_screening_keeps_the_yes(
    tmp_path: Path, leave: tuple[str, ...]
) -> None:
    store = screened_store(tmp_path)
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await rescreen_with_an_urgent_yes(pilot)
        if leave == ("hang-up",):
            app.on_fault_signal(EXIT_HANGUP, hung_up=False)
        else:
            await pilot.press(leave[0])
            await pilot.pause()
            if leave[0] == "ctrl+c":
                assert isinstance(app.screen, InterruptScreen)
                await pilot.press(*leave[1:])
        await pilot.pause()
    store.close()
    # The next start: straight to the urgent screen, whatever was on file before.
    again = reopened(tmp_path)
    next_app = app_on(again)
    async with next_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(next_app.screen, UrgentScreen)
        assert next_app.session_refusal() is not None
    again.close()


async def test_only_a_completed_screening_without_the_yes_lifts_it(tmp_path: Path) -> None:
    store = screened_store(tmp_path)
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await rescreen_with_an_urgent_yes(pilot)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)
        await pilot.press("s")  # again, and this time every answer no, to the end
        await pilot.pause()
        questions = len(CATALOGUE.screening)
        await pilot.press(*["n"] * questions, "2", "enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert app.session_refusal() is None
    store.close()


async def test_a_see_clinician_yes_left_half_way_needs_a_clearance(tmp_path: Path) -> None:
    store = screened_store(tmp_path)
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "n", "y")  # no to the urgent one, yes to recent surgery
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SeeClinicianScreen)
        assert "surgery" in text_of(app)
        await pilot.press("c", "y")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert any(isinstance(e, Clearance) for e in store.safety_events())
    store.close()


# --------------------------------------------------------------------------- reproduction 2


async def test_pain_nine_at_the_screening_is_a_red_flag_in_words() -> None:
    store = MemoryStore()
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*["n"] * len(CATALOGUE.screening), "9", "enter")
        # Kept the moment it is given, before the level question shows.
        assert [type(e) for e in store.safety_events()] == [SeverePain]
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SeeClinicianScreen)
        shown = text_of(app)
        assert "Pain now: 9 out of 10" in shown
        assert "severe, sudden, or getting worse" in shown
        assert app.session_refusal() is not None


async def test_pain_nine_before_a_session_refuses_it_and_says_why(tmp_path: Path) -> None:
    store = screened_store(tmp_path)
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, PainRatingScreen)
        await pilot.press("9", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        shown = text_of(app)
        assert "9 out of 10 is severe pain" in shown
        assert "medical professional" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SeeClinicianScreen)
        assert not any(isinstance(s, SessionScreen) for s in app.screen_stack)
    store.close()
    again = reopened(tmp_path)
    try:
        [event] = again.safety_events()
        assert isinstance(event, SeverePain) and event.moment == "before"
        assert not safety_status(CATALOGUE, again, NOW).may_start
    finally:
        again.close()


async def test_pain_risen_since_the_screening_asks_anything_new_in_earnest(
    tmp_path: Path,
) -> None:
    store = screened_store(tmp_path, taken_ago=timedelta(minutes=10))  # its pain: 2
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question").render())
        assert "Your pain is 5 out of 10 now; it was 2 at your screening" in question
    store.close()


async def test_no_anything_new_question_just_after_a_screening(tmp_path: Path) -> None:
    store = screened_store(tmp_path, taken_ago=timedelta(seconds=30))
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # the screening's rating is offered; keep it
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
    store.close()


# --------------------------------------------------------------------------- reproduction 3


async def finish_with_a_pain_stop(pilot: Pilot[Any], clock: FakeClock) -> SessionSummaryScreen:
    """The two-exercise plan: pain 2 before, a sharp pain stop, marked too hard, ended."""
    app = pilot.app
    assert isinstance(app, TrainerApp)
    assert app.start_session(two_exercise_plan(), pain_before=2)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    clock.advance(6)
    screen.update_session()
    await pilot.press("h", "p")
    await pilot.pause()
    assert isinstance(app.screen, PainStopScreen)
    await pilot.press("s", "e")
    await pilot.pause()
    assert isinstance(app.screen, SessionSummaryScreen)
    return app.screen


async def test_pain_that_rose_is_named_and_acted_on(tmp_path: Path) -> None:
    clock = FakeClock(start=NOW)
    store = screened_store(tmp_path)
    # Above its floor (5 s x 3), so there is a step to go back.
    store.save_progress(ExerciseProgress("knee-to-chest", hold_s=9, reps=3, sets=1, rest_s=0), None)
    app = app_on(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await finish_with_a_pain_stop(pilot, clock)
        await pilot.press("4", "enter")
        await pilot.pause()
        shown = text_of(app)
        assert "Increased pain is not normal" in shown
        assert "rose from 2 to 4" in shown
        assert "15 minutes" in shown
        assert "Saved. No changes" not in shown
        assert "Changes to your plan" in shown
        assert "(15 minutes after the pain stop)" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        suggestion = str(app.screen.query_one("#plans-suggestion").render())
        assert "rest or gentle stretching" in suggestion
        assert "strength session" not in suggestion
    kinds = [type(e) for e in store.safety_events()]
    assert PainStop in kinds and PainRise in kinds
    store.close()


async def test_the_check_back_asks_fifteen_minutes_after_a_pain_stop(tmp_path: Path) -> None:
    clock = FakeClock(start=NOW)
    store = screened_store(tmp_path)
    app = app_on(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await finish_with_a_pain_stop(pilot, clock)
        await pilot.press("2", "enter", "enter")  # pain as before: no rise
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        clock.advance(15 * 60)
        app.schedule_check_back()  # what the timer does when the 15 minutes are up
        await pilot.pause()
        assert isinstance(app.screen, CheckBackScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert "contact your doctor" in text_of(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SeeClinicianScreen)
        assert app.session_refusal() is not None
    answers = [e for e in store.safety_events() if isinstance(e, CheckBack)]
    assert [a.still_hurts for a in answers] == [True]
    store.close()


# --------------------------------------------------------------------------- reproduction 4


async def test_a_pain_stop_cut_off_by_a_dropped_connection_is_never_lost(
    tmp_path: Path,
) -> None:
    clock = FakeClock(start=NOW)
    store = screened_store(tmp_path)
    app = app_on(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.start_session(two_exercise_plan(), pain_before=2)
        await pilot.pause()
        clock.advance(6)
        app.screen.update_session()  # type: ignore[attr-defined]
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PainStopScreen)
        app.on_fault_signal(EXIT_HANGUP, hung_up=False)  # the connection drops here
        await pilot.pause()
    store.close()

    clock.advance(60)
    again = reopened(tmp_path)
    next_app = app_on(again, clock)
    async with next_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(next_app.screen, ResumeScreen)
        shown = text_of(next_app)
        assert "You stopped for pain in Knee to chest" in shown
        assert "15 minutes" in shown
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(next_app.screen, PainRatingScreen)  # closing asks pain now
        await pilot.press("3", "enter")
        await pilot.pause()
        assert isinstance(next_app.screen, PlansScreen)
        suggestion = str(next_app.screen.query_one("#plans-suggestion").render())
        assert "rest or gentle stretching" in suggestion
        assert "You stopped for pain today" in suggestion
    kinds = [type(e) for e in again.safety_events()]
    assert PainStop in kinds
    assert [s.pain_after for s in again.sessions()] == [3]
    again.close()


# --------------------------------------------------------------------------- reproduction 5


async def test_a_read_only_trainer_asks_no_screening_question(tmp_path: Path) -> None:
    first = screened_store(tmp_path)
    second = open_store(state_path(tmp_path))  # the lock is taken: read-only
    assert second.read_only_reason is not None
    app = app_on(second)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        shown = text_of(app)
        assert "cannot be taken in this trainer" in shown
        assert "Have you lost control" not in shown  # refused before the first question
        await pilot.press("y", "y")
        await pilot.pause()
        assert app.screen.step == 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ScreeningScreen)
    assert first.safety_events() == []
    second.close()
    first.close()


async def test_a_read_only_trainer_sees_the_writers_red_flag(tmp_path: Path) -> None:
    first = screened_store(tmp_path)
    second = open_store(state_path(tmp_path))
    first.record_safety_event(RedFlagAnswer(NOW, "bladder-bowel", "urgent"))
    assert safety_status(CATALOGUE, second, NOW).urgent
    second.close()
    first.close()


# --------------------------------------------------------------------------- the palette


async def test_the_palette_plans_command_follows_the_policy(tmp_path: Path) -> None:
    store = screened_store(tmp_path)
    store.record_safety_event(RedFlagAnswer(NOW, "bladder-bowel", "urgent"))
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Plans", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)
        assert app.session_refusal() is not None
    store.close()


# --------------------------------------------------------------------------- a full disk


class FullDisk(MemoryStore):
    """Every safety event fails to save, as on a full disk."""

    def record_safety_event(self, event) -> None:  # type: ignore[no-untyped-def]
        import errno

        raise OSError(errno.ENOSPC, "No space left on device")


async def test_a_yes_that_cannot_be_saved_still_counts_while_the_trainer_is_open() -> None:
    store = FullDisk()
    store.save_screening(screening(taken=NOW - timedelta(days=2)))
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await rescreen_with_an_urgent_yes(pilot)
        assert "could not be saved" in banner_text(app.screen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)
        assert app.session_refusal() is not None


async def test_a_check_back_not_yet_due_waits_for_its_time(tmp_path: Path) -> None:
    store = screened_store(tmp_path)
    store.record_safety_event(PainStop(NOW - timedelta(minutes=5), "s1", "bridge", "sharp"))
    app = app_on(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)  # not asked yet: 10 minutes to go
        assert app.check_back.timer is not None
    store.close()
