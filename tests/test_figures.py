"""Figures that match what will happen: a plan's length comes from today's dosage, and the
session counts down from the very figure the plans screen showed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from session_plans import planned, tailored, two_exercise_plan
from support.demo import demo_clock

from trainer.core.plan.tailoring import LEVEL_CHOICES, LEVEL_NOTES, LEVEL_WORDS
from trainer.core.session.machine import SessionMachine, Timing, plan_seconds, planned_seconds


def test_a_plan_lasts_the_sum_of_its_exercises() -> None:
    plan = two_exercise_plan()
    assert plan_seconds(plan) == sum(planned_seconds(p, Timing()) for p in plan.exercises)


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
