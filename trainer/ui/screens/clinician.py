"""A see-clinician answer: talk with a healthcare provider first.

The way on is an explicit confirmation that a clinician has cleared this person to
exercise; the confirmation and its date are kept as a safety event (and with the screening
it answers, shown on stats). It lifts every see-clinician flag raised before it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from trainer.core.plan.screening import record_clinician_clearance
from trainer.core.records import Clearance
from trainer.ui.messages import ShowHome, ShowPlans
from trainer.ui.saving import record_safety, save_screening
from trainer.ui.screens.confirm import ConfirmScreen
from trainer.ui.screens.outcome import OutcomeScreen

GO_ON = (
    "Go on only once a clinician (your doctor or physical therapist) has cleared you to "
    "exercise. Then press c to confirm it; the date is kept. p shows the plans to read."
)
CONFIRM_QUESTION = "Has a clinician cleared you to do these exercises?"


class SeeClinicianScreen(OutcomeScreen):
    CSS_PATH = "clinician.tcss"
    SUB_TITLE = "Screening: see a clinician"
    BINDINGS = [
        Binding("c", "cleared", "Cleared", tooltip="a clinician has cleared you to exercise"),
        Binding("s", "retake", "Re-screen"),
        Binding("p", "look_at_plans", "Plans", tooltip="read the plans while you wait"),
    ]
    ID_PREFIX = "clinician"
    HEADING = "TALK WITH A HEALTHCARE PROVIDER FIRST"
    LISTS = ("see-clinician", "caution")

    def compose_next(self) -> ComposeResult:
        if self.record is not None and self.record.flags:
            yield from self.compose_left_out()
        yield Static(GO_ON, id="clinician-go-on")

    def action_look_at_plans(self) -> None:
        """The plans can be read while waiting for a clearance; their header names the flag,
        and starting one says why it cannot."""
        self.post_message(ShowPlans())

    def action_cleared(self) -> None:
        def answered(cleared: bool | None) -> None:
            if not cleared:
                return
            now = self.trainer.now()
            if not record_safety(self, self.trainer, Clearance(now)):
                return
            record = self.record
            if record is not None and record.outcome == "see-clinician":
                record = record_clinician_clearance(record, now)
                save_screening(self, self.trainer, record)  # shown on stats with it
            self.post_message(ShowHome())

        self.app.push_screen(
            ConfirmScreen(CONFIRM_QUESTION, yes="Yes, I have been cleared", no="Not yet"),
            answered,
        )
