"""An OptionList mixing read-only text (disabled options) with rows one can pick.

The cursor moves only over the rows one can pick; past the first or last of them the
arrows scroll instead, so text above and below (notes, what was left out) is still
reachable from the keyboard, which plain OptionList wraps around instead.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList

from trainer.ui.compat import option_line


class PreviewList(OptionList):
    BINDINGS = [Binding("enter", "select", "Details", show=False)]
    DEFAULT_CSS = """
    PreviewList > .option-list--option-disabled {
        color: $foreground;
    }
    """

    def _pickable(self) -> list[int]:
        return [index for index, option in enumerate(self.options) if not option.disabled]

    def action_cursor_down(self) -> None:
        current = -1 if self.highlighted is None else self.highlighted
        later = [index for index in self._pickable() if index > current]
        if later:
            self.highlighted = later[0]
        else:
            self.scroll_down(animate=False)

    def action_cursor_up(self) -> None:
        if self.highlighted is not None and not self._line_visible(self.highlighted):
            self.scroll_to_highlight()  # back from reading the notes below: no jump
            return
        current = len(self.options) if self.highlighted is None else self.highlighted
        earlier = [index for index in self._pickable() if index < current]
        if earlier:
            self.highlighted = earlier[-1]
        else:
            self.scroll_up(animate=False)

    def action_first(self) -> None:
        super().action_first()
        self.scroll_home(animate=False)

    def action_last(self) -> None:
        super().action_last()
        self.scroll_end(animate=False)

    def _line_visible(self, index: int) -> bool:
        line = option_line(self, index)
        return self.scroll_y <= line < self.scroll_y + self.scrollable_content_region.height
