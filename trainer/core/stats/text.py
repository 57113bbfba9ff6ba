"""The stats in words: shared by the stats screen and `trainer stats`, so a number reads the
same on screen, in a terminal and in a cron mail."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from trainer.core.catalogue.words import plural
from trainer.core.plan.screening import OUTCOME_WORDS
from trainer.core.stats.figures import DayCell, PainStats, PainTrend, ScreeningStatus, Target

#: Eighths of a cell, for bars finer than one character.
_EIGHTHS = " ▏▎▍▌▋▊▉"


def duration(minutes: float) -> str:
    """ "45 min", "6 h 5 min", "1,204 h"."""
    whole = round(minutes)
    if whole < 60:
        return f"{whole} min"
    hours, rest = divmod(whole, 60)
    if hours >= 100:
        return f"{hours:,} h"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def short_day(day: date) -> str:
    """ "20 Nov 2026": with the year, so a cron mail read later is never ambiguous."""
    return f"{day.day} {day:%b %Y}"


def day_month(day: date) -> str:
    """A date as the stats write it, without the year: "20 Nov"."""
    return f"{day.day} {day:%b}"


def target_word(target: Target) -> str:
    """Whether a weekly target is met, in words, never only a mark."""
    return "met" if target.met else "not yet"


def target_line(target: Target) -> str:
    """One weekly target as a line: a mark, its name, met or not, and the detail."""
    mark = "✓" if target.met else "·"
    return f"{mark} {target.name}: {target_word(target)} ({target.detail})"


def pain_change(value: float | None) -> str:
    """A change on the 0-10 scale with its sign: "-1.2", "+0.5", "0.0"."""
    if value is None:
        return "-"
    if round(value, 1) == 0:
        return "0.0"
    return f"{value:+.1f}"


def pain_level(value: float | None) -> str:
    """A pain rating on the 0-10 scale with one decimal, or "-" when there is none."""
    return "-" if value is None else f"{value:.1f}"


def pain_summary_line(pain: PainStats) -> str:
    """The average change per session, all time and lately; or that there is none yet."""
    if pain.average_change is None:
        if not pain.weeks:
            return "No pain ratings yet."
        return "Average change per session: none yet (no session rated before and after)."
    recent = (
        f" Last 4 weeks: {pain_change(pain.recent_change)}."
        if pain.recent_change is not None
        else ""
    )
    return (
        f"Average change per session: {pain_change(pain.average_change)} out of 10 "
        f"(after minus before, {plural(pain.rated_sessions, 'session')} rated both "
        f"times).{recent}"
    )


def trend_line(trend: PainTrend) -> str:
    """The pain rule's finding, with its numbers, in plain words."""
    if trend.not_improving:
        return (
            "Your pain before sessions has not eased over the last four weeks of regular "
            f"sessions (average {pain_level(trend.first_half)} then "
            f"{pain_level(trend.second_half)} out of 10)."
        )
    if not trend.regular:
        return (
            "Pain trend: needs four weeks of regular sessions (at least 2 a week with a "
            "pain rating) to say whether pain is easing."
        )
    return (
        f"Pain before sessions over the last four weeks: average "
        f"{pain_level(trend.first_half)} then {pain_level(trend.second_half)} out of 10."
    )


def screening_line(status: ScreeningStatus | None) -> str:
    """The screening's standing in one line: its outcome, any clearance, and when it is due."""
    if status is None:
        return "Screening: not taken yet. It comes before your first session."
    words = OUTCOME_WORDS.get(status.outcome, status.outcome)
    text = f"Screening: {words}, taken {short_day(status.taken)}"
    if status.clinician_cleared is not None:
        text += f"; cleared by a clinician {short_day(status.clinician_cleared)}"
    if status.days_until_due > 0:
        text += f". Next due {short_day(status.due)} (in {plural(status.days_until_due, 'day')})."
    elif status.days_until_due == 0:
        text += ". Due again today."
    else:
        text += f". Due again since {short_day(status.due)}."
    return text


def bar(value: float, largest: float, width: int) -> str:
    """A left-aligned bar `width` cells at most, in eighths of a cell: reads without colour."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def nice_top(value: float) -> float:
    """The top of a chart's scale: the smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or
    8 times a power of ten) at or above `value`, so a full bar reads as a round figure and
    the tallest bar still fills most of the chart (26 -> 30)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if value <= step * power * (1 + 1e-9):
            return step * power
    return 10 * power  # unreachable: 10 x power is always above value


def nice_minutes(minutes: float) -> float:
    """`nice_top` for a time: round minutes under an hour (50 min), round hours above it
    (2 h), so the scale's end reads as a round duration."""
    if minutes <= 60:
        return nice_top(minutes)
    return nice_top(minutes / 60) * 60


def scale_line(width: int, top: str, middle: str) -> str:
    """A scale over a bar `width` cells long: "0" at its start, `middle` at its half and
    `top` ending at its end, so a reader knows what a full bar means."""
    line = [" "] * max(width, len(top) + 2)
    line[0] = "0"
    half = width // 2 - len(middle) // 2
    if half > 1 and half + len(middle) < len(line) - len(top) - 1:
        line[half : half + len(middle)] = middle
    line[len(line) - len(top) :] = top
    return "".join(line)


#: A column's heights within one cell, from an eighth to full.
_COLUMN = "▁▂▃▄▅▆▇█"
#: A column for a value of zero (there was a figure, and it was 0); a blank is no figure.
ZERO_MARK = "·"


def column_rows(
    values: Sequence[float | None], top: float, rows: int = 1, cell_width: int = 1
) -> list[str]:
    """Columns on a fixed scale from 0 to `top`, `rows` cells high (in eighths), top row
    first: a value's height is its share of `top`, so 2.0 and 4.0 never look alike, and
    every chart of the same thing has the same scale. None (no figure that week) is blank."""
    steps = rows * 8
    lines: list[str] = []
    for row in reversed(range(rows)):
        cells: list[str] = []
        for value in values:
            if value is None:
                cell = " "
            elif value <= 0:
                cell = ZERO_MARK if row == 0 else " "
            else:
                height = max(1, round(min(value, top) / top * steps)) if top > 0 else steps
                fill = height - row * 8
                cell = "█" if fill >= 8 else (_COLUMN[fill - 1] if fill > 0 else " ")
            cells.append(cell * cell_width)
        lines.append("".join(cells))
    return lines


def on_weeks(
    points: Iterable[tuple[date, float]], last_monday: date, count: int
) -> tuple[list[date], list[float | None]]:
    """The `count` weeks up to `last_monday`, each with its figure or None: a chart's time
    axis has every week on it, so a week without a figure shows as a gap, not as nothing."""
    mondays = [last_monday - timedelta(weeks=n) for n in reversed(range(count))]
    by_week = dict(points)
    return mondays, [by_week.get(monday) for monday in mondays]


def week_axis(mondays: Sequence[date], cell_width: int) -> str:
    """Month names under the week each month begins in (a time axis for weekly columns),
    skipping one that would overlap the one before."""
    line = [" "] * (cell_width * len(mondays))
    last_month = None
    free_from = 0
    for index, monday in enumerate(mondays):
        if (monday.year, monday.month) == last_month:
            continue
        last_month = (monday.year, monday.month)
        at = cell_width * index
        name = f"{monday:%b}"
        if at >= free_from and at + len(name) <= len(line):
            line[at : at + len(name)] = name
            free_from = at + len(name) + 1
    return "".join(line).rstrip()


# --------------------------------------------------------------------------- calendar
# Weeks as columns, Monday on top, one character a day: readable without any colour.

NO_SESSION = "·"
TRAINED = "■"
TODAY_TRAINED = "◆"
TODAY_NOT_YET = "◇"
WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CALENDAR_LABEL_WIDTH = 4
CALENDAR_CELL_WIDTH = 2
CALENDAR_LEGEND = (
    f"{NO_SESSION} none  {TRAINED} trained  {TODAY_TRAINED} today  {TODAY_NOT_YET} not yet"
)


def calendar_char(cell: DayCell) -> str:
    """The day's character; blank for days still to come."""
    if cell.in_future:
        return " "
    if cell.is_today:
        return TODAY_TRAINED if cell.sessions else TODAY_NOT_YET
    return TRAINED if cell.sessions else NO_SESSION


def month_labels(weeks: Sequence[Sequence[DayCell]]) -> str:
    """Month names over the week each month begins in, skipping one that would overlap."""
    axis = week_axis([week[0].day for week in weeks], CALENDAR_CELL_WIDTH)
    return (" " * CALENDAR_LABEL_WIDTH + axis).rstrip()


def calendar_lines(weeks: Sequence[Sequence[DayCell]]) -> list[str]:
    """The calendar as plain lines: months, one line per weekday, the legend."""
    lines = [month_labels(weeks)]
    for weekday, label in enumerate(WEEKDAY_LABELS):
        cells = " ".join(calendar_char(week[weekday]) for week in weeks)
        lines.append(f"{label:<{CALENDAR_LABEL_WIDTH}}{cells}".rstrip())
    lines.append(CALENDAR_LEGEND)
    return lines
