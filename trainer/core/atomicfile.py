"""Crash-safe file writes and the one-writer lock, for the state files.

A write goes to a temporary file in the same folder, is flushed and fsynced, replaces the
old file with `os.replace` (atomic on POSIX), and then the folder is fsynced so the rename
itself survives a power cut. A reader therefore sees the old file or the new one, never a
mix, whatever moment a `kill -9` lands. Files are created 0600 and folders 0700: this is
health data.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes) -> None:
    """Replaces `path` with `data` so that it is either wholly old or wholly new."""
    handle, temp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX
    )  # mkstemp creates the file 0600
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Makes a rename or removal in `folder` durable."""
    handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def remove_durably(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
        fsync_dir(path.parent)


def make_private_dir(folder: Path) -> None:
    """Creates `folder` (and missing parents) 0700; an existing folder is left as it is."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for item in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(item, DIR_MODE)


def remove_stale_temp_files(folder: Path, target: str = "") -> None:
    """Temporary files a killed writer left behind, for `target` (any file in `folder` when
    empty: a folder of our own). Only ever called by the lock holder."""
    prefix = f".{target}." if target else "."
    with contextlib.suppress(FileNotFoundError):
        for item in folder.iterdir():
            if item.name.startswith(prefix) and item.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    item.unlink()


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Renames an unusable file to `<name>.corrupt-<UTC time>` beside it; returns the copy."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    base = path.with_name(f"{path.name}.corrupt-{stamp:%Y%m%dT%H%M%SZ}")
    target = base
    counter = 2
    while target.exists():
        target = base.with_name(f"{base.name}-{counter}")
        counter += 1
    os.rename(path, target)
    fsync_dir(path.parent)
    return target


class WriterLock:
    """An exclusive `flock` on a lock file: held by the one trainer allowed to write.

    The kernel drops the lock when the process dies, however it dies, so a crash never
    leaves a stale lock behind. The holder writes its process id into the file so a second
    trainer can say who holds it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: int | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """True when this process now holds the lock; False when another one does."""
        if self._handle is not None:
            return True
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(handle)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        self._handle = handle
        return True

    def holder(self) -> int | None:
        """The process id the holder wrote, if it can be read."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        with contextlib.suppress(OSError):
            fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)
