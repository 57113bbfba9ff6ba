"""Reading state files, and remembering what was read while the file has not changed.

Parsing TOML is the dominant cost of the history (a month of sessions is tens of KB), and
the same month is read more than once per run (the stats, then filing a session into it).
`DocumentCache` keeps the parsed text of the last few files read or written, keyed by the
file's identity (mtime, size, inode), so a file another process rewrote is read again and
one this process wrote is not read at all.

Every file the store writes ends with a line `# end sha256=<hash of everything above>`
(`seal`). A file cut short, at a line boundary or anywhere else, loses or breaks that line,
so truncation is detected the way git and SQLite detect it instead of passing as a valid,
shorter history. Files from schema 1 and earlier had no end line and are still read; from
schema 2 on a file without a valid one is unusable. A person who edits a file by hand can
end it with a bare `# end` line instead (no cut can produce that line).
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.core.store.atomic import UnsafeFile, read_regular
from trainer.core.store.migrations import SCHEMA, SchemaValueError, migrate
from trainer.core.store.protocol import NewerStateSchema, printable

Document = dict[str, Any]
Signature = tuple[int, int, int]


class Unusable(Exception):
    """A state file that exists but cannot be used as it is; the message says why."""


#: The first schema whose files must end with an end line.
SEALED_SCHEMA = 2
_END = re.compile(r"# end(?: sha256=([0-9a-f]{64}))?\n\Z")
#: A hand-edited file may end with this line instead of the hash.
HAND_EDITED_END = "# end\n"


def seal(body: str) -> str:
    """`body` (TOML text) with its end line, which `parse` checks."""
    if not body.endswith("\n"):
        body += "\n"
    return f"{body}# end sha256={hashlib.sha256(body.encode('utf-8')).hexdigest()}\n"


def unseal(text: str) -> tuple[str, bool]:
    """The text above the end line, and whether there was an end line. Raises `Unusable`
    when the end line does not match what is above it."""
    start = text.rfind("\n", 0, len(text) - 1) + 1
    found = _END.match(text, start)
    if found is None:
        return text, False
    body = text[:start]
    digest = found.group(1)
    if digest is not None and hashlib.sha256(body.encode("utf-8")).hexdigest() != digest:
        raise Unusable(
            "its content does not match its end line: it was cut short or changed "
            "outside backtrainer (if you edited it by hand, make its last line "
            "'# end' alone)"
        )
    return body, True


def signature(path: Path) -> Signature | None:
    """The file's identity (mtime, size, inode), or None when it does not exist."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def parse(path: Path, text: str) -> tuple[Document, bool, str]:
    """The migrated document, whether it was already in today's schema, and the text above
    its end line. Raises `Unusable` (also for a file cut short) or `NewerStateSchema`."""
    if not text.strip():
        raise Unusable("it is empty (cut short, or not written by backtrainer)")
    body, sealed = unseal(text)
    try:
        document = tomllib.loads(body)
    except tomllib.TOMLDecodeError as error:
        raise Unusable(printable(f"it is not valid TOML: {error}")) from error
    except RecursionError as error:
        raise Unusable("it nests tables or lists too deeply") from error
    version = document.get("schema")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA:
        raise NewerStateSchema(path, version, SCHEMA)
    if not sealed and isinstance(version, int) and version >= SEALED_SCHEMA:
        raise Unusable("its last line is not its end line ('# end ...'): it was cut short")
    was_current = version == SCHEMA
    try:
        return migrate(document, path), was_current, body
    except SchemaValueError as error:
        raise Unusable(printable(str(error))) from error


def read_text(path: Path) -> str | None:
    """The file's text, or None when it does not exist. Never follows a link, never blocks
    on a FIFO, never reads more than `MAX_STATE_BYTES`."""
    try:
        data = read_regular(path)
    except UnsafeFile as error:
        raise Unusable(str(error)) from error
    except OSError as error:
        raise Unusable(f"it could not be opened ({error.strerror})") from error
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unusable(f"it is not UTF-8 text (byte {error.start} is not valid)") from error


def read_document(path: Path) -> Document | None:
    """The file's migrated document (not cached), or None when it does not exist."""
    text = read_text(path)
    return None if text is None else parse(path, text)[0]


def appendable(text: str, array: str) -> bool:
    """True when `[[array]]` tables may be appended to `text`: it defines the array with
    such headers (as this program writes it), not as `array = [...]`, which TOML forbids
    extending."""
    assignment = re.compile(rf"^\s*[\"']?{re.escape(array)}[\"']?\s*=", re.MULTILINE)
    return assignment.search(text) is None and f"[[{array}]]" in text


@dataclass
class Loaded:
    """One file as last read or written."""

    signature: Signature
    document: Document  # parsed and migrated; shared, so never changed in place
    text: str  # exactly what is on disk above its end line (see `seal`)
    current: bool  # already in today's schema: tables may be appended to `text`
    checked: bool = False  # its records were decoded once without a problem


class DocumentCache:
    """The last `size` files used, each valid while its signature is unchanged."""

    def __init__(self, size: int = 12) -> None:
        self.size = size
        self._entries: OrderedDict[Path, Loaded] = OrderedDict()

    def load(self, path: Path) -> Loaded | None:
        """The file (from memory when unchanged), or None when it does not exist. Raises
        `Unusable`, or `NewerStateSchema` for a file from a newer version."""
        found = signature(path)
        if found is None:
            self._entries.pop(path, None)
            return None
        entry = self._entries.get(path)
        if entry is not None and entry.signature == found:
            self._entries.move_to_end(path)
            return entry
        self._entries.pop(path, None)
        text = read_text(path)
        if text is None:
            return None
        document, current, body = parse(path, text)
        return self._keep(path, Loaded(found, document, body, current))

    def remember(self, path: Path, document: Document, text: str) -> None:
        """After this process wrote `text` (whose records are known good) to `path`; `text`
        is the body, without the end line `seal` added."""
        found = signature(path)
        if found is None:
            self._entries.pop(path, None)
            return
        self._keep(path, Loaded(found, document, text, current=True, checked=True))

    def forget(self, path: Path) -> None:
        """Drops what is kept for `path`, so the next `load` reads the disk."""
        self._entries.pop(path, None)

    def _keep(self, path: Path, entry: Loaded) -> Loaded:
        self._entries[path] = entry
        self._entries.move_to_end(path)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return entry
