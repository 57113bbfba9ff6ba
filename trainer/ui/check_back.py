"""The 15-minute check-back after a pain stop: when to ask, and what the answer leads to.

The policy says when it is due (`SafetyStatus.check_back_due`); here it is asked then if the
trainer is still open, or at the next start. A live session is never interrupted for it:
it waits for the session to end.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.app import App
from textual.timer import Timer

from trainer.core.actions import Trainer
from trainer.core.plan.safety import CHECK_BACK_AFTER, still_hurts_advice
from trainer.core.records import CheckBack
from trainer.ui import flow
from trainer.ui.messages import ShowHome
from trainer.ui.saving import record_safety

#: How soon to look again when the question is due but cannot be asked yet (a session runs).
RETRY_S = 60.0
TIMER_NAME = "check-back"


class CheckBackTimer:
    """The one timer that asks "Does it still hurt?" when it is due (one per app)."""

    def __init__(self, app: App[Any], trainer: Trainer) -> None:
        self.app = app
        self.trainer = trainer
        #: Set while the question waits for its time.
        self.timer: Timer | None = None

    def schedule(self) -> None:
        """Asks now if due, else sets one timer for when it will be; a new call replaces it."""
        if self.timer is not None:
            self.timer.stop()
        self.timer = None
        due = self.trainer.safety_status().check_back_due
        if due is None or self.trainer.store.read_only_reason is not None:
            return
        wait = (due - self.trainer.now()).total_seconds()
        if wait > 0:
            self.timer = self.app.set_timer(wait, self.schedule, name=TIMER_NAME)
            return
        if not self._can_ask_now():
            self.timer = self.app.set_timer(RETRY_S, self.schedule, name=TIMER_NAME)
            return
        self.ask(due)

    def _can_ask_now(self) -> bool:
        from trainer.ui.screens.check_back import CheckBackScreen

        app = self.app
        if flow.session_running(app) or flow.summary_showing(app):
            return False
        return not any(isinstance(screen, CheckBackScreen) for screen in app.screen_stack)

    def ask(self, due: datetime) -> None:
        """Asks now; a yes shows the articles' advice and goes home, where it stands."""
        from trainer.ui.screens.check_back import CheckBackScreen

        app, trainer = self.app, self.trainer

        def answered(still_hurts: bool | None) -> None:
            if still_hurts is None:
                return  # asked again at the next start
            record_safety(app, trainer, CheckBack(trainer.now(), still_hurts))
            if still_hurts:
                from trainer.ui.screens.message import MessageScreen

                advice = still_hurts_advice(trainer.catalogue.guidance)

                def go_home(_: None) -> None:
                    app.post_message(ShowHome())

                app.push_screen(MessageScreen("STOP EXERCISING FOR NOW", *advice), go_home)
            else:
                app.notify("Good. Go gently, and stop if the pain comes back.", timeout=8)

        app.push_screen(CheckBackScreen(self._when_words(due)), answered)

    def _when_words(self, due: datetime) -> str:
        stopped = due - CHECK_BACK_AFTER
        if stopped.date() == self.trainer.now().date():
            return f"at {stopped:%H:%M}"
        return f"on {stopped.day} {stopped:%b} at {stopped:%H:%M}"
