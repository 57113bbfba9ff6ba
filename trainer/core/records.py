"""What a session leaves behind: the records the session machine writes, the store keeps
and stats read. Plain data; the one shape shared by those three modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from trainer.core.catalogue.model import Dosage, Level

Side = Literal["left", "right"]
PainKind = Literal["sharp", "radiating", "other"]
SessionStatus = Literal["in-progress", "completed", "interrupted"]
ScreeningOutcome = Literal["clear", "caution", "see-clinician", "urgent"]


@dataclass(slots=True)
class SetRecord:
    """One set of one exercise (one side of it, for per-side exercises)."""

    set_number: int  # 1-based
    side: Side | None
    reps_done: int
    reps_target: int
    seconds_held: float  # total seconds of hold time actually spent (0 for moving reps)
    finished: datetime
    #: The reps done after both sides (knee-to-chest's "Both knees together"): side None.
    after_block: bool = False


@dataclass(slots=True)
class ExerciseRecord:
    """One exercise as it went in a session: the dose asked for, the sets done and any marks."""

    exercise_id: str
    prescribed: Dosage
    per_side: bool
    sets: list[SetRecord] = field(default_factory=list)
    skipped: bool = False
    too_easy: bool = False
    too_hard: bool = False
    pain_stop: PainKind | None = None
    #: When `p` was pressed: the 15-minute check-back counts from here.
    pain_stop_at: datetime | None = None

    @property
    def stopped_for_pain(self) -> bool:
        """True when the exercise was stopped with `p` (the pain-stop key)."""
        return self.pain_stop is not None

    @property
    def done_in_full(self) -> bool:
        """Every prescribed set (and side) reached its target reps."""
        sides = 2 if self.per_side else 1
        full = [s for s in self.sets if s.reps_done >= s.reps_target and not s.after_block]
        return (
            not self.skipped
            and self.pain_stop is None
            and len(full) >= self.prescribed.sets * sides
        )


@dataclass(frozen=True, slots=True)
class WarmUpRecord:
    """The warm-up a strength plan begins with ("Begin each lower back workout with a
    warm-up"): how long it was meant to last, how long it ran, and whether it was skipped,
    so stats and export can show it was done."""

    planned_s: int
    done_s: float
    skipped: bool = False


@dataclass(slots=True)
class SessionRecord:
    """One session as saved: in progress after every set, then completed or interrupted."""

    id: str  # the start time as compact ISO 8601, unique per state file
    plan_id: str
    started: datetime  # timezone-aware
    ended: datetime | None = None
    status: SessionStatus = "in-progress"
    pain_before: int | None = None
    pain_after: int | None = None
    exercises: list[ExerciseRecord] = field(default_factory=list)
    #: None when the plan has no warm-up (or the session began before one was offered).
    warm_up: WarmUpRecord | None = None

    @property
    def day(self) -> date:
        """The local calendar day the session started on, in its own UTC offset."""
        return self.started.date()

    @property
    def last_activity(self) -> datetime:
        """When the session was last seen alive: its last finished set (else its start)."""
        finished = [s.finished for e in self.exercises for s in e.sets]
        return max(finished, key=lambda moment: moment.timestamp(), default=self.started)

    @property
    def seconds(self) -> int:
        """Elapsed real time in whole seconds, to its end or, without one (interrupted), to
        its last finished set. The one measure of a session's length, everywhere."""
        end = self.ended if self.ended is not None else self.last_activity
        # Timestamps, not `end - started`: with one zoneinfo tz on both, Python subtracts
        # wall-clock times, and a session across a clock change would gain or lose an hour.
        return max(0, round(end.timestamp() - self.started.timestamp()))

    @property
    def minutes(self) -> float:
        """`seconds`, in minutes."""
        return self.seconds / 60

    @property
    def stopped_for_pain(self) -> list[str]:
        """The ids of the exercises stopped for pain, in the order done."""
        return [e.exercise_id for e in self.exercises if e.stopped_for_pain]


@dataclass(slots=True)
class ScreeningRecord:
    """A completed screening, as saved: answers by question id, and what they meant."""

    taken: datetime
    answers: dict[str, bool]
    outcome: ScreeningOutcome
    flags: tuple[str, ...]
    pain_now: int  # 0-10 numeric rating scale
    level: Level
    equipment: tuple[str, ...]
    clinician_cleared: datetime | None = None


@dataclass(slots=True)
class PrescriptionChange:
    """One step of a dose up or back, kept forever so a person can see why it changed."""

    exercise_id: str
    when: datetime
    before: Dosage
    after: Dosage
    reason: str  # in words, shown to the user as is


# --------------------------------------------------------------------------- safety events
# What the person told the trainer about their safety, kept the moment it is said (in the
# main state file, `[[safety]]`), so that no way of leaving a screen can lose it. The
# policy that reads them is `trainer.core.plan.safety`.

PainMoment = Literal["screening", "before"]


@dataclass(frozen=True, slots=True)
class RedFlagAnswer:
    """A yes to a screening question, saved before the next question shows, even in a
    screening that is never finished."""

    when: datetime
    question_id: str
    outcome: ScreeningOutcome


@dataclass(frozen=True, slots=True)
class SeverePain:
    """A rating of 7-10, at the screening or before a session: treated as a yes to "pain
    that is severe, sudden, or getting worse"."""

    when: datetime
    pain: int
    moment: PainMoment


@dataclass(frozen=True, slots=True)
class PainStop:
    """`p` pressed in a session and not undone: filed with the session."""

    when: datetime
    session_id: str
    exercise_id: str
    kind: PainKind


@dataclass(frozen=True, slots=True)
class PainRise:
    """Pain after a session 2 or more points above pain before it."""

    when: datetime
    session_id: str
    before: int
    after: int


@dataclass(frozen=True, slots=True)
class CheckBack:
    """The answer to "Does it still hurt?", asked 15 minutes after a pain stop."""

    when: datetime
    still_hurts: bool


@dataclass(frozen=True, slots=True)
class Clearance:
    """The person confirmed that a clinician has cleared them to exercise."""

    when: datetime


SafetyEvent = RedFlagAnswer | SeverePain | PainStop | PainRise | CheckBack | Clearance


#: How each kind of event is named in the state file and in `trainer export`.
SafetyKind = Literal["red-flag", "severe-pain", "pain-stop", "pain-rise", "check-back", "clearance"]

_KINDS: dict[type, SafetyKind] = {
    RedFlagAnswer: "red-flag",
    SeverePain: "severe-pain",
    PainStop: "pain-stop",
    PainRise: "pain-rise",
    CheckBack: "check-back",
    Clearance: "clearance",
}


def safety_kind(event: SafetyEvent) -> SafetyKind:
    """The event's kind, as the state file and the export name it."""
    return _KINDS[type(event)]


# --------------------------------------------------------------------------- activity
# "Most days: Light to moderate activity, such as walking, easy cycling, or water aerobics,
# to keep your joints and muscles moving." (Why lower back exercises matter)

#: The article's own examples, and a word for anything else of the same kind.
ACTIVITY_KINDS: tuple[str, ...] = ("walking", "easy cycling", "water aerobics", "other")
#: A whole day of walking is under 10 hours: more is a typo, not an activity.
MAX_ACTIVITY_MINUTES = 600


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    """Light to moderate activity the person logged: what, for how long, and when logged
    (its `day` is the day it counts for)."""

    when: datetime  # timezone-aware
    kind: str  # one of ACTIVITY_KINDS
    minutes: int  # 1..MAX_ACTIVITY_MINUTES

    @property
    def day(self) -> date:
        """The local day it was done on."""
        return self.when.date()


@dataclass(slots=True)
class ExerciseProgress:
    """Where one exercise stands: today's prescription and what progression needs to know.

    Kept per exercise so that deciding the next step never needs the whole history.
    """

    exercise_id: str
    hold_s: int
    reps: int
    sets: int
    rest_s: int
    full_in_a_row: int = 0  # sessions done in full, no pain stop, not too hard, in a row
    last_done: date | None = None
    variant_offered: str | None = None  # a harder/easier catalogue id, offered at a ceiling
    #: The `last_done` a break step-back was applied for, so one break eases only once.
    stepped_back_for_break: date | None = None
