"""A fixed, believable state for screenshots, snapshot tests and demos.

Everything here is deterministic (one frozen moment, one screening) so an SVG taken today
and one taken next year differ only where the program changed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from trainer.core.clock import FakeClock
from trainer.core.model import Catalogue
from trainer.core.records import ScreeningRecord
from trainer.core.store import MemoryStore

# Years of made-up history for the stats: kept in their own module, offered here too.
from trainer.demo_history import demo_store_with_history as demo_store_with_history
from trainer.demo_history import synthetic_history as synthetic_history

#: The demo's "now": a Friday morning, in UTC so the date never depends on the machine.
DEMO_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def demo_clock() -> FakeClock:
    return FakeClock(start=DEMO_NOW)


def demo_screening(catalogue: Catalogue) -> ScreeningRecord:
    """A clear screening taken two days earlier: every question answered no."""
    return ScreeningRecord(
        taken=DEMO_NOW - timedelta(days=2),
        answers={question.id: False for question in catalogue.screening},
        outcome="clear",
        flags=(),
        pain_now=2,
        level="beginner",
        equipment=("mat", "chair"),
    )


def demo_store(catalogue: Catalogue) -> MemoryStore:
    """A store for someone past the screening and ready to pick a plan."""
    store = MemoryStore()
    store.save_screening(demo_screening(catalogue))
    return store
