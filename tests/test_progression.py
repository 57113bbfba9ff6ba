"""Progression rules: the articles' ladders, the step back after pain, "too hard" or a
break, and the promise that load never passes a ceiling or drops below the start."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from catalogue_factory import catalogue, exercise
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.actions import catch_up
from trainer.core.catalogue.model import Dosage, Exercise, Level
from trainer.core.plan.progression import (
    after_break,
    after_session,
    describe,
    ladder,
    load_key,
    starting_progress,
)
from trainer.core.plan.tailoring import start_dosage
from trainer.core.records import ExerciseProgress, ExerciseRecord, PainKind, SetRecord
from trainer.core.store.protocol import MemoryStore

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TODAY = WHEN.date()


def move(
    exercise_id: str = "pelvic-tilt",
    *,
    reps: int = 5,
    max_reps: int = 30,
    sets: int = 1,
    max_sets: int = 1,
    kind: str = "stability",
    harder: str | None = None,
    easier: str | None = None,
) -> Exercise:
    base = exercise(exercise_id, kind=kind, reps=reps, sets=sets)  # type: ignore[arg-type]
    return replace(base, max_reps=max_reps, max_sets=max_sets, harder=harder, easier=easier)


def hold(
    exercise_id: str = "front-plank",
    *,
    hold_s: int = 10,
    max_hold_s: int = 60,
    reps: int = 1,
    max_reps: int = 1,
    sets: int = 1,
    max_sets: int = 3,
) -> Exercise:
    base = exercise(exercise_id, kind="stability", hold_s=hold_s, reps=reps, sets=sets)
    return replace(base, max_hold_s=max_hold_s, max_reps=max_reps, max_sets=max_sets)


PELVIC_TILT = move()
PLANK = hold()
SUPERMAN = move("superman", kind="strength", reps=12, max_reps=16, max_sets=3)
BRIDGE = move("bridge", reps=5, max_reps=30, harder="single-leg-bridge", easier="floor-bridge")
KNEE = hold("knee-to-chest", hold_s=5, max_hold_s=10, reps=3, max_reps=5, max_sets=2)
NAMES = {"single-leg-bridge": "Single-leg bridge", "floor-bridge": "Floor bridge"}


def at(
    ex: Exercise, dosage: tuple[int, int, int], in_a_row: int = 0, offered: str | None = None
) -> ExerciseProgress:
    sets, reps, hold_s = dosage
    return ExerciseProgress(ex.id, hold_s, reps, sets, 30, in_a_row, date(2026, 11, 19), offered)


def session(
    ex: Exercise,
    progress: ExerciseProgress | None,
    *,
    full: bool = True,
    pain: PainKind | None = None,
    too_easy: bool = False,
    too_hard: bool = False,
    skipped: bool = False,
    level: Level = "beginner",
) -> ExerciseRecord:
    prescribed = (
        Dosage(progress.hold_s, progress.reps, progress.sets, progress.rest_s)
        if progress
        else start_dosage(ex, level)
    )
    record = ExerciseRecord(
        ex.id,
        prescribed,
        per_side=False,
        skipped=skipped,
        too_easy=too_easy,
        too_hard=too_hard,
        pain_stop=pain,
    )
    if not skipped:
        sets = prescribed.sets if full else max(prescribed.sets - 1, 0)
        done = prescribed.reps if full or prescribed.sets > 1 else prescribed.reps - 1
        for number in range(1, sets + 1):
            record.sets.append(
                SetRecord(
                    number, None, done, prescribed.reps, float(prescribed.hold_s * done), WHEN
                )
            )
        if not sets and not full:
            record.sets.append(SetRecord(1, None, 0, prescribed.reps, 0.0, WHEN))
    return record


def key(progress: ExerciseProgress | None) -> tuple[int, int, int] | None:
    return None if progress is None else (progress.sets, progress.reps, progress.hold_s)


# (exercise, where it stands, what happened, where it ends, in a row after, reason)
CASES = [
    pytest.param(
        PELVIC_TILT,
        at(PELVIC_TILT, (1, 5, 0)),
        {},
        (1, 5, 0),
        1,
        None,
        id="one full session is not enough",
    ),
    pytest.param(
        PELVIC_TILT,
        at(PELVIC_TILT, (1, 5, 0), 1),
        {},
        (1, 7, 0),
        0,
        "Pelvic tilt: 5 → 7 reps — the last two sessions were done in full without pain",
        id="two full sessions add two reps",
    ),
    pytest.param(
        PELVIC_TILT,
        at(PELVIC_TILT, (1, 29, 0), 1),
        {},
        (1, 30, 0),
        0,
        "Pelvic tilt: 29 → 30 reps",
        id="one rep when that reaches 30",
    ),
    pytest.param(
        PELVIC_TILT,
        at(PELVIC_TILT, (1, 30, 0), 1),
        {},
        (1, 30, 0),
        2,
        None,
        id="at the ceiling, nothing to offer",
    ),
    pytest.param(
        BRIDGE,
        at(BRIDGE, (1, 30, 0), 1),
        {},
        (1, 30, 0),
        2,
        "Bridge: at the top of its range — Single-leg bridge is ready to try",
        id="at the ceiling the harder variant is offered",
    ),
    pytest.param(
        BRIDGE,
        at(BRIDGE, (1, 30, 0), 1, "single-leg-bridge"),
        {},
        (1, 30, 0),
        2,
        None,
        id="the offer is made once",
    ),
    pytest.param(
        PLANK,
        at(PLANK, (1, 1, 10), 1),
        {},
        (1, 1, 12),
        0,
        "Front plank: 10 → 12 s hold",
        id="a short hold adds two seconds",
    ),
    pytest.param(
        PLANK,
        at(PLANK, (1, 1, 20), 1),
        {},
        (1, 1, 25),
        0,
        "Front plank: 20 → 25 s hold",
        id="a longer hold adds five",
    ),
    pytest.param(
        PLANK,
        at(PLANK, (1, 1, 60), 1),
        {},
        (2, 1, 60),
        0,
        "Front plank: 1 × 1 → 2 × 1 reps",
        id="at the longest hold, a set",
    ),
    pytest.param(
        KNEE,
        at(KNEE, (1, 3, 10), 1),
        {},
        (1, 4, 10),
        0,
        "Knee to chest: 3 → 4 reps",
        id="a hold at its longest adds a rep",
    ),
    pytest.param(
        SUPERMAN,
        at(SUPERMAN, (1, 12, 0), 1),
        {},
        (1, 14, 0),
        0,
        "Superman: 12 → 14 reps",
        id="strength: 12 to 16 in one set",
    ),
    pytest.param(
        SUPERMAN,
        at(SUPERMAN, (1, 16, 0), 1),
        {},
        (2, 8, 0),
        0,
        "Superman: 1 × 16 → 2 × 8 reps",
        id="strength: a second set of 8",
    ),
    pytest.param(
        SUPERMAN,
        at(SUPERMAN, (2, 12, 0), 1),
        {},
        (3, 8, 0),
        0,
        "Superman: 2 × 12 → 3 × 8 reps",
        id="strength: a third set of 8",
    ),
    pytest.param(
        SUPERMAN,
        at(SUPERMAN, (3, 12, 0), 1),
        {},
        (3, 12, 0),
        2,
        None,
        id="strength: 3 x 12 is the top",
    ),
    pytest.param(
        PELVIC_TILT,
        at(PELVIC_TILT, (1, 9, 0), 1),
        {"pain": "sharp"},
        (1, 7, 0),
        0,
        "Pelvic tilt: 9 → 7 reps — you stopped it for pain",
        id="a pain stop steps back",
    ),
    pytest.param(
        PELVIC_TILT,
        at(PELVIC_TILT, (1, 5, 0), 1),
        {"pain": "radiating"},
        (1, 5, 0),
        0,
        None,
        id="never below the start",
    ),
    pytest.param(
        SUPERMAN,
        at(SUPERMAN, (2, 8, 0), 1),
        {"too_hard": True},
        (1, 16, 0),
        0,
        "Superman: 2 × 8 → 1 × 16 reps — you marked it too hard",
        id="too hard steps back",
    ),
    pytest.param(
        BRIDGE,
        at(BRIDGE, (1, 5, 0)),
        {"too_hard": True},
        (1, 5, 0),
        0,
        "Bridge: already at its easiest and marked too hard — Floor bridge may suit better",
        id="too hard at the start offers the easier variant",
    ),
    pytest.param(
        BRIDGE,
        at(BRIDGE, (1, 5, 0)),
        {"pain": "sharp"},
        (1, 5, 0),
        0,
        None,
        id="a pain stop offers no variant",
    ),
    pytest.param(
        PELVIC_TILT,
        at(PELVIC_TILT, (1, 5, 0)),
        {"too_easy": True},
        (1, 7, 0),
        0,
        "Pelvic tilt: 5 → 7 reps — you marked it too easy",
        id="too easy at once",
    ),
    pytest.param(
        PELVIC_TILT,
        at(PELVIC_TILT, (1, 9, 0), 1),
        {"too_easy": True, "pain": "sharp"},
        (1, 7, 0),
        0,
        "you stopped it for pain",
        id="pain outweighs too easy",
    ),
    pytest.param(
        PELVIC_TILT,
        at(PELVIC_TILT, (1, 9, 0), 1),
        {"full": False},
        (1, 9, 0),
        0,
        None,
        id="not in full: no step, the count starts again",
    ),
    pytest.param(
        PELVIC_TILT,
        at(PELVIC_TILT, (1, 9, 0), 1),
        {"skipped": True},
        (1, 9, 0),
        1,
        None,
        id="skipped counts neither way",
    ),
]


@pytest.mark.parametrize(("ex", "before", "marks", "expected", "in_a_row", "reason"), CASES)
def test_the_rules(
    ex: Exercise,
    before: ExerciseProgress,
    marks: dict[str, object],
    expected: tuple[int, int, int],
    in_a_row: int,
    reason: str | None,
) -> None:
    record = session(ex, before, **marks)  # type: ignore[arg-type]
    after, change = after_session(ex, "beginner", before, record, WHEN, NAMES)
    assert after is not None
    assert key(after) == expected
    assert after.full_in_a_row == in_a_row
    if reason is None:
        assert change is None
    else:
        assert change is not None and reason in change.reason
        assert change.exercise_id == ex.id and change.when == WHEN
        assert change.after == Dosage(after.hold_s, after.reps, after.sets, after.rest_s)


def test_a_first_session_starts_from_the_floor() -> None:
    record = session(SUPERMAN, None, level="intermediate")
    after, change = after_session(SUPERMAN, "intermediate", None, record, WHEN)
    assert change is None
    assert after is not None
    assert key(after) == (2, 12, 0)  # start_dosage: 2-3 sets of 8-12
    assert after.full_in_a_row == 1 and after.last_done == TODAY


def test_an_exercise_the_session_never_reached_does_not_count() -> None:
    before = at(PELVIC_TILT, (1, 9, 0), 1)
    record = ExerciseRecord(PELVIC_TILT.id, Dosage(0, 9, 1, 30), per_side=False)
    assert after_session(PELVIC_TILT, "beginner", before, record, WHEN) == (before, None)


def test_the_strength_ladder_follows_the_articles() -> None:
    superman = move("superman", kind="strength", reps=12, max_reps=20, max_sets=3)
    rungs = [(d.sets, d.reps) for d in ladder(superman, start_dosage(superman, "beginner"))]
    assert rungs == [(1, 12), (1, 14), (1, 16), (2, 8), (2, 10), (2, 12), (3, 8), (3, 10), (3, 12)]


def test_describe_says_what_moved() -> None:
    assert describe(PLANK, Dosage(10, 1, 1, 30), Dosage(12, 1, 1, 30)) == (
        "Front plank: 10 → 12 s hold"
    )


# --------------------------------------------------------------------------- breaks


def test_a_break_of_more_than_two_weeks_eases_back_once() -> None:
    progress = replace(at(PELVIC_TILT, (1, 9, 0), 1), last_done=TODAY - timedelta(days=15))
    result = after_break(PELVIC_TILT, "beginner", progress, TODAY, WHEN)
    assert result is not None
    eased, change = result
    assert key(eased) == (1, 7, 0) and eased.full_in_a_row == 0
    assert change is not None and change.reason == (
        "Pelvic tilt: 9 → 7 reps — 15 days since you last did it, so it eases back one step"
    )
    assert after_break(PELVIC_TILT, "beginner", eased, TODAY + timedelta(days=3), WHEN) is None


def test_two_weeks_exactly_is_not_a_break() -> None:
    progress = replace(at(PELVIC_TILT, (1, 9, 0)), last_done=TODAY - timedelta(days=14))
    assert after_break(PELVIC_TILT, "beginner", progress, TODAY, WHEN) is None


def test_catch_up_saves_each_step_back_with_its_reason() -> None:
    cat = catalogue()
    store = MemoryStore()
    long_ago = TODAY - timedelta(days=30)
    store.save_progress(ExerciseProgress("cat-cow", 0, 9, 1, 30, 1, long_ago), None)
    store.save_progress(ExerciseProgress("gone-from-catalogue", 0, 9, 1, 30, 1, long_ago), None)
    store.save_progress(ExerciseProgress("bridge", 0, 12, 2, 30, 1, TODAY), None)
    changes = catch_up(cat, store, WHEN)
    assert [(c.exercise_id, c.after.reps) for c in changes] == [("cat-cow", 7)]
    assert store.changes() == changes
    assert store.progress()["cat-cow"].reps == 7
    assert catch_up(cat, store, WHEN) == []  # the same break eases only once


def test_catch_up_writes_nothing_on_a_read_only_store() -> None:
    store = MemoryStore(read_only_reason="another trainer")
    store._progress["cat-cow"] = ExerciseProgress(
        "cat-cow", 0, 9, 1, 30, 1, TODAY - timedelta(days=30)
    )
    assert catch_up(catalogue(), store, TODAY) == []


# --------------------------------------------------------------------------- properties


@st.composite
def exercises(draw: st.DrawFn) -> Exercise:
    kind = draw(st.sampled_from(["stretch", "stability", "strength"]))
    hold_s = draw(st.sampled_from([0, 0, 5, 10, 20, 45]))
    reps = draw(st.integers(1, 30))
    sets = draw(st.integers(1, 3))
    base = exercise("ex", kind=kind, hold_s=hold_s, reps=reps, sets=sets)
    return replace(
        base,
        max_hold_s=hold_s + (draw(st.integers(0, 120)) if hold_s else 0),
        max_reps=reps + draw(st.integers(0, 40)),
        max_sets=sets + draw(st.integers(0, 4)),
        harder=draw(st.none() | st.just("harder-one")),
        easier=draw(st.none() | st.just("easier-one")),
    )


outcomes = st.fixed_dictionaries(
    {},
    optional={
        "full": st.booleans(),
        "pain": st.sampled_from(["sharp", "radiating", "other"]),
        "too_easy": st.booleans(),
        "too_hard": st.booleans(),
        "skipped": st.booleans(),
    },
)


@settings(max_examples=300, deadline=None)
@given(
    ex=exercises(),
    level=st.sampled_from(["beginner", "intermediate", "advanced"]),
    history=st.lists(outcomes | st.integers(15, 60), max_size=40),
)
def test_load_stays_between_the_start_and_the_ceilings(
    ex: Exercise, level: Level, history: list[dict[str, object] | int]
) -> None:
    floor = start_dosage(ex, level)
    progress: ExerciseProgress | None = None
    today = TODAY
    for event in history:
        before = progress or starting_progress(ex, level)
        if isinstance(event, int):  # a break of that many days
            today += timedelta(days=event)
            result = after_break(ex, level, before, today, WHEN) if progress else None
            if result is not None:
                progress, _ = result
                assert load_key(_dosage(progress)) <= load_key(_dosage(before))
            continue
        today += timedelta(days=1)
        record = session(ex, progress, level=level, **event)  # type: ignore[arg-type]
        when = datetime.combine(today, WHEN.timetz())
        progress, change = after_session(ex, level, progress, record, when)
        assert progress is not None or event.get("skipped")
        if progress is None:
            continue
        after = _dosage(progress)
        assert after.reps <= max(ex.max_reps, floor.reps)
        assert after.hold_s <= max(ex.max_hold_s, floor.hold_s)
        assert after.sets <= max(ex.max_sets, floor.sets)
        assert load_key(after) >= load_key(floor)
        if event.get("pain") or event.get("too_hard"):
            assert load_key(after) <= load_key(_dosage(before))
        if change is not None:
            assert change.before == _dosage(before) and change.after == after
            if change.before != change.after:
                assert ex.name in change.reason and "—" in change.reason


def _dosage(progress: ExerciseProgress) -> Dosage:
    return Dosage(progress.hold_s, progress.reps, progress.sets, progress.rest_s)


@settings(max_examples=200, deadline=None)
@given(ex=exercises(), level=st.sampled_from(["beginner", "intermediate", "advanced"]))
def test_every_ladder_climbs_one_way_from_the_start_to_within_the_ceilings(
    ex: Exercise, level: Level
) -> None:
    floor = start_dosage(ex, level)
    rungs = ladder(ex, floor)
    assert rungs[0] == floor
    assert all(load_key(a) < load_key(b) for a, b in itertools.pairwise(rungs))
    for rung in rungs[1:]:
        assert rung.reps <= ex.max_reps and rung.hold_s <= ex.max_hold_s
        assert rung.sets <= ex.max_sets


# --------------------------------------------------------------------------- positions


def positions_exercise(*holds: tuple[int, int], reps: int = 5, max_reps: int = 30) -> Exercise:
    """An exercise whose rep is positions of (start hold, ceiling) each."""
    from trainer.core.catalogue.model import RepPosition

    positions = tuple(RepPosition(f"position {n}", h, m) for n, (h, m) in enumerate(holds, 1))
    base = exercise("flexibility", hold_s=sum(h for h, _ in holds), reps=reps)
    return replace(
        base,
        positions=positions,
        max_hold_s=sum(m for _, m in holds),
        max_reps=max_reps,
        max_sets=1,
    )


def test_a_rep_of_positions_with_fixed_holds_progresses_by_reps_only() -> None:
    """The lower back flexibility exercise: 5 s + 5 s, "from about 5 repetitions up to 30"."""
    flexibility = positions_exercise((5, 5), (5, 5))
    rungs = ladder(flexibility, flexibility.dosage)
    assert {rung.hold_s for rung in rungs} == {10}
    assert [rung.reps for rung in rungs][:3] == [5, 6, 7] and rungs[-1].reps == 30


@given(total=st.integers(min_value=0, max_value=40))
def test_each_position_grows_by_turns_within_its_own_ceiling(total: int) -> None:
    flexibility = positions_exercise((5, 8), (3, 10))
    holds = flexibility.position_holds(total)
    assert holds[0] >= 5 and holds[1] >= 3  # never below its start
    assert holds[0] <= 8 and holds[1] <= 10  # never past its ceiling
    assert sum(holds) == min(max(total, 8), 18)  # the rep's hold, shared out whole
    assert abs((holds[0] - 5) - (holds[1] - 3)) <= 1 or holds[0] == 8  # by turns


def test_the_climb_of_a_held_rep_of_positions_reaches_every_positions_ceiling() -> None:
    flexibility = positions_exercise((5, 8), (5, 8), max_reps=5)
    top = ladder(flexibility, flexibility.dosage)[-1]
    assert flexibility.position_holds(top.hold_s) == (8, 8)


def test_the_after_block_rises_with_the_sided_reps_within_its_ceiling() -> None:
    from trainer.core.catalogue.model import AfterBlock

    knee = replace(
        exercise("knee-to-chest", hold_s=5, reps=2, per_side=True),
        after=AfterBlock("Both knees together", 5, 2, 5, 3),
    )
    assert knee.after_numbers(Dosage(5, 2, 1, 60)) == (2, 5)
    assert knee.after_numbers(Dosage(7, 3, 1, 60)) == (3, 5)  # "2 to 3 times"; hold fixed
    assert knee.after_numbers(Dosage(10, 5, 2, 60)) == (3, 5)


def test_a_kept_hold_is_brought_within_an_exercise_whose_hold_changed() -> None:
    """Standing lumbar extension was a moving rep and is now held: progress kept from before
    (hold 0) is timed with the new hold, not as a moving rep."""
    from catalogue_factory import screening

    from trainer.core.catalogue.model import Plan
    from trainer.core.plan.tailoring import tailor

    held = replace(exercise("standing", kind="strength", hold_s=3, reps=12), max_hold_s=3)
    plan = Plan("back", "Back", "For tests.", "twice-weekly", 5, ("standing",))
    cat = catalogue([held], [plan])
    kept = ExerciseProgress("standing", hold_s=0, reps=14, sets=1, rest_s=30)
    [today] = tailor(cat, plan, screening(), {"standing": kept}, date(2026, 11, 20)).exercises
    assert (today.dosage.hold_s, today.dosage.reps) == (3, 14)
