"""Hand-made session records for stats and export tests: say only what the test is about."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from trainer.core.catalogue.model import Dosage
from trainer.core.records import (
    ExerciseRecord,
    PainKind,
    SessionRecord,
    SessionStatus,
    SetRecord,
    Side,
)


def done(
    exercise_id: str,
    *,
    sets: int = 1,
    reps: int = 10,
    hold_s: int = 0,
    per_side: bool = False,
    reps_done: int | None = None,
    pain_stop: PainKind | None = None,
    skipped: bool = False,
    finished: datetime | None = None,
) -> ExerciseRecord:
    """An exercise record with `sets` sets done (each side when `per_side`)."""
    moment = finished or datetime(2026, 1, 1, 12, 0).astimezone()
    record = ExerciseRecord(
        exercise_id=exercise_id,
        prescribed=Dosage(hold_s=hold_s, reps=reps, sets=max(sets, 1), rest_s=30),
        per_side=per_side,
        skipped=skipped,
        pain_stop=pain_stop,
    )
    sides: tuple[Side | None, ...] = ("left", "right") if per_side else (None,)
    for number in range(1, sets + 1):
        for side in sides:
            count = reps if reps_done is None else reps_done
            record.sets.append(SetRecord(number, side, count, reps, float(count * hold_s), moment))
    return record


def session(
    started: datetime,
    *exercises: ExerciseRecord,
    minutes: float = 10,
    plan_id: str = "daily-stretches",
    pain_before: int | None = None,
    pain_after: int | None = None,
    status: SessionStatus = "completed",
    session_id: str | None = None,
) -> SessionRecord:
    """A finished session; with no exercises given, one stretch set of cat-cow."""
    chosen: Iterable[ExerciseRecord] = exercises or (done("cat-cow", finished=started),)
    return SessionRecord(
        id=session_id or started.strftime("%Y%m%dT%H%M%S%z"),
        plan_id=plan_id,
        started=started,
        ended=started + timedelta(minutes=minutes),
        status=status,
        pain_before=pain_before,
        pain_after=pain_after,
        exercises=list(chosen),
    )
