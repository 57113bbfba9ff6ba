"""The end of a session: progression applied, the session filed, the stats kept current.

Everything a finished session changes is handed to the store in one `file_session` call,
which journals it, so a crash at the end never leaves the plan stepped up for a session
that was not filed (or the other way round).
"""

from __future__ import annotations

from datetime import datetime

from trainer.core import progression, safety
from trainer.core.filestore import last_activity
from trainer.core.model import Catalogue, Level
from trainer.core.records import PrescriptionChange, SessionRecord
from trainer.core.store import ExerciseProgress, Store


def finish_session(
    catalogue: Catalogue, store: Store, record: SessionRecord, now: datetime
) -> list[PrescriptionChange]:
    """Files `record` and returns the prescription changes it led to, to show the user.

    An in-progress record becomes completed (ended `now`); an interrupted one keeps its
    status and ends at its last finished set. A session already filed is not applied twice.
    """
    if record.status == "in-progress":
        record.status = "completed"
    if record.ended is None:
        record.ended = now if record.status == "completed" else last_activity(record)
    if any(s.id == record.id for s in store.sessions(since=record.day)):
        return []
    screening = store.screening()
    level: Level = screening.level if screening is not None else "beginner"
    names = {exercise_id: e.name for exercise_id, e in catalogue.exercises.items()}
    progress = store.progress()
    rose = safety.pain_rose(record.pain_before, record.pain_after)
    updated: dict[str, ExerciseProgress] = {}
    changes: list[PrescriptionChange] = []
    for done in record.exercises:
        exercise = catalogue.exercises.get(done.exercise_id)
        if exercise is None:
            continue  # removed from the catalogue since: keep the record, move nothing
        before = progress.get(done.exercise_id)
        after, change = progression.after_session(
            exercise, level, before, done, record.ended, names, pain_rose=rose
        )
        if after is not None and after != before:
            progress[done.exercise_id] = after
            updated[done.exercise_id] = after
        if change is not None:
            changes.append(change)
    # --- H6: the one place the stats summary is kept up to date --------------------------
    from trainer.core import stats

    summary = None
    if hasattr(stats, "update_summary"):
        summary = stats.update_summary(store.summary(), record)
    # ---------------------------------------------------------------------------------------
    store.file_session(record, list(updated.values()), changes, summary,
                       safety.session_events(record, now))
    return changes


def close_interrupted(
    catalogue: Catalogue, store: Store, now: datetime, pain_now: int | None = None
) -> list[PrescriptionChange]:
    """Files the session a crash left behind as interrupted, with what it did counted
    (a pain stop in it still eases the exercise back). `pain_now`: asked when it holds a
    pain stop, kept as its pain after."""
    session = store.interrupted_session()
    if session is None:
        return []
    session.status = "interrupted"
    if pain_now is not None:
        session.pain_after = pain_now
    return finish_session(catalogue, store, session, now)
