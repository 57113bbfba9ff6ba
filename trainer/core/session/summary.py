"""What a finished session did, in words: the lines of the summary screen.

Plain text from the record, so the screen only lays it out, and tests can read it without
a terminal. Every line carries a word ("done", "skipped", "stopped for pain"), never only a
colour or a symbol.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from trainer.core.catalogue.model import Exercise
from trainer.core.catalogue.words import describe_dosage, describe_exercise_dosage, plural
from trainer.core.records import ExerciseRecord, PainKind, SessionRecord

Outcome = Literal["done", "part", "skipped", "pain"]

PAIN_WORDS: dict[PainKind, str] = {
    "sharp": "sharp pain",
    "radiating": "radiating pain",
    "other": "pain",
}

#: The mark before each line, alongside its words.
OUTCOME_MARKS: dict[Outcome, str] = {"done": "✓", "part": "◐", "skipped": "–", "pain": "✗"}


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One line of the summary screen: how an exercise ended, its name, and what was done."""

    outcome: Outcome
    name: str
    what: str  # "2 sets of 10 reps, each side", "stopped for sharp pain after 1 set"


def summary_lines(record: SessionRecord, exercises: Mapping[str, Exercise]) -> list[SummaryLine]:
    """The summary's lines, one per exercise in the order done; `exercises` by id gives
    each its name and its own words for the dosage (an exercise gone from it is named by
    its id)."""
    lines: list[SummaryLine] = []
    for done in record.exercises:
        exercise = exercises.get(done.exercise_id)
        name = exercise.name if exercise is not None else done.exercise_id
        lines.append(SummaryLine(outcome_of(done), name, what_done(done, exercise)))
    return lines


def outcome_of(done: ExerciseRecord) -> Outcome:
    """How one exercise ended; a pain stop counts first, whatever else was done."""
    if done.pain_stop is not None:
        return "pain"
    if done.done_in_full:
        return "done"
    if done.skipped and not any(s.reps_done for s in done.sets):
        return "skipped"
    return "part"


def what_done(done: ExerciseRecord, exercise: Exercise | None = None) -> str:
    """The sets and reps actually done, then how it ended if not in full. Done in full, it
    is said as the plans said it (`describe_exercise_dosage`: "hold 5 s + 5 s" for a rep
    of two positions) when the exercise is known, its after block ("then both knees
    together") only if that was done too."""
    sides = 2 if done.per_side else 1
    full_sets = sum(1 for s in done.sets if s.reps_done >= s.reps_target) // sides
    reps = sum(s.reps_done for s in done.sets)
    prescribed = done.prescribed
    if done.done_in_full and exercise is not None:
        after_done = any(s.after_block and s.reps_done >= s.reps_target for s in done.sets)
        said = exercise if after_done else replace(exercise, after=None)
        text = describe_exercise_dosage(said, prescribed)
    elif done.done_in_full:
        text = describe_dosage(prescribed, done.per_side)
    elif reps:
        text = f"{plural(reps, 'rep')} of {prescribed.sets * prescribed.reps * sides}"
        if full_sets:
            text += f" ({plural(full_sets, 'full set')})"
    else:
        text = "nothing done"
    if done.pain_stop is not None:
        text = f"stopped for {PAIN_WORDS[done.pain_stop]}; {text}"
    elif done.skipped:
        text = f"skipped; {text}" if reps else "skipped"
    return text


def session_minutes(record: SessionRecord) -> str:
    """The session's length for the summary's title line ("under a minute", "12 min")."""
    minutes = record.minutes
    if minutes < 1:
        return "under a minute"
    return f"{round(minutes)} min"
