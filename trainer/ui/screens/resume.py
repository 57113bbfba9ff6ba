"""A session the last run left unfinished: resume it where it stopped, or close it.

Closing files it in the history as interrupted, and what was done in it still counts
(a pain stop in it still eases that exercise back). "Later" leaves it for the next start.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.core.catalogue.words import plural
from trainer.core.plan.safety import FIFTEEN_MINUTE_RULE
from trainer.core.records import SessionRecord
from trainer.core.session.summary import PAIN_WORDS

ResumeChoice = Literal["resume", "close", "later"]


def interrupted_summary(record: SessionRecord, plan_name: str, planned: int | None) -> str:
    """ "Gentle daily stretches, started Friday 20 November at 08:35. 1 set done, the last
    at 08:37; 1 of 6 exercises started." in the session's own clock time."""
    finished = [s.finished for e in record.exercises for s in e.sets]
    started = record.started
    text = f"{plan_name}, started {started:%A} {started.day} {started:%B} at {started:%H:%M}. "
    if not finished:
        text += "No set was finished"
    else:
        count = plural(len(finished), "set")
        text += f"{count} done, the last at {max(finished):%H:%M}"
    reached = sum(1 for e in record.exercises if e.sets or e.skipped or e.stopped_for_pain)
    if planned:
        text += f"; {reached} of {planned} exercises started"
    return text + "."


def pain_stop_words(record: SessionRecord, names: Mapping[str, str], advice: Sequence[str]) -> str:
    """ "You stopped for sharp pain in Bridge." and the advice that goes with it; "" when the
    session holds no pain stop."""
    stopped = [
        f"{PAIN_WORDS[done.pain_stop]} in {names.get(done.exercise_id, done.exercise_id)}"
        for done in record.exercises
        if done.pain_stop is not None
    ]
    if not stopped:
        return ""
    words = f"You stopped for {', '.join(stopped)}."
    rules = [line for line in advice if "15 minutes" in line or "doctor" in line][:2]
    return " ".join([words, *(rules or [FIFTEEN_MINUTE_RULE])])


class ResumeScreen(Screen[ResumeChoice]):
    CSS_PATH = "resume.tcss"
    SUB_TITLE = "Unfinished session"
    BINDINGS = [
        Binding("r", "choose('resume')", "Resume it"),
        Binding("c", "choose('close')", "Close it"),
        Binding("l,escape", "choose('later')", "Decide later", key_display="l"),
    ]

    def __init__(
        self,
        record: SessionRecord,
        plan_name: str,
        planned: int | None,
        names: Mapping[str, str] | None = None,
        stop_advice: Sequence[str] = (),
    ) -> None:
        """`planned`: how many exercises the plan has today; None when it cannot be resumed
        (its plan, or the screening it needs, is gone). `names` and `stop_advice` name a
        pain stop in it, with the articles' advice again."""
        super().__init__()
        self.record = record
        self.plan_name = plan_name
        self.planned = planned
        self.can_resume = planned is not None
        self.names = names or {}
        self.stop_advice = tuple(stop_advice)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="resume-box"):
            yield Static("A SESSION WAS INTERRUPTED", id="resume-title")
            yield Static(
                interrupted_summary(self.record, self.plan_name, self.planned), id="resume-what"
            )
            pain = pain_stop_words(self.record, self.names, self.stop_advice)
            if pain:
                yield Static(pain, id="resume-pain")
            if self.can_resume:
                yield Static(
                    "Resume it where it stopped, or close it? Closing keeps what you did in "
                    "your history, and it counts toward your progress.",
                    id="resume-question",
                )
                keys = "r  resume      c  close it      l  decide later"
            else:
                yield Static(
                    "It cannot be resumed: its plan is no longer in the catalogue, or there is "
                    "no screening on file. Closing keeps what you did in your history.",
                    id="resume-question",
                )
                keys = "c  close it      l  decide later"
            yield Static(keys, id="resume-keys")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "resume" is hidden from the footer, and does nothing, when it cannot be done.
        return self.can_resume or not (action == "choose" and parameters == ("resume",))

    def action_choose(self, choice: ResumeChoice) -> None:
        self.dismiss(choice)
