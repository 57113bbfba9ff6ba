"""The use cases the UI and the CLI share, so that neither does the core's job twice.

Each reads what it needs from the store and hands it to the pure core; the safety policy
(`trainer.core.plan.safety`) is always asked through `safety_status`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from trainer.core.catalogue.model import Catalogue, Level
from trainer.core.plan import progression, safety
from trainer.core.plan.safety import SafetyStatus, assess
from trainer.core.records import ExerciseProgress, PrescriptionChange, SafetyEvent, SessionRecord
from trainer.core.store.files import last_activity
from trainer.core.store.protocol import Store


def safety_status(
    catalogue: Catalogue,
    store: Store,
    now: datetime,
    unsaved: Sequence[SafetyEvent] = (),
) -> SafetyStatus:
    """What the safety policy says now, from everything the store holds and any event this
    process was told but could not save (a full disk must not lift a red flag)."""
    events = sorted([*store.live_safety_events(), *unsaved], key=lambda event: event.when)
    return assess(
        catalogue.screening,
        store.screening(),
        events,
        store.interrupted_session(),
        now,
    )


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
    from trainer.core.stats import figures as stats

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


def catch_up(catalogue: Catalogue, store: Store, today: date) -> list[PrescriptionChange]:
    """Applies the break rule to every exercise with progress; call before tailoring.

    `today` may be a datetime (then it is also the time the changes are recorded), else
    changes are stamped at the day's local midnight. Does nothing on a read-only store.
    """
    if store.read_only_reason is not None or store.startup_problems:
        return []
    if isinstance(today, datetime):
        when, day = today, today.date()
    else:
        when, day = datetime.combine(today, time()).astimezone(), today
    screening = store.screening()
    level: Level = screening.level if screening is not None else "beginner"
    changes: list[PrescriptionChange] = []
    for exercise_id, progress in sorted(store.progress().items()):
        exercise = catalogue.exercises.get(exercise_id)
        if exercise is None:
            continue
        result = progression.after_break(exercise, level, progress, day, when)
        if result is None:
            continue
        updated, change = result
        store.save_progress(updated, change)
        if change is not None:
            changes.append(change)
    return changes
