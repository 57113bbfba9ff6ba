"""A tick list where space (or a click) ticks and enter moves on.

SelectionList on its own toggles on enter too, which leaves a keyboard user no way to say
"done"; here enter means done, so the list fits a step-by-step questionnaire. An unticked
box is drawn empty (SelectionList tells them apart by colour alone, lost with NO_COLOR).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

from trainer.ui.compat import ToggleButton


class EquipmentList(SelectionList[str]):
    BINDINGS = [
        Binding("space", "select", "Tick or untick", show=False),
        Binding("enter", "done", "Continue", show=False),
    ]

    class Done(Message):
        def __init__(self, selected: tuple[str, ...]) -> None:
            super().__init__()
            self.selected = selected

    def action_done(self) -> None:
        self.post_message(self.Done(tuple(self.selected)))

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if selection.value in self.selected:
            return strip
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER:
            inner = segments[1]
            segments[1] = Segment(" " * len(inner.text), inner.style, inner.control)
        return Strip(segments, strip.cell_length)
