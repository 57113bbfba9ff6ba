"""Before a new session: pain first, then what the safety policy makes of it, then go.

The order matters: severe pain refuses the session, and pain risen since the screening asks
"Anything new since your last screening?" in earnest, so the rating must come before that
question (`trainer.core.plan.safety.before_session` decides; this module only asks and shows).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.app import App

from trainer.core.actions import Trainer
from trainer.core.plan.safety import before_session
from trainer.core.plan.tailoring import EMPTY_PLAN_NOTE, TailoredPlan
from trainer.ui.messages import Rescreen, ShowHome, StartSession
from trainer.ui.saving import record_safety

#: How long a pain rating from the screening still stands for "pain before the session".
PAIN_STILL_CURRENT = timedelta(hours=1)
PAIN_QUESTION = "Before you start: how much does your back hurt right now?"


def prepare(app: App[Any], trainer: Trainer, tailored: TailoredPlan, refusal: str | None) -> None:
    """Asks pain before the session, then starts it unless the policy says otherwise.
    `refusal`: why no session may start at all now (`TrainerApp.session_refusal`)."""
    if refusal is not None:
        from trainer.ui.screens.message import MessageScreen

        app.push_screen(MessageScreen("NO SESSION YET", refusal))
        return
    if not tailored.exercises:
        app.notify(EMPTY_PLAN_NOTE, title="Nothing to do", severity="warning", timeout=8)
        return
    from trainer.ui.screens.pain_rating import PainRatingScreen

    def rated(pain: int | None) -> None:
        # None: escape skipped the rating (welcome, never required).
        check = before_session(trainer.store.screening(), pain, trainer.now())
        if check.refusal is not None:
            if check.event is not None:
                record_safety(app, trainer, check.event)
            _refuse(app, check.refusal)
            return
        _ask_anything_new(app, tailored, pain, ask=check.ask, earnest=check.earnest)

    suggested = _pain_just_rated(trainer)
    app.push_screen(PainRatingScreen(PAIN_QUESTION, suggested=suggested), rated)


def _pain_just_rated(trainer: Trainer) -> int | None:
    """The screening's pain rating when it was taken within the hour: offered as the
    answer (enter keeps it), so a new user is not asked the same thing twice."""
    screening = trainer.store.screening()
    if screening is None or trainer.now() - screening.taken > PAIN_STILL_CURRENT:
        return None
    return screening.pain_now


def _ask_anything_new(
    app: App[Any],
    tailored: TailoredPlan,
    pain: int | None,
    *,
    ask: str | None,
    earnest: bool = False,
) -> None:
    if ask is None:
        app.post_message(StartSession(tailored, pain_before=pain))
        return
    from trainer.ui.screens.confirm import ConfirmScreen

    def answered(anything_new: bool | None) -> None:
        if anything_new is None:
            return
        if anything_new:
            app.post_message(Rescreen())
        else:
            app.post_message(StartSession(tailored, pain_before=pain))

    yes = "Yes: take the screening again" if earnest else "Yes: re-take the screening"
    no = "No, nothing new: start" if earnest else "No: start"
    app.push_screen(ConfirmScreen(ask, yes=yes, no=no), answered)


def _refuse(app: App[Any], refusal: str) -> None:
    """Says why in a dialog that waits for a key (a toast would clip it), then goes home,
    where the flag now stands."""
    from trainer.ui.screens.message import MessageScreen

    def go_home(_: None) -> None:
        app.post_message(ShowHome())

    app.push_screen(MessageScreen("NO SESSION TODAY", refusal), go_home)
