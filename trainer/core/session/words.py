"""What the session says, in words: the cue for now and what comes next.

Pure functions of where the session stands, kept out of the state machine so that its
module is only about time and bookkeeping, and the wording can be read (and changed) in one
place.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.core.catalogue.model import RepPosition
from trainer.core.catalogue.words import plural
from trainer.core.plan.tailoring import PlannedExercise
from trainer.core.records import Side
from trainer.core.session.view import Phase, SessionView

SIDES: tuple[Side, Side] = ("left", "right")

WAITS = (Phase.GET_READY, Phase.RELAX, Phase.SWITCH, Phase.REST)


@dataclass(frozen=True, slots=True)
class Position:
    """Where a session stands: the exercise, the set, the side (0 left or only, 1 right),
    the reps done in this set, the position under way in a rep made of positions, whether
    the after block is under way (or next, in the pause before it), whether this get-ready
    has a change of position to make, and `pace_s` when the trainer counts its moving reps."""

    plan: tuple[PlannedExercise, ...]
    index: int
    set_number: int
    side_index: int
    reps_done: int
    position_index: int = 0
    in_block: bool = False
    #: The get-ready's length when it is the longer one, for a change of position.
    position_change_s: float | None = None
    pace_s: float | None = None

    @property
    def planned(self) -> PlannedExercise:
        """The exercise this position is in, with today's dose."""
        return self.plan[self.index]

    @property
    def side(self) -> Side | None:
        """The side being worked, or None (not done per side, or the after block)."""
        if self.in_block or not self.planned.exercise.per_side:
            return None
        return SIDES[self.side_index]

    @property
    def reps_target(self) -> int:
        """The reps of this set (or of the after block)."""
        if self.in_block:
            return self.planned.exercise.after_numbers(self.planned.dosage)[0]
        return self.planned.dosage.reps

    @property
    def hold_s(self) -> int:
        """The whole rep's hold now (the positions' together), or the block's."""
        if self.in_block:
            return self.planned.exercise.after_numbers(self.planned.dosage)[1]
        return self.planned.dosage.hold_s


def position_change_note(seconds: float) -> str:
    """Said of the longer get-ready before a change of position: its length is no article's."""
    return f"{seconds:g} s to get there (app default)"


def position_cue(phase: Phase, at: Position) -> str | None:
    """The cue of the position held now, for a rep made of positions or the after block."""
    if phase not in (Phase.HOLD, Phase.REPS):
        return None
    exercise = at.planned.exercise
    if at.in_block and exercise.after is not None:
        return exercise.after.cue
    if exercise.positions:
        return exercise.positions[min(at.position_index, len(exercise.positions) - 1)].cue
    return None


def cue(phase: Phase, at: Position) -> str:
    """What to do right now, in a few words."""
    exercise = at.planned.exercise
    on_side = f", {at.side} side" if at.side else ""
    held_now = position_cue(phase, at)
    match phase:
        case Phase.WARM_UP:
            return "Warm up"
        case Phase.GET_READY if at.position_change_s is not None:
            note = position_change_note(at.position_change_s)
            return f"Get into position: {exercise.position} · {note}"
        case Phase.GET_READY:
            return f"Get into position: {exercise.position}"
        case Phase.HOLD if held_now is not None:
            return f"{held_now}: hold{on_side}"
        case Phase.HOLD:
            return f"Hold{on_side}"
        case Phase.RELAX:
            return "Relax, then hold again"
        case Phase.REPS if held_now is not None and exercise.positions and not at.in_block:
            return f"{held_now}: press enter to move on{on_side}"
        case Phase.REPS if held_now is not None:
            return f"{held_now}: press enter after each rep"
        case Phase.REPS if at.pace_s is not None:
            return f"Move with the beat: one rep every {at.pace_s:g} s{on_side}"
        case Phase.REPS:
            return f"Press enter after each rep{on_side}"
        case Phase.SWITCH if at.in_block and exercise.after is not None:
            return f"Next: {exercise.after.cue.lower()}"
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
    if phase is Phase.WARM_UP:
        return f"Get ready: {at.planned.exercise.name}"
    exercise = at.planned.exercise
    reps = at.reps_target
    positions = exercise.positions if not at.in_block else ()
    if phase in WAITS:
        return _first_work(at, reps, positions)
    if phase in (Phase.HOLD, Phase.REPS) and at.position_index + 1 < len(positions):
        following = positions[at.position_index + 1]
        if phase is Phase.HOLD:
            holds = exercise.position_holds(at.planned.dosage.hold_s)
            return f"{following.cue} {holds[at.position_index + 1]} s"
        return following.cue
    if phase is Phase.HOLD and at.reps_done + 1 < reps:
        return f"Relax {relax_s:g} s"
    if phase in (Phase.HOLD, Phase.REPS):
        return _after_set(at)
    if phase is Phase.PAIN:
        return _after_exercise(at)
    return ""


def _first_work(at: Position, reps: int, positions: tuple[RepPosition, ...]) -> str:
    """The work a wait leads to: "Hold 5 s (rep 1 of 5)", "Lower back lifted 5 s, then back
    flat 5 s (rep 1 of 5)", "Both knees together: hold 5 s (rep 1 of 2)"."""
    exercise = at.planned.exercise
    rep_of = f"rep {at.reps_done + 1} of {reps}"
    if positions:
        holds = exercise.position_holds(at.hold_s)
        parts = [
            f"{p.cue} {hold} s" if hold > 0 else p.cue
            for p, hold in zip(positions, holds, strict=True)
        ]
        parts[1:] = [part[0].lower() + part[1:] for part in parts[1:]]
        return f"{', then '.join(parts)} ({rep_of})"
    block = f"{exercise.after.cue}: " if at.in_block and exercise.after is not None else ""
    if at.hold_s > 0:
        return f"{block}{'hold' if block else 'Hold'} {at.hold_s} s ({rep_of})"
    if at.pace_s is not None:
        return f"{block}{plural(reps, 'rep')}, one every {at.pace_s:g} s"
    return f"{block}{plural(reps, 'rep')} at your own pace"


def _after_set(at: Position) -> str:
    dosage = at.planned.dosage
    exercise = at.planned.exercise
    if exercise.per_side and at.side_index == 0 and not at.in_block:
        return "Switch to your right side"
    if exercise.after is not None and not at.in_block:
        reps, hold_s = exercise.after_numbers(dosage)
        held = f" of {hold_s} s" if hold_s > 0 else ""
        return f"{exercise.after.cue}, {plural(reps, 'rep')}{held}"
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


#: The banner's word for each phase, read from the floor (the side and the position's cue
#: are added by `banner`).
BANNER_WORDS: dict[Phase, str] = {
    Phase.WARM_UP: "WARM UP",
    Phase.GET_READY: "GET READY",
    Phase.HOLD: "HOLD",
    Phase.RELAX: "RELAX",
    Phase.REPS: "REPS",
    Phase.SWITCH: "SWITCH SIDES",
    Phase.REST: "REST",
    Phase.PAIN: "STOPPED FOR PAIN",
    Phase.DONE: "DONE",
}

#: The phases whose banner names the side being worked (a switch names none: it is between).
SIDED_BANNERS = frozenset({Phase.GET_READY, Phase.HOLD, Phase.REPS})


def banner(view: SessionView) -> str:
    """The few words shown big across the screen, so the phase reads from two metres.

    "HOLD · LEFT", "RELAX", "SWITCH SIDES"; a rep made of positions shows the position's
    cue instead of "HOLD" ("BACK FLAT"); paused says only that, since the clock has stopped
    and that is what a person on the floor must know first.
    """
    if view.paused:
        return "PAUSED"
    word = BANNER_WORDS[view.phase]
    if view.position_cue and view.phase.is_work:
        word = view.position_cue.upper()
    if view.side is not None and view.phase in SIDED_BANNERS:
        word = f"{word} · {view.side.upper()}"
    return word
