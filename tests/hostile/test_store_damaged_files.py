"""Damaged, cut-short and newer state files: nothing is renamed before the person chooses,
every cut is detected, and a newer file is never written over."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hostile_store import START, a_screening, a_session, five_session_state, state_files

from trainer.core.store.files import FileStore, open_store, open_store_for_reading
from trainer.core.store.migrations import SCHEMA
from trainer.core.store.protocol import FilingPending, StoreReadOnly


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "exercises.progress.toml"


def everything(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix != ".lock"
    }


# --------------------------------------------------------------------------- item 2


@pytest.mark.parametrize("which", ["main", "current"])
def test_quitting_at_a_damaged_file_changes_nothing_and_it_is_reported_again(
    state: Path, which: str
) -> None:
    five_session_state(state)
    store = open_store(state)
    damaged = store.files.main if which == "main" else store.files.current
    store.close()
    damaged.write_bytes(damaged.read_bytes().replace(b"schema", b"schemaa", 1))
    before = everything(state.parent)
    store = open_store(state)
    [problem] = store.startup_problems
    assert problem.path == damaged and problem.moved_to is None
    store.close()  # the person quit without starting fresh
    assert everything(state.parent) == before  # byte for byte, nothing renamed
    store = open_store(state)
    assert [(p.path, p.what) for p in store.startup_problems] == [(problem.path, problem.what)]
    store.start_fresh()  # now, and only now, the file moves aside
    [moved] = store.moved_aside
    assert (
        moved.moved_to is not None
        and moved.moved_to.read_bytes() == before[str(damaged.relative_to(state.parent))]
    )
    assert not damaged.exists()
    store.close()


def test_a_history_file_found_damaged_later_is_reported_with_its_copy(state: Path) -> None:
    five_session_state(state)
    store = open_store(state)
    week = store.files.week(START)
    week.write_text(week.read_text().replace("plan =", "plan_ =", 1))
    store.sessions()
    [problem] = store.history_problems
    assert problem.path == week and problem.moved_to is not None
    assert problem.moved_to.exists() and store.moved_aside == [problem]
    assert str(problem.moved_to) in problem.message
    store.close()


# --------------------------------------------------------------------------- item 3


def problems_seen(state: Path) -> list[Path]:
    store = open_store_for_reading(state)
    try:
        store.sessions()
        store.changes()
        store.summary()
        return [p.path for p in (*store.startup_problems, *store.history_problems)]
    finally:
        store.close()


def test_every_state_file_cut_at_any_line_boundary_is_detected(state: Path) -> None:
    five_session_state(state)
    assert problems_seen(state) == []
    files = state_files(state)
    assert {p.name for p in files} >= {
        "exercises.progress.toml",
        "current.toml",
        "summary.toml",
        "changes-2026.toml",
        "sessions-2026-11-16.toml",
        "sessions-2026-11-23.toml",
    }
    cuts = 0
    for path in files:
        whole = path.read_bytes()
        boundaries = [0] + [i + 1 for i, byte in enumerate(whole[:-1]) if byte == ord("\n")]
        for offset in boundaries:
            path.write_bytes(whole[:offset])
            assert problems_seen(state) == [path], (path.name, offset)
            cuts += 1
        path.write_bytes(whole)
    assert cuts > 100
    assert problems_seen(state) == []


def test_appending_to_a_week_keeps_its_end_line_valid(state: Path) -> None:
    store = open_store(state)
    for hours in range(0, 50, 10):  # five sessions in one week, each appended
        store.file_session(a_session(START + timedelta(hours=hours)), [], [], None)
    week = store.files.week(START)
    assert week.read_text().count("# end sha256=") == 1
    store.close()
    assert problems_seen(state) == []


def test_a_file_from_before_end_lines_still_reads(state: Path) -> None:
    state.write_text("schema = 1\n[settings]\nbell = false\n")
    store = open_store(state)
    assert store.startup_problems == () and store.settings() == {"bell": False}
    store.save_settings({"bell": True})
    assert state.read_text().startswith(f"schema = {SCHEMA}\n")
    assert state.read_text().splitlines()[-1].startswith("# end sha256=")
    store.close()


# --------------------------------------------------------------------------- item 4


def newer(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"schema = {SCHEMA + 1}\n[summary]\nfrom_the_future = 1\n".encode()
    path.write_bytes(text)
    return text


def test_a_newer_summary_is_never_written_over(state: Path) -> None:
    store = open_store(state)
    store.save_screening(a_screening())
    text = newer(store.files.summary)
    assert store.summary() == {}
    [problem] = store.history_problems
    assert "newer version" in problem.what
    with pytest.raises(StoreReadOnly, match="newer version"):
        store.save_summary({"sessions": 1})
    store.file_session(a_session(), [], [], {"sessions": 1})  # the session is still filed
    assert [s.id for s in store.sessions()] == [a_session().id]
    assert store.files.summary.read_bytes() == text
    store.close()
    assert store.files.summary.read_bytes() == text


@pytest.mark.parametrize("name", ["week", "changes"])
def test_a_newer_history_file_is_never_written_over(state: Path, name: str) -> None:
    store: FileStore = open_store(state)
    path = store.files.week(START) if name == "week" else store.files.year(START)
    text = newer(path)
    from hostile_store import a_change

    with pytest.raises(FilingPending, match="newer version"):
        store.file_session(a_session(), [], [a_change(START, 8)], None)
    assert path.read_bytes() == text
    assert [s.id for s in store.pending_filings] == [a_session().id]  # kept, not lost
    store.close()
    assert path.read_bytes() == text
