"""The end of a session: what was done, pain now, then what changes in the plan.

The pain rating comes first because progression and stats read it; only then is the
session filed (`finish_session`), which returns the prescription changes shown here in
words. If the process must end before that, the session is filed without the rating.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from trainer.core.actions import Trainer
from trainer.core.plan.safety import (
    CHECK_BACK_AFTER,
    pain_rise_advice,
    pain_rose,
    session_pain_stops,
)
from trainer.core.plan.tailoring import TailoredPlan
from trainer.core.records import PrescriptionChange, SessionRecord
from trainer.core.session.summary import OUTCOME_MARKS, session_minutes, summary_lines
from trainer.ui.background import in_store_thread, now_in_store_thread
from trainer.ui.messages import SessionFiled, ShowHome
from trainer.ui.screens.session_pain import stop_advice
from trainer.ui.widgets.pain_scale import PainScale


def doctor_advice(advice: tuple[str, ...]) -> str:
    """The article's rule for pain that does not pass, from the catalogue's stop list."""
    return next((item for item in advice if "15 minutes" in item), advice[-1])


class SessionSummaryScreen(Screen[None]):
    CSS_PATH = "session_summary.tcss"
    MIN_SIZE = (60, 20)
    # q never leaves the app from here: before the session is filed it files it first.
    BINDINGS = [
        Binding("escape,q", "skip_pain", "Skip the question", key_display="esc"),
        Binding("enter,escape,q", "close", "Done", key_display="enter"),
    ]

    def __init__(self, trainer: Trainer, tailored: TailoredPlan, record: SessionRecord) -> None:
        super().__init__()
        self.trainer = trainer
        self.tailored = tailored
        self.record = record
        self.filed = False  # asked to be filed (once only)
        self.saved = False  # filed, and what it changed is on screen
        self.changes: list[PrescriptionChange] = []
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        record = self.record
        early = record.status == "interrupted"
        title = "Session ended early" if early else "Session done"
        yield Static(
            Content.assemble(
                (title, "bold"), f" · {self.tailored.plan.name} · {session_minutes(record)}"
            ),
            id="summary-title",
        )
        with VerticalScroll(id="summary-body"):
            yield Static(self._lines(), id="summary-lines")
            pain_note = self._pain_note()
            if pain_note is not None:
                yield Static(pain_note, id="summary-pain-note")
            with Vertical(id="summary-ask"):
                yield Static(
                    Content.styled("How much does your back hurt now?", "bold"),
                    id="summary-question",
                )
                yield PainScale(id="summary-pain")
                yield Static(
                    Content("Arrows or a number (10: type 1 then 0), then enter.   esc  skip"),
                    id="summary-hint",
                )
            yield Static(id="summary-changes")
        yield Footer(compact=True, show_command_palette=False)

    def _lines(self) -> Content:
        exercises = {p.exercise.id: p.exercise for p in self.tailored.exercises}
        lines = summary_lines(self.record, exercises)
        rows: list[Content] = []
        if lines:
            width = max(len(line.name) for line in lines)
            rows = [
                Content.assemble(
                    (f"{OUTCOME_MARKS[line.outcome]} ", "bold"),
                    (line.name.ljust(width), "bold"),
                    "  ",
                    line.what,
                )
                for line in lines
            ]
        else:
            rows.append(Content("Nothing was done in this session."))
        reached = {done.exercise_id for done in self.record.exercises}
        missed = [p.exercise.name for p in self.tailored.exercises if p.exercise.id not in reached]
        if missed:
            rows.append(Content.assemble(("  Not reached: ", "bold"), ", ".join(missed)))
        return Content("\n").join(rows)

    def _pain_note(self) -> Content | None:
        names = {p.exercise.id: p.exercise.name for p in self.tailored.exercises}
        stopped = [names.get(i, i) for i in self.record.stopped_for_pain]
        if not stopped:
            return None
        advice = stop_advice(self.trainer.catalogue.guidance.get("stop", ()))
        return Content.assemble(
            ("Stopped for pain: ", "bold"),
            ", ".join(stopped),
            ". ",
            doctor_advice(advice),
        )

    def on_mount(self) -> None:
        self.query_one("#summary-changes").display = False
        self.query_one(PainScale).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip_pain":
            return not self.filed
        if action == "close":
            return self.saved
        return True

    @on(PainScale.Chosen)
    def pain_chosen(self, event: PainScale.Chosen) -> None:
        event.stop()
        self.record.pain_after = event.value
        self.file()

    def action_skip_pain(self) -> None:
        self.file()

    def file(self) -> None:
        """Files the session once: progression, history and stats, in one step, on the
        store thread; the screen says so meanwhile."""
        if self.filed:
            return
        self.filed = True
        self.query_one("#summary-ask").display = False
        changes = self.query_one("#summary-changes", Static)
        changes.update(Content("Saving the session…"))
        changes.display = True
        self.set_focus(None)
        self.refresh_bindings()
        self._file_in_background()

    @work(group="saves")
    async def _file_in_background(self) -> None:
        await in_store_thread(self._finish)
        self._show_filed()
        self.post_message(SessionFiled())

    def _finish(self) -> None:
        """Runs on the store thread: what to show is kept for `_show_filed`."""
        try:
            self.changes = self.trainer.finish(self.record)
        except OSError as error:  # kept pending (or held): the store's words say which
            self.problem = error.strerror or str(error)
        except Exception as error:  # shown, never a traceback: the record is still on screen
            self.problem = f"This session could not be saved: {error}"

    def _show_filed(self) -> None:
        self.saved = True
        self.query_one("#summary-changes", Static).update(self._changes_text())
        self.refresh_bindings()

    def _changes_text(self) -> Content:
        lines: list[Content] = []
        record = self.record
        if record.pain_after is not None:
            before = record.pain_before
            said = f"Pain now: {record.pain_after} out of 10"
            if before is not None:
                said += f" (before the session: {before})"
            lines.append(Content(said + "."))
        if pain_rose(record.pain_before, record.pain_after):
            assert record.pain_before is not None and record.pain_after is not None
            advice = pain_rise_advice(
                record.pain_before, record.pain_after, self.trainer.catalogue.guidance
            )
            lines.append(Content.styled("Increased pain is not normal", "bold"))
            lines += [Content.assemble("• ", line) for line in advice]
        stops = session_pain_stops(record)  # as the policy counts them
        if stops and not self.problem:
            ask_at = max(stop.when for stop in stops) + CHECK_BACK_AFTER
            lines.append(
                Content(
                    f"At {ask_at:%H:%M} (15 minutes after the pain stop) the trainer asks whether "
                    "it still hurts; if it is closed by then, it asks when you next start it."
                )
            )
        if self.problem is not None:
            lines.append(Content.styled(self.problem, "bold"))
        elif self.changes:
            lines.append(Content.styled("Changes to your plan", "bold"))
            lines += [Content.assemble("• ", change.reason) for change in self.changes]
        elif pain_rose(record.pain_before, record.pain_after):
            lines.append(
                Content(
                    "Saved. What you did is already at its easiest, so it cannot step back further."
                )
            )
        else:
            lines.append(Content("Saved. No changes to your plan this time."))
        lines.append(Content.assemble(("enter", "bold"), "  done"))
        return Content("\n").join(lines)

    def action_close(self) -> None:
        """Home, as the safety policy now says (a pain rise may have changed today)."""
        self.post_message(ShowHome())

    def save_interrupted(self) -> None:
        """The process must end now: file the session as it stands, without the rating
        (a filing already asked for is finished by the store thread before the exit)."""
        if not self.filed:
            self.filed = True
            now_in_store_thread(self._finish)
