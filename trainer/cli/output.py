"""What the plain commands print, made safe: every message from a file escaped, tables
drawn without Rich markup, and a reader that goes away (`trainer export | head -1`) ending
the command quietly, as it ends `cat`.

A closed pipe exits with status 141 (128 + SIGPIPE), what a shell reports for `cat` or
`grep` in the same place; nothing is printed, since the reader has gone on purpose.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment

from trainer.core.safe_text import escape_controls


def say(message: object) -> None:
    """One line (or a few) on stderr, anything quoted from a file escaped."""
    print(escape_controls(str(message)), file=sys.stderr)


def plain_console() -> Console:
    """Rich without markup or highlighting: text from a file is printed as written (`[b]`
    stays `[b]`, `[/x]` is no error). Rich drops colour by itself when piped or NO_COLOR."""
    return _PlainConsole(highlight=False, markup=False)


class _PlainConsole(Console):
    def on_broken_pipe(self) -> None:
        """Rich exits with status 1 here; `trainer.cli.main` ends a closed pipe with 141,
        whatever printed into it."""
        quiet_stdout()
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


class Escaped:
    """Renders `renderable` with control characters in its text escaped: whatever a state
    file or catalogue holds, the terminal only ever shows it. Rich's own styling passes."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control:
                yield segment
            else:
                yield Segment(escape_controls(segment.text), segment.style)


def quiet_stdout() -> None:
    """Points stdout at /dev/null, so the flush at exit cannot fail on the closed pipe."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
