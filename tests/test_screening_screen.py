"""The screening as a person answers it: keys in, the right screen out, the record saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from catalogue_factory import NOW, QUESTIONS, catalogue, screening

from trainer.core.actions import safety_status
from trainer.core.session.clock import FakeClock
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions
from trainer.ui.screens.caution import CautionScreen
from trainer.ui.screens.clinician import SeeClinicianScreen
from trainer.ui.screens.confirm import ConfirmScreen
from trainer.ui.screens.message import MessageScreen
from trainer.ui.screens.plans import PlansScreen
from trainer.ui.screens.screening import NO_QUESTIONS_NOTE, ScreeningScreen
from trainer.ui.screens.urgent import UrgentScreen
from trainer.ui.widgets.equipment_list import EquipmentList
from trainer.ui.widgets.notice_banner import banner_text
from trainer.ui.widgets.pain_scale import PainScale

SIZE = (80, 24)


class SessionSpy:
    """Stands in for `TrainerApp.start_session`: records every attempt to start one."""

    def __init__(self) -> None:
        self.calls: list[object] = []

    def __call__(self, tailored: object, resume: object = None) -> None:
        self.calls.append(tailored)


def make_app(store: MemoryStore | None = None, questions=QUESTIONS) -> TrainerApp:
    return TrainerApp(
        catalogue(questions=questions),
        store if store is not None else MemoryStore(),
        FakeClock(start=NOW),
        AppOptions(bell=False),
    )


def answers_for(yes: set[str]) -> list[str]:
    return ["y" if q.id in yes else "n" for q in QUESTIONS]


async def answer_everything(
    pilot,
    yes: set[str],
    pain: list[str] | None = None,
    level_downs: int = 0,
    ticks: list[str] | None = None,
) -> None:
    await pilot.press(*answers_for(yes))
    await pilot.press(*(pain if pain is not None else ["3"]), "enter")
    await pilot.press(*["down"] * level_downs, "enter")
    await pilot.press(*(ticks or []), "enter")
    await pilot.pause()


def progress_text(app: TrainerApp) -> str:
    return str(app.screen.query_one("#screening-progress").render())


async def test_a_first_run_starts_with_the_first_question():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        assert progress_text(app) == f"Question 1 of {len(QUESTIONS) + 3}"
        prompt = str(app.screen.query_one("#screening-prompt").render())
        assert prompt == QUESTIONS[0].question


async def test_all_no_lands_on_the_plans_and_saves_every_answer():
    store = MemoryStore()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        # pain 6, intermediate, a mat and a chair (first and fourth in the vocabulary)
        await answer_everything(
            pilot,
            set(),
            pain=["6"],
            level_downs=1,
            ticks=["space", "down", "down", "down", "space"],
        )
        assert isinstance(app.screen, PlansScreen)
        saved = store.screening()
        assert saved is not None
        assert saved.outcome == "clear"
        assert saved.answers == {q.id: False for q in QUESTIONS}
        assert (saved.pain_now, saved.level, saved.equipment) == (
            6,
            "intermediate",
            ("mat", "chair"),
        )
        assert saved.taken == NOW


async def test_caution_shows_what_is_left_out_then_the_plans():
    store = MemoryStore()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await answer_everything(pilot, {"disc"})
        assert isinstance(app.screen, CautionScreen)
        left_out = str(app.screen.query_one("#caution-left-out").render())
        assert "Back extension" in left_out
        assert "herniated or bulging discs" in left_out
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert store.screening().flags == ("disc",)


async def test_see_clinician_goes_on_only_after_confirming_clearance():
    store = MemoryStore()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await answer_everything(pilot, {"numbness", "history"})
        assert isinstance(app.screen, SeeClinicianScreen)
        assert policy_says(app, store) is not None
        await pilot.press("c")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # enter must not count as a yes
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SeeClinicianScreen)
        assert store.screening().clinician_cleared is None
        await pilot.press("c", "y")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        saved = store.screening()
        assert saved.clinician_cleared == NOW
        assert policy_says(app, store) is None


async def test_an_uncleared_see_clinician_screening_on_file_opens_its_message():
    store = MemoryStore()
    store.save_screening(screening("see-clinician", yes={"numbness"}))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SeeClinicianScreen)


async def test_urgent_shows_the_urgent_message_with_no_way_to_a_session(monkeypatch):
    spy = SessionSpy()
    monkeypatch.setattr(TrainerApp, "start_session", spy, raising=False)
    store = MemoryStore()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await answer_everything(pilot, {"bladder-bowel"})
        assert isinstance(app.screen, UrgentScreen)
        assert "SEEK URGENT MEDICAL CARE NOW" in str(app.screen.query_one("#urgent-title").render())
        answers = str(app.screen.query_one("#urgent-answers").render())
        assert QUESTIONS[0].question in answers
        # Keys a person might try: none of them leads anywhere but here.
        await pilot.press("escape", "enter", "space", "d", "c", "a")
        await pilot.pause()
        while not isinstance(app.screen, UrgentScreen):  # the avoid list is fine to read
            await pilot.press("escape")
        # The palette's "Plans" sends a person home, which is this screen.
        await pilot.press("ctrl+p")
        await pilot.press(*"Plans")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)
        # Even a plan screen put in front (any future path) refuses to start.
        app.push_screen(PlansScreen(app.trainer))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert spy.calls == []
        assert isinstance(app.screen, MessageScreen)  # a refusal waits to be read whole
        assert "urgent" in str(app.screen.query_one(".message-paragraph").render())


async def test_an_urgent_screening_on_file_opens_the_urgent_screen_at_start():
    store = MemoryStore()
    store.save_screening(screening("urgent", yes={"bladder-bowel"}))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)


async def test_urgent_can_be_lifted_only_by_a_new_screening_without_that_answer():
    store = MemoryStore()
    store.save_screening(screening("urgent", yes={"bladder-bowel"}))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        await pilot.press("escape")  # a re-take can be abandoned: back to the message
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)
        await pilot.press("s")
        await answer_everything(pilot, set())
        assert isinstance(app.screen, PlansScreen)
        assert store.screening().outcome == "clear"
        assert len(app.screen_stack) == 2  # nothing left underneath to go back to


async def test_a_screening_older_than_four_weeks_is_asked_again():
    store = MemoryStore()
    store.save_screening(screening(taken=NOW - timedelta(days=28, seconds=1)))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        await pilot.press("escape")  # nothing to go back to: stays
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)


async def test_a_screening_exactly_four_weeks_old_still_counts():
    store = MemoryStore()
    store.save_screening(screening(taken=NOW - timedelta(days=28)))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)


async def test_escape_goes_back_a_step_and_keeps_the_earlier_answer():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "n")
        assert progress_text(app) == f"Question 3 of {len(QUESTIONS) + 3}"
        await pilot.press("escape", "escape")
        assert progress_text(app) == f"Question 1 of {len(QUESTIONS) + 3}"
        answer_list = app.screen.query_one("#screening-answer")
        assert answer_list.highlighted == 0  # "Yes", as answered before


async def test_the_arrows_and_enter_answer_too():
    store = MemoryStore()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")  # first option: yes
        for _ in QUESTIONS[1:]:
            await pilot.press("down", "down", "enter")  # second option: no
        await pilot.press("right", "right", "enter", "enter", "enter")
        await pilot.pause()
        saved = store.screening()
        assert saved.answers[QUESTIONS[0].id] is True
        assert not any(saved.answers[q.id] for q in QUESTIONS[1:])
        assert saved.pain_now == 1  # right from nothing: 0, then 1


@pytest.mark.parametrize(
    ("keys", "value"),
    [
        (["1", "0"], 10),
        (["0"], 0),
        (["9"], 9),
        (["1", "0", "0"], 0),
        (["end"], 10),
        (["5", "home"], 0),
        (["9", "right", "right", "right"], 10),
        (["2", "left", "left"], 0),
    ],
)
async def test_the_pain_scale_reaches_every_value_and_never_leaves_the_range(keys, value):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*answers_for(set()))
        await pilot.press(*keys)
        assert app.screen.query_one(PainScale).value == value


async def test_enter_without_a_pain_number_does_not_move_on():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*answers_for(set()), "enter")
        assert app.screen.query_one(PainScale).has_focus


async def test_the_equipment_step_ticks_with_space_and_finishes_with_enter():
    store = MemoryStore()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*answers_for(set()), "3", "enter", "enter")
        items = app.screen.query_one(EquipmentList)
        assert items.has_focus
        await pilot.press("down", "space", "space", "space")
        assert items.selected == ["exercise-ball"]
        await pilot.press("enter")
        await pilot.pause()
        assert store.screening().equipment == ("exercise-ball",)


async def test_a_catalogue_without_questions_says_so_and_still_asks_the_rest():
    app = make_app(questions=())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert progress_text(app) == "Question 1 of 3"
        assert NO_QUESTIONS_NOTE in str(app.screen.query_one("#screening-hint").render())
        await pilot.press("4", "enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)


async def test_the_real_start_session_refuses_after_an_urgent_answer():
    store = MemoryStore()
    store.save_screening(screening("urgent", yes={"bladder-bowel"}))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        plans = PlansScreen(app.trainer)
        app.push_screen(plans)  # as if a plan screen were reached some other way
        await pilot.pause()
        tailored = next(iter(plans.tailored.values()))
        assert tailored.exercises
        assert app.start_session(tailored) is False
        await pilot.pause()
        assert app.screen is plans
        assert store.interrupted_session() is None
        assert any("urgent" in n.message for n in app._notifications)


async def test_no_palette_command_tears_down_a_live_session():
    from trainer.ui.screens.session import SessionScreen

    store = MemoryStore()
    store.save_screening(screening())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        plans = app.screen
        assert isinstance(plans, PlansScreen)
        assert app.start_session(next(iter(plans.tailored.values())))
        await pilot.pause()
        top = app.screen  # the session, or its "pain before" question
        assert any(isinstance(s, SessionScreen) for s in app.screen_stack)
        app.show_home()
        app.retake_screening()
        await pilot.pause()
        assert app.screen is top
        assert any(isinstance(s, SessionScreen) for s in app.screen_stack)
        assert "Finish or stop the session first." in [n.message for n in app._notifications]


async def test_stats_stay_viewable_from_the_urgent_screen():
    from trainer.ui.screens.stats import StatsScreen

    store = MemoryStore()
    store.save_screening(screening("urgent", yes={"bladder-bowel"}))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)


class FullDiskStore(MemoryStore):
    """The disk is full: the screening cannot be written."""

    def save_screening(self, record) -> None:
        import errno

        raise OSError(errno.ENOSPC, "No space left on device")


async def test_a_screening_that_cannot_be_saved_says_so_and_still_shows_the_plans():
    store = FullDiskStore()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await answer_everything(pilot, set())
        assert isinstance(app.screen, PlansScreen)
        assert app.screen.record is not None and app.screen.record.outcome == "clear"
        assert store.screening() is None
        assert "could not be saved" in banner_text(app.screen)


def policy_says(app, store):
    """Why the safety policy keeps sessions closed now (None: open)."""
    return safety_status(app.catalogue, store, NOW).block_reason


async def test_the_levels_read_differently_and_say_what_differs():
    """Intermediate and advanced once read the same; the articles give them one rule, so
    advanced says so instead of repeating intermediate's line."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*answers_for(set()), "3", "enter")
        await pilot.pause()
        levels = app.screen.query_one("#screening-level")
        shown = [str(option.prompt) for option in levels.options]
        assert [line.split("\n")[0] for line in shown] == [
            "New to exercise",
            "Intermediate",
            "Advanced",
        ]
        assert len(set(shown)) == 3
        assert "same rule as intermediate" in shown[2]


async def test_a_caution_reads_go_carefully_on_every_screen():
    """The caution screen's heading, its title, the plans' header and the stats say one
    thing (they said "caution" in two places and "go carefully" in three)."""
    store = MemoryStore()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        caution = next(q.id for q in QUESTIONS if q.outcome == "caution")
        await pilot.press(*answers_for({caution}))
        await pilot.press("3", "enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CautionScreen)
        assert app.screen.sub_title == "Screening: go carefully"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert "go carefully" in app.screen.sub_title
        assert "caution" not in app.screen.sub_title
