"""Years of believable, made-up training history: for stats screenshots, snapshot tests and
the benchmarks that must show the program stays fast with five years behind it.

Deterministic: the same catalogue, length, seed and end give the same sessions, so a
screenshot of the stats screen changes only when the program does.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from trainer.core.catalogue.model import Catalogue, Dosage, Exercise, Plan
from trainer.core.records import (
    ActivityRecord,
    ExerciseProgress,
    ExerciseRecord,
    PainKind,
    PrescriptionChange,
    SessionRecord,
    SetRecord,
    Side,
)
from trainer.core.stats.aggregate import build_summary

if TYPE_CHECKING:
    from trainer.core.store.protocol import MemoryStore

#: Seconds a moving rep takes, and the pause before a set starts, in made-up sessions.
_REP_SECONDS = 3
_SET_START_SECONDS = 5
#: Full sessions in a row before a made-up prescription steps up.
_FULL_BEFORE_STEP = 6
#: Made-up sessions start only when they would surely end before the history's end.
_LONGEST_SESSION = timedelta(hours=3)


def session_id(started: datetime) -> str:
    """The start time as compact ISO 8601 (the id `SessionRecord.id` documents)."""
    return started.strftime("%Y%m%dT%H%M%S%z")


@dataclass
class _Progress:
    dosage: Dosage
    full_in_a_row: int = 0


class _History:
    """The made-up person: their prescriptions, their pain, their habits."""

    def __init__(self, catalogue: Catalogue, rng: random.Random) -> None:
        self.catalogue = catalogue
        self.rng = rng
        self.progress: dict[str, _Progress] = {}
        self.changes: list[PrescriptionChange] = []
        plans = list(catalogue.plans.values())
        self.stretch_plans = [p for p in plans if not catalogue.is_strength_plan(p)] or plans
        self.strength_plans = [p for p in plans if catalogue.is_strength_plan(p)] or plans

    def sessions(self, years: float, end: datetime) -> Iterator[SessionRecord]:
        rng = self.rng
        days = max(1, round(years * 365.25))
        first = end.date() - timedelta(days=days)
        strength_weekdays = (1, 4)  # Tuesday and Friday evenings
        off_until = -1
        for day_index in range(days + 1):
            day = first + timedelta(days=day_index)
            if day_index > off_until and rng.random() < 0.006:
                off_until = day_index + rng.randint(3, 12)  # a holiday, a cold
            if day_index <= off_until:
                continue
            planned: list[tuple[Plan, float]] = []
            if rng.random() < 0.92:
                planned.append((rng.choice(self.stretch_plans), rng.uniform(6.5, 8.5)))
            if day.weekday() in strength_weekdays and rng.random() < 0.9:
                planned.append((rng.choice(self.strength_plans), rng.uniform(17.5, 20.0)))
            elif rng.random() < 0.8:
                planned.append((rng.choice(self.stretch_plans), rng.uniform(18.0, 21.5)))
            for plan, hour in planned:
                started = _at(day, hour, end)
                if started + _LONGEST_SESSION <= end:
                    yield self.session(plan, started, day_index)

    def pain_level(self, day_index: int) -> float:
        """Starts around 6 out of 10 and eases to below 1 over the first eight months."""
        eased = min(1.0, day_index / 240)
        return 6.0 - 5.3 * eased + self.rng.uniform(-0.8, 0.8)

    def session(self, plan: Plan, started: datetime, day_index: int) -> SessionRecord:
        rng = self.rng
        before = max(0, min(10, round(self.pain_level(day_index))))
        record = SessionRecord(
            id=session_id(started),
            plan_id=plan.id,
            started=started,
            status="completed",
            pain_before=before,
        )
        moment = started
        for exercise in self.catalogue.plan_exercises(plan):
            done, moment = self.exercise(exercise, moment)
            record.exercises.append(done)
            if done.pain_stop is not None:
                break
        record.ended = moment + timedelta(seconds=rng.randint(20, 90))
        if rng.random() < 0.9:
            record.pain_after = max(0, before - rng.choice((0, 0, 1, 1, 2)))
        return record

    def exercise(self, exercise: Exercise, moment: datetime) -> tuple[ExerciseRecord, datetime]:
        rng = self.rng
        state = self.progress.setdefault(exercise.id, _Progress(exercise.dosage))
        dosage = state.dosage
        record = ExerciseRecord(exercise.id, dosage, exercise.per_side)
        if rng.random() < 0.04:
            record.skipped = True
            return record, moment
        sides: tuple[Side | None, ...] = ("left", "right") if exercise.per_side else (None,)
        stop_at = rng.randrange(dosage.sets * len(sides)) if rng.random() < 0.008 else None
        for set_number in range(1, dosage.sets + 1):
            for side in sides:
                if stop_at is not None and len(record.sets) == stop_at:
                    kinds: tuple[PainKind, ...] = ("sharp", "radiating", "other")
                    record.pain_stop = rng.choice(kinds)
                    return self._settle(exercise, record, state), moment
                reps = dosage.reps if rng.random() < 0.9 else rng.randint(1, dosage.reps)
                held = float(reps * dosage.hold_s)
                moving = 0 if dosage.is_hold else reps * _REP_SECONDS
                moment += timedelta(seconds=_SET_START_SECONDS + held + moving)
                record.sets.append(SetRecord(set_number, side, reps, dosage.reps, held, moment))
            if set_number < dosage.sets:
                moment += timedelta(seconds=dosage.rest_s)
        record.too_hard = rng.random() < 0.03
        record.too_easy = not record.too_hard and rng.random() < 0.02
        return self._settle(exercise, record, state), moment

    def _settle(
        self, exercise: Exercise, record: ExerciseRecord, state: _Progress
    ) -> ExerciseRecord:
        """A made-up progression (the real one lives in `trainer.core.plan.progression`): step up
        after a run of full sessions, back off after a pain stop or a too-hard."""
        when = record.sets[-1].finished if record.sets else None
        if record.pain_stop is not None or record.too_hard:
            state.full_in_a_row = 0
            self._change(
                exercise,
                state,
                _step(exercise, state.dosage, -1),
                when,
                "Stopped for pain: one step back."
                if record.pain_stop
                else "Marked too hard: one step back.",
            )
        elif record.done_in_full:
            state.full_in_a_row += 1
            if state.full_in_a_row >= _FULL_BEFORE_STEP:
                state.full_in_a_row = 0
                self._change(
                    exercise,
                    state,
                    _step(exercise, state.dosage, +1),
                    when,
                    f"Done in full {_FULL_BEFORE_STEP} sessions in a row: one step up.",
                )
        else:
            state.full_in_a_row = 0
        return record

    def _change(
        self,
        exercise: Exercise,
        state: _Progress,
        after: Dosage,
        when: datetime | None,
        reason: str,
    ) -> None:
        if after == state.dosage or when is None:
            return
        self.changes.append(PrescriptionChange(exercise.id, when, state.dosage, after, reason))
        state.dosage = after


def _step(exercise: Exercise, dosage: Dosage, direction: int) -> Dosage:
    """One step along hold (5 s at a time), then reps, then sets; never past the
    catalogue's ceilings or below its start."""
    start = exercise.dosage
    if direction > 0:
        if dosage.is_hold and dosage.hold_s < exercise.max_hold_s:
            return _replace(dosage, hold_s=min(dosage.hold_s + 5, exercise.max_hold_s))
        if dosage.reps < exercise.max_reps:
            return _replace(dosage, reps=dosage.reps + 1)
        if dosage.sets < exercise.max_sets:
            return _replace(dosage, sets=dosage.sets + 1, reps=start.reps)
        return dosage
    if dosage.reps > start.reps:
        return _replace(dosage, reps=dosage.reps - 1)
    if dosage.is_hold and dosage.hold_s > start.hold_s:
        return _replace(dosage, hold_s=max(dosage.hold_s - 5, start.hold_s))
    return dosage


def _replace(dosage: Dosage, **changes: int) -> Dosage:
    values = {
        "hold_s": dosage.hold_s,
        "reps": dosage.reps,
        "sets": dosage.sets,
        "rest_s": dosage.rest_s,
    }
    values.update(changes)
    return Dosage(**values)


def _at(day: date, hour: float, end: datetime) -> datetime:
    """`day` at `hour` (fractional) local time in `end`'s zone."""
    minutes = round(hour * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=end.tzinfo)


def synthetic_history(
    catalogue: Catalogue, years: float, seed: int, end: datetime
) -> Iterator[SessionRecord]:
    """Finished sessions, oldest first, over `years` before `end` (timezone-aware):
    a stretch most mornings, a strength session two evenings a week and a second stretch
    on some other evenings, with missed days, the odd week off, occasional too-hard and
    pain stops, and pain before sessions slowly easing. Nothing ends after `end`."""
    yield from _History(catalogue, random.Random(seed)).sessions(years, end)


def demo_store_with_history(
    catalogue: Catalogue, years: float = 0.5, seed: int = 7, end: datetime | None = None
) -> MemoryStore:
    """`support.demo.demo_store` plus `years` of history ending just before the demo's
    "now": sessions, the progress they led to, the changes with their reasons, and an
    up-to-date stats summary. For stats screenshots and snapshot tests."""
    from support.demo import DEMO_NOW, demo_store

    store = demo_store(catalogue)
    person = _History(catalogue, random.Random(seed))
    sessions = list(person.sessions(years, end or DEMO_NOW))
    for session in sessions:
        store.save_session(session)
    last_done: dict[str, date] = {}
    for session in sessions:
        for exercise in session.exercises:
            if exercise.sets:
                last_done[exercise.exercise_id] = session.day
    for change in person.changes:
        store.save_progress(_progress_of(change.exercise_id, change.after, None), change)
    for exercise_id, state in person.progress.items():
        store.save_progress(
            _progress_of(exercise_id, state.dosage, last_done.get(exercise_id)), None
        )
    store.save_summary(build_summary(sessions))
    # Light to moderate activity logged on three days of the demo's week.
    last = end or DEMO_NOW
    for back, kind, minutes in ((4, "walking", 30), (3, "easy cycling", 20), (1, "walking", 25)):
        store.log_activity(ActivityRecord(last - timedelta(days=back), kind, minutes))
    return store


def _progress_of(exercise_id: str, dosage: Dosage, last_done: date | None) -> ExerciseProgress:
    return ExerciseProgress(
        exercise_id=exercise_id,
        hold_s=dosage.hold_s,
        reps=dosage.reps,
        sets=dosage.sets,
        rest_s=dosage.rest_s,
        last_done=last_done,
    )
