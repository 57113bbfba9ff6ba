"""Snapshots of the stats at 80x24: each tab over half a year of made-up history on a frozen
Friday, one exercise's history, the first-run state, the physiotherapist note, and the
overview in 16 colours and with NO_COLOR."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from types import MappingProxyType

import pytest
from session_factory import session
from support.demo import DEMO_NOW, demo_clock, demo_store
from support.demo_history import demo_store_with_history

from trainer.core.catalogue.model import Catalogue
from trainer.core.records import RedFlagAnswer, SafetyEvent
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions

SIZE = (80, 24)
SEEK_HELP = (
    "If you have been doing lower back exercises consistently for several weeks and your "
    "pain is not improving, or if it gets worse, it may be time to seek one-on-one guidance.",
)


def stats_catalogue() -> Catalogue:
    from catalogue_factory import catalogue

    return dataclasses.replace(catalogue(), guidance=MappingProxyType({"seek-help": SEEK_HELP}))


def app_with(store: MemoryStore) -> TrainerApp:
    return TrainerApp(stats_catalogue(), store, demo_clock(), AppOptions(bell=False))


def safety_events() -> list[SafetyEvent]:
    """One of each kind before the screening (lifted by it), and a see-clinician yes since."""
    from safety_factory import one_of_each

    return [
        *one_of_each(DEMO_NOW - timedelta(days=3)),
        RedFlagAnswer(DEMO_NOW - timedelta(minutes=30), "numbness", "see-clinician"),
    ]


def history_app() -> TrainerApp:
    return app_with(demo_store_with_history(stats_catalogue(), years=0.5, seed=7))


def test_overview(snap_compare) -> None:
    """Calendar with today marked, streaks, this week's targets, screening, totals."""
    assert snap_compare(history_app(), terminal_size=SIZE, press=["t"])


def test_minutes_per_week(snap_compare) -> None:
    """Twelve weeks of minutes as bars, with the numbers beside them."""
    assert snap_compare(history_app(), terminal_size=SIZE, press=["t", "2"])


def test_exercises(snap_compare) -> None:
    """One line per exercise: today's dosage, a sparkline, the latest; detail below."""
    assert snap_compare(history_app(), terminal_size=SIZE, press=["t", "3"])


def test_pain(snap_compare) -> None:
    """Average change, the trend in words, before/after sparklines, the last weeks."""
    assert snap_compare(history_app(), terminal_size=SIZE, press=["t", "4"])


def test_stopped_for_pain(snap_compare) -> None:
    """Which exercises were stopped for pain, how often, when last."""
    assert snap_compare(history_app(), terminal_size=SIZE, press=["t", "5"])


def test_safety(snap_compare) -> None:
    """What stands now, then every safety event with its date, newest first; a long line
    wraps under its words."""
    store = demo_store_with_history(stats_catalogue(), years=0.5, seed=7)
    for event in safety_events():
        store.record_safety_event(event)
    assert snap_compare(app_with(store), terminal_size=SIZE, press=["t", "6"])


def test_exercise_history(snap_compare) -> None:
    """One exercise: today vs the start, a taller sparkline, every change with its reason."""
    assert snap_compare(history_app(), terminal_size=SIZE, press=["t", "3", "down", "enter"])


def test_first_run(snap_compare) -> None:
    """No sessions yet: words about what will appear, not empty charts."""
    assert snap_compare(app_with(MemoryStore()), terminal_size=SIZE, press=["t"])


def test_physiotherapist_note(snap_compare) -> None:
    """Four regular weeks with pain stuck at 5: the kind note, from the catalogue's text."""
    store = demo_store(stats_catalogue())
    for back in range(27, -1, -3):
        day = DEMO_NOW.date() - timedelta(days=back)
        started = datetime(day.year, day.month, day.day, 7, 30, tzinfo=DEMO_NOW.tzinfo)
        store.save_session(session(started, pain_before=5, pain_after=4))
    assert snap_compare(app_with(store), terminal_size=SIZE, press=["t"])


def test_overview_in_16_colours(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over SSH with TERM=linux: the ANSI theme, every mark still a distinct character."""
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM", raising=False)
    assert snap_compare(history_app(), terminal_size=SIZE, press=["t"])


def test_overview_without_colour(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR: days trained, today and targets read from characters and words alone."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(history_app(), terminal_size=SIZE, press=["t"])
