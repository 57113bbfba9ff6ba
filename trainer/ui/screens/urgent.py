"""An urgent answer: seek medical care now, and no way on to a session from here.

The only ways out are to take the screening again, look at past stats, or quit; the plan
screen is never reachable while this outcome is on file (see `trainer.ui.flow`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from trainer.ui.screens.outcome import OutcomeScreen

CLOSED = (
    "Do not start these exercises now. Sessions stay closed until you complete the "
    "screening again without that answer."
)


class UrgentScreen(OutcomeScreen):
    CSS_PATH = "urgent.tcss"
    SUB_TITLE = "Screening: urgent"
    BINDINGS = [Binding("s", "retake", "Re-screen")]
    ID_PREFIX = "urgent"
    HEADING = "SEEK URGENT MEDICAL CARE NOW"
    LISTS = ("urgent",)

    def compose_next(self) -> ComposeResult:
        yield Static(CLOSED, id="urgent-closed")
        yield Static("s  take the screening again    t  your stats    q  quit", id="urgent-keys")
