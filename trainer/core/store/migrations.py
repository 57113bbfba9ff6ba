"""State-file schema versions, and how each earlier version becomes the next.

Every state file carries `schema = N`. Reading applies `MIGRATIONS[N]`, `MIGRATIONS[N+1]`,
... until the file is at `SCHEMA`, so a file written by any earlier version still opens;
it is written back in the current layout the next time it is saved. A file from a newer
version is refused (`NewerStateSchema`): guessing at a layout we do not know could lose data.

The migrations work on the parsed TOML (plain dicts), before validation, so they can rename
and reshape freely; each one handles every kind of state file (main file, session months,
changes, the session in progress) and leaves alone what it does not recognise.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from trainer.core.store.protocol import NewerStateSchema

#: The layout this version writes.
SCHEMA = 3

Document = dict[str, Any]


class SchemaValueError(ValueError):
    """The `schema` key is there but is not a version number."""


def _from_0(document: Document) -> Document:
    """Schema 0, the first layout (files written before `schema` existed, or `schema = 0`):
    the main file's per-exercise table was `[prescriptions.<id>]` with a `streak` count,
    and a session exercise's sets were a list called `done`."""
    result = dict(document)
    if "prescriptions" in result and "progress" not in result:
        old = result.pop("prescriptions")
        if isinstance(old, dict):
            result["progress"] = {
                key: _rename(value, "streak", "full_in_a_row") for key, value in old.items()
            }
        else:
            result["progress"] = old
    if isinstance(result.get("sessions"), list):
        result["sessions"] = [_session_from_0(item) for item in result["sessions"]]
    if isinstance(result.get("session"), dict):
        result["session"] = _session_from_0(result["session"])
    return result


def _session_from_0(session: Any) -> Any:
    if not isinstance(session, dict) or not isinstance(session.get("exercises"), list):
        return session
    return {**session, "exercises": [_rename(e, "done", "sets_done") for e in session["exercises"]]}


def _rename(table: Any, old: str, new: str) -> Any:
    if not isinstance(table, dict) or old not in table or new in table:
        return table
    return {(new if key == old else key): value for key, value in table.items()}


def _from_1(document: Document) -> Document:
    """Schema 2 changes no table: its files end with a checked end line (see
    `trainer.core.store.reader.seal`), which the parsed document never sees. The number
    changes so that a schema-2 file without that line is known to be cut short, and so that
    an older version, which would append after the end line, leaves these files alone."""
    return document


def _from_2(document: Document) -> Document:
    """Schema 3 adds, and changes nothing: the main file's optional `[pacing]` table (the
    tempo chosen for each paced moving-rep exercise), a session's optional `[warm_up]`
    table, `after = true` on the sets of an exercise's after block, and the new
    `activity-<year>.toml` files. The number changes so that an older version, which reads
    an unknown key or table as damage, refuses these files by name instead of offering to
    move them aside."""
    return document


#: MIGRATIONS[n] turns a schema-n document into a schema-(n+1) one.
MIGRATIONS: dict[int, Callable[[Document], Document]] = {
    0: _from_0,
    1: _from_1,
    2: _from_2,
}


def migrate(
    document: Document,
    path: Path,
    migrations: dict[int, Callable[[Document], Document]] | None = None,
    current: int = SCHEMA,
) -> Document:
    """Brings a parsed state file up to `current`; `schema` missing means version 0."""
    steps = MIGRATIONS if migrations is None else migrations
    version = document.get("schema", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise SchemaValueError(f"schema: expected a whole number, found {version!r}")
    if version > current:
        raise NewerStateSchema(path, version, current)
    while version < current:
        document = steps[version](document)
        version += 1
    document["schema"] = current
    return document
