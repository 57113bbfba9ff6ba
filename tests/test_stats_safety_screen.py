"""The stats screen's Safety tab as a person uses it: `t` then `6` lists every red flag,
severe rating, pain stop and rise, check-back answer and clearance with its date, newest
first, under what stands now; a red flag shows on the first-run page too."""

from __future__ import annotations

from datetime import timedelta

from catalogue_factory import NOW, catalogue, screening
from safety_factory import one_of_each
from session_factory import done, session
from textual.widgets import Static, TabbedContent

from trainer.core.records import (
    RedFlagAnswer,
    SafetyEvent,
)
from trainer.core.session.clock import FakeClock
from trainer.core.stats.safety_history import NO_HISTORY, history_lines
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions
from trainer.ui.screens.stats import StatsScreen

SIZE = (80, 24)
SURGERY = "Have you had recent surgery or an acute back injury?"


def events() -> list[SafetyEvent]:
    """One of each kind, all before the screening: a completed screening lifted them."""
    return one_of_each(NOW - timedelta(days=3))


def store_with(safety: list[SafetyEvent], *, sessions: bool = True) -> MemoryStore:
    store = MemoryStore()
    store.save_screening(screening(taken=NOW - timedelta(days=2)))
    if sessions:
        store.save_session(session(NOW - timedelta(days=1, hours=-3), done("bridge")))
    for event in safety:
        store.record_safety_event(event)
    return store


def make_app(store: MemoryStore) -> TrainerApp:
    return TrainerApp(catalogue(), store, FakeClock(start=NOW), AppOptions(bell=False))


def texts(app: TrainerApp, selector: str) -> list[str]:
    return [str(widget.render()) for widget in app.screen.query(selector).results(Static)]


async def test_six_shows_every_event_with_its_date_newest_first() -> None:
    store = store_with(events())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "6")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert app.screen.query_one(TabbedContent).active == "safety"

        stamps = texts(app, ".safety-when")
        words = texts(app, ".safety-what")
        shown = [f"{stamp}  {what}" for stamp, what in zip(stamps, words, strict=True)]
        assert shown == history_lines(events(), store.screening(), catalogue())
        assert shown[0] == "18 Nov 2026 09:00  screening completed: clear"
        assert (
            shown[1]
            == "17 Nov 2026 09:20  you confirmed that a clinician has cleared you to exercise"
        )
        assert shown[-1].startswith("17 Nov 2026 09:00  a yes to ")
        # Everything lifted by the screening since: nothing stands, on this tab or the first.
        assert not app.screen.query("#safety-now")
        assert not app.screen.query("#safety-flag")


async def test_a_flag_that_stands_is_named_above_the_history() -> None:
    flag = RedFlagAnswer(NOW - timedelta(minutes=5), "surgery", "see-clinician")
    app = make_app(store_with([*events(), flag]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert texts(app, "#safety-flag") == [
            f'See a clinician first: a yes to "{SURGERY}". More on the Safety tab (6).'
        ]
        await pilot.press("6")
        await pilot.pause()
        [now] = texts(app, "#safety-now")
        assert now == f'Now: See a clinician first: a yes to "{SURGERY}"'
        assert texts(app, ".safety-what")[0] == f'a yes to "{SURGERY}" (see a clinician)'


async def test_with_nothing_to_list_the_tab_says_what_will_be_there() -> None:
    store = MemoryStore()
    store.save_session(session(NOW - timedelta(days=1), done("bridge")))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "6")
        await pilot.pause()
        assert texts(app, "#safety-none") == [NO_HISTORY]
        assert not app.screen.query(".safety-when")


async def test_a_red_flag_before_any_session_shows_on_the_first_run_page() -> None:
    flag = RedFlagAnswer(NOW - timedelta(minutes=5), "bladder-bowel", "urgent")
    store = MemoryStore()
    store.record_safety_event(flag)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query("#stats-first-run")
        bladder = "Have you lost control of your bladder or bowels?"
        assert texts(app, "#safety-now") == [f'Now: URGENT: a yes to "{bladder}"']
        assert texts(app, ".safety-what") == [f'a yes to "{bladder}" (urgent)']


async def test_the_first_run_page_without_events_has_no_safety_part() -> None:
    """A screening alone is already on its Screening line."""
    app = make_app(store_with([], sessions=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query("#stats-first-run")
        assert not app.screen.query("#safety-body")
