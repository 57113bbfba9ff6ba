"""Each moment of a live session, reached from a fresh app on a frozen clock.

The screenshot script and the snapshot tests both start here, so the pictures in the README
and the ones the tests compare are the same moments: get-ready, a hold half-way, switch
sides, a rest, the pain-stop advice and the summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from trainer.core.catalogue.model import Catalogue, Dosage
from trainer.core.plan.tailoring import PlannedExercise, TailoredPlan
from trainer.core.session.clock import FakeClock

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from trainer.ui.app import TrainerApp
    from trainer.ui.screens.session import SessionScreen

#: The demo session: a held stretch on each side, a held move in two sets, a moving one.
DEMO_DOSAGES: dict[str, Dosage] = {
    "knee-to-chest": Dosage(hold_s=5, reps=2, sets=1, rest_s=30),
    "bridge": Dosage(hold_s=5, reps=5, sets=2, rest_s=30),
    "cat-cow": Dosage(hold_s=0, reps=5, sets=1, rest_s=30),
}


#: The first get-ready: the longer one of a change of position (the app's 10 s default).
FIRST = 10
#: Knee-to-chest's both-knees block after the right side: a pause, then 2 holds of 5 s.
BLOCK = 5 + 5 + 3 + 5


def demo_session_plan(catalogue: Catalogue) -> TailoredPlan:
    """The demo exercises as a plan (the catalogue's first plan lends its name)."""
    plan = next(iter(catalogue.plans.values()))
    exercises = tuple(
        PlannedExercise(catalogue.exercises[exercise_id], dosage)
        for exercise_id, dosage in DEMO_DOSAGES.items()
        if exercise_id in catalogue.exercises
    )
    return TailoredPlan(plan, exercises)


def _clock(app: TrainerApp) -> FakeClock:
    if not isinstance(app.clock, FakeClock):
        raise TypeError("session shots need the app to run on a FakeClock")
    return app.clock


async def open_session(pilot: Pilot[Any], pain_before: int = 2) -> SessionScreen:
    """Starts the demo session with its pain rated (as the plans would after asking): the
    first get-ready."""
    from trainer.ui.screens.session import SessionScreen

    app = cast("TrainerApp", pilot.app)
    await pilot.pause()
    if not app.start_session(demo_session_plan(app.catalogue), pain_before=pain_before):
        raise RuntimeError("the demo store refused a session")
    await pilot.pause()
    screen = app.screen
    if not isinstance(screen, SessionScreen):
        raise RuntimeError(f"expected the session screen, found {type(screen).__name__}")
    return screen


async def advance(pilot: Pilot[Any], seconds: float) -> None:
    """Moves the frozen clock on, as the session's own timer would notice it."""
    app = cast("TrainerApp", pilot.app)
    _clock(app).advance(seconds)
    screen = app.screen
    update = getattr(screen, "update_session", None)
    if callable(update):
        update()
    await pilot.pause()


async def at_get_ready(pilot: Pilot[Any]) -> None:
    await open_session(pilot)
    await advance(pilot, 1.5)


async def at_hold_half_way(pilot: Pilot[Any]) -> None:
    await open_session(pilot)
    await advance(pilot, FIRST + 2.5)


async def at_switch_sides(pilot: Pilot[Any]) -> None:
    await open_session(pilot)
    await advance(pilot, FIRST + 5 + 3 + 5 + 1)


async def at_both_knees(pilot: Pilot[Any]) -> None:
    """Knee-to-chest's after block: both knees together, half-way through its first hold."""
    await open_session(pilot)
    await advance(pilot, FIRST + 13 + 5 + 13 + 5 + 2.5)


async def at_rest(pilot: Pilot[Any]) -> None:
    await open_session(pilot)
    await advance(pilot, FIRST + 13 + 5 + 13 + BLOCK)  # knee-to-chest: both sides, both knees
    await advance(pilot, 5 + 5 * 5 + 4 * 3 + 12)  # bridge set 1, then 12 s of rest


async def at_pain_stop(pilot: Pilot[Any]) -> None:
    await open_session(pilot)
    await advance(pilot, FIRST + 13 + 5 + 3)
    await pilot.press("p", "s")
    await pilot.pause()


async def at_summary(pilot: Pilot[Any]) -> None:
    await at_pain_stop(pilot)
    await pilot.press("n")  # on with the bridge
    await advance(pilot, 5 + 5 * 5 + 4 * 3)
    await pilot.press("q", "y")  # then ended early, in the rest after the first set
    await pilot.pause()
    await pilot.pause()


#: A moving-rep exercise done on each side, counted by the trainer at the app's default tempo.
PACED_EXERCISE = "lateral-leg-lifts"
PACED_DOSAGE = Dosage(hold_s=0, reps=10, sets=2, rest_s=60)


async def at_paced_reps(pilot: Pilot[Any]) -> None:
    """A paced set with 4 reps counted and half the fifth rep's beat gone, its tempo
    remembered from an earlier session (so no key was pressed, and no message shows)."""
    from trainer.core.session.pacing import DEFAULT_PACE_S
    from trainer.ui.screens.session import SessionScreen

    app = cast("TrainerApp", pilot.app)
    app.store.save_pacing(PACED_EXERCISE, DEFAULT_PACE_S)
    plan = next(iter(app.catalogue.plans.values()))
    exercise = app.catalogue.exercises[PACED_EXERCISE]
    await pilot.pause()
    if not app.start_session(
        TailoredPlan(plan, (PlannedExercise(exercise, PACED_DOSAGE),)), pain_before=2
    ):
        raise RuntimeError("the demo store refused a session")
    await pilot.pause()
    if not isinstance(app.screen, SessionScreen):
        raise RuntimeError(f"expected the session screen, found {type(app.screen).__name__}")
    await advance(pilot, FIRST + 4 * DEFAULT_PACE_S + DEFAULT_PACE_S / 2)
