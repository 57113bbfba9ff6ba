"""A countdown readable from across the room: digits five rows tall, drawn in full blocks.

Textual's `Digits` is three rows of thin box-drawing strokes; from the floor two metres away
a bolder face reads better. Full blocks look the same in 16 colours, in 256 and with
NO_COLOR, and need no special font.

Each character is its own small widget, and only its rows that differ are repainted.
Textual sends a changed line of a widget from the widget's left edge, so a countdown from
1:30 to 1:29 sends only the rows of the last digit that differ, not the whole number: that
is most of what a once-a-second countdown costs over SSH.
"""

from __future__ import annotations

from textual.app import ComposeResult, RenderResult
from textual.content import Content
from textual.geometry import Region, Size
from textual.widget import Widget

HEIGHT = 5
GAP = 1  # columns between glyphs

_B = "█"

#: Each glyph: five rows of equal width; "#" is ink.
_FONT_SOURCE: dict[str, tuple[str, ...]] = {
    "0": ("######", "##  ##", "##  ##", "##  ##", "######"),
    "1": ("  ##  ", "####  ", "  ##  ", "  ##  ", "######"),
    "2": ("######", "    ##", "######", "##    ", "######"),
    "3": ("######", "    ##", "  ####", "    ##", "######"),
    "4": ("##  ##", "##  ##", "######", "    ##", "    ##"),
    "5": ("######", "##    ", "######", "    ##", "######"),
    "6": ("######", "##    ", "######", "##  ##", "######"),
    "7": ("######", "    ##", "   ## ", "  ##  ", "  ##  "),
    "8": ("######", "##  ##", "######", "##  ##", "######"),
    "9": ("######", "##  ##", "######", "    ##", "######"),
    ":": ("  ", "##", "  ", "##", "  "),
    "/": ("    ##", "   ## ", "  ##  ", " ##   ", "##    "),
    " ": ("  ", "  ", "  ", "  ", "  "),
}

#: The hand-drawn source, "#" inked (the phase banner draws its digits from it at half size).
FONT_SOURCE = _FONT_SOURCE

FONT: dict[str, tuple[str, ...]] = {
    char: tuple(row.replace("#", _B) for row in rows) for char, rows in _FONT_SOURCE.items()
}


def drawable(text: str) -> str:
    """`text` without the characters the font has no glyph for."""
    return "".join(char for char in text if char in FONT)


def render_big(text: str) -> list[str]:
    """`text` as five rows of blocks, glyphs one column apart (for tests and plain output)."""
    glyphs = [FONT[char] for char in drawable(text)]
    if not glyphs:
        return [""] * HEIGHT
    return [(" " * GAP).join(glyph[row] for glyph in glyphs) for row in range(HEIGHT)]


def big_width(text: str) -> int:
    return len(render_big(text)[0])


class Glyph(Widget):
    """One character of a BigNumber. A change repaints only the rows that differ: 9 -> 8
    sends one row."""

    DEFAULT_CSS = """
    Glyph {
        width: auto;
        height: 5;
        margin-left: 1;
    }
    Glyph:first-child {
        margin-left: 0;
    }
    """

    def __init__(self, char: str) -> None:
        super().__init__()
        self.char = char

    def show(self, char: str) -> None:
        if char == self.char:
            return
        before, after = FONT[self.char], FONT[char]
        self.char = char
        if len(before[0]) != len(after[0]):
            self.refresh(layout=True)
            return
        width = len(after[0])
        for row, (old, new) in enumerate(zip(before, after, strict=True)):
            if old != new:
                self.refresh(Region(0, row, width, 1))

    def render(self) -> RenderResult:
        return Content("\n".join(FONT[self.char]))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(FONT[self.char][0])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return HEIGHT


class BigNumber(Widget):
    """Shows a short number ("42", "1:30", "3/10") five rows tall."""

    DEFAULT_CSS = """
    BigNumber {
        layout: horizontal;
        width: auto;
        height: 5;
    }
    """

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = drawable(text)
        self._glyphs = [Glyph(char) for char in self._text]

    @property
    def text(self) -> str:
        return self._text

    def compose(self) -> ComposeResult:
        yield from self._glyphs

    def show(self, text: str) -> bool:
        """Changes the number; only the glyphs that differ repaint. True if it changed."""
        text = drawable(text)
        if text == self._text:
            return False
        self._text = text
        if len(self._glyphs) == len(text):
            for glyph, char in zip(self._glyphs, text, strict=True):
                glyph.show(char)
        else:  # a digit more or fewer (10 -> 9): rare, so simply start over
            self._glyphs = [Glyph(char) for char in text]
            if self.is_mounted:
                self.remove_children()
                self.mount_all(self._glyphs)
        return True
