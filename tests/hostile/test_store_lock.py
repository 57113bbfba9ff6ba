"""The writer's lock is on the state itself, not on a path name: a symlinked --state, a
deleted lock file or a linked folder never lets a second writer in, and a dead holder's lock
is taken over."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_store import a_screening

from trainer.core.store.files import open_store

REPO = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from trainer.core.store.files import open_store
store = open_store(Path(sys.argv[1]))
print("ready", store.read_only_reason, flush=True)
sys.stdin.read()
store.close()
"""


class Holder:
    """Another trainer process holding the state at `path` open for writing."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "ready None\n"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.communicate("", timeout=30)


@pytest.fixture
def holders() -> Iterator[list[Holder]]:
    started: list[Holder] = []
    yield started
    for holder in started:
        holder.stop()


@pytest.fixture
def state(tmp_path: Path) -> Path:
    path = tmp_path / "real" / "exercises.progress.toml"
    store = open_store(path)
    store.save_screening(a_screening())
    store.close()
    return path


def assert_read_only(path: Path) -> None:
    store = open_store(path)
    try:
        assert store.read_only_reason is not None
        assert store.read_only_reason.startswith("Another trainer")
    finally:
        store.close()


def test_a_symlinked_state_path_reaches_the_same_lock(
    state: Path, tmp_path: Path, holders: list[Holder]
) -> None:
    alias = tmp_path / "alias.toml"
    alias.symlink_to(state)
    holders.append(Holder(alias))
    assert_read_only(state)
    assert not (tmp_path / "alias.lock").exists() and not (tmp_path / "alias.d").exists()


def test_a_symlinked_folder_reaches_the_same_lock(
    state: Path, tmp_path: Path, holders: list[Holder]
) -> None:
    linked = tmp_path / "linked"
    linked.symlink_to(state.parent)
    holders.append(Holder(state))
    assert_read_only(linked / state.name)


def test_deleting_the_lock_file_lets_no_second_writer_in(
    state: Path, holders: list[Holder]
) -> None:
    holders.append(Holder(state))
    state.with_name("exercises.progress.lock").unlink()
    assert_read_only(state)


def test_a_dead_holders_lock_is_taken_over(state: Path, holders: list[Holder]) -> None:
    holder = Holder(state)
    holders.append(holder)
    assert_read_only(state)
    holder.process.send_signal(signal.SIGKILL)
    holder.process.wait()
    store = open_store(state)
    assert store.read_only_reason is None
    store.save_screening(a_screening())
    store.close()
