"""Which bells come when, on the injected clock: a hold's start has its own sound (two
bells), different from the 3-2-1 before it and the bell at its end."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from session_plans import planned, tailored
from support.demo import demo_clock

from trainer.core.session.bells import RINGS, rings_for
from trainer.core.session.machine import SessionMachine, Timing
from trainer.core.session.view import Bell, BellKind, Phase

#: Every get-ready at its usual 5 s (the first is longer when the position changes).
EVEN = Timing(position_change_s=Timing().get_ready_s)
T0 = 1000.0  # FakeClock's monotonic at elapsed 0
KINDS: tuple[BellKind, ...] = ("countdown", "hold-start", "position", "hold-end", "rest-end")


def test_the_hold_start_rings_at_the_instant_the_get_ready_ends() -> None:
    clock = demo_clock()
    machine = SessionMachine.start(tailored(planned("a", hold_s=5, reps=1)), clock, timing=EVEN)
    clock.advance(4.9)
    machine.tick()
    assert "hold-start" not in [b.kind for b in machine.drain_bells()]
    clock.advance(0.2)  # a late tick: the bell is due when the hold began, not now
    machine.tick()
    assert machine.drain_bells() == [Bell("hold-start", T0 + 5.0)]


def test_starting_a_hold_early_with_enter_rings_its_start_then_and_no_countdown_left() -> None:
    clock = demo_clock()
    machine = SessionMachine.start(tailored(planned("a", hold_s=5, reps=1)), clock, timing=EVEN)
    clock.advance(2.5)  # the "3" has rung
    machine.tick()
    machine.next()
    assert [(b.kind, b.at - T0) for b in machine.drain_bells()] == [
        ("countdown", 2.0),
        ("hold-start", 2.5),
    ]
    clock.advance(2)
    machine.tick()
    assert machine.drain_bells() == []  # the 2 and 1 of a wait that is over never ring


def test_a_rest_ending_into_a_hold_rings_the_start_once_not_the_rest_end_too() -> None:
    clock = demo_clock()
    machine = SessionMachine.start(
        tailored(planned("a", hold_s=5, reps=1, sets=2, rest_s=10)), clock, timing=EVEN
    )
    clock.advance(5 + 5)
    machine.tick()
    machine.drain_bells()
    clock.advance(10)
    machine.tick()
    at_the_end = [b.kind for b in machine.drain_bells() if b.at == T0 + 20.0]
    assert at_the_end == ["hold-start"]


def test_a_rest_before_moving_reps_still_rings_its_end_and_no_hold_start() -> None:
    clock = demo_clock()
    machine = SessionMachine.start(
        tailored(planned("a", reps=1, sets=2, rest_s=10)), clock, timing=EVEN
    )
    clock.advance(5)
    machine.tick()
    machine.next()
    clock.advance(10)
    machine.tick()
    assert machine.phase is Phase.REPS
    assert [b.kind for b in machine.drain_bells()] == ["rest-end"]


def test_every_hold_of_a_session_rings_its_start_once_at_any_speed() -> None:
    clock = demo_clock()
    plan = tailored(planned("a", hold_s=5, reps=3, sets=2, rest_s=10, per_side=True))
    timing = Timing(speed=20, position_change_s=Timing().get_ready_s)
    machine = SessionMachine.start(plan, clock, timing=timing)
    bells: list[Bell] = []
    while not machine.is_done:
        clock.advance(0.013)
        machine.tick()
        bells += machine.drain_bells()
    starts = [b.at for b in bells if b.kind == "hold-start"]
    holds = [e.at for e in machine.phase_log if e.phase is Phase.HOLD]
    assert starts == holds and len(starts) == 3 * 2 * 2


def test_the_start_of_a_hold_is_two_bells_and_every_other_moment_one() -> None:
    assert RINGS["hold-start"] == 2
    assert all(RINGS[kind] == 1 for kind in KINDS if kind != "hold-start")
    assert rings_for([]) == 0


@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 5)), min_size=1))
def test_bells_found_together_ring_only_for_the_newest_moment(
    found: list[tuple[BellKind, int]],
) -> None:
    due = sorted((Bell(kind, float(at)) for kind, at in found), key=lambda b: b.at)
    newest = [b for b in due if b.at == due[-1].at]
    expected = 2 if any(b.kind == "hold-start" for b in newest) else 1
    assert rings_for(due) == expected
