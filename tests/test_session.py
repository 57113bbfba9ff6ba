"""The session state machine under a fake clock: phases, events, timing, resume, invariants."""

from __future__ import annotations

import copy
import random
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from session_plans import planned, tailored, two_exercise_plan
from support.demo import demo_clock

from trainer.core.plan.tailoring import TailoredPlan
from trainer.core.records import SessionRecord
from trainer.core.session.clock import FakeClock
from trainer.core.session.machine import (
    MIN_PARTIAL_HOLD_S,
    SessionMachine,
    Timing,
    changes_position,
    new_session_id,
    planned_seconds,
)
from trainer.core.session.view import Phase, until_next_second

T0 = 1000.0  # FakeClock's monotonic at elapsed 0

#: Most tests here time one length of get-ready; the longer one before a change of
#: position (and before the first exercise) has tests of its own below.
EVEN = Timing(position_change_s=Timing().get_ready_s)


class Run:
    """A machine, its clock and every record it asked to save."""

    def __init__(
        self, plan: TailoredPlan, timing: Timing | None = None, clock: FakeClock | None = None
    ) -> None:
        self.clock = clock or demo_clock()
        self.saves: list[SessionRecord] = []
        self.machine = SessionMachine.start(
            plan,
            self.clock,
            timing=timing or EVEN,
            on_save=lambda r: self.saves.append(copy.deepcopy(r)),
        )

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.machine.tick()

    @property
    def phase(self) -> Phase:
        return self.machine.phase

    def phases(self) -> list[Phase]:
        return [entry.phase for entry in self.machine.phase_log]


def hold_plan(**kwargs: object) -> TailoredPlan:
    return tailored(planned("plank", **{"hold_s": 10, "reps": 2, **kwargs}))  # type: ignore[arg-type]


# --- every phase transition ---


def test_a_held_exercise_runs_get_ready_hold_relax_hold_then_done() -> None:
    run = Run(hold_plan())
    assert run.phase is Phase.GET_READY
    assert run.machine.view().remaining_s == 5.0
    run.advance(5)
    assert run.phase is Phase.HOLD
    run.advance(10)
    assert run.phase is Phase.RELAX
    assert run.machine.view().reps_done == 1
    run.advance(3)
    assert run.phase is Phase.HOLD
    run.advance(10)
    assert run.phase is Phase.DONE
    assert run.phases() == [Phase.GET_READY, Phase.HOLD, Phase.RELAX, Phase.HOLD, Phase.DONE]
    record = run.machine.record
    assert record.status == "completed"
    assert record.ended == record.started + timedelta(seconds=28)
    [exercise] = record.exercises
    [done] = exercise.sets
    assert (done.reps_done, done.reps_target, done.seconds_held) == (2, 2, 20.0)
    assert exercise.done_in_full


def test_moving_reps_wait_for_a_key_per_rep_then_rest_between_sets() -> None:
    run = Run(tailored(planned("bridge", reps=3, sets=2, rest_s=20)))
    run.advance(5)
    assert run.phase is Phase.REPS
    run.advance(600)  # nobody pressed anything: nothing happens
    assert run.phase is Phase.REPS
    assert run.machine.view().remaining_s is None
    run.machine.next()
    run.machine.next()
    assert run.machine.view().reps_done == 2
    assert run.machine.view().phase_fraction == pytest.approx(2 / 3)
    run.machine.next()
    assert run.phase is Phase.REST
    view = run.machine.view()
    assert (view.set_number, view.remaining_s) == (2, 20.0)
    run.advance(20)
    assert run.phase is Phase.REPS
    for _ in range(3):
        run.machine.next()
    assert run.phase is Phase.DONE
    sets = run.machine.record.exercises[0].sets
    assert [(s.set_number, s.reps_done, s.seconds_held) for s in sets] == [(1, 3, 0.0), (2, 3, 0.0)]


def test_per_side_does_all_of_the_left_then_switches_then_the_right_for_each_set() -> None:
    run = Run(tailored(planned("side-plank", hold_s=5, reps=2, sets=2, rest_s=30, per_side=True)))
    sides_seen = []
    while run.phase is not Phase.DONE:
        view = run.machine.view()
        if view.phase is Phase.HOLD:
            sides_seen.append((view.set_number, view.side, view.reps_done + 1))
        run.advance(0.5)
    in_turn = [
        now for before, now in zip([None, *sides_seen], sides_seen, strict=False) if now != before
    ]
    assert in_turn == [
        (1, "left", 1),
        (1, "left", 2),
        (1, "right", 1),
        (1, "right", 2),
        (2, "left", 1),
        (2, "left", 2),
        (2, "right", 1),
        (2, "right", 2),
    ]
    assert [p for p in run.phases() if p not in (Phase.HOLD, Phase.RELAX)] == [
        Phase.GET_READY,
        Phase.SWITCH,
        Phase.REST,
        Phase.SWITCH,
        Phase.DONE,
    ]
    sets = run.machine.record.exercises[0].sets
    assert [(s.set_number, s.side) for s in sets] == [
        (1, "left"),
        (1, "right"),
        (2, "left"),
        (2, "right"),
    ]


def test_the_view_says_what_comes_next() -> None:
    run = Run(two_exercise_plan())
    assert run.machine.view().then == "Hold 10 s (rep 1 of 2)"
    run.advance(5)
    assert run.machine.view().then == "Relax 3 s"
    run.advance(13)
    assert run.machine.view().then == "Switch to your right side"
    run.advance(10)
    view = run.machine.view()
    assert (view.phase, view.side, view.cue) == (Phase.SWITCH, "right", "Switch to your right side")
    run.advance(5 + 23)
    view = run.machine.view()
    assert view.phase is Phase.GET_READY
    assert view.name == "Bridge"
    assert view.next_exercise is None
    run.advance(5)
    for _ in range(2):
        run.machine.next()
    assert run.machine.view().then == "Rest 20 s, then set 2 of 2"


def test_a_rest_of_zero_seconds_goes_straight_on() -> None:
    run = Run(tailored(planned("curl", reps=1, sets=2, rest_s=0)))
    run.advance(5)
    run.machine.next()
    assert run.phase is Phase.REPS
    assert run.machine.view().set_number == 2


def test_one_late_tick_crosses_every_phase_it_missed() -> None:
    run = Run(tailored(planned("a", hold_s=5, reps=3), planned("b", hold_s=5, reps=1)))
    run.advance(10_000)
    assert run.phase is Phase.DONE
    assert run.machine.record.ended == run.machine.record.started + timedelta(seconds=5 + 21 + 10)


# --- pause ---


def test_pause_never_consumes_hold_time() -> None:
    run = Run(hold_plan(reps=1))
    run.advance(5 + 4)
    assert run.machine.pause()
    run.advance(500)
    view = run.machine.view()
    assert view.paused
    assert view.remaining_s == 6.0
    assert view.phase_fraction == pytest.approx(0.4)
    assert run.machine.next()  # enter while paused only goes on
    assert run.phase is Phase.HOLD
    run.advance(5.999)
    assert run.phase is Phase.HOLD
    run.advance(0.001)
    assert run.phase is Phase.DONE
    assert run.machine.record.exercises[0].sets[0].seconds_held == 10.0


@pytest.mark.parametrize("phase", [Phase.GET_READY, Phase.RELAX, Phase.SWITCH, Phase.REST])
def test_pause_holds_every_countdown_still(phase: Phase) -> None:
    run = Run(tailored(planned("a", hold_s=4, reps=2, sets=2, rest_s=20, per_side=True)))
    while run.phase is not phase:
        run.advance(0.5)
    before = run.machine.view().remaining_s
    run.machine.toggle_pause()
    run.advance(1000)
    assert run.phase is phase
    assert run.machine.view().remaining_s == before
    run.machine.toggle_pause()
    assert not run.machine.paused


def test_pause_is_refused_when_nothing_can_pause() -> None:
    run = Run(hold_plan())
    run.machine.pain_stop()
    assert not run.machine.pause()
    run.machine.end()
    assert not run.machine.pause()


# --- skip and back at every phase ---

ALL_PHASES = [Phase.GET_READY, Phase.HOLD, Phase.RELAX, Phase.SWITCH, Phase.REST, Phase.REPS]


def reach(run: Run, phase: Phase, exercise_index: int = 1) -> None:
    """Drives a three-exercise plan to `phase` in its middle exercise."""
    for _ in range(10_000):
        if run.machine.exercise_index == exercise_index and run.phase is phase:
            return
        if run.phase is Phase.REPS:
            run.machine.next()
        else:
            run.advance(0.5)
    raise AssertionError(f"never reached {phase}")


def three_exercises(phase: Phase) -> TailoredPlan:
    middle = (
        planned("middle", reps=2, sets=2, rest_s=10)
        if phase is Phase.REPS
        else planned("middle", hold_s=4, reps=2, sets=2, rest_s=10, per_side=True)
    )
    return tailored(planned("first", hold_s=3, reps=1), middle, planned("last", reps=2))


@pytest.mark.parametrize("phase", ALL_PHASES)
def test_skip_leaves_the_exercise_marked_skipped_at_every_phase(phase: Phase) -> None:
    run = Run(three_exercises(phase))
    reach(run, phase)
    run.machine.pause()  # skipping also works while paused
    assert run.machine.skip()
    view = run.machine.view()
    assert (view.phase, view.exercise_index, view.paused) == (Phase.GET_READY, 2, False)
    middle = run.machine.record.exercises[1]
    assert middle.skipped and not middle.done_in_full
    assert run.saves[-1].exercises[1].skipped


@pytest.mark.parametrize("phase", ALL_PHASES)
def test_back_returns_to_the_previous_exercise_from_scratch_at_every_phase(phase: Phase) -> None:
    run = Run(three_exercises(phase))
    reach(run, phase)
    if phase is Phase.HOLD:
        run.advance(2)  # enough of a hold to be worth keeping
    elif phase is Phase.REPS:
        run.machine.next()
    assert run.machine.back()
    view = run.machine.view()
    assert (view.phase, view.exercise_index, view.set_number, view.reps_done) == (
        Phase.GET_READY,
        0,
        1,
        0,
    )
    first = run.machine.record.exercises[0]
    assert first.sets == [] and not first.skipped
    middle = [r for r in run.machine.record.exercises if r.exercise_id == "middle"]
    if phase is Phase.GET_READY:
        assert middle == []  # nothing was done in it: no record
    else:
        assert middle[0].skipped


def test_back_on_the_first_exercise_starts_it_over() -> None:
    run = Run(hold_plan(reps=3))
    run.advance(5 + 10 + 1)
    run.machine.back()
    view = run.machine.view()
    assert (view.phase, view.exercise_index, view.reps_done) == (Phase.GET_READY, 0, 0)
    assert run.machine.record.exercises[0].sets == []


def test_skip_and_back_after_a_pain_stop() -> None:
    run = Run(three_exercises(Phase.HOLD))
    reach(run, Phase.HOLD)
    run.machine.pain_stop()
    run.machine.skip()
    assert run.machine.view().exercise_index == 2
    middle = run.machine.record.exercises[1]
    assert middle.pain_stop == "other" and not middle.skipped
    run.machine.back()
    run.machine.back()
    assert run.machine.view().exercise_index == 0
    # Going back through it keeps the pain stop: it is never forgotten.
    assert run.machine.record.exercises[1].pain_stop == "other"


def test_skip_on_the_last_exercise_reaches_the_summary() -> None:
    run = Run(hold_plan())
    run.machine.skip()
    assert run.phase is Phase.DONE
    assert run.machine.record.status == "completed"
    assert run.machine.record.exercises[0].skipped


# --- rest, marks ---


def test_add_rest_lengthens_waits_but_never_a_hold() -> None:
    run = Run(tailored(planned("a", hold_s=5, reps=1, sets=2, rest_s=30)))
    assert run.machine.add_rest()  # get-ready
    assert run.machine.view().remaining_s == 20.0
    run.advance(20)
    assert run.phase is Phase.HOLD
    assert not run.machine.add_rest()
    run.advance(5)
    assert run.phase is Phase.REST
    run.advance(10)
    run.machine.add_rest()
    view = run.machine.view()
    assert view.remaining_s == 35.0
    assert view.phase_fraction == pytest.approx(10 / 45)
    run.advance(34.9)
    assert run.phase is Phase.REST
    run.advance(0.1)
    assert run.phase is Phase.HOLD


def test_too_easy_and_too_hard_toggle_and_exclude_each_other() -> None:
    run = Run(two_exercise_plan())
    run.advance(5)
    marked = run.machine.mark_too_easy()
    assert marked is not None and (marked.name, marked.mark, marked.on) == (
        "Knee to chest",
        "too easy",
        True,
    )
    record = run.machine.record.exercises[0]
    assert record.too_easy and not record.too_hard
    run.machine.mark_too_hard()
    assert record.too_hard and not record.too_easy
    run.machine.mark_too_hard()
    assert not record.too_hard and not record.too_easy
    assert run.saves[-1].exercises[0].too_hard is False


def test_a_mark_during_get_ready_goes_to_the_exercise_just_finished() -> None:
    run = Run(two_exercise_plan())
    run.advance(5 + 23 + 5 + 23)
    assert run.machine.view().name == "Bridge"
    marked = run.machine.mark_too_hard()
    assert marked is not None and marked.name == "Knee to chest"
    assert run.machine.record.exercises[0].too_hard
    assert not run.machine.record.exercises[1].too_hard


# --- pain stop and quit ---


def test_pain_stop_stops_at_once_and_keeps_what_was_done() -> None:
    run = Run(tailored(planned("a", hold_s=10, reps=3), planned("b", reps=2)))
    run.advance(5 + 10 + 3 + 4)  # one rep done, four seconds into the second
    assert run.machine.pain_stop()
    assert run.phase is Phase.PAIN
    assert run.machine.view().remaining_s is None
    record = run.machine.record.exercises[0]
    assert record.pain_stop == "other"  # recorded before any question is answered
    assert run.saves[-1].exercises[0].pain_stop == "other"
    [partial] = record.sets
    assert (partial.reps_done, partial.seconds_held) == (1, 14.0)
    run.advance(600)
    assert run.phase is Phase.PAIN  # waits for the person
    assert run.machine.set_pain_kind("radiating")
    assert record.pain_stop == "radiating"
    assert not record.done_in_full
    assert run.machine.next()
    view = run.machine.view()
    assert (view.phase, view.name) == (Phase.GET_READY, "B")


def test_a_pain_stop_by_mistake_is_undone_and_the_set_goes_on() -> None:
    run = Run(tailored(planned("a", hold_s=10, reps=3), planned("b", reps=2)))
    run.advance(5 + 10 + 3 + 4)  # one rep done, four seconds into the second
    run.machine.pain_stop()
    assert run.machine.undo_pain_stop()
    record = run.machine.record.exercises[0]
    assert record.pain_stop is None
    assert run.saves[-1].exercises[0].pain_stop is None  # the saved state forgets it too
    view = run.machine.view()
    assert (view.phase, view.name, view.reps_done) == (Phase.GET_READY, "A", 1)
    assert not run.machine.undo_pain_stop()  # only straight after the stop
    run.advance(5 + 10 + 3 + 10)  # get ready, then the second and third reps
    assert [s.reps_done for s in record.sets] == [3]
    assert record.done_in_full
    assert run.machine.record.stopped_for_pain == []


def test_a_pain_stop_on_a_finished_set_resumes_at_the_next_one() -> None:
    run = Run(tailored(planned("a", reps=2, sets=2, rest_s=30), planned("b", reps=2)))
    run.advance(5)
    run.machine.next()
    run.machine.next()  # set 1 done: resting
    run.machine.pain_stop()
    run.machine.undo_pain_stop()
    view = run.machine.view()
    assert (view.phase, view.name, view.set_number, view.reps_done) == (Phase.GET_READY, "A", 2, 0)


def test_an_earlier_pain_stop_is_never_undone() -> None:
    run = Run(two_exercise_plan())
    run.advance(6)
    run.machine.pain_stop()
    run.machine.set_pain_kind("sharp")
    run.machine.next()  # on to the second exercise: the stop stands
    run.machine.back()  # and back to the first
    run.machine.pain_stop()
    assert not run.machine.undo_pain_stop()
    assert run.machine.record.exercises[0].pain_stop == "sharp"


def test_ending_after_a_pain_stop_completes_the_session() -> None:
    run = Run(two_exercise_plan())
    run.advance(6)
    run.machine.pain_stop()
    run.machine.set_pain_kind("sharp")
    run.machine.end()
    assert run.phase is Phase.DONE
    assert run.machine.record.status == "completed"
    assert run.machine.record.stopped_for_pain == ["knee-to-chest"]
    assert not run.machine.set_pain_kind("other")


def test_a_pain_kind_is_refused_without_a_pain_stop() -> None:
    run = Run(hold_plan())
    assert not run.machine.set_pain_kind("sharp")
    assert run.machine.record.exercises[0].pain_stop is None


def test_quit_keeps_what_was_done_as_an_interrupted_session() -> None:
    run = Run(two_exercise_plan())
    run.advance(5 + 23 + 5 + 2)  # left side done, two seconds into the right side's hold
    assert run.machine.quit()
    record = run.machine.record
    assert record.status == "interrupted"
    assert record.ended == record.started + timedelta(seconds=35)
    sets = record.exercises[0].sets
    assert [(s.side, s.reps_done, s.seconds_held) for s in sets] == [
        ("left", 2, 20.0),
        ("right", 0, 2.0),
    ]
    assert not run.machine.quit()


def test_quit_during_a_get_ready_leaves_no_empty_record() -> None:
    run = Run(two_exercise_plan())
    run.advance(5 + 23 + 5 + 23 + 1)
    assert run.machine.view().name == "Bridge"
    run.machine.quit()
    assert [r.exercise_id for r in run.machine.record.exercises] == ["knee-to-chest"]


def test_a_hold_left_at_once_writes_no_set() -> None:
    run = Run(hold_plan())
    run.advance(5 + MIN_PARTIAL_HOLD_S / 2)
    run.machine.skip()
    assert run.machine.record.exercises[0].sets == []


# --- saving and bells ---


def test_every_completed_set_is_offered_for_saving_at_once() -> None:
    run = Run(two_exercise_plan())
    run.advance(5 + 23)
    assert len(run.saves) == 1
    assert run.saves[-1].status == "in-progress"
    assert [len(r.exercises[0].sets) for r in run.saves] == [1]
    run.advance(5 + 23)
    assert [len(r.exercises[0].sets) for r in run.saves] == [1, 2]


def test_bells_ring_three_two_one_before_a_hold_and_at_each_start_and_end() -> None:
    run = Run(tailored(planned("a", hold_s=5, reps=2, sets=2, rest_s=10)))
    for _ in range(200):
        run.advance(0.25)
    rings = [(bell.kind, bell.at - T0) for bell in run.machine.drain_bells()]
    assert rings == [
        ("countdown", 2.0),
        ("countdown", 3.0),
        ("countdown", 4.0),  # get-ready 5 s
        ("hold-start", 5.0),
        ("hold-end", 10.0),
        ("countdown", 11.0),
        ("countdown", 12.0),  # relax 3 s
        ("hold-start", 13.0),
        ("hold-end", 18.0),
        ("countdown", 25.0),
        ("countdown", 26.0),
        ("countdown", 27.0),  # rest 10 s
        ("hold-start", 28.0),  # the rest's end is the hold's start: one sound for it
        ("hold-end", 33.0),
        ("countdown", 34.0),
        ("countdown", 35.0),
        ("hold-start", 36.0),
        ("hold-end", 41.0),
    ]
    assert run.machine.drain_bells() == []


def test_short_holds_ring_no_countdown_between_reps() -> None:
    run = Run(tailored(planned("a", hold_s=1, reps=3)))
    run.advance(5)
    run.machine.drain_bells()
    run.advance(1 + 3 + 1 + 3 + 1)
    assert [b.kind for b in run.machine.drain_bells()] == [
        "hold-end",
        "hold-start",
        "hold-end",
        "hold-start",
        "hold-end",
    ]


def test_moving_reps_ring_no_countdown() -> None:
    run = Run(tailored(planned("a", reps=1)))
    run.advance(5)
    assert run.machine.drain_bells() == []


def test_bells_follow_a_pause_and_added_rest() -> None:
    run = Run(hold_plan(reps=1))
    run.advance(1)
    run.machine.pause()
    run.advance(100)
    run.machine.unpause()
    run.machine.add_rest()
    run.advance(18.5)
    assert [b.at - T0 for b in run.machine.drain_bells()] == [117.0, 118.0, 119.0]


# --- timing accuracy ---


def test_a_ten_minute_session_with_jittery_ticks_is_off_by_exactly_zero_ms() -> None:
    """The schedule is computed from deadlines, never accumulated from ticks."""
    plan = tailored(
        planned("knee-to-chest", hold_s=20, reps=3, sets=2, rest_s=30, per_side=True),
        planned("plank", hold_s=30, reps=3, sets=2, rest_s=45),
        planned("bird-dog", hold_s=7, reps=5, sets=1, per_side=True),
    )
    timing = Timing()
    expected_total = sum(
        planned_seconds(p, timing, position_change=changes_position(plan.exercises, i))
        for i, p in enumerate(plan.exercises)
    )
    assert 540 <= expected_total <= 720
    expected = expected_starts(plan, timing)
    run = Run(plan, timing)
    jitter = random.Random(20261120)
    while run.phase is not Phase.DONE:
        run.advance(jitter.uniform(0.001, 0.35))
    actual = [(e.phase, e.at) for e in run.machine.phase_log]
    assert [(phase, round((at - T0) * 1000)) for phase, at in actual] == [
        (phase, round(at * 1000)) for phase, at in expected
    ]
    assert [at - T0 for _, at in actual] == [at for _, at in expected]  # not even a float off
    record = run.machine.record
    assert record.ended == record.started + timedelta(seconds=expected_total)


def expected_starts(plan: TailoredPlan, timing: Timing) -> list[tuple[Phase, float]]:
    """The schedule written out by hand from the dosages: (phase, seconds from start)."""
    at = 0.0
    starts: list[tuple[Phase, float]] = []
    where = None
    for item in plan.exercises:
        dosage = item.dosage
        starts.append((Phase.GET_READY, at))
        moved = item.exercise.position != where
        at += timing.position_change_s if moved else timing.get_ready_s
        where = item.exercise.position
        sides = 2 if item.exercise.per_side else 1
        for set_number in range(1, dosage.sets + 1):
            for side in range(sides):
                if side == 1:
                    starts.append((Phase.SWITCH, at))
                    at += timing.switch_s
                for rep in range(dosage.reps):
                    if rep > 0:
                        starts.append((Phase.RELAX, at))
                        at += timing.relax_s
                    starts.append((Phase.HOLD, at))
                    at += dosage.hold_s
            if set_number < dosage.sets:
                starts.append((Phase.REST, at))
                at += dosage.rest_s
    starts.append((Phase.DONE, at))
    return starts


def test_speed_divides_every_duration() -> None:
    run = Run(hold_plan(reps=2), Timing(speed=10))
    assert run.machine.view().remaining_s == 1.0  # the first get-ready's 10 s
    run.advance(1.0 + 1.0 + 0.3 + 1.0)
    assert run.phase is Phase.DONE
    assert run.machine.record.exercises[0].sets[0].seconds_held == 20.0


def test_speed_must_be_positive() -> None:
    with pytest.raises(ValueError, match="speed"):
        Timing(speed=0)


# --- resume ---


def test_resume_continues_after_the_last_saved_set() -> None:
    plan = tailored(
        planned("a", hold_s=5, reps=1),
        planned("b", hold_s=4, reps=2, sets=2, rest_s=10, per_side=True),
        planned("c", reps=2),
    )
    run = Run(plan)
    while len(run.saves) < 3:  # a's set, then b's set 1 left and right
        run.advance(0.5)
    saved = copy.deepcopy(run.saves[-1])  # what the store held when the process died
    clock = demo_clock()
    clock.advance(3600)
    machine = SessionMachine.resume(plan, saved, clock)
    view = machine.view()
    assert (view.phase, view.name, view.set_number, view.side) == (Phase.GET_READY, "B", 2, "left")
    assert machine.record is saved and saved.status == "in-progress"
    while machine.phase is not Phase.DONE:
        if machine.phase is Phase.REPS:
            machine.next()
        clock.advance(0.5)
        machine.tick()
    b = saved.exercises[1]
    assert [(s.set_number, s.side) for s in b.sets] == [
        (1, "left"),
        (1, "right"),
        (2, "left"),
        (2, "right"),
    ]
    assert [r.exercise_id for r in saved.exercises] == ["a", "b", "c"]
    assert all(r.done_in_full for r in saved.exercises)
    assert saved.status == "completed"


def test_a_snapshot_keeps_the_set_under_way_and_resume_finishes_it() -> None:
    plan = tailored(planned("a", hold_s=10, reps=3, sets=2, rest_s=30), planned("b", reps=1))
    run = Run(plan)
    run.advance(5 + 10 + 3 + 4)  # one rep done, four seconds into the second
    snapshot = run.machine.snapshot()
    assert run.machine.record.exercises[0].sets == []  # the machine's own record is untouched
    [partial] = snapshot.exercises[0].sets
    assert (partial.reps_done, partial.seconds_held, snapshot.status) == (1, 14.0, "in-progress")
    clock = demo_clock()
    machine = SessionMachine.resume(plan, snapshot, clock)
    view = machine.view()
    assert (view.phase, view.set_number, view.reps_done) == (Phase.GET_READY, 1, 1)
    clock.advance(10 + 10 + 3 + 10)  # back into position after a restart: the longer get-ready
    machine.tick()
    [first] = snapshot.exercises[0].sets
    assert (first.set_number, first.reps_done, first.seconds_held) == (1, 3, 34.0)
    assert machine.phase is Phase.REST


def test_a_snapshot_leaves_out_exercises_nothing_happened_to() -> None:
    run = Run(two_exercise_plan())
    assert run.machine.snapshot().exercises == []
    run.advance(5 + 4)  # four seconds into the first hold
    [under_way] = run.machine.snapshot().exercises
    assert [(s.reps_done, s.seconds_held) for s in under_way.sets] == [(0, 4.0)]


def test_resume_passes_over_skipped_and_pain_stopped_exercises() -> None:
    plan = tailored(planned("a", reps=1), planned("b", reps=1), planned("c", reps=1))
    run = Run(plan)
    run.machine.skip()
    run.machine.pain_stop()
    saved = copy.deepcopy(run.saves[-1])
    machine = SessionMachine.resume(plan, saved, demo_clock())
    assert machine.view().name == "C"


def test_resuming_a_finished_record_goes_straight_to_done() -> None:
    plan = tailored(planned("a", reps=1))
    run = Run(plan)
    run.advance(5)
    run.machine.next()
    saved = copy.deepcopy(run.saves[-1])
    machine = SessionMachine.resume(plan, saved, demo_clock())
    assert machine.is_done and saved.status == "completed"


# --- small pure pieces ---


def test_the_session_id_is_compact_iso_8601() -> None:
    assert new_session_id(demo_clock().now()) == "20261120T090000+0000"


@pytest.mark.parametrize(
    ("remaining", "wait"), [(4.3, 0.3), (4.0, 1.0), (0.2, 0.2), (0.0, 0.0), (59.5, 0.5)]
)
def test_a_once_a_second_display_wakes_when_the_shown_number_changes(
    remaining: float, wait: float
) -> None:
    assert until_next_second(remaining) == pytest.approx(wait)


def test_the_countdown_rounds_up_and_shows_minutes() -> None:
    run = Run(hold_plan(hold_s=90, reps=1))
    run.advance(5.2)
    assert run.machine.view().countdown_text == "1:30"
    run.advance(40)
    assert run.machine.view().countdown_text == "50"


def test_session_progress_grows_to_one() -> None:
    run = Run(two_exercise_plan())
    seen = [run.machine.view().session_fraction]
    while run.phase is not Phase.DONE:
        if run.phase is Phase.REPS:
            run.machine.next()
        run.advance(0.5)
        seen.append(run.machine.view().session_fraction)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)
    assert run.machine.view().session_remaining_s == 0.0


def test_an_empty_plan_is_done_at_once() -> None:
    machine = SessionMachine.start(tailored(), demo_clock())
    assert machine.is_done
    assert machine.view().exercise_count == 0
    assert not machine.next() and not machine.skip() and not machine.pain_stop()


# --- invariants over random event sequences ---

EVENTS = st.one_of(
    st.tuples(st.just("advance"), st.floats(min_value=0.0, max_value=40.0)),
    st.tuples(
        st.sampled_from(
            [
                "tick",
                "next",
                "next",
                "next",
                "skip",
                "back",
                "toggle_pause",
                "add_rest",
                "mark_too_easy",
                "mark_too_hard",
                "pain_stop",
                "set_pain_kind",
                "end",
                "quit",
                "undo_pain_stop",
            ]
        ),
        st.just(0.0),
    ),
)


@settings(max_examples=150, deadline=None)
@given(events=st.lists(EVENTS, max_size=60))
def test_random_events_keep_every_invariant(events: list[tuple[str, float]]) -> None:
    plan = tailored(
        planned("a", hold_s=3, reps=2, sets=2, rest_s=5, per_side=True),
        planned("b", reps=3, sets=2, rest_s=4),
        planned("c", hold_s=2, reps=1),
    )
    clock = FakeClock(start=demo_clock().start)
    machine = SessionMachine.start(plan, clock)
    pain_stopped: set[str] = set()

    def check() -> None:
        view = machine.view()
        assert view.remaining_s is None or view.remaining_s >= 0
        assert 0.0 <= view.phase_fraction <= 1.0
        assert 0.0 <= view.session_fraction <= 1.0
        assert view.reps_done <= view.reps_target
        for record in machine.record.exercises:
            for done in record.sets:
                assert 0 <= done.reps_done <= done.reps_target
                assert done.seconds_held >= 0
        assert len({r.exercise_id for r in machine.record.exercises}) == len(
            machine.record.exercises
        )

    for name, amount in events:
        if name == "advance":
            clock.advance(amount)
            machine.tick()
        elif name == "set_pain_kind":
            machine.set_pain_kind("sharp")
        elif name == "pain_stop":
            if machine.pain_stop():
                pain_stopped.add(machine.view().exercise_id)
        elif name == "undo_pain_stop":
            # Only the stop just made can be undone; earlier ones stay recorded.
            stopped_now = machine.view().exercise_id
            if machine.undo_pain_stop():
                current = machine.record.exercises
                if not any(r.exercise_id == stopped_now and r.pain_stop for r in current):
                    pain_stopped.discard(stopped_now)
        else:
            getattr(machine, name)()
        check()

    # Keep sending next and advancing time: the session always reaches its end.
    for _ in range(500):
        if machine.is_done:
            break
        machine.next()
        clock.advance(7.0)
        machine.tick()
        check()
    assert machine.is_done
    assert machine.record.status in ("completed", "interrupted")
    recorded = {r.exercise_id for r in machine.record.exercises if r.pain_stop is not None}
    assert pain_stopped <= recorded
