"""Small tailored plans for the session tests: exact dosages, no catalogue file involved."""

from __future__ import annotations

from dataclasses import replace

from catalogue_factory import exercise

from trainer.core.catalogue.model import Dosage, Plan
from trainer.core.plan.tailoring import PlannedExercise, TailoredPlan


def planned(
    exercise_id: str,
    *,
    hold_s: int = 0,
    reps: int = 3,
    sets: int = 1,
    rest_s: int = 0,
    per_side: bool = False,
    steps: tuple[str, ...] = ("Lie down.", "Move gently."),
) -> PlannedExercise:
    dosage = Dosage(hold_s=hold_s, reps=reps, sets=sets, rest_s=rest_s)
    base = exercise(exercise_id, hold_s=hold_s, reps=reps, sets=sets, per_side=per_side)
    return PlannedExercise(replace(base, dosage=dosage, steps=steps), dosage)


def tailored(*exercises: PlannedExercise, plan_id: str = "test-plan") -> TailoredPlan:
    plan = Plan(
        plan_id,
        "Test plan",
        "For tests.",
        "daily",
        10,
        tuple(p.exercise.id for p in exercises),
    )
    return TailoredPlan(plan, tuple(exercises))


def two_exercise_plan() -> TailoredPlan:
    """A held stretch done on each side, then a moving strength move with two sets."""
    return tailored(
        planned(
            "knee-to-chest",
            hold_s=10,
            reps=2,
            per_side=True,
            steps=(
                "Lie on your back with your knees bent and your feet flat on the floor.",
                "Pull one knee to your chest with both hands.",
                "Hold, then lower it and repeat with the other leg.",
            ),
        ),
        planned(
            "bridge",
            reps=3,
            sets=2,
            rest_s=20,
            steps=(
                "Lie on your back with your knees bent.",
                "Lift your hips until your body is in a straight line.",
                "Lower slowly.",
            ),
        ),
    )
