"""The 0-10 numeric rating scale, answered with arrows, digits, enter or the mouse.

A row of numbers rather than a text field: nothing to type wrong, so no out-of-range value
can come from it, and the chosen number is marked with brackets as well as colour.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

LOWEST = 0
HIGHEST = 10
CELL = 5  # columns per number: " [10]"

LOW_WORDS = "0 = no pain"
HIGH_WORDS = "10 = worst pain you can imagine"


class PainScale(Widget, can_focus=True):
    """Posts `PainScale.Chosen` on enter (or a click) once a number is marked."""

    DEFAULT_CSS = """
    PainScale {
        width: 55;  /* CELL x 11: fits a 60-column terminal inside a bordered box */
        height: 4;
    }
    PainScale:focus {
        background-tint: $foreground 5%;
    }
    """

    BINDINGS = [
        Binding("left,down", "step(-1)", "Less", show=False),
        Binding("right,up", "step(1)", "More", show=False),
        Binding("home", "set(0)", "No pain", show=False),
        Binding("end", "set(10)", "Ten", show=False),
        Binding("enter,space", "choose", "Choose", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    class Chosen(Message):
        def __init__(self, scale: PainScale, value: int) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

    def __init__(
        self, value: int | None = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(PainScale.value, value)
        self._after_one = False  # "1" then "0" means ten

    def render(self) -> Content:
        cells: list[Content | str] = []
        for number in range(LOWEST, HIGHEST + 1):
            if number == self.value:
                marked = f"[{number}]"
                left = (CELL - len(marked)) // 2
                cells += [
                    " " * left,
                    Content.styled(marked, "reverse bold"),
                    " " * (CELL - left - len(marked)),
                ]
            else:
                cells.append(f" {number:^3} ")
        scale = Content.assemble(*cells)
        words = Content.styled(
            LOW_WORDS + HIGH_WORDS.rjust(CELL * (HIGHEST + 1) - len(LOW_WORDS)), "dim"
        )
        chosen = (
            "Nothing chosen yet"
            if self.value is None
            else f"Chosen: {self.value} out of 10 - press enter"
        )
        return Content("\n").join([scale, words, Content(""), Content(chosen)])

    def on_key(self, event: events.Key) -> None:
        if event.character is None or not event.character.isdigit():
            self._after_one = False
            return
        event.stop()
        digit = int(event.character)
        if digit == 0 and self._after_one:
            self.value = HIGHEST
            self._after_one = False
        else:
            self.value = digit
            self._after_one = digit == 1

    def on_click(self, event: events.Click) -> None:
        x = event.get_content_offset(self)
        if x is None or x.y != 0:
            return
        number = x.x // CELL
        if LOWEST <= number <= HIGHEST:
            if number == self.value:
                self.action_choose()
            self.value = number

    def action_step(self, delta: int) -> None:
        start = 0 if self.value is None and delta > 0 else (self.value or 0) + delta
        self.value = max(LOWEST, min(HIGHEST, start))

    def action_set(self, value: int) -> None:
        self.value = value

    def action_choose(self) -> None:
        if self.value is not None:
            self.post_message(self.Chosen(self, self.value))
