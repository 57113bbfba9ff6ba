"""File I/O off the screen's thread: the store thread keeps order and loses nothing, the
store is safe to share between threads, and each screen goes on working while the disk is
slow (showing "reading" or "saving" where it has to wait).

A busy disk is stood in for by a job that holds the store thread until the test lets go
(`support.settle.held_store_thread`): no test waits for a guessed time.
"""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from session_plans import two_exercise_plan
from support.demo import demo_clock, demo_store
from support.demo_history import demo_store_with_history
from support.settle import held_store_thread, no_settling, settle
from textual.pilot import Pilot
from textual.widgets import Static, TabbedContent

from trainer.core.catalogue.model import Catalogue
from trainer.core.records import SessionRecord
from trainer.core.store.files import FileStore, open_store
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import TrainerApp
from trainer.ui.background import drain, in_store_thread, now_in_store_thread
from trainer.ui.options import AppOptions
from trainer.ui.screens.confirm import ConfirmScreen
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.plans import READING as READING_PROGRESS
from trainer.ui.screens.plans import PlansScreen
from trainer.ui.screens.session import SessionScreen
from trainer.ui.screens.session_summary import SessionSummaryScreen
from trainer.ui.screens.stats import StatsScreen

SIZE = (80, 24)


# ---------------------------------------------------------------------- the store thread


async def test_jobs_run_in_the_order_asked_and_one_at_a_time() -> None:
    done: list[int] = []
    threads: set[str] = set()

    def job(n: int) -> int:
        threads.add(threading.current_thread().name)
        done.append(n)
        return n * n

    with held_store_thread():  # all twenty are queued before any may run
        results = [asyncio.ensure_future(in_store_thread(lambda n=n: job(n))) for n in range(20)]
        await asyncio.sleep(0)
        assert done == []
    assert await asyncio.gather(*results) == [n * n for n in range(20)]
    assert done == list(range(20))
    assert len(threads) == 1 and threading.current_thread().name not in threads


async def test_a_job_raises_where_it_was_awaited() -> None:
    def fails() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        await in_store_thread(fails)


async def test_a_save_is_done_even_when_the_screen_that_asked_is_gone() -> None:
    saved: list[str] = []
    with held_store_thread():
        asking = asyncio.ensure_future(in_store_thread(lambda: saved.append("set 3")))
        await asyncio.sleep(0)
        asking.cancel()  # the worker of a screen that was closed meanwhile
        with pytest.raises(asyncio.CancelledError):
            await asking
    drain()
    assert saved == ["set 3"]


async def test_the_last_word_comes_after_every_save_asked_before() -> None:
    """What a hang-up saves (`now_in_store_thread`) is never overwritten by an older save
    still waiting for the disk."""
    order: list[str] = []
    with held_store_thread():
        first = asyncio.ensure_future(in_store_thread(lambda: order.append("set 3")))
        await asyncio.sleep(0)  # asked for, waiting
    now_in_store_thread(lambda: order.append("the set under way"))
    await first
    assert order == ["set 3", "the set under way"]


# ---------------------------------------------------------------------- the store's lock


@pytest.mark.parametrize("store_type", [FileStore, MemoryStore])
def test_every_public_method_and_property_of_a_store_holds_its_lock(store_type: type) -> None:
    public = {
        name: member
        for name, member in vars(store_type).items()
        if not name.startswith("_") and (callable(member) or isinstance(member, property))
    }
    assert public
    for name, member in public.items():
        function = member.fget if isinstance(member, property) else member
        assert function is not None
        # `serialised` put its wrapper around it (what the wrapper does: the next test).
        assert function.__code__.co_name == "locked", f"{store_type.__name__}.{name}"


def test_a_reader_waits_while_a_save_holds_the_store(tmp_path: Path) -> None:
    store = open_store(tmp_path / "state.toml")
    try:
        read: list[object] = []
        with store._mutex:  # a save half-way through
            reader = threading.Thread(target=lambda: read.append(store.settings()))
            reader.start()
            reader.join(0.2)
            assert reader.is_alive() and read == []  # it cannot see a half-done save
        reader.join()
        assert read == [{}]
    finally:
        store.close()


def test_saves_from_two_threads_leave_a_whole_store(tmp_path: Path) -> None:
    """The screen's thread reads and changes settings while the store thread saves a
    session set after set: no error, nothing lost, every file whole afterwards."""
    store = open_store(tmp_path / "state.toml")
    started = demo_clock().now()
    record = SessionRecord("s1", "plan", started)
    errors: list[BaseException] = []

    def saving() -> None:
        try:
            for n in range(60):
                record.ended = started + timedelta(seconds=n)
                store.save_session(record)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    saver = threading.Thread(target=saving)
    saver.start()
    for n in range(60):
        store.save_settings({"count": n})
        assert store.settings()["count"] == n
        store.interrupted_session()
    saver.join()
    store.close()
    assert errors == []
    again = open_store(tmp_path / "state.toml")
    try:
        assert again.startup_problems == ()
        assert again.settings() == {"count": 59}
        kept = again.interrupted_session()
        assert kept is not None and kept.ended == started + timedelta(seconds=59)
    finally:
        again.close()


# ---------------------------------------------------------------------- the screens


def make_app(catalogue: Catalogue, store: MemoryStore | None = None) -> TrainerApp:
    store = store if store is not None else demo_store(catalogue)
    return TrainerApp(catalogue, store, demo_clock(), AppOptions(bell=False))


def shown(screen: Any, widget_id: str) -> str:
    return str(screen.query_one(f"#{widget_id}", Static).content)


async def test_the_plans_say_they_are_reading_then_show_the_plans(
    bundled_catalogue: Catalogue,
) -> None:
    app = make_app(bundled_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        with no_settling():
            with held_store_thread():
                app.push_screen(PlansScreen(app.trainer))
                await pilot.pause()
                plans = app.screen
                assert isinstance(plans, PlansScreen)
                assert shown(plans, "plans-suggestion") == READING_PROGRESS
                await pilot.press("enter")  # nothing to start yet: nothing happens
                assert app.screen is plans
            await settle(app)
            await pilot.pause()
        assert "Today's suggestion" in shown(plans, "plans-suggestion")
        assert plans.current_plan() is not None


async def test_the_stats_open_once_read_and_the_keys_work_meanwhile(
    bundled_catalogue: Catalogue,
) -> None:
    store = demo_store_with_history(bundled_catalogue, years=0.5, seed=3, end=demo_clock().now())
    app = make_app(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        before = app.screen
        with no_settling():
            with held_store_thread():
                await pilot.press("t")
                assert app.screen is before  # nothing half-drawn while the disk is slow
                await pilot.press("question_mark")  # the keys still answer
                assert isinstance(app.screen, HelpScreen)
                await pilot.press("escape")
                assert app.screen is before
            await settle(app)
            await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        assert stats.query_one(TabbedContent).active == "overview"
        await pilot.press("escape")
        assert app.screen is before


async def start_session(pilot: Pilot[Any]) -> SessionScreen:
    app = pilot.app
    assert isinstance(app, TrainerApp)
    app.prepare_session(two_exercise_plan())
    await pilot.press("2", "enter")
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("n")
    assert isinstance(app.screen, SessionScreen)
    return app.screen


async def test_the_session_goes_on_while_a_save_waits_for_the_disk(
    bundled_catalogue: Catalogue,
) -> None:
    store = demo_store(bundled_catalogue)
    app = make_app(bundled_catalogue, store)
    clock = app.clock
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_session(pilot)
        with no_settling():
            with held_store_thread():
                await pilot.press("enter")  # get-ready ends: the first hold
                clock.advance(10 + 3 + 10)  # two holds of the left side: a set is saved
                screen.update_session()
                await pilot.pause()
                assert shown(screen, "session-phase") == "SWITCH TO YOUR RIGHT SIDE"
                assert store.interrupted_session() is None  # still waiting for the disk
                clock.advance(5)
                screen.update_session()
                await pilot.pause()
                assert "RIGHT" in shown(screen, "session-phase")  # the session went on
            await settle(app)
        saved = store.interrupted_session()
        assert saved is not None and [s.side for s in saved.exercises[0].sets] == ["left"]


async def test_the_summary_says_it_is_saving_and_enter_waits_for_it(
    bundled_catalogue: Catalogue,
) -> None:
    store = demo_store(bundled_catalogue)
    app = make_app(bundled_catalogue, store)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen) and session.machine is not None
        session.machine.quit()
        session.update_session()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SessionSummaryScreen)
        with no_settling():
            with held_store_thread():
                await pilot.press("3", "enter")
                assert shown(summary, "summary-changes") == "Saving the session…"
                await pilot.press("enter")  # not filed yet: the summary stays
                assert app.screen is summary
                assert store.sessions() == []
            await settle(app)
            await pilot.pause()
        assert "Pain now: 3 out of 10" in shown(summary, "summary-changes")
        [filed] = store.sessions()
        assert filed.pain_after == 3
        await pilot.press("enter")
        assert isinstance(app.screen, PlansScreen)
