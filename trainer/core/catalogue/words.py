"""The words for counts and dosages: one home, so "1 rep" never reads "1 reps" on one
screen and a prescription reads the same on the plans screen, the exercise page, the
stats, the session summary and `trainer stats`.

Everything that says how many of something, or what a dosage asks for, comes from here.
"""

from __future__ import annotations

from dataclasses import replace

from trainer.core.catalogue.model import Dosage, Exercise


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 rep", "2 reps", "3 times": the count and its noun, agreeing.

    `many` is for nouns that do not just take an "s" ("1 child", "2 children")."""
    return f"{count} {one}" if count == 1 else f"{count} {many or one + 's'}"


def describe_dosage(dosage: Dosage, per_side: bool, *, compact: bool = False) -> str:
    """A prescription in words.

    In full (where there is room): "2 sets of 10 reps each side, hold 5 s"; a single set
    leaves "1 set of" out ("1 rep, hold 20 s"). `compact` is for a table column and a
    before-and-after line: "2 x 10 a side, hold 5 s" (sets x reps, always both).
    """
    if compact:
        text = f"{dosage.sets} x {dosage.reps}"
        if per_side:
            text += " a side"
    else:
        text = plural(dosage.reps, "rep")
        if dosage.sets > 1:
            text = f"{plural(dosage.sets, 'set')} of {text}"
        if per_side:
            text += " each side"
    if dosage.is_hold:
        text += f", hold {dosage.hold_s} s"
    return text


def describe_exercise_dosage(exercise: Exercise, dosage: Dosage) -> str:
    """`describe_dosage` for one exercise: a rep made of positions says each position's
    hold, and an after block is named ("..., hold 5 s + 5 s", "..., then both knees
    together: 2 x 5 s")."""
    if exercise.positions and dosage.is_hold:
        holds = " + ".join(f"{hold} s" for hold in exercise.position_holds(dosage.hold_s))
        text = f"{describe_dosage(replace(dosage, hold_s=0), exercise.per_side)}, hold {holds}"
    else:
        text = describe_dosage(dosage, exercise.per_side)
    if exercise.after is not None:
        reps, hold_s = exercise.after_numbers(dosage)
        held = f" x {hold_s} s" if hold_s > 0 else f" {'rep' if reps == 1 else 'reps'}"
        text += f", then {exercise.after.cue.lower()}: {reps}{held}"
    return text
