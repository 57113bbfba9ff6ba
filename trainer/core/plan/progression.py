"""How a prescription moves: up after good sessions, back after pain, "too hard" or a break.

The rules, from the articles ("progress gradually"; bridges and pelvic tilts: "start with 5
repetitions and work up to 30"; planks: "hold for 10 to 20 seconds to start ... gradually
increase your hold time"; strength moves: "begin with 1 to 2 sets of 12 to 16 repetitions",
"progress toward 2 to 3 sets of 8 to 12 repetitions as your strength improves"):

- Everyone starts at `start_dosage(exercise, level)`, which is also the floor.
- Each exercise has a ladder of prescriptions from the floor to the catalogue's ceilings
  (`max_reps`, `max_hold_s`, `max_sets`):
  - a moving rep adds 2 reps a step (1 when that reaches the ceiling), then a set;
  - a hold adds a few seconds a step (2 s below 20 s, then 5 s), then a rep, then a set;
  - a moving strength move climbs to 16 reps in a single set (12 once there are two or more
    sets), then takes another set with the reps brought back into the 8-12 range, keeping
    the total about the same (1 x 16 -> 2 x 8, 2 x 12 -> 3 x 8).
- Step up one rung after two sessions in a row done in full, with no pain stop and not
  marked too hard; "too easy" steps up at once. After a step the count starts again, so
  every new prescription is done in full twice before the next.
- Step back one rung after a pain stop, "too hard" or a session after which pain rose 2 or
  more points, and once after a break of more than 14 days; never below the floor.
- At the top of the ladder the catalogue's `harder` variant is offered; "too hard" at the
  floor offers the `easier` one.
- A skipped exercise, or one the session never reached, counts neither way.

Everything here is pure: the store and the clock come in as arguments.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime

from trainer.core.catalogue.model import Dosage, Exercise, Level
from trainer.core.plan.tailoring import start_dosage
from trainer.core.records import ExerciseProgress, ExerciseRecord, PrescriptionChange

#: Sessions in a row, done in full, before the prescription steps up.
FULL_SESSIONS_TO_STEP_UP = 2
#: A longer gap than this since an exercise was last done eases it back one step.
BREAK_DAYS = 14
#: Strength moves: the most reps in a single set, and the range once there are more sets.
STRENGTH_SINGLE_SET_TOP = 16
STRENGTH_REPS = (8, 12)

REASON_FULL = "the last two sessions were done in full without pain"
REASON_TOO_EASY = "you marked it too easy"
REASON_TOO_HARD = "you marked it too hard"
REASON_PAIN = "you stopped it for pain"
REASON_PAIN_ROSE = "your pain rose during the session"


def load_key(dosage: Dosage) -> tuple[int, int, int]:
    """Orders prescriptions by load the way the ladder climbs: sets, then reps, then hold."""
    return (dosage.sets, dosage.reps, dosage.hold_s)


def _hold_step(hold_s: int) -> int:
    return 2 if hold_s < 20 else 5


def _next_rung(exercise: Exercise, floor: Dosage, dosage: Dosage) -> Dosage | None:
    if dosage.is_hold:
        if dosage.hold_s < exercise.max_hold_s:
            hold = min(exercise.max_hold_s, dosage.hold_s + _hold_step(dosage.hold_s))
            return replace(dosage, hold_s=hold)
        if dosage.reps < exercise.max_reps:
            return replace(dosage, reps=dosage.reps + 1)
        if dosage.sets < exercise.max_sets:
            return replace(dosage, sets=dosage.sets + 1)
        return None
    if exercise.kind == "strength":
        low, high = STRENGTH_REPS
        top = STRENGTH_SINGLE_SET_TOP if dosage.sets == 1 else high
        top = min(exercise.max_reps, top)
        if dosage.sets == floor.sets:
            top = max(top, floor.reps)  # the floor is always on its own ladder
        if dosage.reps < top:
            return replace(dosage, reps=min(top, dosage.reps + 2))
        if dosage.sets < exercise.max_sets:
            sets = dosage.sets + 1
            reps = min(high, max(low, math.ceil(dosage.sets * dosage.reps / sets)))
            return replace(dosage, sets=sets, reps=min(reps, exercise.max_reps))
        return None
    if dosage.reps < exercise.max_reps:
        return replace(dosage, reps=min(exercise.max_reps, dosage.reps + 2))
    if dosage.sets < exercise.max_sets:
        return replace(dosage, sets=dosage.sets + 1)
    return None


def ladder(exercise: Exercise, floor: Dosage) -> list[Dosage]:
    """Every prescription from the floor to the ceiling, easiest first."""
    rungs = [floor]
    while (rung := _next_rung(exercise, floor, rungs[-1])) is not None:
        rungs.append(rung)
    return rungs


def step_up(exercise: Exercise, floor: Dosage, current: Dosage) -> Dosage | None:
    """The next rung above `current` (kept at its rest time), or None at the ceiling."""
    key = load_key(current)
    for rung in ladder(exercise, floor):
        if load_key(rung) > key:
            return replace(rung, rest_s=current.rest_s)
    return None


def step_down(exercise: Exercise, floor: Dosage, current: Dosage) -> Dosage | None:
    """The rung just below `current`, or None at (or below) the floor."""
    key = load_key(current)
    below = [rung for rung in ladder(exercise, floor) if load_key(rung) < key]
    return replace(below[-1], rest_s=current.rest_s) if below else None


def describe(exercise: Exercise, before: Dosage, after: Dosage) -> str:
    """ "Bridge: 8 → 10 reps", "Plank: 20 → 25 s hold", "Superman: 1 × 16 → 2 × 8 reps"."""
    parts: list[str] = []
    if before.sets != after.sets:
        parts.append(f"{before.sets} × {before.reps} → {after.sets} × {after.reps} reps")
    elif before.reps != after.reps:
        parts.append(f"{before.reps} → {after.reps} reps")
    if before.hold_s != after.hold_s:
        parts.append(f"{before.hold_s} → {after.hold_s} s hold")
    return f"{exercise.name}: {', '.join(parts) or 'unchanged'}"


def _dosage_of(progress: ExerciseProgress) -> Dosage:
    return Dosage(
        hold_s=progress.hold_s, reps=progress.reps, sets=progress.sets, rest_s=progress.rest_s
    )


def _with_dosage(progress: ExerciseProgress, dosage: Dosage) -> ExerciseProgress:
    return replace(
        progress, hold_s=dosage.hold_s, reps=dosage.reps, sets=dosage.sets, rest_s=dosage.rest_s
    )


def starting_progress(exercise: Exercise, level: Level) -> ExerciseProgress:
    """An exercise's progress before it was ever done: at the floor."""
    return _with_dosage(ExerciseProgress(exercise.id, 0, 1, 1, 0), start_dosage(exercise, level))


def _was_reached(record: ExerciseRecord) -> bool:
    """False for a skipped exercise, and for one the session ended before (no sets, no mark)."""
    if record.skipped:
        return False
    return bool(record.sets) or record.pain_stop is not None or record.too_hard or record.too_easy


def after_session(
    exercise: Exercise,
    level: Level,
    progress: ExerciseProgress | None,
    record: ExerciseRecord,
    when: datetime,
    names: Mapping[str, str] | None = None,
    *,
    pain_rose: bool = False,
) -> tuple[ExerciseProgress | None, PrescriptionChange | None]:
    """The exercise's progress after one session, and the change it made (if any).

    Returns `progress` unchanged (None stays None) when the session does not count.
    `names` (exercise id -> name) words a variant offer; ids are shown without it.
    `pain_rose`: pain after the session was 2+ points above pain before it
    (`trainer.core.plan.safety.pain_rose`): everything done steps back, as after a pain stop.
    """
    if not _was_reached(record):
        return progress, None
    floor = start_dosage(exercise, level)
    current = (
        progress
        if progress is not None
        else _with_dosage(starting_progress(exercise, level), record.prescribed)
    )
    before = _dosage_of(current)
    updated = replace(current, last_done=when.date())
    if record.pain_stop is not None or record.too_hard or pain_rose:
        if record.pain_stop is not None:
            reason = REASON_PAIN
        elif pain_rose:
            reason = REASON_PAIN_ROSE
        else:
            reason = REASON_TOO_HARD
        updated.full_in_a_row = 0
        lower = step_down(exercise, floor, before)
        if lower is not None:
            return _changed(exercise, updated, before, lower, reason, when)
        if (
            record.pain_stop is None
            and record.too_hard
            and exercise.easier
            and (current.variant_offered != exercise.easier)
        ):
            updated.variant_offered = exercise.easier
            return updated, _offer(exercise, exercise.easier, before, when, names)
        return updated, None
    if record.too_easy or record.done_in_full:
        updated.full_in_a_row = current.full_in_a_row + 1 if record.done_in_full else 0
        if record.too_easy or updated.full_in_a_row >= FULL_SESSIONS_TO_STEP_UP:
            reason = REASON_TOO_EASY if record.too_easy else REASON_FULL
            higher = step_up(exercise, floor, before)
            if higher is not None:
                updated.full_in_a_row = 0
                return _changed(exercise, updated, before, higher, reason, when)
            if exercise.harder and current.variant_offered != exercise.harder:
                updated.variant_offered = exercise.harder
                return updated, _offer(exercise, exercise.harder, before, when, names)
        return updated, None
    updated.full_in_a_row = 0  # done, but not in full: no step either way
    return updated, None


def _changed(
    exercise: Exercise,
    progress: ExerciseProgress,
    before: Dosage,
    after: Dosage,
    reason: str,
    when: datetime,
) -> tuple[ExerciseProgress, PrescriptionChange]:
    progress = _with_dosage(progress, after)
    progress.full_in_a_row = 0
    text = f"{describe(exercise, before, after)} — {reason}"
    return progress, PrescriptionChange(exercise.id, when, before, after, text)


def _offer(
    exercise: Exercise,
    variant: str,
    dosage: Dosage,
    when: datetime,
    names: Mapping[str, str] | None,
) -> PrescriptionChange:
    """Offering a variant changes no numbers, but it is a decision worth telling and keeping."""
    name = (names or {}).get(variant, variant)
    if variant == exercise.harder:
        text = f"{exercise.name}: at the top of its range — {name} is ready to try"
    else:
        text = (
            f"{exercise.name}: already at its easiest and marked too hard — {name} may suit better"
        )
    return PrescriptionChange(exercise.id, when, dosage, dosage, text)


def after_break(
    exercise: Exercise, level: Level, progress: ExerciseProgress, today: date, when: datetime
) -> tuple[ExerciseProgress, PrescriptionChange | None] | None:
    """One step back when the exercise was last done more than `BREAK_DAYS` ago, once per
    break; None when the rule does not apply."""
    last = progress.last_done
    if last is None or (today - last).days <= BREAK_DAYS:
        return None
    if progress.stepped_back_for_break == last:
        return None
    updated = replace(progress, stepped_back_for_break=last, full_in_a_row=0)
    before = _dosage_of(progress)
    lower = step_down(exercise, start_dosage(exercise, level), before)
    if lower is None:
        return updated, None
    days = (today - last).days
    reason = f"{days} days since you last did it, so it eases back one step"
    return _changed(exercise, updated, before, lower, reason, when)
