"""Reduced motion and the bell can be set in the app (Ctrl+P) and are remembered; the
command-line flags still win for that run."""

from __future__ import annotations

import argparse

from support.demo import demo_clock, demo_store

from trainer.cli.launch import options_from
from trainer.core.catalogue.loader import load_catalogue
from trainer.paths import bundled_catalogue
from trainer.ui.app import BELL_SETTING, REDUCED_MOTION_SETTING, TrainerApp
from trainer.ui.options import AppOptions

SIZE = (80, 24)


def args(*, no_bell: bool = False, reduced_motion: bool = False) -> argparse.Namespace:
    return argparse.Namespace(no_bell=no_bell, reduced_motion=reduced_motion)


async def palette(app: TrainerApp, title: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*title)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()


async def test_the_palette_turns_reduced_motion_on_and_remembers_it() -> None:
    catalogue = load_catalogue(bundled_catalogue())
    store = demo_store(catalogue)
    app = TrainerApp(catalogue, store, demo_clock(), AppOptions())

    await palette(app, "Reduced motion")

    assert app.options.reduced_motion is True
    assert store.settings()[REDUCED_MOTION_SETTING] is True
    assert options_from(args(), store.settings(), {}).reduced_motion is True


async def test_the_palette_turns_the_bell_off_and_remembers_it() -> None:
    catalogue = load_catalogue(bundled_catalogue())
    store = demo_store(catalogue)
    app = TrainerApp(catalogue, store, demo_clock(), AppOptions())

    await palette(app, "Bell on/off")

    assert app.options.bell is False
    assert store.settings()[BELL_SETTING] is False
    assert options_from(args(), store.settings(), {}).bell is False


def test_flags_win_over_the_settings() -> None:
    settings = {BELL_SETTING: True, REDUCED_MOTION_SETTING: False}
    options = options_from(args(no_bell=True, reduced_motion=True), settings, {})
    assert options.bell is False
    assert options.reduced_motion is True


def test_no_settings_means_bell_on_and_animation() -> None:
    options = options_from(args(), {}, {"TRAINER_SPEED": "10"})
    assert options == AppOptions(bell=True, reduced_motion=False, speed=10.0)
