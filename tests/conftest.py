"""Shared fixtures. Keep each one small and say why it exists; add new ones below."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.demo import demo_clock

from trainer.core.catalogue.loader import load_catalogue
from trainer.core.catalogue.model import Catalogue
from trainer.core.session.clock import FakeClock
from trainer.paths import bundled_catalogue as bundled_catalogue_path


@pytest.fixture(scope="session")
def bundled_catalogue() -> Catalogue:
    """The shipped exercises.toml, loaded once: it is frozen, so tests can share it."""
    return load_catalogue(bundled_catalogue_path())


@pytest.fixture
def frozen_clock() -> FakeClock:
    """2026-11-20 09:00 +00:00, moving only when a test calls `advance`."""
    return demo_clock()


@pytest.fixture(autouse=True)
def _steady_cursors() -> Iterator[None]:
    """Blinking cursors would make snapshots depend on timing: hold them still everywhere."""
    from support.steady import steady_cursors

    with steady_cursors():
        yield


@pytest.fixture(autouse=True)
def _settled_store_thread() -> Iterator[None]:
    """Pilots wait for the store thread's reads and saves as a person waits for the screen,
    never for a guessed time (see `support.settle`)."""
    from support.settle import settling_pilots

    with settling_pilots():
        yield


@pytest.fixture(autouse=True)
def _standard_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apps created in tests see a true-colour terminal whatever shell runs pytest, so
    snapshots match on every machine; a test about 16 colours sets TERM itself."""
    from support.steady import SCREENSHOT_TERMINAL, SCREENSHOT_UNSET

    for name, value in SCREENSHOT_TERMINAL.items():
        monkeypatch.setenv(name, value)
    for name in SCREENSHOT_UNSET:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parsed-catalogue cache goes to a temporary folder, never the user's ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
