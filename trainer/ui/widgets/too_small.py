"""The "please enlarge the terminal" notice that stands in for a screen that cannot fit.

A layout squeezed below the size it was designed for cuts off exactly what matters (the
countdown, the footer with the keys), so below a screen's minimum we hide the screen's own
widgets and show one centred sentence instead. Nothing is torn down: when the terminal grows
again the screen comes back as it was, timers and focus included.

Screens declare their minimum with a class attribute `MIN_SIZE = (width, height)`; a dialog
that declares none needs what the screen it covers needs, and every other screen 80x24.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.geometry import Size
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

DEFAULT_MIN_SIZE: tuple[int, int] = (80, 24)

#: The class set on a screen while it is too small; hides its children except the notice.
TOO_SMALL_CLASS = "-too-small"


def required_size(app: App[Any], screen: Screen[Any]) -> tuple[int, int]:
    """The smallest terminal `screen` is laid out for.

    A dialog shows on top of another screen, so unless it says otherwise it needs what that
    screen needs (the live session's pain dialog must work at the session's 60x20).
    """
    declared: tuple[int, int] | None = getattr(type(screen), "MIN_SIZE", None)
    if declared is not None:
        return declared
    if isinstance(screen, ModalScreen):
        stack = app.screen_stack
        if screen in stack:
            index = stack.index(screen)
            if index > 0:
                return required_size(app, stack[index - 1])
    return DEFAULT_MIN_SIZE


def enlarge_message(needed: tuple[int, int], size: Size) -> str:
    width, height = needed
    return (
        f"Please enlarge the terminal to at least {width}×{height} "
        f"(now {size.width}×{size.height})."
    )


class SizeGuardChanged(Message):
    """Posted to a screen when the notice starts (`too_small`) or stops hiding it, so a
    screen with a clock (the live session) can stop it rather than let it run unseen."""

    def __init__(self, too_small: bool) -> None:
        super().__init__()
        self.too_small = too_small


class TooSmall(Static):
    """Fills its screen with the enlarge message; shown only while the screen has the class."""

    # Not scoped: the rules below style the screen around this widget, not just the widget.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    Screen.-too-small > * {
        display: none !important;
    }
    Screen.-too-small > TooSmall {
        display: block !important;
    }
    TooSmall {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
        text-style: bold;
        padding: 0 1;
        background: $background;
    }
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.focus_before: Widget | None = None


def guard_screen_size(app: App[Any], screen: Screen[Any]) -> bool:
    """Shows or hides the notice on `screen` for the app's current size.

    Returns True while the screen is too small. Idempotent, so it can run on every resize and
    every screen change.
    """
    needed = required_size(app, screen)
    size = app.size
    too_small = size.width < needed[0] or size.height < needed[1]
    notice = next(iter(screen.query_children(TooSmall)), None)
    if too_small:
        message = enlarge_message(needed, size)
        if notice is None:
            notice = TooSmall(message)
            screen.mount(notice)
        else:
            notice.update(message)
        if not screen.has_class(TOO_SMALL_CLASS):
            # Hiding the focused widget drops its focus: keep it to give back on recovery.
            notice.focus_before = screen.focused
            screen.add_class(TOO_SMALL_CLASS)
            screen.post_message(SizeGuardChanged(True))
    elif notice is not None and screen.has_class(TOO_SMALL_CLASS):
        screen.remove_class(TOO_SMALL_CLASS)
        screen.post_message(SizeGuardChanged(False))
        widget, notice.focus_before = notice.focus_before, None
        if widget is not None and widget.is_attached and widget.screen is screen:
            screen.set_focus(widget, scroll_visible=False)
    return too_small
