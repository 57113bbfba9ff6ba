"""The session from the floor: what is heard (two bells as a hold starts, one for
anything else), and keys that pause the hold rather than letting it run out unseen."""

from __future__ import annotations

from typing import Any

from session_plans import two_exercise_plan
from support.demo import demo_clock, demo_store
from textual.pilot import Pilot

from trainer.core.catalogue.model import Catalogue
from trainer.core.session.clock import FakeClock
from trainer.core.session.view import Bell, Phase
from trainer.ui.app import AppOptions, TrainerApp
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.session import SessionScreen
from trainer.ui.screens.stats import StatsScreen
from trainer.ui.widgets.phase_banner import PhaseBanner

SIZE = (80, 24)


class BellCounter:
    """Stands in for the app's terminal bell (a test cannot hear it) and counts the calls."""

    def __init__(self) -> None:
        self.rung = 0

    def __call__(self) -> None:
        self.rung += 1


def make_app(catalogue: Catalogue, **options: Any) -> tuple[TrainerApp, FakeClock, BellCounter]:
    clock = demo_clock()
    app = TrainerApp(catalogue, demo_store(catalogue), clock, AppOptions(**options))
    bell = BellCounter()
    app.bell = bell  # type: ignore[method-assign]
    return app, clock, bell


async def start(pilot: Pilot[Any]) -> SessionScreen:
    app = pilot.app
    assert isinstance(app, TrainerApp)
    assert app.start_session(two_exercise_plan(), pain_before=2)
    await pilot.pause()
    assert isinstance(app.screen, SessionScreen)
    return app.screen


async def advance(pilot: Pilot[Any], clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    screen = pilot.app.screen
    if isinstance(screen, SessionScreen):
        screen.update_session()
    await pilot.pause()


# --- bells ---


async def test_a_hold_starting_rings_the_bell_twice_and_its_end_once(bundled_catalogue):
    app, clock, bell = make_app(bundled_catalogue, bell=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        screen.ring_gap_s = 0
        for _ in range(19):  # the first get-ready: 10 s, for a change of position
            await advance(pilot, clock, 0.5)
        assert bell.rung == 3  # 3, 2, 1
        await pilot.press("enter")  # start the hold now
        assert bell.rung == 3 + 2
        await advance(pilot, clock, 10)
        assert bell.rung == 3 + 2 + 1


async def test_the_second_bell_of_a_pair_waits_on_a_timer_not_in_the_event_loop(
    bundled_catalogue,
):
    app, _clock, bell = make_app(bundled_catalogue, bell=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        screen.action_start_now()  # what enter does, without letting time pass after it
        assert bell.rung == 1  # the first at once; the second is spaced, so it is heard
        assert any(timer.name == "session-bell" for timer in screen._timers)


async def test_a_position_change_rings_once(bundled_catalogue):
    app, _clock, bell = make_app(bundled_catalogue, bell=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        screen.ring_gap_s = 0
        await pilot.press("enter")
        rung = bell.rung
        assert screen.machine is not None
        screen.machine._bells.append(Bell("position", 1005.0))  # as a rep of positions would
        screen.update_session()
        assert bell.rung == rung + 1


async def test_the_bell_setting_silences_every_bell(bundled_catalogue):
    app, clock, bell = make_app(bundled_catalogue, bell=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        screen.ring_gap_s = 0
        await pilot.press("enter")
        for _ in range(30):
            await advance(pilot, clock, 1)
        assert screen.machine is not None and screen.machine.phase is not Phase.GET_READY
        assert bell.rung == 0 and screen.bells_rung == 0


# --- the banner ---


async def test_the_banner_follows_the_session_in_big_letters_at_sixty_by_twenty(
    bundled_catalogue,
):
    app, clock, _ = make_app(bundled_catalogue, bell=False)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await start(pilot)
        band = screen.query_one("#session-banner", PhaseBanner)
        assert band.text == "GET READY · LEFT" and band.drawn_big
        await pilot.press("enter")
        assert band.text == "HOLD · LEFT" and band.drawn_big
        assert band.has_class("-hold")
        await pilot.press("space")
        assert band.text == "PAUSED" and band.has_class("-paused")
        await pilot.press("space")
        await advance(pilot, clock, 10)
        assert band.text == "RELAX"
        await advance(pilot, clock, 3 + 10)
        assert band.text == "SWITCH SIDES" and band.drawn_big
        await advance(pilot, clock, 5)
        assert band.text == "HOLD · RIGHT" and band.drawn_big


# --- keys that keep their promise ---


async def test_help_during_a_hold_pauses_it_and_it_stays_paused_when_help_closes(
    bundled_catalogue,
):
    app, clock, _ = make_app(bundled_catalogue, bell=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("enter")  # the hold: 10 s
        await advance(pilot, clock, 4)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        clock.advance(60)  # reading the help from the keyboard
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        machine = screen.machine
        assert machine is not None and machine.paused and machine.phase is Phase.HOLD
        assert machine.view().remaining_s == 6.0
        assert "space" in {k for k, a in screen.active_bindings.items() if a.binding.show}
        await pilot.press("space")  # back in position: the usual key goes on
        assert not machine.paused
        await advance(pilot, clock, 6)
        assert machine.phase is Phase.RELAX


async def test_stats_during_a_hold_pause_it_until_the_person_resumes(bundled_catalogue):
    app, clock, _ = make_app(bundled_catalogue, bell=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("enter")
        await advance(pilot, clock, 3)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        clock.advance(120)
        await pilot.press("escape")
        await pilot.pause()
        machine = screen.machine
        assert app.screen is screen and machine is not None and machine.paused
        assert machine.view().remaining_s == 7.0
        assert screen.query_one("#session-banner", PhaseBanner).text == "PAUSED"


async def test_a_question_answered_goes_straight_on(bundled_catalogue):
    """Quit asked by mistake, "no": not reading, so the hold carries on as before."""
    app, _clock, _ = make_app(bundled_catalogue, bell=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("enter")
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert screen.machine is not None and not screen.machine.paused


async def test_the_hold_pauses_while_the_size_notice_hides_it(bundled_catalogue):
    app, clock, _ = make_app(bundled_catalogue, bell=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("enter")
        await advance(pilot, clock, 2)
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        await pilot.pause()
        assert screen.hidden_by_size_notice
        machine = screen.machine
        assert machine is not None and machine.paused and not screen.timers_running
        await advance(pilot, clock, 60)  # nothing runs out behind the notice
        await pilot.press("space", "enter", "s")  # keys the hidden screen does not list
        assert machine.paused and machine.phase is Phase.HOLD
        assert machine.view().remaining_s == 8.0
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.pause()
        assert not screen.hidden_by_size_notice
        assert machine.paused  # whoever resized is at the keyboard, not in position
        await pilot.press("space")
        assert not machine.paused and screen.timers_running


async def test_pain_still_stops_at_once_behind_the_size_notice(bundled_catalogue):
    app, _clock, _ = make_app(bundled_catalogue, bell=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("enter")
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        await pilot.pause()
        await pilot.press("p")
        assert screen.machine is not None and screen.machine.phase is Phase.PAIN
