"""How fast the stats are with years of history behind them (run on purpose, never in tests).

    python benchmarks/stats_bench.py [--years 5] [--runs 7] [--keep DIR]

Goals (issue 6): with five years of twice-daily-ish history the stats screen opens in
<= 150 ms and `trainer stats` finishes in <= 400 ms. The history is made with
`support.demo_history.synthetic_history` and filed through `finish_session` into a real
FileStore (the way sessions reach it in use), then:

- `trainer stats`: the whole command in a fresh process, wall time, next to a bare
  `python -c pass` so the machine's speed can be read off;
- the stats screen as a person sees it: the real `trainer` in an 80x24 pseudo-terminal
  (the end-to-end tests' harness), from pressing `t` to the overview fully drawn;
- the stats screen in-process: from `push_screen` to composed and mounted, headless;
- read_stats with a MemoryStore, to separate the stats from the store's reading.

Prints a Markdown table on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from ptyharness import PtyApp, trainer_command, trainer_env  # noqa: E402
from support.demo import DEMO_NOW, demo_screening  # noqa: E402
from support.demo_history import synthetic_history  # noqa: E402

from trainer.core.catalogue.loader import load_catalogue  # noqa: E402
from trainer.core.catalogue.model import Catalogue  # noqa: E402
from trainer.core.records import ScreeningRecord  # noqa: E402
from trainer.core.session.clock import FakeClock  # noqa: E402
from trainer.core.store.protocol import MemoryStore, Store  # noqa: E402
from trainer.paths import bundled_catalogue  # noqa: E402

SCREEN_GOAL_MS = 150.0
COMMAND_GOAL_MS = 400.0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def make_history(catalogue: Catalogue, folder: Path, years: float) -> tuple[Path, int]:
    """Files `years` of sessions up to now into a FileStore in `folder`, after a screening
    two days ago (so the real trainer opens on the plans); returns (state path, count)."""
    from dataclasses import replace

    from trainer.core.actions import finish_session
    from trainer.core.plan.safety import CHECK_BACK_AFTER, session_pain_stops
    from trainer.core.records import CheckBack
    from trainer.core.store.files import open_store

    state = folder / "exercises.progress.toml"
    store = open_store(state)
    now = datetime.now().astimezone().replace(microsecond=0)
    count = 0
    try:
        if store.screening() is None:
            screening: ScreeningRecord = replace(
                demo_screening(catalogue), taken=now - timedelta(days=2)
            )
            store.save_screening(screening)
            started = time.perf_counter()
            for session in synthetic_history(catalogue, years, seed=5, end=now):
                assert session.ended is not None
                finish_session(catalogue, store, session, session.ended)
                for stop in session_pain_stops(session):  # answered, as a person would
                    store.record_safety_event(CheckBack(stop.when + CHECK_BACK_AFTER, False))
                count += 1
                if count % 500 == 0:
                    log(f"  {count} sessions filed ({time.perf_counter() - started:.0f} s)")
        else:
            count = len(store.sessions())
        # As the app does on its first stats after an upgrade: bring the summary up to date.
        from trainer.core.stats.figures import read_stats

        read_stats(store, catalogue, now.date(), may_save=True)
    finally:
        store.close()
    return state, count


def wall_ms(command: Sequence[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - started) * 1000


def spread(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.0f} ms (min {min(values):.0f}, max {max(values):.0f})"


def terminal_open_ms(
    folder: Path, runs: int, key: str, drawn: Callable[[str], bool]
) -> list[float]:
    """The real trainer in an 80x24 pty over the history in `folder`: milliseconds from
    sending `key` to `drawn(screen)`, `runs` times (escape between). The first opening
    also imports the screen's modules and is left out."""
    env = trainer_env(folder)
    app = PtyApp(trainer_command(), env, cwd=folder)
    times: list[float] = []
    try:
        app.wait_until(lambda text: "? Help" in text, timeout=60, what="the first screen")
        app.pump(0.5)  # let the first screen settle
        for _ in range(runs + 1):
            started = time.perf_counter()
            app.send(key)
            app.wait_until(drawn, timeout=30, what=f"the screen {key} opens")
            times.append((time.perf_counter() - started) * 1000)
            app.send("escape")
            app.wait_until(lambda text: not drawn(text), timeout=30)
            app.pump(0.2)
    finally:
        app.close()
    return times[1:]


def stats_drawn(text: str) -> bool:
    """The overview, down to its last line."""
    return "Targets this week" in text and "In all:" in text


def help_drawn(text: str) -> bool:
    """The help's first page: its title and its footer (its last lines are below the fold
    at 80x24 since the plans' keys grew)."""
    return "Keys" in text and "esc Close" in text


async def screen_open_ms(catalogue: Catalogue, store: Store, runs: int) -> list[float]:
    """Milliseconds from `t` to the stats screen composed and mounted (the history is read
    on the store thread first, then the screen is pushed)."""
    from support.settle import settle

    from trainer.ui.app import TrainerApp
    from trainer.ui.options import AppOptions
    from trainer.ui.screens.stats import StatsScreen

    app = TrainerApp(catalogue, store, FakeClock(start=DEMO_NOW), AppOptions(bell=False))
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(runs):
            started = time.perf_counter()
            app.action_stats()
            await settle(app)
            if not isinstance(app.screen, StatsScreen):
                raise RuntimeError("the stats screen did not open")
            times.append((time.perf_counter() - started) * 1000)
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
    return times


def read_ms(catalogue: Catalogue, open_store: Callable[[], Store], runs: int) -> list[float]:
    """`read_stats` alone, store opening included, as `trainer stats` does it."""
    from trainer.core.stats.figures import read_stats

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        store = open_store()
        read_stats(store, catalogue, DEMO_NOW.date(), may_save=False)
        store.close()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="stats speed with years of history")
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="make (or reuse) the history in this folder instead of a temp one",
    )
    args = parser.parse_args(argv)

    catalogue_source = bundled_catalogue()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="stats-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    catalogue_path = folder / "exercises.toml"
    if not catalogue_path.exists():
        shutil.copy(catalogue_source, catalogue_path)
    catalogue = load_catalogue(catalogue_path)

    log(f"filing {args.years:g} years of history into {folder} ...")
    started = time.perf_counter()
    state, count = make_history(catalogue, folder, args.years)
    log(f"  {count} sessions ready in {time.perf_counter() - started:.0f} s")

    from trainer.core.stats.aggregate import build_summary
    from trainer.core.store.files import open_store

    def open_file_store() -> Store:
        from trainer.core.actions import open_store as open_any_store

        return open_any_store(state, for_reading=True)

    memory = MemoryStore()
    memory.save_screening(demo_screening(catalogue))
    reader = open_file_store()
    history = reader.sessions()
    reader.close()
    for session in history:
        memory.save_session(session)
    memory.save_summary(build_summary(history))

    log("timing trainer stats ...")
    command = [
        sys.executable,
        "-m",
        "trainer",
        "--catalogue",
        str(catalogue_path),
        "--state",
        str(state),
        "stats",
    ]
    wall_ms(command)  # warm the disk cache once
    command_times = [wall_ms(command) for _ in range(args.runs)]
    bare_times = [wall_ms([sys.executable, "-c", "pass"]) for _ in range(args.runs)]
    file_read = read_ms(catalogue, open_file_store, args.runs)
    memory_read = read_ms(catalogue, lambda: memory, args.runs)

    log("timing the stats screen in a terminal ...")
    terminal_screen = terminal_open_ms(folder, args.runs, "t", stats_drawn)
    terminal_help = terminal_open_ms(folder, args.runs, "question_mark", help_drawn)
    log("timing the stats screen in-process ...")
    writer = open_store(state)
    try:
        file_screen = asyncio.run(screen_open_ms(catalogue, writer, args.runs))
    finally:
        writer.close()

    summary_size = state.parent / "exercises.progress.d" / "summary.toml"
    size_note = (
        f"{summary_size.stat().st_size / 1024:.0f} KiB" if summary_size.exists() else "not found"
    )
    rows: list[tuple[str, str, str, str]] = [
        (
            "`trainer stats`, whole process (FileStore)",
            spread(command_times),
            f"<= {COMMAND_GOAL_MS:.0f} ms",
            _verdict(command_times, COMMAND_GOAL_MS),
        ),
        ("  reference: `python -c pass`", spread(bare_times), "", ""),
        ("  of which: open + read_stats (FileStore)", spread(file_read), "", ""),
        ("  read_stats (MemoryStore)", spread(memory_read), "", ""),
        (
            "stats screen: `t` to overview drawn, real trainer in a pty",
            spread(terminal_screen),
            f"<= {SCREEN_GOAL_MS:.0f} ms",
            _verdict(terminal_screen, SCREEN_GOAL_MS),
        ),
        ("  of which: compose + mount, in-process (FileStore)", spread(file_screen), "", ""),
        ("  reference: `?` to the help screen drawn, same pty", spread(terminal_help), "", ""),
    ]
    print(
        f"History: {count} sessions over {args.years:g} years "
        f"({count / (args.years * 365.25):.1f} a day); summary file {size_note}; "
        f"{args.runs} runs each, median (min, max).\n"
    )
    print("| measure | time | goal | verdict |")
    print("|---|---|---|---|")
    for measure, value, goal, verdict in rows:
        print(f"| {measure} | {value} | {goal} | {verdict} |")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def _verdict(times: Sequence[float], goal: float) -> str:
    return "meets goal" if statistics.median(times) <= goal else "MISSES goal"


if __name__ == "__main__":
    raise SystemExit(main())
