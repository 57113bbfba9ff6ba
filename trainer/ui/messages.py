"""What a screen asks of the app, as typed messages the app handles in one place.

Screens are given the use cases (`trainer.core.actions.Trainer`) when they are made; for
anything that changes which screen shows, or the banner every screen shares, they post one
of these, which bubbles up to `TrainerApp`. So no screen imports the app or reaches into it,
and a request the app does not handle fails a type check, not silently at run time.
"""

from __future__ import annotations

from textual.message import Message

from trainer.core.plan.tailoring import TailoredPlan
from trainer.core.records import ScreeningRecord, SessionRecord


class ShowHome(Message):
    """Go where the person belongs now (urgent, screening, clearance or plans)."""


class Rescreen(Message):
    """Ask the screening again, over the current screen."""


class ShowStats(Message):
    """The stats screen (or back from one exercise's history)."""


class ShowAvoidList(Message):
    """The exercises to avoid, and why."""


class ShowPlans(Message):
    """The plans, as the only screen above the base (no way back to what they replace).

    `record`: a screening just taken, shown even if it could not be saved."""

    def __init__(self, record: ScreeningRecord | None = None) -> None:
        self.record = record
        super().__init__()


class ScreeningTaken(Message):
    """A screening was completed: keep it, then show what it leads to."""

    def __init__(self, record: ScreeningRecord) -> None:
        self.record = record
        super().__init__()


class PrepareSession(Message):
    """A plan was chosen: pain first, then what the safety policy makes of it, then go."""

    def __init__(self, tailored: TailoredPlan) -> None:
        self.tailored = tailored
        super().__init__()


class StartSession(Message):
    """Start (or resume) a session; the app asks the safety policy once more first."""

    def __init__(
        self,
        tailored: TailoredPlan,
        resume: SessionRecord | None = None,
        pain_before: int | None = None,
    ) -> None:
        self.tailored = tailored
        self.resume = resume
        self.pain_before = pain_before
        super().__init__()


class SessionFiled(Message):
    """A session was filed: the banner and the 15-minute check-back look again."""


class WriteFailed(Message):
    """A save the person relies on failed: the banner says so until `Saved(what)`.

    `what` starts the sentence ("Your answers"); `for_now`: the change still applies to
    this run."""

    def __init__(self, what: str, error: OSError, *, for_now: bool = False) -> None:
        self.what = what
        self.error = error
        self.for_now = for_now
        super().__init__()


class Saved(Message):
    """What a `WriteFailed(what)` reported has now been saved."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__()


class NoticesChanged(Message):
    """The store found or moved a file: show the banner's notices again."""


class ToggleBell(Message):
    """The terminal bell on or off, kept for next time."""


class ToggleReducedMotion(Message):
    """Animation on or off, kept for next time."""
