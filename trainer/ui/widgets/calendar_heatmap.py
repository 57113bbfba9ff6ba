"""A GitHub-style calendar of days trained: weeks as columns, Monday at the top.

Readable without colour: each day is a character (`·` no session, `■` trained, `◆` today
trained, `◇` today not yet, blank for days still to come; see `trainer.core.stats.text`);
colour only adds how many sessions a day had.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from trainer.core.stats.figures import DayCell
from trainer.core.stats.text import (
    CALENDAR_LABEL_WIDTH,
    CALENDAR_LEGEND,
    WEEKDAY_LABELS,
    calendar_char,
    month_labels,
)


def _style(cell: DayCell) -> str:
    if cell.is_today:
        return "bold $success" if cell.sessions else "bold $warning"
    if cell.sessions == 0:
        return "$text-muted"
    return "$success" if cell.sessions > 1 else "$success 70%"


def heatmap_content(weeks: Sequence[Sequence[DayCell]]) -> Content:
    rows: list[Content] = [Content.styled(month_labels(weeks), "$text-muted")]
    for weekday, label in enumerate(WEEKDAY_LABELS):
        parts: list[str | tuple[str, str]] = [(f"{label:<{CALENDAR_LABEL_WIDTH}}", "$text-muted")]
        for week in weeks:
            cell = week[weekday]
            parts.append((calendar_char(cell), _style(cell)))
            parts.append(" ")
        rows.append(Content.assemble(*parts).rstrip())
    rows.append(Content.styled(CALENDAR_LEGEND, "$text-muted"))
    return Content("\n").join(rows)


class CalendarHeatmap(Static):
    DEFAULT_CSS = """
    CalendarHeatmap {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, weeks: Sequence[Sequence[DayCell]], *, id: str | None = None) -> None:
        super().__init__(heatmap_content(weeks), id=id)
        self.weeks = weeks
