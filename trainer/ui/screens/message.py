"""A message that must be read whole, over the current screen, until a key is pressed.

Toasts clip long text and vanish on their own; safety words and refusals are shown here
instead, and wait for enter (or escape).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class MessageScreen(ModalScreen[None]):
    CSS_PATH = "message.tcss"
    BINDINGS = [Binding("enter,escape", "close", "OK", key_display="enter")]

    def __init__(self, title: str, *paragraphs: str | Sequence[str]) -> None:
        """Each paragraph is plain text (never markup: it may quote the catalogue)."""
        super().__init__()
        self.title_words = title
        self.paragraphs = [p if isinstance(p, str) else "\n".join(p) for p in paragraphs]

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box"):
            yield Static(Content(self.title_words), id="message-title")
            with VerticalScroll(id="message-body"):
                for paragraph in self.paragraphs:
                    yield Static(Content(paragraph), classes="message-paragraph")
            yield Static(Content("enter  OK"), id="message-keys")
        yield Footer(compact=True, show_command_palette=False)

    def action_close(self) -> None:
        self.dismiss(None)
