"""Paced moving reps on the session screen, driven with keys as a person on the mat would:
`m` has the trainer count the reps, at a tempo remembered per exercise."""

from __future__ import annotations

from typing import Any

from session_plans import two_exercise_plan
from support.demo import demo_clock, demo_store
from textual.pilot import Pilot
from textual.widgets import Static

from trainer.core.catalogue.model import Catalogue
from trainer.core.session.clock import FakeClock
from trainer.core.session.machine import Timing
from trainer.core.session.pacing import DEFAULT_PACE_S, PACE_CHOICES
from trainer.core.session.view import Phase
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import AppOptions, TrainerApp
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.session import SessionScreen
from trainer.ui.widgets.big_number import BigNumber

SIZE = (80, 24)
GET_READY_S = 5
#: The session's first get-ready: the longer one of a change of position (onto the floor).
FIRST_GET_READY_S = Timing().position_change_s


def make_app(
    catalogue: Catalogue, store: MemoryStore | None = None, **options: Any
) -> tuple[TrainerApp, FakeClock, MemoryStore]:
    clock = demo_clock()
    store = store if store is not None else demo_store(catalogue)
    return TrainerApp(catalogue, store, clock, AppOptions(**options)), clock, store


async def start_at_the_bridge(pilot: Pilot[Any]) -> SessionScreen:
    """The plan's held stretch skipped at once: the bridge's get-ready (3 moving reps, 2
    sets, 20 s of rest), from where a person would choose how its reps are counted."""
    app = pilot.app
    assert isinstance(app, TrainerApp)
    app.start_session(two_exercise_plan(), pain_before=2)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    await pilot.press("s")
    assert text(screen, "session-name") == "Bridge"
    return screen


async def advance(pilot: Pilot[Any], clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    screen = pilot.app.screen
    if isinstance(screen, SessionScreen):
        screen.update_session()
    await pilot.pause()


def text(screen: SessionScreen, widget_id: str) -> str:
    return str(screen.query_one(f"#{widget_id}", Static).content)


def footer_keys(screen: SessionScreen) -> dict[str, str]:
    return {
        key: active.binding.description
        for key, active in screen.active_bindings.items()
        if active.binding.show
    }


def phase(screen: SessionScreen) -> Phase:
    assert screen.machine is not None
    return screen.machine.phase


async def test_m_has_the_trainer_count_the_reps_and_ring_at_the_set_end(bundled_catalogue):
    app, clock, store = make_app(bundled_catalogue, bell=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_at_the_bridge(pilot)
        assert footer_keys(screen)["m"] == "Pace"
        assert text(screen, "session-reps").startswith("3 reps, at your own pace")
        await pilot.press("m")
        assert store.pacing() == {"bridge": DEFAULT_PACE_S}  # remembered at once
        assert text(screen, "session-reps").startswith("3 reps, one every 3 s")
        assert text(screen, "session-then") == "Then: 3 reps, one every 3 s"
        rung = screen.bells_rung
        await advance(pilot, clock, GET_READY_S)
        assert screen.bells_rung > rung  # the set is counted in: 3-2-1
        assert text(screen, "session-phase") == "PACED REPS"
        assert text(screen, "session-cue") == "Move with the beat: one rep every 3 s"
        assert screen.timers_running  # the beat moves on its own
        await advance(pilot, clock, 1.5)
        assert screen.machine is not None
        assert screen.machine.view().phase_fraction == 0.5  # the beat fills once a rep
        assert screen.query_one(BigNumber).text == "0/3"
        await advance(pilot, clock, 1.5)
        assert screen.query_one(BigNumber).text == "1/3"
        assert text(screen, "session-reps").startswith("1 of 3 reps done, one every 3 s  ●◉○")
        rung = screen.bells_rung
        await advance(pilot, clock, 6)
        assert phase(screen) is Phase.REST
        assert screen.bells_rung == rung + 1  # the set's end
        assert screen.machine is not None
        [first_set] = screen.machine.record.exercises[-1].sets
        assert first_set.reps_done == 3


async def test_enter_per_rep_stays_the_default(bundled_catalogue):
    app, clock, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_at_the_bridge(pilot)
        await advance(pilot, clock, GET_READY_S + 30)
        assert text(screen, "session-phase") == "REPS"
        assert "(or m: the trainer counts them for you)" in text(screen, "session-cue")
        assert not screen.timers_running
        assert screen.query_one(BigNumber).text == "0/3"
        await pilot.press("enter")
        assert screen.query_one(BigNumber).text == "1/3"
    assert store.pacing() == {}


async def test_m_steps_through_the_tempos_and_back_to_enter(bundled_catalogue):
    app, clock, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_at_the_bridge(pilot)
        await advance(pilot, clock, GET_READY_S)
        for seconds in PACE_CHOICES:
            await pilot.press("m")
            assert store.pacing() == {"bridge": seconds}
            assert text(screen, "session-reps").startswith(
                f"0 of 3 reps done, one every {seconds} s"
            )
        await pilot.press("m")
        assert store.pacing() == {}
        assert text(screen, "session-phase") == "REPS"
        assert not screen.timers_running


async def test_the_tempo_chosen_last_time_counts_the_next_session(bundled_catalogue):
    store = demo_store(bundled_catalogue)
    store.save_pacing("bridge", 4)
    app, clock, _ = make_app(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_at_the_bridge(pilot)
        assert text(screen, "session-reps").startswith("3 reps, one every 4 s")
        await advance(pilot, clock, GET_READY_S + 8)
        assert screen.query_one(BigNumber).text == "2/3"


async def test_m_does_nothing_during_a_hold_and_is_not_offered(bundled_catalogue):
    app, clock, store = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        app.start_session(two_exercise_plan(), pain_before=2)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert "m" not in footer_keys(screen)  # the knee-to-chest is held
        await advance(pilot, clock, FIRST_GET_READY_S)
        assert phase(screen) is Phase.HOLD
        assert "m" not in footer_keys(screen)
        await pilot.press("m")
        assert store.pacing() == {}
        assert screen.machine is not None and screen.machine.view().paced_s is None
        await pilot.press("s")  # to the bridge's get-ready: now offered
        assert footer_keys(screen)["m"] == "Pace"


async def test_pause_stops_the_beat(bundled_catalogue):
    app, clock, store = make_app(bundled_catalogue)
    store.save_pacing("bridge", 3)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_at_the_bridge(pilot)
        await advance(pilot, clock, GET_READY_S + 1)
        await pilot.press("space")
        await advance(pilot, clock, 60)
        assert text(screen, "session-phase") == "PAUSED · PACED REPS"
        assert screen.query_one(BigNumber).text == "0/3"
        assert not screen.timers_running
        await pilot.press("space")
        await advance(pilot, clock, 2)
        assert screen.query_one(BigNumber).text == "1/3"


async def test_help_says_what_m_does(bundled_catalogue):
    app, _, _ = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await start_at_the_bridge(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys", Static).content)
        assert "Pace: moving reps: the trainer counts them for you" in keys


async def test_a_read_only_trainer_paces_this_session_without_saving(bundled_catalogue):
    store = demo_store(bundled_catalogue)
    app, clock, _ = make_app(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_at_the_bridge(pilot)
        store.read_only_reason = "Another trainer is using this state."
        await pilot.press("m")
        await advance(pilot, clock, GET_READY_S + 3)
        assert screen.query_one(BigNumber).text == "1/3"
    assert store.pacing() == {}


async def test_a_count_too_wide_for_a_small_clock_shows_the_reps_done(bundled_catalogue):
    """At 60x20 "0/3" fits beside the words but "4/10" would not: the big digits say 4."""
    from support.session_shots import at_paced_reps

    app, _, _ = make_app(bundled_catalogue)
    async with app.run_test(size=(60, 20)) as pilot:
        await at_paced_reps(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.query_one(BigNumber).text == "4"
        assert text(screen, "session-reps").startswith("4 of 10 reps done")
