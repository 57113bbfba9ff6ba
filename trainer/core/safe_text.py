"""Text from a file, made safe to print: control characters shown, never obeyed.

A catalogue, a state file or a file name may hold escape sequences (`ESC ] 0 ; ... BEL`
retitles the window; others move the cursor, clear the screen or, on some terminals, answer
back into the input). Everything the trainer prints that came from a file goes through
`escape_controls` first, in the commands and on screen alike: one rule in one place.
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, and the C1 controls (ESC's 8-bit twins), and the
#: Unicode bidirectional overrides that make text read other than it is stored.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """`text` with every control character (tab and newline aside) written out as `\\x1b`
    and the like, so printing it can only ever show it."""
    return _CONTROL.sub(_visible, text)


def control_characters(text: str) -> list[str]:
    """The control characters in `text` (as `escape_controls` writes them), in order."""
    return [_visible(match) for match in _CONTROL.finditer(text)]


def strip_controls(text: str) -> str:
    """`text` without its control characters (tab and newline aside): for the screen,
    where the cells are already counted and each control takes none."""
    return _CONTROL.sub("", text)


def has_controls(text: str) -> bool:
    """Whether `text` holds any character `escape_controls` would write out."""
    return _CONTROL.search(text) is not None
