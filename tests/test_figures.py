"""Figures that match what will happen: a plan's length comes from today's dosage, and the
session counts down from the very figure the plans screen showed."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from session_plans import planned, tailored, two_exercise_plan
from support.demo import demo_clock

from trainer.core.catalogue.model import Dosage
from trainer.core.plan.tailoring import LEVEL_CHOICES, LEVEL_NOTES, LEVEL_WORDS
from trainer.core.session.machine import (
    SessionMachine,
    Timing,
    changes_position,
    plan_seconds,
    planned_seconds,
)
from trainer.core.session.view import Phase, empty_view
from trainer.core.stats.figures import ExerciseStats
from trainer.core.stats.text import (
    ZERO_MARK,
    column_rows,
    nice_minutes,
    nice_top,
    on_weeks,
    scale_line,
    week_axis,
)
from trainer.ui.screens.session import reps_text
from trainer.ui.widgets.exercise_table import ExerciseTable


def test_a_plan_lasts_the_sum_of_its_exercises() -> None:
    """Each with its get-ready, the longer one where the position changes (the first)."""
    plan = two_exercise_plan()
    assert plan_seconds(plan) == sum(
        planned_seconds(p, Timing(), position_change=changes_position(plan.exercises, i))
        for i, p in enumerate(plan.exercises)
    )


def test_the_session_counts_down_from_the_plans_figure() -> None:
    plan = two_exercise_plan()
    machine = SessionMachine.start(plan, demo_clock())
    assert machine.view().session_remaining_s == plan_seconds(plan)


def test_a_session_run_faster_still_shows_the_plans_nominal_length() -> None:
    plan = two_exercise_plan()
    machine = SessionMachine.start(plan, demo_clock(), timing=Timing(speed=20))
    assert machine.view().session_remaining_s == plan_seconds(plan)


@given(
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=1, max_value=5),
    st.booleans(),
)
def test_a_bigger_dose_never_makes_a_shorter_plan(
    hold_s: int, reps: int, sets: int, per_side: bool
) -> None:
    """30 reps of 10 s cannot be quoted as the 6 minutes of the starting dose."""
    small = tailored(planned("bridge", hold_s=hold_s, reps=reps, sets=sets, per_side=per_side))
    more_reps = tailored(
        planned("bridge", hold_s=hold_s, reps=reps + 1, sets=sets, per_side=per_side)
    )
    more_sets = tailored(
        planned("bridge", hold_s=hold_s, reps=reps, sets=sets + 1, per_side=per_side)
    )
    longer = tailored(planned("bridge", hold_s=hold_s + 1, reps=reps, sets=sets, per_side=per_side))
    # A longer hold only compares with a hold: hold 0 is a moving rep, paced by the person.
    for bigger in (more_reps, more_sets, *([longer] if hold_s else [])):
        assert plan_seconds(bigger) > plan_seconds(small)


def test_the_remember_notes_speak_of_the_level_not_a_dosage() -> None:
    """The plans' "Remember" box quoted "1-2 sets of 12-16 reps" beside a plan giving
    5 reps of a hold: a note names the level chosen and leaves the dosage to the preview."""
    for level, note in LEVEL_NOTES.items():
        assert LEVEL_WORDS[level] in note
        assert not re.search(r"\d+-\d+ (sets|reps)", note), note
    assert len(set(LEVEL_NOTES.values())) == len(LEVEL_NOTES)
    assert len(set(LEVEL_CHOICES.values())) == len(LEVEL_CHOICES)


# --------------------------------------------------------------------------- charts


def eighths(column: list[str], index: int) -> int:
    """How tall column `index` is drawn, in eighths of a row, from the rows top first."""
    blocks = " ▁▂▃▄▅▆▇█"
    return sum(blocks.index(row[index]) if row[index] in blocks else 0 for row in column)


@given(st.floats(min_value=0.1, max_value=10), st.floats(min_value=0.1, max_value=10))
def test_a_taller_value_is_drawn_taller_on_a_fixed_scale(low: float, high: float) -> None:
    """2.0 and 4.0 were drawn at the same height (each sparkline scaled to its own
    range): on the 0-10 scale a column is its value's share of 10."""
    rows = column_rows([low, high], 10.0, rows=2)
    if high - low >= 10 / 16:  # more than one eighth of a row apart
        assert eighths(rows, 1) > eighths(rows, 0)
    assert abs(eighths(rows, 0) - round(low / 10 * 16)) <= 1


def test_two_and_four_out_of_ten_are_not_alike() -> None:
    rows = column_rows([2.0, 4.0, 10.0], 10.0, rows=2)
    assert (eighths(rows, 0), eighths(rows, 1), eighths(rows, 2)) == (3, 6, 16)


def test_no_figure_is_a_gap_and_zero_is_marked() -> None:
    assert column_rows([None, 0.0, 5.0], 10.0) == [f" {ZERO_MARK}▄"]


def test_every_week_is_on_the_axis_and_a_week_without_a_figure_is_a_gap() -> None:
    monday = date(2026, 11, 16)
    mondays, values = on_weeks([(monday - timedelta(weeks=2), 3.0), (monday, 5.0)], monday, 4)
    assert mondays == [monday - timedelta(weeks=n) for n in (3, 2, 1, 0)]
    assert values == [None, 3.0, None, 5.0]


def test_the_time_axis_names_each_month_over_its_first_week() -> None:
    mondays = [date(2026, 10, 19) + timedelta(weeks=n) for n in range(10)]  # to 21 Dec
    axis = week_axis(mondays, 2)
    assert axis.index("Oct") == 0
    assert axis.index("Nov") == 2 * 2  # 2 Nov is the third week
    assert axis.index("Dec") == 2 * 7  # 30 Nov is in November; 7 Dec begins December


@given(st.floats(min_value=0.01, max_value=100_000))
def test_a_scale_tops_just_above_the_largest_figure(value: float) -> None:
    top = nice_top(value)
    assert value <= top * (1 + 1e-9)
    assert top < value * 1.6


def test_the_scale_line_says_what_a_full_bar_means() -> None:
    line = scale_line(36, "1 h 30 min", "45 min")
    assert line.startswith("0")
    assert line.endswith("1 h 30 min")
    assert len(line) == 36
    assert nice_minutes(80) == 90
    assert nice_minutes(48) == 50


@pytest.mark.parametrize(
    ("phase", "dosage", "words"),
    [
        (Phase.GET_READY, Dosage(20, 1, 1, 30), "1 rep, hold 20 s each"),
        (Phase.GET_READY, Dosage(0, 1, 1, 30), "1 rep, at your own pace"),
        (Phase.REPS, Dosage(0, 1, 1, 30), "0 of 1 rep done"),
        (Phase.GET_READY, Dosage(5, 8, 1, 30), "8 reps, hold 5 s each"),
    ],
)
def test_the_session_never_says_one_reps(phase: Phase, dosage: Dosage, words: str) -> None:
    view = dataclasses.replace(
        empty_view("Side plank"), phase=phase, dosage=dosage, reps_target=dosage.reps
    )
    assert reps_text(view).startswith(words)


def test_the_exercise_table_draws_weeks_on_a_scale_from_zero() -> None:
    """A sparkline scaled min to max drew 10, 10, 11 as a leap; from 0 it is nearly flat,
    and a week not done is a gap on the twelve-week axis."""
    monday = date(2026, 11, 16)
    weeks = (monday - timedelta(weeks=3), monday - timedelta(weeks=2), monday)
    stats = ExerciseStats(
        "bridge",
        "Bridge",
        "strength",
        3,
        None,
        None,
        None,
        None,
        False,
        "",
        "reps",
        weeks,
        (10, 10, 11),
        0,
    )
    cells = ExerciseTable([stats], this_monday=monday).trend_cells(stats)
    assert len(cells) == 12
    assert cells[-4:] == "▇▇ █"
