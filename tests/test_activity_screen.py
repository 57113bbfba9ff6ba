"""Logging activity from the plans screen, as a person does it with the keyboard: l, choose
what, type the minutes, enter; escape cancels; bad minutes are said and nothing is saved;
a full disk is said in the banner and what was logged is saved next time."""

from __future__ import annotations

import errno

from catalogue_factory import NOW, catalogue, screening

from trainer.core.records import ActivityRecord
from trainer.core.session.clock import FakeClock
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import AppOptions, TrainerApp
from trainer.ui.screens.activity_log import ActivityLogScreen, minutes_problem
from trainer.ui.screens.plans import ACTIVITY_WORDS, PlansScreen
from trainer.ui.widgets.notice_banner import banner_text

SIZE = (80, 24)


class FullDisk(MemoryStore):
    """A store whose disk is full until `space` is set."""

    space = False

    def log_activity(self, activity: ActivityRecord) -> None:
        if not self.space:
            raise OSError(errno.ENOSPC, "No space left on device")
        super().log_activity(activity)


def make_app(store: MemoryStore | None = None) -> TrainerApp:
    store = store if store is not None else MemoryStore()
    store.save_screening(screening(equipment=("mat",)))
    return TrainerApp(catalogue(), store, FakeClock(start=NOW), AppOptions(bell=False))


def problem_text(app: TrainerApp) -> str:
    return str(app.screen.query_one("#activity-problem").render())


async def test_l_logs_an_activity_chosen_and_timed_with_the_keyboard() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        assert isinstance(app.screen, ActivityLogScreen)
        await pilot.press("down", "down", "3", "5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        [logged] = app.store.activities()
        assert (logged.kind, logged.minutes, logged.day) == ("water aerobics", 35, NOW.date())
        assert any("Logged: water aerobics, 35 min" in n.message for n in app._notifications)


async def test_escape_cancels_and_saves_nothing() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "3", "0", "escape")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert app.store.activities() == []


async def test_bad_minutes_are_said_and_nothing_is_saved_until_they_are_right() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "enter")
        assert isinstance(app.screen, ActivityLogScreen)
        assert "Type the minutes: a whole number of minutes from 1 to 600." in problem_text(app)
        await pilot.press("0", "enter")
        assert "0 is not a whole number of minutes from 1 to 600." in problem_text(app)
        await pilot.press("backspace", "9", "9", "9", "enter")
        assert "999 is not" in problem_text(app)
        await pilot.press("x", "-")  # only digits can be typed
        assert app.screen.query_one("#activity-minutes").value == "999"  # type: ignore[attr-defined]
        assert app.store.activities() == []
        await pilot.press("backspace", "backspace", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert [a.minutes for a in app.store.activities()] == [9]


async def test_a_full_disk_is_said_and_the_activity_is_saved_next_time() -> None:
    store = FullDisk()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "2", "0", "enter")
        await pilot.pause()
        said = banner_text(app.screen)
        assert "Your logged activity could not be saved: No space left on device" in said
        assert store.activities() == []
        store.space = True
        await pilot.press("l", "down", "1", "5", "enter")
        await pilot.pause()
        assert [(a.kind, a.minutes) for a in store.activities()] == [
            ("walking", 20),
            ("easy cycling", 15),
        ]
        assert f"not-saved:{ACTIVITY_WORDS}" not in app.notices  # the app let go of it


async def test_the_plans_footer_and_help_name_the_key() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = {
            key: active.binding.description
            for key, active in app.screen.active_bindings.items()
            if active.binding.show
        }
        assert footer.get("l") == "Log activity"
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Log activity: walking, easy cycling..." in str(
            app.screen.query_one("#help-keys").render()
        )


def test_minutes_are_whole_numbers_from_1_to_600() -> None:
    assert minutes_problem("1") is None and minutes_problem("600") is None
    assert minutes_problem(" 30 ") is None
    assert minutes_problem("601") is not None
    assert minutes_problem("") is not None
