"""The stats screen: the calendar, streaks and weekly targets, minutes per week, progress
per exercise, pain over time, stops for pain, the screening's status and the safety
history (red flags, severe pain, pain rises, check-backs, clearances, with dates), in tabs so
each fits 80x24. Everything comes from one `Stats`, computed from the kept summary (and this
week's and last week's sessions, as a safety net), so it opens just as fast after five
years of history; and a tab's widgets are built the first time it is shown, so opening
costs only the overview.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Static,
    TabbedContent,
    TabPane,
)

from trainer.core.actions import Trainer
from trainer.core.catalogue.words import plural
from trainer.core.stats.aggregate import week_start
from trainer.core.stats.figures import ExerciseStats, Stats
from trainer.core.stats.safety_history import NO_HISTORY, SafetyEntry, safety_history
from trainer.core.stats.text import (
    ZERO_MARK,
    bar,
    column_rows,
    day_month,
    duration,
    nice_minutes,
    on_weeks,
    pain_change,
    pain_level,
    pain_summary_line,
    scale_line,
    screening_line,
    short_day,
    trend_line,
    week_axis,
)
from trainer.ui.messages import NoticesChanged, WriteFailed
from trainer.ui.saving import save_in_background
from trainer.ui.widgets.calendar_heatmap import CalendarHeatmap
from trainer.ui.widgets.exercise_table import ExerciseTable

#: The settings key remembering that the "see a physiotherapist" note was shown (a date).
PAIN_NOTE_SETTING = "stats_pain_note_shown"
#: The tabs, in order; digits 1-6 jump to them.
TABS: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("minutes", "Minutes"),
    ("exercises", "Exercises"),
    ("pain", "Pain"),
    ("stops", "Stopped for pain"),
    ("safety", "Safety"),
)
#: What takes the keys when a tab is shown (arrows scroll it, or move in its list).
FOCUS_IN_TAB = {
    "overview": "#overview-scroll",
    "minutes": "#minutes-scroll",
    "exercises": "#exercise-table",
    "pain": "#pain-scroll",
    "stops": "#stops-scroll",
    "safety": "#safety-scroll",
}
WEEK_BAR_WIDTH = 36
PAIN_BAR_WIDTH = 10
#: The pain chart: half a year of weeks, two cells each, on the 0-10 scale.
PAIN_CHART_WEEKS = 26
PAIN_CELL_WIDTH = 2
PAIN_LABEL_WIDTH = 8
PAIN_SCALE_TOP = 10.0
PAIN_TABLE_WEEKS = 8


@dataclass(frozen=True)
class StatsRead:
    """What the screen shows, read from the store in one go, off the screen's thread."""

    stats: Stats
    safety_entries: list[SafetyEntry]
    safety_now: str | None
    pain_note_shown_before: bool
    summary_problem: OSError | None


def read_for_stats(trainer: Trainer) -> StatsRead:
    """Runs on the store thread: the stats (keeping their summary current when it can), the
    safety history and whether the pain note was already shown."""
    problem: OSError | None = None
    try:
        stats = trainer.stats(may_save=True)
    except OSError as error:  # the summary could not be kept: the stats still show
        problem = error
        stats = trainer.stats(may_save=False)
    store = trainer.store
    return StatsRead(
        stats=stats,
        safety_entries=safety_history(store.safety_events(), store.screening(), trainer.catalogue),
        safety_now=trainer.safety_status().header(),
        pain_note_shown_before=bool(store.settings().get(PAIN_NOTE_SETTING)),
        summary_problem=problem,
    )


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

    def __init__(self, trainer: Trainer, found: StatsRead) -> None:
        """`found`: what `read_for_stats` read on the store thread (the app reads it before
        the screen is made, so the screen opens whole and never reads a file itself)."""
        super().__init__()
        self.trainer = trainer
        self.stats: Stats = found.stats
        self.summary_problem = found.summary_problem
        self._built: set[str] = set()
        #: The safety history, newest first, and what stands now.
        self.safety_entries: list[SafetyEntry] = found.safety_entries
        self.safety_now: str | None = found.safety_now
        self.pain_note_now = found.stats.pain.trend.not_improving and not (
            found.pain_note_shown_before
        )

    def compose(self) -> ComposeResult:
        stats = self.stats
        yield Header()
        if not stats.has_history:
            yield self._first_run(stats)
        else:
            with TabbedContent(id="stats-tabs"):
                # The overview is in the first frame; the others are built on first show.
                self._built.add("overview")
                yield TabPane("Overview", self._overview(stats), id="overview")
                for tab, title in TABS[1:]:
                    yield TabPane(title, id=tab)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Stats"
        if self.summary_problem is not None:  # the summary could not be kept: the stats show
            self.post_message(WriteFailed("The stats summary", self.summary_problem))
        self.post_message(NoticesChanged())  # reading the history may have found a bad file
        if self.pain_note_now:
            self._remember_pain_note()
        self._focus_tab("overview")

    # ------------------------------------------------------------------ the tabs

    def _build_tab(self, tab: str) -> None:
        stats = self.stats
        if tab in self._built or stats is None:
            return
        self._built.add(tab)
        builders = {
            "overview": self._overview,
            "minutes": self._minutes,
            "exercises": self._exercises,
            "pain": self._pain,
            "stops": self._stops,
            "safety": self._safety,
        }
        self.query_one(f"#{tab}", TabPane).mount(builders[tab](stats))

    def _first_run(self, stats: Stats) -> Widget:
        return VerticalScroll(
            Static("No sessions yet", id="first-run-title"),
            Static(
                "Your stats start with your first session. After it, this screen shows "
                "a calendar of the days you trained, your streaks, minutes per week, how "
                "each exercise is coming along, and your pain before and after sessions.",
                classes="first-run-text",
            ),
            Static(
                "The articles' weekly rhythm: gentle stretching every day, and strength "
                "work twice a week.",
                classes="first-run-text",
            ),
            Static(screening_line(stats.screening), id="first-run-screening"),
            # A red flag can come before any session: events are shown from the start.
            *(
                [Static(Content.styled("Safety", "bold")), self._safety_body()]
                if any(entry.kind != "screening" for entry in self.safety_entries)
                else []
            ),
            id="stats-first-run",
        )

    def _overview(self, stats: Stats) -> Widget:
        since = f" since {short_day(stats.first_day)}" if stats.first_day else ""
        callout = (
            [self._pain_note(stats, id="pain-note-callout", brief=True)]
            if self.pain_note_now
            else []
        )
        return VerticalScroll(
            *callout,
            Horizontal(
                CalendarHeatmap(stats.calendar, id="calendar"),
                Vertical(
                    Static(self._streaks_text(stats), id="streaks"),
                    Static(self._targets_text(stats), id="targets"),
                    id="overview-side",
                ),
                id="overview-top",
            ),
            Static(screening_line(stats.screening), id="screening-status"),
            *(
                [Static(f"{self.safety_now}. More on the Safety tab (6).", id="safety-flag")]
                if self.safety_now is not None
                else []
            ),
            Static(
                f"In all: {plural(stats.total_sessions, 'session')}, "
                f"{duration(stats.total_minutes)}{since}.",
                id="totals",
            ),
            id="overview-scroll",
            classes="pane-body",
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

    def _minutes(self, stats: Stats) -> Widget:
        weeks = stats.minutes_per_week
        # A round number for a full bar, named on the scale line above the bars.
        top = nice_minutes(max((w.minutes for w in weeks), default=0.0))
        label_width = len(f"w/c {day_month(weeks[0].monday):<7}")
        lines = [
            Content.styled("Minutes trained per week (weeks start on Monday)", "bold"),
            Content.styled(
                " " * label_width + scale_line(WEEK_BAR_WIDTH, duration(top), duration(top / 2)),
                "$text-muted",
            ),
        ]
        for week in weeks:
            label = f"w/c {day_month(week.monday):<7}"
            drawn = bar(week.minutes, top, WEEK_BAR_WIDTH)
            lines.append(
                Content.assemble(
                    (label, "$text-muted"),
                    (f"{drawn:<{WEEK_BAR_WIDTH}}", "$accent"),
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
        return VerticalScroll(
            Static(Content("\n").join(lines), id="week-bars"),
            id="minutes-scroll",
            classes="pane-body",
        )

    def _exercises(self, stats: Stats) -> Widget:
        return Vertical(
            Static(
                "Most done in one session each week (each side), reps or seconds held: a "
                "full column is the exercise's best week; a gap, a week not done.",
                id="exercise-heading",
            ),
            ExerciseTable(
                stats.exercises, this_monday=week_start(stats.today), id="exercise-table"
            ),
            Static("", id="exercise-detail"),
            id="exercises-body",
            classes="pane-body",
        )

    def _pain(self, stats: Stats) -> Widget:
        pain = stats.pain
        children: list[Widget] = [
            Static(pain_summary_line(pain), id="pain-summary"),
            self._pain_note(stats, id="pain-trend"),
        ]
        weeks = pain.weeks
        if weeks:
            children.append(Static(self._pain_chart(stats), id="pain-chart"))
            children.append(self._pain_table(stats))
        return VerticalScroll(*children, id="pain-scroll", classes="pane-body")

    def _pain_chart(self, stats: Stats) -> Content:
        """Weekly average pain before and after, on the 0-10 scale itself (a full column is
        10) with every week of the last half year on the axis: a week without a rating is
        a gap, and 2.0 is drawn half as tall as 4.0."""
        mondays, before = on_weeks(
            ((w.monday, w.before) for w in stats.pain.weeks if w.before is not None),
            week_start(stats.today),
            PAIN_CHART_WEEKS,
        )
        _, after = on_weeks(
            ((w.monday, w.after) for w in stats.pain.weeks if w.after is not None),
            week_start(stats.today),
            PAIN_CHART_WEEKS,
        )
        lines = [
            Content.styled(
                f"Weekly average pain, last {PAIN_CHART_WEEKS} weeks, on the 0-10 scale", "bold"
            ),
            Content.styled(
                f"Full column 10, half 5, {ZERO_MARK} 0, gap: no rating. Lower is less pain.",
                "$text-muted",
            ),
        ]
        for label, values in (("Before", before), ("After", after)):
            latest = next((v for v in reversed(values) if v is not None), None)
            upper, lower = column_rows(values, PAIN_SCALE_TOP, rows=2, cell_width=PAIN_CELL_WIDTH)
            lines.append(Content.assemble((" " * PAIN_LABEL_WIDTH, "bold"), (upper, "$accent")))
            lines.append(
                Content.assemble(
                    (f"{label:<{PAIN_LABEL_WIDTH}}", "bold"),
                    (lower, "$accent"),
                    f" {pain_level(latest)} latest",
                )
            )
        axis = week_axis(mondays, PAIN_CELL_WIDTH)
        lines.append(Content.styled(" " * PAIN_LABEL_WIDTH + axis, "$text-muted"))
        return Content("\n").join(lines)

    def _pain_table(self, stats: Stats) -> DataTable[str]:
        table: DataTable[str] = DataTable(id="pain-weeks", cursor_type="none")
        table.can_focus = False
        table.add_columns("Week of", "Before", "of 10", "After", "of 10", "Change")
        for week in stats.pain.weeks[-PAIN_TABLE_WEEKS:]:
            change = (
                week.after - week.before
                if week.after is not None and week.before is not None
                else None
            )
            table.add_row(
                day_month(week.monday),
                pain_level(week.before),
                bar(week.before or 0, 10, PAIN_BAR_WIDTH),
                pain_level(week.after),
                bar(week.after or 0, 10, PAIN_BAR_WIDTH),
                pain_change(change),
            )
        return table

    def _pain_note(self, stats: Stats, *, id: str, brief: bool = False) -> Static:
        """The trend in words; when pain is not easing, the catalogue's `seek-help` advice
        (brief: only its first line, the one about pain that is not improving)."""
        trend = stats.pain.trend
        text = trend_line(trend)
        advice = stats.pain.seek_help
        if trend.not_improving and advice:
            shown = advice[:1] if brief else advice
            text += "\n" + "\n".join(shown)
            if brief and len(advice) > 1:
                text += "\nMore on the Pain tab (4)."
        classes = "pain-note -flagged" if trend.not_improving else "pain-note"
        return Static(text, id=id, classes=classes)

    def _stops(self, stats: Stats) -> Widget:
        if not stats.pain_stops:
            body: Widget = Static(
                "No exercise has been stopped for pain. If one is, it is listed here "
                "with how often and when last.",
                id="stops-none",
            )
        else:
            table: DataTable[str] = DataTable(id="stops-table", cursor_type="none")
            table.can_focus = False
            table.add_columns("Exercise", "Times", "Last", "Last kind")
            for stop in stats.pain_stops:
                table.add_row(stop.name, str(stop.times), short_day(stop.last), stop.last_kind)
            body = table
        return VerticalScroll(body, id="stops-scroll", classes="pane-body")

    def _safety(self, stats: Stats) -> Widget:
        return VerticalScroll(self._safety_body(), id="safety-scroll", classes="pane-body")

    def _safety_body(self) -> Widget:
        """What stands now (the plans screen's header), then every safety event with its
        date, newest first, in the words `trainer stats` uses."""
        children: list[Widget] = []
        if self.safety_now is not None:
            children.append(Static(f"Now: {self.safety_now}", id="safety-now"))
        if not self.safety_entries:
            children.append(Static(NO_HISTORY, id="safety-none"))
            return Vertical(*children, id="safety-body")
        caption = "What you told the trainer about your safety, newest first."
        children.append(Static(caption, id="safety-caption"))
        # Two columns, so a long line wraps under its words and the dates stay in line.
        cells: list[Widget] = []
        for entry in self.safety_entries:
            cells.append(Static(entry.stamp, classes="safety-when"))
            cells.append(Static(entry.words, classes=f"safety-what -{entry.kind}"))
        children.append(Grid(*cells, id="safety-history"))
        return Vertical(*children, id="safety-body")

    def _remember_pain_note(self) -> None:
        """The note is shown prominently once; after that it stays on the Pain tab."""
        today = self.trainer.now().date().isoformat()
        remember = partial(self.trainer.remember_setting, PAIN_NOTE_SETTING, today)
        save_in_background(self, "That the pain note was shown", remember)

    # ------------------------------------------------------------------ moving around

    def _focus_tab(self, tab: str) -> None:
        """Gives the keys to what the tab holds, once it is mounted."""

        def focus() -> None:
            found = self.query(FOCUS_IN_TAB.get(tab, "#stats-first-run"))
            if not found and self.query("#stats-first-run"):
                found = self.query("#stats-first-run")
            if found:
                found.first().focus()

        self.call_after_refresh(focus)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            self._build_tab(event.pane.id)
            self._focus_tab(event.pane.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No tabs on the first-run page: their keys leave the footer."""
        if action in ("step_tab", "show_tab"):
            return self.stats.has_history
        return True

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

    def _exercise_of(
        self, event: DataTable.RowHighlighted | DataTable.RowSelected
    ) -> ExerciseStats | None:
        table = event.data_table
        return table.exercise_for(event.row_key) if isinstance(table, ExerciseTable) else None

    @on(DataTable.RowHighlighted, "#exercise-table")
    def _exercise_highlighted(self, event: DataTable.RowHighlighted) -> None:
        detail = self.query_one("#exercise-detail", Static)
        exercise = self._exercise_of(event)
        if exercise is None:
            detail.update("")
            return
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

    @on(DataTable.RowSelected, "#exercise-table")
    def _exercise_selected(self, event: DataTable.RowSelected) -> None:
        exercise = self._exercise_of(event)
        if exercise is not None:
            from trainer.ui.screens.exercise_history import ExerciseHistoryScreen

            self.app.push_screen(ExerciseHistoryScreen(self.trainer, exercise))
