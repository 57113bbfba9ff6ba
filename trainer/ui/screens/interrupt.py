"""The Ctrl+C question: stop here and quit? Nothing done so far is lost either way.

Ctrl+C is what people press without thinking, often to copy or by reflex, so it asks once;
a second Ctrl+C answers yes, as it would in a shell (`TrainerApp.action_interrupt`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class InterruptScreen(ModalScreen[bool]):
    CSS_PATH = "interrupt.tcss"
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes, quit", key_display="y"),
        Binding("n,escape", "answer(False)", "No, go on", key_display="n"),
    ]

    def __init__(self, session_running: bool) -> None:
        super().__init__()
        self.session_running = session_running

    def compose(self) -> ComposeResult:
        if self.session_running:
            question = "Stop the session and quit?"
            detail = (
                "What you have done so far is saved. Next time you start, you can "
                "resume this session or close it."
            )
        else:
            question = "Quit backtrainer?"
            detail = "Everything you finished is already saved."
        with Vertical(id="interrupt-body"):
            yield Static(question, id="interrupt-question")
            yield Static(detail, id="interrupt-detail")
            yield Static("y  yes, quit      n  no, go on", id="interrupt-keys")

    def action_answer(self, quit_now: bool) -> None:
        self.dismiss(quit_now)
