"""Saves a screen asks of the use cases, and what the banner is told about them.

A failed save never stops the trainer: it posts `WriteFailed` (the banner says what was not
saved, until a later save of the same thing posts `Saved`) and the person goes on.

Most saves run on the store thread (`save_in_background`) while the screen goes on. The
safety answers and the screening do not: they decide which screen comes next and whether a
session may start, so each is written, or known to have failed, before the screen moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.widget import Widget

from trainer.core.actions import Trainer
from trainer.core.records import SafetyEvent, ScreeningRecord
from trainer.ui.background import in_store_thread
from trainer.ui.messages import Saved, WriteFailed

SAFETY_WORDS = "What you told the trainer about your safety"
ANSWERS_WORDS = "Your answers"


def record_safety(sender: MessagePump, trainer: Trainer, event: SafetyEvent) -> bool:
    """Keeps a safety event the moment it is given; False when the store could not (a full
    disk): it still counts in this process, and the banner says it was not saved."""
    try:
        trainer.record_safety(event)
    except OSError as error:
        sender.post_message(WriteFailed(SAFETY_WORDS, error, for_now=True))
        return False
    sender.post_message(Saved(SAFETY_WORDS))
    return True


def save_screening(sender: Widget | App[Any], trainer: Trainer, record: ScreeningRecord) -> bool:
    """Saves through the store; says so on screen when it could not."""
    try:
        trainer.store.save_screening(record)
    except OSError as error:
        sender.post_message(WriteFailed(ANSWERS_WORDS, error))
        return False
    sender.post_message(Saved(ANSWERS_WORDS))
    if trainer.store.read_only_reason:
        sender.notify(trainer.store.read_only_reason, title="Not saved", severity="warning")
    return True


def save_in_background(
    sender: DOMNode, what: str, save: Callable[[], object], *, for_now: bool = False
) -> None:
    """Runs `save` on the store thread, in a worker of `sender`; the banner hears how it
    went. `what` starts the banner's sentence; `for_now`: the change applies to this run."""

    async def saving() -> None:
        try:
            await in_store_thread(save)
        except OSError as error:
            sender.post_message(WriteFailed(what, error, for_now=for_now))
        else:
            sender.post_message(Saved(what))

    sender.run_worker(saving(), group="saves")
