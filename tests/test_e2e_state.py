"""The real `trainer` in real terminals: a second trainer on the same progress opens
read-only and says so; a damaged progress file is explained and replaced only on a yes;
a progress file from a newer version stops it with status 2, untouched."""

from __future__ import annotations

from pathlib import Path

from ptyharness import flat, start_trainer
from userflow import TrainerUser


def test_a_second_trainer_on_the_same_progress_is_read_only(tmp_path: Path) -> None:
    first = TrainerUser.start(tmp_path)
    try:
        first.app.wait_until(TrainerUser.first_screen_ready, what="the first screen")
        second = start_trainer(tmp_path)
        try:
            # The reason names the holder's pid and the state's path, so where its lines
            # break depends on the machine: match it whatever the wrap.
            second.wait_for_words("Another trainer", "Close the other one to train here")
            second.wait_for("read-only")
            second.send("q")
            assert second.wait_exit() == 0
        finally:
            second.close()
        first.app.send("q")
        assert first.app.wait_exit() == 0
    finally:
        first.app.close()
    assert (tmp_path / "exercises.progress.lock").exists()


def test_a_damaged_progress_file_is_replaced_only_on_yes(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    tmp_path.mkdir(exist_ok=True)
    state.write_text("schema = 1\n[screening\n")
    app = start_trainer(tmp_path)
    try:
        app.wait_for("COULD NOT BE READ", "start fresh")
        app.wait_for_words("not valid TOML")
        app.send("y")
        app.wait_until(TrainerUser.first_screen_ready, what="the screening")
        app.send("q")
        app.wait_exit()
    finally:
        app.close()
    [copy] = tmp_path.glob("exercises.progress.toml.corrupt-*")
    assert copy.read_text() == "schema = 1\n[screening\n"


def test_a_progress_file_from_a_newer_version_stops_the_trainer(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    tmp_path.mkdir(exist_ok=True)
    state.write_text("schema = 5\n")
    app = start_trainer(tmp_path)
    try:
        assert app.wait_exit() == 2
        assert flat("newer version of backtrainer") in flat(app.text())
    finally:
        app.close()
    assert state.read_text() == "schema = 5\n"
