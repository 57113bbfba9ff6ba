"""Records and a small real state for the hostile store tests: only what the tests need."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from trainer.core.catalogue.model import Dosage
from trainer.core.records import (
    ExerciseProgress,
    ExerciseRecord,
    PrescriptionChange,
    ScreeningRecord,
    SessionRecord,
    SetRecord,
)
from trainer.core.store.files import open_store

START = datetime(2026, 11, 16, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def a_screening() -> ScreeningRecord:
    return ScreeningRecord(START, {"disc": False}, "clear", (), 2, "beginner", ("mat",))


def a_session(started: datetime = START, *, status: str = "completed") -> SessionRecord:
    record = ExerciseRecord("bridge", Dosage(0, 8, 2, 30), per_side=False)
    for number in (1, 2):
        record.sets.append(SetRecord(number, None, 8, 8, 0.0, started + timedelta(minutes=number)))
    return SessionRecord(
        id=started.strftime("%Y%m%dT%H%M%S%z"),
        plan_id="daily-stretches",
        started=started,
        ended=None if status == "in-progress" else started + timedelta(minutes=10),
        status=status,  # type: ignore[arg-type]
        pain_before=3,
        pain_after=None if status == "in-progress" else 2,
        exercises=[record],
    )


def a_change(when: datetime, reps: int) -> PrescriptionChange:
    return PrescriptionChange(
        "bridge", when, Dosage(0, reps, 2, 30), Dosage(0, reps + 1, 2, 30), "done in full"
    )


def a_progress(reps: int) -> ExerciseProgress:
    return ExerciseProgress("bridge", 0, reps, 2, 30, 1, START.date())


def five_session_state(state: Path) -> None:
    """A real state: screening, five sessions over two weeks (each with a change), a
    summary, and a session in progress."""
    store = open_store(state)
    store.save_screening(a_screening())
    for k in range(5):
        started = START + timedelta(days=3 * k)
        store.save_session(a_session(started, status="in-progress"))
        store.file_session(
            a_session(started),
            [a_progress(9 + k)],
            [a_change(started + timedelta(minutes=11), 8 + k)],
            {"sessions": k + 1},
        )
    store.save_session(a_session(START + timedelta(days=16), status="in-progress"))
    store.close()


def state_files(state: Path) -> list[Path]:
    folder = state.with_name(state.stem + ".d")
    return [state, *sorted(folder.iterdir())]
