"""A caution answer: the plans go on, without the exercises the answers rule out.

Shown once after the screening, so the person learns what is missing and why before they
wonder about it in a plan; the plan preview repeats it per plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.core.records import ScreeningRecord
from trainer.ui import flow, texts

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp


class CautionScreen(Screen[None]):
    CSS_PATH = "caution.tcss"
    SUB_TITLE = "Screening: caution"
    BINDINGS = [
        Binding("enter", "plans", "On to the plans"),
        Binding("s", "retake", "Re-screen"),
    ]

    def __init__(self, record: ScreeningRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        app = cast("TrainerApp", self.app)
        yield Header()
        with VerticalScroll(id="caution-box"):
            yield Static("GO CAREFULLY", id="caution-title")
            yield Static("You answered yes to:", classes="caution-label")
            yield Static(
                texts.answered_yes(app.catalogue, self.record, ("caution",)),
                id="caution-answers",
            )
            yield Static("Left out of every plan:", classes="caution-label")
            yield Static(
                texts.left_out_everywhere(app.catalogue, self.record), id="caution-left-out"
            )
            yield Static("Press enter to go on to the plans.", id="caution-go-on")
        yield Footer()

    def action_plans(self) -> None:
        from trainer.ui.screens.plans import PlansScreen

        flow.replace_main(cast("TrainerApp", self.app), PlansScreen(self.record))

    def action_retake(self) -> None:
        cast("TrainerApp", self.app).retake_screening()
