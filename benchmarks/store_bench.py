"""How the store's costs grow with history (run on purpose, never in the test suite).

    python benchmarks/store_bench.py [--years 0 1 5] [--runs 9] [--keep DIR]

For each length of history (made by `generate_history.py`: twice-daily sessions, filed
through the real FileStore), in this process (imports warm, so only the store differs):

- load for start-up: `open_store` and everything the first screen asks of it (screening,
  progress, settings, an interrupted session), then close; goal at 5 years <= 30 ms;
- save a set: `save_session` of an in-progress session after each set of a 12-exercise
  plan; goal at 5 years <= 10 ms (median; the worst is reported too);
- finish a session: `finish_session` (progression, filing, stats summary); no goal;
- start to first screen: open the store, start the app headless at 80x24 and wait until
  its first screen is mounted and painted; goal at 5 years within 10% of an empty history.

Each figure is the median of `--runs` runs (min and max beside it); the start-up runs of
the different histories are interleaved so that the machine's drift does not favour one.
Prints Markdown on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))  # tests/support: the demo state
sys.path.insert(0, str(HERE))

from generate_history import generate  # noqa: E402
from support.demo import DEMO_NOW  # noqa: E402

from trainer.core.actions import finish_session  # noqa: E402
from trainer.core.catalogue.loader import load_catalogue  # noqa: E402
from trainer.core.catalogue.model import Catalogue  # noqa: E402
from trainer.core.plan.tailoring import tailor  # noqa: E402
from trainer.core.records import ExerciseRecord, SessionRecord, SetRecord, Side  # noqa: E402
from trainer.core.session.clock import FakeClock  # noqa: E402
from trainer.core.store.files import open_store  # noqa: E402
from trainer.paths import bundled_catalogue  # noqa: E402

LOAD_GOAL_MS = 30.0
SET_GOAL_MS = 10.0
FIRST_SCREEN_GOAL = 1.10
BIG_PLAN = "back-pain-relief"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Figures:
    years: float
    sessions: int
    disk_kib: float
    load_ms: list[float]
    set_ms: list[float]
    finish_ms: list[float]
    first_screen_ms: list[float]


def spread(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.1f} ms (min {min(values):.1f}, max {max(values):.1f})"


def history(catalogue_source: Path, root: Path, years: float) -> tuple[Path, Path, int]:
    """(catalogue, state, sessions) for `years` of history under `root`, made once."""
    folder = root / f"{years:g}-years"
    catalogue = folder / "exercises.toml"
    state = folder / "exercises.progress.toml"
    marker = folder / "sessions.txt"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        shutil.copyfile(catalogue_source, catalogue)
        log(f"generating {years:g} years of history in {folder} ...")
        count = generate(load_catalogue(catalogue), state, years, 20261120, DEMO_NOW)
        marker.write_text(str(count))
    return catalogue, state, int(marker.read_text())


def disk_kib(state: Path) -> float:
    files = [state, *state.with_name(state.stem + ".d").glob("*")]
    return sum(f.stat().st_size for f in files if f.is_file()) / 1024


def load_ms(state: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        store = open_store(state)
        store.screening()
        store.progress()
        store.settings()
        store.interrupted_session()
        store.close()
        times.append((time.perf_counter() - started) * 1000)
    return times


def live_session(
    catalogue: Catalogue, state: Path, when: timedelta
) -> tuple[SessionRecord, list[tuple[ExerciseRecord, SetRecord]]]:
    """A session of the biggest plan, and every set it will save, in order."""
    store = open_store(state)
    screening = store.screening()
    assert screening is not None
    started = DEMO_NOW + when
    tailored = tailor(
        catalogue, catalogue.plans[BIG_PLAN], screening, store.progress(), started.date()
    )
    store.close()
    record = SessionRecord(started.strftime("%Y%m%dT%H%M%S%z"), BIG_PLAN, started, pain_before=3)
    steps = []
    clock = started
    for planned in tailored.exercises:
        done = ExerciseRecord(planned.exercise.id, planned.dosage, planned.exercise.per_side)
        sides: tuple[Side | None, ...] = ("left", "right") if planned.exercise.per_side else (None,)
        for number in range(1, planned.dosage.sets + 1):
            for side in sides:
                clock += timedelta(seconds=40)
                steps.append(
                    (
                        done,
                        SetRecord(
                            number,
                            side,
                            planned.dosage.reps,
                            planned.dosage.reps,
                            float(planned.dosage.hold_s),
                            clock,
                        ),
                    )
                )
    return record, steps


def save_and_finish_ms(
    catalogue: Catalogue, state: Path, runs: int
) -> tuple[list[float], list[float]]:
    """Saves every set of a live session, then finishes it; `runs` sessions in a row (on a
    copy, so the history measured stays the same)."""
    set_times: list[float] = []
    finish_times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="store-bench-") as scratch:
        folder = Path(scratch)
        shutil.copyfile(state, folder / state.name)
        shutil.copytree(state.with_name(state.stem + ".d"), folder / (state.stem + ".d"))
        copy = folder / state.name
        for run in range(runs):
            record, steps = live_session(catalogue, copy, timedelta(hours=1 + run))
            store = open_store(copy)
            for done, finished in steps:
                if not record.exercises or record.exercises[-1] is not done:
                    record.exercises.append(done)
                done.sets.append(finished)
                started = time.perf_counter()
                store.save_session(record)
                set_times.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            finish_session(catalogue, store, record, steps[-1][1].finished)
            finish_times.append((time.perf_counter() - started) * 1000)
            store.close()
    return set_times, finish_times


async def first_screen_once(catalogue: Catalogue, state: Path) -> float:
    from support.settle import settle

    from trainer.ui.app import TrainerApp
    from trainer.ui.options import AppOptions

    started = time.perf_counter()
    store = open_store(state)
    app = TrainerApp(catalogue, store, FakeClock(start=DEMO_NOW), AppOptions(bell=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        while len(app.screen_stack) < 2:  # the default screen is not the first screen
            await pilot.pause()
        await settle(app)  # the plans are read on the store thread, then shown
        await pilot.pause()
        elapsed = (time.perf_counter() - started) * 1000
        app.exit()
    store.close()
    return elapsed


def first_screen_ms(histories: list[tuple[Catalogue, Path]], runs: int) -> list[list[float]]:
    """Start-up times for each history, taken in turn (0, 1, 5, 0, 1, 5, ...) so that the
    machine's drift during the run falls on all of them alike."""
    asyncio.run(first_screen_once(*histories[0]))  # warm-up: imports, CSS parsing
    times: list[list[float]] = [[] for _ in histories]
    for _ in range(runs):
        for index, (catalogue, state) in enumerate(histories):
            times[index].append(asyncio.run(first_screen_once(catalogue, state)))
    return times


def measure(catalogue_source: Path, root: Path, years: float, runs: int) -> Figures:
    catalogue_path, state, count = history(catalogue_source, root, years)
    catalogue = load_catalogue(catalogue_path)
    log(f"measuring {years:g} years ({count} sessions) ...")
    loads = load_ms(state, runs * 3)
    sets, finishes = save_and_finish_ms(catalogue, state, max(3, runs // 3))
    return Figures(years, count, disk_kib(state), loads, sets, finishes, [])


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(figures: list[Figures]) -> str:
    empty = next((f for f in figures if f.years == 0), None)
    lines = [
        "| history | sessions | on disk | load for start-up | save a set | "
        "finish a session | start to first screen |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {f.years:g} years | {f.sessions} | {f.disk_kib / 1024:.1f} MiB | "
            f"{spread(f.load_ms)} | {spread(f.set_ms)} | {spread(f.finish_ms)} | "
            f"{spread(f.first_screen_ms)} |"
        )
    last = max(figures, key=lambda f: f.years)
    load = statistics.median(last.load_ms)
    save = statistics.median(last.set_ms)
    lines += [
        "",
        f"Goals at {last.years:g} years: load for start-up {load:.1f} ms (goal <= "
        f"{LOAD_GOAL_MS:.0f} ms): {verdict(load <= LOAD_GOAL_MS)}; save a set {save:.1f} ms "
        f"median, {max(last.set_ms):.1f} ms worst (goal <= {SET_GOAL_MS:.0f} ms): "
        f"{verdict(save <= SET_GOAL_MS)}.",
    ]
    if empty is not None and empty is not last:
        ratio = statistics.median(last.first_screen_ms) / statistics.median(empty.first_screen_ms)
        lines.append(
            f"Start to first screen at {last.years:g} years is {ratio:.2f}x the empty "
            f"history's (goal <= {FIRST_SCREEN_GOAL:.2f}x): "
            f"{verdict(ratio <= FIRST_SCREEN_GOAL)}."
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="store costs against years of history")
    parser.add_argument("--years", type=float, nargs="+", default=[0, 1, 5])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument(
        "--keep", type=Path, default=None, help="make (or reuse) the histories under this folder"
    )
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="store-bench-"))
    try:
        figures = [
            measure(bundled_catalogue(), root, years, args.runs) for years in sorted(args.years)
        ]
        log("measuring start to first screen, the histories in turn ...")
        histories = []
        for each in figures:
            catalogue_path, state, _ = history(bundled_catalogue(), root, each.years)
            histories.append((load_catalogue(catalogue_path), state))
        for each, times in zip(figures, first_screen_ms(histories, args.runs), strict=True):
            each.first_screen_ms = times
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(report(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
