"""Time sources, injected so the session machine and tests never sleep or read the wall."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What the session machine reads time from, so tests can drive it without waiting."""

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps; only differences mean anything."""
        ...

    def now(self) -> datetime:
        """The local wall time, timezone-aware, for what gets written down."""
        ...


class SystemClock:
    """The real clock, for the app and the commands."""

    def monotonic(self) -> float:
        """See `Clock.monotonic`."""
        return time.monotonic()

    def now(self) -> datetime:
        """See `Clock.now`."""
        return datetime.now().astimezone()


@dataclass
class FakeClock:
    """A clock that moves only when told to: for tests, screenshots and demos."""

    start: datetime
    elapsed: float = 0.0

    def monotonic(self) -> float:
        """1000.0 plus the seconds advanced: as on any monotonic clock, only differences count."""
        return 1000.0 + self.elapsed

    def now(self) -> datetime:
        """`start` plus the seconds advanced so far."""
        return self.start + timedelta(seconds=self.elapsed)

    def advance(self, seconds: float) -> None:
        """Moves both the monotonic and the wall clock on by `seconds`."""
        self.elapsed += seconds
