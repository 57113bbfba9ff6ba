"""The use cases the UI and the CLI share, so that neither does the core's job twice.

Each reads what it needs from the store and hands it to the pure core; the safety policy
(`trainer.core.safety`) is always asked through `safety_status`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from trainer.core.model import Catalogue
from trainer.core.records import SafetyEvent
from trainer.core.safety import SafetyStatus, assess
from trainer.core.store import Store


def safety_status(
    catalogue: Catalogue,
    store: Store,
    now: datetime,
    unsaved: Sequence[SafetyEvent] = (),
) -> SafetyStatus:
    """What the safety policy says now, from everything the store holds and any event this
    process was told but could not save (a full disk must not lift a red flag)."""
    events = sorted([*store.live_safety_events(), *unsaved], key=lambda event: event.when)
    return assess(
        catalogue.screening,
        store.screening(),
        events,
        store.interrupted_session(),
        now,
    )
