"""Start the app from parsed arguments: load, open, run, and always leave the terminal sane."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from trainer.core.catalogue import CatalogueError, load_catalogue
from trainer.core.filestore import open_store
from trainer.core.model import Catalogue
from trainer.core.store import NewerStateSchema, Store
from trainer.paths import state_location


def run_app(args: argparse.Namespace, catalogue_path: Path) -> int:
    try:
        catalogue = load_catalogue(catalogue_path)
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
    from trainer.ui.app import AppOptions, TrainerApp

    options = AppOptions(
        bell=not args.no_bell,
        reduced_motion=args.reduced_motion,
        speed=float(os.environ.get("TRAINER_SPEED", "1") or 1),
    )
    app = TrainerApp(catalogue, store, options=options)
    result = app.run()
    return result if isinstance(result, int) else 0
