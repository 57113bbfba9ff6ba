"""Start the app from parsed arguments: load, open, run, and always leave the terminal sane."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.core.catalogue import CatalogueError, load_catalogue
from trainer.core.filestore import open_store
from trainer.core.model import Catalogue
from trainer.core.store import NewerStateSchema, Store
from trainer.paths import state_location, user_cache_folder

if TYPE_CHECKING:
    from trainer.ui.app import AppOptions


def run_app(args: argparse.Namespace, catalogue_path: Path) -> int:
    try:
        catalogue = load_catalogue(catalogue_path, cache_folder=user_cache_folder())
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return 2
    location = state_location(catalogue_path, args.state)
    try:
        store = open_store(location.path, location_note=location.note)
    except NewerStateSchema as error:
        print(f"trainer: {error}", file=sys.stderr)
        return 2
    try:
        return _run(args, catalogue, store)
    finally:
        store.close()


def _run(args: argparse.Namespace, catalogue: Catalogue, store: Store) -> int:
    from trainer.ui.app import TrainerApp

    app = TrainerApp(catalogue, store, options=options_from(args, store.settings(), os.environ))
    result = app.run()
    return result if isinstance(result, int) else 0


def options_from(
    args: argparse.Namespace, settings: Mapping[str, Any], environ: Mapping[str, str]
) -> AppOptions:
    """The command line wins; otherwise the settings chosen in the app (Ctrl+P) apply."""
    from trainer.ui.app import BELL_SETTING, REDUCED_MOTION_SETTING, AppOptions

    return AppOptions(
        bell=not args.no_bell and settings.get(BELL_SETTING, True) is not False,
        reduced_motion=args.reduced_motion or settings.get(REDUCED_MOTION_SETTING) is True,
        speed=float(environ.get("TRAINER_SPEED", "1") or 1),
    )
