"""Where files are: the bundled catalogue, and (see the store) where state goes."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_catalogue() -> Path:
    """The checkout's top-level `exercises.toml`, else the copy installed with the package."""
    in_checkout = _PACKAGE.parent / "exercises.toml"
    if in_checkout.is_file():
        return in_checkout
    return _PACKAGE / "exercises.toml"


#: The environment variable that, like --state, names the state file.
STATE_ENV = "TRAINER_STATE"


@dataclass(frozen=True, slots=True)
class StateLocation:
    """The main state file, and a note to show when it is not where a user would look."""

    path: Path
    note: str | None = None


def user_data_folder() -> Path:
    """Where state goes when it cannot go beside the catalogue."""
    import platformdirs

    return platformdirs.user_data_path("backtrainer")


def user_cache_folder() -> Path:
    """Where the parsed catalogue is kept between starts (safe to delete at any time)."""
    import platformdirs

    return platformdirs.user_cache_path("backtrainer")


def state_location(
    catalogue: Path,
    override: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> StateLocation:
    """`--state`, else $TRAINER_STATE, else `<catalogue stem>.progress.toml` beside the
    catalogue; or, when that folder is not writable or holds the copy installed with the
    package, the same name in the user's data folder."""
    env = os.environ if environ is None else environ
    if override is not None:
        return StateLocation(Path(override))
    if env.get(STATE_ENV):
        return StateLocation(Path(env[STATE_ENV]))
    name = f"{catalogue.stem}.progress.toml"
    folder = catalogue.resolve().parent
    if _is_installed_copy(catalogue):
        why = "the catalogue is the copy installed with the program"
    elif not os.access(folder, os.W_OK | os.X_OK):
        why = f"the catalogue's folder ({folder}) is not writable"
    else:
        return StateLocation(catalogue.with_name(name))
    path = user_data_folder() / name
    return StateLocation(path, f"Progress is saved in {path}, because {why}.")


def _is_installed_copy(catalogue: Path) -> bool:
    resolved = catalogue.resolve()
    return resolved == (_PACKAGE / "exercises.toml") or any(
        part in ("site-packages", "dist-packages") for part in resolved.parts
    )
