"""Every use of Textual's internals, in one place, for the one version they were read from.

Textual is pinned to an exact version (pyproject.toml); `tests/hostile/test_edge_terminal.py`
fails loudly when the installed Textual is not `TEXTUAL_VERSION`, so whoever moves the pin
reads this file first. What is used, and why:

- `LinuxDriver._file` (the output stream): wrapped so writes to a terminal that is gone
  are dropped instead of killing the writer thread (`trainer.ui.driver`).
- `LinuxDriver._run_input_thread` and the body of `LinuxDriver.run_input_thread`: Textual's
  input loop treats a read of 0 bytes (end of file: the terminal closed with no SIGHUP
  reaching us) as "nothing yet" and spins at 100 % CPU forever (upstream pull request
  6690, still open). `read_terminal_input` is that loop, from 8.2.8, with end of file
  reported instead.
- `App._filters`: the NO_COLOR line filter follows the theme (`trainer.ui.terminal`).
- `OptionList._index_to_line`: where an option is drawn (`PreviewList`).
- `textual.widgets._toggle_button.ToggleButton`: the tick box glyphs (`EquipmentList`).
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Callable
from typing import IO, Any

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver
from textual.filter import LineFilter
from textual.widgets import OptionList
from textual.widgets._toggle_button import ToggleButton

#: The Textual these internals were read from; a test compares it with the installed one.
TEXTUAL_VERSION = "8.2.8"

__all__ = [
    "TEXTUAL_VERSION",
    "DriverInternals",
    "ToggleButton",
    "line_filters",
    "option_line",
]


class DriverInternals(LinuxDriver):
    """Textual's Linux driver with its private parts behind three overridable hooks:
    `wrap_output` (the stream it writes to), `input_failed` (its input thread raised) and
    `terminal_closed` (the terminal read end of file)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self._file is not None:
            self._file = self.wrap_output(self._file)  # type: ignore[assignment]

    def wrap_output(self, stream: IO[str]) -> IO[str]:
        return stream

    def input_failed(self, error: BaseException) -> None:
        """What Textual does with any failure of the input thread: the app panics."""
        import rich.traceback

        self._app.call_later(self._app.panic, rich.traceback.Traceback())

    def terminal_closed(self) -> None:
        """The terminal read end of file: nobody can type here again."""

    def _run_input_thread(self) -> None:
        try:
            self.run_input_thread()
        except BaseException as error:
            self.input_failed(error)

    def run_input_thread(self) -> None:
        read_terminal_input(self, self.terminal_closed)


def read_terminal_input(driver: LinuxDriver, closed: Callable[[], None]) -> None:
    """Textual 8.2.8's `LinuxDriver.run_input_thread`, except that end of file on the
    terminal calls `closed()` and ends the loop instead of selecting again at once."""
    selector = selectors.SelectSelector()
    fileno = driver.fileno
    selector.register(fileno, selectors.EVENT_READ)
    parser = XTermParser(driver._debug)
    decode = getincrementaldecoder("utf-8")().decode

    def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> bool:
        """Feeds what was read to the parser; False at end of file."""
        for index, (_key, mask) in enumerate(events):
            if mask & selectors.EVENT_READ:
                data = os.read(fileno, 1024 * 4)
                if not data:
                    return False
                last = index == len(events) - 1
                for event in parser.feed(decode(data, final=final and last)):
                    driver.process_message(event)
        for event in parser.tick():
            driver.process_message(event)
        return True

    try:
        while not driver.exit_event.is_set():
            if not process(selector.select(0.1)):
                closed()
                return
        selector.unregister(fileno)
        process(selector.select(0.1), final=True)
    finally:
        selector.close()
        try:
            for _event in parser.feed(""):
                pass
        except (EOFError, ParseError):  # as Textual does
            pass


def line_filters(app: App[Any]) -> list[LineFilter]:
    """The app's line filters (NO_COLOR's among them), to swap one for another."""
    return app._filters


def option_line(options: OptionList, index: int) -> int:
    """The first line option `index` is drawn on (0 when not yet laid out)."""
    return options._index_to_line.get(index, 0)
