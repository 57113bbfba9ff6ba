"""A caution answer: the plans go on, without the exercises the answers rule out.

Shown once after the screening, so the person learns what is missing and why before they
wonder about it in a plan; the plan preview repeats it per plan.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from trainer.core.plan.screening import OUTCOME_WORDS
from trainer.ui.messages import ShowPlans
from trainer.ui.screens.outcome import OutcomeScreen


class CautionScreen(OutcomeScreen):
    CSS_PATH = "caution.tcss"
    SUB_TITLE = f"Screening: {OUTCOME_WORDS['caution']}"
    BINDINGS = [
        Binding("enter", "plans", "On to the plans"),
        Binding("s", "retake", "Re-screen"),
    ]
    ID_PREFIX = "caution"
    HEADING = "GO CAREFULLY"
    LISTS = ("caution",)

    def compose_next(self) -> ComposeResult:
        yield from self.compose_left_out()
        yield Static("Press enter to go on to the plans.", id="caution-go-on")

    def action_plans(self) -> None:
        self.post_message(ShowPlans(self.record))
