"""A one-row bar that fills smoothly, an eighth of a cell at a time.

Eighth blocks give a 78-column bar 624 steps, so a 30-second hold moves it every 50 ms
and looks continuous; yet the widget repaints only when the drawn cells change, so a slow
phase (a two-minute hold) costs only a handful of small redraws a second. The empty part
is drawn with a shade character, not just a colour, so the bar reads with NO_COLOR too.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

#: Partial cells, from one eighth to seven eighths.
EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
EMPTY = "░"


def bar_cells(fraction: float, width: int) -> tuple[int, int]:
    """(full cells, eighths in the partial cell) for `fraction` of `width` cells."""
    fraction = min(1.0, max(0.0, fraction))
    steps = int(fraction * width * 8)
    return divmod(steps, 8)


def draw_bar(fraction: float, width: int) -> tuple[str, str]:
    """(the filled part, the empty part) as text, together exactly `width` cells."""
    if width <= 0:
        return "", ""
    full, eighths = bar_cells(fraction, width)
    filled = FULL * full + (EIGHTHS[eighths] if eighths and full < width else "")
    return filled, EMPTY * (width - len(filled))


class FillBar(Widget):
    """`fraction` 0..1 of the width filled; set it with `show(fraction)`."""

    COMPONENT_CLASSES = {"fill-bar--empty"}
    DEFAULT_CSS = """
    FillBar {
        width: 1fr;
        height: 1;
        color: $accent;
    }
    FillBar > .fill-bar--empty {
        color: $foreground 30%;
    }
    """

    def __init__(
        self, fraction: float = 0.0, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._fraction = fraction
        self._drawn: tuple[int, int, int] | None = None  # (width, full, eighths) on screen

    @property
    def fraction(self) -> float:
        return self._fraction

    def show(self, fraction: float) -> bool:
        """Sets the fill; repaints only if a cell would look different. True if it will."""
        self._fraction = fraction
        width = self.content_size.width
        if self._drawn is not None and self._drawn == (width, *bar_cells(fraction, width)):
            return False
        self.refresh()
        return True

    def render(self) -> RenderResult:
        width = self.content_size.width
        self._drawn = (width, *bar_cells(self._fraction, width))
        filled, empty = draw_bar(self._fraction, width)
        return Content.assemble(
            filled, Content.styled(empty, self.get_visual_style("fill-bar--empty"))
        )
