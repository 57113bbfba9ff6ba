"""Keys that keep their promise: every key a screen answers to is in its footer or its help,
and the palette offers only entries that work here."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from support.demo import demo_clock, demo_store
from textual.binding import Binding
from textual.command import CommandList
from textual.screen import Screen

import trainer.ui.screens
from trainer.core.catalogue.model import Catalogue
from trainer.ui.app import SYSTEM_COMMANDS_KEPT, AppOptions, TrainerApp
from trainer.ui.screens.session import SessionScreen

SIZE = (80, 24)


def screen_classes() -> list[type[Screen[object]]]:
    found: list[type[Screen[object]]] = []
    for module_info in pkgutil.iter_modules(trainer.ui.screens.__path__):
        module = importlib.import_module(f"trainer.ui.screens.{module_info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Screen) and value.__module__ == module.__name__:
                found.append(value)
    return found


def test_there_are_screens_to_check() -> None:
    names = {screen.__name__ for screen in screen_classes()}
    assert {"SessionScreen", "PlansScreen", "HelpScreen", "StatsScreen"} <= names


@pytest.mark.parametrize("screen", screen_classes(), ids=lambda screen: screen.__name__)
def test_every_binding_is_in_the_footer_or_named_in_the_help(screen: type[Screen[object]]) -> None:
    """A hidden binding with no words would act with nothing on screen saying so: the help
    lists a binding by its description, so each one needs one."""
    for binding in screen.BINDINGS:
        assert isinstance(binding, Binding)
        assert binding.description, f"{screen.__name__}: {binding.key} -> {binding.action}"


def test_the_session_lists_help_before_the_footer_runs_out_at_sixty_columns() -> None:
    keys = [b.key for b in SessionScreen.BINDINGS if isinstance(b, Binding) and b.show]
    assert keys.index("question_mark,f1") <= keys.index("r")


async def test_the_palette_offers_no_textual_entry_that_fails_here(bundled_catalogue: Catalogue):
    app = TrainerApp(
        bundled_catalogue, demo_store(bundled_catalogue), demo_clock(), AppOptions(bell=False)
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        offered = {command.title for command in app.get_system_commands(app.screen)}
        assert offered == SYSTEM_COMMANDS_KEPT
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette_list = app.screen.query_one(CommandList)
        for _ in range(100):  # the palette fills in the background
            if palette_list.option_count:
                break
            await pilot.pause(0.02)
        shown = " ".join(
            str(palette_list.get_option_at_index(i).prompt)
            for i in range(palette_list.option_count)
        )
        for gone in ("Screenshot", "Keys", "Maximize"):
            assert gone not in shown
        for kept in ("Theme", "Quit", "Plans", "Bell on/off"):
            assert kept in shown
