"""The parsed catalogue, kept between starts so an unchanged file is not parsed again.

tomllib takes about 5 ms for the bundled catalogue, a fifth of what the trainer adds to
Textual's own start-up; `marshal` reads the same document back in a tenth of a millisecond.
The cache is keyed on the file's bytes (a SHA-256), so an edit is always seen, and on the
Python version (marshal's format is its own). It holds the parsed TOML only: every start
still validates it in full. Anything wrong with the cache (missing, unreadable, damaged,
unwritable) means parsing as if there were none.

An entry is trusted only when it cannot have been planted or damaged: the folder and the
file must be ours and writable by nobody else (as git's safe.directory asks of a
repository), and the bytes must match the SHA-256 stored before them, checked before
`marshal` (which is not safe against crafted data) ever sees them. A flipped bit, a cut
file or another user's file is never used; the catalogue is parsed afresh instead.
`trainer check` never reads the cache at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
from collections.abc import Callable
from itertools import takewhile
from pathlib import Path
from typing import Any

from trainer.core.durable import write_atomic

#: Bumped when what is stored changes shape; part of the magic, so an old entry is a miss.
CACHE_FORMAT = 2
#: What every entry starts with: the format, then the payload's SHA-256, then the payload.
MAGIC = b"btcache%d\n" % CACHE_FORMAT
_DIGEST_SIZE = 32
#: A catalogue is tens of kilobytes: anything much bigger is not one of ours.
MAX_ENTRY_BYTES = 16 * 1024 * 1024

Document = dict[str, Any]
#: What a stored document is checked against: the format, the Python, the text's hash.
Key = tuple[int, int, int, str]


def cached_parse(
    text: str, source: Path, folder: Path, parse: Callable[[str], Document]
) -> Document:
    """`parse(text)`, or the document stored for exactly this text by an earlier call.

    One cache file per catalogue path, so editing a catalogue replaces its entry rather
    than adding one. `parse`'s errors pass through and nothing is stored for them.
    """
    key: Key = (
        CACHE_FORMAT,
        sys.version_info.major,
        sys.version_info.minor,
        hashlib.sha256(text.encode()).hexdigest(),
    )
    slot = folder / f"catalogue-{_path_key(source)}.marshal"
    usable = _prepare_folder(folder)
    found = _read(slot) if usable else None
    if found is not None and found[0] == key:
        return found[1]
    document = parse(text)
    if usable:
        _write(slot, key, document)
    return document


def _path_key(source: Path) -> str:
    return hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:16]


def is_private(info: os.stat_result) -> bool:
    """Ours, and writable by no one else: nobody but us can have put it there."""
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _prepare_folder(folder: Path) -> bool:
    """Makes the folder, and any missing folder above it, 0700 whatever the umask (under
    umask 000 `mkdir` alone left ~/.cache open to all); True when it may be used."""
    missing = list(takewhile(lambda path: not os.path.lexists(path), [folder, *folder.parents]))
    try:
        for path in reversed(missing):  # the outermost first
            os.mkdir(path, 0o700)
            os.chmod(path, 0o700)  # what the umask took away
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and is_private(info)


def _read(slot: Path) -> tuple[object, Document] | None:
    try:
        fd = os.open(slot, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not (stat.S_ISREG(info.st_mode) and is_private(info)):
            return None
        if info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as file:
            data = file.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return _decode(data)


def _decode(data: bytes) -> tuple[object, Document] | None:
    """The key and document in an entry whose bytes match their stored hash, else None."""
    start = len(MAGIC) + _DIGEST_SIZE
    if not data.startswith(MAGIC) or len(data) <= start:
        return None
    digest, payload = data[len(MAGIC) : start], data[start:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        stored = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[1], dict):
        return stored[0], stored[1]
    return None


def encode(key: Key, document: Document) -> bytes | None:
    """An entry's bytes, or None for a document marshal cannot hold (a TOML date)."""
    try:
        payload = marshal.dumps((key, document))
    except ValueError:  # a TOML date or time, or nesting too deep: not worth caching
        return None
    return MAGIC + hashlib.sha256(payload).digest() + payload


def _write(slot: Path, key: Key, document: Document) -> None:
    data = encode(key, document)
    if data is None:
        return
    # mkstemp (0600, O_EXCL: nothing planted is written through), fsync, rename: a reader
    # sees the old file or the new, never half, even after a power cut. A read-only home, a
    # full disk: the next start parses again, that is all.
    with contextlib.suppress(OSError):
        write_atomic(slot, data)
