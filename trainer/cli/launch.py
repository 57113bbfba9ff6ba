"""Start the app from parsed arguments: load, open, run, and always leave the terminal sane."""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.core.actions import open_store
from trainer.core.catalogue.loader import CatalogueError, load_catalogue
from trainer.core.catalogue.model import Catalogue
from trainer.core.safe_text import escape_controls
from trainer.core.store.protocol import NewerStateSchema, Store
from trainer.exitcodes import EXIT_BAD_INPUT
from trainer.paths import state_location, user_cache_folder

if TYPE_CHECKING:
    from trainer.ui.options import AppOptions


#: TRAINER_SPEED's range: a hundred times slower to a thousand times faster. Outside it
#: holds last for ages (or overflow a date) or are over before they are seen.
SLOWEST, FASTEST = 0.01, 1000.0


class BadSpeed(ValueError):
    """TRAINER_SPEED is not a number the trainer can run at."""


def parse_speed(text: str | None) -> float:
    """TRAINER_SPEED as a factor; unset or empty means 1. Raises BadSpeed, saying why."""
    if not text or not text.strip():
        return 1.0
    try:
        speed = float(text)
    except ValueError:
        speed = math.nan
    if not SLOWEST <= speed <= FASTEST:  # also false for nan
        raise BadSpeed(
            f"trainer: TRAINER_SPEED={text!r} is not a speed: give a number from {SLOWEST:g} "
            f"to {FASTEST:g} (10 makes every hold and rest ten times shorter), or unset it"
        )
    return speed


def run_app(args: argparse.Namespace, catalogue_path: Path) -> int:
    try:
        parse_speed(os.environ.get("TRAINER_SPEED"))
    except BadSpeed as error:
        print(escape_controls(str(error)), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        catalogue = load_catalogue(catalogue_path, cache_folder=user_cache_folder())
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    location = state_location(catalogue_path, args.state)
    try:
        store = open_store(location.path, note=location.note)
    except NewerStateSchema as error:
        print(f"trainer: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        if not on_a_terminal():
            print(NO_TERMINAL, file=sys.stderr)
            return EXIT_BAD_INPUT
        return _run(args, catalogue, store)
    finally:
        store.close()


NO_TERMINAL = (
    "trainer: the trainer needs a terminal for its input and its screen (standard input "
    "and standard error); one of them is a file or a pipe here (nohup does that). For "
    "plain text, use `trainer stats` or `trainer export`."
)


def on_a_terminal() -> bool:
    """Textual reads keys from standard input and draws on standard error: without a
    terminal on both (`nohup`, a pipe) nobody could see or answer it, and the process
    would hold the writer's lock with no one there."""
    return (
        sys.__stdin__ is not None
        and sys.__stderr__ is not None
        and (sys.__stdin__.isatty() and sys.__stderr__.isatty())
    )


def _run(args: argparse.Namespace, catalogue: Catalogue, store: Store) -> int:
    from trainer.ui.app import TrainerApp
    from trainer.ui.background import drain

    app = TrainerApp(catalogue, store, options=options_from(args, store.settings(), os.environ))
    try:
        return exit_status(app.run(), app.return_code)
    finally:
        drain()  # what the screens asked to save is on disk before the store is closed


def exit_status(result: int | None, return_code: int | None) -> int:
    """What the process exits with. Textual's `run()` gives None both for a plain quit and
    for a crash (an error in a screen, which it shows and ends on); only `return_code`
    tells them apart (1 after a crash), so it decides, and no exit code at all is a
    failure, never 0."""
    if return_code is not None:
        return return_code
    return result if isinstance(result, int) else 1


def options_from(
    args: argparse.Namespace, settings: Mapping[str, Any], environ: Mapping[str, str]
) -> AppOptions:
    """The command line wins; otherwise the settings chosen in the app (Ctrl+P) apply."""
    from trainer.ui.app import BELL_SETTING, REDUCED_MOTION_SETTING
    from trainer.ui.options import AppOptions

    return AppOptions(
        bell=not args.no_bell and settings.get(BELL_SETTING, True) is not False,
        reduced_motion=args.reduced_motion or settings.get(REDUCED_MOTION_SETTING) is True,
        speed=parse_speed(environ.get("TRAINER_SPEED")),
    )
