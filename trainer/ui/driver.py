"""Textual's Linux driver, made to survive the terminal disappearing (a dropped SSH link,
or a terminal closed with no hang-up signal reaching the trainer).

When the connection drops, reads from the terminal fail with EIO and so do writes. Textual's
driver then (a) reports the failed read as a crash, racing our SIGHUP handling, and (b) lets
its writer thread die on the first failed write, after which the exit blocks forever on a
full output queue: the process hangs, holding the lock, with the session unsaved. Here a
failed read is reported as the hang-up it is (SIGHUP to ourselves, handled by
`TrainerApp.on_fault_signal`), and output to a terminal that is gone is dropped.

When the terminal closes and no SIGHUP reaches us (the session's leader ignored it), reads
return end of file instead, and Textual's input thread would spin on it at 100 % CPU
forever, holding the lock: end of file is a hang-up here too.

The private details of Textual this needs live in `trainer.ui.compat`; `tests/test_faults.py`
and `tests/hostile/test_edge_terminal.py` exercise every path.
"""

from __future__ import annotations

import errno
import os
import signal
from typing import IO, Any

from trainer.ui.compat import DriverInternals

#: errnos that mean "the terminal is gone", not "something is wrong with us".
TERMINAL_GONE = {errno.EIO, errno.EPIPE, errno.EBADF, errno.ENXIO}


class DroppingWhenGone:
    """A text stream that stops writing, silently, once the terminal has gone away."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._stream.write(text)
            except OSError as error:
                if error.errno not in TERMINAL_GONE:
                    raise
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._stream.flush()
            except OSError as error:
                if error.errno not in TERMINAL_GONE:
                    raise
                self.gone = True

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class SturdyLinuxDriver(DriverInternals):
    """Textual's Linux driver for a terminal that may vanish: output to a dead terminal is
    dropped, and a failed read or end of file is the hang-up it is."""

    def wrap_output(self, stream: IO[str]) -> IO[str]:
        return DroppingWhenGone(stream)  # type: ignore[return-value]

    def input_failed(self, error: BaseException) -> None:
        if isinstance(error, OSError) and error.errno in TERMINAL_GONE:
            self.terminal_closed()
        else:
            super().input_failed(error)

    def terminal_closed(self) -> None:
        """The terminal is gone: a failed read (EIO), or end of file when it closed with no
        SIGHUP reaching us (a wrapper shell, `su`, a ForceCommand, `nohup`). Either way
        this is a hang-up: the kernel's SIGHUP goes only to the session's leader, which may
        ignore it or not pass it on, so make sure the app hears one
        (`TrainerApp.on_fault_signal` saves the session so far and exits)."""
        os.kill(os.getpid(), signal.SIGHUP)
