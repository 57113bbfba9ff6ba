"""A plain list of the catalogue: the first screen until screening and plans exist."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp


class CatalogueScreen(Screen[None]):
    CSS_PATH = "catalogue.tcss"

    def compose(self) -> ComposeResult:
        app = cast("TrainerApp", self.app)
        yield Header()
        yield OptionList(
            *(f"{e.name}  [dim]({e.kind}, {e.level})[/]" for e in app.catalogue.exercises.values()),
            id="catalogue-list",
        )
        yield Footer()
