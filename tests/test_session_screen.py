"""The session screen driven with keys, as a person would, on a fake clock that only moves
when the test says so (then the screen is asked to catch up, as its timer would)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from session_plans import two_exercise_plan
from support.demo import demo_clock, demo_store
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static

from trainer.core.catalogue.model import Catalogue
from trainer.core.records import ScreeningRecord
from trainer.core.session.clock import FakeClock
from trainer.core.session.view import Phase
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions
from trainer.ui.screens.confirm import ConfirmScreen
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.session import SessionScreen
from trainer.ui.screens.session_pain import PainStopScreen
from trainer.ui.screens.session_summary import SessionSummaryScreen
from trainer.ui.widgets.big_number import BigNumber, Glyph

SIZE = (80, 24)


def make_app(
    catalogue: Catalogue, *, store: MemoryStore | None = None, **options: Any
) -> tuple[TrainerApp, FakeClock, MemoryStore]:
    clock = demo_clock()
    store = store if store is not None else demo_store(catalogue)
    return TrainerApp(catalogue, store, clock, AppOptions(**options)), clock, store


#: The first exercise's get-ready is the longer one of a change of position (the app's 10 s):
#: the person gets down onto the floor for it.
FIRST = 10


async def start(pilot: Pilot[Any], pain: str | None = "2") -> SessionScreen:
    """As from the plans: pain first, then "anything new?" (the demo screening is two days
    old), then the session."""
    app = pilot.app
    assert isinstance(app, TrainerApp)
    app.prepare_session(two_exercise_plan())
    await pilot.pause()
    if pain is None:
        await pilot.press("escape")
    else:
        await pilot.press(pain, "enter")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, SessionScreen)
    return app.screen


async def advance(pilot: Pilot[Any], clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    screen = pilot.app.screen
    if isinstance(screen, SessionScreen):
        screen.update_session()
    await pilot.pause()


def text(screen: Any, widget_id: str) -> str:
    return str(screen.query_one(f"#{widget_id}", Static).content)


def phase(screen: SessionScreen) -> Phase:
    assert screen.machine is not None
    return screen.machine.phase


async def test_a_two_exercise_plan_runs_end_to_end_with_keys(bundled_catalogue):
    app, clock, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, pain="2")
        assert text(screen, "session-name") == "Knee to chest"
        assert text(screen, "session-phase") == "GET READY · LEFT SIDE"
        assert screen.query_one(BigNumber).text == str(FIRST)
        await pilot.press("enter")  # start now
        assert phase(screen) is Phase.HOLD
        assert text(screen, "session-reps").startswith("rep 1 of 2")
        await advance(pilot, clock, 10 + 3 + 10)
        assert text(screen, "session-phase") == "SWITCH TO YOUR RIGHT SIDE"
        saved = store.interrupted_session()
        assert saved is not None and [s.side for s in saved.exercises[0].sets] == ["left"]
        await advance(pilot, clock, 5 + 23)
        assert text(screen, "session-name") == "Bridge"
        await advance(pilot, clock, 5)
        assert phase(screen) is Phase.REPS
        assert not screen.timers_running  # waiting for a key: nothing ticks
        await pilot.press("enter", "enter", "enter")
        assert phase(screen) is Phase.REST
        assert text(screen, "session-sets") == "set 2 of 2"
        await pilot.press("enter")  # end the rest early
        await pilot.press("enter", "enter")
        assert text(screen, "session-reps").startswith("2 of 3 reps done")
        await pilot.press("enter")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SessionSummaryScreen)
        lines = text(summary, "summary-lines")
        assert "Knee to chest" in lines and "Bridge" in lines and "✓" in lines
        await pilot.press("1", "enter")  # pain now
        assert "Pain now: 1 out of 10 (before the session: 2)" in text(summary, "summary-changes")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PlansScreen"
    [session] = store.sessions()
    assert session.status == "completed"
    assert (session.pain_before, session.pain_after) == (2, 1)
    assert [e.exercise_id for e in session.exercises] == ["knee-to-chest", "bridge"]
    assert all(e.done_in_full for e in session.exercises)
    assert store.interrupted_session() is None


async def test_pain_stop_asks_the_kind_shows_the_advice_then_goes_on(bundled_catalogue):
    app, clock, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, 5 + 4)
        await pilot.press("p")
        assert isinstance(app.screen, PainStopScreen)
        saved = store.interrupted_session()
        assert saved is not None and saved.exercises[0].pain_stop == "other"  # kept at once
        await pilot.press("r")
        saved = store.interrupted_session()
        assert saved is not None and saved.exercises[0].pain_stop == "radiating"
        advice = str(app.screen.query_one("#pain-advice-text", Static).content)
        assert "15 minutes" in advice and "contact your doctor" in advice
        assert advice.count("•") == len(bundled_catalogue.guidance["stop"])
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert text(screen, "session-name") == "Bridge"
        assert phase(screen) is Phase.GET_READY
        assert screen.timers_running
        await pilot.press("p", "o", "e")
        await pilot.pause()
        assert isinstance(app.screen, SessionSummaryScreen)
        assert "stopped for radiating pain" in text(app.screen, "summary-lines")
        assert "15 minutes" in text(app.screen, "summary-pain-note")
        await pilot.press("escape")  # no pain rating: filed anyway
    [session] = store.sessions()
    assert session.stopped_for_pain == ["knee-to-chest", "bridge"]
    assert session.pain_after is None


async def test_u_takes_back_a_pain_stop_pressed_by_mistake(bundled_catalogue):
    app, clock, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, 5 + 4)
        name = text(screen, "session-name")
        await pilot.press("p")
        assert isinstance(app.screen, PainStopScreen)
        await pilot.press("u")
        await pilot.pause()
        assert app.screen is screen
        assert text(screen, "session-name") == name  # the same exercise, from a get-ready
        assert phase(screen) is Phase.GET_READY
        assert screen.timers_running
        saved = store.interrupted_session()
        assert saved is not None and saved.exercises[0].pain_stop is None
        await pilot.press("p", "s")  # once a kind is given, the stop is no mistake
        await pilot.press("u")
        assert isinstance(app.screen, PainStopScreen)
        saved = store.interrupted_session()
        assert saved is not None and saved.exercises[0].pain_stop == "sharp"


async def test_the_pain_advice_falls_back_on_the_articles_when_the_catalogue_has_none(
    bundled_catalogue,
):
    from dataclasses import replace

    quiet = replace(bundled_catalogue, guidance={})
    app, _, _ = make_app(quiet)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("p", "s")
        advice = str(app.screen.query_one("#pain-advice-text", Static).content)
        assert "sharp or radiating pain" in advice
        assert "increased pain is not" in advice
        assert "more than 15 minutes" in advice


async def test_quit_asks_first_and_keeps_what_was_done(bundled_catalogue):
    app, clock, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, FIRST + 23 + 5 + 2)  # the left side done, 2 s into the right
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        assert screen.machine is not None and screen.machine.paused  # a dialog stops time
        clock.advance(60)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and not screen.machine.paused
        assert screen.machine.view().remaining_s == 8.0
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SessionSummaryScreen)
        assert "Session ended early" in text(app.screen, "summary-title")
        assert "Not reached: Bridge" in text(app.screen, "summary-lines")
        await pilot.press("q")  # files the session; never quits the app from here
        await pilot.pause()
        assert isinstance(app.screen, SessionSummaryScreen)
    [session] = store.sessions()
    assert session.status == "interrupted"
    sets = session.exercises[0].sets
    assert [(s.side, s.reps_done, s.seconds_held) for s in sets] == [
        ("left", 2, 20.0),
        ("right", 0, 2.0),
    ]


async def test_pause_stops_time_and_every_timer(bundled_catalogue):
    app, clock, _ = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, FIRST + 2)
        assert screen.timers_running
        await pilot.press("space")
        assert not screen.timers_running
        assert text(screen, "session-phase") == "PAUSED · HOLD · LEFT SIDE"
        await advance(pilot, clock, 100)
        assert screen.query_one(BigNumber).text == "8"
        await pilot.press("space")
        assert screen.timers_running
        await advance(pilot, clock, 8)
        assert phase(screen) is Phase.RELAX


async def test_help_and_dialogs_pause_the_session(bundled_catalogue):
    app, clock, _ = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, FIRST + 1)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys", Static).content)
        for words in (
            "Pause",
            "Skip",
            "Back",
            "+15 s",
            "mark this exercise too easy",
            "mark this exercise too hard",
            "it hurts",
            "Quit",
            "Rep done",
        ):
            assert words in keys
        clock.advance(30)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.machine is not None and screen.machine.paused  # resumed by the person
        await pilot.press("space")
        assert not screen.machine.paused
        assert screen.machine.view().remaining_s == 9.0


async def test_skip_and_back_move_between_exercises(bundled_catalogue):
    app, _, _ = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("s")
        assert text(screen, "session-name") == "Bridge"
        assert text(screen, "session-next") == "Last exercise of the session"
        await pilot.press("b")
        assert text(screen, "session-name") == "Knee to chest"
        assert screen.machine is not None
        assert not screen.machine.record.exercises[0].skipped


async def test_marks_and_extra_rest_answer_on_screen(bundled_catalogue):
    app, _, _ = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("r")
        assert screen.query_one(BigNumber).text == str(FIRST + 15)
        await pilot.press("e")
        assert text(screen, "session-marks") == "Marked: too easy"
        await pilot.press("h")
        assert text(screen, "session-marks") == "Marked: too hard"
        await pilot.press("enter")
        assert phase(screen) is Phase.HOLD
        await pilot.press("r")  # never lengthens a hold
        assert screen.query_one(BigNumber).text == "10"


async def test_the_footer_shows_what_enter_does_now(bundled_catalogue):
    app, _, _ = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)

        def shown() -> dict[str, str]:
            return {
                key: active.binding.description
                for key, active in screen.active_bindings.items()
                if active.binding.show
            }

        assert shown()["enter"] == "Start" and "r" in shown()
        await pilot.press("enter")
        await pilot.pause()
        assert shown()["enter"] == "Done" and "r" not in shown()
        await pilot.press("space")
        await pilot.pause()
        assert shown()["space"] == "Resume"


async def test_bells_ring_at_three_two_one_and_at_each_start_and_end(bundled_catalogue):
    app, clock, _ = make_app(bundled_catalogue, bell=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        screen.ring_gap_s = 0  # the second bell of a pair comes on a timer: do not wait
        for _ in range(FIRST * 4 - 1):
            await advance(pilot, clock, 0.25)
        assert screen.bells_rung == 3  # 3, 2, 1 before the first hold
        await advance(pilot, clock, 0.25)
        await pilot.pause()
        assert screen.bells_rung == 3 + 2  # the hold begins: two bells
        await advance(pilot, clock, 10)
        assert screen.bells_rung == 3 + 2 + 1  # the hold's end


async def test_no_bell_rings_with_the_bell_off(bundled_catalogue):
    app, clock, _ = make_app(bundled_catalogue, bell=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        for _ in range(20):
            await advance(pilot, clock, 1)
        assert screen.bells_rung == 0


async def test_reduced_motion_wakes_once_a_second_on_the_second(bundled_catalogue):
    app, clock, _ = make_app(bundled_catalogue, reduced_motion=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        assert screen.timer_mode == "seconds"
        await advance(pilot, clock, 5.3)
        assert screen.next_wake_s == pytest.approx(0.7 + 0.005)
        await pilot.press("space")
        assert screen.timer_mode is None


async def test_animation_runs_only_while_something_counts_down(bundled_catalogue):
    app, clock, _ = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        assert screen.timer_mode == "frames"
        await pilot.press("s")
        await advance(pilot, clock, 5)
        assert phase(screen) is Phase.REPS
        assert screen.timer_mode is None


async def test_nothing_is_redrawn_when_nothing_changed(bundled_catalogue, monkeypatch):
    app, clock, _ = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, FIRST + 1.01)
        updates: list[str] = []
        original = Static.update

        def counting(self: Static, *args: Any, **kwargs: Any) -> None:
            updates.append(self.id or "")
            original(self, *args, **kwargs)

        monkeypatch.setattr(Static, "update", counting)
        refreshed: list[str] = []
        monkeypatch.setattr(Glyph, "refresh", lambda self, *a, **k: refreshed.append(a))
        screen.update_session()
        clock.advance(0.01)
        screen.update_session()
        assert updates == [] and refreshed == []
        clock.advance(1.0)
        screen.update_session()
        assert refreshed == [(Region(0, 3, 6, 1),)]  # 9 -> 8: one row of one digit only


async def test_a_session_is_refused_without_a_screening(bundled_catalogue):
    app, _, _ = make_app(bundled_catalogue, store=MemoryStore())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.start_session(two_exercise_plan())
        await pilot.pause()
        assert not isinstance(app.screen, SessionScreen)


async def test_a_session_is_refused_after_an_urgent_screening(bundled_catalogue):
    store = demo_store(bundled_catalogue)
    urgent = store.screening()
    assert isinstance(urgent, ScreeningRecord)
    urgent.outcome = "urgent"
    store.save_screening(urgent)
    app, _, _ = make_app(bundled_catalogue, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.start_session(two_exercise_plan())
        assert not any(isinstance(s, SessionScreen) for s in app.screen_stack)


async def test_a_session_is_refused_by_a_read_only_store(bundled_catalogue):
    store = demo_store(bundled_catalogue)
    store.read_only_reason = "Another trainer is running on this state."
    app, _, _ = make_app(bundled_catalogue, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.start_session(two_exercise_plan())


async def test_a_second_session_is_refused_while_one_runs(bundled_catalogue):
    app, _, _ = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        assert not app.start_session(two_exercise_plan())
        await pilot.pause()
        assert app.screen is screen
        assert sum(isinstance(s, SessionScreen) for s in app.screen_stack) == 1


async def test_resume_continues_a_saved_session_without_asking_again(bundled_catalogue):
    app, clock, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance(pilot, clock, FIRST + 23)  # the left side saved
        saved = copy.deepcopy(store.interrupted_session())
    assert saved is not None
    app, clock, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.start_session(two_exercise_plan(), resume=saved)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert text(screen, "session-phase") == "GET READY · RIGHT SIDE"


async def test_a_dying_process_saves_the_set_under_way(bundled_catalogue):
    app, clock, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, FIRST + 10 + 3 + 4)
        screen.save_interrupted()
    saved = store.interrupted_session()
    assert saved is not None
    [partial] = saved.exercises[0].sets
    assert (partial.reps_done, partial.seconds_held) == (1, 14.0)


async def test_a_dying_process_saves_nothing_before_anything_was_done(bundled_catalogue):
    app, _, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        screen.save_interrupted()
    assert store.interrupted_session() is None


async def test_a_dying_process_files_a_finished_session(bundled_catalogue):
    app, _, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("q", "y")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SessionSummaryScreen)
        summary.save_interrupted()
    assert [s.status for s in store.sessions()] == ["interrupted"]


async def test_the_session_fits_sixty_by_twenty(bundled_catalogue):
    app, clock, _ = make_app(bundled_catalogue)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, 7)
        assert not screen.has_class("-too-small")
        for widget_id in ("session-countdown", "session-phase", "session-phase-bar"):
            region = screen.query_one(f"#{widget_id}").region
            assert region.height > 0 and region.right <= 60 and region.bottom <= 19


async def test_a_pain_rating_from_a_screening_just_taken_is_offered(bundled_catalogue):
    """A new user rates their pain at the screening; a minute later the session offers that
    rating, so enter keeps it instead of asking the same question from scratch."""
    import dataclasses
    from datetime import timedelta

    from trainer.ui.widgets.pain_scale import PainScale

    app, clock, store = make_app(bundled_catalogue)
    screening = store.screening()
    assert screening is not None
    store.save_screening(
        dataclasses.replace(screening, taken=clock.now() - timedelta(minutes=5), pain_now=6)
    )
    async with app.run_test(size=SIZE) as pilot:
        app.prepare_session(two_exercise_plan())
        await pilot.pause()
        assert app.screen.query_one(PainScale).value == 6
        await pilot.press("enter")
        await pilot.pause()
        # Five minutes after a screening, "anything new?" would be no question at all.
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.machine is not None
        assert app.screen.machine.record.pain_before == 6


async def test_an_old_screening_rating_is_not_offered(bundled_catalogue):
    from trainer.ui.widgets.pain_scale import PainScale

    app, _clock, _store = make_app(bundled_catalogue)  # the demo screening is two days old
    async with app.run_test(size=SIZE) as pilot:
        app.prepare_session(two_exercise_plan())
        await pilot.pause()
        assert app.screen.query_one(PainScale).value is None
