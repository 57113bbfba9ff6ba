"""`trainer export --format csv|json [--out FILE]`: the whole session log, one row per set,
for a clinician or a spreadsheet. Columns: `trainer.core.export`. Read-only, like `stats`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from trainer.core.export import write_csv, write_json
from trainer.core.model import Catalogue
from trainer.core.store import NewerStateSchema, Store

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


def run(catalogue_path: Path, state_path: Path | None, fmt: str, out: Path | None) -> int:
    from trainer.commands.stats import open_for_reading
    from trainer.paths import state_location

    location = state_location(catalogue_path, state_path)
    try:
        store = open_for_reading(location.path)
    except (NewerStateSchema, OSError) as error:  # say so plainly, no traceback
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        catalogue = _catalogue_or_none(catalogue_path)
        if out is None:
            export(store, fmt, sys.stdout, catalogue)
            return EXIT_OK
        try:
            # newline="" lets the csv module write its own line ends.
            with out.open("w", encoding="utf-8", newline="") as file:
                rows = export(store, fmt, file, catalogue)
        except OSError as error:
            print(f"Could not write {out}: {error.strerror or error}", file=sys.stderr)
            return EXIT_FAILURE
        print(f"Wrote {rows} rows to {out}.", file=sys.stderr)
        return EXIT_OK
    finally:
        for problem in store.history_problems:
            print(problem.message, file=sys.stderr)
        store.close()


def export(store: Store, fmt: str, out: TextIO, catalogue: Catalogue | None = None) -> int:
    """Writes every finished session and every safety event in `fmt` ("csv" or "json");
    returns the rows written. `catalogue` words the events (ids without it)."""
    sessions = store.sessions()
    safety = sorted(store.safety_events(), key=lambda event: event.when)
    if fmt == "json":
        return write_json(sessions, out, safety, catalogue)
    return write_csv(sessions, out, safety, catalogue)


def _catalogue_or_none(path: Path) -> Catalogue | None:
    """The catalogue, for the questions' and exercises' names in the safety events; a
    damaged or missing one must not stop an export, so then the ids are shown."""
    from trainer.core.catalogue import CatalogueError, load_catalogue

    try:
        return load_catalogue(path)
    except (CatalogueError, OSError):
        return None
