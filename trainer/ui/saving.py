"""Saves a screen asks of the use cases, and what the banner is told about them.

A failed save never stops the trainer: it posts `WriteFailed` (the banner says what was not
saved, until a later save of the same thing posts `Saved`) and the person goes on.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.message_pump import MessagePump
from textual.widget import Widget

from trainer.core.actions import Trainer
from trainer.core.records import SafetyEvent, ScreeningRecord
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
