"""The command palette (Ctrl+P): the app's commands, found by name.

Each command names an app method; a command whose method the app lacks is not offered, so
a team member can list a command before its method exists. Add yours to `COMMANDS`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider


class PaletteCommand(NamedTuple):
    title: str
    help: str
    method: str  # the name of a TrainerApp method taking no arguments


COMMANDS: list[PaletteCommand] = [
    PaletteCommand("Plans", "Choose a plan and see it tailored to you", "show_home"),
    PaletteCommand(
        "Re-take the screening", "Answer the safety questions again", "retake_screening"
    ),
    PaletteCommand(
        "Exercises to avoid", "What the articles advise against, and why", "show_avoid_list"
    ),
    PaletteCommand(
        "Show stats", "Calendar, streaks, progress per exercise and pain over time",
        "action_stats",
    ),
    PaletteCommand(
        "Reduced motion on/off", "No animation: the screen changes once a second",
        "toggle_reduced_motion",
    ),
    PaletteCommand(
        "Bell on/off", "The terminal bell at the end of holds and rests", "toggle_bell"
    ),
]


class TrainerCommands(Provider):
    def _available(self) -> list[tuple[PaletteCommand, Callable[[], object]]]:
        found: list[tuple[PaletteCommand, Callable[[], object]]] = []
        for command in COMMANDS:
            method = getattr(self.app, command.method, None)
            if callable(method):
                found.append((command, partial(self.app.call_later, method)))
        return found

    async def discover(self) -> Hits:
        for command, run in self._available():
            yield DiscoveryHit(command.title, run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, run in self._available():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), run, help=command.help)
