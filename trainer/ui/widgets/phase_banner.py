"""The phase in letters big enough to read from the floor: a full-width band, three rows tall.

The letters are the countdown's own face (a 3x5 grid of square dots, see `big_number`) at
half its size: each row of text holds two rows of dots, drawn with the full block and the
upper and lower half blocks. Those three characters are in the Linux console's font and in
every terminal font, and they read as shapes, not as colour, so the words stay legible in 16
colours and with NO_COLOR. Words too wide for the terminal (a long position cue at 60
columns) are written plainly in the middle of the band instead.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from trainer.ui.widgets.big_number import FONT_SOURCE as DIGITS_DOUBLED

HEIGHT = 3
GAP = 1  # columns between letters

#: Each letter as five rows of dots, "#" inked; most are three dots wide.
_LETTERS: dict[str, tuple[str, ...]] = {
    "A": ("###", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": ("###", "#..", "#..", "#..", "###"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "###", "#..", "###"),
    "F": ("###", "#..", "###", "#..", "#.."),
    "G": ("###", "#..", "#.#", "#.#", "###"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", "###"),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#..#", "##.#", "#.##", "#..#", "#..#"),
    "O": ("###", "#.#", "#.#", "#.#", "###"),
    "P": ("###", "#.#", "###", "#..", "#.."),
    "Q": ("###", "#.#", "#.#", "###", "..#"),
    "R": ("###", "#.#", "##.", "#.#", "#.#"),
    "S": ("###", "#..", "###", "..#", "###"),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
    "·": (".", "#", "#", ".", "."),
    "-": ("...", "...", "###", "...", "..."),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
    ":": (".", "#", ".", "#", "."),
    " ": (".", ".", ".", ".", "."),
}


def _halved(rows: tuple[str, ...]) -> tuple[str, ...]:
    """A digit of the countdown's face ("##" per dot) as one character per dot."""
    return tuple(row[::2].replace(" ", ".") for row in rows)


#: Every letter and digit as dots; the digits are the countdown's, one column per dot.
DOTS: dict[str, tuple[str, ...]] = {
    **{char: _halved(rows) for char, rows in DIGITS_DOUBLED.items() if char.isdigit()},
    **_LETTERS,
}

#: (upper dot, lower dot) -> the character that draws them in one cell.
_HALVES = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def _glyph(dots: tuple[str, ...]) -> tuple[str, ...]:
    """Five rows of dots as three rows of text, two dots high per row."""
    padded = [*dots, "." * len(dots[0])]
    return tuple(
        "".join(
            _HALVES[(upper == "#", lower == "#")]
            for upper, lower in zip(padded[row], padded[row + 1], strict=True)
        )
        for row in range(0, 6, 2)
    )


GLYPHS: dict[str, tuple[str, ...]] = {char: _glyph(dots) for char, dots in DOTS.items()}


def can_draw_big(text: str) -> bool:
    return bool(text) and all(char in GLYPHS for char in text)


def render_big_words(text: str) -> list[str]:
    """`text` as three rows of half blocks (for the widget and for tests)."""
    glyphs = [GLYPHS[char] for char in text]
    return [(" " * GAP).join(glyph[row] for glyph in glyphs) for row in range(HEIGHT)]


def banner_lines(text: str, width: int) -> list[str]:
    """The band's three rows for `text`, centred in `width` columns: big letters where they
    fit, else the words themselves on the middle row."""
    if can_draw_big(text):
        big = render_big_words(text)
        if len(big[0]) <= width:
            return [row.center(width) for row in big]
    plain = text if len(text) <= width else text[: max(0, width - 1)] + "…"
    return ["", plain.center(width), ""]


class PhaseBanner(Widget):
    """A band across the screen with the phase in big letters ("HOLD · LEFT")."""

    DEFAULT_CSS = """
    PhaseBanner {
        width: 1fr;
        height: 3;
        text-wrap: nowrap;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = ""

    @property
    def text(self) -> str:
        return self._text

    def show(self, text: str) -> bool:
        """Changes the words; the band repaints only when they change. True if they did."""
        if text == self._text:
            return False
        self._text = text
        self.refresh()
        return True

    @property
    def drawn_big(self) -> bool:
        """Whether the words are drawn in big letters at the current width (else plainly)."""
        width = self.content_size.width
        return can_draw_big(self._text) and len(render_big_words(self._text)[0]) <= width

    def render(self) -> RenderResult:
        return Content("\n".join(banner_lines(self._text, self.content_size.width)))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return HEIGHT
