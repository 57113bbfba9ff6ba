"""The Textual app: holds the catalogue, the store and the clock, and moves between screens.

Screens never touch files or the wall clock themselves; they ask the app, which asks the core.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding

from trainer.core.clock import Clock, SystemClock
from trainer.core.model import Catalogue
from trainer.core.store import Store


@dataclass(frozen=True, slots=True)
class AppOptions:
    bell: bool = True
    reduced_motion: bool = False
    #: Divides every hold, rest and countdown (TRAINER_SPEED, for demos and end-to-end tests).
    speed: float = 1.0


class TrainerApp(App[int]):
    """backtrainer."""

    TITLE = "backtrainer"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        catalogue: Catalogue,
        store: Store,
        clock: Clock | None = None,
        options: AppOptions | None = None,
    ) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self.options = options or AppOptions()

    def on_mount(self) -> None:
        from trainer.ui.screens.catalogue import CatalogueScreen

        self.push_screen(CatalogueScreen())

    def action_help(self) -> None:
        from trainer.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
