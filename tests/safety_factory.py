"""Safety events for the tests: one of each kind, so that every wording, column and field
is seen at least once."""

from __future__ import annotations

from datetime import datetime, timedelta

from trainer.core.records import (
    CheckBack,
    Clearance,
    PainRise,
    PainStop,
    RedFlagAnswer,
    SafetyEvent,
    SeverePain,
)

#: The kinds of `one_of_each`, in its order.
KINDS = (
    "red-flag",
    "red-flag",
    "severe-pain",
    "pain-stop",
    "pain-rise",
    "check-back",
    "check-back",
    "clearance",
)


def one_of_each(start: datetime) -> list[SafetyEvent]:
    """Every kind of safety event, oldest first, a few minutes apart from `start`: an
    urgent and a see-clinician yes (to catalogue_factory's questions), severe pain before a
    session, a pain stop and a pain rise in session "s1", both check-back answers, and a
    clearance."""
    return [
        RedFlagAnswer(start, "bladder-bowel", "urgent"),
        RedFlagAnswer(start + timedelta(minutes=1), "surgery", "see-clinician"),
        SeverePain(start + timedelta(minutes=2), 8, "before"),
        PainStop(start + timedelta(minutes=3), "s1", "bridge", "sharp"),
        PainRise(start + timedelta(minutes=4), "s1", 2, 5),
        CheckBack(start + timedelta(minutes=18), True),
        CheckBack(start + timedelta(minutes=19), False),
        Clearance(start + timedelta(minutes=20)),
    ]
