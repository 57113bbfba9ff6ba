"""A see-clinician answer: talk with a healthcare provider first.

The way on is an explicit confirmation that a clinician has cleared this person to
exercise; the confirmation and its date are saved with the screening (and shown on stats).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.core.records import ScreeningRecord
from trainer.core.screening import record_clinician_clearance
from trainer.ui import flow, texts
from trainer.ui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp

GO_ON = (
    "Go on only once a clinician (your doctor or physical therapist) has cleared you to "
    "exercise. Then press c to confirm it; the date is saved with your screening."
)
CONFIRM_QUESTION = "Has a clinician cleared you to do these exercises?"


class SeeClinicianScreen(Screen[None]):
    CSS_PATH = "clinician.tcss"
    SUB_TITLE = "Screening: see a clinician"
    BINDINGS = [
        Binding("c", "cleared", "Confirm clearance"),
        Binding("s", "retake", "Re-screen"),
    ]

    def __init__(self, record: ScreeningRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        app = cast("TrainerApp", self.app)
        yield Header()
        with VerticalScroll(id="clinician-box"):
            yield Static("TALK WITH A HEALTHCARE PROVIDER FIRST", id="clinician-title")
            yield Static("You answered yes to:", classes="clinician-label")
            yield Static(
                texts.answered_yes(app.catalogue, self.record, ("see-clinician", "caution")),
                id="clinician-answers",
            )
            if self.record.flags:
                yield Static("Left out of every plan:", classes="clinician-label")
                yield Static(
                    texts.left_out_everywhere(app.catalogue, self.record),
                    id="clinician-left-out",
                )
            yield Static(GO_ON, id="clinician-go-on")
        yield Footer()

    def action_cleared(self) -> None:
        def answered(cleared: bool | None) -> None:
            if not cleared:
                return
            app = cast("TrainerApp", self.app)
            record = record_clinician_clearance(self.record, app.clock.now())
            flow.save_screening(app, record)
            from trainer.ui.screens.plans import PlansScreen

            flow.replace_main(app, PlansScreen(record))

        self.app.push_screen(
            ConfirmScreen(CONFIRM_QUESTION, yes="Yes, I have been cleared", no="Not yet"),
            answered,
        )

    def action_retake(self) -> None:
        cast("TrainerApp", self.app).retake_screening()
