"""Small hand-made catalogues for tests that must not move when exercises.toml changes.

Every question outcome, a flag, equipment alternatives and each kind of exercise appear
here, so screening and tailoring rules can be tested against a known shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType

from trainer.core.catalogue.model import (
    AvoidEntry,
    Catalogue,
    Dosage,
    Exercise,
    Kind,
    Level,
    Plan,
    ScreeningQuestion,
)
from trainer.core.records import ScreeningOutcome, ScreeningRecord

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def exercise(
    exercise_id: str,
    *,
    kind: Kind = "stretch",
    level: Level = "beginner",
    equipment: Iterable[str] = (),
    avoid_when: Iterable[str] = (),
    hold_s: int = 0,
    reps: int = 10,
    sets: int = 1,
    per_side: bool = False,
) -> Exercise:
    return Exercise(
        id=exercise_id,
        name=exercise_id.replace("-", " ").capitalize(),
        kind=kind,
        level=level,
        position="lying on your back",
        per_side=per_side,
        steps=("Lie down.", "Move gently."),
        dosage=Dosage(hold_s=hold_s, reps=reps, sets=sets, rest_s=30),
        max_reps=max(reps, 16),
        max_hold_s=hold_s,
        max_sets=max(sets, 3),
        frequency="daily",
        sources=("Why lower back exercises matter",),
        equipment=tuple(equipment),
        targets=("lower back",),
        modifications=("Rest your head on a cushion.",),
        cautions=("Stop if you feel sharp or radiating pain.",),
        avoid_when=tuple(avoid_when),
        dosage_notes=("Mayo Clinic: hold 5 s, 2-3 times each leg",),
    )


QUESTIONS: tuple[ScreeningQuestion, ...] = (
    ScreeningQuestion(
        "bladder-bowel",
        "Have you lost control of your bladder or bowels?",
        "urgent",
        advice="Seek urgent medical care now.",
    ),
    ScreeningQuestion(
        "surgery",
        "Have you had recent surgery or an acute back injury?",
        "see-clinician",
        flag="surgery",
        advice="Talk with your healthcare provider before you start.",
    ),
    ScreeningQuestion(
        "numbness",
        "Do you have numbness or tingling down one or both legs?",
        "see-clinician",
        advice="Talk with your healthcare provider before you start.",
    ),
    ScreeningQuestion(
        "disc",
        "Do you have a history of herniated or bulging discs?",
        "caution",
        flag="disc",
        advice="Exercises that bend the lower spine forward are left out.",
    ),
    ScreeningQuestion(
        "history",
        "Do you have a history of back pain?",
        "caution",
        advice="Seek medical advice before starting any new exercise program.",
    ),
)


def catalogue(
    exercises: Iterable[Exercise] | None = None,
    plans: Iterable[Plan] | None = None,
    questions: Iterable[ScreeningQuestion] = QUESTIONS,
) -> Catalogue:
    if exercises is None:
        exercises = (
            exercise("knee-to-chest", hold_s=5, reps=3, per_side=True, equipment=("mat",)),
            exercise("cat-cow", reps=5),
            exercise("bridge", kind="strength", reps=10, sets=2),
            exercise("bird-dog", kind="strength", hold_s=5, reps=5, per_side=True),
            exercise("back-extension", kind="strength", avoid_when=("disc",)),
            exercise("ball-extension", kind="strength", equipment=("exercise-ball|bosu",)),
            exercise(
                "deadlift", kind="strength", level="advanced", equipment=("dumbbells|barbell",)
            ),
            exercise("front-plank", kind="stability", hold_s=10, reps=1, avoid_when=("surgery",)),
        )
    exercise_map = {e.id: e for e in exercises}
    if plans is None:
        plans = (
            Plan(
                "daily-stretches",
                "Gentle daily stretches",
                "Stretches for every day.",
                "daily",
                10,
                ("knee-to-chest", "cat-cow"),
            ),
            Plan(
                "core-strength",
                "Core and back strength",
                "Twice a week.",
                "twice-weekly",
                20,
                (
                    "cat-cow",
                    "bridge",
                    "bird-dog",
                    "back-extension",
                    "ball-extension",
                    "deadlift",
                    "front-plank",
                ),
            ),
        )
    return Catalogue(
        path=Path("/nowhere/exercises.toml"),
        schema=1,
        exercises=MappingProxyType(exercise_map),
        screening=tuple(questions),
        avoid=MappingProxyType(
            {
                "sit-ups": AvoidEntry(
                    "sit-ups",
                    "Sit-ups",
                    "They can strain your lower back.",
                    instead=("front-plank",),
                ),
            }
        ),
        plans=MappingProxyType({p.id: p for p in plans}),
    )


def screening(
    outcome: ScreeningOutcome = "clear",
    *,
    flags: Iterable[str] = (),
    level: Level = "beginner",
    equipment: Iterable[str] = ("mat",),
    taken: datetime = NOW - timedelta(days=2),
    yes: Iterable[str] = (),
    cleared: datetime | None = None,
) -> ScreeningRecord:
    said_yes = set(yes)
    return ScreeningRecord(
        taken=taken,
        answers={q.id: q.id in said_yes for q in QUESTIONS},
        outcome=outcome,
        flags=tuple(flags),
        pain_now=2,
        level=level,
        equipment=tuple(equipment),
        clinician_cleared=cleared,
    )
