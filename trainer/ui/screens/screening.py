"""The safety screening: the catalogue's questions, then pain, experience and equipment.

One step at a time, each answerable with a single key, so it works the same over a slow SSH
link as locally; escape always goes back one step. A yes (and a severe pain rating) is kept
the moment it is given, before the next question shows, so that leaving half-way by any
road keeps it (`trainer.core.plan.safety`); the screening as a whole is saved at the end. A
read-only trainer asks nothing: an answer there could not be kept.
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from trainer.core.actions import Trainer
from trainer.core.catalogue import equipment
from trainer.core.catalogue.model import EQUIPMENT, LEVELS, Level
from trainer.core.plan.safety import is_severe
from trainer.core.plan.screening import ScreeningError, evaluate
from trainer.core.plan.tailoring import LEVEL_CHOICES, LEVEL_WORDS
from trainer.core.records import RedFlagAnswer, SeverePain
from trainer.ui.messages import ScreeningTaken
from trainer.ui.saving import record_safety
from trainer.ui.widgets.equipment_list import EquipmentList
from trainer.ui.widgets.pain_scale import PainScale

StepKind = Literal["question", "pain", "level", "equipment"]

READ_ONLY_PROMPT = "The screening cannot be taken in this trainer."
READ_ONLY_HINT = (
    "Answers given here could not be kept (the banner above says why), so none are asked. {keys}"
)

NO_QUESTIONS_NOTE = (
    "This catalogue has no safety questions. If you have back problems, talk with your "
    "healthcare provider before you start a new routine."
)


class ScreeningScreen(Screen[None]):
    CSS_PATH = "screening.tcss"
    SUB_TITLE = "Safety screening"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "back", "Back a step"),
    ]

    def __init__(self, trainer: Trainer, *, first: bool = False) -> None:
        super().__init__()
        self.trainer = trainer
        self.first = first
        self.step = 0
        self.answers: dict[str, bool] = {}
        self.pain: int | None = None
        self.level: Level | None = None
        self.equipment: tuple[str, ...] = ()

    @property
    def questions_count(self) -> int:
        return len(self.trainer.catalogue.screening)

    @property
    def steps_count(self) -> int:
        return self.questions_count + 3

    def step_kind(self, step: int | None = None) -> StepKind:
        index = self.step if step is None else step
        extra: tuple[StepKind, ...] = ("pain", "level", "equipment")
        if index < self.questions_count:
            return "question"
        return extra[index - self.questions_count]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="screening-body"):
            yield Static(id="screening-progress")
            yield Static(id="screening-prompt")
            yield Static(id="screening-hint")
            with ContentSwitcher(initial="screening-answer", id="screening-steps"):
                yield OptionList(
                    Option("y  Yes", id="yes"), Option("n  No", id="no"), id="screening-answer"
                )
                yield PainScale(id="screening-pain")
                yield OptionList(
                    *(
                        Option(
                            Content.assemble(
                                (LEVEL_WORDS[level].capitalize(), "bold"),
                                "\n",
                                (LEVEL_CHOICES[level], "dim"),
                            ),
                            id=level,
                        )
                        for level in LEVELS
                    ),
                    id="screening-level",
                )
                yield EquipmentList(
                    *((equipment.label(item), item) for item in EQUIPMENT),
                    id="screening-equipment",
                )
            yield Static(id="screening-error")
        yield Footer()

    @property
    def refused(self) -> str | None:
        """Why no question may be asked here (a read-only trainer); None when they may."""
        return self.trainer.store.read_only_reason

    def on_mount(self) -> None:
        self.show_step()

    # ---------------------------------------------------------------- showing a step

    def show_step(self) -> None:
        kind = self.step_kind()
        progress = self.query_one("#screening-progress", Static)
        prompt = self.query_one("#screening-prompt", Static)
        hint = self.query_one("#screening-hint", Static)
        switcher = self.query_one(ContentSwitcher)
        self.query_one("#screening-error", Static).update("")
        refused = self.refused
        if refused is not None:
            progress.update("Read-only")
            prompt.update(READ_ONLY_PROMPT)
            keys = (
                "Press escape to go back, or q to quit."
                if len(self.app.screen_stack) > 2
                else "Press t for your stats, or q to quit."
            )
            hint.update(Content(READ_ONLY_HINT.format(keys=keys)))
            switcher.display = False
            self.refresh_bindings()
            return
        progress.update(f"Question {self.step + 1} of {self.steps_count}")
        if kind == "question":
            question = self.trainer.catalogue.screening[self.step]
            prompt.update(question.question)
            intro = (
                "Safety questions from the exercise articles (not medical advice). "
                if self.step == 0
                else ""
            )
            hint.update(f"{intro}Press y for yes or n for no.")
            answer = self.query_one("#screening-answer", OptionList)
            previous = self.answers.get(question.id)
            answer.highlighted = None if previous is None else (0 if previous else 1)
            switcher.current = "screening-answer"
            answer.focus()
        elif kind == "pain":
            prompt.update("How much does your back hurt right now?")
            note = f"{NO_QUESTIONS_NOTE}\n" if self.questions_count == 0 else ""
            hint.update(f"{note}Use the arrows or type a number (10: type 1 then 0), then enter.")
            scale = self.query_one(PainScale)
            scale.value = self.pain
            switcher.current = "screening-pain"
            scale.focus()
        elif kind == "level":
            prompt.update("How much exercise experience do you have?")
            hint.update("Use the arrows, then enter.")
            levels = self.query_one("#screening-level", OptionList)
            levels.highlighted = LEVELS.index(self.level) if self.level else 0
            switcher.current = "screening-level"
            levels.focus()
        else:
            prompt.update("Which of these do you have at hand?")
            hint.update("Space ticks or unticks; enter when done. Nothing ticked: none.")
            items = self.query_one(EquipmentList)
            items.deselect_all()
            for item in self.equipment:
                items.select(item)
            if items.highlighted is None:
                items.highlighted = 0
            switcher.current = "screening-equipment"
            items.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return self.refused is None and self.step_kind() == "question"
        return True

    # ---------------------------------------------------------------- answers

    def action_answer(self, yes: bool) -> None:
        if self.refused is not None or self.step_kind() != "question":
            return
        trainer = self.trainer
        question = trainer.catalogue.screening[self.step]
        self.answers[question.id] = yes
        if yes:  # every question's outcome is urgent, see-clinician or caution
            event = RedFlagAnswer(trainer.now(), question.id, question.outcome)
            record_safety(self, trainer, event)
        self.advance()

    @on(OptionList.OptionSelected, "#screening-answer")
    def answer_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_answer(event.option.id == "yes")

    @on(PainScale.Chosen)
    def pain_chosen(self, event: PainScale.Chosen) -> None:
        event.stop()
        self.pain = event.value
        if is_severe(event.value):
            record_safety(
                self, self.trainer, SeverePain(self.trainer.now(), event.value, "screening")
            )
        self.advance()

    @on(OptionList.OptionSelected, "#screening-level")
    def level_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id
        self.level = next(level for level in LEVELS if level == chosen)
        self.advance()

    @on(EquipmentList.Done)
    def equipment_chosen(self, event: EquipmentList.Done) -> None:
        event.stop()
        self.equipment = event.selected
        self.finish()

    def advance(self) -> None:
        self.step += 1
        self.show_step()

    def action_back(self) -> None:
        if self.refused is not None:
            self._leave()
        elif self.step > 0:
            self.step -= 1
            self.show_step()
        else:
            self._leave()

    def _leave(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.dismiss(None)  # a re-take: back to where it was asked for
        elif self.refused is None:
            self.notify("This is the first question.", timeout=3)

    def finish(self) -> None:
        trainer = self.trainer
        try:
            record = evaluate(
                trainer.catalogue.screening,
                self.answers,
                pain_now=self.pain if self.pain is not None else -1,
                level=self.level or "beginner",
                equipment=self.equipment,
                taken=trainer.now(),
            )
        except ScreeningError as error:
            self.query_one("#screening-error", Static).update(
                f"{error} Press escape to go back and change it."
            )
            return
        self.post_message(ScreeningTaken(record))
