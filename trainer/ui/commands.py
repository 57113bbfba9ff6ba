"""The command palette (Ctrl+P): the app's commands, found by name.

Each command posts one of the app's typed messages (`trainer.ui.messages`), which the app
handles like the same request from a screen: a command cannot name something the app does
not do (tests/test_palette.py checks every message has its handler). Add yours to
`COMMANDS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message

from trainer.ui.messages import (
    Rescreen,
    ShowAvoidList,
    ShowHome,
    ShowStats,
    ToggleBell,
    ToggleReducedMotion,
)


class PaletteCommand(NamedTuple):
    title: str
    help: str
    message: Callable[[], Message]  # what the command asks of the app


COMMANDS: list[PaletteCommand] = [
    PaletteCommand("Plans", "Choose a plan and see it tailored to you", ShowHome),
    PaletteCommand("Re-take the screening", "Answer the safety questions again", Rescreen),
    PaletteCommand(
        "Exercises to avoid", "What the articles advise against, and why", ShowAvoidList
    ),
    PaletteCommand(
        "Show stats", "Calendar, streaks, progress per exercise and pain over time", ShowStats
    ),
    PaletteCommand(
        "Reduced motion on/off",
        "No animation: the screen changes once a second",
        ToggleReducedMotion,
    ),
    PaletteCommand(
        "Bell on/off", "The terminal bell: 3-2-1, two as a hold starts, one at each end", ToggleBell
    ),
]


class TrainerCommands(Provider):
    def _run(self, command: PaletteCommand) -> Callable[[], object]:
        return lambda: self.app.post_message(command.message())

    async def discover(self) -> Hits:
        for command in COMMANDS:
            yield DiscoveryHit(command.title, self._run(command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in COMMANDS:
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(command.title), self._run(command), help=command.help
                )
