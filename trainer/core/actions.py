"""The use cases the UI and the CLI share, so that neither does the core's job twice.

Open the store, ask whether a session may start (the safety policy, always through
`safety_status`), save a set, finish a session, close an interrupted one, catch up after a
break, read the stats. Each reads what it needs from the store and hands it to the pure
core. `Trainer` bundles them over one catalogue, store and clock for the app; the plain
commands call the functions directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.catalogue.model import Catalogue, Level
from trainer.core.plan import progression, safety
from trainer.core.plan.safety import SafetyStatus, assess
from trainer.core.records import (
    ActivityRecord,
    ExerciseProgress,
    PrescriptionChange,
    SafetyEvent,
    SessionRecord,
)
from trainer.core.session.clock import Clock, SystemClock
from trainer.core.store import files
from trainer.core.store.protocol import MemoryStore, Store

if TYPE_CHECKING:
    from trainer.core.stats.figures import Stats


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
        record.ended = now if record.status == "completed" else record.last_activity
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
    store.file_session(
        record, list(updated.values()), changes, summary, safety.session_events(record, now)
    )
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


def open_store(path: Path, *, note: str | None = None, for_reading: bool = False) -> Store:
    """The state at `path`, for the app (`for_reading=False`: takes the writer's lock, or
    reads only while another trainer holds it) or for a command that only looks (never
    locks or writes; no state yet gives an empty store, so a look creates no file)."""
    if not for_reading:
        return files.open_store(path, location_note=note)
    if not path.exists() and not files.StateFiles(path).folder.exists():
        return MemoryStore()
    return files.open_store_for_reading(path)


@dataclass
class Trainer:
    """The use cases over one catalogue, one store and one clock: what the app's screens
    are given, so that none of them reaches into the app or the files itself."""

    catalogue: Catalogue
    store: Store
    clock: Clock = field(default_factory=SystemClock)
    #: Safety events this process was told but could not save (a full disk): they still
    #: count, here, until the process ends.
    unsaved_safety: list[SafetyEvent] = field(default_factory=list)
    #: Activity logged but not yet written (a full disk): written with the next one.
    unsaved_activity: list[ActivityRecord] = field(default_factory=list)

    def now(self) -> datetime:
        """The wall time, from the injected clock."""
        return self.clock.now()

    def safety_status(self) -> SafetyStatus:
        """What the safety policy says now."""
        return safety_status(self.catalogue, self.store, self.now(), self.unsaved_safety)

    def record_safety(self, event: SafetyEvent) -> None:
        """Keeps a safety event the moment it is given. Raises OSError when the store cannot
        (a full disk); the event still counts in this process."""
        try:
            self.store.record_safety_event(event)
        except OSError:
            self.unsaved_safety.append(event)
            raise

    def refusal(self) -> str | None:
        """Why no session may start now (another trainer writes, or the safety policy says
        no), in words; None when one may."""
        return self.store.read_only_reason or self.safety_status().block_reason

    def log_activity(self, activity: ActivityRecord) -> None:
        """Logs light to moderate activity (and any a full disk refused before, oldest
        first). Raises OSError when it could not be written; it is kept to write next time."""
        self.unsaved_activity.append(activity)
        while self.unsaved_activity:
            self.store.log_activity(self.unsaved_activity[0])
            self.unsaved_activity.pop(0)

    def remember_setting(self, key: str, value: object) -> None:
        """Keeps one of the person's settings (the bell, motion, the theme, that a note was
        shown) for next time. Nothing is written when another trainer writes (the choice
        lasts for this run) or when it is already kept. Raises OSError when it could not be."""
        store = self.store
        if store.read_only_reason is not None:
            return
        settings = store.settings()
        if key in settings and settings[key] == value:
            return
        settings[key] = value
        store.save_settings(settings)

    def save_progress(self, record: SessionRecord) -> None:
        """After every set: the session so far, so a crash loses one set at most. Raises
        OSError when it could not be written; nothing is written on a read-only store."""
        if self.store.read_only_reason is None:
            self.store.save_session(record)

    def finish(self, record: SessionRecord) -> list[PrescriptionChange]:
        """Files a finished (or ended) session; see `finish_session`."""
        return finish_session(self.catalogue, self.store, record, self.now())

    def close_interrupted(self, pain_now: int | None = None) -> list[PrescriptionChange]:
        """Files the session a crash left behind; see `close_interrupted`."""
        return close_interrupted(self.catalogue, self.store, self.now(), pain_now)

    def catch_up(self) -> list[PrescriptionChange]:
        """Eases back what a long break calls for, before a plan is tailored."""
        return catch_up(self.catalogue, self.store, self.now())

    def stats(self, *, may_save: bool) -> Stats:
        """The stats for today; `may_save` keeps the stats summary current."""
        from trainer.core.stats.figures import read_stats  # only when the stats are asked

        return read_stats(self.store, self.catalogue, self.now().date(), may_save=may_save)
