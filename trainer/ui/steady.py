"""Holds blinking text cursors still, so a screenshot shows the same pixels every run.

Textual has no switch for this (`App.run_test` turns off animation, not cursor blink), so
snapshot tests and the screenshot script wrap the text widgets' constructors for a while.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from textual.widgets import Input, TextArea

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
