"""What the live session looks like at one instant: the snapshot the screen draws from.

Kept apart from the state machine so the screen depends on plain data, not on how the
machine keeps its books; and kept free of Textual, so tests read it without a terminal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from trainer.core.catalogue.model import Dosage
from trainer.core.records import PainKind, Side


class Phase(StrEnum):
    """Where a session stands in time: each phase has its own cue, countdown and keys."""

    WARM_UP = "warm-up"  # a strength plan's timed warm-up, before the first get-ready
    GET_READY = "get-ready"  # a countdown before an exercise, showing its steps
    HOLD = "hold"  # one held rep, counting down
    RELAX = "relax"  # the short gap between two held reps
    REPS = "reps"  # moving reps: waits for a key press per rep
    SWITCH = "switch"  # "switch sides" between the left and the right of a set
    REST = "rest"  # between sets
    PAIN = "pain"  # stopped for pain: waits for the person to go on or end
    DONE = "done"  # the session is over; the summary follows

    @property
    def is_timed(self) -> bool:
        """Whether the phase ends on a deadline rather than on a key press."""
        return self in TIMED_PHASES

    @property
    def is_work(self) -> bool:
        """Whether the person is doing the exercise now (a hold or moving reps), not waiting."""
        return self in (Phase.HOLD, Phase.REPS)


TIMED_PHASES = frozenset(
    {Phase.WARM_UP, Phase.GET_READY, Phase.HOLD, Phase.RELAX, Phase.SWITCH, Phase.REST}
)

#: The phases that may be lengthened by "+15 s": the waits before work, never a hold.
EXTENDABLE_PHASES = frozenset({Phase.GET_READY, Phase.SWITCH, Phase.REST})

#: countdown: 3-2-1 before a hold; hold-start: the hold begins (two bells); position: the
#: next position inside a rep (one bell); hold-end and rest-end: a hold or a rest is over.
BellKind = Literal["countdown", "hold-start", "position", "hold-end", "rest-end"]


@dataclass(frozen=True, slots=True)
class Bell:
    """One moment the terminal bell should ring: 3-2-1 before a hold, a hold's or rest's end."""

    kind: BellKind
    at: float  # the monotonic instant it was due (not when it was noticed)


@dataclass(frozen=True, slots=True)
class SessionView:
    """Everything the session screen shows, computed for one instant."""

    phase: Phase
    paused: bool
    exercise_index: int  # 0-based position in the plan
    exercise_count: int
    exercise_id: str
    name: str
    position: str
    steps: tuple[str, ...]
    dosage: Dosage
    per_side: bool
    #: What to do right now, in a few words ("Hold", "Switch to your right side").
    cue: str
    reps_done: int  # in the current set (and side)
    reps_target: int
    set_number: int  # 1-based: the set being done, or the one coming after a rest
    sets_target: int
    side: Side | None
    #: Seconds left in a timed phase (never negative), None while waiting for the person.
    remaining_s: float | None
    #: How far through the current phase, 0..1: time for timed phases, reps for moving reps
    #: counted with enter, the beat (this rep's share of its tempo) for paced ones.
    phase_fraction: float
    #: The current timed phase's whole length on the clock (speed applied), else None.
    phase_total_s: float | None
    #: What comes right after this phase, in words ("Relax 3 s", "Rest 30 s", "Summary").
    then: str
    next_exercise: str | None  # the following exercise's name, if any
    session_fraction: float  # 0..1, weighted by each exercise's planned time
    session_remaining_s: float  # a planned-time estimate of what is left
    too_easy: bool
    too_hard: bool
    pain_stop: PainKind | None
    #: The cue of the position held now, for a rep made of positions ("Back flat"), else None.
    position_cue: str | None = None
    #: Nominal seconds a rep when the trainer counts this exercise's moving reps, else None
    #: (enter per rep, or a held exercise). While paced, `remaining_s` runs to the next rep.
    paced_s: float | None = None

    @property
    def is_last_exercise(self) -> bool:
        """True on the plan's last exercise, so the screen can say the end is next."""
        return self.exercise_index >= self.exercise_count - 1

    @property
    def countdown_text(self) -> str:
        """The big number: whole seconds left, rounded up ("1:05" from a minute on)."""
        if self.remaining_s is None:
            return ""
        return format_seconds(math.ceil(self.remaining_s))

    @property
    def side_word(self) -> str:
        """The side in capitals for the screen ("LEFT"), or "" for an exercise without sides."""
        return self.side.upper() if self.side is not None else ""


def empty_view(name: str) -> SessionView:
    """The view of a plan with nothing in it: done before it starts."""
    return SessionView(
        phase=Phase.DONE,
        paused=False,
        exercise_index=0,
        exercise_count=0,
        exercise_id="",
        name=name,
        position="",
        steps=(),
        dosage=Dosage(hold_s=0, reps=1, sets=1, rest_s=0),
        per_side=False,
        cue="Nothing to do in this plan",
        reps_done=0,
        reps_target=1,
        set_number=1,
        sets_target=1,
        side=None,
        remaining_s=None,
        phase_fraction=1.0,
        phase_total_s=None,
        then="",
        next_exercise=None,
        session_fraction=1.0,
        session_remaining_s=0.0,
        too_easy=False,
        too_hard=False,
        pain_stop=None,
    )


def format_seconds(seconds: int) -> str:
    """Seconds as the countdown shows them: "45" under a minute, "1:05" from a minute on."""
    if seconds >= 60:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return str(seconds)


def describe_minutes(seconds: float) -> str:
    """A rough duration for people, not for timing: "about 12 min", "under a minute"."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under a minute"
    return f"about {minutes} min"


def until_next_second(remaining_s: float) -> float:
    """Seconds until a countdown shown in whole seconds (rounded up) next changes.

    A once-a-second display that wakes exactly then shows each number for a full second and
    reaches 0 exactly at the deadline, however late the previous wake-up was.
    """
    if remaining_s <= 0:
        return 0.0
    return remaining_s - (math.ceil(remaining_s) - 1)
