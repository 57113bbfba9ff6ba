"""The stats screen as a person uses it: `t` from anywhere, tabs, an exercise's history,
back again; the first-run state; the "see a physiotherapist" note shown once."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from types import MappingProxyType

from catalogue_factory import NOW, catalogue
from session_factory import done, session
from support.demo import demo_store
from support.demo_history import demo_store_with_history

from trainer.core.catalogue.model import Catalogue
from trainer.core.records import PrescriptionChange
from trainer.core.session.clock import FakeClock
from trainer.core.stats.text import duration, nice_minutes
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions
from trainer.ui.screens.exercise_history import ExerciseHistoryScreen
from trainer.ui.screens.stats import PAIN_NOTE_SETTING, StatsScreen
from trainer.ui.widgets.exercise_table import ExerciseTable

SIZE = (80, 24)
SEEK_HELP = (
    "If you have been doing lower back exercises consistently for several weeks and your "
    "pain is not improving, or if it gets worse, it may be time to seek one-on-one guidance.",
)


def guided_catalogue() -> Catalogue:
    return dataclasses.replace(catalogue(), guidance=MappingProxyType({"seek-help": SEEK_HELP}))


def make_app(store: MemoryStore) -> TrainerApp:
    return TrainerApp(guided_catalogue(), store, FakeClock(start=NOW), AppOptions(bell=False))


def with_history() -> MemoryStore:
    return demo_store_with_history(guided_catalogue(), years=0.5, seed=7, end=NOW)


def flat_pain_store() -> MemoryStore:
    """Four weeks of regular sessions up to NOW with pain before stuck at 5."""
    store = demo_store(guided_catalogue())
    today = NOW.date()
    for back in range(27, -1, -3):
        day = today - timedelta(days=back)
        started = datetime(day.year, day.month, day.day, 8, 0, tzinfo=NOW.tzinfo)
        store.save_session(session(started, pain_before=5, pain_after=5))
    return store


def active_tab(app: TrainerApp) -> str:
    from textual.widgets import TabbedContent

    return app.screen.query_one(TabbedContent).active


async def test_t_opens_the_stats_from_another_screen_and_escape_comes_back() -> None:
    app = make_app(with_history())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = type(app.screen)
        assert before is not StatsScreen

        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)

        await pilot.press("t")  # already showing: not a second copy
        await pilot.pause()
        assert sum(isinstance(s, StatsScreen) for s in app.screen_stack) == 1

        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen) is before


async def test_arrows_and_digits_move_between_tabs() -> None:
    app = make_app(with_history())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert active_tab(app) == "overview"

        await pilot.press("right")
        await pilot.pause()
        assert active_tab(app) == "minutes"

        await pilot.press("4")
        await pilot.pause()
        assert active_tab(app) == "pain"

        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert active_tab(app) == "overview"  # wraps round

        await pilot.press("left")
        await pilot.pause()
        assert active_tab(app) == "safety"


async def test_enter_on_an_exercise_opens_its_history_with_the_reasons() -> None:
    store = with_history()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "3")
        await pilot.pause()
        rows = list(app.screen.query_one(ExerciseTable).exercises.values())
        assert rows, "the history has exercises"
        assert app.focused is not None and app.focused.id == "exercise-table"

        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseHistoryScreen)
        assert screen.exercise == rows[1]
        text = str(screen.query_one("#history-changes-text").render())
        reasons = [c.reason for c in store.changes(rows[1].exercise_id)]
        assert reasons and all(reason in text for reason in reasons)

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert active_tab(app) == "exercises"


async def test_t_on_an_exercise_history_goes_back_to_the_stats() -> None:
    app = make_app(with_history())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseHistoryScreen)

        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


async def test_an_exercise_with_no_changes_says_so() -> None:
    store = with_history()
    store._changes.clear()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "3", "enter")
        await pilot.pause()
        text = str(app.screen.query_one("#history-changes-text").render())
        assert "No changes yet" in text


async def test_the_history_lists_changes_newest_first() -> None:
    store = with_history()
    store._changes.clear()
    first = store.sessions()[0].exercises[0]
    before, after = first.prescribed, dataclasses.replace(first.prescribed, reps=99)
    for day, reason in ((1, "The older change."), (5, "The newer change.")):
        when = NOW - timedelta(days=30 - day)
        store.save_progress(
            store.progress()[first.exercise_id],
            PrescriptionChange(first.exercise_id, when, before, after, reason),
        )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "3")
        await pilot.pause()
        names = list(app.screen.query_one(ExerciseTable).exercises)
        await pilot.press(*["down"] * names.index(first.exercise_id), "enter")
        await pilot.pause()
        text = str(app.screen.query_one("#history-changes-text").render())
        assert text.index("The newer change.") < text.index("The older change.")


async def test_no_history_shows_the_first_run_state_not_empty_charts() -> None:
    app = make_app(MemoryStore())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert screen.query("#stats-first-run")
        assert not screen.query("#stats-tabs")
        assert "No sessions yet" in str(screen.query_one("#first-run-title").render())


async def test_the_physiotherapist_note_is_shown_prominently_once() -> None:
    store = flat_pain_store()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        callout = app.screen.query_one("#pain-note-callout")
        assert SEEK_HELP[0] in str(callout.render())
        assert store.settings()[PAIN_NOTE_SETTING] == NOW.date().isoformat()

        await pilot.press("escape", "t")
        await pilot.pause()
        assert not app.screen.query("#pain-note-callout")
        await pilot.press("4")
        await pilot.pause()
        trend = app.screen.query_one("#pain-trend")  # still there, quietly, on the Pain tab
        assert trend.has_class("-flagged")
        assert SEEK_HELP[0] in str(trend.render())


async def test_a_read_only_store_shows_the_note_without_writing() -> None:
    store = flat_pain_store()
    store.read_only_reason = "another trainer is running"
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query("#pain-note-callout")
        assert PAIN_NOTE_SETTING not in store.settings()
        assert store.summary() == {}


async def test_improving_pain_brings_no_note() -> None:
    app = make_app(with_history())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "4")
        await pilot.pause()
        assert not app.screen.query("#pain-note-callout")
        assert not app.screen.query_one("#pain-trend").has_class("-flagged")


async def test_the_command_palette_opens_the_stats() -> None:
    app = make_app(with_history())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Show stats")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


async def test_help_on_the_stats_lists_its_keys() -> None:
    app = make_app(with_history())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "question_mark")
        await pilot.pause()
        keys = str(app.screen.query_one("#help-keys").render())
        assert "Next tab" in keys
        assert "Show Exercises" in keys


async def test_the_calendar_marks_today() -> None:
    app = make_app(with_history())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.stats is not None
        today = screen.stats.today
        assert today == date(2026, 11, 20)
        rows = str(screen.query_one("#calendar").render()).splitlines()
        friday = rows[1 + today.weekday()]
        assert friday.startswith("Fri")
        # Today (Friday 20 November, nothing yet at 09:00) is the last cell drawn.
        assert friday.rstrip().endswith("◇")
        assert all("◇" not in row and "◆" not in row for row in rows[1:8] if row != friday)


def two_pain_weeks() -> MemoryStore:
    """Pain 2 before sessions last week and 4 this week; and a knee-to-chest held 10.6 s on
    the left with the right side never reached."""
    store = demo_store(guided_catalogue())
    today = NOW.date()
    monday = today - timedelta(days=today.weekday())
    for day, pain in ((monday - timedelta(days=7), 2), (monday, 4)):
        started = datetime(day.year, day.month, day.day, 8, 0, tzinfo=NOW.tzinfo)
        store.save_session(session(started, pain_before=pain, pain_after=pain))
    knee = done("knee-to-chest", hold_s=10, reps=1, per_side=True)
    knee.sets = [dataclasses.replace(knee.sets[0], seconds_held=10.6)]
    started = datetime(monday.year, monday.month, monday.day, 18, 0, tzinfo=NOW.tzinfo)
    store.save_session(session(started, knee))
    return store


async def test_the_pain_chart_draws_four_taller_than_two_on_the_0_to_10_scale() -> None:
    app = make_app(two_pain_weeks())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "4")
        await pilot.pause()
        chart = str(app.screen.query_one("#pain-chart").render()).split("\n")
        assert "0-10 scale" in chart[0]
        before = chart[3]  # the lower row of "Before"
        assert before.startswith("Before")
        last_week, this_week = before.split()[1][-4:-2], before.split()[1][-2:]
        assert last_week == "▃▃" and this_week == "▆▆"  # 2/10 and 4/10 of two rows
        assert "Nov" in chart[-1]  # the time axis


async def test_the_minutes_chart_says_what_a_full_bar_means() -> None:
    app = make_app(with_history())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "2")
        await pilot.pause()
        stats = app.screen.stats
        assert stats is not None
        top = nice_minutes(max(w.minutes for w in stats.minutes_per_week))
        lines = str(app.screen.query_one("#week-bars").render()).split("\n")
        scale = lines[1].split()
        assert scale[0] == "0" and " ".join(scale).endswith(duration(top))
        assert lines[2].startswith("w/c ")


async def test_the_history_shows_seconds_held_per_side_from_the_log() -> None:
    """10.6 s held on one side read "5 s held" (the total halved): now 11 s."""
    app = make_app(two_pain_weeks())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "3")
        await pilot.pause()
        table = app.screen.query_one(ExerciseTable)
        knee = next(e for e in table.exercises.values() if e.exercise_id == "knee-to-chest")
        assert knee.series[-1] == 11
        app.push_screen(ExerciseHistoryScreen(app.screen.trainer, knee))
        await pilot.pause()
        facts = str(app.screen.query_one("#history-facts").render())
        assert "Latest   11 s held each side" in facts
        chart = str(app.screen.query_one("#history-chart").render()).split("\n")
        assert chart[0].strip().startswith("15 ┤")  # a round top just above 11
