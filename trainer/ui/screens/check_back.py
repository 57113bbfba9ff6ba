""" "Does it still hurt?", asked 15 minutes after a pain stop (the articles' 15-minute rule).

Yes or no with one key; escape means "ask me later" (at the next start, or in a while if
the trainer stays open).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

QUESTION = "Does it still hurt?"


class CheckBackScreen(ModalScreen[bool | None]):
    CSS_PATH = "check_back.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes, it still hurts"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(None)", "Ask me later", key_display="esc"),
    ]

    def __init__(self, stopped_at: str) -> None:
        """`stopped_at`: when the pain stop was, in words ("at 09:12", "on 1 Dec at 09:12")."""
        super().__init__()
        self.stopped_at = stopped_at

    def compose(self) -> ComposeResult:
        with Vertical(id="check-back-box"):
            yield Static(Content(QUESTION), id="check-back-question")
            yield Static(
                Content(
                    f"You stopped for pain {self.stopped_at}. If pain lasts more than 15 "
                    "minutes, the articles say to stop exercising and contact your doctor."
                ),
                id="check-back-why",
            )
            yield Static(
                Content("y  yes, it still hurts      n  no      esc  ask me later"),
                id="check-back-keys",
            )
        yield Footer(compact=True, show_command_palette=False)

    def action_answer(self, still_hurts: bool | None) -> None:
        self.dismiss(still_hurts)
