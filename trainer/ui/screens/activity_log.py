""" "Log activity": the articles' light to moderate activity on most days, as a small form.

"Most days: Light to moderate activity, such as walking, easy cycling, or water aerobics,
to keep your joints and muscles moving." (Why lower back exercises matter). The stats count
the days it was done against "most days". Keyboard only, one field in focus: up and down
choose what was done, digits give the minutes, enter saves, escape cancels (nothing saved).
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from trainer.core.records import ACTIVITY_KINDS, MAX_ACTIVITY_MINUTES, ActivityRecord

#: The article's words, quoted where the form asks, with where they come from.
ARTICLE_WORDS = (
    '"Most days: Light to moderate activity, such as walking, easy cycling, or water '
    'aerobics, to keep your joints and muscles moving."'
)
ARTICLE_SOURCE = "Why lower back exercises matter"

#: How each kind reads in the list ("other" alone would say too little).
KIND_WORDS = {
    "walking": "walking",
    "easy cycling": "easy cycling",
    "water aerobics": "water aerobics",
    "other": "other light to moderate activity",
}

MINUTES_HELP = f"a whole number of minutes from 1 to {MAX_ACTIVITY_MINUTES}"


def minutes_problem(typed: str) -> str | None:
    """What is wrong with the minutes as typed, in words; None when they can be saved."""
    text = typed.strip()
    if not text:
        return f"Type the minutes: {MINUTES_HELP}."
    if not text.isdigit() or not 1 <= int(text) <= MAX_ACTIVITY_MINUTES:
        return f"{text} is not {MINUTES_HELP}."
    return None


class ActivityLogScreen(ModalScreen[ActivityRecord | None]):
    """Dismisses with the activity to keep, or None when cancelled. Saving is the caller's
    (the plans screen), so a failed write is reported where the app reports the others."""

    MIN_SIZE = (60, 20)
    CSS_PATH = "activity_log.tcss"
    BINDINGS = [
        Binding("up", "kind(-1)", "Previous", key_display="↑", show=False),
        Binding("down", "kind(1)", "Activity", key_display="↑↓", tooltip="choose what you did"),
        Binding("enter", "save", "Save", show=True, priority=True),
        Binding("escape", "cancel", "Cancel", key_display="esc"),
    ]

    def __init__(self, now: datetime, kind: str = ACTIVITY_KINDS[0]) -> None:
        """`now`: when it is logged (the day it counts for), from the app's clock."""
        super().__init__()
        self.now = now
        self.kind_index = ACTIVITY_KINDS.index(kind)

    @property
    def kind(self) -> str:
        return ACTIVITY_KINDS[self.kind_index]

    def compose(self) -> ComposeResult:
        with Vertical(id="activity-box"):
            yield Static(Content("Log activity for today"), id="activity-title")
            yield Static(
                Content.assemble(ARTICLE_WORDS, " ", (f"({ARTICLE_SOURCE})", "italic")),
                id="activity-quote",
            )
            yield Static(self._kinds_text(), id="activity-kinds")
            yield Static(Content("Minutes:"), id="activity-minutes-label")
            yield Input(
                placeholder="e.g. 30",
                restrict=r"[0-9]*",
                max_length=4,
                id="activity-minutes",
                compact=True,
            )
            yield Static("", id="activity-problem")
            yield Static(
                Content("↑/↓ what you did · type the minutes · enter saves · esc cancels"),
                id="activity-hint",
            )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _kinds_text(self) -> Content:
        """The choice as a marker and bold, never colour alone."""
        lines = []
        for index, kind in enumerate(ACTIVITY_KINDS):
            chosen = index == self.kind_index
            mark = "(•) " if chosen else "( ) "
            lines.append(Content.styled(mark + KIND_WORDS[kind], "bold" if chosen else ""))
        return Content("\n").join(lines)

    def action_kind(self, step: int) -> None:
        self.kind_index = (self.kind_index + step) % len(ACTIVITY_KINDS)
        self.query_one("#activity-kinds", Static).update(self._kinds_text())

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        typed = self.query_one(Input).value
        problem = minutes_problem(typed)
        if problem is not None:
            self.query_one("#activity-problem", Static).update(Content.styled(problem, "bold"))
            return
        self.dismiss(ActivityRecord(when=self.now, kind=self.kind, minutes=int(typed)))

    def action_cancel(self) -> None:
        self.dismiss(None)
