"""The end of a session: progression applied once, everything filed together, the stats
summary kept current, and an interrupted session counted when it is closed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from catalogue_factory import catalogue, screening

from trainer.core.actions import close_interrupted, finish_session
from trainer.core.catalogue.model import Dosage
from trainer.core.records import ExerciseProgress, ExerciseRecord, SessionRecord, SetRecord
from trainer.core.store.files import open_store
from trainer.core.store.protocol import MemoryStore, Store

START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=1)))
CAT_COW = Dosage(0, 5, 1, 30)


def a_session(
    started: datetime, *, reps_done: int = 5, pain: bool = False, skipped: bool = False
) -> SessionRecord:
    cat_cow = ExerciseRecord(
        "cat-cow", CAT_COW, per_side=False, pain_stop="sharp" if pain else None
    )
    cat_cow.sets.append(SetRecord(1, None, reps_done, 5, 0.0, started + timedelta(minutes=2)))
    knee = ExerciseRecord("knee-to-chest", Dosage(5, 3, 1, 30), per_side=True, skipped=skipped)
    return SessionRecord(
        started.strftime("%Y%m%dT%H%M%S%z"),
        "daily-stretches",
        started,
        pain_before=3,
        exercises=[cat_cow, knee],
    )


def test_the_second_full_session_steps_up_and_everything_is_filed(tmp_path: Path) -> None:
    cat = catalogue()
    store = open_store(tmp_path / "exercises.progress.toml")
    store.save_screening(screening())
    assert finish_session(cat, store, a_session(START), START + timedelta(minutes=9)) == []
    second = a_session(START + timedelta(hours=10))
    end = START + timedelta(hours=10, minutes=9)
    [change] = finish_session(cat, store, second, end)
    assert change.reason == (
        "Cat cow: 5 → 7 reps — the last two sessions were done in full without pain"
    )
    assert change.when == end
    assert second.status == "completed" and second.ended == end
    store.close()
    store = open_store(tmp_path / "exercises.progress.toml")
    assert store.progress()["cat-cow"] == ExerciseProgress(
        "cat-cow", 0, 7, 1, 30, full_in_a_row=0, last_done=end.date()
    )
    assert "knee-to-chest" not in store.progress()  # skipped: not started on
    assert store.changes("cat-cow") == [change]
    assert [s.id for s in store.sessions()] == [a_session(START).id, second.id]
    assert store.summary()["sessions"] == 2  # trainer.core.stats.figures kept it up to date
    assert store.interrupted_session() is None
    store.close()


def test_finishing_the_same_session_twice_changes_nothing_more() -> None:
    cat = catalogue()
    store: Store = MemoryStore()
    finish_session(cat, store, a_session(START), START)
    second = a_session(START + timedelta(days=1))
    assert len(finish_session(cat, store, second, START + timedelta(days=1))) == 1
    assert finish_session(cat, store, second, START + timedelta(days=1)) == []
    assert store.progress()["cat-cow"].reps == 7
    assert len(store.sessions()) == 2


def test_a_session_not_done_in_full_resets_the_count() -> None:
    cat = catalogue()
    store = MemoryStore()
    finish_session(cat, store, a_session(START), START)
    finish_session(cat, store, a_session(START + timedelta(days=1), reps_done=3), START)
    assert store.progress()["cat-cow"].full_in_a_row == 0
    assert finish_session(cat, store, a_session(START + timedelta(days=2)), START) == []


def test_closing_an_interrupted_session_counts_its_pain_stop(tmp_path: Path) -> None:
    cat = catalogue()
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    store.save_progress(ExerciseProgress("cat-cow", 0, 9, 1, 30, 1), None)
    live = a_session(START, pain=True)
    store.save_session(live)
    store.close()  # the trainer died here

    store = open_store(state)
    [change] = close_interrupted(cat, store, START + timedelta(days=2))
    assert change.reason == "Cat cow: 9 → 7 reps — you stopped it for pain"
    [filed] = store.sessions()
    assert filed.status == "interrupted"
    assert filed.ended == START + timedelta(minutes=2)  # its last set, not two days later
    assert store.interrupted_session() is None
    assert close_interrupted(cat, store, START) == []
    store.close()


def test_an_exercise_no_longer_in_the_catalogue_is_kept_but_not_moved() -> None:
    store = MemoryStore()
    record = a_session(START)
    record.exercises[0].exercise_id = "retired-move"
    assert finish_session(catalogue(), store, record, START) == []
    assert store.progress() == {}
    assert store.sessions()[0].exercises[0].exercise_id == "retired-move"
