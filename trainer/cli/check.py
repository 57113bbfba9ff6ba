"""`trainer check [PATH]`: validate a catalogue after an edit, before anyone trains from it.

On success it prints a one-screen summary, so the editor sees at a glance that the change
landed where they meant (the right kind and level, the plan now one exercise longer); on
failure every problem goes to stderr and the exit status is 2, so scripts can rely on it.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

from trainer.core.catalogue.loader import CatalogueError, load_catalogue
from trainer.core.catalogue.model import KINDS, LEVELS, Catalogue
from trainer.core.safe_text import escape_controls
from trainer.exitcodes import EXIT_BAD_INPUT, EXIT_OK


def run(path: Path) -> int:
    try:
        catalogue = load_catalogue(path)
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    # Rich drops colour by itself when piped or when NO_COLOR is set; no highlighting, so
    # numbers in names are not recoloured at random.
    console = Console(highlight=False)
    print_summary(console, catalogue)
    return EXIT_OK


def print_summary(console: Console, catalogue: Catalogue) -> None:
    """Fits 80x24 for a catalogue the size of the bundled one: no blank lines between tables,
    whose rules under the headings keep them apart even without colour."""
    # Rich never wraps this line, so a long path stays in one piece to copy.
    # The path is the one thing here the loader did not vet: shown, never obeyed.
    console.print(
        f"OK: {escape_controls(str(catalogue.path))} (schema {catalogue.schema})",
        soft_wrap=True,
        markup=False,
    )
    for table in (_exercise_table(catalogue), _plan_table(catalogue), _screening_table(catalogue)):
        console.print(table)


def _table(*headers: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for header in headers:
        table.add_column(header)
    return table


def _exercise_table(catalogue: Catalogue) -> Table:
    counts = Counter((e.kind, e.level) for e in catalogue.exercises.values())
    # Moves to avoid are never scheduled; counting them here tells the editor they loaded.
    heading = f"Exercises ({len(catalogue.exercises)}; {len(catalogue.avoid)} avoided)"
    table = _table(heading, *LEVELS, "total")
    for column in table.columns[1:]:
        column.justify = "right"
    for kind in KINDS:
        row = [counts[kind, level] for level in LEVELS]
        table.add_row(kind, *map(str, row), str(sum(row)))
    return table


def _plan_table(catalogue: Catalogue) -> Table:
    table = _table(f"Plans ({len(catalogue.plans)})", "exercises", "minutes", "frequency")
    table.columns[0].overflow = "ellipsis"
    table.columns[0].no_wrap = True
    for column in table.columns[1:3]:
        column.justify = "right"
    for plan in catalogue.plans.values():
        table.add_row(plan.name, str(len(plan.exercises)), str(plan.minutes), plan.frequency)
    return table


def _screening_table(catalogue: Catalogue) -> Table:
    table = _table(f"Screening questions ({len(catalogue.screening)}, in order)", "outcome", "flag")
    table.columns[0].overflow = "ellipsis"
    table.columns[0].no_wrap = True
    table.columns[0].max_width = 52
    for question in catalogue.screening:
        table.add_row(question.question, question.outcome, question.flag or "-")
    return table
