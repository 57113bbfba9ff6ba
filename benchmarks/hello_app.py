"""The reference for start-up time and memory: the smallest useful Textual app.

A header, one line of text and a footer, the way a Textual app's first screen usually looks.
`benchmarks/run_all.py` launches it in a pseudo-terminal exactly as it launches `trainer`.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

READY_TEXT = "Hello from Textual"


class HelloApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY_TEXT)
        yield Footer()


if __name__ == "__main__":
    HelloApp().run()
