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
import stat
from datetime import UTC, datetime
from pathlib import Path

from trainer.core.durable import FILE_MODE, TEMP_SUFFIX, fsync_dir, write_atomic

DIR_MODE = 0o700
#: No state file comes near this (ten years of daily sessions is a few MB); anything bigger
#: is not ours, and reading it whole could exhaust memory (a link to /dev/zero, say).
MAX_STATE_BYTES = 16 * 1024 * 1024

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
#: Shared with the catalogue cache, which writes the same way (`trainer.core.durable`).
__all__ = ["FILE_MODE", "TEMP_SUFFIX", "fsync_dir", "write_atomic"]


class UnsafeFile(OSError):
    """A path that is not what a state file or folder must be (a link, a FIFO, a device,
    too big, someone else's); `str()` is one sentence saying what it is instead."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unsafe file"


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: Path, limit: int = MAX_STATE_BYTES) -> bytes | None:
    """The bytes of the regular file at `path` (None when there is none), never following a
    symbolic link, never blocking on a FIFO and never reading more than `limit` bytes.

    The type is checked on the opened descriptor (`fstat`), so a file swapped for a FIFO or
    a device between a check and the read cannot slip through. Raises `UnsafeFile`.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW | _CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeFile("it is a symbolic link, which is never followed") from error
        raise
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise UnsafeFile(f"it is {_kind(status.st_mode)}, not a regular file")
        if status.st_size > limit:
            raise UnsafeFile(f"it is larger than {limit // (1024 * 1024)} MiB")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(handle, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise UnsafeFile(f"it is larger than {limit // (1024 * 1024)} MiB")
        return b"".join(chunks)
    finally:
        os.close(handle)


def folder_problem(folder: Path, *, ours: bool) -> str | None:
    """Why `folder` may not hold state, or None (also when it does not exist).

    `ours`: a folder of the trainer's own (the `.d` folder), which must be a real folder
    owned by this user and writable by no one else. Otherwise (the folder the main file is
    in, often a checkout) it must not belong to another user nor be writable by everyone
    without the sticky bit (as /tmp has). The same rule git applies with safe.directory:
    another user who can write there could swap our files for links or pipes.
    """
    try:
        status = os.lstat(folder)
        if stat.S_ISLNK(status.st_mode) and ours:
            return f"{folder} is a symbolic link, not a folder"
        if stat.S_ISLNK(status.st_mode):
            status = os.stat(folder)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"the folder {folder} cannot be looked at ({error.strerror})"
    if not stat.S_ISDIR(status.st_mode):
        return f"{folder} is {_kind(status.st_mode)}, not a folder"
    me = os.geteuid()
    if status.st_uid != me and (ours or status.st_uid != 0):
        return f"the folder {folder} belongs to another user (user id {status.st_uid})"
    others_write = status.st_mode & (0o022 if ours else 0o002)
    if others_write and (ours or not status.st_mode & stat.S_ISVTX):
        return (
            f"the folder {folder} can be written by other users "
            f"(mode {stat.S_IMODE(status.st_mode):04o}); make it private with "
            f"chmod 700"
        )
    return None


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
        try:
            os.mkdir(item, DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(item, DIR_MODE)  # the umask can only take bits away, but say it plainly


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
    """An exclusive `flock` held by the one trainer allowed to write.

    The kernel drops a flock when the process dies, however it dies, so a crash never
    leaves a stale lock: a trainer whose holder is dead simply takes the lock.

    The lock is on the state's own `.d` folder (`folder`), opened without following links:
    a folder that holds the history cannot be deleted or replaced out from under the holder
    the way a lock file can, and two paths to the same state (a symlinked --state) reach
    the same folder. The lock file beside the main file is locked too (older versions lock
    only that one) and holds the holder's process id, so a second trainer can say who
    holds it. It is created with O_EXCL and opened with O_NOFOLLOW: never a planted link.
    """

    def __init__(self, path: Path, folder: Path | None = None) -> None:
        self.path = path
        self.folder = folder
        self._handle: int | None = None
        self._folder_handle: int | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """True when this process now holds the lock; False when another one does. Raises
        `UnsafeFile` for a lock file that is a link or not ours, OSError when it cannot be
        created."""
        if self._handle is not None:
            return True
        folder_handle = None
        if self.folder is not None:
            folder_handle = os.open(self.folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
            if not _try_flock(folder_handle):
                return False
            opened, now = os.fstat(folder_handle), os.lstat(self.folder)
            if (opened.st_dev, opened.st_ino) != (now.st_dev, now.st_ino):
                os.close(folder_handle)  # replaced while we locked it: not the state's folder
                return False
        try:
            handle = _open_lock_file(self.path)
        except BaseException:
            if folder_handle is not None:
                os.close(folder_handle)
            raise
        if not _try_flock(handle):
            if folder_handle is not None:
                os.close(folder_handle)
            return False
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        self._handle = handle
        self._folder_handle = folder_handle
        return True

    def holder(self) -> int | None:
        """The process id the holder wrote, if it can be read."""
        try:
            data = read_regular(self.path, 64)
            text = "" if data is None else data.decode("ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def release(self) -> None:
        for name in ("_handle", "_folder_handle"):
            handle = getattr(self, name)
            if handle is None:
                continue
            setattr(self, name, None)
            with contextlib.suppress(OSError):
                fcntl.flock(handle, fcntl.LOCK_UN)
            os.close(handle)


def _try_flock(handle: int) -> bool:
    """Takes an exclusive flock without waiting; False (and the handle closed) when another
    process holds it."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(handle)
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _open_lock_file(path: Path) -> int:
    """Creates the lock file (O_EXCL: never through a planted link), or opens the one there
    when it is a regular file of this user's; never truncates what it does not own."""
    flags = os.O_RDWR | _NOFOLLOW | _CLOEXEC
    try:
        return os.open(path, flags | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        pass
    try:
        handle = os.open(path, flags | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeFile(
                f"{path} is a symbolic link; a lock file never is. Remove it if you did not make it"
            ) from error
        raise
    status = os.fstat(handle)
    problem = None
    if not stat.S_ISREG(status.st_mode):
        problem = f"{path} is {_kind(status.st_mode)}, not a lock file"
    elif status.st_uid != os.geteuid():
        problem = f"{path} belongs to another user (user id {status.st_uid})"
    elif status.st_nlink != 1:  # a hard link to another file: writing the pid would harm it
        problem = f"{path} is also another file (it has {status.st_nlink} names)"
    if problem is not None:
        os.close(handle)
        raise UnsafeFile(problem)
    return handle
