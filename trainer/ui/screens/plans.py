"""Choosing a plan: the catalogue's plans, each previewed as this person would do it today.

The preview is the tailored plan itself (the same object a session runs), so what is shown
here is exactly what will be asked for: today's dosage, what was left out and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from trainer.core.actions import Trainer
from trainer.core.catalogue import equipment
from trainer.core.catalogue.model import Catalogue, Dosage, Exercise, Plan
from trainer.core.catalogue.words import describe_exercise_dosage
from trainer.core.plan.safety import SafetyStatus
from trainer.core.plan.tailoring import (
    EMPTY_PLAN_NOTE,
    Suggestion,
    TailoredPlan,
    plan_equipment,
    suggestion_since,
    tailor,
    todays_suggestion,
)
from trainer.core.records import (
    ActivityRecord,
    ExerciseProgress,
    SafetyEvent,
    ScreeningRecord,
    SessionRecord,
)
from trainer.core.session.machine import plan_seconds
from trainer.core.session.view import describe_minutes
from trainer.ui import texts
from trainer.ui.background import in_store_thread
from trainer.ui.messages import PrepareSession, Rescreen, Saved, ShowAvoidList, WriteFailed
from trainer.ui.widgets.plan_list import PlanList
from trainer.ui.widgets.preview_list import PreviewList

#: Shown for the moment the state is being read (on the store thread).
READING = "Reading your progress…"
NO_PLANS = "This catalogue has no plans. Add a [plans.<id>] table to exercises.toml."
NO_SCREENING = "No screening on file. Press s to take it."
#: How a failed activity save is named in the banner ("... could not be saved: ...").
ACTIVITY_WORDS = "Your logged activity"

SUGGESTION_WORDS = {
    "strength": "a strength session",
    "stretching": "stretching",
    "rest": "rest or gentle stretching",
}

DO_PREFIX = "do:"
OUT_PREFIX = "out:"


class PlansScreen(Screen[None]):
    CSS_PATH = "plans.tcss"
    SUB_TITLE = "Plans"
    BINDINGS = [
        Binding("enter", "start", "Start", show=False),
        # Tab crosses to the preview, where every exercise of the plan can be opened; the
        # footer says which way it goes now (Textual's own tab did this unlisted).
        Binding(
            "tab,shift+tab",
            "to_exercises",
            "Exercises",
            key_display="tab",
            tooltip="to this plan's exercises: ↑↓ to choose one, enter or d to open it",
        ),
        Binding(
            "tab,shift+tab",
            "to_plans",
            "Plans",
            key_display="tab",
            tooltip="back to the list of plans",
        ),
        Binding("d", "details", "Details", tooltip="the highlighted exercise in full"),
        Binding("a", "avoid", "Avoid", tooltip="exercises to avoid, and why"),
        Binding("s", "retake", "Re-screen"),
        Binding("l", "log_activity", "Log activity", tooltip="walking, easy cycling..."),
    ]

    def __init__(self, trainer: Trainer, record: ScreeningRecord | None = None) -> None:
        """`record`: the screening just taken, shown even if the store could not keep it
        (read-only); otherwise the store's."""
        super().__init__()
        self.trainer = trainer
        self._given = record
        self.record: ScreeningRecord | None = record
        self.tailored: dict[str, TailoredPlan] = {}
        self.suggestion: Suggestion | None = None
        self.safety: SafetyStatus | None = None
        self._shown_state: object = None
        self._first_resume = True

    @property
    def catalogue(self) -> Catalogue:
        return self.trainer.catalogue

    def compose(self) -> ComposeResult:
        # Nothing is read here: the state is read on the store thread (`_read`) and the
        # lists are filled when it comes, a moment later.
        yield Header()
        yield Static(id="plans-flags")
        yield Static(READING, id="plans-suggestion")
        with Horizontal(id="plans-body"):
            yield PlanList(id="plans-list")
            yield PreviewList(id="plans-preview")
        # Compact, and Ctrl+P left to the help (which names it): every key of this screen,
        # tab to the exercises included, fits an 80-column footer.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#plans-flags").display = False
        self._read(first=True)

    def on_screen_resume(self) -> None:
        # Back from a session: progress and the suggestion may have moved on. Back from a
        # detail view nothing has, and the cursor should stay where it was. The first resume
        # comes straight after the mount, which is reading already.
        if self._first_resume:
            self._first_resume = False
            return
        if self.is_mounted:
            self._read(first=False)

    @work(group="reads", exclusive=True)
    async def _read(self, *, first: bool) -> None:
        """Reads the state and tailors every plan on the store thread (after any save asked
        before, such as the session just filed), then shows it if anything changed."""
        found = await in_store_thread(partial(read_for_plans, self.trainer, self._given))
        if found.catch_up_problem is not None:
            self.post_message(
                WriteFailed("Your progress, eased after a break,", found.catch_up_problem)
            )
        if first or found.state != self._shown_state:
            self._show(found)

    def _show(self, found: PlansRead) -> None:
        self.record = found.record
        self.tailored = found.tailored
        self.suggestion = found.suggestion
        self.safety = found.safety
        self._shown_state = found.state
        if self.record is not None:
            self.sub_title = texts.screening_summary(self.record)
        self.query_one("#plans-suggestion", Static).update(self._headline())
        self._show_flags()
        self._fill_lists()
        self.refresh_bindings()

    def _flags_line(self) -> Content:
        header = self.safety.header() if self.safety is not None else None
        return Content.styled(header or "", "bold")

    def _show_flags(self) -> None:
        """The header names any safety flag that stands (never colour alone: words)."""
        line = self.query_one("#plans-flags", Static)
        line.update(self._flags_line())
        line.display = self.safety is not None and bool(self.safety.flags)

    def _headline(self) -> Content | str:
        if self.record is None:
            return NO_SCREENING
        if self.suggestion is None:
            return NO_PLANS
        return self._suggestion_text()

    def _fill_lists(self) -> None:
        if self.suggestion is None:
            return
        plan_list = self.query_one(PlanList)
        keep = plan_list.highlighted_option.id if plan_list.highlighted_option else None
        options: list[Option | None] = []
        for plan in self.catalogue.plans.values():
            options += [self._plan_option(plan), None]
        plan_list.set_options(options[:-1])
        first = keep or next(iter(self.suggestion.plan_ids), None)
        ids = list(self.catalogue.plans)
        plan_list.highlighted = ids.index(first) if first in ids else 0
        plan_list.focus()
        self.show_preview()

    def _suggestion_text(self) -> Content:
        assert self.suggestion is not None
        kind = SUGGESTION_WORDS[self.suggestion.kind]
        return Content.assemble(
            ("Today's suggestion: ", "bold"), (kind, "bold"), f". {self.suggestion.reason}"
        )

    def _plan_option(self, plan: Plan) -> Option:
        assert self.record is not None
        tailored = self.tailored[plan.id]
        lacking = equipment.missing(plan_equipment(self.catalogue, plan), self.record.equipment)
        suggested = self.suggestion is not None and plan.id in self.suggestion.plan_ids
        style = "dim" if lacking else ""
        parts: list[Content | tuple[str, str] | str] = [
            (plan.name, f"bold {style}".strip()),
            "\n",
            (f"{texts.FREQUENCY_WORDS[plan.frequency]} · {_length(tailored)}", style),
        ]
        if suggested:
            parts += ["\n", ("» suggested today", "italic")]
        if lacking:
            can_do = len(tailored.exercises)
            without = (
                f"{can_do} of {len(plan.exercises)} without it" if can_do else "none without it"
            )
            parts += ["\n", (f"needs {equipment.describe_items(lacking)}; {without}", "dim")]
        return Option(Content.assemble(*parts), id=plan.id)

    @on(OptionList.OptionHighlighted, "#plans-list")
    def plan_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_preview()

    def current_plan(self) -> Plan | None:
        option = self.query_one(PlanList).highlighted_option
        if option is None or option.id is None:
            return None
        return self.catalogue.plans.get(option.id)

    def show_preview(self) -> None:
        preview = self.query_one(PreviewList)
        plan = self.current_plan()
        if plan is None:
            preview.clear_options()
            return
        preview.set_options(self._preview_options(plan, self.tailored[plan.id]))
        preview.scroll_home(animate=False)
        first = next((i for i, o in enumerate(preview.options) if not o.disabled), None)
        preview.highlighted = first

    def _preview_options(self, plan: Plan, tailored: TailoredPlan) -> list[Option | None]:
        def text(content: Content | str) -> Option:
            return Option(content, disabled=True)

        needs = plan_equipment(self.catalogue, plan)
        gear = equipment.describe_items(needs) if needs else "none"
        options: list[Option | None] = [
            text(texts.heading(plan.name)),
            text(plan.summary),
            text(
                Content.styled(
                    f"{texts.FREQUENCY_WORDS[plan.frequency].capitalize()} · "
                    f"{_length(tailored)} today · equipment: {gear}",
                    "dim",
                )
            ),
            None,
            text(texts.heading("Today, for you")),
        ]
        if tailored.warm_up is not None:
            options.append(
                text(
                    Content.assemble(
                        "Warm-up first", "\n", (f"  {tailored.warm_up.length_words}", "dim")
                    )
                )
            )
        for planned in tailored.exercises:
            dose = describe_exercise_dosage(planned.exercise, planned.dosage)
            options.append(
                Option(
                    Content.assemble(planned.exercise.name, "\n", (f"  {dose}", "dim")),
                    id=DO_PREFIX + planned.exercise.id,
                )
            )
        if not tailored.exercises:
            options.append(text(Content.styled(EMPTY_PLAN_NOTE, "bold")))
        if tailored.left_out:
            options += [None, text(texts.heading("Left out today"))]
            for item in tailored.left_out:
                options.append(
                    Option(
                        Content.assemble(item.name, "\n", (f"  {item.reason}", "dim")),
                        id=OUT_PREFIX + item.exercise_id,
                        disabled=item.exercise_id not in self.catalogue.exercises,
                    )
                )
        notes = [note for note in tailored.notes if note != EMPTY_PLAN_NOTE]
        notes += list(self.catalogue.guidance.get("stop", ()))
        if notes:
            options += [None, text(texts.heading("Remember"))]
            options += [text(f"• {note}") for note in notes]
        return options

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("start", "details") and self._shown_state is None:
            return None  # still reading: listed, dimmed, until the plans are there
        if action == "to_exercises":
            preview = self.query_one(PreviewList)
            return not preview.has_focus and any(not o.disabled for o in preview.options)
        if action == "to_plans":
            return self.query_one(PreviewList).has_focus
        return True

    def action_to_exercises(self) -> None:
        self.query_one(PreviewList).focus()

    def action_to_plans(self) -> None:
        self.query_one(PlanList).focus()

    def on_descendant_focus(self) -> None:
        """The footer's tab names where it goes from the list now focused."""
        self.refresh_bindings()

    def action_start(self) -> None:
        plan = self.current_plan()
        if plan is None:
            self.notify("Choose a plan first.", severity="warning")
            return
        # Pain first, then the safety policy, then the session (`trainer.ui.before_session`).
        self.post_message(PrepareSession(self.tailored[plan.id]))

    @on(OptionList.OptionSelected, "#plans-list")
    def plan_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_start()

    @on(OptionList.OptionSelected, "#plans-preview")
    def exercise_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_details()

    def action_details(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        tailored = self.tailored[plan.id]
        option = self.query_one(PreviewList).highlighted_option
        chosen = option.id if option is not None and option.id else None
        if chosen is None and tailored.exercises:
            chosen = DO_PREFIX + tailored.exercises[0].exercise.id
        if chosen is None:
            self.notify("No exercise to show in this plan.", severity="warning")
            return
        exercise_id = chosen.split(":", 1)[1]
        exercise = self.catalogue.exercises.get(exercise_id)
        if exercise is None:
            return
        dosage: Dosage | None = None
        left_out: str | None = None
        for planned in tailored.exercises:
            if planned.exercise.id == exercise_id:
                dosage = planned.dosage
        for item in tailored.left_out:
            if item.exercise_id == exercise_id:
                left_out = item.reason
        self._show_exercise(exercise, dosage, left_out)

    def _show_exercise(
        self, exercise: Exercise, dosage: Dosage | None, left_out: str | None
    ) -> None:
        from trainer.ui.screens.exercise import ExerciseScreen

        self.app.push_screen(
            ExerciseScreen(self.catalogue, exercise, dosage=dosage, left_out=left_out)
        )

    def action_log_activity(self) -> None:
        from trainer.ui.screens.activity_log import ActivityLogScreen

        self.app.push_screen(ActivityLogScreen(self.trainer.now()), self._keep_activity)

    def _keep_activity(self, activity: ActivityRecord | None) -> None:
        if activity is not None:
            self._log_activity(activity)

    @work(group="saves")
    async def _log_activity(self, activity: ActivityRecord) -> None:
        """Saves the activity (and any a full disk refused before) on the store thread; a
        failed write is said in the banner like every other, and what was logged is kept
        to save next time."""
        try:
            await in_store_thread(partial(self.trainer.log_activity, activity))
        except OSError as error:
            self.post_message(WriteFailed(ACTIVITY_WORDS, error))
            return
        self.post_message(Saved(ACTIVITY_WORDS))
        minutes = f"{activity.minutes} min"
        self.notify(f"Logged: {activity.kind}, {minutes}. It counts toward most days.", timeout=4)

    def action_avoid(self) -> None:
        self.post_message(ShowAvoidList())

    def action_retake(self) -> None:
        self.post_message(Rescreen())


def _length(tailored: TailoredPlan) -> str:
    """How long the plan takes today, at today's dosage ("about 12 min"): the session's own
    estimate, never the catalogue's figure for the starting dosage."""
    return describe_minutes(plan_seconds(tailored))


@dataclass(frozen=True)
class PlansRead:
    """What the plans screen shows, read and tailored on the store thread in one go."""

    record: ScreeningRecord | None
    tailored: dict[str, TailoredPlan]
    suggestion: Suggestion | None
    safety: SafetyStatus
    state: object  # what it was built from (`_state_of`): rebuilt on return if it moved
    catch_up_problem: OSError | None = None


def read_for_plans(trainer: Trainer, given: ScreeningRecord | None) -> PlansRead:
    """Runs on the store thread. `given`: the screening just taken, shown even if the
    store could not keep it (read-only); otherwise the store's. A long break steps the
    dosage back first (`Trainer.catch_up`)."""
    store = trainer.store
    stored = store.screening()
    record = given if given is not None else stored
    safety = trainer.safety_status()
    today = trainer.now().date()
    # Only what today's suggestion needs: the whole history is years of files (seconds to
    # read), and a session just filed is among the recent ones anyway.
    recent = store.sessions(since=suggestion_since(today))
    if record is None or not trainer.catalogue.plans:
        state = _state_of(stored, store.progress(), recent, store.live_safety_events())
        return PlansRead(record, {}, None, safety, state)
    problem: OSError | None = None
    try:
        trainer.catch_up()
    except OSError as error:
        problem = error
    progress = store.progress()
    state = _state_of(stored, progress, recent, store.live_safety_events())
    tailored = {
        plan.id: tailor(trainer.catalogue, plan, record, progress, today)
        for plan in trainer.catalogue.plans.values()
    }
    suggestion = todays_suggestion(trainer.catalogue, recent, today, safety.rest_today)
    return PlansRead(record, tailored, suggestion, safety, state, problem)


def _state_of(
    screening: ScreeningRecord | None,
    progress: dict[str, ExerciseProgress],
    recent: list[SessionRecord],
    safety: list[SafetyEvent],
) -> object:
    """What the screen was built from: when it differs on return, the screen is rebuilt.
    `safety`: the live events only (what the policy reads), never the whole history."""
    return (screening, progress, len(recent), tuple(safety))
