"""Garbage collection is off while the app starts (trainer.cli.main) and back on after it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from trainer.ui.app import _collect_garbage_again


@pytest.fixture
def collector_restored() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.usefixtures("collector_restored")
def test_after_the_first_screen_the_collector_runs_again_without_the_startup_objects() -> None:
    gc.unfreeze()
    gc.disable()
    _collect_garbage_again()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


@pytest.mark.usefixtures("collector_restored")
def test_an_app_not_started_by_the_command_leaves_the_collector_alone() -> None:
    gc.unfreeze()
    _collect_garbage_again()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
