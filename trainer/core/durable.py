"""Writing a file so that it is wholly old or wholly new, whatever moment the power goes.

A write goes to a temporary file in the same folder (created 0600), is flushed and fsynced,
replaces the old file with `os.replace` (atomic on POSIX), and then the folder is fsynced so
the rename itself survives a power cut. Used by the store (`trainer.core.store`) and by the
catalogue cache; it sits below both, importing nothing of the trainer's.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def write_atomic(path: Path, data: bytes) -> None:
    """Replaces `path` with `data` so that it is either wholly old or wholly new."""
    handle, temp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX
    )  # mkstemp creates the file 0600
    try:
        os.fchmod(handle, FILE_MODE)  # whatever the umask and whatever mkstemp does
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
    handle = os.open(folder, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
