"""What makes a screenshot show the same pixels on every run and every machine.

Two things vary otherwise: blinking text cursors (Textual has no switch for them, so the
text widgets' constructors are wrapped for a while), and the colours Rich detects from TERM
and COLORTERM when an app is created (16 colours switch the app to the ANSI theme).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from textual.widgets import Input, TextArea

#: The terminal every snapshot and screenshot pretends to be: a modern true-colour one.
SCREENSHOT_TERMINAL: dict[str, str] = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}
#: Variables that would change the look if the developer's shell happens to set them (read
#: when an app is created; TEXTUAL_* variables are read at import and cannot be undone here).
SCREENSHOT_UNSET: tuple[str, ...] = ("NO_COLOR",)

#: The widgets whose cursor blinks (subclasses such as MaskedInput follow their parent).
BLINKING_WIDGETS: tuple[type[Any], ...] = (Input, TextArea)


def _without_blink(original: Callable[..., None]) -> Callable[..., None]:
    def steady_init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.cursor_blink = False

    return steady_init


@contextmanager
def steady_cursors() -> Iterator[None]:
    """Inside this block, every new Input and TextArea starts with `cursor_blink = False`."""
    originals = [(widget_type, widget_type.__init__) for widget_type in BLINKING_WIDGETS]
    for widget_type, original in originals:
        widget_type.__init__ = _without_blink(original)
    try:
        yield
    finally:
        for widget_type, original in originals:
            widget_type.__init__ = original
