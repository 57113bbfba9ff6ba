"""What start-up settles before the first real screen, in order: damaged state files (start
fresh only when the person agrees), a read-only state (say so and keep saying so), where
the state lives when that is not beside the catalogue, and a session the last run left
unfinished (resume or close). Then `app.begin()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.finish import close_interrupted
from trainer.core.records import SessionRecord
from trainer.core.tailoring import TailoredPlan, tailor

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp
    from trainer.ui.screens.resume import ResumeChoice

#: The exit status when the person quits rather than start fresh without a damaged file.
EXIT_STATE_KEPT = 1
READ_ONLY_SUBTITLE = "read-only"


def run_startup_checks(app: TrainerApp) -> None:
    store = app.store
    if not store.startup_problems:
        _after_problems(app)
        return
    from trainer.ui.screens.state_problem import StateProblemScreen

    def answered(start_fresh: bool | None) -> None:
        if start_fresh:
            store.start_fresh()
            _name_moved_files(app)
            _after_problems(app)
        else:
            app.exit(EXIT_STATE_KEPT, return_code=EXIT_STATE_KEPT)

    app.push_screen(StateProblemScreen(store.startup_problems), answered)


def _name_moved_files(app: TrainerApp) -> None:
    """Start fresh moved the damaged files aside only now: say where each copy went."""
    for problem in app.store.moved_aside:
        app.notify(problem.message, title="Moved aside, unchanged", severity="warning",
                   timeout=30)


def _after_problems(app: TrainerApp) -> None:
    store = app.store
    if store.read_only_reason:
        app.sub_title = READ_ONLY_SUBTITLE
        app.notify(store.read_only_reason, title="Read-only", severity="warning", timeout=30)
    if store.location_note:
        app.notify(store.location_note, title="Where progress is saved", timeout=15)
    record = store.interrupted_session()
    if record is None:
        app.begin()
        return
    _offer_resume(app, record)


def tailored_for(app: TrainerApp, record: SessionRecord) -> TailoredPlan | None:
    """The plan an interrupted session was following, tailored as today; None when its plan
    or the screening is gone."""
    plan = app.catalogue.plans.get(record.plan_id)
    screening = app.store.screening()
    if plan is None or screening is None:
        return None
    today = app.clock.now().date()
    return tailor(app.catalogue, plan, screening, app.store.progress(), today)


def _offer_resume(app: TrainerApp, record: SessionRecord) -> None:
    from trainer.ui.screens.resume import ResumeScreen

    tailored = tailored_for(app, record)
    plan = app.catalogue.plans.get(record.plan_id)
    plan_name = plan.name if plan is not None else f"Plan {record.plan_id!r}"

    def answered(choice: ResumeChoice | None) -> None:
        if choice == "close":
            _close(app)
        app.begin()
        if choice == "resume" and tailored is not None:
            app.start_session(tailored, resume=record)

    planned = len(tailored.exercises) if tailored is not None else None
    app.push_screen(ResumeScreen(record, plan_name, planned), answered)


def _close(app: TrainerApp) -> None:
    try:
        changes = close_interrupted(app.catalogue, app.store, app.clock.now())
    except OSError as error:
        app.notify(f"The session could not be closed ({error}); it is offered again next "
                   "time.", title="Not saved", severity="error", timeout=15)
        return
    lines = ["It is kept in your history as interrupted."]
    lines += [change.reason for change in changes]
    app.notify("\n".join(lines), title="Session closed", timeout=12)
