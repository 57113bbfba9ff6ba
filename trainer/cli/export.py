"""`trainer export --format csv|json [--out FILE]`: the whole session log, one row per set,
for a clinician or a spreadsheet. Columns: `trainer.core.stats.export`. Read-only, like `stats`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from trainer.cli.output import say
from trainer.core.catalogue.model import Catalogue
from trainer.core.records import ActivityRecord, SafetyEvent, SessionRecord
from trainer.core.stats.export import write_csv, write_json
from trainer.exitcodes import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK


def run(catalogue_path: Path, state_path: Path | None, fmt: str, out: Path | None) -> int:
    from trainer.cli.stats import open_for_reading, say_problems, unreadable

    store = open_for_reading(catalogue_path, state_path)
    if store is None:
        return EXIT_BAD_INPUT
    try:
        sessions = store.sessions()
    except OSError as error:  # the history could not be read (a file where a folder goes)
        say(f"trainer: could not read your progress: {unreadable(error)}")
        say_problems(store)
        store.close()
        return EXIT_BAD_INPUT
    try:
        catalogue = _catalogue_or_none(catalogue_path)
        safety = sorted(store.safety_events(), key=lambda event: event.when)
        activity = store.activities()
        if out is None:
            write(sessions, safety, fmt, sys.stdout, catalogue, activity)
            return EXIT_OK
        try:
            rows = write_private(
                out, lambda file: write(sessions, safety, fmt, file, catalogue, activity)
            )
        except OSError as error:
            say(f"Could not write {out}: {error.strerror or error}")
            return EXIT_FAILURE
        say(f"Wrote {rows} rows to {out}.")
        return EXIT_OK
    finally:
        say_problems(store)
        store.close()


def write_private(out: Path, fill: Callable[[TextIO], int]) -> int:
    """Writes `out` readable by its owner only (0600 whatever the umask: it is health
    data) and never through a link: the rows go to a new temporary file beside it, which
    then replaces `out`. A link, a FIFO or a device at `out` is refused. Returns `fill`'s
    count."""
    try:
        found = os.lstat(out)
    except FileNotFoundError:
        pass
    else:
        if not stat.S_ISREG(found.st_mode):
            kind = "a symbolic link" if stat.S_ISLNK(found.st_mode) else "not a regular file"
            raise OSError(errno.EEXIST, f"it is {kind}; name a new file or an ordinary one")
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o600)
        # newline="" lets the csv module write its own line ends.
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            rows = fill(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, out)  # replaces a name, never writes through one
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return rows


def write(
    sessions: list[SessionRecord],
    safety: list[SafetyEvent],
    fmt: str,
    out: TextIO,
    catalogue: Catalogue | None = None,
    activity: Sequence[ActivityRecord] = (),
) -> int:
    """Writes every finished session, the logged activity and every safety event in `fmt`
    ("csv" or "json"); returns the rows written. `catalogue` words the events (ids
    without it)."""
    if fmt == "json":
        return write_json(sessions, out, safety, catalogue, activity)
    return write_csv(sessions, out, safety, catalogue, activity)


def _catalogue_or_none(path: Path) -> Catalogue | None:
    """The catalogue, for the questions' and exercises' names in the safety events; a
    damaged or missing one must not stop an export, so then the ids are shown."""
    from trainer.core.catalogue.loader import CatalogueError, load_catalogue

    try:
        return load_catalogue(path)
    except (CatalogueError, OSError):
        return None
