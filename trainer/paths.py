"""Where files are: the bundled catalogue, and (see the store) where state goes."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_catalogue() -> Path:
    """The checkout's top-level `exercises.toml`, else the copy installed with the package."""
    in_checkout = _PACKAGE.parent / "exercises.toml"
    if in_checkout.is_file():
        return in_checkout
    return _PACKAGE / "exercises.toml"
