"""One exercise in full: how to do it, what it works, what to watch for, and where the
instructions come from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.core.catalogue import equipment
from trainer.core.catalogue.model import Catalogue, Dosage, Exercise
from trainer.core.catalogue.words import describe_exercise_dosage

LEVEL_NAMES = {"beginner": "beginner", "intermediate": "intermediate", "advanced": "advanced"}


class ExerciseScreen(Screen[None]):
    CSS_PATH = "exercise.tcss"
    SUB_TITLE = "Exercise"
    BINDINGS = [Binding("escape,q", "back", "Back", key_display="esc")]

    def __init__(
        self,
        catalogue: Catalogue,
        exercise: Exercise,
        *,
        dosage: Dosage | None = None,
        left_out: str | None = None,
    ) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.exercise = exercise
        self.dosage = dosage
        self.left_out = left_out

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="exercise-body"):
            yield Static(
                exercise_text(self.catalogue, self.exercise, self.dosage, self.left_out),
                id="exercise-text",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#exercise-body").focus()

    def action_back(self) -> None:
        self.dismiss(None)


def _section(title: str, lines: list[str], numbered: bool = False) -> list[Content]:
    if not lines:
        return []
    out = [Content(""), Content.styled(title, "bold")]
    for number, line in enumerate(lines, start=1):
        mark = f"{number:>2}. " if numbered else "  • "
        out.append(Content(mark + line))
    return out


def exercise_text(
    catalogue: Catalogue, exercise: Exercise, dosage: Dosage | None, left_out: str | None
) -> Content:
    """Everything about one exercise, in the order a person needs it."""
    about = [exercise.kind, LEVEL_NAMES[exercise.level]]
    lines: list[Content] = [
        Content.styled(exercise.name, "bold"),
        Content.styled(" · ".join(about).capitalize(), "dim"),
    ]
    if exercise.aliases:
        lines.append(Content.styled("Also called: " + ", ".join(exercise.aliases), "dim"))
    lines.append(Content(""))
    if left_out is not None:
        lines.append(Content.assemble(("Left out today: ", "bold"), left_out))
    if dosage is not None:
        today = describe_exercise_dosage(exercise, dosage)
        if dosage.sets > 1:
            today += f"; rest {dosage.rest_s} s between sets"
        lines.append(Content.assemble(("Today: ", "bold"), today))
    lines.append(Content.assemble(("Position: ", "bold"), exercise.position))
    if exercise.targets:
        lines.append(Content.assemble(("Targets: ", "bold"), ", ".join(exercise.targets)))
    gear = equipment.describe_items(exercise.equipment) if exercise.equipment else "none"
    lines.append(Content.assemble(("Equipment: ", "bold"), gear))
    lines += _section("Steps", list(exercise.steps), numbered=True)
    lines += _section("Modifications", list(exercise.modifications))
    lines += _section("Cautions", list(exercise.cautions))
    lines += _section("Dosage in the articles", list(exercise.dosage_notes))
    variants = [
        f"{word}: {catalogue.exercises[other].name}"
        for word, other in (("Harder", exercise.harder), ("Easier", exercise.easier))
        if other and other in catalogue.exercises
    ]
    lines += _section("Variants", variants)
    lines += _section("Sources", list(exercise.sources))
    return Content("\n").join(lines)
