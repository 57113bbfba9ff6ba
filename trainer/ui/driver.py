"""Textual's Linux driver, made to survive the terminal disappearing (a dropped SSH link).

When the connection drops, reads from the terminal fail with EIO and so do writes. Textual's
driver then (a) reports the failed read as a crash, racing our SIGHUP handling, and (b) lets
its writer thread die on the first failed write, after which the exit blocks forever on a
full output queue: the process hangs, holding the lock, with the session unsaved. Here a
failed read is reported as the hang-up it is (SIGHUP to ourselves, handled by
`TrainerApp.on_fault_signal`), and output to a terminal that is gone is dropped.

This relies on two private details of Textual's LinuxDriver (`_file`, `_run_input_thread`);
Textual is pinned to an exact version, and `tests/test_faults.py` exercises both paths.
"""

from __future__ import annotations

import errno
import os
import signal
from typing import IO, Any

from textual.drivers.linux_driver import LinuxDriver

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


class SturdyLinuxDriver(LinuxDriver):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self._file is not None:
            self._file = DroppingWhenGone(self._file)  # type: ignore[assignment]

    def _run_input_thread(self) -> None:
        try:
            self.run_input_thread()
        except OSError as error:
            if error.errno in TERMINAL_GONE:
                # The kernel sends SIGHUP too, but only to the session's leader (often a
                # shell, which may or may not pass it on): make sure the app hears it.
                os.kill(os.getpid(), signal.SIGHUP)
            else:
                self._report_crash()
        except BaseException:
            self._report_crash()

    def _report_crash(self) -> None:
        """What Textual's own driver does with any other failure of the input thread."""
        import rich.traceback

        self._app.call_later(self._app.panic, rich.traceback.Traceback())
