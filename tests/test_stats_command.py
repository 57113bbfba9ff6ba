"""`trainer stats`: the stats screen's summary as plain text, read-only, no colour when piped."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from catalogue_factory import NOW, catalogue
from rich.console import Console
from session_factory import done, session
from support.demo_history import demo_store_with_history

from trainer.cli.main import main
from trainer.cli.stats import print_stats
from trainer.core.catalogue.model import Catalogue
from trainer.core.stats.figures import read_stats
from trainer.core.store.files import open_store
from trainer.core.store.protocol import MemoryStore

TODAY = NOW.date()  # Friday 20 November 2026
SEEK_HELP = ("It may be time to seek one-on-one guidance.",)


def guided() -> Catalogue:
    return dataclasses.replace(catalogue(), guidance=MappingProxyType({"seek-help": SEEK_HELP}))


def printed(store: MemoryStore, cat: Catalogue | None = None) -> str:
    out = io.StringIO()
    console = Console(file=out, width=80, highlight=False)
    print_stats(console, store, cat or guided(), TODAY)
    return out.getvalue()


def test_the_summary_says_what_the_screen_says() -> None:
    store = demo_store_with_history(guided(), years=0.5, seed=7, end=NOW)
    stats = read_stats(store, guided(), TODAY, may_save=False)

    text = printed(store)

    assert text.startswith("backtrainer stats, Friday 20 Nov 2026")
    assert f"current {stats.current_streak} days, best {stats.best_streak} days" in text
    assert "· Stretching daily: not yet (4 of 5 days so far this week)" in text
    assert "Screening  clear, taken 18 Nov 2026" in text
    for exercise in stats.exercises:
        assert exercise.name in text
    for stop in stats.pain_stops:
        assert stop.name in text
    assert "Average change per session" in text
    assert "Minutes per week" in text


def test_the_calendar_is_printed_with_today_marked() -> None:
    store = demo_store_with_history(guided(), years=0.5, seed=7, end=NOW)

    lines = printed(store).splitlines()

    friday = next(line for line in lines if line.startswith("Fri "))
    assert friday.rstrip().endswith("◇")  # today, nothing yet at 09:00
    assert any(line.startswith("· none  ■ trained") for line in lines)


def test_every_line_fits_80_columns() -> None:
    store = demo_store_with_history(guided(), years=0.5, seed=7, end=NOW)

    assert all(len(line) <= 80 for line in printed(store).splitlines())


def test_no_history_prints_the_first_run_words() -> None:
    text = printed(MemoryStore())

    assert "No sessions yet" in text
    assert "Screening: not taken yet" in text
    assert "Minutes per week" not in text


def test_pain_not_improving_prints_the_catalogues_advice() -> None:
    store = MemoryStore()
    for back in range(27, -1, -3):
        day = NOW - timedelta(days=back)
        store.save_session(session(day.replace(hour=7), pain_before=5, pain_after=5))

    text = printed(store)

    assert "has not eased over the last four weeks" in text
    assert SEEK_HELP[0] in text


def test_reading_never_writes_the_summary() -> None:
    store = MemoryStore()
    store.save_session(session(NOW - timedelta(days=1), done("cat-cow")))

    printed(store)

    assert store.summary() == {}


# --------------------------------------------------------------------------- the command


def catalogue_file(tmp_path: Path) -> Path:
    from trainer.paths import bundled_catalogue

    path = tmp_path / "exercises.toml"
    path.write_bytes(bundled_catalogue().read_bytes())
    return path


def file_state(tmp_path: Path) -> Path:
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    start = datetime.now().astimezone() - timedelta(days=1)
    store.save_session(session(start, done("cat-cow"), pain_before=3, pain_after=2))
    store.close()
    return state


def snapshot_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def test_trainer_stats_prints_without_colour_when_piped(tmp_path: Path, capsys: Any) -> None:
    cat = catalogue_file(tmp_path)
    state = file_state(tmp_path)

    status = main(["--catalogue", str(cat), "--state", str(state), "stats"])

    out = capsys.readouterr().out
    assert status == 0
    assert "backtrainer stats" in out
    assert "In all     1 session" in out
    assert "\x1b[" not in out


def test_trainer_stats_works_while_a_trainer_holds_the_state(tmp_path: Path, capsys: Any) -> None:
    cat = catalogue_file(tmp_path)
    state = file_state(tmp_path)
    running = open_store(state)  # the trainer in another terminal
    try:
        assert running.read_only_reason is None
        before = snapshot_of(tmp_path)

        status = main(["--catalogue", str(cat), "--state", str(state), "stats"])

        assert status == 0
        assert "1 session" in capsys.readouterr().out
        assert snapshot_of(tmp_path) == before
    finally:
        running.close()


def test_trainer_stats_changes_no_file(tmp_path: Path, capsys: Any) -> None:
    cat = catalogue_file(tmp_path)
    state = file_state(tmp_path)
    before = snapshot_of(tmp_path)
    lock = tmp_path / "exercises.progress.lock"
    lock_written = lock.stat().st_mtime_ns

    assert main(["--catalogue", str(cat), "--state", str(state), "stats"]) == 0

    assert snapshot_of(tmp_path) == before
    assert lock.stat().st_mtime_ns == lock_written  # the writer's lock was never taken


def test_a_broken_catalogue_is_reported_with_exit_2(tmp_path: Path, capsys: Any) -> None:
    cat = tmp_path / "exercises.toml"
    cat.write_text("this is not toml = = =", encoding="utf-8")

    status = main(["--catalogue", str(cat), "--state", str(tmp_path / "s.toml"), "stats"])

    assert status == 2
    assert "exercises.toml" in capsys.readouterr().err


def test_no_state_yet_prints_the_first_run_and_creates_nothing(tmp_path: Path, capsys: Any) -> None:
    cat = catalogue_file(tmp_path)
    state = tmp_path / "not-yet" / "exercises.progress.toml"

    status = main(["--catalogue", str(cat), "--state", str(state), "stats"])

    assert status == 0
    assert "No sessions yet" in capsys.readouterr().out
    assert not (tmp_path / "not-yet").exists()


def test_export_with_no_state_yet_writes_just_the_header(tmp_path: Path, capsys: Any) -> None:
    state = tmp_path / "not-yet" / "exercises.progress.toml"

    status = main(["--state", str(state), "export"])

    assert status == 0
    assert capsys.readouterr().out.startswith("session_id,session_day,")
    assert not (tmp_path / "not-yet").exists()
