"""A yes/no question over the current screen, answered with y or n (or a click).

Returns True for yes, False for no, None when escaped, so a caller can tell "no" from
"never mind".
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool | None]):
    #: Laid out to fit the live session's 60x20 as well as the plans' 80x24.
    MIN_SIZE = (60, 20)
    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(None)", "Cancel"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes_words = yes
        self.no_words = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                for button in (
                    Button(f"y  {self.yes_words}", id="confirm-yes", compact=True),
                    Button(f"n  {self.no_words}", id="confirm-no", compact=True),
                ):
                    button.can_focus = False  # enter must never answer by accident
                    yield button
                yield Static("esc  cancel", id="confirm-cancel")

    def action_answer(self, answer: bool | None) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")
