"""The rest of the articles' week at 80x24: the activity form over the plans (and its
message for bad minutes), and a strength plan's warm-up step in the live session."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from support.demo import demo_clock, demo_store
from support.session_shots import advance, demo_session_plan

from trainer.core.catalogue.model import Catalogue
from trainer.ui.app import AppOptions, TrainerApp

SIZE = (80, 24)


def screened(catalogue: Catalogue) -> TrainerApp:
    return TrainerApp(catalogue, demo_store(catalogue), demo_clock(), AppOptions(bell=False))


def test_activity_form(snap_compare, bundled_catalogue):
    """l on the plans: the article's words, easy cycling chosen, 30 minutes typed."""
    keys = ["l", "down", "3", "0"]
    assert snap_compare(screened(bundled_catalogue), press=keys, terminal_size=SIZE)


def test_activity_form_bad_minutes(snap_compare, bundled_catalogue):
    """0 minutes and enter: said in words, nothing saved, the form stays."""
    keys = ["l", "0", "enter"]
    assert snap_compare(screened(bundled_catalogue), press=keys, terminal_size=SIZE)


async def at_warm_up(pilot: Any) -> None:
    """A strength plan's warm-up, a minute in: the app's default length, labelled."""
    app = cast(TrainerApp, pilot.app)
    await pilot.pause()
    catalogue = app.catalogue
    plan = replace(
        demo_session_plan(catalogue),
        warm_up=catalogue.warm_up(catalogue.plans["core-and-glutes"]),
    )
    assert app.start_session(plan, pain_before=2)
    await pilot.pause()
    await advance(pilot, 60)


def test_session_warm_up(snap_compare, bundled_catalogue):
    """WARM UP, 4:00 left, the articles' words as the steps, s to skip it."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=SIZE, run_before=at_warm_up)


def test_session_warm_up_at_sixty_by_twenty(snap_compare, bundled_catalogue):
    """The same warm-up on the session's smallest terminal."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=(60, 20), run_before=at_warm_up)


async def test_the_warm_up_lists_no_key_that_does_nothing_in_it(bundled_catalogue):
    """No exercise yet: back, too easy and too hard are neither shown nor act."""
    app = screened(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await at_warm_up(pilot)
        shown = {
            key
            for key, active in app.screen.active_bindings.items()
            if active.binding.show and app.screen.check_action(active.binding.action, ()) is True
        }
        assert {"s", "space", "p"} <= shown
        assert not {"b", "e", "h"} & shown
        await pilot.press("e")
        assert app.screen.machine.phase.value == "warm-up"
        assert not any(done.too_easy for done in app.screen.machine.record.exercises)
