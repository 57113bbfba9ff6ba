"""Which main screen comes next: after start-up, after a screening, after a clearance.

The rules live here, once, so that start-up, the command palette and each screen's keys
all send a person to the same place: an urgent outcome always to the urgent screen, a stale
or missing screening always to the screening, and only then to the plans.
"""

from __future__ import annotations

import sys
from typing import Any

from textual.app import App
from textual.screen import Screen

from trainer.core.actions import Trainer
from trainer.core.plan.safety import is_due
from trainer.core.records import ScreeningRecord
from trainer.ui.saving import save_screening


def home_screen(trainer: Trainer) -> Screen[Any]:
    """The screen a person should be on when nothing else is going on, as the safety policy
    says: an urgent flag (even from a screening left half-way), a missing or stale
    screening, a flag that needs a clinician's clearance, and only then the plans."""
    record = trainer.store.screening()
    status = trainer.safety_status()
    if status.urgent:
        from trainer.ui.screens.urgent import UrgentScreen

        return UrgentScreen(trainer, record, status.flags)
    if record is None or is_due(record, trainer.now()):
        from trainer.ui.screens.screening import ScreeningScreen

        return ScreeningScreen(trainer, first=record is None)
    if status.needs_clearance:
        from trainer.ui.screens.clinician import SeeClinicianScreen

        return SeeClinicianScreen(trainer, record, status.flags)
    from trainer.ui.screens.plans import PlansScreen

    return PlansScreen(trainer)


def outcome_screen(trainer: Trainer, record: ScreeningRecord) -> Screen[Any]:
    """Where a just-finished screening leads: its outcome's message, or the plans."""
    if record.outcome == "urgent":
        from trainer.ui.screens.urgent import UrgentScreen

        return UrgentScreen(trainer, record)
    if record.outcome == "see-clinician":
        from trainer.ui.screens.clinician import SeeClinicianScreen

        return SeeClinicianScreen(trainer, record)
    if record.outcome == "caution":
        from trainer.ui.screens.caution import CautionScreen

        return CautionScreen(trainer, record)
    from trainer.ui.screens.plans import PlansScreen

    return PlansScreen(trainer, record)


SESSION_RUNNING = "Finish or stop the session first."


def session_running(app: App[Any]) -> bool:
    """Is a live session on the screen stack (under a dialog or the stats, perhaps)?"""
    # Not imported here: start-up would load the whole session screen just to learn that
    # no session runs. If its module was never loaded, no session screen exists.
    session_module = sys.modules.get("trainer.ui.screens.session")
    if session_module is None:
        return False
    return any(isinstance(screen, session_module.SessionScreen) for screen in app.screen_stack)


def summary_showing(app: App[Any]) -> bool:
    """Is a session's summary (not yet closed) on the screen stack?"""
    summary_module = sys.modules.get("trainer.ui.screens.session_summary")
    if summary_module is None:
        return False
    return any(
        isinstance(screen, summary_module.SessionSummaryScreen) for screen in app.screen_stack
    )


def replace_main(app: App[Any], screen: Screen[Any]) -> None:
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


def finish_screening(app: App[Any], trainer: Trainer, record: ScreeningRecord) -> None:
    """Keeps the answers, then shows what they lead to."""
    save_screening(app, trainer, record)
    replace_main(app, outcome_screen(trainer, record))
