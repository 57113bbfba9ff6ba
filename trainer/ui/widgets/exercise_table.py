"""Progress per exercise as one table: name, today's dosage, the most done in a session
week by week (a column a week, the last twelve weeks, from 0 to the exercise's best), and
the latest. One DataTable with text cells instead of a row of widgets per exercise, so a
catalogue of thirty exercises costs one widget to mount.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.widgets import DataTable

from trainer.core.catalogue.words import describe_dosage
from trainer.core.stats.figures import ExerciseStats
from trainer.core.stats.text import column_rows, on_weeks

# With a cell's padding (1 each side) the table is 75 wide: it fits 80 columns beside the
# pane's margins and a scrollbar.
NAME_WIDTH = 21
NOW_WIDTH = 24
TREND_WIDTH = 12
LATEST_WIDTH = 10


def clipped(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class ExerciseTable(DataTable[object]):
    """Rows keyed by exercise id; `exercise_for(row_key)` gives the stats back."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"exercise-table--spark-max"}
    DEFAULT_CSS = """
    ExerciseTable > .exercise-table--spark-max {
        color: $primary;
    }
    """

    def __init__(
        self,
        exercises: Sequence[ExerciseStats],
        *,
        this_monday: date | None = None,
        id: str | None = None,
    ) -> None:
        """`this_monday`: the week the "By week" columns end on (default: the latest week
        any exercise has a figure for)."""
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.exercises = {exercise.exercise_id: exercise for exercise in exercises}
        ends = [e.series_weeks[-1] for e in exercises if e.series_weeks]
        self.this_monday = this_monday or (max(ends) if ends else None)

    def trend_cells(self, exercise: ExerciseStats) -> str:
        """The last TREND_WIDTH weeks, one column a week ending this week (a gap: not done
        that week), from 0 to the exercise's own best week, so a flat series looks flat."""
        if not exercise.series or self.this_monday is None:
            return ""
        points = zip(exercise.series_weeks, map(float, exercise.series), strict=True)
        _, values = on_weeks(points, self.this_monday, TREND_WIDTH)
        (row,) = column_rows(values, float(max(exercise.series)))
        return row

    def on_mount(self) -> None:
        high = self.get_component_rich_style("exercise-table--spark-max")
        self.add_column("Exercise", width=NAME_WIDTH)
        self.add_column("Today", width=NOW_WIDTH)
        self.add_column(f"{TREND_WIDTH} weeks", width=TREND_WIDTH)
        self.add_column("Latest", width=LATEST_WIDTH)
        for exercise in self.exercises.values():
            now = (
                describe_dosage(exercise.current, exercise.per_side, compact=True)
                if exercise.current
                else ""
            )
            latest = f"{exercise.series[-1]} {exercise.unit}" if exercise.series else ""
            trend = Text(self.trend_cells(exercise), style=high)
            self.add_row(
                clipped(exercise.name, NAME_WIDTH),
                clipped(now, NOW_WIDTH),
                trend,
                f"{latest:>{LATEST_WIDTH}}",
                key=exercise.exercise_id,
            )

    def exercise_for(self, row_key: object) -> ExerciseStats | None:
        value = getattr(row_key, "value", row_key)
        return self.exercises.get(value) if isinstance(value, str) else None
