"""`kill -9` at random moments: the state always parses, and always holds either what was
last saved or what was being saved, never a mix and never less.

A forked child writes in a loop and reports each write that returned on a pipe; the parent
kills it after a random few milliseconds, then checks the files against those reports.
On a busy machine (the suite runs on parallel workers) a child may get little of those
milliseconds, so the kills go on past KILLS until the writer has got far enough.
"""

from __future__ import annotations

import os
import random
import signal
import time
import tomllib
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from trainer.core.catalogue.model import Dosage
from trainer.core.records import (
    ExerciseProgress,
    ExerciseRecord,
    PrescriptionChange,
    SessionRecord,
    SetRecord,
)
from trainer.core.store.codec import decode_current, decode_main
from trainer.core.store.files import StateFiles, open_store

START = datetime(2026, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))
KILLS = 200
#: However busy the machine, never more kills than this.
MOST_KILLS = 5 * KILLS


def session_numbered(k: int, status: str = "in-progress") -> SessionRecord:
    """A session whose every value says `k`, so a mix of two writes cannot pass as one."""
    started = START + timedelta(hours=12 * k)
    record = ExerciseRecord(f"exercise-{k}", Dosage(0, k, k % 4 + 1, 30), per_side=False)
    for number in range(1, k % 4 + 2):
        record.sets.append(SetRecord(number, None, k, k, float(k), started + timedelta(seconds=k)))
    return SessionRecord(
        f"session-{k}",
        f"plan-{k}",
        started,
        ended=None if status == "in-progress" else started,
        status=status,
        pain_before=k % 11,
        exercises=[record],
    )  # type: ignore[arg-type]


def run_killed(write_loop: Callable[[int], None], rng: random.Random) -> list[str]:
    """Forks a child running `write_loop(report_fd)`, SIGKILLs it after 0-12 ms, and
    returns the reports it managed to send."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            write_loop(write_end)
        finally:
            os._exit(0)
    os.close(write_end)
    time.sleep(rng.uniform(0, 0.012))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    return b"".join(chunks).decode().split()


def old_and_new(reports: list[str], tag: str, before: int, first: int) -> tuple[int, int]:
    """The last value a write of this kind finished, and the one it was writing when killed
    (`first` if it had finished none)."""
    numbers = [int(r[1:]) for r in reports if r.startswith(tag)]
    return (numbers[-1], numbers[-1] + 1) if numbers else (before, first)


def test_kill_9_while_saving_sets_and_settings(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    files = StateFiles(state)
    rng = random.Random(20261120)
    main_value = current_value = 0

    for attempt in range(MOST_KILLS):
        if attempt >= KILLS and main_value > 20:
            break
        start = max(main_value, current_value)

        def write_loop(report: int, start: int = start) -> None:
            store = open_store(state)
            k = start
            while True:
                k += 1
                store.save_settings({"counter": k, "text": f"value {k} " * (k % 7)})
                os.write(report, f"m{k} ".encode())
                store.save_session(session_numbered(k))
                os.write(report, f"c{k} ".encode())

        reports = run_killed(write_loop, rng)
        main_values = old_and_new(reports, "m", main_value, start + 1)
        current_values = old_and_new(reports, "c", current_value, start + 1)
        where = f"kill {attempt}, reports {reports[-4:]}"

        if state.exists():
            settings = decode_main(tomllib.loads(state.read_text())).settings
            assert settings["counter"] in main_values, where
            assert settings["text"] == f"value {settings['counter']} " * (settings["counter"] % 7)
            main_value = settings["counter"]
        else:
            assert main_values[0] == 0, where
        if files.current.exists():
            current = decode_current(tomllib.loads(files.current.read_text()))
            assert current is not None, where
            k = int(current.session.id.removeprefix("session-"))
            assert k in current_values, where
            assert current.session == session_numbered(k), where
            current_value = k
        else:
            assert current_values[0] == 0, where

        store = open_store(state)  # and the app would start cleanly
        assert store.startup_problems == () and store.read_only_reason is None
        store.close()
    assert main_value > 20, "the writer barely ran: the kills did not land mid-work"


def test_kill_9_while_filing_sessions(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    rng = random.Random(7)
    filed = 0

    for attempt in range(MOST_KILLS):
        if attempt >= KILLS // 2 and filed > 10:
            break

        def write_loop(report: int, start: int = filed) -> None:
            store = open_store(state)
            k = start
            while True:
                k += 1
                change = PrescriptionChange(
                    "bridge",
                    START + timedelta(hours=12 * k),
                    Dosage(0, k, 1, 30),
                    Dosage(0, k + 1, 1, 30),
                    f"step {k}",
                )
                store.file_session(
                    session_numbered(k, "completed"),
                    [ExerciseProgress("bridge", 0, k, 1, 30)],
                    [change],
                    {"sessions": k},
                )
                os.write(report, f"f{k} ".encode())

        reports = run_killed(write_loop, rng)
        old, new = old_and_new(reports, "f", filed, filed + 1)
        store = open_store(state)  # finishes a filing the kill cut short
        sessions = store.sessions()
        count = len(sessions)
        where = f"kill {attempt}, reports {reports[-3:]}, found {count}"
        assert count in (old, new), where
        assert sessions == [session_numbered(k, "completed") for k in range(1, count + 1)]
        if count:
            assert store.progress()["bridge"].reps == count, where
            assert store.summary() == {"sessions": count}, where
        assert [c.reason for c in store.changes()] == [f"step {k}" for k in range(1, count + 1)], (
            where
        )
        assert store.interrupted_session() is None
        store.close()
        filed = count
    assert filed > 10, "the writer barely ran: the kills did not land mid-work"
