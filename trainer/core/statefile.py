"""Reading state files, and remembering what was read while the file has not changed.

Parsing TOML is the dominant cost of the history (a month of sessions is tens of KB), and
the same month is read more than once per run (the stats, then filing a session into it).
`DocumentCache` keeps the parsed text of the last few files read or written, keyed by the
file's identity (mtime, size, inode), so a file another process rewrote is read again and
one this process wrote is not read at all.
"""

from __future__ import annotations

import re
import tomllib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.core.migrations import SCHEMA, SchemaValueError, migrate

Document = dict[str, Any]
Signature = tuple[int, int, int]


class Unusable(Exception):
    """A state file that exists but cannot be used as it is; the message says why."""


def signature(path: Path) -> Signature | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def parse(path: Path, text: str) -> tuple[Document, bool]:
    """The migrated document, and whether it was already in today's schema."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise Unusable(f"it is not valid TOML: {error}") from error
    was_current = document.get("schema") == SCHEMA
    try:
        return migrate(document, path), was_current
    except SchemaValueError as error:
        raise Unusable(str(error)) from error


def read_text(path: Path) -> str | None:
    """The file's text, or None when it does not exist."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise Unusable(f"it could not be opened ({error.strerror})") from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unusable(f"it is not UTF-8 text (byte {error.start} is not valid)") from error


def read_document(path: Path) -> Document | None:
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
    text: str  # exactly what is on disk
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
        document, current = parse(path, text)
        return self._keep(path, Loaded(found, document, text, current))

    def remember(self, path: Path, document: Document, text: str) -> None:
        """After this process wrote `text` (whose records are known good) to `path`."""
        found = signature(path)
        if found is None:
            self._entries.pop(path, None)
            return
        self._keep(path, Loaded(found, document, text, current=True, checked=True))

    def forget(self, path: Path) -> None:
        self._entries.pop(path, None)

    def _keep(self, path: Path, entry: Loaded) -> Loaded:
        self._entries[path] = entry
        self._entries.move_to_end(path)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return entry

