"""The plan screen as a person uses it: choose, preview, details, the avoid list, start."""

from __future__ import annotations

from types import MappingProxyType

from catalogue_factory import NOW, catalogue, screening

from trainer.core.catalogue.model import Catalogue, Plan
from trainer.core.plan.safety import ANYTHING_NEW
from trainer.core.plan.tailoring import EMPTY_PLAN_NOTE, TailoredPlan
from trainer.core.records import ExerciseProgress
from trainer.core.session.clock import FakeClock
from trainer.core.session.machine import plan_seconds
from trainer.core.session.view import describe_minutes
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions
from trainer.ui.screens.avoid import AvoidScreen
from trainer.ui.screens.confirm import ConfirmScreen
from trainer.ui.screens.exercise import ExerciseScreen
from trainer.ui.screens.pain_rating import PainRatingScreen
from trainer.ui.screens.plans import NO_PLANS, PlansScreen
from trainer.ui.screens.screening import ScreeningScreen
from trainer.ui.widgets.plan_list import PlanList
from trainer.ui.widgets.preview_list import PreviewList

SIZE = (80, 24)


class SessionSpy:
    def __init__(self) -> None:
        self.calls: list[TailoredPlan] = []
        self.pain: list[int | None] = []

    def __call__(
        self, tailored: TailoredPlan, resume: object = None, pain_before: int | None = None
    ) -> None:
        self.calls.append(tailored)
        self.pain.append(pain_before)


def make_app(store: MemoryStore | None = None, cat: Catalogue | None = None) -> TrainerApp:
    if store is None:
        store = MemoryStore()
        store.save_screening(screening(equipment=("mat",)))
    return TrainerApp(cat or catalogue(), store, FakeClock(start=NOW), AppOptions(bell=False))


def preview_text(app: TrainerApp) -> str:
    preview = app.screen.query_one(PreviewList)
    return "\n".join(str(option.prompt) for option in preview.options)


def notes(app: TrainerApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_plans_are_listed_and_the_suggested_one_is_highlighted():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        plans = app.screen.query_one(PlanList)
        assert [o.id for o in plans.options] == ["daily-stretches", "core-strength"]
        # No strength session yet: strength is suggested, so the core plan is highlighted.
        assert plans.highlighted_option.id == "core-strength"
        assert "suggested today" in str(plans.options[1].prompt)
        suggestion = str(app.screen.query_one("#plans-suggestion").render())
        assert suggestion.startswith("Today's suggestion: a strength session")


async def test_the_preview_is_tailored_dosage_left_out_and_notes():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = preview_text(app)
        assert "Bridge\n  12 reps" in text  # new to exercise: 1 set, at least 12 reps
        assert "Bird dog\n  5 reps each side, hold 5 s" in text  # holds keep their own
        assert "Back extension\n  new to exercise: at most two strength moves" in text
        assert "needs an exercise ball or a BOSU" in text
        assert "You chose new to exercise: at most two strength moves" in text
        assert "12-16" not in text  # the Remember box quotes no dosage the plan does not give
        await pilot.press("up")  # the stretches plan
        text = preview_text(app)
        assert "Knee to chest\n  3 reps each side, hold 5 s" in text
        assert "Left out today" not in text


async def test_a_plan_needing_missing_equipment_says_what_is_missing():
    store = MemoryStore()
    store.save_screening(screening(equipment=()))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        plans = app.screen.query_one(PlanList)
        stretches = str(plans.options[0].prompt)
        assert "needs a mat; 1 of 2 without it" in stretches


async def test_progress_sets_the_dosage_shown():
    store = MemoryStore()
    store.save_screening(screening(equipment=("mat",)))
    store.save_progress(ExerciseProgress("bridge", hold_s=0, reps=15, sets=2, rest_s=30), None)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Bridge\n  2 sets of 15 reps" in preview_text(app)


def plan_line(app: TrainerApp, plan_id: str) -> str:
    plans = app.screen.query_one(PlanList)
    return next(str(o.prompt) for o in plans.options if o.id == plan_id)


async def test_the_minutes_shown_are_todays_dosage_not_the_catalogues_start():
    """A dose grown to 2 x 15 makes the plan longer: the list and the preview say so, with
    the figure the session itself counts down from, never the catalogue's `minutes`."""
    store = MemoryStore()
    store.save_screening(screening(equipment=("mat",)))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlansScreen)
        before = describe_minutes(plan_seconds(screen.tailored["core-strength"]))
        assert f"twice a week · {before}" in plan_line(app, "core-strength")
        assert f"{before} today" in preview_text(app)
        store.save_progress(ExerciseProgress("bridge", hold_s=10, reps=15, sets=3, rest_s=30), None)
        await pilot.press("a")  # away to the avoid list and back: the plans read again
        await pilot.press("escape")
        assert app.screen is screen
        tailored = screen.tailored["core-strength"]
        after = describe_minutes(plan_seconds(tailored))
        assert after != before
        assert f"twice a week · {after}" in plan_line(app, "core-strength")
        assert f"{after} today" in preview_text(app)
        plan = app.catalogue.plans["core-strength"]
        assert f"{plan.minutes} min" not in plan_line(app, "core-strength")


async def test_coming_back_after_the_progress_moved_on_shows_the_new_dosage():
    """What a finished session does, seen from the plans: the screen rebuilds on return."""
    store = MemoryStore()
    store.save_screening(screening(equipment=("mat",)))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Bridge\n  2 sets of 15 reps" not in preview_text(app)
        await pilot.press("d")
        assert isinstance(app.screen, ExerciseScreen)
        store.save_progress(ExerciseProgress("bridge", hold_s=0, reps=15, sets=2, rest_s=30), None)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert "Bridge\n  2 sets of 15 reps" in preview_text(app)


async def test_enter_asks_about_anything_new_then_starts_the_tailored_plan(monkeypatch):
    spy = SessionSpy()
    monkeypatch.setattr(TrainerApp, "start_session", spy, raising=False)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, PainRatingScreen)  # pain first: the policy needs it
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # the screening is two days old
        assert str(app.screen.query_one("#confirm-question").render()) == ANYTHING_NEW
        await pilot.press("escape")  # never mind
        assert isinstance(app.screen, PlansScreen)
        assert spy.calls == []
        await pilot.press("enter", "2", "enter", "n")
        await pilot.pause()
        assert len(spy.calls) == 1
        assert spy.pain == [2]
        assert spy.calls[0].plan.id == "core-strength"
        assert [p.exercise.id for p in spy.calls[0].exercises][:3] == [
            "cat-cow",
            "bridge",
            "bird-dog",
        ]


async def test_anything_new_yes_re_runs_the_screening(monkeypatch):
    spy = SessionSpy()
    monkeypatch.setattr(TrainerApp, "start_session", spy, raising=False)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2", "enter", "y")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        assert spy.calls == []


async def test_a_plan_left_empty_says_why_and_does_not_start(monkeypatch):
    spy = SessionSpy()
    monkeypatch.setattr(TrainerApp, "start_session", spy, raising=False)
    store = MemoryStore()
    store.save_screening(screening(equipment=()))
    gear_only = Plan(
        "gear", "Gear only", "Needs gear.", "daily", 10, ("ball-extension", "deadlift")
    )
    base = catalogue()
    cat = catalogue(exercises=base.exercises.values(), plans=[gear_only])
    app = make_app(store, cat)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert EMPTY_PLAN_NOTE in preview_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert spy.calls == []
        assert EMPTY_PLAN_NOTE in notes(app)


async def test_d_shows_the_highlighted_exercise_in_full():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.exercise.id == "cat-cow"
        text = str(app.screen.query_one("#exercise-text").render())
        for part in (
            "Cat cow",
            "Today: 5 reps",
            "Position: lying on your back",
            "Targets: lower back",
            "Steps",
            "1. Lie down.",
            "Modifications",
            "Cautions",
            "Dosage in the articles",
            "Sources",
            "Why lower back exercises matter",
        ):
            assert part in text, part
        await pilot.press("escape")
        assert isinstance(app.screen, PlansScreen)


async def test_enter_in_the_preview_opens_that_exercise_even_one_left_out():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "enter")
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.exercise.id == "bridge"
        await pilot.press("q")  # q goes back from a detail view
        assert isinstance(app.screen, PlansScreen)
        assert app.screen.query_one(PreviewList).has_focus  # where it was
        await pilot.press("down", "down", "down", "enter")  # past front plank: left out
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.exercise.id == "back-extension"
        text = str(app.screen.query_one("#exercise-text").render())
        assert "Left out today: new to exercise" in text
        assert "Today:" not in text


async def test_the_preview_scrolls_past_the_last_exercise_to_the_notes():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        preview = app.screen.query_one(PreviewList)
        for _ in range(len(preview.options) + 20):
            await pilot.press("down")
        assert preview.scroll_y == preview.max_scroll_y > 0
        last_pickable = max(i for i, o in enumerate(preview.options) if not o.disabled)
        assert preview.highlighted == last_pickable  # no wrap back to the top


async def test_a_shows_the_exercises_to_avoid_and_escape_comes_back():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, AvoidScreen)
        text = str(app.screen.query_one("#avoid-text").render())
        assert "Sit-ups" in text
        assert "Why: They can strain your lower back." in text
        assert "Instead: Front plank" in text
        await pilot.press("escape")
        assert isinstance(app.screen, PlansScreen)


async def test_s_re_takes_the_screening_and_escape_abandons_it():
    store = MemoryStore()
    original = screening(equipment=("mat",))
    store.save_screening(original)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, ScreeningScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert store.screening() == original


async def test_a_new_screening_with_a_flag_changes_the_preview():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "n", "n", "n", "y", "n", "3", "enter", "down", "enter", "enter")
        await pilot.pause()
        await pilot.press("enter")  # the caution screen: on to the plans
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert "Do you have a history of herniated or bulging discs?" in preview_text(app)


async def test_the_palette_opens_the_avoid_list_and_the_screening():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Exercises to avoid")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AvoidScreen)
        await pilot.press("escape", "ctrl+p", *"Re-take the screening")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)


async def test_a_catalogue_without_plans_says_so():
    base = catalogue()
    empty = Catalogue(
        base.path, 1, base.exercises, base.screening, base.avoid, MappingProxyType({})
    )
    app = make_app(cat=empty)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#plans-suggestion").render()) == NO_PLANS
        await pilot.press("enter", "d")
        assert isinstance(app.screen, PlansScreen)


async def test_an_empty_avoid_list_says_so():
    base = catalogue()
    no_avoid = Catalogue(
        base.path, 1, base.exercises, base.screening, MappingProxyType({}), base.plans
    )
    app = make_app(cat=no_avoid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert "lists no exercises to avoid" in str(app.screen.query_one("#avoid-text").render())


async def test_with_no_color_the_cursor_still_shows(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.no_color
        plans = app.screen.query_one(PlanList)
        preview = app.screen.query_one(PreviewList)
        cursor = "option-list--option-highlighted"
        assert plans.get_component_rich_style(cursor).reverse  # focused: reverse video
        assert preview.get_component_rich_style(cursor).underline  # the other: underlined
        await pilot.press("tab")
        assert preview.get_component_rich_style(cursor).reverse


def footer_keys(app: TrainerApp) -> dict[str, str]:
    return {
        key: active.binding.description
        for key, active in app.screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


async def test_every_exercise_of_the_preview_opens_and_the_footer_says_how():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert footer_keys(app)["tab"] == "Exercises"
        await pilot.press("tab")
        await pilot.pause()
        preview = app.screen.query_one(PreviewList)
        assert preview.has_focus and footer_keys(app)["tab"] == "Plans"
        pickable = [o.id for o in preview.options if not o.disabled]
        opened = []
        for index in range(len(pickable)):
            await pilot.press(*["down"] * index, "d")
            assert isinstance(app.screen, ExerciseScreen)
            opened.append(app.screen.exercise.id)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen.query_one(PreviewList).has_focus
            await pilot.press(*["up"] * index)
        assert opened == [option_id.split(":", 1)[1] for option_id in pickable]
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one(PlanList).has_focus
        assert footer_keys(app)["tab"] == "Exercises"


async def test_the_help_says_how_to_reach_the_exercises():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        keys = str(app.screen.query_one("#help-keys").render())
        assert "tab" in keys and "enter or d to open it" in keys
