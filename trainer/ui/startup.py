"""What start-up settles before the first real screen, in order: damaged state files (start
fresh only when the person agrees), a read-only state (say so and keep saying so), where
the state lives when that is not beside the catalogue, and a session the last run left
unfinished (resume or close). Then `begin`, which the app gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App

from trainer.core.actions import Trainer
from trainer.core.plan.tailoring import TailoredPlan, tailor
from trainer.core.records import SessionRecord
from trainer.exitcodes import EXIT_STATE_KEPT
from trainer.ui.background import in_store_thread
from trainer.ui.messages import NoticesChanged, StartSession, WriteFailed
from trainer.ui.widgets.notice_banner import Notices

if TYPE_CHECKING:
    from trainer.ui.screens.resume import ResumeChoice

READ_ONLY_SUBTITLE = "read-only"


@dataclass(frozen=True, slots=True)
class Startup:
    """The checks for one start: the app to show screens on, the use cases, the banner's
    notices and what to do once everything is settled."""

    app: App[Any]
    trainer: Trainer
    notices: Notices
    begin: Callable[[], None]

    def run(self) -> None:
        """Damaged files first (they must be settled before anything reads the state)."""
        store = self.trainer.store
        if not store.startup_problems:
            self._after_problems()
            return
        from trainer.ui.screens.state_problem import StateProblemScreen

        async def start_fresh() -> None:
            await in_store_thread(store.start_fresh)
            # The damaged files were moved aside only now: the banner says where each copy
            # went, for as long as the app runs.
            self.app.post_message(NoticesChanged())
            self._after_problems()

        def answered(start_fresh_now: bool | None) -> None:
            if start_fresh_now:
                self.app.run_worker(start_fresh(), group="saves")
            else:
                self.app.exit(EXIT_STATE_KEPT, return_code=EXIT_STATE_KEPT)

        self.app.push_screen(StateProblemScreen(store.startup_problems), answered)

    def _after_problems(self) -> None:
        app, store = self.app, self.trainer.store
        if store.read_only_reason:
            app.sub_title = READ_ONLY_SUBTITLE
            # Lasting, in full: a toast clipped it and went away while it still held.
            self.notices.keep("read-only", "Read-only", store.read_only_reason)
        if store.location_note:
            app.notify(store.location_note, title="Where progress is saved", timeout=15)
        app.post_message(NoticesChanged())
        record = store.interrupted_session()
        if record is None:
            self.begin()
            return
        self._offer_resume(record)

    def _offer_resume(self, record: SessionRecord) -> None:
        from trainer.ui.screens.resume import ResumeScreen

        catalogue = self.trainer.catalogue
        tailored = tailored_for(self.trainer, record)
        plan = catalogue.plans.get(record.plan_id)
        plan_name = plan.name if plan is not None else f"Plan {record.plan_id!r}"

        def answered(choice: ResumeChoice | None) -> None:
            if choice == "close":
                self._close_asking_pain(record)
                return
            self.begin()
            if choice == "resume" and tailored is not None:
                self.app.post_message(StartSession(tailored, resume=record))

        planned = len(tailored.exercises) if tailored is not None else None
        names = {e.id: e.name for e in catalogue.exercises.values()}
        advice = catalogue.guidance.get("stop", ())
        self.app.push_screen(ResumeScreen(record, plan_name, planned, names, advice), answered)

    def _close_asking_pain(self, record: SessionRecord) -> None:
        """Closing a session that holds a pain stop asks for pain now first: it is the
        session's pain after, so a rise is acted on and the check-back knows where things
        stand."""
        if not record.stopped_for_pain:
            self._close(None)
            self.begin()
            return
        from trainer.ui.screens.pain_rating import PainRatingScreen

        def rated(pain: int | None) -> None:
            self._close(pain)
            self.begin()

        self.app.push_screen(
            PainRatingScreen(
                "You stopped for pain in that session. How much does your back hurt now?"
            ),
            rated,
        )

    def _close(self, pain_now: int | None) -> None:
        """Files the interrupted session on the store thread (what comes next reads the
        state after it, on the same thread) and says what it changed."""

        async def closing() -> None:
            try:
                changes = await in_store_thread(partial(self.trainer.close_interrupted, pain_now))
            except OSError as error:
                what = "The closed session (it is offered again next time)"
                self.app.post_message(WriteFailed(what, error))
                return
            lines = ["It is kept in your history as interrupted."]
            lines += [change.reason for change in changes]
            self.app.notify("\n".join(lines), title="Session closed", timeout=12)

        self.app.run_worker(closing(), group="saves")


def tailored_for(trainer: Trainer, record: SessionRecord) -> TailoredPlan | None:
    """The plan an interrupted session was following, tailored as today; None when its plan
    or the screening is gone."""
    plan = trainer.catalogue.plans.get(record.plan_id)
    screening = trainer.store.screening()
    if plan is None or screening is None:
        return None
    today = trainer.now().date()
    return tailor(trainer.catalogue, plan, screening, trainer.store.progress(), today)
