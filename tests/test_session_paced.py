"""Paced moving reps: the machine counts one rep every few seconds on the injected clock, so
nobody gets up from the mat to press a key. Tick patterns never change what is counted."""

from __future__ import annotations

import copy
import math
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from session_plans import planned, tailored
from support.demo import demo_clock

from trainer.core.plan.tailoring import TailoredPlan
from trainer.core.records import SessionRecord
from trainer.core.session.clock import FakeClock
from trainer.core.session.machine import SessionMachine, Timing
from trainer.core.session.pacing import (
    DEFAULT_PACE_S,
    PACE_CHOICES,
    describe_pace,
    next_pace,
)
from trainer.core.session.view import Phase

GET_READY_S = 5.0
#: Every get-ready at its usual 5 s (the first one is longer for a change of position).
EVEN = Timing(position_change_s=GET_READY_S)


class Paced:
    """A machine counting `bridge` every `pace` seconds, its clock and its saves."""

    def __init__(
        self, plan: TailoredPlan, pace: float | None = 3.0, timing: Timing | None = None
    ) -> None:
        self.clock = demo_clock()
        self.saves: list[SessionRecord] = []
        self.machine = SessionMachine.start(
            plan,
            self.clock,
            timing=timing or EVEN,
            pacing={} if pace is None else {"bridge": pace},
            on_save=lambda record: self.saves.append(copy.deepcopy(record)),
        )

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.machine.tick()

    def phase(self) -> Phase:
        return self.machine.phase

    @property
    def reps(self) -> int:
        return self.machine.view().reps_done


def bridge(**kwargs: object) -> TailoredPlan:
    return tailored(planned("bridge", **{"reps": 3, **kwargs}))  # type: ignore[arg-type]


def test_a_paced_set_counts_one_rep_every_tempo_and_rings_at_its_end() -> None:
    run = Paced(bridge(reps=3), pace=3)
    view = run.machine.view()
    assert view.paced_s == 3
    assert view.then == "3 reps, one every 3 s"
    run.advance(GET_READY_S)
    assert run.machine.phase is Phase.REPS
    assert run.machine.view().cue == "Move with the beat: one rep every 3 s"
    run.advance(2.5)
    view = run.machine.view()
    assert (view.reps_done, view.remaining_s, view.phase_total_s) == (0, 0.5, 3.0)
    assert view.phase_fraction == pytest.approx(2.5 / 3)  # the beat fills once a rep
    run.advance(0.5)
    assert run.reps == 1
    assert run.machine.view().phase_fraction == 0.0
    run.advance(6)
    assert run.machine.is_done
    [exercise] = run.machine.record.exercises
    [done] = exercise.sets
    assert (done.reps_done, done.reps_target, done.seconds_held) == (3, 3, 0.0)
    assert done.finished == run.machine.record.started + timedelta(seconds=5 + 9)
    bells = run.machine.drain_bells()
    # 3-2-1 so the person knows when the beat begins; one bell when the set is done.
    assert [bell.kind for bell in bells] == ["countdown"] * 3 + ["hold-end"]
    assert bells[-1].at == 1000.0 + 5 + 9


def test_enter_per_rep_stays_the_default() -> None:
    run = Paced(bridge(), pace=None)
    run.advance(GET_READY_S + 60)
    assert run.machine.phase is Phase.REPS
    view = run.machine.view()
    assert (view.reps_done, view.remaining_s, view.paced_s) == (0, None, None)
    assert view.cue == "Press enter after each rep"
    assert run.machine.drain_bells() == []  # no 3-2-1 before reps nobody counts for you


@settings(max_examples=150, deadline=None)
@given(
    pace=st.sampled_from(PACE_CHOICES),
    reps=st.integers(1, 30),
    # Eighths of a second: exact in binary, so "on the beat" means exactly on it.
    ticks=st.lists(st.integers(1, 80).map(lambda eighths: eighths / 8), min_size=1, max_size=120),
)
def test_reps_counted_follow_the_elapsed_time_whatever_the_ticks(
    pace: int, reps: int, ticks: list[float]
) -> None:
    """floor(time in the set / tempo), capped at the target: never one skipped or doubled."""
    run = Paced(bridge(reps=reps), pace=pace)
    elapsed = 0.0
    for tick in ticks:
        elapsed += tick
        run.advance(tick)
        expected = min(reps, math.floor(max(0.0, elapsed - GET_READY_S) / pace))
        if expected >= reps:
            assert run.machine.is_done
            [done] = run.machine.record.exercises[0].sets
            assert done.reps_done == reps
            assert done.finished == run.machine.record.started + timedelta(
                seconds=GET_READY_S + reps * pace
            )
            return
        assert run.reps == expected


def test_a_long_paced_set_does_not_drift_under_many_uneven_ticks() -> None:
    run = Paced(bridge(reps=100), pace=4)
    for step in range(2000):  # 0.1 s and 0.3 s, neither exact in binary
        run.advance(0.1 if step % 2 else 0.3)
    assert run.reps == math.floor((400 - GET_READY_S) / 4)
    run.advance(GET_READY_S + 400)
    [done] = run.machine.record.exercises[0].sets
    assert done.finished == run.machine.record.started + timedelta(seconds=GET_READY_S + 400)


def test_speed_divides_the_tempo_like_every_other_duration() -> None:
    run = Paced(bridge(reps=2), pace=4, timing=Timing(speed=20, position_change_s=GET_READY_S))
    run.advance(GET_READY_S / 20 + 4 / 20)
    assert run.reps == 1
    assert run.machine.view().paced_s == 4  # the tempo chosen, as the person chose it


def test_paused_time_never_counts_a_rep() -> None:
    run = Paced(bridge(), pace=3)
    run.advance(GET_READY_S + 1.5)
    assert run.machine.pause()
    run.advance(100)
    assert run.reps == 0
    assert run.machine.view().remaining_s == 1.5
    run.machine.unpause()
    run.advance(1.5)
    assert run.reps == 1
    run.advance(3)
    assert run.reps == 2


def test_enter_during_a_paced_set_counts_a_rep_now_and_starts_the_beat_again() -> None:
    run = Paced(bridge(), pace=3)
    run.advance(GET_READY_S + 1)
    assert run.machine.next()
    assert run.reps == 1
    assert run.machine.view().remaining_s == 3.0
    run.advance(2.5)
    assert run.reps == 1
    run.advance(0.5)
    assert run.reps == 2


def test_changing_the_pace_mid_set_keeps_the_reps_and_starts_the_beat_now() -> None:
    run = Paced(bridge(reps=5), pace=3)
    run.advance(GET_READY_S + 7)  # two reps counted, 1 s into the third
    assert run.reps == 2
    assert run.machine.set_pace(5)
    view = run.machine.view()
    assert (view.reps_done, view.remaining_s, view.paced_s) == (2, 5.0, 5)
    run.advance(5)
    assert run.reps == 3
    assert run.machine.set_pace(None)  # back to enter per rep: nothing counts any more
    run.advance(60)
    view = run.machine.view()
    assert (view.reps_done, view.remaining_s, view.phase_fraction) == (3, None, 3 / 5)
    assert run.machine.next() and run.reps == 4


def test_pacing_turned_on_during_the_get_ready_counts_the_set_in() -> None:
    run = Paced(bridge(), pace=None)
    run.advance(1)
    assert run.machine.set_pace(DEFAULT_PACE_S)
    run.advance(GET_READY_S - 1 + DEFAULT_PACE_S)
    assert run.reps == 1
    assert [bell.kind for bell in run.machine.drain_bells()] == ["countdown"] * 3


def test_a_held_exercise_cannot_be_paced() -> None:
    run = Paced(tailored(planned("plank", hold_s=10, reps=2)), pace=None)
    assert not run.machine.set_pace(3)
    assert run.machine.view().paced_s is None
    with pytest.raises(ValueError):
        run.machine.set_pace(0)


def test_sides_sets_and_rest_each_start_their_own_beat() -> None:
    plan = tailored(planned("bridge", reps=2, sets=2, rest_s=20, per_side=True))
    run = Paced(plan, pace=2)
    run.advance(GET_READY_S + 4)  # left side done
    assert run.phase() is Phase.SWITCH
    run.advance(5 + 4)  # switch, right side done
    assert run.phase() is Phase.REST
    run.advance(20 + 4 + 5 + 4)
    assert run.machine.is_done
    sets = run.machine.record.exercises[0].sets
    assert [(s.set_number, s.side, s.reps_done) for s in sets] == [
        (1, "left", 2),
        (1, "right", 2),
        (2, "left", 2),
        (2, "right", 2),
    ]
    assert sets[-1].finished == run.machine.record.started + timedelta(seconds=51)
    assert [b.kind for b in run.machine.drain_bells()].count("hold-end") == 4


def test_a_pain_stop_keeps_the_paced_reps_and_undo_goes_on_from_them() -> None:
    run = Paced(bridge(reps=4), pace=3)
    run.advance(GET_READY_S + 7)
    assert run.machine.pain_stop()
    [partial] = run.machine.record.exercises[0].sets
    assert partial.reps_done == 2
    run.advance(60)  # nothing is counted while stopped for pain
    assert run.machine.record.exercises[0].sets[0].reps_done == 2
    assert run.machine.undo_pain_stop()
    assert run.machine.phase is Phase.GET_READY
    run.advance(GET_READY_S + 6)
    assert run.machine.is_done
    [done] = run.machine.record.exercises[0].sets
    assert done.reps_done == 4


def test_skip_keeps_what_the_beat_counted() -> None:
    plan = tailored(planned("bridge", reps=5), planned("cat-cow", reps=2))
    run = Paced(plan, pace=2)
    run.advance(GET_READY_S + 5)
    assert run.machine.skip()
    first = run.machine.record.exercises[0]
    assert first.skipped and [s.reps_done for s in first.sets] == [2]
    run.advance(GET_READY_S + 60)
    assert run.machine.view().paced_s is None  # the pace belongs to the bridge only
    assert run.machine.view().reps_done == 0


def test_back_starts_the_exercise_and_its_beat_over() -> None:
    run = Paced(bridge(reps=5), pace=2)
    run.advance(GET_READY_S + 5)
    assert run.machine.back()
    assert (run.machine.phase, run.reps) == (Phase.GET_READY, 0)
    run.advance(GET_READY_S + 2)
    assert run.reps == 1


def test_marks_do_not_disturb_the_beat() -> None:
    run = Paced(bridge(reps=5), pace=2)
    run.advance(GET_READY_S + 3)
    assert run.machine.mark_too_hard() is not None
    run.advance(1)
    assert run.reps == 2


def test_a_crash_mid_set_resumes_with_the_reps_counted_so_far() -> None:
    plan = bridge(reps=6)
    run = Paced(plan, pace=3)
    run.advance(GET_READY_S + 10)  # three reps counted
    snapshot = run.machine.snapshot()
    [partial] = snapshot.exercises[0].sets
    assert partial.reps_done == 3
    clock = FakeClock(start=run.clock.now() + timedelta(hours=1))
    machine = SessionMachine.resume(plan, snapshot, clock, pacing={"bridge": 3}, timing=EVEN)
    assert machine.view().reps_done == 3
    clock.advance(GET_READY_S + 9)
    machine.tick()
    assert machine.is_done
    [done] = machine.record.exercises[0].sets
    assert (done.reps_done, done.reps_target) == (6, 6)


def test_the_pace_key_steps_through_the_tempos_starting_at_the_default() -> None:
    seen: list[int | None] = []
    pace: int | None = None
    for _ in range(len(PACE_CHOICES) + 1):
        pace = next_pace(pace)
        seen.append(pace)
    assert seen == [DEFAULT_PACE_S, *PACE_CHOICES[1:], None]
    assert next_pace(7) is None  # a hand-edited tempo: the next press goes back to enter
    assert "app's default" in describe_pace(DEFAULT_PACE_S)
    assert "default" not in describe_pace(4)
