"""Which main screen comes next: after start-up, after a screening, after a clearance.

The rules live here, once, so that start-up, the command palette and each screen's keys
all send a person to the same place: an urgent outcome always to the urgent screen, a stale
or missing screening always to the screening, and only then to the plans.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from trainer.core.plan.safety import is_due
from trainer.core.records import ScreeningRecord

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp


def home_screen(app: TrainerApp) -> Screen[Any]:
    """The screen a person should be on when nothing else is going on, as the safety policy
    says: an urgent flag (even from a screening left half-way), a missing or stale
    screening, a flag that needs a clinician's clearance, and only then the plans."""
    record = app.store.screening()
    status = app.safety_status()
    if status.urgent:
        from trainer.ui.screens.urgent import UrgentScreen

        return UrgentScreen(record, status.flags)
    if record is None or is_due(record, app.clock.now()):
        from trainer.ui.screens.screening import ScreeningScreen

        return ScreeningScreen(first=record is None)
    if status.needs_clearance:
        from trainer.ui.screens.clinician import SeeClinicianScreen

        return SeeClinicianScreen(record, status.flags)
    from trainer.ui.screens.plans import PlansScreen

    return PlansScreen()


def outcome_screen(record: ScreeningRecord) -> Screen[Any]:
    """Where a just-finished screening leads: its outcome's message, or the plans."""
    if record.outcome == "urgent":
        from trainer.ui.screens.urgent import UrgentScreen

        return UrgentScreen(record)
    if record.outcome == "see-clinician":
        from trainer.ui.screens.clinician import SeeClinicianScreen

        return SeeClinicianScreen(record)
    if record.outcome == "caution":
        from trainer.ui.screens.caution import CautionScreen

        return CautionScreen(record)
    from trainer.ui.screens.plans import PlansScreen

    return PlansScreen(record)


SESSION_RUNNING = "Finish or stop the session first."


def session_running(app: TrainerApp) -> bool:
    """Is a live session on the screen stack (under a dialog or the stats, perhaps)?"""
    # Not imported here: start-up would load the whole session screen just to learn that
    # no session runs. If its module was never loaded, no session screen exists.
    session_module = sys.modules.get("trainer.ui.screens.session")
    if session_module is None:
        return False
    return any(isinstance(screen, session_module.SessionScreen) for screen in app.screen_stack)


def summary_showing(app: TrainerApp) -> bool:
    """Is a session's summary (not yet closed) on the screen stack?"""
    summary_module = sys.modules.get("trainer.ui.screens.session_summary")
    if summary_module is None:
        return False
    return any(
        isinstance(screen, summary_module.SessionSummaryScreen) for screen in app.screen_stack
    )


def replace_main(app: TrainerApp, screen: Screen[Any]) -> None:
    """Makes `screen` the only screen above the app's base: no way back to what it
    replaces (an urgent message must not be escaped back to a plan). Never tears down a
    live session: from the palette mid-session this only says so."""
    if session_running(app):
        app.notify(SESSION_RUNNING, severity="warning")
        return
    while len(app.screen_stack) > 2:
        app.pop_screen()
    if len(app.screen_stack) == 2:
        app.switch_screen(screen)
    else:
        app.push_screen(screen)


def save_screening(app: TrainerApp, record: ScreeningRecord) -> bool:
    """Saves through the store; says so on screen when it could not."""
    try:
        app.store.save_screening(record)
    except OSError as error:
        app.write_failed("Your answers", error)
        return False
    if app.store.read_only_reason:
        app.notify(app.store.read_only_reason, title="Not saved", severity="warning")
    return True


def finish_screening(app: TrainerApp, record: ScreeningRecord) -> None:
    save_screening(app, record)
    replace_main(app, outcome_screen(record))
