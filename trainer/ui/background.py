"""The store thread: the one thread that reads and writes the state files for the screens.

A screen never waits on the disk. What it reads or saves runs here, awaited by a Textual
worker (`@work`), so the hold timer keeps its beat and the keys stay quick while a slow disk
syncs or five years of history are read. There is one thread, first in first out: saves
land in the order they were asked for, and a read asked after a save sees it (the plans
after a session is filed). The store's own lock (`trainer.core.store.protocol.serialised`)
covers the few quick reads of memory the screens still make themselves.

A job, once asked for, is done even if the screen that asked is gone by then (it is
shielded from the worker's cancellation): a save must never be dropped because the person
moved on. `drain` waits for all of them before the store is closed.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

_Result = TypeVar("_Result")

_pool: ThreadPoolExecutor | None = None
_pool_made = threading.Lock()


def _store_thread() -> ThreadPoolExecutor:
    global _pool
    with _pool_made:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backtrainer-store")
        return _pool


async def in_store_thread(call: Callable[[], _Result]) -> _Result:
    """Runs `call` on the store thread, after everything asked before it, and returns what
    it returned (or raises what it raised)."""
    done = asyncio.wrap_future(_store_thread().submit(call))
    return await asyncio.shield(done)


def now_in_store_thread(call: Callable[[], _Result]) -> _Result:
    """Runs `call` on the store thread and waits for it, from the screen's thread: for when
    the process must end now (a hang-up), after every save already asked for."""
    return _store_thread().submit(call).result()


def drain() -> None:
    """Waits until every job asked for so far is done: before the store is closed."""
    if _pool is not None:
        _pool.submit(lambda: None).result()
