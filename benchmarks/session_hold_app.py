"""The real app, started straight into one long hold: what `session_terminal.py` measures.

    python benchmarks/session_hold_app.py [--hold 120] [--reps 1] [--reduced-motion]

Not a user feature: it skips the screening, the plans and the pain question so that the
benchmark's steady window falls inside a hold. Everything after that is the real session
screen on the real clock.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # tests/support: the demo state

from support.demo import demo_store  # noqa: E402

from trainer.core.catalogue.loader import load_catalogue  # noqa: E402
from trainer.core.catalogue.model import Dosage  # noqa: E402
from trainer.core.plan.tailoring import PlannedExercise, TailoredPlan  # noqa: E402
from trainer.core.records import SessionRecord  # noqa: E402
from trainer.core.session.clock import SystemClock  # noqa: E402
from trainer.core.session.machine import new_session_id  # noqa: E402
from trainer.paths import bundled_catalogue  # noqa: E402
from trainer.ui.app import TrainerApp  # noqa: E402
from trainer.ui.options import AppOptions  # noqa: E402

#: A plain hold from the catalogue; any held exercise would do.
EXERCISE_ID = "front-plank"


def hold_plan(app: TrainerApp, hold_s: int, reps: int) -> TailoredPlan:
    """One exercise: `reps` holds of `hold_s` seconds (0: moving reps, waiting for keys)."""
    exercise = app.catalogue.exercises[EXERCISE_ID]
    plan = next(iter(app.catalogue.plans.values()))
    dosage = Dosage(hold_s=hold_s, reps=reps if hold_s else 100, sets=1, rest_s=0)
    return TailoredPlan(plan, (PlannedExercise(exercise, dosage),))


class HoldApp(TrainerApp):
    """Goes straight to the session: a 'resumed' empty session needs no pain question."""

    # A CSS path is relative to the class's own module: point back at the app's.
    CSS_PATH = [str(REPO / "trainer" / "ui" / "app.tcss")]
    hold_s = 120
    reps = 1

    def begin(self) -> None:
        tailored = hold_plan(self, self.hold_s, self.reps)
        started = self.clock.now()
        record = SessionRecord(new_session_id(started), tailored.plan.id, started)
        self.start_session(tailored, resume=record)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--hold", type=int, default=120, help="hold seconds (default 120; 0: moving reps)"
    )
    parser.add_argument("--reps", type=int, default=1, help="held reps (default 1)")
    parser.add_argument("--reduced-motion", action="store_true")
    args = parser.parse_args()
    catalogue = load_catalogue(bundled_catalogue())
    HoldApp.hold_s = args.hold
    HoldApp.reps = args.reps
    clock = SystemClock()
    store = demo_store(catalogue)
    screening = store.screening()
    assert screening is not None
    store.save_screening(replace(screening, taken=clock.now()))  # a screening from today
    app = HoldApp(
        catalogue, store, clock, AppOptions(bell=False, reduced_motion=args.reduced_motion)
    )
    app.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
