"""Tests wait for the store thread the way a person waits for the screen.

The screens read and save on the store thread (`trainer.ui.background`) and show the result
a moment later. A Pilot test must not guess how long that moment is (a loaded CI machine
makes it longer), so while `settling_pilots` is on, every wait of a Pilot (after a key, a
click, `pause`, and the first one of `run_test`) also waits until the store thread has
nothing left and no worker of the app is still running.

A test about that very moment (the screen while the store thread is busy) turns it off
with `no_settling`.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerState

from trainer.ui.background import drain, now_in_store_thread

_settling = True
_UNFINISHED = (WorkerState.PENDING, WorkerState.RUNNING)


async def settle(app: App[Any]) -> None:
    """Until every job on the store thread is done and every worker of `app` has ended
    (a worker may start another when it ends: the plans read after a session is filed)."""
    loop = asyncio.get_running_loop()
    while True:
        await loop.run_in_executor(None, drain)
        running = [worker for worker in app.workers if worker.state in _UNFINISHED]
        if not running:
            return
        await app.workers.wait_for_complete(running)


@contextmanager
def settling_pilots() -> Iterator[None]:
    """Makes every Pilot wait also `settle` (see the module docstring). Pilot's one waiting
    step is private, so its absence fails loudly here rather than making tests guess."""
    original = Pilot._wait_for_screen

    async def wait_for_screen(self: Pilot[Any], timeout: float = 30.0) -> bool:
        if _settling:
            await settle(self.app)
        return await original(self, timeout)

    Pilot._wait_for_screen = wait_for_screen  # type: ignore[method-assign]
    try:
        yield
    finally:
        Pilot._wait_for_screen = original  # type: ignore[method-assign]
        drain()  # a save asked for before the app closed lands before the test reads files


@contextmanager
def no_settling() -> Iterator[None]:
    """Pilots wait only for the screen, not for the store thread, inside this block."""
    global _settling
    _settling = False
    try:
        yield
    finally:
        _settling = True


@contextmanager
def held_store_thread() -> Iterator[None]:
    """The store thread is busy (a slow disk) until the block ends: every job asked for
    meanwhile waits behind this one. Use it inside `no_settling`, or a Pilot would wait for
    the thread forever."""
    let_go = threading.Event()
    holding = threading.Event()

    def hold() -> None:
        holding.set()
        let_go.wait()

    waiter = threading.Thread(target=now_in_store_thread, args=(hold,))
    waiter.start()
    holding.wait()
    try:
        yield
    finally:
        let_go.set()
        waiter.join()
