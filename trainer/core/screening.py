"""The safety screening: turns yes/no answers into an outcome that decides what may happen.

The outcome is the strongest one any "yes" reached (urgent > see-clinician > caution >
clear), so adding a question can only make the screening stricter, never looser. Whether a
session may start is answered here too, in one place, so every path to a session (plan
screen, command palette, resume) asks the same question and gets the same sentence back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Final

from trainer.core.model import EQUIPMENT, LEVELS, Level, ScreeningQuestion
from trainer.core.records import ScreeningOutcome, ScreeningRecord

#: Weakest first: an outcome's index is its strength.
OUTCOME_ORDER: Final[tuple[ScreeningOutcome, ...]] = (
    "clear",
    "caution",
    "see-clinician",
    "urgent",
)

#: A screening older than this is asked again (the issue: "more than 4 weeks old").
RECHECK_AFTER: Final = timedelta(days=28)

PAIN_MIN: Final = 0
PAIN_MAX: Final = 10

NO_SCREENING_REASON: Final = (
    "Answer the safety screening before your first session."
)
URGENT_REASON: Final = (
    "Your screening says to seek urgent medical care now. Sessions stay closed until a new "
    "screening without that answer."
)
NOT_CLEARED_REASON: Final = (
    "Your screening says to talk with a healthcare provider first. You can go on once you "
    "confirm that a clinician has cleared you to exercise."
)
DUE_REASON: Final = (
    "Your screening is more than 4 weeks old. Please take it again before a session."
)


class ScreeningError(ValueError):
    """An answer the screening cannot accept; the message is meant for the person."""


def strongest(outcomes: Iterable[ScreeningOutcome]) -> ScreeningOutcome:
    """The strongest of `outcomes`; "clear" when there are none."""
    return max(outcomes, key=OUTCOME_ORDER.index, default="clear")


def validate_pain(value: object) -> int:
    """Pain on the 0-10 numeric rating scale, or a `ScreeningError` saying what is wrong."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScreeningError(f"Pain must be a whole number from {PAIN_MIN} to {PAIN_MAX}.")
    if not PAIN_MIN <= value <= PAIN_MAX:
        raise ScreeningError(
            f"Pain must be from {PAIN_MIN} (no pain) to {PAIN_MAX}; {value} is out of range."
        )
    return value


def evaluate(
    questions: Sequence[ScreeningQuestion],
    answers: Mapping[str, bool],
    *,
    pain_now: int,
    level: Level,
    equipment: Iterable[str],
    taken: datetime,
) -> ScreeningRecord:
    """Scores a completed screening. Every question must be answered, and nothing else.

    Flags come from every "yes" on a caution or see-clinician question that has one, in the
    order the questions are asked, each once.
    """
    known = {q.id for q in questions}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ScreeningError(f"Not a screening question: {', '.join(unknown)}.")
    missing = [q.id for q in questions if q.id not in answers]
    if missing:
        raise ScreeningError(f"Not answered yet: {', '.join(missing)}.")
    if level not in LEVELS:
        raise ScreeningError(f"Experience level must be one of {', '.join(LEVELS)}.")
    have = tuple(dict.fromkeys(equipment))
    strange = [item for item in have if item not in EQUIPMENT]
    if strange:
        raise ScreeningError(f"Unknown equipment: {', '.join(strange)}.")

    said_yes = [q for q in questions if answers[q.id]]
    flags: dict[str, None] = {}
    for question in said_yes:
        if question.flag and question.outcome in ("caution", "see-clinician"):
            flags[question.flag] = None
    return ScreeningRecord(
        taken=taken,
        answers={q.id: bool(answers[q.id]) for q in questions},
        outcome=strongest(q.outcome for q in said_yes),
        flags=tuple(flags),
        pain_now=validate_pain(pain_now),
        level=level,
        equipment=tuple(item for item in EQUIPMENT if item in have),
    )


def yes_answers(
    questions: Sequence[ScreeningQuestion], record: ScreeningRecord
) -> tuple[ScreeningQuestion, ...]:
    """The questions this record answered "yes", in the order asked (for advice texts)."""
    return tuple(q for q in questions if record.answers.get(q.id, False))


def is_due(record: ScreeningRecord | None, now: datetime) -> bool:
    """True when there is no screening, or it is more than 4 weeks (28 days) old."""
    return record is None or now - record.taken > RECHECK_AFTER


def session_block_reason(record: ScreeningRecord | None, now: datetime) -> str | None:
    """Why no session may start now, as a sentence for the screen; None when one may.

    Refuses with no screening, an urgent outcome (clinician clearance does not lift it: only
    a new screening does), a see-clinician outcome not yet cleared, or a stale screening.
    """
    if record is None:
        return NO_SCREENING_REASON
    if record.outcome == "urgent":
        return URGENT_REASON
    if record.outcome == "see-clinician" and record.clinician_cleared is None:
        return NOT_CLEARED_REASON
    if is_due(record, now):
        return DUE_REASON
    return None


def record_clinician_clearance(record: ScreeningRecord, when: datetime) -> ScreeningRecord:
    """A copy of `record` saying a clinician cleared this person to exercise on `when`.

    Refused for an urgent outcome: that needs care now, not a confirmation.
    """
    if record.outcome == "urgent":
        raise ScreeningError(
            "An urgent answer cannot be cleared here: seek urgent medical care, then take "
            "the screening again."
        )
    return dataclasses.replace(
        record, answers=dict(record.answers), clinician_cleared=when
    )
