#!/usr/bin/env python3
"""Quick start without setup: `python3 run.py` starts the trainer, `python3 run.py test`
runs every check. Either one first makes `.venv/` and installs the project into it (again
whenever pyproject.toml changes), using nothing but Python 3.11+: the trainer alone for a
plain start, with its test tools for `test`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("TRAINER_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".backtrainer-installed"


def _pyproject_hash() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def _installed_extras() -> set[str] | None:
    """What the stamp says is installed for this pyproject (None: nothing or an older one)."""
    if not STAMP.is_file():
        return None
    digest, _, extras = STAMP.read_text().partition(" ")
    return set(extras.split(",")) - {""} if digest == _pyproject_hash() else None


def ensure_environment(extras: tuple[str, ...] = ()) -> None:
    """Creates the virtual environment and installs the project with `extras` (the trainer
    alone needs none; the checks need "test"), once per pyproject and set of extras."""
    if sys.version_info < (3, 11):
        sys.exit(f"backtrainer needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    installed = _installed_extras()
    if installed is not None and installed >= set(extras):
        return
    if not (BIN / "python").exists():
        print(f"Creating a virtual environment in {VENV} ...", file=sys.stderr)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as error:  # ensurepip missing on some distributions
            sys.exit(
                f"Could not create a virtual environment ({error}).\n"
                "On Debian or Ubuntu: sudo apt install python3-venv, then run this again."
            )
    # Keep what an earlier run installed (a later plain start must not look stale).
    wanted = sorted(set(extras) | (installed or set()))
    target = f"{ROOT}[{','.join(wanted)}]" if wanted else str(ROOT)
    print(
        "Installing backtrainer" + (" and its test tools" if wanted else "") + " ...",
        file=sys.stderr,
    )
    subprocess.run(
        [
            str(BIN / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-e",
            target,
        ],
        check=True,
    )
    STAMP.write_text(f"{_pyproject_hash()} {','.join(wanted)}")


def _pytest_args(extra: list[str]) -> list[str]:
    """Spreads the suite over the cores (pytest-xdist) unless the caller chose otherwise:
    `python3 run.py test -n 0` runs it serially, e.g. for `--snapshot-update`."""
    chosen = any(
        arg.startswith(("-n", "--numprocesses", "--dist")) or arg == "no:xdist" for arg in extra
    )
    if chosen:
        return extra
    return ["-n", "auto", "--maxprocesses", "4", "--dist", "worksteal", *extra]


def run_checks(extra: list[str]) -> int:
    """Lint, layout, types, then the whole test suite: the one command CI runs. Prints how
    long the suite and the whole check took, so a slower check is noticed."""
    python = str(BIN / "python")
    steps = [
        [python, "-m", "ruff", "check", "."],
        [python, "-m", "ruff", "format", "--check", "."],
        [python, "-m", "mypy"],
        [python, "-m", "pytest", *_pytest_args(extra)],
    ]
    started = time.monotonic()
    code = 0
    for step in steps:
        print("$", " ".join(step[2:]), flush=True)
        step_started = time.monotonic()
        code = subprocess.run(step, cwd=ROOT).returncode
        if code != 0:
            break
    suite = time.monotonic() - step_started
    total = time.monotonic() - started
    print(
        f"Wall time: {total:.1f} s for the check, {suite:.1f} s for `{step[2]}`"
        + ("" if code == 0 else f" (failed: exit {code})"),
        flush=True,
    )
    return code


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["test"]:
        ensure_environment(("test",))
        return run_checks(args[1:])
    ensure_environment()
    trainer = str(BIN / "trainer")
    os.execv(trainer, [trainer, *args])


if __name__ == "__main__":
    raise SystemExit(main())
