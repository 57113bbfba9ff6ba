"""The file store: everything saved comes back equal, from files a person can read, and a
damaged, newer or locked state never loses what was there."""

from __future__ import annotations

import os
import stat
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w
from catalogue_factory import catalogue
from hypothesis import given, settings
from hypothesis import strategies as st
from record_strategies import (
    changes,
    progresses,
    screenings,
    sessions,
    settings_tables,
    texts,
    toml_values,
)

from trainer.core.actions import close_interrupted
from trainer.core.catalogue.model import Dosage
from trainer.core.records import (
    ExerciseProgress,
    ExerciseRecord,
    PrescriptionChange,
    ScreeningRecord,
    SessionRecord,
    SetRecord,
)
from trainer.core.store.files import FileStore, StateFiles, open_store
from trainer.core.store.migrations import SCHEMA
from trainer.core.store.protocol import MemoryStore, NewerStateSchema, StoreReadOnly

UTC1 = timezone(timedelta(hours=1))
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC1)
ROUND_TRIP = settings(max_examples=60, deadline=None)


def a_session(
    started: datetime = START,
    *,
    status: str = "completed",
    session_id: str | None = None,
    sets: int = 2,
) -> SessionRecord:
    record = ExerciseRecord("bridge", Dosage(0, 8, 2, 30), per_side=False)
    for number in range(1, sets + 1):
        record.sets.append(SetRecord(number, None, 8, 8, 0.0, started + timedelta(minutes=number)))
    return SessionRecord(
        id=session_id or started.strftime("%Y%m%dT%H%M%S%z"),
        plan_id="daily-stretches",
        started=started,
        ended=None if status == "in-progress" else started + timedelta(minutes=10),
        status=status,  # type: ignore[arg-type]
        pain_before=3,
        pain_after=2,
        exercises=[record],
    )


def a_screening() -> ScreeningRecord:
    return ScreeningRecord(
        START,
        {"disc": False, "surgery": True},
        "see-clinician",
        ("surgery",),
        4,
        "beginner",
        ("mat",),
        START + timedelta(hours=1),
    )


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "exercises.progress.toml"


def reopen(store: FileStore) -> FileStore:
    store.close()
    return open_store(store.files.main)


def change_order(change: PrescriptionChange) -> tuple[object, ...]:
    """A total order on changes that does not depend on how a time's zone is written."""
    before, after = change.before, change.after
    return (
        change.when,
        change.exercise_id,
        change.reason,
        (before.hold_s, before.reps, before.sets, before.rest_s),
        (after.hold_s, after.reps, after.sets, after.rest_s),
    )


@contextmanager
def fresh_store() -> Iterator[list[FileStore]]:
    """A store in its own new folder for each hypothesis example, always closed after.

    (Identical changes are one event to the store, so the strategies draw distinct ones.)
    """
    with tempfile.TemporaryDirectory() as folder:
        holder = [open_store(Path(folder) / "state.toml")]
        try:
            yield holder
        finally:
            holder[0].close()


# --------------------------------------------------------------------------- round trips


@ROUND_TRIP
@given(record=screenings, table=settings_tables)
def test_screening_and_settings_come_back_equal(
    record: ScreeningRecord, table: dict[str, object]
) -> None:
    with fresh_store() as holder:
        holder[0].save_screening(record)
        holder[0].save_settings(table)
        holder[0] = reopen(holder[0])
        assert holder[0].screening() == record
        assert holder[0].settings() == table


@ROUND_TRIP
@given(
    items=st.lists(progresses(), max_size=5, unique_by=lambda p: p.exercise_id),
    change_list=st.lists(
        changes,
        max_size=5,
        unique_by=lambda c: (c.exercise_id, c.when, c.before, c.after, c.reason),
    ),
)
def test_progress_and_every_change_come_back_equal(
    items: list[ExerciseProgress], change_list: list[PrescriptionChange]
) -> None:
    spare = ExerciseProgress("spare", 0, 1, 1, 0)
    with fresh_store() as holder:
        for index, item in enumerate(items):
            holder[0].save_progress(item, change_list[index] if index < len(change_list) else None)
        for change in change_list[len(items) :]:
            holder[0].save_progress(spare, change)
        expected = {p.exercise_id: p for p in items}
        if len(change_list) > len(items):
            expected["spare"] = spare
        holder[0] = reopen(holder[0])
        assert holder[0].progress() == expected
        assert sorted(holder[0].changes(), key=change_order) == sorted(
            change_list, key=change_order
        )


@ROUND_TRIP
@given(record=sessions(statuses=("completed", "interrupted")))
def test_a_filed_session_comes_back_equal(record: SessionRecord) -> None:
    with fresh_store() as holder:
        holder[0].save_session(record)
        holder[0] = reopen(holder[0])
        assert holder[0].sessions() == [record]


@ROUND_TRIP
@given(record=sessions(statuses=("in-progress",)))
def test_the_session_in_progress_comes_back_equal(record: SessionRecord) -> None:
    with fresh_store() as holder:
        holder[0].save_session(record)
        holder[0] = reopen(holder[0])
        assert holder[0].interrupted_session() == record
        assert holder[0].sessions() == []


@ROUND_TRIP
@given(summary=st.dictionaries(texts, toml_values, max_size=6))
def test_the_summary_comes_back_equal(summary: dict[str, object]) -> None:
    with fresh_store() as holder:
        holder[0].save_summary(summary)
        holder[0] = reopen(holder[0])
        assert holder[0].summary() == summary


def test_none_is_left_out_because_toml_has_no_null(state: Path) -> None:
    store = open_store(state)
    store.save_settings({"bell": None, "theme": "ansi-dark"})
    assert reopen(store).settings() == {"theme": "ansi-dark"}


def test_a_time_without_its_utc_offset_is_refused_before_anything_is_written(
    state: Path,
) -> None:
    store = open_store(state)
    naive = a_session(START.replace(tzinfo=None), status="in-progress")
    with pytest.raises(ValueError, match="UTC offset"):
        store.save_session(naive)
    assert not store.files.current.exists()
    store.close()


# --------------------------------------------------------------------------- layout


def test_the_files_are_where_the_module_says_and_private(state: Path) -> None:
    store = open_store(state)
    store.save_screening(a_screening())
    store.file_session(
        a_session(START + timedelta(days=40)),
        [],
        [PrescriptionChange("bridge", START, Dosage(0, 8, 2, 30), Dosage(0, 10, 2, 30), "because")],
        {"n": 1},
    )
    store.save_session(a_session(START + timedelta(days=41), status="in-progress"))
    folder = state.with_name("exercises.progress.d")
    assert store.files.folder == folder
    assert sorted(p.name for p in folder.iterdir()) == [
        "changes-2026.toml",
        "current.toml",
        "sessions-2026-12-28.toml",
        "summary.toml",
    ]
    assert state.with_name("exercises.progress.lock").exists()
    for path in [state, *folder.iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    store.close()


def test_the_main_file_is_readable_toml_with_its_schema(state: Path) -> None:
    store = open_store(state)
    store.save_screening(a_screening())
    store.save_progress(ExerciseProgress("bridge", 0, 10, 2, 30, 1, START.date()), None)
    store.close()
    document = tomllib.loads(state.read_text())
    assert document["schema"] == SCHEMA
    assert document["progress"]["bridge"] == {
        "sets": 2,
        "reps": 10,
        "hold_s": 0,
        "rest_s": 30,
        "full_in_a_row": 1,
        "last_done": START.date(),
    }
    assert document["screening"]["taken"] == START
    assert "taken = 2026-11-20 09:00:00+01:00" in state.read_text()


def test_saving_a_set_writes_only_the_session_in_progress(state: Path) -> None:
    store = open_store(state)
    store.save_screening(a_screening())
    store.file_session(a_session(START - timedelta(days=40)), [], [], None)
    before = {p: p.stat().st_mtime_ns for p in store.files.folder.iterdir()}
    before[state] = state.stat().st_mtime_ns
    store.save_session(a_session(status="in-progress"))
    after = {p: p.stat().st_mtime_ns for p in before}
    assert after == before
    assert store.files.current.exists()
    store.close()


def test_sessions_are_split_by_week_and_read_only_from_since(state: Path) -> None:
    store = open_store(state)
    days = [START - timedelta(days=70), START - timedelta(days=35), START]  # Fridays
    for started in days:
        store.file_session(a_session(started), [], [], None)
    assert [p.name for p in sorted(store.files.folder.glob("sessions-*"))] == [
        "sessions-2026-09-07.toml",
        "sessions-2026-10-12.toml",
        "sessions-2026-11-16.toml",
    ]
    assert [s.started for s in store.sessions()] == days
    assert [s.started for s in store.sessions(since=days[1].date())] == days[1:]
    (store.files.folder / "sessions-2026-09-07.toml").write_text("not = [toml")
    assert [s.started for s in store.sessions(since=days[1].date())] == days[1:]
    assert store.history_problems == []  # the damaged week was never opened
    store.close()


def test_a_late_sunday_session_in_its_own_offset_belongs_to_that_week(state: Path) -> None:
    store = open_store(state)
    sunday_night = datetime(2026, 11, 22, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    store.file_session(a_session(sunday_night), [], [], None)  # Monday 04:30 in UTC
    assert store.files.week(sunday_night).name == "sessions-2026-11-16.toml"
    assert [s.day for s in store.sessions(since=date(2026, 11, 22))] == [date(2026, 11, 22)]
    assert store.sessions(since=date(2026, 11, 23)) == []
    store.close()


def test_filing_a_session_again_replaces_it(state: Path) -> None:
    store = open_store(state)
    store.file_session(a_session(status="interrupted"), [], [], None)
    store.file_session(a_session(), [], [], None)
    assert [s.status for s in store.sessions()] == ["completed"]
    store.close()


# --------------------------------------------------------------------------- interrupted


def test_an_interrupted_session_is_offered_then_filed_as_interrupted(state: Path) -> None:
    store = open_store(state)
    live = a_session(status="in-progress", sets=2)
    store.save_session(live)
    store.close()  # the process died here
    store = open_store(state)
    assert store.interrupted_session() == live
    close_interrupted(catalogue(), store, live.started + timedelta(days=1))
    assert store.interrupted_session() is None
    [filed] = store.sessions()
    assert filed.status == "interrupted"
    assert filed.ended == live.exercises[0].sets[-1].finished  # when it was last alive
    assert not store.files.current.exists()
    store.close()


def test_a_filing_cut_short_is_finished_at_the_next_start(state: Path) -> None:
    store = open_store(state)
    change = PrescriptionChange(
        "bridge", START, Dosage(0, 8, 2, 30), Dosage(0, 10, 2, 30), "Bridge: 8 → 10 reps"
    )
    progress = ExerciseProgress("bridge", 0, 10, 2, 30, 0, START.date())
    session = a_session()
    # Only the journal reached the disk: exactly what file_session writes first.
    from trainer.core.store.atomic import write_atomic
    from trainer.core.store.codec import Finishing, encode_current
    from trainer.core.store.files import _dump

    write_atomic(
        store.files.current,
        _dump(encode_current(session, Finishing([progress], [change], {"sessions": 1}), 1)),
    )
    store.close()
    store = open_store(state)
    assert store.interrupted_session() is None
    assert store.sessions() == [session]
    assert store.progress() == {"bridge": progress}
    assert store.changes() == [change]
    assert store.summary() == {"sessions": 1}
    assert not store.files.current.exists()
    store.close()


# --------------------------------------------------------------------------- damaged files


def test_a_main_file_that_does_not_parse_is_reported_and_moved_aside_on_yes(
    state: Path,
) -> None:
    state.write_text("schema = 1\n[screening\n")
    store = open_store(state)
    [problem] = store.startup_problems
    assert problem.path == state
    assert "not valid TOML" in problem.what and "line 2" in problem.what
    assert problem.moved_to is None  # nothing is moved before the person chose
    assert state.read_text() == "schema = 1\n[screening\n"
    assert store.read_only_reason is not None
    assert store.read_only_reason.startswith("Nothing is saved until you choose to start fresh")
    with pytest.raises(StoreReadOnly, match="start fresh"):
        store.save_screening(a_screening())
    assert state.read_text() == "schema = 1\n[screening\n"  # nothing written before a yes
    store.start_fresh()
    [moved] = store.moved_aside
    assert moved.moved_to is not None
    assert moved.moved_to.name.startswith("exercises.progress.toml.corrupt-")
    assert moved.moved_to.read_text() == "schema = 1\n[screening\n"
    assert str(moved.moved_to) in moved.message
    assert store.read_only_reason is None
    store.save_screening(a_screening())
    assert reopen(store).screening() == a_screening()


def test_a_file_that_fails_validation_says_which_key(state: Path) -> None:
    state.write_text(
        'schema = 1\n[progress.bridge]\nsets = 2\nreps = "ten"\nhold_s = 0\nrest_s = 30\n'
    )
    store = open_store(state)
    [problem] = store.startup_problems
    assert problem.what == "progress.bridge.reps: expected a whole number, found 'ten'"
    store.close()


def test_an_unknown_key_is_reported_with_a_suggestion(state: Path) -> None:
    state.write_text(
        "schema = 1\n[progress.bridge]\nsets = 2\nreps = 8\nhold_s = 0\n"
        "rest_s = 30\nful_in_a_row = 1\n"
    )
    store = open_store(state)
    assert store.startup_problems[0].what == (
        "progress.bridge.ful_in_a_row: unknown key (did you mean 'full_in_a_row'?)"
    )
    store.close()


def test_a_damaged_session_in_progress_is_moved_aside_too(state: Path) -> None:
    store = open_store(state)
    store.save_screening(a_screening())
    store.save_session(a_session(status="in-progress"))
    store.close()
    store.files.current.write_bytes(b"\xff\xfe garbage")
    store = open_store(state)
    [problem] = store.startup_problems
    assert problem.path == store.files.current
    assert "not UTF-8" in problem.what
    assert store.screening() == a_screening()  # the rest is untouched
    assert store.interrupted_session() is None
    store.close()


def test_a_damaged_history_week_is_moved_aside_and_the_rest_still_reads(state: Path) -> None:
    store = open_store(state)
    store.file_session(a_session(START - timedelta(days=35)), [], [], None)
    store.file_session(a_session(), [], [], None)
    october = store.files.folder / "sessions-2026-10-12.toml"
    october.write_text("schema = 1\n[[sessions]]\nid = 3\n")
    assert [s.started for s in store.sessions()] == [START]
    [problem] = store.history_problems
    assert problem.path == october
    assert problem.what == (
        "sessions[0].started: missing (expected a date and time with its UTC offset)"
    )
    assert problem.moved_to is not None and problem.moved_to.exists()
    store.sessions()
    assert len(store.history_problems) == 1  # told once
    store.close()


# --------------------------------------------------------------------------- newer schema


def test_a_newer_schema_is_refused_and_the_file_left_alone(state: Path) -> None:
    text = "schema = 7\n[future]\nthing = 1\n"
    state.write_text(text)
    with pytest.raises(NewerStateSchema) as raised:
        open_store(state)
    assert raised.value.found == 7 and raised.value.supported == SCHEMA
    assert "newer version" in str(raised.value) and str(state) in str(raised.value)
    assert state.read_text() == text
    assert sorted(p.name for p in state.parent.iterdir()) == [
        "exercises.progress.d",
        "exercises.progress.lock",
        "exercises.progress.toml",
    ]
    # the lock was let go: a fixed-up file opens at once
    state.write_text("schema = 1\n")
    open_store(state).close()


# --------------------------------------------------------------------------- one writer


def test_a_second_store_on_the_same_state_is_read_only_and_writes_nothing(state: Path) -> None:
    first = open_store(state)
    first.save_screening(a_screening())
    first.file_session(a_session(), [], [], None)
    first.save_session(a_session(START + timedelta(hours=5), status="in-progress"))
    second = open_store(state)
    assert second.read_only_reason is not None
    assert "Another trainer" in second.read_only_reason
    assert f"process {os.getpid()}" in second.read_only_reason
    assert second.screening() == a_screening()
    assert [s.id for s in second.sessions()] == [a_session().id]
    assert second.interrupted_session() is None  # the first one's live session
    for write in (
        lambda: second.save_screening(a_screening()),
        lambda: second.save_session(a_session(status="in-progress")),
        lambda: second.save_summary({}),
    ):
        with pytest.raises(StoreReadOnly, match="Another trainer"):
            write()
    first.save_progress(ExerciseProgress("bridge", 0, 10, 2, 30), None)
    assert "bridge" in second.progress()  # the read-only view follows the writer
    second.close()
    first.close()
    third = open_store(state)
    assert third.read_only_reason is None
    third.close()


def test_close_is_safe_twice_and_stops_writes(state: Path) -> None:
    store = open_store(state)
    store.close()
    store.close()
    with pytest.raises(StoreReadOnly):
        store.save_settings({})


def test_state_files_names_follow_the_main_file() -> None:
    files = StateFiles(Path("/x/mine.toml"))
    assert files.folder == Path("/x/mine.d")
    assert files.lock == Path("/x/mine.lock")
    assert files.week(START) == Path("/x/mine.d/sessions-2026-11-16.toml")
    assert files.year(START) == Path("/x/mine.d/changes-2026.toml")


def test_memory_store_files_a_session_with_its_changes() -> None:
    store = MemoryStore()
    change = PrescriptionChange("bridge", START, Dosage(0, 8, 2, 30), Dosage(0, 10, 2, 30), "r")
    progress = ExerciseProgress("bridge", 0, 10, 2, 30)
    store.file_session(a_session(), [progress], [change], {"n": 1})
    assert store.sessions() == [a_session()]
    assert store.progress() == {"bridge": progress}
    assert store.changes("bridge") == [change]
    assert store.summary() == {"n": 1}


# --------------------------------------------------------------------------- history cost


def test_a_later_session_is_appended_to_its_week_without_rewriting_the_rest(
    state: Path,
) -> None:
    store = open_store(state)
    store.file_session(a_session(START), [], [], None)
    week = store.files.week(START)
    first = week.read_text()
    later = a_session(START + timedelta(hours=8))
    store.file_session(later, [], [], None)
    assert week.read_text().startswith(first[: first.rindex("# end")])
    store = reopen(store)
    assert store.sessions() == [a_session(START), later]
    store.close()


def test_an_earlier_session_is_put_in_order(state: Path) -> None:
    store = open_store(state)
    store.file_session(a_session(START + timedelta(hours=8)), [], [], None)
    store.file_session(a_session(START), [], [], None)
    store = reopen(store)
    assert [s.started for s in store.sessions()] == [START, START + timedelta(hours=8)]
    document = tomllib.loads(store.files.week(START).read_text())
    assert [s["started"] for s in document["sessions"]] == [START, START + timedelta(hours=8)]
    store.close()


def test_a_week_written_by_hand_as_an_inline_list_is_rewritten_not_appended_to(
    state: Path,
) -> None:
    store = open_store(state)
    store.file_session(a_session(START), [], [], None)
    week = store.files.week(START)
    document = tomllib.loads(week.read_text())
    sessions_text = ", ".join(
        "{ " + tomli_w.dumps(table).replace("\n", ", ").strip(", ") + " }"
        for table in [{k: v for k, v in document["sessions"][0].items() if k != "exercises"}]
    )
    week.write_text(f"schema = 1\nsessions = [{sessions_text}]\n")
    store = reopen(store)
    later = a_session(START + timedelta(hours=8))
    store.file_session(later, [], [], None)
    store = reopen(store)
    assert [s.id for s in store.sessions()] == [a_session(START).id, later.id]
    assert store.history_problems == []
    store.close()


def test_a_week_changed_by_hand_while_open_is_read_again(state: Path) -> None:
    store = open_store(state)
    store.file_session(a_session(START), [], [], None)
    assert [s.pain_after for s in store.sessions()] == [2]  # now remembered
    week = store.files.week(START)
    edited = week.read_text().replace("pain_after = 2", "pain_after = 7")
    week.write_text(edited[: edited.rindex("# end")] + "# end\n")  # as a hand edit ends
    assert [s.pain_after for s in store.sessions()] == [7]
    assert store.history_problems == []
    store.close()


def test_a_week_from_an_earlier_schema_is_written_out_whole(state: Path) -> None:
    store = open_store(state)
    store.file_session(a_session(START), [], [], None)
    week = store.files.week(START)
    text = week.read_text()
    week.write_text(
        text[: text.rindex("# end")]
        .replace(f"schema = {SCHEMA}", "schema = 0")
        .replace("sets_done = [", "done = [")
    )  # schema 0 had no end line
    store = reopen(store)
    store.file_session(a_session(START + timedelta(hours=8)), [], [], None)
    text = week.read_text()
    assert text.startswith(f"schema = {SCHEMA}\n")
    assert "done = [" not in text.replace("sets_done", "")
    store = reopen(store)
    assert len(store.sessions()) == 2
    store.close()


def test_a_state_path_that_is_a_folder_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "my-state"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    store = open_store(folder)
    assert store.read_only_reason is not None
    assert store.read_only_reason.startswith(f"{folder} is not a file")
    assert [p.moved_to for p in store.startup_problems] == [None]
    assert (folder / "notes.txt").read_text() == "mine"
    store.close()


def test_since_picks_days_within_a_week(state: Path) -> None:
    store = open_store(state)
    days = [START - timedelta(days=9), START - timedelta(days=3), START]
    for started in days:
        store.file_session(a_session(started), [], [], None)
    assert [s.started for s in store.sessions(since=days[1].date())] == days[1:]
    assert [s.started for s in store.sessions(since=days[1].date() + timedelta(days=1))] == [START]
    store.close()


def test_a_dead_writers_temp_files_go_and_nobody_elses(state: Path) -> None:
    ours = state.with_name(".exercises.progress.toml.abc123.tmp")
    theirs = state.with_name(".notes.txt.tmp")
    ours.write_text("half a file")
    theirs.write_text("someone's")
    open_store(state).close()
    assert not ours.exists()
    assert theirs.read_text() == "someone's"
