"""Reps made of positions, the after block and the get-ready by position, under a fake
clock: what the articles describe ("Hold for 5 seconds. Then flatten your back ... Hold for
another 5 seconds"; "2 to 3 times on each leg, and then 2 to 3 times with both knees") is
what the timer does, on the same deadlines, with a bell at each change."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from session_plans import planned, tailored
from support.demo import demo_clock

from trainer.core.catalogue.model import AfterBlock, Dosage, RepPosition
from trainer.core.plan.tailoring import PlannedExercise, TailoredPlan
from trainer.core.records import SessionRecord
from trainer.core.session.clock import FakeClock
from trainer.core.session.machine import SessionMachine, Timing, planned_seconds
from trainer.core.session.view import Bell, Phase
from trainer.core.store.codec import decode_session, encode_session

T0 = 1000.0  # FakeClock's monotonic at elapsed 0
#: One get-ready length throughout, unless a test is about the longer one.
EVEN = Timing(position_change_s=Timing().get_ready_s)


class Run:
    def __init__(self, plan: TailoredPlan, timing: Timing = EVEN) -> None:
        self.clock: FakeClock = demo_clock()
        self.saves: list[SessionRecord] = []
        self.machine = SessionMachine.start(
            plan, self.clock, timing=timing, on_save=lambda r: self.saves.append(copy.deepcopy(r))
        )

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.machine.tick()


def with_positions(
    *holds: tuple[str, int], reps: int = 2, sets: int = 1, exercise_id: str = "flexibility"
) -> PlannedExercise:
    """An exercise whose every rep is the given (cue, hold) positions in turn."""
    base = planned(exercise_id, reps=reps, sets=sets)
    total = sum(hold for _, hold in holds)
    dosage = replace(base.dosage, hold_s=total)
    positions = tuple(RepPosition(cue, hold, hold) for cue, hold in holds)
    exercise = replace(base.exercise, positions=positions, dosage=dosage, max_hold_s=total)
    return PlannedExercise(exercise, dosage)


def with_after_block(reps: int = 2, hold_s: int = 5, block_reps: int = 2) -> PlannedExercise:
    """Knee-to-chest as the articles have it: each leg's reps, then both knees together."""
    base = planned("knee-to-chest", hold_s=hold_s, reps=reps, per_side=True)
    block = AfterBlock("Both knees together", hold_s, block_reps, hold_s, block_reps)
    return PlannedExercise(replace(base.exercise, after=block), base.dosage)


# --------------------------------------------------------------------------- positions


def test_each_position_is_timed_in_turn_with_one_bell_at_each_change() -> None:
    run = Run(tailored(with_positions(("Lower back lifted", 5), ("Back flat", 5))))
    run.advance(5)
    view = run.machine.view()
    assert (view.phase, view.position_cue, view.remaining_s) == (
        Phase.HOLD,
        "Lower back lifted",
        5.0,
    )
    assert view.cue == "Lower back lifted: hold"
    assert view.then == "Back flat 5 s"
    run.machine.drain_bells()
    run.advance(5)
    view = run.machine.view()
    assert (view.phase, view.position_cue, view.remaining_s) == (Phase.HOLD, "Back flat", 5.0)
    assert view.then == "Relax 3 s"
    assert view.reps_done == 0  # still the first rep
    assert run.machine.drain_bells() == [Bell("position", T0 + 10)]
    run.advance(5)
    assert run.machine.phase is Phase.RELAX
    assert run.machine.view().position_cue is None
    assert [b.kind for b in run.machine.drain_bells()] == ["hold-end"]
    run.advance(3 + 10)
    assert run.machine.is_done
    assert [e.phase for e in run.machine.phase_log] == [
        Phase.GET_READY,
        Phase.HOLD,
        Phase.HOLD,
        Phase.RELAX,
        Phase.HOLD,
        Phase.HOLD,
        Phase.DONE,
    ]
    [done] = run.machine.record.exercises[0].sets
    assert (done.reps_done, done.seconds_held) == (2, 20.0)


def test_the_get_ready_says_every_position_of_the_rep() -> None:
    run = Run(tailored(with_positions(("Lower back lifted", 5), ("Back flat", 5), reps=5)))
    assert run.machine.view().then == "Lower back lifted 5 s, then back flat 5 s (rep 1 of 5)"


def test_a_late_tick_crosses_positions_on_their_deadlines() -> None:
    run = Run(tailored(with_positions(("Up", 2), ("Down", 3), reps=2)))
    run.advance(5 + 2 + 3 + 3 + 1)  # one tick, into the second rep's first position
    starts = [(e.phase, e.at - T0) for e in run.machine.phase_log]
    assert starts == [
        (Phase.GET_READY, 0),
        (Phase.HOLD, 5),
        (Phase.HOLD, 7),
        (Phase.RELAX, 10),
        (Phase.HOLD, 13),
    ]
    assert [(b.kind, b.at - T0) for b in run.machine.drain_bells()][-3:] == [
        ("position", 7),
        ("hold-end", 10),
        ("hold-start", 13),
    ]


def test_enter_ends_a_position_early_and_counts_what_was_held() -> None:
    run = Run(tailored(with_positions(("Up", 5), ("Down", 5), reps=1)))
    run.advance(5 + 2)
    run.machine.next()
    assert run.machine.view().position_cue == "Down"
    run.advance(5)
    assert run.machine.is_done
    assert run.machine.record.exercises[0].sets[0].seconds_held == 7.0


def test_moving_positions_move_on_with_a_key_and_count_a_rep_after_the_last() -> None:
    run = Run(tailored(with_positions(("Arch your back up", 0), ("Sag your belly down", 0))))
    run.advance(5)
    view = run.machine.view()
    assert (view.phase, view.position_cue) == (Phase.REPS, "Arch your back up")
    assert view.cue == "Arch your back up: press enter to move on"
    assert view.then == "Sag your belly down"
    run.machine.drain_bells()
    run.machine.next()
    view = run.machine.view()
    assert (view.position_cue, view.reps_done) == ("Sag your belly down", 0)
    assert [b.kind for b in run.machine.drain_bells()] == ["position"]
    run.machine.next()
    view = run.machine.view()
    assert (view.position_cue, view.reps_done) == ("Arch your back up", 1)
    run.machine.next()
    run.machine.next()
    assert run.machine.is_done
    assert run.machine.record.exercises[0].sets[0].reps_done == 2


def test_a_snapshot_mid_rep_resumes_from_the_rep_start_with_what_was_held() -> None:
    plan = tailored(with_positions(("Up", 5), ("Down", 5), reps=2))
    run = Run(plan)
    run.advance(5 + 10 + 3 + 7)  # rep 1 done, rep 2 two seconds into "Down"
    snapshot = run.machine.snapshot()
    [partial] = snapshot.exercises[0].sets
    assert (partial.reps_done, partial.seconds_held) == (1, 17.0)
    clock = demo_clock()
    machine = SessionMachine.resume(plan, snapshot, clock, timing=EVEN)
    clock.advance(5)
    machine.tick()
    view = machine.view()
    assert (view.phase, view.position_cue, view.reps_done) == (Phase.HOLD, "Up", 1)


# --------------------------------------------------------------------------- after block


def test_the_after_block_follows_both_sides_then_the_exercise_ends() -> None:
    run = Run(tailored(with_after_block()))
    run.advance(5 + 5 + 3 + 5)  # left side
    run.advance(5 + 5 + 3 + 5)  # switch, right side
    view = run.machine.view()
    assert (view.phase, view.side, view.cue) == (Phase.SWITCH, None, "Next: both knees together")
    run.advance(5)
    view = run.machine.view()
    assert (view.phase, view.side, view.position_cue, view.reps_target) == (
        Phase.HOLD,
        None,
        "Both knees together",
        2,
    )
    assert view.cue == "Both knees together: hold"
    run.advance(5 + 3 + 5)
    assert run.machine.is_done
    record = run.machine.record.exercises[0]
    assert [(s.side, s.after_block, s.reps_done, s.seconds_held) for s in record.sets] == [
        ("left", False, 2, 10.0),
        ("right", False, 2, 10.0),
        (None, True, 2, 10.0),
    ]
    assert record.done_in_full


def test_the_view_before_the_block_names_it() -> None:
    run = Run(tailored(with_after_block()))
    run.advance(5 + 5 + 3 + 5 + 5 + 5 + 3)  # the last hold on the right
    assert run.machine.view().then == "Both knees together, 2 reps of 5 s"


def test_every_set_has_its_own_after_block() -> None:
    block_plan = with_after_block()
    two_sets = replace(block_plan, dosage=replace(block_plan.dosage, sets=2, rest_s=10))
    run = Run(tailored(two_sets))
    while not run.machine.is_done:
        run.advance(1)
    sets = run.machine.record.exercises[0].sets
    assert [(s.set_number, s.side) for s in sets] == [
        (1, "left"),
        (1, "right"),
        (1, None),
        (2, "left"),
        (2, "right"),
        (2, None),
    ]


def test_resume_in_the_after_block_goes_on_with_the_block() -> None:
    plan = tailored(with_after_block(), planned("bridge", reps=2))
    run = Run(plan)
    run.advance(18 + 18 + 5 + 5 + 3 + 1)  # both sides, one rep of the block, 1 s into the next
    snapshot = run.machine.snapshot()
    clock = demo_clock()
    machine = SessionMachine.resume(plan, snapshot, clock, timing=EVEN)
    view = machine.view()
    assert (view.phase, view.side, view.reps_done, view.reps_target) == (
        Phase.GET_READY,
        None,
        1,
        2,
    )
    clock.advance(5 + 5)
    machine.tick()
    assert machine.view().name == "Bridge"
    sets = snapshot.exercises[0].sets
    assert [(s.side, s.after_block, s.reps_done) for s in sets] == [
        ("left", False, 2),
        ("right", False, 2),
        (None, True, 2),
    ]


def test_after_block_sets_survive_the_state_file() -> None:
    run = Run(tailored(with_after_block()))
    while not run.machine.is_done:
        run.advance(2)
    record = run.machine.record
    back = decode_session(encode_session(record), "session")
    assert [s.after_block for s in back.exercises[0].sets] == [False, False, True]
    assert back == record


def test_a_set_written_before_after_blocks_existed_reads_as_a_sided_set() -> None:
    run = Run(tailored(with_after_block()))
    run.advance(18)
    table = encode_session(run.machine.record)
    assert "after" not in table["exercises"][0]["sets_done"][0]  # left out when false
    assert decode_session(table, "session").exercises[0].sets[0].after_block is False


def test_planned_seconds_count_the_positions_and_the_block() -> None:
    timing = Timing()
    flexibility = with_positions(("Up", 5), ("Down", 5), reps=5)
    assert planned_seconds(flexibility, timing) == 5 + 5 * 10 + 4 * 3
    knee = with_after_block()
    # get-ready, each side 5+3+5, a switch, then the block's pause and its 5+3+5.
    assert planned_seconds(knee, timing) == 5 + 2 * 13 + 5 + (5 + 13)
    assert planned_seconds(knee, timing, position_change=True) == 10 + 2 * 13 + 5 + (5 + 13)


# --------------------------------------------------------------------------- get-ready


def at_position(exercise_id: str, position: str) -> PlannedExercise:
    base = planned(exercise_id, hold_s=2, reps=1)
    return replace(base, exercise=replace(base.exercise, position=position))


def test_the_get_ready_is_longer_when_the_position_changes_and_says_why() -> None:
    plan = tailored(
        at_position("first", "lying on your back"),
        at_position("second", "Lying on your  back"),
        at_position("third", "standing"),
    )
    run = Run(plan, Timing())
    view = run.machine.view()
    assert view.remaining_s == 10.0  # the first exercise is a change of position too
    assert view.cue == "Get into position: lying on your back · 10 s to get there (app default)"
    assert view.then == "Hold 2 s (rep 1 of 1)"
    run.advance(10 + 2)
    view = run.machine.view()
    assert (view.name, view.remaining_s) == ("Second", 5.0)  # the same position
    assert view.cue == "Get into position: Lying on your  back"  # as written, without a note
    run.advance(5 + 2)
    view = run.machine.view()
    assert (view.name, view.remaining_s) == ("Third", 10.0)
    assert view.cue == "Get into position: standing · 10 s to get there (app default)"


def test_the_plans_preview_holds_each_position_and_names_the_block() -> None:
    from trainer.core.catalogue.words import describe_exercise_dosage

    flexibility = with_positions(("Lower back lifted", 5), ("Back flat", 5), reps=5)
    assert describe_exercise_dosage(flexibility.exercise, flexibility.dosage) == (
        "5 reps, hold 5 s + 5 s"
    )
    knee = with_after_block()
    assert describe_exercise_dosage(knee.exercise, knee.dosage) == (
        "2 reps each side, hold 5 s, then both knees together: 2 x 5 s"
    )


# --------------------------------------------------------------------------- any order


ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("wait"), st.floats(min_value=0.05, max_value=7.0)),
        st.tuples(st.sampled_from(["enter", "pause", "unpause"]), st.just(0.0)),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(actions=ACTIONS)
def test_whatever_the_keys_sets_come_sides_first_then_the_block_in_order(
    actions: list[tuple[str, float]],
) -> None:
    """However the person presses keys and however late the ticks, every set is written
    left, right, then the block, set after set, and no hold is longer than prescribed."""
    block = with_after_block(reps=2, hold_s=3)
    two_sets = replace(block, dosage=Dosage(hold_s=3, reps=2, sets=2, rest_s=4))
    flexibility = with_positions(("Up", 2), ("Down", 3), reps=2, exercise_id="flex")
    run = Run(tailored(two_sets, flexibility))
    for action, seconds in actions:
        if action == "wait":
            run.advance(seconds)
        elif action == "enter":
            run.machine.next()
        elif action == "pause":
            run.machine.pause()
        else:
            run.machine.unpause()
    run.machine.unpause()
    while not run.machine.is_done:
        run.advance(1.5)
    knee, flex = run.machine.record.exercises
    order = [(s.set_number, "after" if s.after_block else s.side) for s in knee.sets]
    assert order == [
        (1, "left"),
        (1, "right"),
        (1, "after"),
        (2, "left"),
        (2, "right"),
        (2, "after"),
    ]
    for done in knee.sets:
        assert done.seconds_held <= done.reps_done * 3 + 1e-9
    assert all(s.seconds_held <= s.reps_done * 5 + 5 + 1e-9 for s in flex.sets)
    assert run.machine.record.ended is not None
    assert run.machine.record.ended >= datetime(2000, 1, 1, tzinfo=UTC)


def test_the_cue_offers_m_only_where_the_trainer_may_count() -> None:
    """Cat-cow's positions are moved on by the person: no "or m" hint, as no m key."""
    from dataclasses import replace

    from trainer.core.session.view import Phase, empty_view
    from trainer.ui.screens.session import cue_text

    reps = replace(empty_view("x"), phase=Phase.REPS, cue="Press enter after each rep")
    assert "or m" in cue_text(reps)
    arch = replace(reps, cue="Arch your back up: press enter to move on", position_cue="Arch")
    assert "or m" not in cue_text(arch)
