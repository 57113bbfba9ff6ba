"""A full disk or a refused write while the app runs: every save the UI triggers says so in
a lasting banner, in full, and the app goes on; files moved aside are named on screen with
where the copy is. (The exit status after a real crash: test_edge_commands.)"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any, cast

import pytest
from support.demo import demo_clock, demo_store
from support.demo_history import demo_store_with_history

from trainer.core.catalogue.model import Catalogue
from trainer.core.store.protocol import MemoryStore, StateFileProblem, Store
from trainer.ui.app import SETTINGS_WORDS, THEME_WORDS, TrainerApp
from trainer.ui.options import AppOptions
from trainer.ui.screens.stats import StatsScreen
from trainer.ui.widgets.notice_banner import NoticeBanner, banner_text

SIZE = (80, 24)
FAILURES = [
    OSError(errno.ENOSPC, "No space left on device", "exercises.progress.d/settings.toml"),
    OSError(errno.EACCES, "Permission denied", "exercises.progress.toml"),
]


class FailingWrites:
    """A store that reads as usual and fails every write with `error`."""

    WRITES = ("save_", "file_session")

    def __init__(self, inner: MemoryStore, error: OSError) -> None:
        self._inner = inner
        self._error = error

    def __getattr__(self, name: str) -> Any:
        if name.startswith(self.WRITES):

            def refuse(*args: object, **kwargs: object) -> None:
                raise self._error

            return refuse
        return getattr(self._inner, name)


def app_with(catalogue: Catalogue, store: MemoryStore, error: OSError) -> TrainerApp:
    failing = cast(Store, FailingWrites(store, error))
    return TrainerApp(catalogue, failing, demo_clock(), AppOptions(bell=True))


def says_not_saved(app: TrainerApp, error: OSError) -> bool:
    shown = " ".join(banner_text(app.screen).split())
    return "could not be saved" in shown and str(error.strerror) in shown


@pytest.mark.parametrize("error", FAILURES, ids=["ENOSPC", "EACCES"])
async def test_the_stats_summary_failing_to_save_is_said_and_the_stats_show(
    bundled_catalogue: Catalogue, error: OSError
) -> None:
    store = demo_store_with_history(bundled_catalogue)
    store.save_summary({})  # out of date: opening the stats saves a new one
    app = app_with(bundled_catalogue, store, error)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen) and app.screen.stats is not None
        assert app.screen.stats.has_history
        assert says_not_saved(app, error)
        assert app.is_running


@pytest.mark.parametrize("error", FAILURES, ids=["ENOSPC", "EACCES"])
async def test_palette_settings_failing_to_save_are_said_and_still_apply(
    bundled_catalogue: Catalogue, error: OSError
) -> None:
    app = app_with(bundled_catalogue, demo_store(bundled_catalogue), error)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Bell on/off", "enter")
        await pilot.pause()
        assert app.options.bell is False  # for this run, all the same
        assert says_not_saved(app, error)
        app.toggle_reduced_motion()
        assert app.options.reduced_motion is True
        app.theme = "nord"
        await pilot.pause()
        assert app.theme == "nord"
        shown = banner_text(app.screen)
        assert SETTINGS_WORDS in shown and THEME_WORDS in shown
        assert "It applies for this run." in shown
        assert app.is_running


async def test_the_banner_shows_every_word_of_a_long_problem(
    bundled_catalogue: Catalogue,
) -> None:
    """A toast cut this to "A… nothing is saved. Close": the banner wraps it whole."""
    store = demo_store(bundled_catalogue)
    store.read_only_reason = (
        "Another trainer (process 4194304, started by someone) is using "
        "/home/someone/a/very/long/path/to/the/progress/exercises.progress.toml, so "
        "nothing is saved. Close the other one to train here."
    )
    app = TrainerApp(bundled_catalogue, store, demo_clock(), AppOptions(bell=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        banner = app.screen.query_one(NoticeBanner)
        assert banner.size.height >= 3  # wrapped, not clipped
        shown = " ".join(banner_text(app.screen).split())
        assert " ".join(store.read_only_reason.split()) in shown


async def test_files_moved_aside_are_named_with_where_the_copy_is(
    bundled_catalogue: Catalogue,
) -> None:
    store = demo_store(bundled_catalogue)
    moved = Path("/state/exercises.progress.d/sessions/2026-10.toml.corrupt-20261120")
    store.history_problems.append(
        StateFileProblem(
            Path("/state/exercises.progress.d/sessions/2026-10\x1b]0;x\x07.toml"),
            "not valid TOML at line 3",
            moved,
        )
    )
    app = TrainerApp(bundled_catalogue, store, demo_clock(), AppOptions(bell=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = "".join(banner_text(app.screen).split())
        assert "".join(str(moved).split()) in shown
        assert "\x1b" not in shown and "\\x1b]0;x\\x07" in shown


def test_no_control_character_reaches_the_terminal(bundled_catalogue: Catalogue) -> None:
    """The last line filter drops what any text on screen may hold, keeping the width."""
    from rich.segment import Segment
    from textual.color import Color

    from trainer.ui.terminal import HideControls

    app = TrainerApp(bundled_catalogue, demo_store(bundled_catalogue), demo_clock())
    [hide] = [f for f in app.get_line_filters() if isinstance(f, HideControls)]
    out = hide.apply([Segment("ab\x1b]0;owned\x07cd\x9b2J")], Color(0, 0, 0))
    assert "".join(s.text for s in out) == "ab]0;ownedcd2J"


async def test_a_session_save_failing_is_said_until_a_later_save_works(
    bundled_catalogue: Catalogue,
) -> None:
    from session_plans import two_exercise_plan
    from support.demo import demo_screening

    from trainer.ui.screens.session import SESSION_WORDS, SessionScreen

    class FillingDisk(MemoryStore):
        full = True

        def save_session(self, session: Any) -> None:
            if self.full:
                raise FAILURES[0]
            super().save_session(session)

    store = FillingDisk()
    store.save_screening(demo_screening(bundled_catalogue))
    app = TrainerApp(bundled_catalogue, store, demo_clock(), AppOptions(bell=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.start_session(two_exercise_plan())
        await pilot.pause()
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("s")  # skip: a save, which fails
        await pilot.pause()
        assert says_not_saved(app, FAILURES[0]) and SESSION_WORDS in banner_text(app.screen)
        assert app.is_running
        store.full = False
        await pilot.press("e")  # a mark: the next save, which works; the banner lets go
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert f"not-saved:{SESSION_WORDS}" not in app.notices
        assert banner_text(app.screen) == ""  # the banner went with it
        assert store.sessions() or store.interrupted_session() is not None
