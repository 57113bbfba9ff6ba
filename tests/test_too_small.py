"""Below a screen's minimum size the app shows one centred sentence, and recovers live."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from trainer.core.catalogue.model import Catalogue
from trainer.core.session.clock import FakeClock
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import TrainerApp
from trainer.ui.widgets.too_small import TOO_SMALL_CLASS, TooSmall


def empty_catalogue() -> Catalogue:
    return Catalogue(
        path=Path("exercises.toml"), schema=1, exercises={}, screening=(), avoid={}, plans={}
    )


def make_app() -> TrainerApp:
    clock = FakeClock(datetime(2025, 3, 1, 9, 0, tzinfo=UTC))
    return TrainerApp(empty_catalogue(), MemoryStore(), clock=clock)


class CompactScreen(Screen[None]):
    """Stands in for the live session, which is laid out for 60x20."""

    MIN_SIZE = (60, 20)

    def compose(self) -> ComposeResult:
        yield Static("compact body", id="body")
        yield Button("Go", id="go")


class SmallDialog(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Static("dialog body", id="dialog-body")


def notice_text(screen: Screen[object]) -> str:
    return str(screen.query_one(TooSmall).render())


async def test_a_terminal_below_80x24_shows_the_enlarge_message_and_hides_the_screen() -> None:
    app = make_app()
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class(TOO_SMALL_CLASS)
        notice = screen.query_one(TooSmall)
        assert notice.display
        assert "Please enlarge the terminal to at least 80×24 (now 70×20)." in notice_text(screen)
        hidden = [w for w in screen.children if not isinstance(w, TooSmall)]
        assert hidden and all(not w.display for w in hidden)


async def test_growing_the_terminal_brings_the_screen_back_without_a_restart() -> None:
    app = make_app()
    async with app.run_test(size=(79, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class(TOO_SMALL_CLASS)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen is screen
        assert not screen.has_class(TOO_SMALL_CLASS)
        assert not screen.query_one(TooSmall).display
        assert all(w.display for w in screen.children if not isinstance(w, TooSmall))


async def test_shrinking_a_running_app_updates_the_size_it_reports() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.has_class(TOO_SMALL_CLASS)
        await pilot.resize_terminal(80, 23)
        await pilot.pause()
        assert "(now 80×23)" in notice_text(app.screen)
        await pilot.resize_terminal(50, 10)
        await pilot.pause()
        assert "(now 50×10)" in notice_text(app.screen)


async def test_a_screen_may_declare_a_smaller_minimum() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(CompactScreen())
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert not app.screen.has_class(TOO_SMALL_CLASS)
        await pilot.resize_terminal(59, 20)
        await pilot.pause()
        assert app.screen.has_class(TOO_SMALL_CLASS)
        assert "at least 60×20 (now 59×20)" in notice_text(app.screen)


async def test_a_dialog_needs_what_the_screen_it_covers_needs() -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await app.push_screen(CompactScreen())
        await app.push_screen(SmallDialog())
        await pilot.pause()
        assert not app.screen.has_class(TOO_SMALL_CLASS)
        await pilot.resize_terminal(40, 20)
        await pilot.pause()
        assert app.screen.has_class(TOO_SMALL_CLASS)
        assert "at least 60×20" in notice_text(app.screen)


async def test_a_screen_shown_while_too_small_gets_the_notice_at_once() -> None:
    app = make_app()
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        await app.push_screen(SmallDialog())
        await pilot.pause()
        assert app.screen.has_class(TOO_SMALL_CLASS)
        app.pop_screen()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not any(s.has_class(TOO_SMALL_CLASS) for s in app.screen_stack)


async def test_focus_comes_back_to_where_it_was() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(CompactScreen())
        button = app.screen.query_one("#go", Button)
        button.focus()
        await pilot.pause()
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert app.screen.has_class(TOO_SMALL_CLASS)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.focused is button
