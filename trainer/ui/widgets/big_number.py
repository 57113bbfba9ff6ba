"""A countdown readable from across the room: digits five rows tall, drawn in full blocks.

Textual's `Digits` is three rows of thin box-drawing strokes; from the floor two metres away
a bolder face reads better. Full blocks look the same in 16 colours, in 256 and with
NO_COLOR, and need no special font. The widget repaints only when its text changes, so a
countdown costs one small redraw a second.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
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
    ":": ("  ", "██", "  ", "██", "  "),
    "/": ("    ##", "   ## ", "  ##  ", " ##   ", "##    "),
    " ": ("  ", "  ", "  ", "  ", "  "),
}

FONT: dict[str, tuple[str, ...]] = {
    char: tuple(row.replace("#", _B) for row in rows) for char, rows in _FONT_SOURCE.items()
}


def render_big(text: str) -> list[str]:
    """`text` as five rows of blocks; characters without a glyph are left out."""
    glyphs = [FONT[char] for char in text if char in FONT]
    if not glyphs:
        return [""] * HEIGHT
    return [(" " * GAP).join(glyph[row] for glyph in glyphs) for row in range(HEIGHT)]


def big_width(text: str) -> int:
    return len(render_big(text)[0])


class BigNumber(Widget):
    """Shows a short number ("42", "1:30", "3/10") five rows tall."""

    DEFAULT_CSS = """
    BigNumber {
        width: auto;
        height: 5;
    }
    """

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self._rows = render_big(text)

    @property
    def text(self) -> str:
        return self._text

    def show(self, text: str) -> bool:
        """Changes the number; a no-op (no repaint) when it is the same. True if it changed."""
        if text == self._text:
            return False
        width_changed = big_width(text) != big_width(self._text)
        self._text = text
        self._rows = render_big(text)
        self.refresh(layout=width_changed)
        return True

    def render(self) -> RenderResult:
        return Content("\n".join(self._rows))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return big_width(self._text)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return HEIGHT
