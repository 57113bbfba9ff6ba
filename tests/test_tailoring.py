"""Tailoring a plan to one person, and the day's suggestion from the weekly shape."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from catalogue_factory import QUESTIONS, catalogue, exercise, screening
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.catalogue import equipment
from trainer.core.catalogue.model import EQUIPMENT, Dosage, Plan
from trainer.core.plan.tailoring import (
    EMPTY_PLAN_NOTE,
    LEVEL_NOTES,
    plan_equipment,
    screened_out,
    start_dosage,
    suggestion_since,
    tailor,
    todays_suggestion,
)
from trainer.core.records import ExerciseProgress, ExerciseRecord, SessionRecord, SetRecord

TODAY = date(2026, 11, 20)  # a Friday
CATALOGUE = catalogue()
CORE = CATALOGUE.plans["core-strength"]
STRETCHES = CATALOGUE.plans["daily-stretches"]


def kept_ids(tailored):
    return [p.exercise.id for p in tailored.exercises]


def left_out(tailored):
    return {item.exercise_id: item.reason for item in tailored.left_out}


# (level, flags, equipment) -> exercises kept from the core plan, in order.
CASES = [
    ("beginner", (), ("mat",), ["cat-cow", "bridge", "bird-dog", "front-plank"]),
    (
        "intermediate",
        (),
        ("mat",),
        ["cat-cow", "bridge", "bird-dog", "back-extension", "front-plank"],
    ),
    (
        "intermediate",
        (),
        ("exercise-ball",),
        ["cat-cow", "bridge", "bird-dog", "back-extension", "ball-extension", "front-plank"],
    ),
    (
        "advanced",
        (),
        ("bosu", "barbell"),
        ["cat-cow", "bridge", "bird-dog", "back-extension", "ball-extension", "front-plank"],
    ),
    (
        "advanced",
        ("disc",),
        ("bosu", "barbell"),
        ["cat-cow", "bridge", "bird-dog", "ball-extension", "deadlift", "front-plank"],
    ),
    (
        "advanced",
        ("disc", "surgery"),
        ("bosu", "dumbbells"),
        ["cat-cow", "bridge", "bird-dog", "ball-extension", "deadlift"],
    ),
    ("beginner", ("disc",), EQUIPMENT, ["cat-cow", "bridge", "bird-dog", "front-plank"]),
]


@pytest.mark.parametrize(("level", "flags", "have", "expected"), CASES)
def test_tailoring_rules(level, flags, have, expected):
    record = screening(
        "caution" if flags else "clear", flags=flags, level=level, equipment=have, yes=flags
    )
    tailored = tailor(CATALOGUE, CORE, record, {}, TODAY)
    assert kept_ids(tailored) == expected
    assert set(kept_ids(tailored)) | set(left_out(tailored)) == set(CORE.exercises)


def test_a_flag_leaves_out_with_the_question_in_words():
    record = screening("caution", flags=("disc",), yes={"disc"}, level="advanced")
    reasons = left_out(tailor(CATALOGUE, CORE, record, {}, TODAY))
    assert "herniated or bulging discs" in reasons["back-extension"]
    assert "you answered yes" in reasons["back-extension"]


def test_missing_equipment_is_named_with_its_alternatives():
    record = screening(level="advanced", equipment=())
    reasons = left_out(tailor(CATALOGUE, CORE, record, {}, TODAY))
    assert reasons["ball-extension"] == (
        "needs an exercise ball or a BOSU, which is not in your equipment"
    )
    assert "dumbbells or a barbell" in reasons["deadlift"]


@pytest.mark.parametrize("have", [("exercise-ball",), ("bosu",), ("bosu", "exercise-ball")])
def test_either_alternative_will_do(have):
    record = screening(level="intermediate", equipment=have)
    assert "ball-extension" in kept_ids(tailor(CATALOGUE, CORE, record, {}, TODAY))


def test_new_to_exercise_keeps_only_the_first_two_strength_moves_and_says_why():
    tailored = tailor(CATALOGUE, CORE, screening(level="beginner", equipment=EQUIPMENT), {}, TODAY)
    strength = [p.exercise.id for p in tailored.exercises if p.exercise.kind == "strength"]
    assert strength == ["bridge", "bird-dog"]
    reasons = left_out(tailored)
    assert reasons["back-extension"].startswith("new to exercise: at most two strength moves")
    assert "advanced" in reasons["deadlift"]
    assert LEVEL_NOTES["beginner"] in tailored.notes


def test_intermediate_keeps_up_to_four_strength_moves():
    many = [exercise(f"move-{n}", kind="strength") for n in range(6)]
    plan = Plan("six", "Six", "Six moves.", "twice-weekly", 30, tuple(e.id for e in many))
    cat = catalogue(exercises=many, plans=[plan])
    tailored = tailor(cat, plan, screening(level="intermediate"), {}, TODAY)
    assert kept_ids(tailored) == [f"move-{n}" for n in range(4)]
    assert "at most four" in left_out(tailored)["move-5"]
    assert LEVEL_NOTES["intermediate"] in tailored.notes


def test_a_stretch_plan_has_no_strength_note():
    tailored = tailor(CATALOGUE, STRETCHES, screening(), {}, TODAY)
    assert tailored.notes == ()
    assert kept_ids(tailored) == ["knee-to-chest", "cat-cow"]


def test_dosage_comes_from_progress_when_present_else_the_start_rule():
    progress = {"bridge": ExerciseProgress("bridge", hold_s=0, reps=14, sets=2, rest_s=45)}
    tailored = tailor(CATALOGUE, CORE, screening(level="beginner"), progress, TODAY)
    dosages = {p.exercise.id: p.dosage for p in tailored.exercises}
    assert dosages["bridge"] == Dosage(hold_s=0, reps=14, sets=2, rest_s=45)
    bird_dog = CATALOGUE.exercises["bird-dog"]
    assert dosages["bird-dog"] == start_dosage(bird_dog, "beginner")


def test_a_plan_left_empty_says_so():
    plan = Plan("gear", "Gear", "Needs gear.", "daily", 10, ("ball-extension", "deadlift"))
    tailored = tailor(CATALOGUE, plan, screening(equipment=()), {}, TODAY)
    assert tailored.exercises == ()
    assert tailored.notes[0] == EMPTY_PLAN_NOTE
    assert set(left_out(tailored)) == {"ball-extension", "deadlift"}


def test_screened_out_lists_every_flagged_exercise_with_why():
    record = screening("see-clinician", flags=("surgery", "disc"), yes={"surgery", "disc"})
    found = {e.id: why for e, why in screened_out(CATALOGUE, record)}
    assert set(found) == {"back-extension", "front-plank"}
    assert "recent surgery" in found["front-plank"]


def test_plan_equipment_lists_each_entry_once_in_order():
    assert plan_equipment(CATALOGUE, CORE) == ("exercise-ball|bosu", "dumbbells|barbell")


def test_every_equipment_item_has_words():
    for item in EQUIPMENT:
        assert item in equipment.LABELS
        assert item in equipment.SHORT


@given(st.sets(st.sampled_from(EQUIPMENT)), st.sets(st.sampled_from(EQUIPMENT), min_size=1))
def test_an_alternative_is_missing_only_when_none_of_its_options_is_owned(have, options):
    item = "|".join(sorted(options))
    assert bool(equipment.missing([item], have)) == have.isdisjoint(options)


# ---- today's suggestion


def session(day: date, plan_id: str = "core-strength", status="completed") -> SessionRecord:
    started = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
    return SessionRecord(
        id=started.isoformat(),
        plan_id=plan_id,
        started=started,
        ended=started + timedelta(minutes=20),
        status=status,
    )


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.mark.parametrize(
    ("history", "kind"),
    [
        ([], "strength"),
        ([days_ago(0)], "stretching"),  # already today
        ([days_ago(1)], "stretching"),  # yesterday: rest
        ([days_ago(2)], "strength"),  # Wednesday, one full day of rest since
        ([days_ago(4), days_ago(2)], "stretching"),  # Monday and Wednesday: two this week
        ([days_ago(5), days_ago(3)], "strength"),  # last Sunday and this Tuesday: one this week
        ([days_ago(1), days_ago(8)], "stretching"),
    ],
)
def test_suggestion_from_the_weekly_shape(history, kind):
    suggestion = todays_suggestion(CATALOGUE, [session(d) for d in history], TODAY)
    assert suggestion.kind == kind
    expected_plans = ("core-strength",) if kind == "strength" else ("daily-stretches",)
    assert suggestion.plan_ids == expected_plans
    assert suggestion.reason


@given(
    today=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    history=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=40),
            st.sampled_from(["core-strength", "daily-stretches"]),
        ),
        max_size=30,
    ),
)
def test_the_sessions_before_the_window_never_change_the_suggestion(today, history):
    """The plans screen reads only from `suggestion_since`: the rest must not matter."""
    sessions = [session(today - timedelta(days=n), plan) for n, plan in history]
    since = suggestion_since(today)
    assert since <= today - timedelta(days=1)
    assert (today - since).days <= 7
    in_window = [s for s in sessions if s.day >= since]
    assert todays_suggestion(CATALOGUE, in_window, today) == todays_suggestion(
        CATALOGUE, sessions, today
    )


def test_the_week_starts_on_monday():
    monday = date(2026, 11, 16)
    sunday, saturday = monday - timedelta(days=1), monday - timedelta(days=2)
    # Two strength sessions at the weekend belong to last week: Monday may be a strength day.
    assert (
        todays_suggestion(
            CATALOGUE, [session(saturday), session(sunday)], monday + timedelta(days=1)
        ).kind
        == "strength"
    )
    # Sunday's session was yesterday for Monday: rest first.
    assert todays_suggestion(CATALOGUE, [session(sunday)], monday).kind == "stretching"


def test_stretch_sessions_do_not_count_as_strength():
    history = [session(days_ago(0), "daily-stretches"), session(days_ago(1), "daily-stretches")]
    assert todays_suggestion(CATALOGUE, history, TODAY).kind == "strength"


def test_what_was_done_decides_over_the_plan_name():
    only_stretched = session(days_ago(1), status="interrupted")
    only_stretched.exercises.append(
        ExerciseRecord(
            "cat-cow",
            Dosage(0, 5, 1, 30),
            False,
            sets=[SetRecord(1, None, 5, 5, 0.0, only_stretched.started)],
        )
    )
    assert todays_suggestion(CATALOGUE, [only_stretched], TODAY).kind == "strength"
    abandoned_at_once = session(days_ago(1), status="interrupted")
    assert todays_suggestion(CATALOGUE, [abandoned_at_once], TODAY).kind == "strength"


def test_questions_fixture_has_every_outcome():
    assert {q.outcome for q in QUESTIONS} == {"urgent", "see-clinician", "caution"}


@given(
    level=st.sampled_from(["beginner", "intermediate", "advanced"]),
    flags=st.sets(st.sampled_from(["disc", "surgery"])),
    have=st.sets(st.sampled_from(EQUIPMENT)),
)
def test_every_tailored_plan_keeps_the_rules(level, flags, have):
    record = screening(
        "caution", flags=sorted(flags), level=level, equipment=sorted(have), yes=flags
    )
    tailored = tailor(CATALOGUE, CORE, record, {}, TODAY)
    kept = [p.exercise for p in tailored.exercises]
    # Every exercise is either done or left out with a reason, in plan order.
    assert [e.id for e in kept] == [e for e in CORE.exercises if e not in left_out(tailored)]
    assert all(item.reason for item in tailored.left_out)
    for done in kept:
        assert not set(done.avoid_when) & flags
        assert not equipment.missing(done.equipment, have)
    strength = [e for e in kept if e.kind == "strength"]
    assert len(strength) <= (2 if level == "beginner" else 4)
    if level == "beginner":
        assert all(e.level != "advanced" for e in kept)
