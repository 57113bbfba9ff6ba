"""An urgent answer: seek medical care now, and no way on to a session from here.

The only ways out are to take the screening again, look at past stats, or quit; the plan
screen is never reachable while this outcome is on file (see `trainer.ui.flow`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.core.records import ScreeningRecord
from trainer.ui import texts

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp

CLOSED = (
    "Do not start these exercises now. Sessions stay closed until you take the screening "
    "again without that answer."
)


class UrgentScreen(Screen[None]):
    CSS_PATH = "urgent.tcss"
    SUB_TITLE = "Screening: urgent"
    BINDINGS = [Binding("s", "retake", "Re-screen")]

    def __init__(self, record: ScreeningRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        app = cast("TrainerApp", self.app)
        yield Header()
        with VerticalScroll(id="urgent-box"):
            yield Static("SEEK URGENT MEDICAL CARE NOW", id="urgent-title")
            yield Static("You answered yes to:", classes="urgent-label")
            yield Static(
                texts.answered_yes(app.catalogue, self.record, ("urgent",)), id="urgent-answers"
            )
            yield Static(CLOSED, id="urgent-closed")
            yield Static(
                "s  take the screening again    t  your stats    q  quit", id="urgent-keys"
            )
        yield Footer()

    def action_retake(self) -> None:
        cast("TrainerApp", self.app).retake_screening()
