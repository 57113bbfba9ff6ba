"""Command line: parse arguments, then run the app or a plain command.

Kept free of heavy imports at module level so `trainer --help` and `trainer check` start
fast and the app's modules load only when the app runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from trainer import __version__
from trainer.exitcodes import EXIT_FAILURE
from trainer.paths import bundled_catalogue


def state_epilog() -> str:
    """Where progress is kept, named in full, since it is health data a person may want to
    find, back up or delete."""
    from trainer.paths import user_data_folder

    return (
        "Progress is saved beside the catalogue: for exercises.toml, in\n"
        "exercises.progress.toml and the folder exercises.progress.d/. When the\n"
        "catalogue's folder is not writable, or the catalogue is the copy installed\n"
        f"with the program, it goes to {user_data_folder()}/ instead.\n"
        "--state PATH or $TRAINER_STATE chooses another file. Only one trainer can\n"
        "save at a time: a second one opens read-only.\n\n"
        "Demos: TRAINER_SPEED=10 makes every hold, rest and countdown ten times\n"
        "shorter (what is saved is what was asked for). A dropped connection, SIGTERM\n"
        "or Ctrl+C keeps the session so far; the next start offers to resume it."
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description=(
            "A full-screen terminal trainer for lower-back exercises. "
            "Not medical advice: see a clinician first if you have back problems."
        ),
        epilog=state_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--catalogue",
        type=Path,
        default=None,
        metavar="PATH",
        help="the exercise catalogue (default: $TRAINER_CATALOGUE, else the bundled one)",
    )
    parser.add_argument(
        "--state",
        type=Path,
        default=None,
        metavar="PATH",
        help="the progression state file (default: $TRAINER_STATE, else beside the catalogue)",
    )
    parser.add_argument("--no-bell", action="store_true", help="never ring the terminal bell")
    parser.add_argument(
        "--reduced-motion",
        action="store_true",
        help="no animation; the screen updates once a second",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check", help="validate a catalogue and print a summary (exit 2 on problems)"
    )
    check.add_argument("path", nargs="?", type=Path, default=None, metavar="PATH")
    commands.add_parser(
        "stats",
        help="print your stats as plain text and exit (read-only: works while a trainer runs)",
    )
    from trainer.core.stats import export as export_format

    export = commands.add_parser(
        "export",
        help="write the whole session log, one row per set, and the safety events, as CSV or JSON",
        description="Writes the whole session log, one row per set, and every safety event "
        "(red flags, severe pain, pain stops and rises, check-backs, clearances), for a "
        "clinician or a spreadsheet. Read-only: works while a trainer runs.",
        epilog=export_format.FORMAT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--format", choices=("csv", "json"), default="csv", help="default: csv")
    export.add_argument(
        "--out", type=Path, default=None, metavar="FILE", help="write here (default: stdout)"
    )
    return parser


def catalogue_path(args: argparse.Namespace) -> Path:
    if args.catalogue is not None:
        return Path(args.catalogue)
    from_env = os.environ.get("TRAINER_CATALOGUE")
    return Path(from_env) if from_env else bundled_catalogue()


def main(argv: Sequence[str] | None = None) -> int:
    """Runs a command or the app; returns the exit status.

    No traceback reaches the person: an error nobody foresaw (odd input the checks missed)
    is one line on stderr and status 1. A reader that closes the pipe (`trainer export |
    head -1`) ends the command quietly with status 141, as `cat` ends (see
    `trainer.cli.output`).
    """
    args = build_parser().parse_args(argv)
    from trainer.cli.output import quiet_stdout, say
    from trainer.exitcodes import EXIT_CLOSED_PIPE

    try:
        status = _run_command(args)
        sys.stdout.flush()  # here, where a closed pipe can still be caught
        return status
    except BrokenPipeError:
        quiet_stdout()
        return EXIT_CLOSED_PIPE
    except Exception as error:  # the last resort: one line, never a traceback
        say(f"trainer: {unexpected(error)}")
        return EXIT_FAILURE


def unexpected(error: BaseException) -> str:
    """An error nobody foresaw, in one line: what it was and what it said."""
    if isinstance(error, RecursionError):
        return "the input nests too deeply to read"
    if isinstance(error, MemoryError):
        return "the input is too large to read"
    if isinstance(error, OverflowError):
        return f"a number or date in your catalogue or progress is out of range ({error})"
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror}{where}"
    return f"unexpected {type(error).__name__}: {error}"


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "check":
        from trainer.cli import check

        return check.run(args.path or catalogue_path(args))
    if args.command == "stats":
        from trainer.cli import stats

        return stats.run(catalogue_path(args), args.state)
    if args.command == "export":
        from trainer.cli import export

        return export.run(catalogue_path(args), args.state, args.format, args.out)
    import gc

    # Start-up allocates many thousands of objects that all live on: collecting them is
    # wasted work (about a sixth of start-up). The app turns collection back on, with those
    # objects frozen out of it, once its first screen is up (TrainerApp.adapt_to_terminal).
    gc.disable()
    from trainer.cli.launch import run_app

    return run_app(args, catalogue_path(args))
