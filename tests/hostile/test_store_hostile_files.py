"""Files and folders another local user (or an accident) could plant: links, FIFOs,
devices, huge files, open folders, a `.d` that is a file. None is followed, blocks, is read
whole or written through; each gives one clear sentence."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_store import START, a_screening, a_session, five_session_state, state_files

from trainer.core.store.atomic import MAX_STATE_BYTES
from trainer.core.store.files import open_store, open_store_for_reading
from trainer.core.store.protocol import UnsafeState

OTHER_USER = 65534  # "nobody"
ROOT = os.geteuid() == 0


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "exercises.progress.toml"


@pytest.fixture
def victim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A file of the user's that a planted link points at: it must never change."""
    path = tmp_path_factory.mktemp("victim") / "precious.txt"
    path.write_text("precious\n")
    yield path
    assert path.read_text() == "precious\n"


def folder_of(state: Path) -> Path:
    return state.with_name(state.stem + ".d")


# --------------------------------------------------------------------------- FIFOs, devices


@pytest.mark.parametrize(
    "name",
    [
        "current.toml",
        "summary.toml",
        "sessions-2026-11-16.toml",
        "pending-20261116T090000+0100.toml",
    ],
)
def test_a_fifo_in_the_state_never_blocks(state: Path, name: str) -> None:
    five_session_state(state)
    path = folder_of(state) / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    for opener in (open_store_for_reading, open_store):  # a reader leaves it in place
        store = opener(state)
        at_start = store.startup_problems
        store.start_fresh()
        store.sessions()
        store.summary()
        found = [p for p in (*at_start, *store.history_problems) if p.path == path]
        assert found and "FIFO (named pipe), not a regular file" in found[0].what
        store.close()
    [copy] = folder_of(state).glob(f"{name}.corrupt-*")  # the writer set it aside, unread
    assert stat.S_ISFIFO(os.lstat(copy).st_mode)


def test_a_fifo_as_the_main_file_never_blocks(state: Path) -> None:
    os.mkfifo(state)
    for opener in (open_store, open_store_for_reading):
        store = opener(state)
        [problem] = store.startup_problems
        assert "FIFO" in problem.what
        store.close()


def test_the_main_file_linked_to_dev_zero_is_never_read(state: Path) -> None:
    state.symlink_to("/dev/zero")
    store = open_store(state)
    [problem] = store.startup_problems
    assert "a device" in problem.what
    assert store.read_only_reason is not None and "not a file" in store.read_only_reason
    store.close()
    assert not Path("/dev/zero.d").exists() and not Path("/dev/zero.lock").exists()


def test_a_state_file_linked_to_dev_zero_is_never_followed(state: Path) -> None:
    five_session_state(state)
    current = folder_of(state) / "current.toml"
    current.unlink()
    current.symlink_to("/dev/zero")
    store = open_store_for_reading(state)
    [problem] = store.startup_problems
    assert problem.path == current and "symbolic link" in problem.what
    store.close()


def test_a_file_over_the_size_limit_is_refused_unread(state: Path) -> None:
    five_session_state(state)
    week = folder_of(state) / "sessions-2026-11-16.toml"
    with open(week, "r+b") as stream:
        stream.truncate(MAX_STATE_BYTES + 1)  # sparse: costs no disk
    store = open_store_for_reading(state)
    store.sessions()
    [problem] = store.history_problems
    assert problem.path == week and "larger than 16 MiB" in problem.what
    store.close()


# --------------------------------------------------------------------------- links


def test_a_week_linked_to_a_victim_file_is_never_written_through(state: Path, victim: Path) -> None:
    store = open_store(state)
    week = store.files.week(START)
    week.symlink_to(victim)
    store.file_session(a_session(), [], [], None)  # the link is set aside, not followed
    [problem] = store.history_problems
    assert problem.path == week and "symbolic link" in problem.what
    assert problem.moved_to is not None and problem.moved_to.is_symlink()
    assert [s.id for s in store.sessions()] == [a_session().id]
    assert not week.is_symlink()
    store.close()


def test_a_planted_symlink_lock_is_never_opened_through(state: Path, victim: Path) -> None:
    state.with_name("exercises.progress.lock").symlink_to(victim)
    store = open_store(state)
    assert store.read_only_reason is not None
    assert "symbolic link" in store.read_only_reason
    assert "Progress cannot be saved" in store.read_only_reason
    store.close()


def test_a_lock_file_hard_linked_to_a_victim_is_never_written(state: Path) -> None:
    victim = state.with_name("precious.txt")
    victim.write_text("precious\n")
    os.link(victim, state.with_name("exercises.progress.lock"))
    store = open_store(state)
    assert store.read_only_reason is not None and "2 names" in store.read_only_reason
    store.close()
    assert victim.read_text() == "precious\n"


def test_a_symlinked_d_folder_is_refused(state: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (elsewhere / "current.toml").write_text("planted")
    folder_of(state).symlink_to(elsewhere)
    store = open_store(state)
    assert store.read_only_reason is not None
    assert "is a symbolic link, not a folder" in store.read_only_reason
    assert store.startup_problems == () and store.sessions() == []  # nothing read through it
    store.close()
    with pytest.raises(UnsafeState, match="not a folder"):
        open_store_for_reading(state)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["current.toml"]


def test_a_d_folder_that_is_a_regular_file_gives_one_sentence(state: Path) -> None:
    store = open_store(state)
    store.save_screening(a_screening())
    store.close()
    shutil.rmtree(folder_of(state))
    folder_of(state).write_text("not a folder")
    store = open_store(state)
    assert store.read_only_reason == (
        f"Progress cannot be saved: {folder_of(state)} is not a regular file, not a folder. "
        "You can look around, but nothing will be saved. Use --state to save somewhere else."
    )
    assert store.screening() == a_screening() and store.sessions() == []
    store.close()
    with pytest.raises(UnsafeState, match="is not a folder"):
        open_store_for_reading(state)
    assert folder_of(state).read_text() == "not a folder"


# --------------------------------------------------------------------------- other users


@pytest.mark.parametrize("which", ["d", "main"])
def test_a_folder_others_can_write_is_refused(state: Path, which: str) -> None:
    five_session_state(state)
    before = {p: p.read_bytes() for p in state_files(state)}
    folder = folder_of(state) if which == "d" else state.parent
    os.chmod(folder, 0o777)
    store = open_store(state)
    assert store.read_only_reason is not None
    assert f"the folder {folder} can be written by other users (mode 0777)" in (
        store.read_only_reason
    )
    store.close()
    assert {p: p.read_bytes() for p in state_files(state)} == before


def test_a_sticky_shared_folder_like_tmp_is_allowed(state: Path) -> None:
    os.chmod(state.parent, 0o1777)
    store = open_store(state)
    assert store.read_only_reason is None
    store.save_screening(a_screening())
    store.close()


def test_a_d_folder_pre_made_by_another_user_is_refused(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_of(state)
    folder.mkdir(mode=0o700)
    state.parent.chmod(0o1777)  # a shared folder like /tmp, where anyone may make it first
    me = os.geteuid()
    if ROOT:
        os.chown(folder, OTHER_USER, OTHER_USER)
    else:  # only root can give a folder away: be another user instead
        monkeypatch.setattr(os, "geteuid", lambda: me + 1)
    store = open_store(state)
    assert store.read_only_reason is not None
    assert "belongs to another user" in store.read_only_reason
    assert not ROOT or f"the folder {folder} belongs" in store.read_only_reason
    with pytest.raises(OSError, match="belongs to another user"):
        store.save_screening(a_screening())
    store.close()
    assert list(folder.iterdir()) == [] and not state.exists()


def test_stats_and_export_never_read_a_history_another_user_could_have_planted(
    state: Path,
) -> None:
    """What `trainer stats` and `trainer export` open: a `.d` folder others may write to
    is refused, not read (its sessions could be anyone's)."""
    five_session_state(state)
    folder = folder_of(state)
    folder.chmod(0o777)
    with pytest.raises(UnsafeState, match="can be written by other users"):
        open_store_for_reading(state)


# --------------------------------------------------------------------------- permissions


def test_every_file_is_0600_and_every_folder_0700_under_umask_000(tmp_path: Path) -> None:
    state = tmp_path / "new" / "deeper" / "exercises.progress.toml"
    old = os.umask(0)
    try:
        five_session_state(state)
    finally:
        os.umask(old)
    for folder in (tmp_path / "new", state.parent, folder_of(state)):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    files = [*state_files(state), state.with_name("exercises.progress.lock")]
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


# --------------------------------------------------------------------------- escapes


def test_control_characters_from_a_file_never_reach_a_message(state: Path) -> None:
    state.write_text(
        'schema = 1\n[progress."\\u001b]0;owned\\u0007"]\nsets = 2\nreps = 8\n'
        'hold_s = 0\nrest_s = 30\n"\\u001b[2J" = 1\n'
    )
    store = open_store(state)
    [problem] = store.startup_problems
    for text in (problem.what, problem.message, store.read_only_reason or ""):
        assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b]0;owned\\x07" in problem.what and "\\x1b[2J" in problem.what
    store.close()
