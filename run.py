#!/usr/bin/env python3
"""Quick start without setup: `python3 run.py` starts the trainer, `python3 run.py test`
runs every check. Either one first makes `.venv/` and installs the project into it (again
whenever pyproject.toml changes), using nothing but Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("TRAINER_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".backtrainer-installed"


def _wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> None:
    """Creates the virtual environment and installs the project, once per pyproject."""
    if sys.version_info < (3, 11):
        sys.exit(f"backtrainer needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if STAMP.is_file() and STAMP.read_text() == _wanted_stamp():
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
    print("Installing backtrainer and its test tools ...", file=sys.stderr)
    subprocess.run(
        [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-e", f"{ROOT}[test]"],
        check=True,
    )
    STAMP.write_text(_wanted_stamp())


def run_checks(extra: list[str]) -> int:
    """Lint, types, then the whole test suite: the one command CI runs."""
    python = str(BIN / "python")
    steps = [
        [python, "-m", "ruff", "check", "."],
        [python, "-m", "mypy"],
        [python, "-m", "pytest", *extra],
    ]
    for step in steps:
        print("$", " ".join(step[2:]), flush=True)
        code = subprocess.run(step, cwd=ROOT).returncode
        if code != 0:
            return code
    return 0


def main() -> int:
    args = sys.argv[1:]
    ensure_environment()
    if args[:1] == ["test"]:
        return run_checks(args[1:])
    trainer = str(BIN / "trainer")
    os.execv(trainer, [trainer, *args])


if __name__ == "__main__":
    raise SystemExit(main())
