#!/usr/bin/env python3
"""Writes `screenshots/<name>.svg` for every screen, from the demo state at a frozen moment.

The folder is a scratch one for a look at every screen (not committed): the README shows the
snapshot tests' own SVGs from tests/__snapshots__/, the one golden set.

    python scripts/screenshots.py            # every shot
    python scripts/screenshots.py catalogue  # just these
    python scripts/screenshots.py --list

A new screen adds one line to SHOTS: a name, the keys a user would press from the start to
reach it, and (only if keys cannot get there) an async `setup(pilot)`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
# The demo state and the steadied look live with the tests (tests/support), not in the wheel.
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from support import session_shots  # noqa: E402
from support.demo import (  # noqa: E402
    demo_clock,
    demo_store,
    demo_store_damaged,
    demo_store_interrupted,
)
from support.settle import settling_pilots  # noqa: E402
from support.steady import SCREENSHOT_TERMINAL, SCREENSHOT_UNSET, steady_cursors  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from trainer.core.catalogue.loader import CatalogueError, load_catalogue  # noqa: E402
from trainer.core.catalogue.model import Catalogue  # noqa: E402
from trainer.core.store.protocol import MemoryStore  # noqa: E402
from trainer.paths import bundled_catalogue  # noqa: E402
from trainer.ui.app import TrainerApp  # noqa: E402
from trainer.ui.options import AppOptions  # noqa: E402

SIZE = (80, 24)


@dataclass(frozen=True, slots=True)
class Shot:
    name: str  # the file name, <out>/<name>.svg
    keys: tuple[str, ...] = ()  # pressed in order from the first screen
    setup: Callable[[Pilot[Any]], Awaitable[None]] | None = None  # runs before the keys
    screen: str | None = None  # the screen class expected at the end, to catch a wrong turn
    store: Callable[[Catalogue], MemoryStore] = demo_store  # the saved state it starts from
    size: tuple[int, int] = SIZE


def _screening_answers(outcome: str | None) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Re-takes the screening from the plans, "yes" only to the first question with
    `outcome` (None: every question "no", stopping at the pain scale)."""

    async def answer(pilot: Pilot[Any]) -> None:
        questions = cast(TrainerApp, pilot.app).catalogue.screening
        chosen = next((q.id for q in questions if q.outcome == outcome), None)
        await pilot.press("s", *("y" if q.id == chosen else "n" for q in questions))
        if outcome is not None:
            await pilot.press("2", "enter", "enter", "space", "enter")

    return answer


async def _half_a_year_of_history(pilot: Pilot[Any]) -> None:
    """Gives the demo person six months of made-up sessions (the stats need a past)."""
    from support.demo_history import demo_store_with_history

    app = cast(TrainerApp, pilot.app)
    app.trainer.store = demo_store_with_history(app.catalogue, years=0.5)


def _after_a_pain_stop(catalogue: Catalogue) -> MemoryStore:
    """The demo person stopped for pain 20 minutes ago: "Does it still hurt?" is due."""
    from datetime import timedelta

    from support.demo import DEMO_NOW

    from trainer.core.records import PainStop

    store = demo_store(catalogue)
    store.record_safety_event(PainStop(DEMO_NOW - timedelta(minutes=20), "s1", "bridge", "sharp"))
    return store


SHOTS: list[Shot] = [
    Shot("plans", screen="PlansScreen"),  # where the demo person starts: screened, clear
    # screening and plans (issue 3)
    Shot("screening", keys=("s", "n"), screen="ScreeningScreen"),
    Shot("screening-pain", keys=("4",), setup=_screening_answers(None), screen="ScreeningScreen"),
    Shot(
        "screening-equipment",
        keys=("4", "enter", "enter", "space", "down"),
        setup=_screening_answers(None),
        screen="ScreeningScreen",
    ),
    Shot("outcome-urgent", setup=_screening_answers("urgent"), screen="UrgentScreen"),
    Shot(
        "outcome-see-clinician",
        setup=_screening_answers("see-clinician"),
        screen="SeeClinicianScreen",
    ),
    Shot("outcome-caution", setup=_screening_answers("caution"), screen="CautionScreen"),
    Shot("plan-preview", keys=("down", "tab", *["down"] * 12), screen="PlansScreen"),
    Shot("anything-new", keys=("enter", "3", "enter"), screen="ConfirmScreen"),
    Shot("exercise-detail", keys=("d",), screen="ExerciseScreen"),
    Shot("avoid", keys=("a",), screen="AvoidScreen"),
    Shot("help", keys=("question_mark",), screen="HelpScreen"),
    Shot("too-small", size=(60, 20), screen="PlansScreen"),
    # saved state (issue 5): what start-up asks first
    Shot("resume", store=demo_store_interrupted, screen="ResumeScreen"),
    Shot("damaged-state", store=demo_store_damaged, screen="StateProblemScreen"),
    # the live session (issue 4): each moment reached on the frozen clock
    Shot("session-pain-before", keys=("enter", "3"), screen="PainRatingScreen"),
    # safety (issue 10): what the policy does with what a person says
    Shot("severe-pain-refused", keys=("enter", "9", "enter"), screen="MessageScreen"),
    Shot("check-back", store=_after_a_pain_stop, screen="CheckBackScreen"),
    Shot("session-get-ready", setup=session_shots.at_get_ready, screen="SessionScreen"),
    Shot("session-hold", setup=session_shots.at_hold_half_way, screen="SessionScreen"),
    Shot("session-switch-sides", setup=session_shots.at_switch_sides, screen="SessionScreen"),
    Shot("session-rest", setup=session_shots.at_rest, screen="SessionScreen"),
    Shot("session-pain-stop", setup=session_shots.at_pain_stop, screen="PainStopScreen"),
    Shot("session-summary", setup=session_shots.at_summary, screen="SessionSummaryScreen"),
    Shot(
        "session-ctrl-c",
        keys=("ctrl+c",),
        setup=session_shots.at_hold_half_way,
        screen="InterruptScreen",
    ),
    # stats (issue 6)
    Shot("stats-first-run", keys=("t",), screen="StatsScreen"),
    Shot("stats", keys=("t",), setup=_half_a_year_of_history, screen="StatsScreen"),
    Shot("stats-minutes", keys=("t", "2"), setup=_half_a_year_of_history, screen="StatsScreen"),
    Shot("stats-exercises", keys=("t", "3"), setup=_half_a_year_of_history, screen="StatsScreen"),
    Shot(
        "stats-exercise-history",
        keys=("t", "3", "enter"),
        setup=_half_a_year_of_history,
        screen="ExerciseHistoryScreen",
    ),
    Shot("stats-pain", keys=("t", "4"), setup=_half_a_year_of_history, screen="StatsScreen"),
]


class ShotError(Exception):
    """A shot did not end where it meant to: the keys took the app somewhere else."""


async def take(shot: Shot, catalogue: Catalogue) -> str:
    """The SVG of one shot, from a fresh app in the demo state."""
    app = TrainerApp(catalogue, shot.store(catalogue), demo_clock(), AppOptions(bell=False))
    async with app.run_test(size=shot.size) as pilot:
        await pilot.pause()
        if shot.setup is not None:
            await shot.setup(pilot)
        await pilot.press(*shot.keys)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        reached = type(app.screen).__name__
        if shot.screen is not None and reached != shot.screen:
            raise ShotError(f"{shot.name}: ended on {reached}, expected {shot.screen}")
        return app.export_screenshot(title=f"backtrainer: {shot.name}")


async def take_all(shots: Sequence[Shot], catalogue: Catalogue, out_dir: Path) -> list[Path]:
    """Writes every shot; the look is pinned (terminal, cursors) for the whole run."""
    for name, value in SCREENSHOT_TERMINAL.items():
        os.environ[name] = value
    for name in SCREENSHOT_UNSET:
        os.environ.pop(name, None)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with steady_cursors(), settling_pilots():
        for shot in shots:
            path = out_dir / f"{shot.name}.svg"
            path.write_text(await take(shot, catalogue), encoding="utf-8")
            written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("names", nargs="*", metavar="NAME", help="shots to take (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="output folder")
    parser.add_argument("--list", action="store_true", help="list the shots and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(shot.name for shot in SHOTS))
        return 0
    by_name = {shot.name: shot for shot in SHOTS}
    unknown = [name for name in args.names if name not in by_name]
    if unknown:
        print(
            f"unknown shot(s): {', '.join(unknown)}; known: {', '.join(by_name)}", file=sys.stderr
        )
        return 2
    try:
        catalogue = load_catalogue(bundled_catalogue())
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return 2
    shots = [by_name[name] for name in args.names] if args.names else SHOTS
    try:
        written = asyncio.run(take_all(shots, catalogue, args.out))
    except ShotError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
