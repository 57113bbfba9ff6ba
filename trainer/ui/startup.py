"""What start-up settles before the first real screen, in order: damaged state files (start
fresh only when the person agrees), a read-only state (say so and keep saying so), where
the state lives when that is not beside the catalogue, and a session the last run left
unfinished (resume or close). Then `app.begin()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.actions import close_interrupted
from trainer.core.plan.tailoring import TailoredPlan, tailor
from trainer.core.records import SessionRecord
from trainer.exitcodes import EXIT_STATE_KEPT

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp
    from trainer.ui.screens.resume import ResumeChoice

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
    """Start fresh moved the damaged files aside only now: the banner says where each copy
    went, for as long as the app runs (`TrainerApp.refresh_notices`)."""
    app.refresh_notices()


def _after_problems(app: TrainerApp) -> None:
    store = app.store
    if store.read_only_reason:
        app.sub_title = READ_ONLY_SUBTITLE
        # Lasting, in full: a toast clipped it and went away while it still held.
        app.notices.keep("read-only", "Read-only", store.read_only_reason)
    if store.location_note:
        app.notify(store.location_note, title="Where progress is saved", timeout=15)
    app.refresh_notices()
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
            _close_asking_pain(app, record)
            return
        app.begin()
        if choice == "resume" and tailored is not None:
            app.start_session(tailored, resume=record)

    planned = len(tailored.exercises) if tailored is not None else None
    names = {e.id: e.name for e in app.catalogue.exercises.values()}
    advice = app.catalogue.guidance.get("stop", ())
    app.push_screen(ResumeScreen(record, plan_name, planned, names, advice), answered)


def _close_asking_pain(app: TrainerApp, record: SessionRecord) -> None:
    """Closing a session that holds a pain stop asks for pain now first: it is the session's
    pain after, so a rise is acted on and the check-back knows where things stand."""
    if not record.stopped_for_pain:
        _close(app, None)
        app.begin()
        return
    from trainer.ui.screens.pain_rating import PainRatingScreen

    def rated(pain: int | None) -> None:
        _close(app, pain)
        app.begin()

    app.push_screen(
        PainRatingScreen("You stopped for pain in that session. How much does your back "
                         "hurt now?"),
        rated,
    )


def _close(app: TrainerApp, pain_now: int | None) -> None:
    try:
        changes = close_interrupted(app.catalogue, app.store, app.clock.now(), pain_now)
    except OSError as error:
        app.write_failed("The closed session (it is offered again next time)", error)
        return
    lines = ["It is kept in your history as interrupted."]
    lines += [change.reason for change in changes]
    app.notify("\n".join(lines), title="Session closed", timeout=12)
