"""A fixed, believable state for screenshots, snapshot tests and demos.

Everything here is deterministic (one frozen moment, one screening) so an SVG taken today
and one taken next year differ only where the program changed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

# Years of made-up history for the stats: kept in their own module, offered here too.
from support.demo_history import demo_store_with_history as demo_store_with_history
from support.demo_history import synthetic_history as synthetic_history
from trainer.core.catalogue.model import Catalogue
from trainer.core.plan.tailoring import tailor
from trainer.core.records import ExerciseRecord, ScreeningRecord, SessionRecord, SetRecord
from trainer.core.session.clock import FakeClock
from trainer.core.store.protocol import MemoryStore, StateFileProblem

#: The demo's "now": a Friday morning, in UTC so the date never depends on the machine.
DEMO_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def demo_clock() -> FakeClock:
    return FakeClock(start=DEMO_NOW)


def demo_screening(catalogue: Catalogue) -> ScreeningRecord:
    """A clear screening taken two days earlier: every question answered no."""
    return ScreeningRecord(
        taken=DEMO_NOW - timedelta(days=2),
        answers={question.id: False for question in catalogue.screening},
        outcome="clear",
        flags=(),
        pain_now=2,
        level="beginner",
        equipment=("mat", "chair"),
    )


def demo_store(catalogue: Catalogue) -> MemoryStore:
    """A store for someone past the screening and ready to pick a plan."""
    store = MemoryStore()
    store.save_screening(demo_screening(catalogue))
    return store


def demo_unfinished_session(catalogue: Catalogue) -> SessionRecord:
    """Daily stretches started 25 minutes before the demo's now, first set of the first
    exercise done: what a dropped connection leaves behind."""
    started = DEMO_NOW - timedelta(minutes=25)
    plan = catalogue.plans["daily-stretches"]
    tailored = tailor(catalogue, plan, demo_screening(catalogue), {}, started.date())
    first = tailored.exercises[0]
    record = ExerciseRecord(first.exercise.id, first.dosage, first.exercise.per_side)
    record.sets.append(
        SetRecord(
            1,
            "left" if first.exercise.per_side else None,
            first.dosage.reps,
            first.dosage.reps,
            float(first.dosage.hold_s * first.dosage.reps),
            started + timedelta(minutes=2),
        )
    )
    return SessionRecord(started.strftime("%Y%m%dT%H%M%S%z"), plan.id, started, exercises=[record])


def demo_store_interrupted(catalogue: Catalogue) -> MemoryStore:
    """The demo person, with the session a dropped connection left unfinished."""
    store = demo_store(catalogue)
    store.save_session(demo_unfinished_session(catalogue))
    return store


def demo_store_damaged(catalogue: Catalogue) -> MemoryStore:
    """A state file a hand edit broke, as start-up reports it: still in place, since it is
    only moved aside once the person chooses to start fresh."""
    return MemoryStore(
        startup_problems=(
            StateFileProblem(
                Path("/home/ana/backtrainer/exercises.progress.toml"),
                "progress.bridge.reps: expected a whole number, found 'ten'",
            ),
        )
    )
