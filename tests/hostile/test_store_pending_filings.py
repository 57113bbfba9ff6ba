"""A finished session whose filing failed is never lost: a full disk at any write of
`file_session`, then the next session starts and saves, and the first session is filed as
soon as the disk has room (or stays pending, named), never overwritten."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hostile_store import START, a_change, a_progress, a_screening, a_session

from trainer.core.store import files as filestore
from trainer.core.store.files import open_store
from trainer.core.store.protocol import FilingPending


class DiskFull:
    """Makes the store's writes fail with ENOSPC from the `at`-th on (or only that one)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.real = filestore.write_atomic
        self.count = 0
        self.at: int | None = None
        self.once = False
        monkeypatch.setattr(filestore, "write_atomic", self.write)

    def write(self, path: Path, data: bytes) -> None:
        self.count += 1
        if self.at is not None and (
            self.count == self.at or (not self.once and self.count > self.at)
        ):
            raise OSError(errno.ENOSPC, "No space left on device")
        self.real(path, data)

    def arm(self, at: int, *, once: bool) -> None:
        self.count, self.at, self.once = 0, at, once

    def clear(self) -> None:
        self.at = None


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[DiskFull]:
    yield DiskFull(monkeypatch)


def writes_of_one_filing(tmp_path: Path, disk: DiskFull) -> int:
    store = open_store(tmp_path / "count" / "exercises.progress.toml")
    store.save_screening(a_screening())
    store.save_session(a_session(status="in-progress"))
    disk.arm(10**6, once=True)
    store.file_session(a_session(), [a_progress(9)], [a_change(START, 8)], {"sessions": 1})
    store.close()
    return disk.count


FIRST = a_session()
SECOND = a_session(START + timedelta(hours=8), status="in-progress")


def file_first(state: Path, disk: DiskFull, at: int, once: bool) -> filestore.FileStore:
    """Opens a state, starts the first session, and files it with the disk failing."""
    disk.clear()
    store = open_store(state)
    store.save_screening(a_screening())
    store.save_session(a_session(status="in-progress"))
    disk.arm(at, once=once)
    try:
        store.file_session(FIRST, [a_progress(9)], [a_change(START, 8)], {"sessions": 1})
    except FilingPending:
        assert [s.id for s in store.pending_filings] == [FIRST.id]
    except OSError as error:
        assert "could not be filed nor kept" in str(error)
    return store


def known(store: filestore.FileStore) -> set[str]:
    """Where the first session may be: filed, pending, or (the process ended while it
    could not even be kept) still the interrupted session it was."""
    ids = {s.id for s in store.sessions()} | {s.id for s in store.pending_filings}
    interrupted = store.interrupted_session()
    return ids | ({interrupted.id} if interrupted is not None else set())


def assert_filed(store: filestore.FileStore) -> None:
    assert [s for s in store.sessions() if s.id == FIRST.id] == [FIRST]
    assert store.pending_filings == []
    assert store.progress()["bridge"] == a_progress(9)
    assert store.changes() == [a_change(START, 8)]
    assert store.summary() == {"sessions": 1}


@pytest.mark.parametrize("once", [True, False], ids=["one-failed-write", "disk-stays-full"])
def test_a_full_disk_at_any_write_of_a_filing_never_loses_the_session(
    tmp_path: Path, disk: DiskFull, once: bool
) -> None:
    writes = writes_of_one_filing(tmp_path, disk)
    assert writes >= 4  # the pending record, the week, the change log, the main file...
    for at in range(1, writes + 2):
        state = tmp_path / f"at-{at}" / "exercises.progress.toml"
        store = file_first(state, disk, at, once)
        try:
            store.save_session(SECOND)  # the next session starts and saves
            second_saved = True
        except OSError as error:
            second_saved = False
            assert not once or at > writes  # once: only the write that failed is lost
            assert "must be written first so that it is not lost" in str(error) or (
                "No space left" in str(error)
            )
        assert FIRST.id in known(store), at
        disk.clear()
        store.save_session(SECOND)  # room again: the first is filed before the second saves
        assert_filed(store)
        store.close()
        store = open_store(state)
        assert_filed(store)
        assert store.interrupted_session() == SECOND, (at, second_saved)
        assert list(store.files.folder.glob("pending-*")) == []
        store.close()


@pytest.mark.parametrize("at", range(1, 7))
def test_a_filing_a_full_disk_stopped_is_finished_at_the_next_start(
    tmp_path: Path, disk: DiskFull, at: int
) -> None:
    state = tmp_path / "exercises.progress.toml"
    store = file_first(state, disk, at, once=False)
    with pytest.raises(OSError):
        store.save_session(SECOND)
    assert FIRST.id in known(store)
    store.close()  # the person gives up; the disk is freed later
    disk.clear()
    store = open_store(state)
    assert FIRST.id in known(store)
    if store.interrupted_session() is None:  # the finished record was kept: filed at start
        assert_filed(store)
    store.close()


def test_a_pending_filing_is_named_until_filed_and_never_overwritten(
    tmp_path: Path, disk: DiskFull
) -> None:
    state = tmp_path / "exercises.progress.toml"
    store = file_first(state, disk, 2, once=False)  # kept as pending, the week not written
    [pending_file] = store.files.folder.glob("pending-*.toml")
    kept = pending_file.read_bytes()
    assert [s.id for s in store.pending_filings] == [FIRST.id]
    third = a_session(START + timedelta(days=1))
    with pytest.raises(OSError):
        store.file_session(third, [], [], None)
    assert pending_file.read_bytes() == kept
    store.close()
    disk.clear()
    store = open_store(state)
    assert store.pending_filings == []
    assert [s.id for s in store.sessions()] == [FIRST.id]
    store.close()


def test_pending_filings_are_filed_in_order_never_overtaken(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    blocker = store.files.week(START)
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("schema = 99\n")  # a newer version's week: never written over
    first, later = a_session(), a_session(START + timedelta(days=7))
    with pytest.raises(FilingPending):
        store.file_session(first, [a_progress(9)], [], None)
    with pytest.raises(FilingPending):  # its week is fine, but it must not overtake
        store.file_session(later, [a_progress(10)], [], None)
    assert [s.id for s in store.pending_filings] == [first.id, later.id]
    blocker.unlink()  # the person moved the newer file away
    store.save_settings({})
    assert store.pending_filings == []
    assert [s.id for s in store.sessions()] == [first.id, later.id]
    assert store.progress()["bridge"] == a_progress(10)  # the later session's, not older
    store.close()


def test_a_filing_held_in_memory_is_filed_when_the_store_closes(
    tmp_path: Path, disk: DiskFull
) -> None:
    """The disk was full at the end of a session; space is freed; the person quits. The
    last close files it: held only in memory, it would otherwise end with the process."""
    state = tmp_path / "exercises.progress.toml"
    store = file_first(state, disk, 1, once=False)  # not even the pending file was written
    assert [s.id for s in store.pending_filings] == [FIRST.id]
    disk.clear()
    store.close()
    again = open_store(state)
    try:
        assert [s for s in again.sessions() if s.id == FIRST.id] == [FIRST]
        assert again.pending_filings == []
    finally:
        again.close()
