"""After the pain-stop key: what kind of pain, the articles' advice, then go on or end.

The exercise has already stopped and been recorded as stopped for pain before this dialog
asks anything, so closing the terminal here loses nothing. The advice is the catalogue's
`[guidance].stop` list, the articles' own words; a short faithful fallback is used only
when a hand-edited catalogue has none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from trainer.core.records import PainKind
from trainer.core.session.summary import PAIN_WORDS

#: Quoted from the articles, for a catalogue whose `[guidance].stop` list is empty.
FALLBACK_STOP_ADVICE: tuple[str, ...] = (
    "Stop if you feel sharp or radiating pain.",
    "If you experience pain that lasts more than 15 minutes you should stop exercising "
    "and contact your doctor.",
    "General muscle soreness is normal; increased pain is not.",
)

KIND_CHOICES: tuple[tuple[str, PainKind, str], ...] = (
    ("s", "sharp", "Sharp"),
    ("r", "radiating", "Radiating"),
    ("o", "other", "Something else, or not sure"),
)


def stop_advice(advice: Sequence[str]) -> tuple[str, ...]:
    return tuple(advice) or FALLBACK_STOP_ADVICE


#: What the person chose: the next exercise, the end of the session, or "p was a mistake".
PainStopChoice = Literal["go on", "end", "undo"]


class PainStopScreen(ModalScreen[PainStopChoice]):
    """Asks the kind of pain, shows the advice, then goes on or ends; before the kind is
    given, `u` takes a mistaken pain stop back."""

    CSS_PATH = "session_pain.tcss"
    BINDINGS = [
        Binding("s", "kind('sharp')", "Sharp"),
        Binding("r", "kind('radiating')", "Radiating"),
        Binding("o,escape", "kind('other')", "Other", key_display="o"),
        Binding("u", "undo", "Undo", tooltip="p was pressed by mistake: back to the exercise"),
        Binding("n", "go_on", "Go on"),
        # q as well: here, quitting means ending the session (it is filed, pain and all).
        Binding("e,q", "end", "End the session", key_display="e"),
    ]

    def __init__(
        self,
        *,
        exercise_name: str,
        next_exercise: str | None,
        advice: Sequence[str],
        on_kind: Callable[[PainKind], None],
    ) -> None:
        super().__init__()
        self.exercise_name = exercise_name
        self.next_exercise = next_exercise
        self.advice = stop_advice(advice)
        self.on_kind = on_kind
        self.kind: PainKind | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-box") as box:
            box.border_title = f"Stopped for pain: {self.exercise_name}"
            with Vertical(id="pain-kind"):
                yield Static(
                    Content("The exercise has stopped and is recorded. What kind of pain is it?"),
                    id="pain-question",
                )
                yield Static(
                    Content("\n").join(
                        Content.assemble((f"  {key}  ", "bold"), words)
                        for key, _, words in KIND_CHOICES
                    ),
                    id="pain-choices",
                )
                yield Static(
                    Content.assemble(("  u  ", "bold"), "Undo: I pressed p by mistake"),
                    id="pain-undo",
                )
            with VerticalScroll(id="pain-advice"):
                yield Static(id="pain-recorded")
                yield Static(
                    Content("\n").join(Content.assemble("• ", item) for item in self.advice),
                    id="pain-advice-text",
                )
            yield Static(self._choices_line(), id="pain-next")
        yield Footer(compact=True, show_command_palette=False)

    def _choices_line(self) -> Content:
        going_on = (
            f"Next exercise: {self.next_exercise}" if self.next_exercise else "To the summary"
        )
        return Content.assemble(
            ("n  ", "bold"), going_on, "      ", ("e  ", "bold"), "End the session"
        )

    def on_mount(self) -> None:
        self._show_stage()

    def _show_stage(self) -> None:
        asked = self.kind is not None
        self.query_one("#pain-kind").display = not asked
        self.query_one("#pain-advice").display = asked
        self.query_one("#pain-next").display = asked
        self.set_class(asked, "-advice")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("kind", "undo"):
            return self.kind is None
        if action in ("go_on", "end"):
            return self.kind is not None
        return True

    def action_kind(self, kind: PainKind) -> None:
        self.kind = kind
        self.on_kind(kind)
        recorded = PAIN_WORDS[kind].capitalize()
        self.query_one("#pain-recorded", Static).update(
            Content.assemble((f"Recorded: {recorded}.", "bold"), " What the articles advise:")
        )
        self._show_stage()

    def action_undo(self) -> None:
        self.dismiss("undo")

    def action_go_on(self) -> None:
        self.dismiss("go on")

    def action_end(self) -> None:
        self.dismiss("end")
