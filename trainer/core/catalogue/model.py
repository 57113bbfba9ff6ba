"""The typed catalogue: frozen objects the loader builds from `exercises.toml`.

Everything downstream (screening, tailoring, the session machine, progression, stats)
reads these types and never the raw TOML, so a catalogue that loads is a catalogue the
rest of the program can trust.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Kind = Literal["stretch", "stability", "strength"]
Level = Literal["beginner", "intermediate", "advanced"]
Outcome = Literal["urgent", "see-clinician", "caution"]
Frequency = Literal["daily", "twice-daily", "twice-weekly"]

KINDS: tuple[Kind, ...] = ("stretch", "stability", "strength")
LEVELS: tuple[Level, ...] = ("beginner", "intermediate", "advanced")
OUTCOMES: tuple[Outcome, ...] = ("urgent", "see-clinician", "caution")
FREQUENCIES: tuple[Frequency, ...] = ("daily", "twice-daily", "twice-weekly")

#: The fixed equipment vocabulary. An `equipment` item may name alternatives with "|"
#: ("dumbbells|barbell": either will do); every item in the list is needed.
EQUIPMENT: tuple[str, ...] = (
    "mat",
    "exercise-ball",
    "bosu",
    "chair",
    "bench",
    "rod",
    "dumbbells",
    "barbell",
    "kettlebell",
)

#: Limits the loader enforces, named so the README and error messages agree.
MAX_HOLD_S = 600
MAX_REPS = 100
MAX_SETS = 10
MAX_REST_S = 600

#: The topics of `[guidance]`: the articles' general rules, shown where they apply
#: (the pain-stop screen shows "stop", the stats screen "seek-help", and so on).
GUIDANCE_TOPICS: tuple[str, ...] = (
    "safety",
    "frequency",
    "progression",
    "warm-up",
    "stop",
    "seek-help",
)


@dataclass(frozen=True, slots=True)
class Dosage:
    """One prescription: what a person is asked to do for an exercise today."""

    hold_s: int
    reps: int
    sets: int
    rest_s: int

    @property
    def is_hold(self) -> bool:
        """Whether each rep is a timed hold, rather than a moving rep counted by a key press."""
        return self.hold_s > 0


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise as the catalogue gives it: how to do it, its first dose and its ceilings."""

    id: str
    name: str
    kind: Kind
    level: Level
    position: str
    per_side: bool
    steps: tuple[str, ...]
    dosage: Dosage
    max_reps: int
    max_hold_s: int
    max_sets: int
    frequency: Frequency
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    modifications: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    avoid_when: tuple[str, ...] = ()
    #: Each article's own numbers, word for word where they differ from the default.
    dosage_notes: tuple[str, ...] = ()
    harder: str | None = None
    easier: str | None = None

    def needs(self, have: frozenset[str]) -> tuple[str, ...]:
        """The equipment items (alternatives joined by " or ") that `have` lacks."""
        missing = []
        for item in self.equipment:
            options = item.split("|")
            if not any(option in have for option in options):
                missing.append(" or ".join(options))
        return tuple(missing)


@dataclass(frozen=True, slots=True)
class ScreeningQuestion:
    """One screening question, and what a yes to it means for which sessions may start."""

    id: str
    question: str
    outcome: Outcome
    #: For caution and see-clinician: exercises whose `avoid_when` holds it are left out.
    flag: str | None = None
    #: What to tell the person when they answer yes.
    advice: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AvoidEntry:
    """Something the articles say not to do, why, and what to do instead."""

    id: str
    name: str
    why: str
    instead: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    """A named plan: the exercises of one kind of session, in order, and how often to do it."""

    id: str
    name: str
    summary: str
    frequency: Frequency
    minutes: int
    exercises: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The whole loaded catalogue: the one object every room downstream of the loader reads."""

    path: Path
    schema: int
    exercises: Mapping[str, Exercise]
    screening: tuple[ScreeningQuestion, ...]
    avoid: Mapping[str, AvoidEntry]
    plans: Mapping[str, Plan]
    #: Free-text rules from the articles (frequency, red flags, when to stop), by topic.
    guidance: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def plan_exercises(self, plan: Plan) -> tuple[Exercise, ...]:
        """The plan's exercises, in the plan's order (the loader checked every id exists)."""
        return tuple(self.exercises[exercise_id] for exercise_id in plan.exercises)

    def is_strength_plan(self, plan: Plan) -> bool:
        """A plan counts as a strength session when anything in it is not a stretch."""
        return any(self.exercises[e].kind != "stretch" for e in plan.exercises)
