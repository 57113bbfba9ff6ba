"""What the session says, in words: the cue for now and what comes next.

Pure functions of where the session stands, kept out of the state machine so that its
module is only about time and bookkeeping, and the wording can be read (and changed) in one
place.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.core.plan.tailoring import PlannedExercise
from trainer.core.records import Side
from trainer.core.session.view import Phase

SIDES: tuple[Side, Side] = ("left", "right")

WAITS = (Phase.GET_READY, Phase.RELAX, Phase.SWITCH, Phase.REST)


@dataclass(frozen=True, slots=True)
class Position:
    """Where a session stands: the exercise, the set, the side (0 left or only, 1 right),
    and the reps done in this set."""

    plan: tuple[PlannedExercise, ...]
    index: int
    set_number: int
    side_index: int
    reps_done: int

    @property
    def planned(self) -> PlannedExercise:
        return self.plan[self.index]

    @property
    def side(self) -> Side | None:
        return SIDES[self.side_index] if self.planned.exercise.per_side else None


def cue(phase: Phase, at: Position) -> str:
    """What to do right now, in a few words."""
    exercise = at.planned.exercise
    on_side = f", {at.side} side" if at.side else ""
    match phase:
        case Phase.WARM_UP:
            return "Warm up"
        case Phase.GET_READY:
            return f"Get into position: {exercise.position}"
        case Phase.HOLD:
            return f"Hold{on_side}"
        case Phase.RELAX:
            return "Relax, then hold again"
        case Phase.REPS:
            return f"Press enter after each rep{on_side}"
        case Phase.SWITCH:
            return f"Switch to your {at.side or 'other'} side"
        case Phase.REST:
            return f"Rest, then set {at.set_number} of {at.planned.dosage.sets}"
        case Phase.PAIN:
            return "Stopped for pain"
        case _:
            return "Session done"


def then(phase: Phase, at: Position, relax_s: float) -> str:
    """What comes right after this phase ("Relax 3 s", "Rest 30 s, then set 2 of 3")."""
    dosage = at.planned.dosage
    if phase is Phase.WARM_UP:
        return f"Get ready: {at.planned.exercise.name}"
    if phase in WAITS:
        if dosage.is_hold:
            return f"Hold {dosage.hold_s} s (rep {at.reps_done + 1} of {dosage.reps})"
        return f"{dosage.reps} reps at your own pace"
    if phase is Phase.HOLD and at.reps_done + 1 < dosage.reps:
        return f"Relax {relax_s:g} s"
    if phase in (Phase.HOLD, Phase.REPS):
        return _after_set(at)
    if phase is Phase.PAIN:
        return _after_exercise(at)
    return ""


def _after_set(at: Position) -> str:
    dosage = at.planned.dosage
    if at.planned.exercise.per_side and at.side_index == 0:
        return "Switch to your right side"
    if at.set_number < dosage.sets:
        following = f"set {at.set_number + 1} of {dosage.sets}"
        if dosage.rest_s > 0:
            return f"Rest {dosage.rest_s} s, then {following}"
        return following.capitalize()
    return _after_exercise(at)


def _after_exercise(at: Position) -> str:
    if at.index + 1 < len(at.plan):
        return f"Next exercise: {at.plan[at.index + 1].exercise.name}"
    return "The summary"
