"""What the three screening outcome screens share: the answers that led here, then what
comes next, which each outcome screen says in its own way (`compose_next`)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.core.actions import Trainer
from trainer.core.catalogue.model import Outcome
from trainer.core.plan.safety import ActiveFlag
from trainer.core.plan.screening import yes_answers
from trainer.core.records import ScreeningRecord
from trainer.ui import texts
from trainer.ui.messages import Rescreen


class OutcomeScreen(Screen[None]):
    #: Widget ids start with it ("urgent-box", "urgent-title"...), for the screen's .tcss.
    ID_PREFIX: ClassVar[str]
    HEADING: ClassVar[str]
    #: Which answers to list: the outcome's own, and any milder ones that also apply.
    LISTS: ClassVar[tuple[Outcome, ...]]

    def __init__(
        self,
        trainer: Trainer,
        record: ScreeningRecord | None,
        flags: tuple[ActiveFlag, ...] = (),
    ) -> None:
        """`record`: the last completed screening; `flags`: what the safety policy says
        stands now (given when the way here was not that screening's own answers: a yes in
        a screening left half-way, severe pain before a session, pain that lasted)."""
        super().__init__()
        self.trainer = trainer
        self.record = record
        self.flags = flags

    def compose(self) -> ComposeResult:
        prefix = self.ID_PREFIX
        yield Header()
        with VerticalScroll(id=f"{prefix}-box"):
            yield Static(self.HEADING, id=f"{prefix}-title")
            if self.flags or self.record is None:
                yield Static("What you told the trainer:", classes=f"{prefix}-label")
                yield Static(texts.active_flags(self.flags), id=f"{prefix}-answers")
            else:
                said_yes = any(
                    q.outcome in self.LISTS
                    for q in yes_answers(self.trainer.catalogue.screening, self.record)
                )
                label = "You answered yes to:" if said_yes else "What you told the trainer:"
                yield Static(label, classes=f"{prefix}-label")
                yield Static(
                    texts.answered_yes(self.trainer.catalogue, self.record, self.LISTS),
                    id=f"{prefix}-answers",
                )
            yield from self.compose_next()
        yield Footer()

    def compose_next(self) -> ComposeResult:
        """What this outcome means for the person now."""
        yield from ()

    def compose_left_out(self) -> ComposeResult:
        if self.record is None:
            return
        yield Static("Left out of every plan:", classes=f"{self.ID_PREFIX}-label")
        yield Static(
            texts.left_out_everywhere(self.trainer.catalogue, self.record),
            id=f"{self.ID_PREFIX}-left-out",
        )

    def action_retake(self) -> None:
        self.post_message(Rescreen())
