"""One exercise's story: where it started, where it is, how much was done week by week, and
every change to its prescription with the reason given at the time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Sparkline, Static

from trainer.core.actions import Trainer
from trainer.core.catalogue.words import describe_dosage, plural
from trainer.core.records import PrescriptionChange
from trainer.core.stats.figures import ExerciseStats
from trainer.core.stats.text import short_day


def changes_content(changes: list[PrescriptionChange], per_side: bool) -> Content:
    """Each change on its own line, its reason below, wrapped: reasons are sentences."""
    if not changes:
        return Content("No changes yet: the prescription is still where it started.")
    parts: list[Content] = []
    for change in changes:
        parts.append(Content.assemble(
            (f"{short_day(change.when.date()):<12}", "bold"),
            f"{describe_dosage(change.before, per_side, compact=True)} → "
            f"{describe_dosage(change.after, per_side, compact=True)}",
        ))
        parts.append(Content.styled(f"  {change.reason}", "$text-muted"))
    return Content("\n").join(parts)


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
                with Horizontal(id="history-chart"):
                    yield Label(str(min(exercise.series)), id="history-min")
                    yield Sparkline(list(exercise.series), id="history-spark")
                    yield Label(str(max(exercise.series)), id="history-max")
                side = ", each side" if exercise.per_side else ""
                what = "seconds held" if exercise.unit == "s held" else exercise.unit
                yield Static(
                    f"Most {what} in one session{side}, week by week from "
                    f"{short_day(exercise.series_weeks[0])}, lowest to highest week.",
                    id="history-caption",
                )
            yield Static("Changes to the prescription, newest first", id="history-changes-title")
        with VerticalScroll(id="history-changes"):
            yield Static("", id="history-changes-text")
        yield Footer()

    def _facts(self) -> Content:
        exercise = self.exercise
        lines: list[Content] = []
        if exercise.current is not None:
            lines.append(Content.assemble(
                ("Today    ", "bold"), describe_dosage(exercise.current, exercise.per_side)
            ))
        if exercise.start is not None:
            since = f" (on {short_day(exercise.first_day)})" if exercise.first_day else ""
            lines.append(Content.assemble(
                ("Started  ", "bold"), describe_dosage(exercise.start, exercise.per_side) + since
            ))
        done = f"Done in {plural(exercise.sessions, 'session')}"
        if exercise.last_day is not None:
            done += f", last on {short_day(exercise.last_day)}"
        if exercise.pain_stops:
            done += f"; stopped for pain {plural(exercise.pain_stops, 'time')}"
        lines.append(Content(done + "."))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.sub_title = self.exercise.name
        changes = sorted(
            self.trainer.store.changes(self.exercise.exercise_id),
            key=lambda c: c.when.timestamp(),
            reverse=True,
        )
        self.query_one("#history-changes-text", Static).update(
            changes_content(changes, self.exercise.per_side)
        )
        self.query_one("#history-changes", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
