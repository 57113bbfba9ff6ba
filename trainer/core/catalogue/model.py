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
#: A plan's warm-up, `warm_up_minutes`: an hour is a workout of its own, not a warm-up.
MAX_WARM_UP_MINUTES = 60
#: The warm-up a strength plan gets when the catalogue gives none. The articles say "Begin
#: each lower back workout with a warm-up" but give no length: this is the app's default.
DEFAULT_WARM_UP_MINUTES = 5

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
class RepPosition:
    """One position inside a rep ("Lower back lifted", held 5 s): a rep made of positions
    is timed position by position, each with its own cue and hold."""

    cue: str
    hold_s: int  # 0 in a moving rep: the person moves on with a key press
    max_hold_s: int  # progression ceiling for this position's hold


@dataclass(frozen=True, slots=True)
class AfterBlock:
    """Reps done once after the sided reps of each set, with their own cue and numbers
    (knee-to-chest: "Both knees together", 2 reps of 5 s after each leg's reps)."""

    cue: str
    hold_s: int
    reps: int
    max_hold_s: int
    max_reps: int


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
    #: Each rep as a sequence of positions; empty for a rep that is one position. With
    #: positions, `dosage.hold_s` is the whole rep's hold (the positions' holds summed).
    positions: tuple[RepPosition, ...] = ()
    #: Reps done after the sided reps of each set, e.g. with both legs together.
    after: AfterBlock | None = None

    def position_holds(self, hold_s: int) -> tuple[int, ...]:
        """Each position's hold for a rep held `hold_s` seconds in all.

        Progression moves one number, the rep's hold; it is shared out here so that each
        position starts at its own hold and grows by turns, first position first, never
        past its own ceiling. Below the positions' starting total they keep their start.
        """
        holds = [position.hold_s for position in self.positions]
        extra = hold_s - sum(holds)
        while extra > 0:
            grown = False
            for number, position in enumerate(self.positions):
                if extra > 0 and holds[number] < position.max_hold_s:
                    holds[number] += 1
                    extra -= 1
                    grown = True
            if not grown:
                break
        return tuple(holds)

    def after_numbers(self, dosage: Dosage) -> tuple[int, int]:
        """The after-block's (reps, hold_s) today: they rise as the sided reps and hold rise
        from where the exercise starts, each within the block's own ceiling."""
        block = self.after
        if block is None:
            return (0, 0)
        reps = block.reps + max(0, dosage.reps - self.dosage.reps)
        hold = block.hold_s + max(0, dosage.hold_s - self.dosage.hold_s)
        return (min(reps, block.max_reps), min(hold, block.max_hold_s))

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
    #: The catalogue's `warm_up_minutes` (0: none); None when it gives none.
    warm_up_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class WarmUp:
    """The timed warm-up a plan begins with, and where its length came from."""

    minutes: int
    #: True when the catalogue gives no length and this is the app's default.
    is_app_default: bool
    #: What to do, in the articles' words (the catalogue's `[guidance]` "warm-up").
    steps: tuple[str, ...]

    @property
    def seconds(self) -> int:
        """`minutes`, in seconds, for the session clock."""
        return self.minutes * 60

    @property
    def length_words(self) -> str:
        """ "5 min (the app's default: the articles give no length)" or "10 min"."""
        if self.is_app_default:
            return f"{self.minutes} min (the app's default: the articles give no length)"
        return f"{self.minutes} min"


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

    def warm_up(self, plan: Plan) -> WarmUp | None:
        """The warm-up `plan` begins with: the catalogue's length when it gives one (0:
        none), else the app's default for a strength plan ("Begin each lower back workout
        with a warm-up"), else none (gentle stretches are themselves the warm-up)."""
        steps = self.guidance.get("warm-up", ())
        if plan.warm_up_minutes is not None:
            return WarmUp(plan.warm_up_minutes, False, steps) if plan.warm_up_minutes else None
        if self.is_strength_plan(plan):
            return WarmUp(DEFAULT_WARM_UP_MINUTES, True, steps)
        return None
