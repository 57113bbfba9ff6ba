"""What a screen looks like while the disk is slow (the store thread held busy), at 80x24:
the plans before they are read, the summary while the session is being filed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from support.demo import demo_clock, demo_store
from support.session_shots import at_summary
from support.settle import held_store_thread, no_settling, settle
from textual.pilot import Pilot

from trainer.core.catalogue.model import Catalogue
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions

SIZE = (80, 24)


@pytest.fixture
def slow_disk() -> Iterator[Callable[[], None]]:
    """Call it to hold the store thread busy until the test ends. Pilots wait only for the
    screen meanwhile (they would wait for the held thread forever)."""
    with ExitStack() as stack:
        stack.enter_context(no_settling())
        yield lambda: stack.enter_context(held_store_thread())


def screened(catalogue: Catalogue) -> TrainerApp:
    return TrainerApp(catalogue, demo_store(catalogue), demo_clock(), AppOptions(bell=False))


def test_plans_while_reading(
    snap_compare: Any, bundled_catalogue: Catalogue, slow_disk: Callable[[], None]
) -> None:
    """The first screen before the plans are read: a line saying so, the lists empty."""
    slow_disk()
    assert snap_compare(screened(bundled_catalogue), terminal_size=SIZE)


def test_summary_while_saving(
    snap_compare: Any, bundled_catalogue: Catalogue, slow_disk: Callable[[], None]
) -> None:
    """Pain rated: the session is being filed, and enter waits until it is."""

    async def saving(pilot: Pilot[Any]) -> None:
        await at_summary(pilot)
        await settle(pilot.app)
        slow_disk()
        await pilot.press("3", "enter")

    assert snap_compare(screened(bundled_catalogue), terminal_size=SIZE, run_before=saving)
