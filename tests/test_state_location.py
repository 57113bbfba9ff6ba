"""Where state goes: --state, then $TRAINER_STATE, then beside the catalogue, unless the
catalogue is the installed copy (then the user's data folder, and a note saying so)."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.paths import state_location, user_data_folder


def test_beside_a_catalogue_in_a_writable_folder(tmp_path: Path) -> None:
    catalogue = tmp_path / "exercises.toml"
    location = state_location(catalogue, environ={})
    assert location.path == tmp_path / "exercises.progress.toml"
    assert location.note is None


def test_the_name_follows_the_catalogue(tmp_path: Path) -> None:
    location = state_location(tmp_path / "clinic-plan.toml", environ={})
    assert location.path == tmp_path / "clinic-plan.progress.toml"


def test_state_option_wins_over_the_environment(tmp_path: Path) -> None:
    env = {"TRAINER_STATE": str(tmp_path / "from-env.toml")}
    assert (
        state_location(tmp_path / "exercises.toml", tmp_path / "mine.toml", environ=env).path
        == tmp_path / "mine.toml"
    )
    assert state_location(tmp_path / "exercises.toml", environ=env).path == (
        tmp_path / "from-env.toml"
    )


@pytest.mark.parametrize("folder", ["site-packages", "dist-packages"])
def test_the_installed_copy_keeps_state_in_the_user_data_folder(
    tmp_path: Path, folder: str
) -> None:
    catalogue = tmp_path / "lib" / folder / "trainer" / "exercises.toml"
    location = state_location(catalogue, environ={})
    assert location.path == user_data_folder() / "exercises.progress.toml"
    assert location.note == (
        f"Progress is saved in {location.path}, because the catalogue is "
        "the copy installed with the program."
    )
