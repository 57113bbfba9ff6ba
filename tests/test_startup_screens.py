"""Start-up with saved state: a damaged file is explained and replaced only on a yes, a
read-only state says so, an unfinished session is offered for resuming or closing, and a
state from a newer version stops the program with status 2 before anything is touched."""

from __future__ import annotations

import argparse
from pathlib import Path

from support.demo import (
    demo_clock,
    demo_screening,
    demo_store,
    demo_store_damaged,
    demo_store_interrupted,
    demo_unfinished_session,
)

from trainer.cli.launch import run_app
from trainer.core.catalogue.model import Catalogue
from trainer.core.store.files import FileStore, open_store
from trainer.core.store.protocol import Store
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions
from trainer.ui.screens.resume import ResumeScreen
from trainer.ui.screens.screening import ScreeningScreen
from trainer.ui.screens.session import SessionScreen
from trainer.ui.screens.state_problem import StateProblemScreen
from trainer.ui.startup import READ_ONLY_SUBTITLE
from trainer.ui.widgets.notice_banner import banner_text

SIZE = (80, 24)


def app_for(catalogue: Catalogue, store: Store) -> TrainerApp:
    return TrainerApp(catalogue, store, demo_clock(), AppOptions(bell=False))


def screened_file_store(path: Path, catalogue: Catalogue) -> FileStore:
    store = open_store(path)
    store.save_screening(demo_screening(catalogue))
    return store


# --------------------------------------------------------------------------- damaged file


async def test_a_damaged_state_is_explained_and_replaced_only_on_yes(
    tmp_path: Path, bundled_catalogue: Catalogue
) -> None:
    state = tmp_path / "exercises.progress.toml"
    state.write_text("schema = 1\n[screening\n")
    store = open_store(state)
    app = app_for(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StateProblemScreen)
        [problem] = store.startup_problems
        assert problem.moved_to is None  # not moved before the answer
        shown = " ".join(str(s.render()) for s in app.screen.query(".problem-file"))
        assert str(problem.path) in shown.replace("\n", "")
        assert "line 2" in shown and "left where it is" in shown
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)  # a fresh start: no screening on file
        assert store.startup_problems == ()
        [moved] = store.moved_aside
        assert moved.moved_to is not None
    store.save_screening(demo_screening(bundled_catalogue))  # writing works again
    assert moved.moved_to.read_text() == "schema = 1\n[screening\n"
    store.close()


async def test_quitting_at_a_damaged_state_writes_nothing(
    tmp_path: Path, bundled_catalogue: Catalogue
) -> None:
    state = tmp_path / "exercises.progress.toml"
    state.write_text("schema = 1\nprogress = 3\n")
    store = open_store(state)
    app = app_for(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "textual-light"  # remembering a theme must wait for the yes too
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1
    assert state.read_text() == "schema = 1\nprogress = 3\n"  # not even moved aside
    assert list(tmp_path.glob("*.corrupt-*")) == []
    store.close()


# --------------------------------------------------------------------------- read-only


async def test_a_read_only_store_says_so_and_keeps_saying_so(
    bundled_catalogue: Catalogue,
) -> None:
    store = demo_store(bundled_catalogue)
    store.read_only_reason = "Another trainer (process 42) is using it."
    app = app_for(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.sub_title == READ_ONLY_SUBTITLE
        # In full, in a banner that stays (a toast clipped it and went away).
        assert store.read_only_reason in banner_text(app.screen)
        await pilot.press("t")
        await pilot.pause()
        assert store.read_only_reason in banner_text(app.screen)


async def test_a_note_says_where_progress_is_kept_when_not_beside_the_catalogue(
    bundled_catalogue: Catalogue,
) -> None:
    store = demo_store(bundled_catalogue)
    store.location_note = "Progress is saved in /home/ana/.local/share/backtrainer/x.toml."
    app = app_for(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [n.message for n in app._notifications] == [store.location_note]
        assert app.sub_title != READ_ONLY_SUBTITLE


# --------------------------------------------------------------------------- unfinished


async def test_resume_continues_the_unfinished_session(
    tmp_path: Path, bundled_catalogue: Catalogue
) -> None:
    store = screened_file_store(tmp_path / "state.toml", bundled_catalogue)
    record = demo_unfinished_session(bundled_catalogue)
    store.save_session(record)
    store.close()
    store = open_store(tmp_path / "state.toml")
    app = app_for(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.resume_record is not None
        assert app.screen.resume_record.id == record.id
    store.close()


async def test_close_files_the_unfinished_session_as_interrupted(
    tmp_path: Path, bundled_catalogue: Catalogue
) -> None:
    store = screened_file_store(tmp_path / "state.toml", bundled_catalogue)
    record = demo_unfinished_session(bundled_catalogue)
    store.save_session(record)
    app = app_for(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, ResumeScreen | SessionScreen)
        assert any(n.title == "Session closed" for n in app._notifications)
    [filed] = store.sessions()
    assert filed.id == record.id and filed.status == "interrupted"
    assert filed.ended == record.exercises[0].sets[0].finished
    assert store.interrupted_session() is None
    assert record.exercises[0].exercise_id in store.progress()
    store.close()


async def test_later_leaves_the_unfinished_session_for_next_time(
    bundled_catalogue: Catalogue,
) -> None:
    store = demo_store(bundled_catalogue)
    store.save_session(demo_unfinished_session(bundled_catalogue))
    app = app_for(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert not isinstance(app.screen, ResumeScreen)
    assert store.interrupted_session() is not None
    assert store.sessions() == []


async def test_a_session_whose_plan_is_gone_can_only_be_closed(
    bundled_catalogue: Catalogue,
) -> None:
    store = demo_store(bundled_catalogue)
    record = demo_unfinished_session(bundled_catalogue)
    record.plan_id = "retired-plan"
    store.save_session(record)
    app = app_for(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen) and not app.screen.can_resume
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)  # r does nothing here
        await pilot.press("c")
        await pilot.pause()
    assert [s.status for s in store.sessions()] == ["interrupted"]


# --------------------------------------------------------------------------- newer schema


def test_a_newer_state_stops_the_program_with_status_2(
    tmp_path: Path, capsys, bundled_catalogue: Catalogue
) -> None:
    state = tmp_path / "state.toml"
    state.write_text("schema = 99\n")
    args = argparse.Namespace(state=state, no_bell=True, reduced_motion=False)
    assert run_app(args, bundled_catalogue.path) == 2
    error = capsys.readouterr().err
    assert "newer version of backtrainer (state schema 99" in error
    assert state.read_text() == "schema = 99\n"


# --------------------------------------------------------------------------- snapshots


def test_snapshot_damaged_state(snap_compare, bundled_catalogue: Catalogue) -> None:
    """What was wrong, where the copy is, and y / q."""
    assert snap_compare(
        app_for(bundled_catalogue, demo_store_damaged(bundled_catalogue)), terminal_size=SIZE
    )


def test_snapshot_resume_offer(snap_compare, bundled_catalogue: Catalogue) -> None:
    """An unfinished session: what it was, and r / c / l."""
    store = demo_store_interrupted(bundled_catalogue)
    assert snap_compare(app_for(bundled_catalogue, store), terminal_size=SIZE)
