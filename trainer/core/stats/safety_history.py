"""The safety history in words: every red-flag answer, severe pain rating, pain stop, pain
rise, check-back answer and clearance, with its date, newest first.

One wording shared by `trainer stats`, the stats screen and `trainer export`, so that what
a person told the trainer about their safety reads the same wherever they (or their
clinician) look, and a date on one matches the date on the other. Pure: the events, the
last completed screening and the catalogue (for the questions' and exercises' names) come
in as arguments; without a catalogue the ids are shown instead, so an export never fails
for want of one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

from trainer.core.catalogue.model import Catalogue
from trainer.core.plan.screening import OUTCOME_WORDS
from trainer.core.records import (
    CheckBack,
    Clearance,
    PainRise,
    PainStop,
    RedFlagAnswer,
    SafetyEvent,
    ScreeningOutcome,
    ScreeningRecord,
    SeverePain,
    safety_kind,
)
from trainer.core.stats.text import short_day

SafetyKind = Literal[
    "red-flag", "severe-pain", "pain-stop", "pain-rise", "check-back", "clearance", "screening"
]

#: What a yes to a question of each outcome means, in brackets after the question.
OUTCOME_NOTE: Final[dict[ScreeningOutcome, str]] = {
    "urgent": "urgent",
    "see-clinician": "see a clinician",
    "caution": "go carefully",
    "clear": "no concern",
}
CLEARED_WORDS: Final = "you confirmed that a clinician has cleared you to exercise"
NO_HISTORY: Final = (
    "Nothing yet. Red-flag answers, severe pain, pain stops, pain that rose, answers to "
    '"Does it still hurt?" and clearances are listed here with their dates.'
)


@dataclass(frozen=True, slots=True)
class SafetyEntry:
    """One thing said about safety: when, which kind, and in words."""

    when: datetime
    kind: SafetyKind
    words: str

    @property
    def stamp(self) -> str:
        """The day with its year ("1 Dec 2026 08:12"), so a line read later in a mail or an
        export is never ambiguous; the time in its own offset, the one the person lived it
        in."""
        return f"{short_day(self.when.date())} {self.when:%H:%M}"

    @property
    def line(self) -> str:
        """The stamp, two spaces, the words: 1 Dec 2026 08:12  a yes to "..." (urgent)."""
        return f"{self.stamp}  {self.words}"


def event_kind(event: SafetyEvent) -> SafetyKind:
    """The event's kind, as `trainer export` names it (`records.safety_kind`)."""
    return safety_kind(event)


def question_text(question_id: str, catalogue: Catalogue | None) -> str:
    """The question as it was asked, or its id when the catalogue no longer has it."""
    if catalogue is not None:
        for question in catalogue.screening:
            if question.id == question_id:
                return question.question
    return question_id


def describe(event: SafetyEvent, catalogue: Catalogue | None = None) -> str:
    """The event in words, for a person or their clinician."""
    match event:
        case RedFlagAnswer(question_id=question_id, outcome=outcome):
            note = OUTCOME_NOTE.get(outcome, outcome)
            return f'a yes to "{question_text(question_id, catalogue)}" ({note})'
        case SeverePain(pain=pain, moment=moment):
            where = "at the screening" if moment == "screening" else "before a session"
            return f"pain {pain} out of 10 {where}: severe, see a clinician first"
        case PainStop(exercise_id=exercise_id, kind=kind):
            exercise = catalogue.exercises.get(exercise_id) if catalogue is not None else None
            name = exercise.name if exercise is not None else exercise_id
            return f"stopped {name} for pain ({kind})"
        case PainRise(before=before, after=after):
            return (
                f"pain rose from {before} to {after} out of 10 during a session: "
                "increased pain is not normal"
            )
        case CheckBack(still_hurts=True):
            return (
                '"Does it still hurt?" yes, after a pain stop: stop exercising and contact '
                "your doctor"
            )
        case CheckBack():
            return '"Does it still hurt?" no, after a pain stop'
        case Clearance():
            return CLEARED_WORDS


def safety_history(
    events: Iterable[SafetyEvent],
    screening: ScreeningRecord | None,
    catalogue: Catalogue | None = None,
) -> list[SafetyEntry]:
    """Every event and the last completed screening (with its clearance, when it has one
    no event already names), newest first; at the same moment, the later recorded first."""
    entries = [
        SafetyEntry(event.when, event_kind(event), describe(event, catalogue)) for event in events
    ]
    if screening is not None:
        entries.append(
            SafetyEntry(
                screening.taken,
                "screening",
                f"screening completed: {OUTCOME_WORDS.get(screening.outcome, screening.outcome)}",
            )
        )
        cleared = screening.clinician_cleared
        if cleared is not None and not any(
            entry.kind == "clearance" and entry.when == cleared for entry in entries
        ):
            entries.append(SafetyEntry(cleared, "clearance", CLEARED_WORDS))
    ordered = sorted(enumerate(entries), key=lambda pair: (pair[1].when, pair[0]), reverse=True)
    return [entry for _, entry in ordered]


def history_lines(
    events: Iterable[SafetyEvent],
    screening: ScreeningRecord | None,
    catalogue: Catalogue | None = None,
) -> list[str]:
    """`safety_history` as dated lines, newest first."""
    return [entry.line for entry in safety_history(events, screening, catalogue)]
