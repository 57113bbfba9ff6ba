"""One exercise's story: where it started, where it is, how much was done week by week, and
every change to its prescription with the reason given at the time."""

from __future__ import annotations

from functools import partial

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.core.actions import Trainer
from trainer.core.catalogue.words import describe_dosage, plural
from trainer.core.records import PrescriptionChange
from trainer.core.stats.figures import ExerciseStats
from trainer.core.stats.text import column_rows, nice_top, on_weeks, short_day, week_axis
from trainer.ui.background import in_store_thread


def changes_content(changes: list[PrescriptionChange], per_side: bool) -> Content:
    """Each change on its own line, its reason below, wrapped: reasons are sentences."""
    if not changes:
        return Content("No changes yet: the prescription is still where it started.")
    parts: list[Content] = []
    for change in changes:
        parts.append(
            Content.assemble(
                (f"{short_day(change.when.date()):<12}", "bold"),
                f"{describe_dosage(change.before, per_side, compact=True)} → "
                f"{describe_dosage(change.after, per_side, compact=True)}",
            )
        )
        parts.append(Content.styled(f"  {change.reason}", "$text-muted"))
    return Content("\n").join(parts)


#: Cells the chart's weeks may take, and its height in rows (eighths of a row each).
CHART_WIDTH = 64
CHART_ROWS = 3
CHART_LABEL_WIDTH = 6
MAX_CELL_WIDTH = 4


def history_chart(exercise: ExerciseStats) -> Content:
    """The most done in a session, week by week, as columns from 0 to a round top named on
    the left, with every week on the axis below (a week not trained is a gap)."""
    last = exercise.series_weeks[-1]
    span = (last - exercise.series_weeks[0]).days // 7 + 1
    count = min(span, CHART_WIDTH)
    cell = max(1, min(MAX_CELL_WIDTH, CHART_WIDTH // count))
    mondays, values = on_weeks(
        zip(exercise.series_weeks, map(float, exercise.series), strict=True), last, count
    )
    top = nice_top(max(exercise.series))
    rows = column_rows(values, top, rows=CHART_ROWS, cell_width=cell)
    labels = [f"{top:g} ┤", *(["│"] * (CHART_ROWS - 2)), "0 ┤"]
    lines = [
        Content.assemble((f"{label:>{CHART_LABEL_WIDTH}}", "$text-muted"), (row, "$accent"))
        for label, row in zip(labels, rows, strict=True)
    ]
    axis = week_axis(mondays, cell)
    lines.append(Content.styled(" " * CHART_LABEL_WIDTH + axis, "$text-muted"))
    return Content("\n").join(lines)


READING_CHANGES = "Reading the changes…"


class ExerciseHistoryScreen(Screen[None]):
    CSS_PATH = "exercise_history.tcss"
    BINDINGS = [Binding("escape,q", "close", "Back", key_display="esc")]

    def __init__(self, trainer: Trainer, exercise: ExerciseStats) -> None:
        super().__init__()
        self.trainer = trainer
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        exercise = self.exercise
        yield Header()
        with Vertical(id="history-top"):
            yield Static(exercise.name, id="history-title")
            yield Static(self._facts(), id="history-facts")
            if exercise.series:
                yield Static(history_chart(exercise), id="history-chart")
                side = ", each side" if exercise.per_side else ""
                what = "seconds held" if exercise.unit == "s held" else exercise.unit
                yield Static(
                    f"Most {what} in one session{side}, a column a week; the scale runs "
                    "from 0 at the bottom to the figure at the top.",
                    id="history-caption",
                )
            yield Static("Changes to the prescription, newest first", id="history-changes-title")
        with VerticalScroll(id="history-changes"):
            yield Static(READING_CHANGES, id="history-changes-text")
        yield Footer()

    def _facts(self) -> Content:
        exercise = self.exercise
        lines: list[Content] = []
        if exercise.current is not None:
            lines.append(
                Content.assemble(
                    ("Today    ", "bold"), describe_dosage(exercise.current, exercise.per_side)
                )
            )
        if exercise.start is not None:
            since = f" (on {short_day(exercise.first_day)})" if exercise.first_day else ""
            lines.append(
                Content.assemble(
                    ("Started  ", "bold"),
                    describe_dosage(exercise.start, exercise.per_side) + since,
                )
            )
        if exercise.series:
            side = " each side" if exercise.per_side else ""
            week = short_day(exercise.series_weeks[-1])
            lines.append(
                Content.assemble(
                    ("Latest   ", "bold"),
                    f"{exercise.series[-1]} {exercise.unit}{side}, most in a session "
                    f"in the week of {week}",
                )
            )
        done = f"Done in {plural(exercise.sessions, 'session')}"
        if exercise.last_day is not None:
            done += f", last on {short_day(exercise.last_day)}"
        if exercise.pain_stops:
            done += f"; stopped for pain {plural(exercise.pain_stops, 'time')}"
        lines.append(Content(done + "."))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.sub_title = self.exercise.name
        self.query_one("#history-changes", VerticalScroll).focus()
        self._show_changes()

    @work(group="reads")
    async def _show_changes(self) -> None:
        """The changes are a year's file each: read on the store thread, never in compose."""
        found = await in_store_thread(
            partial(self.trainer.store.changes, self.exercise.exercise_id)
        )
        changes = sorted(found, key=lambda c: c.when.timestamp(), reverse=True)
        self.query_one("#history-changes-text", Static).update(
            changes_content(changes, self.exercise.per_side)
        )

    def action_close(self) -> None:
        self.dismiss(None)
