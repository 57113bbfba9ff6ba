"""A plan made for one person: the catalogue's plan, filtered by their screening and
equipment, dosed for their level and progress. The session machine runs one of these.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.core.model import Dosage, Exercise, Plan


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
