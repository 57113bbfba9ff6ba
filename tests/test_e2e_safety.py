"""The safety issue's first reproduction, end to end: the real `trainer` in a pty, from a
fresh state, with keys only. A yes to the urgent question in a re-screening left half-way
must close the sessions, whether the person presses escape or the connection drops."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from userflow import TrainerUser

from trainer.core.actions import safety_status
from trainer.core.catalogue.loader import load_catalogue
from trainer.core.store.files import open_store

URGENT = "SEEK URGENT MEDICAL CARE NOW"


@pytest.fixture
def user(tmp_path: Path) -> Iterator[TrainerUser]:
    person = TrainerUser.start(tmp_path)
    yield person
    person.app.close()


def screen_clear_then_say_yes_to_the_urgent_question(user: TrainerUser) -> None:
    user.wait_for("Safety screening", "Question 1 of")
    user.answer_screening(pain="2")
    user.wait_for("Today's suggestion", "Re-screen")
    user.app.send("s")
    user.wait_for("Question 1 of", "bladder or bowel")
    user.app.send("y")
    user.wait_for("Question 2 of")


def test_escape_out_of_a_rescreening_after_an_urgent_yes_closes_sessions(
    user: TrainerUser,
) -> None:
    screen_clear_then_say_yes_to_the_urgent_question(user)
    user.app.send("escape", "escape")
    user.wait_for(URGENT, "bladder or bowel control")
    # The keys that used to start "Pelvic tilt · exercise 1 of 6":
    user.app.send("enter", "n", "enter")
    user.app.read_for(1.0)
    text = user.app.text()
    assert URGENT in text
    assert "exercise 1 of" not in text and "GET READY" not in text


def test_a_dropped_connection_after_an_urgent_yes_keeps_it(
    user: TrainerUser, tmp_path: Path
) -> None:
    screen_clear_then_say_yes_to_the_urgent_question(user)
    user.app.hang_up()
    user.app.wait_exit()
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    try:
        status = safety_status(
            load_catalogue(tmp_path / "exercises.toml"), store, store.screening().taken
        )  # type: ignore[union-attr]
        assert status.urgent and not status.may_start
    finally:
        store.close()
    again = TrainerUser.start(tmp_path)
    try:
        again.wait_for(URGENT)
    finally:
        again.app.close()
