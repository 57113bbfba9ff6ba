""" "How much does your back hurt right now?" on the 0-10 scale, as a small dialog.

Asked before a session starts, so that stats can set the pain after a session against the
pain before it. Escape skips the question: a rating is welcome, never required.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from trainer.ui.widgets.pain_scale import PainScale


class PainRatingScreen(ModalScreen[int | None]):
    #: Laid out to fit the live session's 60x20 as well as the plans' 80x24.
    MIN_SIZE = (60, 20)
    CSS_PATH = "pain_rating.tcss"
    BINDINGS = [Binding("escape", "skip", "Skip the question", key_display="esc")]

    def __init__(self, question: str, suggested: int | None = None) -> None:
        """`suggested`: a rating the person gave moments ago (at the screening), chosen
        already so that enter keeps it rather than asking twice in a row."""
        super().__init__()
        self.question = question
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-rating-box"):
            yield Static(Content(self.question), id="pain-rating-question")
            yield PainScale(self.suggested, id="pain-rating-scale")
            yield Static(
                Content("Arrows or a number (10: type 1 then 0), then enter."),
                id="pain-rating-hint",
            )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(PainScale).focus()

    @on(PainScale.Chosen)
    def chosen(self, event: PainScale.Chosen) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_skip(self) -> None:
        self.dismiss(None)
