"""Logged activity ("Most days: light to moderate activity, such as walking, easy cycling,
or water aerobics") is kept like the rest of the history: one file a year, read strictly,
appended crash-safely, and a failed write changes nothing."""

from __future__ import annotations

import errno
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.records import ACTIVITY_KINDS, MAX_ACTIVITY_MINUTES, ActivityRecord
from trainer.core.store import files as store_files
from trainer.core.store.codec import StateFormatError, decode_activity, encode_activity
from trainer.core.store.files import open_store
from trainer.core.store.protocol import MemoryStore, StoreReadOnly

ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 16, 18, 0, tzinfo=ZONE)


def walk(day_offset: int = 0, minutes: int = 30, kind: str = "walking") -> ActivityRecord:
    return ActivityRecord(MONDAY + timedelta(days=day_offset), kind, minutes)


@given(
    offset_min=st.integers(-10 * 365 * 24 * 60, 10 * 365 * 24 * 60),
    kind=st.sampled_from(ACTIVITY_KINDS),
    minutes=st.integers(1, MAX_ACTIVITY_MINUTES),
)
def test_an_activity_reads_back_as_it_was_written(offset_min: int, kind: str, minutes: int) -> None:
    record = ActivityRecord(MONDAY + timedelta(minutes=offset_min), kind, minutes)
    assert decode_activity(encode_activity(record), "activity") == record


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("minutes", 0, "activity.minutes: expected a whole number between 1 and 600, found 0"),
        ("minutes", "30", "activity.minutes: expected a whole number, found '30'"),
        ("kind", "running", "activity.kind: expected one of walking, easy cycling"),
        ("steps", 3, "activity.steps: unknown key"),
    ],
)
def test_a_hand_edit_that_is_wrong_is_named_by_its_key(key: str, value: object, says: str) -> None:
    table = encode_activity(walk()) | {key: value}
    with pytest.raises(StateFormatError, match=says):
        decode_activity(table, "activity")


def test_the_memory_store_keeps_activity_in_order_and_by_day() -> None:
    store = MemoryStore()
    store.log_activity(walk(2))
    store.log_activity(walk(0))
    assert store.activities() == [walk(0), walk(2)]
    assert store.activities(since=date(2026, 11, 17)) == [walk(2)]


def test_a_read_only_store_refuses_to_log() -> None:
    store = MemoryStore(read_only_reason="another trainer")
    with pytest.raises(StoreReadOnly):
        store.log_activity(walk())
    assert store.activities() == []


def test_the_file_store_keeps_a_file_a_year_and_reads_it_again(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    new_year = ActivityRecord(datetime(2027, 1, 1, 9, 0, tzinfo=ZONE), "water aerobics", 45)
    for record in (walk(0), walk(1, 20, "easy cycling"), new_year):
        store.log_activity(record)
    store.log_activity(walk(0))  # the same one twice is kept once
    store.close()
    folder = tmp_path / "exercises.progress.d"
    assert sorted(p.name for p in folder.glob("activity-*")) == [
        "activity-2026.toml",
        "activity-2027.toml",
    ]
    assert (folder / "activity-2026.toml").read_text().startswith("schema = 3\n")
    again = open_store(state)
    assert again.activities() == [walk(0), walk(1, 20, "easy cycling"), new_year]
    assert again.activities(since=date(2026, 11, 17)) == [walk(1, 20, "easy cycling"), new_year]
    again.close()


def test_a_full_disk_loses_nothing_already_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    store.log_activity(walk(0))
    before = (tmp_path / "exercises.progress.d" / "activity-2026.toml").read_bytes()

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(store_files, "write_atomic", full)
    with pytest.raises(OSError, match="No space left"):
        store.log_activity(walk(1))
    monkeypatch.undo()
    assert (tmp_path / "exercises.progress.d" / "activity-2026.toml").read_bytes() == before
    assert store.activities() == [walk(0)]
    store.log_activity(walk(1))  # space again: the next log works
    assert store.activities() == [walk(0), walk(1)]
    store.close()


def test_a_damaged_activity_file_is_moved_aside_not_trusted(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    folder = tmp_path / "exercises.progress.d"
    store = open_store(state)
    store.log_activity(walk(0))
    store.close()
    (folder / "activity-2026.toml").write_text(
        'schema = 3\n[[activity]]\nwhen = 2026-11-16T18:00:00+01:00\nkind = "jogging"\n'
        "minutes = 30\n# end\n"
    )
    again = open_store(state)
    assert again.activities() == []
    [problem] = again.history_problems
    assert "activity[0].kind" in problem.what and problem.moved_to is not None
    again.close()
