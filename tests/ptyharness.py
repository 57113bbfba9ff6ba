"""Runs the real `trainer` command in a pseudo-terminal, as a person at an SSH prompt would.

Pilot tests drive the app inside the test process; this drives the installed command through
a real terminal: the Linux driver, raw mode, escape sequences, window size, signals, a hang-up
and the exit status. Output goes through `pyte` (a VT100 emulator) so tests read the screen
as the person would see it. Tests wait on screen text with generous timeouts, never on sleeps.

Used by the end-to-end and fault tests and by `benchmarks/run_all.py`.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import resource
import select
import shutil
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pyte

#: What a key sends down the wire (xterm conventions, as over SSH).
KEYS: Mapping[str, str] = {
    "enter": "\r",
    "tab": "\t",
    "space": " ",
    "escape": "\x1b",
    "backspace": "\x7f",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
    "f5": "\x1b[15~",
    "f6": "\x1b[17~",
    "f7": "\x1b[18~",
    "f8": "\x1b[19~",
    "f9": "\x1b[20~",
    "f10": "\x1b[21~",
    "ctrl+c": "\x03",
    "ctrl+p": "\x10",
    "ctrl+q": "\x11",
    "question_mark": "?",
}

#: Generous: a loaded CI machine may take seconds to start Python and Textual.
DEFAULT_TIMEOUT = 30.0

REPO = Path(__file__).resolve().parent.parent


def bundled_catalogue() -> Path:
    return REPO / "exercises.toml"


def trainer_env(
    workdir: Path,
    catalogue: Path | None = None,
    *,
    term: str = "xterm-256color",
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """An environment for a `trainer` that touches nothing outside `workdir`.

    The catalogue is copied into `workdir`, so the state (kept beside the catalogue) lands
    there too; the user data folder points into `workdir` as well.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    copy = workdir / "exercises.toml"
    if not copy.exists():
        shutil.copyfile(catalogue or bundled_catalogue(), copy)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TRAINER_", "TEXTUAL", "COLORTERM", "NO_COLOR"))
        and key not in {"COLUMNS", "LINES"}
    }
    env.update(
        TERM=term,
        HOME=str(workdir),
        XDG_DATA_HOME=str(workdir / "data"),
        XDG_CONFIG_HOME=str(workdir / "config"),
        XDG_CACHE_HOME=str(workdir / "cache"),
        TRAINER_CATALOGUE=str(copy),
        PYTHONUNBUFFERED="1",
    )
    if extra:
        env.update(extra)
    return env


class PtyApp:
    """One child process on the slave side of a pty; we hold the master."""

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        *,
        cols: int = 80,
        rows: int = 24,
        cwd: Path | None = None,
    ) -> None:
        self.argv = list(argv)
        self.cols = cols
        self.rows = rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.exit_status: int | None = None
        #: The child's resource use once it has exited (peak RSS: `ru_maxrss`, in KiB).
        self.rusage: resource.struct_rusage | None = None
        self.started = time.monotonic()
        pid, fd = os.forkpty()
        if pid == 0:  # the child: size the terminal before anything reads it, then exec
            try:
                _set_size(1, cols, rows)  # fd 1 is the pty now (sys.stdout may be captured)
                if cwd is not None:
                    os.chdir(cwd)
                os.execve(self.argv[0], self.argv, dict(env))
            finally:
                os._exit(127)
        self.pid = pid
        self.fd: int | None = fd

    # --- input ---

    def send(self, *keys: str) -> None:
        """Sends each key by name ("enter", "down", "f1", "ctrl+c") or as literal text."""
        for key in keys:
            self.write(KEYS.get(key, key))

    def write(self, text: str) -> None:
        assert self.fd is not None, "the terminal was hung up"
        os.write(self.fd, text.encode())

    def resize(self, cols: int, rows: int) -> None:
        """Like dragging the window: the kernel sends SIGWINCH to the app."""
        assert self.fd is not None
        _set_size(self.fd, cols, rows)
        self.cols, self.rows = cols, rows
        self.screen.resize(rows, cols)

    # --- output ---

    def pump(self, timeout: float = 0.05) -> int:
        """Reads what the app wrote within `timeout`; returns how many bytes."""
        if self.fd is None:
            return 0
        total = 0
        deadline = time.monotonic() + timeout
        while True:
            remaining = max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                return total
            try:
                data = os.read(self.fd, 65536)
            except OSError as error:  # EIO: the child closed the terminal (it exited)
                if error.errno != errno.EIO:
                    raise
                return total
            if not data:
                return total
            total += len(data)
            self.output.extend(data)
            self.stream.feed(data)
            timeout = 0.0  # drain what is there, then return
            deadline = time.monotonic()

    def read_for(self, seconds: float) -> None:
        """Keeps reading for `seconds` (in benchmarks, to let the app settle; tests wait on
        screen text instead)."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            self.pump(min(remaining, 0.05))

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_until(
        self,
        predicate: Callable[[str], bool],
        timeout: float = DEFAULT_TIMEOUT,
        what: str = "the expected screen",
    ) -> str:
        """Polls the screen until `predicate(text)` holds; fails with the screen shown."""
        deadline = time.monotonic() + timeout
        while True:
            self.pump(0.02)
            text = self.text()
            if predicate(text):
                return text
            if time.monotonic() > deadline or self.poll() is not None:
                self.pump(0.2)
                text = self.text()
                if predicate(text):
                    return text
                raise AssertionError(
                    f"timed out waiting for {what}; exit status {self.exit_status}; "
                    f"the screen shows:\n{text}"
                )

    def wait_for_words(self, *phrases: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Waits until every phrase is on screen at once, however the screen wrapped it:
        for sentences that hold a path or a process id, whose length (and so where the
        lines break) depends on the machine, the checkout and the user."""
        return self.wait_until(
            lambda text: all(flat(phrase) in flat(text) for phrase in phrases),
            timeout,
            what=" and ".join(repr(p) for p in phrases),
        )

    def wait_for(self, *fragments: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Waits until every fragment is on screen at once (on one line: short fragments
        only; see `wait_for_words` for sentences)."""
        return self.wait_until(
            lambda text: all(f in text for f in fragments),
            timeout,
            what=" and ".join(repr(f) for f in fragments),
        )

    # --- life and death ---

    def signal(self, sig: int) -> None:
        os.kill(self.pid, sig)

    def hang_up(self) -> None:
        """Closes our end, as sshd does when the connection drops: the kernel sends SIGHUP."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def poll(self) -> int | None:
        if self.exit_status is None:
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.exit_status = os.waitstatus_to_exitcode(status)
                self.rusage = usage
        return self.exit_status

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Waits for the exit, reading output meanwhile so the app never blocks on a write."""
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"the app did not exit; the screen shows:\n{self.text()}")
            if self.fd is not None:
                self.pump(0.05)
            else:
                time.sleep(0.02)
        self.pump(0.05)
        assert self.exit_status is not None
        return self.exit_status

    def close(self) -> None:
        """Ends the child if it still runs (after a failed test) and closes the terminal."""
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.exit_status = -signal.SIGKILL
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def terminal_modes(self) -> list[int] | None:
        """The terminal's termios flags, to check the app left it sane (None once hung up)."""
        if self.fd is None:
            return None
        return termios.tcgetattr(self.fd)[:4]

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: Box drawing and block elements: the frames around a wrapped line, not its text.
_FRAME = re.compile("[\u2500-\u259f]")


def flat(text: str) -> str:
    """`text` without whitespace or frame glyphs, so a sentence matches wherever it was
    wrapped (between words, or inside a long path broken anywhere, within a box)."""
    return "".join(_FRAME.sub("", text).split())


def _set_size(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def trainer_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "trainer", *args]


def start_trainer(
    workdir: Path,
    *args: str,
    cols: int = 80,
    rows: int = 24,
    term: str = "xterm-256color",
    extra_env: Mapping[str, str] | None = None,
) -> PtyApp:
    env = trainer_env(workdir, term=term, extra=extra_env)
    return PtyApp(trainer_command(*args), env, cols=cols, rows=rows, cwd=workdir)
