"""A first day with backtrainer, as a person at an 80x24 SSH terminal lives it.

The real `trainer` command runs in a pseudo-terminal on a temporary copy of the catalogue;
only key presses drive it; the screen is read as text and the state file with the store.
TRAINER_SPEED=20 makes every hold, rest and countdown twenty times shorter.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from userflow import TrainerUser

from trainer.core.catalogue.loader import load_catalogue
from trainer.core.records import SessionRecord
from trainer.core.store.codec import decode_session
from trainer.core.store.files import open_store
from trainer.core.store.protocol import Store

SPEED = 20.0
PLAN_NAME = "Gentle daily stretches"


@pytest.fixture
def user(tmp_path: Path) -> Iterator[TrainerUser]:
    person = TrainerUser.start(tmp_path, speed=SPEED)
    yield person
    person.app.close()


def read_state(workdir: Path) -> Store:
    """Opens the state as a second trainer would: read-only while the first one runs."""
    return open_store(workdir / "exercises.progress.toml")


def session_on_disk(workdir: Path) -> SessionRecord:
    """The session in progress as its file holds it (read-only stores do not show it)."""
    document = tomllib.loads(
        (workdir / "exercises.progress.d" / "current.toml").read_text(encoding="utf-8")
    )
    return decode_session(document["session"], "session")


def test_screening_then_a_plan_then_a_session_then_the_stats(
    user: TrainerUser, tmp_path: Path
) -> None:
    catalogue = load_catalogue(tmp_path / "exercises.toml")
    [plan] = [p for p in catalogue.plans.values() if p.name == PLAN_NAME]
    count = len(plan.exercises)  # all stretches, none needs equipment: none is left out

    # A first start: nothing on file, so the safety screening comes first.
    user.wait_for("Safety screening", "Question 1 of")
    user.answer_screening(pain="2")

    # The plans, previewed for this person; the answers are on file.
    user.wait_for("Today's suggestion", "Re-screen", PLAN_NAME)
    store = read_state(tmp_path)
    try:
        screening = store.screening()
        assert screening is not None
        assert screening.outcome == "clear"
        assert store.sessions() == []
    finally:
        store.close()

    # The first plan in the list, started with the keys a person would use.
    user.app.send("home")
    user.wait_for("Four gentle stretches")
    user.start_highlighted_plan(pain_before="2")
    user.wait_for(f"exercise 1 of {count}")

    # Half-way through, the session so far is already on disk.
    user.wait_for(f"exercise 2 of {count}")
    store = read_state(tmp_path)
    try:
        assert store.read_only_reason is not None  # the running trainer holds the lock
    finally:
        store.close()
    in_progress = session_on_disk(tmp_path)
    assert in_progress.status == "in-progress"
    assert in_progress.plan_id == plan.id
    assert in_progress.pain_before == 2
    assert in_progress.exercises[0].sets

    # The whole session, then the summary and the pain now.
    summary = user.follow_the_session()
    assert f"Session done · {PLAN_NAME}" in summary
    assert summary.count("✓") == count
    user.app.send("3")
    user.wait_for("Chosen: 3")
    user.app.send("enter")
    user.wait_for("Pain now: 3 out of 10 (before the session: 2)", "enter  done")
    user.app.send("enter")
    user.wait_for("Today's suggestion", "Re-screen")

    # The stats now count the session.
    user.app.send("t")
    stats = user.wait_for("backtrainer — Stats")
    assert "No sessions yet" not in stats

    # Quit from anywhere with q; the terminal gets its prompt back.
    user.app.send("q")
    user.wait_for("Today's suggestion")
    user.app.send("q")
    assert user.app.wait_exit() == 0

    store = read_state(tmp_path)
    try:
        assert store.read_only_reason is None
        assert store.interrupted_session() is None
        [session] = store.sessions()
        assert session.status == "completed"
        assert (session.pain_before, session.pain_after) == (2, 3)
        assert len(session.exercises) == count
        assert all(exercise.sets for exercise in session.exercises)
        assert not any(exercise.skipped for exercise in session.exercises)
    finally:
        store.close()


def test_a_terminal_made_too_small_and_then_larger_again(user: TrainerUser) -> None:
    """Dragging the window: the kernel sends SIGWINCH; no restart is needed either way."""
    user.app.wait_until(TrainerUser.first_screen_ready, what="the first screen")
    user.app.resize(70, 20)
    user.wait_for("Please enlarge the terminal to at least 80×24 (now 70×20).")
    user.app.resize(80, 24)
    text = user.wait_for("Question 1 of")
    assert "Please enlarge" not in text
    user.app.send("n")  # still answers keys where it left off
    user.wait_for("Question 2 of")
