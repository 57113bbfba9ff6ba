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

from textual.app import App

from trainer.core.store import Store

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

    The user's remembered choice wins; then TEXTUAL_THEME (Textual's own variable) if set;
    then the ANSI theme on a 16-colour terminal.
    """
    chosen = saved_theme(store)
    if chosen is not None and chosen in app.available_themes:
        return chosen
    if os.environ.get("TEXTUAL_THEME"):
        return None
    if has_few_colours(app):
        return ANSI_THEME
    return None


def remember_theme(store: Store, theme: str) -> None:
    """Saves the user's theme choice; a read-only view (another trainer writes) skips it."""
    if store.read_only_reason is not None or saved_theme(store) == theme:
        return
    settings = store.settings()
    settings[THEME_SETTING] = theme
    store.save_settings(settings)
