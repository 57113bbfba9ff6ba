"""The safety screening: turns yes/no answers into an outcome that decides what may happen.

The outcome is the strongest one any "yes" reached (urgent > see-clinician > caution >
clear), so adding a question can only make the screening stricter, never looser; a severe
pain rating (7-10) counts as a see-clinician yes. Whether a session may start is not
answered here but by the safety policy, `trainer.core.plan.safety`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Final

from trainer.core.catalogue.model import EQUIPMENT, LEVELS, Level, ScreeningQuestion
from trainer.core.plan.safety import is_severe
from trainer.core.records import ScreeningOutcome, ScreeningRecord

#: Weakest first: an outcome's index is its strength.
OUTCOME_ORDER: Final[tuple[ScreeningOutcome, ...]] = (
    "clear",
    "caution",
    "see-clinician",
    "urgent",
)

#: A screening's outcome in words, everywhere one is shown (the plans' header, the stats,
#: the safety history): "go carefully" is the caution screen's own heading, so a caution
#: reads the same on every screen.
OUTCOME_WORDS: Final[dict[ScreeningOutcome, str]] = {
    "clear": "clear",
    "caution": "go carefully",
    "see-clinician": "see a clinician first",
    "urgent": "urgent: seek medical care",
}

PAIN_MIN: Final = 0
PAIN_MAX: Final = 10


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
    outcomes: list[ScreeningOutcome] = [q.outcome for q in said_yes]
    if is_severe(validate_pain(pain_now)):
        outcomes.append("see-clinician")  # severe pain is a yes to "severe, sudden, worse"
    return ScreeningRecord(
        taken=taken,
        answers={q.id: bool(answers[q.id]) for q in questions},
        outcome=strongest(outcomes),
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


def record_clinician_clearance(record: ScreeningRecord, when: datetime) -> ScreeningRecord:
    """A copy of `record` saying a clinician cleared this person to exercise on `when`.

    Refused for an urgent outcome: that needs care now, not a confirmation.
    """
    if record.outcome == "urgent":
        raise ScreeningError(
            "An urgent answer cannot be cleared here: seek urgent medical care, then take "
            "the screening again."
        )
    return dataclasses.replace(record, answers=dict(record.answers), clinician_cleared=when)
