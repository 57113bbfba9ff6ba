"""How this run of the app behaves: bell, motion and speed, from the command line and the
palette. One shared object: a toggle in the palette reaches a live session at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class AppOptions:
    """Changed in place by the palette's toggles (`TrainerApp.toggle_bell`, ...)."""

    bell: bool = True
    reduced_motion: bool = False
    #: Divides every hold, rest and countdown (TRAINER_SPEED, for demos and end-to-end tests).
    speed: float = 1.0
