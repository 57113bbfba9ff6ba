"""Writes years of synthetic twice-daily history through the real FileStore (run on purpose).

    python benchmarks/generate_history.py --years 5 --out DIR
    python benchmarks/generate_history.py --years 5 --catalogue PATH   # state beside it

Twice a day, every day, for `--years` up to `--end` (default: the demo's "now"): a stretch
plan in the morning, and in the evening a strength plan on two days a week, else another
stretch plan. Each session is tailored from the catalogue for an intermediate person with
every piece of equipment (the most exercises per plan), done set by set with sides, holds
and occasional skips, too-easy / too-hard marks and pain stops, and filed with
`finish_session`, so progression, the change log and the stats summary are all real.
That is heavier than any real person's history, which is the point: the store's costs are
measured at their worst. Deterministic for a given `--seed`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # tests/support: the demo state

from support.demo import DEMO_NOW  # noqa: E402

from trainer.core.actions import finish_session  # noqa: E402
from trainer.core.catalogue.loader import load_catalogue  # noqa: E402
from trainer.core.catalogue.model import EQUIPMENT, Catalogue, Plan  # noqa: E402
from trainer.core.plan.safety import CHECK_BACK_AFTER, session_pain_stops  # noqa: E402
from trainer.core.plan.tailoring import PlannedExercise, tailor  # noqa: E402
from trainer.core.records import (  # noqa: E402
    CheckBack,
    ExerciseRecord,
    ScreeningRecord,
    SessionRecord,
    SetRecord,
    Side,
)
from trainer.core.store.codec import PAIN_KINDS  # noqa: E402
from trainer.core.store.files import FileStore, open_store  # noqa: E402
from trainer.paths import bundled_catalogue, state_location  # noqa: E402

REP_SECONDS = 3.0
SET_GAP_SECONDS = 5.0


def screening(catalogue: Catalogue, taken: datetime) -> ScreeningRecord:
    return ScreeningRecord(
        taken=taken,
        answers={question.id: False for question in catalogue.screening},
        outcome="clear",
        flags=(),
        pain_now=2,
        level="intermediate",
        equipment=EQUIPMENT,
    )


def _plans(catalogue: Catalogue) -> tuple[list[Plan], list[Plan]]:
    plans = list(catalogue.plans.values())
    stretch = [p for p in plans if not catalogue.is_strength_plan(p)] or plans
    strength = [p for p in plans if catalogue.is_strength_plan(p)] or plans
    return stretch, strength


def _do_exercise(
    rng: random.Random, planned: PlannedExercise, clock: datetime, pain_level: float
) -> tuple[ExerciseRecord, datetime]:
    exercise, dosage = planned.exercise, planned.dosage
    record = ExerciseRecord(exercise.id, dosage, exercise.per_side)
    roll = rng.random()
    if roll < 0.03:
        record.skipped = True
        return record, clock
    sides: tuple[Side | None, ...] = ("left", "right") if exercise.per_side else (None,)
    stop_at = rng.randrange(dosage.sets * len(sides)) if roll < 0.04 + pain_level / 200 else None
    unit = 0
    for number in range(1, dosage.sets + 1):
        for side in sides:
            short = stop_at is not None and unit == stop_at
            reps = rng.randrange(dosage.reps) if short else dosage.reps
            held = float(reps * dosage.hold_s) + (rng.random() if dosage.hold_s else 0.0)
            clock += timedelta(seconds=SET_GAP_SECONDS + reps * max(dosage.hold_s, REP_SECONDS))
            record.sets.append(SetRecord(number, side, reps, dosage.reps, held, clock))
            if short:
                record.pain_stop = rng.choice(PAIN_KINDS)
                return record, clock
            unit += 1
        clock += timedelta(seconds=dosage.rest_s)
    mark = rng.random()
    record.too_hard = mark < 0.02
    record.too_easy = 0.02 <= mark < 0.05
    return record, clock


def sessions(
    catalogue: Catalogue, store: FileStore, years: float, seed: int, end: datetime
) -> Iterator[tuple[SessionRecord, datetime]]:
    """Each session, oldest first, with the moment it ended; tailored from the store's
    progress as it stands when the session starts (so progression feeds back)."""
    rng = random.Random(seed)
    stretch, strength = _plans(catalogue)
    record = store.screening()
    assert record is not None
    first = (end - timedelta(days=round(365.25 * years))).date()
    day = first
    while day < end.date():
        pain_level = max(0.0, 5.0 - 4.0 * (day - first).days / max(1.0, 365.25 * years))
        evening_strength = day.weekday() in (1, 4)
        for hour, choices in ((7.5, stretch), (18.5, strength if evening_strength else stretch)):
            started = datetime.combine(day, datetime.min.time(), tzinfo=end.tzinfo) + (
                timedelta(hours=hour, minutes=rng.randrange(-40, 40))
            )
            plan = rng.choice(choices)
            tailored = tailor(catalogue, plan, record, store.progress(), day)
            clock = started
            session = SessionRecord(
                started.strftime("%Y%m%dT%H%M%S%z"),
                plan.id,
                started,
                pain_before=min(10, round(pain_level + rng.random() * 2)),
            )
            for planned in tailored.exercises:
                done, clock = _do_exercise(rng, planned, clock, pain_level)
                session.exercises.append(done)
            session.pain_after = max(0, (session.pain_before or 0) - rng.randrange(0, 2))
            yield session, clock + timedelta(seconds=30)
        day += timedelta(days=1)


def generate(catalogue: Catalogue, state: Path, years: float, seed: int, end: datetime) -> int:
    """Files the history into a new state at `state`; returns how many sessions."""
    if state.exists():
        raise SystemExit(f"{state} exists already: use a new folder")
    store = open_store(state)
    try:
        first = end - timedelta(days=round(365.25 * years))
        store.save_screening(screening(catalogue, first))
        count = 0
        started = time.perf_counter()
        for session, ended in sessions(catalogue, store, years, seed, end):
            finish_session(catalogue, store, session, ended)
            for stop in session_pain_stops(session):  # answered, as a person would
                store.record_safety_event(CheckBack(stop.when + CHECK_BACK_AFTER, False))
            count += 1
            if count % 730 == 0:
                print(
                    f"  {count} sessions ({time.perf_counter() - started:.0f} s)",
                    file=sys.stderr,
                    flush=True,
                )
        store.save_screening(screening(catalogue, end - timedelta(days=1)))
        return count
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=float, required=True)
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--out",
        type=Path,
        help="a new folder: the catalogue is copied there and the state written beside it",
    )
    where.add_argument("--catalogue", type=Path, help="write the state beside this catalogue")
    parser.add_argument("--seed", type=int, default=20261120)
    parser.add_argument(
        "--end",
        type=date.fromisoformat,
        default=None,
        help="the day the history ends (default: the demo's now)",
    )
    args = parser.parse_args(argv)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        catalogue_path = args.out / "exercises.toml"
        if not catalogue_path.exists():
            shutil.copyfile(bundled_catalogue(), catalogue_path)
    else:
        catalogue_path = args.catalogue or bundled_catalogue()
    catalogue = load_catalogue(catalogue_path)
    end = (
        DEMO_NOW
        if args.end is None
        else datetime.combine(args.end, DEMO_NOW.timetz()).replace(tzinfo=UTC)
    )
    state = state_location(catalogue_path, None).path
    began = time.perf_counter()
    count = generate(catalogue, state, args.years, args.seed, end)
    print(f"{count} sessions written to {state} in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
