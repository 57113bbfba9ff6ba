"""The theme: legible on 16 colours by default, and the user's choice is remembered."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyte
import pytest
from ptyharness import PtyApp
from textual.command import CommandList
from textual.filter import Monochrome, NoColor
from textual.pilot import Pilot
from userflow import TrainerUser

from trainer.core.catalogue.model import Catalogue
from trainer.core.session.clock import FakeClock
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import TrainerApp
from trainer.ui.terminal import ANSI_THEME, THEME_SETTING


def make_app(store: MemoryStore) -> TrainerApp:
    catalogue = Catalogue(
        path=Path("exercises.toml"), schema=1, exercises={}, screening=(), avoid={}, plans={}
    )
    clock = FakeClock(datetime(2025, 3, 1, 9, 0, tzinfo=UTC))
    return TrainerApp(catalogue, store, clock=clock)


async def choose_in_palette(pilot: Pilot[int], text: str, expected: str) -> None:
    """Types into the open palette and presses enter once `expected` is the highlighted hit."""
    await pilot.press(*text)
    palette_list = pilot.app.screen.query_one(CommandList)
    for _ in range(200):
        highlighted = palette_list.highlighted
        if highlighted is not None and expected in str(
            palette_list.get_option_at_index(highlighted).prompt
        ):
            break
        await pilot.pause(0.02)
    await pilot.press("enter")


@pytest.fixture
def sixteen_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """What an SSH login to a console typically looks like."""
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)


@pytest.fixture
def true_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)


@pytest.mark.usefixtures("sixteen_colours")
async def test_a_16_colour_terminal_starts_in_the_ansi_theme_without_saving_it() -> None:
    store = MemoryStore()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.console.color_system == "standard"
        assert app.theme == ANSI_THEME
    assert THEME_SETTING not in store.settings()


@pytest.mark.usefixtures("true_colour")
async def test_a_true_colour_terminal_keeps_textuals_default_theme() -> None:
    app = make_app(MemoryStore())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


@pytest.mark.usefixtures("sixteen_colours")
async def test_a_remembered_choice_wins_over_the_16_colour_default() -> None:
    store = MemoryStore()
    store.save_settings({THEME_SETTING: "nord", "other": 1})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
    assert store.settings() == {THEME_SETTING: "nord", "other": 1}


@pytest.mark.usefixtures("true_colour")
async def test_an_unknown_remembered_theme_is_ignored() -> None:
    store = MemoryStore()
    store.save_settings({THEME_SETTING: "no-such-theme"})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


@pytest.mark.usefixtures("true_colour")
async def test_choosing_a_theme_in_the_command_palette_is_remembered() -> None:
    store = MemoryStore()
    store.save_settings({"bell": False})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await choose_in_palette(pilot, "theme", "Theme")
        await pilot.pause()
        await choose_in_palette(pilot, "gruvbox", "gruvbox")
        await pilot.pause()
        assert app.theme == "gruvbox"
    assert store.settings() == {"bell": False, THEME_SETTING: "gruvbox"}

    again = make_app(store)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "gruvbox"


@pytest.mark.usefixtures("true_colour")
async def test_a_read_only_view_does_not_write_the_theme() -> None:
    store = MemoryStore(read_only_reason="another trainer is running")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    assert THEME_SETTING not in store.settings()


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.mark.usefixtures("no_color")
async def test_no_color_keeps_the_default_theme_even_on_16_colours() -> None:
    store = MemoryStore()
    store.save_settings({THEME_SETTING: ANSI_THEME})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        assert app.theme == "textual-dark"
        assert any(isinstance(f, Monochrome) for f in app._filters)


@pytest.mark.usefixtures("no_color")
async def test_no_color_filter_follows_a_theme_change() -> None:
    app = make_app(MemoryStore())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = ANSI_THEME
        await pilot.pause()
        assert any(isinstance(f, NoColor) for f in app._filters)
        assert not any(isinstance(f, Monochrome) for f in app._filters)
        app.theme = "nord"
        await pilot.pause()
        assert any(isinstance(f, Monochrome) for f in app._filters)


def text_cells(app: PtyApp, fragment: str) -> list[pyte.screens.Char]:
    """The cells of the screen line holding `fragment`, where its letters are."""
    for y, line in enumerate(app.screen.display):
        x = line.find(fragment)
        if x >= 0:
            row = app.screen.buffer[y]
            return [row[x + i] for i in range(len(fragment))]
    raise AssertionError(f"{fragment!r} is not on screen")


def visible(cell: pyte.screens.Char) -> bool:
    """Text a person can read: its colour differs from its background, or both are the
    terminal's own defaults (which the person chose to read well)."""
    fg, bg = (cell.bg, cell.fg) if cell.reverse else (cell.fg, cell.bg)
    return fg != bg or fg == "default"


@pytest.mark.parametrize(
    ("term", "extra"),
    [
        ("linux", {}),
        ("xterm", {}),
        ("xterm", {"NO_COLOR": "1"}),
        ("xterm-256color", {"NO_COLOR": "1"}),
    ],
)
def test_text_is_drawn_in_a_colour_unlike_its_background(
    tmp_path: Path, term: str, extra: dict[str, str]
) -> None:
    """Over a real terminal: a 16-colour TERM without COLORTERM, and NO_COLOR."""
    user = TrainerUser.start(tmp_path, term=term, extra_env=extra)
    try:
        user.app.wait_until(TrainerUser.first_screen_ready, what="the first screen")
        for fragment in ("Question 1 of", "Yes", "Help"):
            cells = [c for c in text_cells(user.app, fragment) if c.data.strip()]
            assert cells and all(visible(c) for c in cells), fragment
    finally:
        user.app.close()
