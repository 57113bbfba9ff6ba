"""A GitHub-style calendar of days trained: weeks as columns, Monday at the top.

Readable without colour: each day is a character (`·` no session, `■` trained, `◆` today
trained, `◇` today not yet, blank for days still to come); colour only adds how many
sessions a day had.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from trainer.core.stats import DayCell

NONE = "·"
TRAINED = "■"
TODAY_TRAINED = "◆"
TODAY_NOT_YET = "◇"
ROW_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LABEL_WIDTH = 4
CELL_WIDTH = 2

LEGEND = f"{NONE} none  {TRAINED} trained  {TODAY_TRAINED} today  {TODAY_NOT_YET} not yet"


def _cell(cell: DayCell) -> tuple[str, str]:
    if cell.in_future:
        return " ", ""
    if cell.is_today:
        return (TODAY_TRAINED, "bold $success") if cell.sessions else (
            TODAY_NOT_YET, "bold $warning"
        )
    if cell.sessions == 0:
        return NONE, "$text-muted"
    return TRAINED, "$success" if cell.sessions > 1 else "$success 70%"


def month_labels(weeks: Sequence[Sequence[DayCell]]) -> str:
    """Month names over the week where each month begins, skipping one that would overlap."""
    line = [" "] * (LABEL_WIDTH + CELL_WIDTH * len(weeks))
    last_month = None
    free_from = 0
    for index, week in enumerate(weeks):
        monday = week[0].day
        month = (monday.year, monday.month)
        if month == last_month:
            continue
        last_month = month
        at = LABEL_WIDTH + CELL_WIDTH * index
        name = f"{monday:%b}"
        if at >= free_from and at + len(name) <= len(line):
            line[at : at + len(name)] = name
            free_from = at + len(name) + 1
    return "".join(line).rstrip()


def heatmap_content(weeks: Sequence[Sequence[DayCell]]) -> Content:
    rows: list[Content] = [Content.styled(month_labels(weeks), "$text-muted")]
    for weekday, label in enumerate(ROW_LABELS):
        parts: list[str | tuple[str, str]] = [(f"{label:<{LABEL_WIDTH}}", "$text-muted")]
        for week in weeks:
            char, style = _cell(week[weekday])
            parts.append((char, style))
            parts.append(" ")
        rows.append(Content.assemble(*parts).rstrip())
    rows.append(Content.styled(LEGEND, "$text-muted"))
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
