"""The 15-minute check-back after a pain stop: when to ask, and what the answer leads to.

The policy says when it is due (`SafetyStatus.check_back_due`); here it is asked then if the
trainer is still open, or at the next start. A live session is never interrupted for it:
it waits for the session to end.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from trainer.core.plan.safety import still_hurts_advice
from trainer.core.records import CheckBack

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp

#: How soon to look again when the question is due but cannot be asked yet (a session runs).
RETRY_S = 60.0
TIMER_NAME = "check-back"


def schedule(app: TrainerApp) -> None:
    """Asks now if due, else sets one timer for when it will be; a new call replaces it."""
    if app.check_back_timer is not None:
        app.check_back_timer.stop()
    app.check_back_timer = None
    due = app.safety_status().check_back_due
    if due is None or app.store.read_only_reason is not None:
        return
    wait = (due - app.clock.now()).total_seconds()
    if wait > 0:
        app.check_back_timer = app.set_timer(wait, lambda: schedule(app), name=TIMER_NAME)
        return
    if not _can_ask_now(app):
        app.check_back_timer = app.set_timer(RETRY_S, lambda: schedule(app), name=TIMER_NAME)
        return
    ask(app, due)


def _can_ask_now(app: TrainerApp) -> bool:
    from trainer.ui import flow
    from trainer.ui.screens.check_back import CheckBackScreen

    if flow.session_running(app) or flow.summary_showing(app):
        return False
    return not any(isinstance(screen, CheckBackScreen) for screen in app.screen_stack)


def ask(app: TrainerApp, due: datetime) -> None:
    from trainer.ui.screens.check_back import CheckBackScreen

    stopped = _when_words(app, due)

    def answered(still_hurts: bool | None) -> None:
        if still_hurts is None:
            return  # asked again at the next start
        app.record_safety(CheckBack(app.clock.now(), still_hurts))
        if still_hurts:
            from trainer.ui.screens.message import MessageScreen

            advice = still_hurts_advice(app.catalogue.guidance)
            app.push_screen(MessageScreen("STOP EXERCISING FOR NOW", *advice),
                            lambda _: app.show_home())
        else:
            app.notify("Good. Go gently, and stop if the pain comes back.", timeout=8)

    app.push_screen(CheckBackScreen(stopped), answered)


def _when_words(app: TrainerApp, due: datetime) -> str:
    from trainer.core.plan.safety import CHECK_BACK_AFTER

    stopped = due - CHECK_BACK_AFTER
    if stopped.date() == app.clock.now().date():
        return f"at {stopped:%H:%M}"
    return f"on {stopped.day} {stopped:%b} at {stopped:%H:%M}"
