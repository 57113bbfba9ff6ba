"""Fitting the app to the terminal it finds: how many colours it has, and which theme to use.

Over SSH `COLORTERM` is rarely forwarded and `TERM=linux` or `TERM=xterm` give 16 colours.
Textual then squeezes its true-colour themes into the nearest of 16 colours, which turns
subtle panels and dimmed text into blocks of the wrong colour. The ANSI theme instead draws
with the terminal's own 16 colours and default background, which the user has already made
legible. So with 16 colours or fewer we start in the ANSI theme, unless the user chose a theme
(the choice is remembered in the store's settings).
"""

from __future__ import annotations

import os
from typing import Any

from rich.segment import Segment
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter

from trainer.core.safe_text import has_controls, strip_controls
from trainer.core.store.protocol import Store

#: Textual's built-in theme drawn with the terminal's own 16 colours.
ANSI_THEME = "ansi-dark"
#: The key in `Store.settings()` holding the theme the user chose.
THEME_SETTING = "theme"


def has_few_colours(app: App[Any]) -> bool:
    """True when the terminal offers 16 colours or fewer (what Rich detected from TERM and
    COLORTERM, or what TEXTUAL_COLOR_SYSTEM forces)."""
    return app.console.color_system in (None, "standard")


def saved_theme(store: Store) -> str | None:
    value = store.settings().get(THEME_SETTING)
    return value if isinstance(value, str) else None


def starting_theme(app: App[Any], store: Store) -> str | None:
    """The theme to start in, or None to keep Textual's default.

    The user's remembered choice wins (but no ANSI theme under NO_COLOR); then
    TEXTUAL_THEME (Textual's own variable) if set; then the ANSI theme on a 16-colour
    terminal, unless NO_COLOR is set.
    """
    chosen = saved_theme(store)
    theme = app.get_theme(chosen) if chosen is not None else None
    if theme is not None and not (app.no_color and theme.ansi):
        return chosen
    if os.environ.get("TEXTUAL_THEME") or app.no_color:
        # NO_COLOR: Textual draws the default theme in greys, which keeps highlights
        # visible; an ANSI theme would lose them (see `match_no_color_filter`).
        return None
    if has_few_colours(app):
        return ANSI_THEME
    return None


def match_no_color_filter(app: App[Any]) -> None:
    """Keeps NO_COLOR legible after a theme change.

    Textual picks its NO_COLOR filter once, for the starting theme: greys (Monochrome) for
    a true-colour theme, plain default colours (NoColor) for an ANSI one. Monochrome turns
    an ANSI theme's text black on black, so the filter follows the theme here.
    """
    if not app.no_color:
        return
    from textual.filter import Monochrome, NoColor

    from trainer.ui.compat import line_filters

    wanted: type[Monochrome | NoColor] = NoColor if app.native_ansi_color else Monochrome
    filters = line_filters(app)
    for index, line_filter in enumerate(filters):
        if isinstance(line_filter, Monochrome | NoColor) and type(line_filter) is not wanted:
            filters[index] = wanted()


class HideControls(LineFilter):
    """The last line filter of every screen: no control character in any text on screen
    reaches the terminal, wherever the text came from (a state file's ids, a file name).

    Screens that quote a file show its controls visibly (`escape_controls`); this is the
    net under everything else. A control takes no cell, so removing one keeps the line's
    width exact.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(strip_controls(segment.text), segment.style, segment.control)
            if not segment.control and has_controls(segment.text)
            else segment
            for segment in segments
        ]
