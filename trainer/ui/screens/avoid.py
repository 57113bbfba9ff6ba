"""The exercises the articles say to avoid or be careful with, why, and what to do
instead. None of them is ever scheduled; this is where a person learns why."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.core.catalogue.model import Catalogue

INTRO = "The articles advise against these, or to be careful with them."
NONE_LISTED = "This catalogue lists no exercises to avoid."


class AvoidScreen(Screen[None]):
    CSS_PATH = "avoid.tcss"
    SUB_TITLE = "Exercises to avoid"
    BINDINGS = [Binding("escape,q", "back", "Back", key_display="esc")]

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="avoid-body"):
            yield Static(avoid_text(self.catalogue), id="avoid-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#avoid-body").focus()

    def action_back(self) -> None:
        self.dismiss(None)


def avoid_text(catalogue: Catalogue) -> Content:
    lines: list[Content] = [Content.styled("Exercises to avoid", "bold"), Content(INTRO)]
    if not catalogue.avoid:
        return Content("\n").join([*lines, Content(""), Content(NONE_LISTED)])
    for entry in catalogue.avoid.values():
        lines += [Content(""), Content.styled(entry.name, "bold"), Content("  Why: " + entry.why)]
        instead = [
            catalogue.exercises[other].name
            for other in entry.instead
            if other in catalogue.exercises
        ]
        if instead:
            lines.append(Content("  Instead: " + ", ".join(instead)))
        if entry.sources:
            lines.append(Content.styled("  Source: " + "; ".join(entry.sources), "dim"))
    return Content("\n").join(lines)
