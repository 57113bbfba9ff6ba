"""Two real processes on one state, and a state in a folder this user cannot write: each
gets a clear sentence and a read-only view, and nothing on disk changes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import platformdirs  # imported before any fork, so a child needs no file access to load it
import pytest

from trainer.core.catalogue.model import Dosage
from trainer.core.records import ExerciseRecord, ScreeningRecord, SessionRecord
from trainer.core.store.files import open_store
from trainer.core.store.protocol import StoreReadOnly
from trainer.paths import state_location

START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=1)))
UNPRIVILEGED = 65534  # "nobody": root ignores folder permissions, so root tests as nobody

HOLDER = """
import sys
from pathlib import Path
from trainer.core.store.files import open_store
store = open_store(Path(sys.argv[1]))
print("ready", store.read_only_reason, flush=True)
sys.stdin.read()
store.close()
"""

SECOND = """
import json, sys
from pathlib import Path
from trainer.core.store.files import open_store
store = open_store(Path(sys.argv[1]))
print(json.dumps({"reason": store.read_only_reason,
                  "sessions": [s.id for s in store.sessions()]}))
"""


def a_screening() -> ScreeningRecord:
    return ScreeningRecord(START, {"disc": False}, "clear", (), 2, "beginner", ("mat",))


def a_session(status: str = "completed") -> SessionRecord:
    return SessionRecord(
        "s1",
        "daily-stretches",
        START,
        ended=None if status == "in-progress" else START + timedelta(minutes=9),
        status=status,  # type: ignore[arg-type]
        exercises=[ExerciseRecord("bridge", Dosage(0, 8, 1, 30), False)],
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def saved_state(state: Path) -> None:
    store = open_store(state)
    store.save_screening(a_screening())
    store.file_session(a_session(), [], [], {"sessions": 1})
    store.close()


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """Another trainer process holding the state open."""
    state = tmp_path / "exercises.progress.toml"
    saved_state(state)
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(state)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready None\n"
    yield process, state
    process.communicate("", timeout=10)


def test_a_second_trainer_process_gets_a_read_only_view(
    holder: tuple[subprocess.Popen[str], Path],
) -> None:
    process, state = holder
    before = snapshot(state.parent)
    store = open_store(state)
    assert store.read_only_reason == (
        f"Another trainer (process {process.pid}) is using {state}. This one is read-only: "
        "stats work, but sessions cannot start and nothing is saved. "
        "Close the other one to train here."
    )
    assert store.screening() == a_screening()
    assert [s.id for s in store.sessions()] == ["s1"]
    assert store.summary() == {"sessions": 1}
    with pytest.raises(StoreReadOnly):
        store.save_session(a_session("in-progress"))
    with pytest.raises(StoreReadOnly):
        store.save_screening(a_screening())
    store.close()
    assert snapshot(state.parent) == before


def test_the_first_trainer_keeps_writing_while_a_second_one_looks(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    saved_state(state)
    store = open_store(state)
    result = subprocess.run(
        [sys.executable, "-c", SECOND, str(state)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    seen = json.loads(result.stdout)
    assert seen["reason"].startswith(f"Another trainer (process {os.getpid()})")
    assert seen["sessions"] == ["s1"]
    store.save_session(a_session("in-progress"))  # the first one was never blocked
    store.close()


def run_as_other_user(work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Runs `work` in a forked child; as root, the child first drops to an unprivileged
    user so that folder permissions apply to it. Returns what `work` returned."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(read_end)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(UNPRIVILEGED)
                os.setuid(UNPRIVILEGED)
            result = work()
            os.write(write_end, json.dumps(result).encode())
            code = 0
        except BaseException as error:  # report anything to the parent, never into pytest
            os.write(write_end, json.dumps({"error": repr(error)}).encode())
        finally:
            os._exit(code)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    result: dict[str, Any] = json.loads(b"".join(chunks))
    return result


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder readable by everyone and writable by no one but root (an installed,
    shared catalogue's folder): other users can read the state files in it."""
    folder = Path(tempfile.mkdtemp(prefix="trainer-shared-"))
    try:
        yield folder
    finally:
        os.chmod(folder, 0o700)
        shutil.rmtree(folder)


def hand_over(folder: Path) -> None:
    """Makes the files the other user's own (as they would be) and the folder read-only."""
    for path in folder.rglob("*"):
        if os.geteuid() == 0:
            os.chown(path, UNPRIVILEGED, UNPRIVILEGED)
    os.chmod(folder, 0o755 if os.geteuid() == 0 else 0o555)


def test_a_state_in_a_folder_that_is_not_writable_opens_read_only(shared_folder: Path) -> None:
    state = shared_folder / "exercises.progress.toml"
    saved_state(state)
    state.with_name("exercises.progress.lock").unlink()
    hand_over(shared_folder)
    before = snapshot(shared_folder)

    def look() -> dict[str, Any]:
        store = open_store(state)
        try:
            store.save_settings({"bell": False})
            wrote = True
        except StoreReadOnly:
            wrote = False
        screening = store.screening()
        return {
            "reason": store.read_only_reason,
            "wrote": wrote,
            "level": screening.level if screening else None,
            "sessions": [s.id for s in store.sessions()],
        }

    seen = run_as_other_user(look)
    assert "error" not in seen, seen
    assert seen["reason"] == (
        f"Progress cannot be saved: the folder {shared_folder} is not writable (Permission "
        "denied). You can look around and see your stats, but sessions cannot start. "
        "Use --state to save somewhere else."
    )
    assert seen == {**seen, "wrote": False, "level": "beginner", "sessions": ["s1"]}
    assert snapshot(shared_folder) == before


def test_a_catalogue_in_a_folder_that_is_not_writable_keeps_state_in_the_data_folder(
    shared_folder: Path,
) -> None:
    catalogue = shared_folder / "exercises.toml"
    catalogue.write_text("[meta]\nschema = 1\n")
    data_home = Path(tempfile.mkdtemp(prefix="trainer-data-"))
    os.chmod(data_home, 0o777)
    hand_over(shared_folder)

    def locate() -> dict[str, Any]:
        os.environ["XDG_DATA_HOME"] = str(data_home)
        location = state_location(catalogue, environ={})
        store = open_store(location.path, location_note=location.note)
        store.save_settings({"bell": False})
        store.close()
        return {
            "path": str(location.path),
            "note": location.note,
            "expected": str(platformdirs.user_data_path("backtrainer")),
        }

    try:
        seen = run_as_other_user(locate)
        assert "error" not in seen, seen
        expected = Path(seen["expected"]) / "exercises.progress.toml"
        assert seen["path"] == str(expected)
        assert expected.is_relative_to(data_home)
        assert seen["note"] == (
            f"Progress is saved in {expected}, because the catalogue's "
            f"folder ({shared_folder}) is not writable."
        )
        assert expected.exists()
        assert sorted(p.name for p in shared_folder.iterdir()) == ["exercises.toml"]
    finally:
        shutil.rmtree(data_home, ignore_errors=True)
