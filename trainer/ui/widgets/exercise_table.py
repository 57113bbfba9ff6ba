"""Progress per exercise as one table: name, today's dosage, a sparkline of the most done in
a session week by week, and the latest. One DataTable with sparkline cells (Textual's own
sparkline renderable) instead of a row of widgets per exercise, so a catalogue of thirty
exercises costs one widget to mount.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.color import Color
from textual.renderables.sparkline import Sparkline
from textual.widgets import DataTable

from trainer.core.catalogue.words import describe_dosage
from trainer.core.stats.figures import ExerciseStats

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

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "exercise-table--spark-min",
        "exercise-table--spark-max",
    }
    DEFAULT_CSS = """
    ExerciseTable > .exercise-table--spark-max {
        color: $primary;
    }
    ExerciseTable > .exercise-table--spark-min {
        color: $primary 40%;
    }
    """

    def __init__(self, exercises: Sequence[ExerciseStats], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.exercises = {exercise.exercise_id: exercise for exercise in exercises}

    def on_mount(self) -> None:
        low = self._colour("exercise-table--spark-min")
        high = self._colour("exercise-table--spark-max")
        self.add_column("Exercise", width=NAME_WIDTH)
        self.add_column("Today", width=NOW_WIDTH)
        self.add_column("By week", width=TREND_WIDTH)
        self.add_column("Latest", width=LATEST_WIDTH)
        for exercise in self.exercises.values():
            now = (
                describe_dosage(exercise.current, exercise.per_side, compact=True)
                if exercise.current
                else ""
            )
            latest = f"{exercise.series[-1]} {exercise.unit}" if exercise.series else ""
            trend = Sparkline(
                list(exercise.series), width=TREND_WIDTH, min_color=low, max_color=high
            )
            self.add_row(
                clipped(exercise.name, NAME_WIDTH),
                clipped(now, NOW_WIDTH),
                trend,
                f"{latest:>{LATEST_WIDTH}}",
                key=exercise.exercise_id,
            )

    def _colour(self, component: str) -> Color:
        colour = self.get_component_rich_style(component).color
        return colour if colour is not None else Color.default()

    def exercise_for(self, row_key: object) -> ExerciseStats | None:
        value = getattr(row_key, "value", row_key)
        return self.exercises.get(value) if isinstance(value, str) else None
