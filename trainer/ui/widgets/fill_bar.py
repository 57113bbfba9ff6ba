"""A one-row bar that fills smoothly, an eighth of a cell at a time.

Eighth blocks give a 78-column bar 624 steps, so a 30-second hold moves it every 50 ms
and looks continuous. It stays light over SSH: nothing is sent unless a drawn cell changes,
and then only a short stretch around the moving edge. (Textual sends a changed widget's
line from the widget's left edge, so the bar is made of a few parts and only the part under
the edge repaints.) The empty part is drawn with a shade character, not just a colour, so
the bar reads with NO_COLOR too.
"""

from __future__ import annotations

from textual.app import ComposeResult, RenderResult
from textual.content import Content
from textual.widget import Widget

#: Partial cells, from one eighth to seven eighths.
EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
EMPTY = "░"
#: How many pieces the bar is drawn in: a repaint sends one piece. More pieces send fewer
#: bytes, but every piece is one more widget for Textual to compose on each frame.
PARTS = 12
GROUPS = 3


def bar_cells(fraction: float, width: int, steps_per_cell: int = 8) -> tuple[int, int]:
    """(full cells, eighths in the partial cell) for `fraction` of `width` cells.

    With fewer `steps_per_cell` (1: whole cells only) the bar moves in coarser steps.
    """
    fraction = min(1.0, max(0.0, fraction))
    steps = int(fraction * width * steps_per_cell)
    full, part = divmod(steps, steps_per_cell)
    return full, part * 8 // steps_per_cell


def draw_bar(fraction: float, width: int, steps_per_cell: int = 8) -> tuple[str, str]:
    """(the filled part, the empty part) as text, together exactly `width` cells."""
    if width <= 0:
        return "", ""
    full, eighths = bar_cells(fraction, width, steps_per_cell)
    filled = FULL * full + (EIGHTHS[eighths] if eighths and full < width else "")
    return filled, EMPTY * (width - len(filled))


class BarPart(Widget):
    """One stretch of a FillBar's row; the bar decides what it shows."""

    DEFAULT_CSS = """
    BarPart {
        width: 1fr;
        height: 1;
    }
    """

    def render(self) -> RenderResult:
        bar = next((a for a in self.ancestors if isinstance(a, FillBar)), None)
        if bar is None:
            return Content("")
        return bar.render_part(self)


class BarGroup(Widget):
    """A few parts side by side. Textual composes every child of a repainted widget's
    parent on each frame, so two levels (groups of parts) keep that to a handful."""

    DEFAULT_CSS = """
    BarGroup {
        layout: horizontal;
        width: 1fr;
        height: 1;
    }
    """

    def __init__(self, parts: int) -> None:
        super().__init__()
        self.parts = parts

    def compose(self) -> ComposeResult:
        for _ in range(self.parts):
            yield BarPart()


class FillBar(Widget):
    """`fraction` 0..1 of the width filled; set it with `show(fraction)`."""

    COMPONENT_CLASSES = {"fill-bar--empty"}
    DEFAULT_CSS = """
    FillBar {
        layout: horizontal;
        width: 1fr;
        height: 1;
        color: $accent;
    }
    FillBar > .fill-bar--empty {
        color: $foreground 30%;
    }
    """

    def __init__(
        self,
        fraction: float = 0.0,
        *,
        steps_per_cell: int = 8,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._fraction = fraction
        self.steps_per_cell = steps_per_cell
        self._shown: tuple[int, int, int] | None = None  # (width, full, eighths) asked for

    def compose(self) -> ComposeResult:
        for _ in range(GROUPS):
            yield BarGroup(PARTS // GROUPS)

    @property
    def fraction(self) -> float:
        return self._fraction

    def set_resolution(self, steps_per_cell: int) -> None:
        """How finely the bar moves: 8 (eighths of a cell) down to 1 (whole cells)."""
        steps_per_cell = max(1, min(8, steps_per_cell))
        if steps_per_cell != self.steps_per_cell:
            self.steps_per_cell = steps_per_cell
            self._shown = None  # redraw from scratch on the next show

    @property
    def steps(self) -> int:
        """How many distinct fills the bar can show at its current width."""
        return self.content_size.width * self.steps_per_cell

    def show(self, fraction: float) -> bool:
        """Sets the fill; repaints only the parts whose cells change. True if any do."""
        self._fraction = fraction
        width = self.content_size.width
        full, eighths = bar_cells(fraction, width, self.steps_per_cell)
        before, self._shown = self._shown, (width, full, eighths)
        if before is None or before[0] != width:
            self._repaint(0, width)
            return True
        if before[1:] == (full, eighths):
            return False
        self._repaint(min(before[1], full), max(before[1], full) + 1)
        return True

    def _repaint(self, start: int, end: int) -> None:
        """Repaints the parts covering cells [start, end)."""
        left = self.content_region.x
        for part in self.query(BarPart):
            part_start = part.region.x - left
            if part_start < end and part_start + part.size.width > start:
                part.refresh()

    def render_part(self, part: BarPart) -> Content:
        width = self.content_size.width
        filled, empty = draw_bar(self._fraction, width, self.steps_per_cell)
        start = part.region.x - self.content_region.x
        end = start + part.size.width
        split = len(filled)
        return Content.assemble(
            filled[start : min(end, split)],
            Content.styled(
                empty[max(start, split) - split : max(end, split) - split],
                self.get_visual_style("fill-bar--empty"),
            ),
        )

    def render(self) -> RenderResult:
        return Content("")
