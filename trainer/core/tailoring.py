"""A plan made for one person: the catalogue's plan, filtered by their screening and
equipment, dosed for their level and progress. The session machine runs one of these.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from trainer.core.model import Dosage, Exercise, Level, Plan


@dataclass(frozen=True, slots=True)
class PlannedExercise:
    exercise: Exercise
    dosage: Dosage  # today's: sets x reps (x hold seconds), per side when per_side


@dataclass(frozen=True, slots=True)
class LeftOut:
    exercise_id: str
    name: str
    reason: str  # in words, e.g. "avoid with a history of herniated or bulging discs"


@dataclass(frozen=True, slots=True)
class TailoredPlan:
    plan: Plan
    exercises: tuple[PlannedExercise, ...]
    left_out: tuple[LeftOut, ...] = ()
    #: The rules that shaped it, in words ("New to exercise: one or two strength moves...").
    notes: tuple[str, ...] = ()


#: The articles' dosage rule for strength moves ("9 Great Lower Back Exercises"): new to
#: exercise, 1-2 sets of 12-16 reps; intermediate or advanced, 2-3 sets of 8-12.
STRENGTH_REPS: dict[Level, tuple[int, int]] = {
    "beginner": (12, 16),
    "intermediate": (8, 12),
    "advanced": (8, 12),
}
STRENGTH_SETS: dict[Level, tuple[int, int]] = {
    "beginner": (1, 2),
    "intermediate": (2, 3),
    "advanced": (2, 3),
}


def start_dosage(exercise: Exercise, level: Level) -> Dosage:
    """Where a person starts an exercise, and the floor progression never goes below.

    Holds, stretches and stability work start at the catalogue's own dosage; moving strength
    moves follow the level rule above, kept within the exercise's ceilings.
    """
    dosage = exercise.dosage
    if exercise.kind != "strength" or dosage.is_hold:
        return dosage
    low_reps, high_reps = STRENGTH_REPS[level]
    low_sets, _ = STRENGTH_SETS[level]
    reps = min(max(dosage.reps, low_reps), high_reps, exercise.max_reps)
    sets = min(max(dosage.sets, low_sets) if level != "beginner" else low_sets, exercise.max_sets)
    return replace(dosage, reps=reps, sets=sets)
