"""The stats screen: the calendar, streaks and weekly targets, minutes per week, progress
per exercise, pain over time, stops for pain and the screening's status, in tabs so each
fits 80x24. Everything comes from one `Stats`, computed from the kept summary and the last
16 weeks of sessions, so it opens just as fast after five years of history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Label,
    ListItem,
    ListView,
    Sparkline,
    Static,
    TabbedContent,
    TabPane,
)

from trainer.core.stats import ExerciseStats, Stats, describe_dosage, read_stats
from trainer.core.stats_text import (
    bar,
    day_month,
    duration,
    pain_change,
    pain_level,
    plural,
    screening_line,
    short_day,
    trend_line,
)
from trainer.ui.widgets.calendar_heatmap import CalendarHeatmap

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp

#: The settings key remembering that the "see a physiotherapist" note was shown (a date).
PAIN_NOTE_SETTING = "stats_pain_note_shown"
#: The tabs, in order; digits 1-5 jump to them.
TABS: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("minutes", "Minutes"),
    ("exercises", "Exercises"),
    ("pain", "Pain"),
    ("stops", "Stopped for pain"),
)
WEEK_BAR_WIDTH = 36
PAIN_BAR_WIDTH = 10


class ExerciseRow(ListItem):
    """One exercise in the progress list: name, today's dosage, its trend, the latest."""

    def __init__(self, exercise: ExerciseStats) -> None:
        super().__init__(classes="exercise-row")
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        exercise = self.exercise
        now = describe_dosage(exercise.current, exercise.per_side) if exercise.current else ""
        latest = f"{exercise.series[-1]} {exercise.unit}" if exercise.series else ""
        with Horizontal():
            yield Label(exercise.name, classes="exercise-name")
            yield Label(now, classes="exercise-now")
            yield Sparkline(list(exercise.series), classes="exercise-spark")
            yield Label(latest, classes="exercise-latest")


class StatsScreen(Screen[None]):
    CSS_PATH = "stats.tcss"
    BINDINGS = [
        Binding("escape,q", "close", "Back", key_display="esc"),
        Binding("left", "step_tab(-1)", "Previous tab", key_display="←", priority=True),
        Binding("right", "step_tab(1)", "Next tab", key_display="→", priority=True),
        *(
            Binding(str(n), f"show_tab('{tab}')", f"Show {title}", show=False)
            for n, (tab, title) in enumerate(TABS, start=1)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stats: Stats | None = None
        self.pain_note_now = False

    @property
    def trainer(self) -> TrainerApp:
        return cast("TrainerApp", self.app)

    def compose(self) -> ComposeResult:
        app = self.trainer
        today = app.clock.now().date()
        stats = self.stats = read_stats(app.store, app.catalogue, today, may_save=True)
        shown_before = bool(app.store.settings().get(PAIN_NOTE_SETTING))
        self.pain_note_now = stats.pain.trend.not_improving and not shown_before
        yield Header()
        if not stats.has_history:
            yield from self._first_run(stats)
        else:
            with TabbedContent(id="stats-tabs"):
                with TabPane("Overview", id="overview"):
                    yield from self._overview(stats)
                with TabPane("Minutes", id="minutes"):
                    yield from self._minutes(stats)
                with TabPane("Exercises", id="exercises"):
                    yield from self._exercises(stats)
                with TabPane("Pain", id="pain"):
                    yield from self._pain(stats)
                with TabPane("Stopped for pain", id="stops"):
                    yield from self._stops(stats)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Stats"
        self._fill_tables()
        if self.pain_note_now:
            self._remember_pain_note()
        self._focus_pane("overview")

    # ------------------------------------------------------------------ sections

    def _first_run(self, stats: Stats) -> ComposeResult:
        with VerticalScroll(id="stats-first-run"):
            yield Static("No sessions yet", id="first-run-title")
            yield Static(
                "Your stats start with your first session. After it, this screen shows "
                "a calendar of the days you trained, your streaks, minutes per week, how "
                "each exercise is coming along, and your pain before and after sessions.",
                classes="first-run-text",
            )
            yield Static(
                "The articles' weekly rhythm: gentle stretching every day, and strength "
                "work twice a week.",
                classes="first-run-text",
            )
            yield Static(screening_line(stats.screening), id="first-run-screening")

    def _overview(self, stats: Stats) -> ComposeResult:
        with VerticalScroll(id="overview-scroll", classes="pane-body"):
            if self.pain_note_now:
                yield self._pain_note(stats, id="pain-note-callout")
            with Horizontal(id="overview-top"):
                yield CalendarHeatmap(stats.calendar, id="calendar")
                with Vertical(id="overview-side"):
                    yield Static(self._streaks_text(stats), id="streaks")
                    yield Static(self._targets_text(stats), id="targets")
            yield Static(screening_line(stats.screening), id="screening-status")
            since = f" since {short_day(stats.first_day)}" if stats.first_day else ""
            yield Static(
                f"In all: {plural(stats.total_sessions, 'session')}, "
                f"{duration(stats.total_minutes)}{since}.",
                id="totals",
            )

    def _streaks_text(self, stats: Stats) -> Content:
        return Content.assemble(
            ("Streaks\n", "bold"),
            f"Current  {plural(stats.current_streak, 'day')}\n",
            f"Best     {plural(stats.best_streak, 'day')}\n",
            f"This week {plural(stats.sessions_this_week, 'session')}, "
            f"{duration(stats.minutes_per_week[-1].minutes)}",
        )

    def _targets_text(self, stats: Stats) -> Content:
        parts: list[str | tuple[str, str]] = [("Targets this week\n", "bold")]
        for target in stats.targets:
            mark, style = ("✓", "$success") if target.met else ("·", "$warning")
            word = "met" if target.met else "not yet"
            parts.append((mark, style))
            parts.append(f" {target.name}: ")
            parts.append((word, f"bold {style}"))
            parts.append(f"\n  {target.detail}\n")
        return Content.assemble(*parts).rstrip()

    def _minutes(self, stats: Stats) -> ComposeResult:
        weeks = stats.minutes_per_week
        largest = max((w.minutes for w in weeks), default=0.0)
        lines = [Content.styled("Minutes trained per week (weeks start on Monday)", "bold")]
        for week in weeks:
            label = f"w/c {day_month(week.monday):<7}"
            lines.append(
                Content.assemble(
                    (label, "$text-muted"),
                    (f"{bar(week.minutes, largest, WEEK_BAR_WIDTH):<{WEEK_BAR_WIDTH}}", "$accent"),
                    f" {duration(week.minutes):>8}  {plural(week.sessions, 'session')}",
                )
            )
        total = sum(w.minutes for w in weeks)
        sessions = sum(w.sessions for w in weeks)
        lines.append(
            Content(
                f"Last {len(weeks)} weeks: {duration(total)} in {plural(sessions, 'session')}, "
                f"{duration(total / len(weeks))} a week on average."
            )
        )
        with VerticalScroll(id="minutes-scroll", classes="pane-body"):
            yield Static(Content("\n").join(lines), id="week-bars")

    def _exercises(self, stats: Stats) -> ComposeResult:
        with Vertical(id="exercises-body", classes="pane-body"):
            with Horizontal(id="exercise-heading"):
                yield Label("Exercise", classes="exercise-name")
                yield Label("Today", classes="exercise-now")
                yield Label("Most in a session, by week", classes="exercise-trend")
            yield ListView(*(ExerciseRow(e) for e in stats.exercises), id="exercise-list")
            yield Static("", id="exercise-detail")

    def _pain(self, stats: Stats) -> ComposeResult:
        pain = stats.pain
        with VerticalScroll(id="pain-scroll", classes="pane-body"):
            recent = (
                f" Last 4 weeks: {pain_change(pain.recent_change)}."
                if pain.recent_change is not None
                else ""
            )
            yield Static(
                f"Average change per session: {pain_change(pain.average_change)} out of 10 "
                f"(after minus before, {plural(pain.rated_sessions, 'session')} rated both "
                f"times).{recent}",
                id="pain-summary",
            )
            yield self._pain_note(stats, id="pain-trend")
            weeks = pain.weeks
            for label, values in (
                ("Before", [w.before for w in weeks if w.before is not None]),
                ("After", [w.after for w in weeks if w.after is not None]),
            ):
                with Horizontal(classes="pain-row"):
                    yield Label(label, classes="pain-label")
                    yield Label(pain_level(values[0]) if values else "-", classes="pain-first")
                    yield Sparkline(values, classes="pain-spark")
                    yield Label(pain_level(values[-1]) if values else "-", classes="pain-last")
            if weeks:
                yield Static(
                    f"Weekly averages from {short_day(weeks[0].monday)}: first week on the "
                    "left, this week on the right. Lower is less pain.",
                    id="pain-spark-caption",
                )
            table: DataTable[str] = DataTable(id="pain-weeks", cursor_type="none")
            table.can_focus = False
            yield table

    def _pain_note(self, stats: Stats, *, id: str) -> Static:
        trend = stats.pain.trend
        text = trend_line(trend)
        if trend.not_improving and stats.pain.seek_help:
            text += "\n" + "\n".join(stats.pain.seek_help)
        classes = "pain-note -flagged" if trend.not_improving else "pain-note"
        return Static(text, id=id, classes=classes)

    def _stops(self, stats: Stats) -> ComposeResult:
        with VerticalScroll(id="stops-scroll", classes="pane-body"):
            if not stats.pain_stops:
                yield Static(
                    "No exercise has been stopped for pain. If one is, it is listed here "
                    "with how often and when last.",
                    id="stops-none",
                )
                return
            table: DataTable[str] = DataTable(id="stops-table", cursor_type="none")
            table.can_focus = False
            yield table

    # ------------------------------------------------------------------ filling in

    def _fill_tables(self) -> None:
        stats = self.stats
        if stats is None or not stats.has_history:
            return
        pain_table = self.query_one("#pain-weeks", DataTable)
        pain_table.add_columns("Week of", "Before", "", "After", "", "Change")
        for week in stats.pain.weeks[-8:]:
            change = (
                week.after - week.before
                if week.after is not None and week.before is not None
                else None
            )
            pain_table.add_row(
                day_month(week.monday),
                pain_level(week.before),
                bar(week.before or 0, 10, PAIN_BAR_WIDTH),
                pain_level(week.after),
                bar(week.after or 0, 10, PAIN_BAR_WIDTH),
                pain_change(change),
            )
        if stats.pain_stops:
            stops = self.query_one("#stops-table", DataTable)
            stops.add_columns("Exercise", "Times", "Last", "Last kind")
            for stop in stats.pain_stops:
                stops.add_row(stop.name, str(stop.times), short_day(stop.last), stop.last_kind)

    def _remember_pain_note(self) -> None:
        """The note is shown prominently once; after that it stays on the Pain tab."""
        store = self.trainer.store
        if store.read_only_reason is not None:
            return
        settings = store.settings()
        settings[PAIN_NOTE_SETTING] = self.trainer.clock.now().date().isoformat()
        try:
            store.save_settings(settings)
        except Exception:  # a store that refuses writes must not close the stats
            self.log.warning("could not remember the pain note")

    # ------------------------------------------------------------------ moving around

    def _focus_pane(self, tab: str) -> None:
        targets = {
            "overview": "#overview-scroll",
            "minutes": "#minutes-scroll",
            "exercises": "#exercise-list",
            "pain": "#pain-scroll",
            "stops": "#stops-scroll",
        }
        found = self.query(targets.get(tab, "#stats-first-run"))
        if found:
            found.first().focus()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            self._focus_pane(event.pane.id)

    def action_step_tab(self, step: int) -> None:
        tabs = self.query(TabbedContent)
        if not tabs:
            return
        ids = [tab for tab, _ in TABS]
        current = tabs.first().active
        position = ids.index(current) if current in ids else 0
        tabs.first().active = ids[(position + step) % len(ids)]

    def action_show_tab(self, tab: str) -> None:
        tabs = self.query(TabbedContent)
        if tabs:
            tabs.first().active = tab

    def action_close(self) -> None:
        self.dismiss(None)

    @on(ListView.Highlighted, "#exercise-list")
    def _exercise_highlighted(self, event: ListView.Highlighted) -> None:
        detail = self.query_one("#exercise-detail", Static)
        if not isinstance(event.item, ExerciseRow):
            detail.update("")
            return
        exercise = event.item.exercise
        since = f"Since {short_day(exercise.first_day)}: " if exercise.first_day else ""
        stops = (
            f"; stopped for pain {plural(exercise.pain_stops, 'time')}"
            if exercise.pain_stops
            else ""
        )
        detail.update(
            f"{exercise.name}. {since}{exercise.change}. "
            f"{plural(exercise.sessions, 'session')}{stops}. Enter: its history."
        )

    @on(ListView.Selected, "#exercise-list")
    def _exercise_selected(self, event: ListView.Selected) -> None:
        if isinstance(event.item, ExerciseRow):
            from trainer.ui.screens.exercise_history import ExerciseHistoryScreen

            self.app.push_screen(ExerciseHistoryScreen(event.item.exercise))
