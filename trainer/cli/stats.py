"""`trainer stats`: the stats screen's summary as plain text, for a quick look over SSH or a
cron mail. Opens the state read-only, so it works while a trainer is running, and never
writes anything.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from trainer.cli.output import Escaped, plain_console, say
from trainer.core.actions import open_store
from trainer.core.catalogue.model import Catalogue
from trainer.core.catalogue.words import describe_dosage, plural
from trainer.core.stats.figures import Stats, read_stats
from trainer.core.stats.safety_history import history_lines
from trainer.core.stats.text import (
    bar,
    calendar_lines,
    day_month,
    duration,
    nice_minutes,
    pain_change,
    pain_level,
    pain_summary_line,
    screening_line,
    short_day,
    target_line,
    trend_line,
)
from trainer.core.store.protocol import NewerStateSchema, Store
from trainer.exitcodes import EXIT_BAD_INPUT, EXIT_OK

#: Weeks of pain shown as a table (the chart on screen shows them all).
PAIN_WEEKS = 8


def run(catalogue_path: Path, state_path: Path | None, today: date | None = None) -> int:
    """Loads the catalogue, opens the state for reading, prints, exits."""
    from trainer.core.catalogue.loader import CatalogueError, load_catalogue

    try:
        catalogue = load_catalogue(catalogue_path)
    except CatalogueError as error:
        say(error)
        return EXIT_BAD_INPUT
    store = open_for_reading(catalogue_path, state_path)
    if store is None:
        return EXIT_BAD_INPUT
    try:
        print_stats(plain_console(), store, catalogue, today or _today())
    except BrokenPipeError:
        raise  # the reader went away: `trainer.cli.main` ends quietly
    except OSError as error:  # the history could not be read (a file where a folder goes)
        say(f"trainer: could not read your progress: {unreadable(error)}")
        return EXIT_BAD_INPUT
    finally:
        say_problems(store)
        store.close()
    return EXIT_OK


def unreadable(error: OSError) -> str:
    """Why a state file or folder could not be read, naming it, in one line."""
    where = f" ({error.filename})" if error.filename else ""
    return f"{error.strerror or error}{where}"


def say_problems(store: Store) -> None:
    """Names on stderr every state file that could not be used, and where its copy went:
    stdout may be going to a file, and these must be seen."""
    for problem in (*store.startup_problems, *store.history_problems):
        say(problem.message)


def _today() -> date:
    from trainer.core.session.clock import SystemClock

    return SystemClock().now().date()


def open_for_reading(catalogue_path: Path, state_path: Path | None) -> Store | None:
    """The state beside the catalogue (or at --state), opened only to look: None, having
    said why plainly (a newer version's file, an unreadable folder), when it cannot be."""
    from trainer.paths import state_location

    location = state_location(catalogue_path, state_path)
    try:
        return open_store(location.path, for_reading=True)
    except (NewerStateSchema, OSError) as error:  # say so plainly, no traceback
        say(error)
        return None


def print_stats(console: Console, store: Store, catalogue: Catalogue, today: date) -> None:
    stats = read_stats(store, catalogue, today, may_save=False)
    parts = render(stats)
    events = store.safety_events()
    if events:  # shown on the first run too: a red flag can come before any session
        parts.append(render_safety(history_lines(events, store.screening(), catalogue)))
    for index, part in enumerate(parts):
        if index > 1:
            console.print()  # sections apart, even where the rules do not show
        console.print(Escaped(part))  # names and kinds may come from the state file


def render(stats: Stats) -> list[RenderableType]:
    """Everything the stats screen shows, in the same words, as Rich renderables."""
    title = Text(f"backtrainer stats, {stats.today:%A} {short_day(stats.today)}", style="bold")
    if not stats.has_history:
        return [
            title,
            Text(
                "No sessions yet. After your first session this shows your calendar, "
                "streaks, minutes per week, progress per exercise and pain over time."
            ),
            Text(screening_line(stats.screening)),
        ]
    parts: list[RenderableType] = [title, _overview(stats), _calendar(stats)]
    parts.append(_minutes(stats))
    if stats.exercises:
        parts.append(_exercises(stats))
    parts.append(_pain(stats))
    if stats.pain_stops:
        parts.append(_stops(stats))
    return parts


def _table(title: str) -> Table:
    return Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
    )


def _overview(stats: Stats) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row(
        "Streaks",
        f"current {plural(stats.current_streak, 'day')}, best "
        f"{plural(stats.best_streak, 'day')}; this week "
        f"{plural(stats.sessions_this_week, 'session')}, "
        f"{duration(stats.minutes_per_week[-1].minutes)}",
    )
    for n, target in enumerate(stats.targets):
        table.add_row("Targets" if n == 0 else "", target_line(target))
    table.add_row("Screening", screening_line(stats.screening).removeprefix("Screening: "))
    since = f" since {short_day(stats.first_day)}" if stats.first_day else ""
    table.add_row(
        "In all",
        f"{plural(stats.total_sessions, 'session')}, {duration(stats.total_minutes)}{since}",
    )
    return table


def _calendar(stats: Stats) -> Group:
    return Group(*(Text(line) for line in calendar_lines(stats.calendar)))


def _minutes(stats: Stats) -> Table:
    table = _table("Minutes per week")
    table.add_column("Week of")
    table.add_column("Minutes", justify="right")
    table.add_column("Sessions", justify="right")
    top = nice_minutes(max((w.minutes for w in stats.minutes_per_week), default=0.0))
    table.add_column(f"a full bar: {duration(top)}", min_width=30)
    for week in stats.minutes_per_week:
        table.add_row(
            day_month(week.monday),
            str(round(week.minutes)),
            str(week.sessions),
            bar(week.minutes, top, 30),
        )
    return table


def _exercises(stats: Stats) -> Table:
    table = _table("Progress per exercise")
    table.add_column("Exercise")
    table.add_column("Today", no_wrap=True)
    table.add_column("Since the start")
    table.add_column("Sessions", justify="right")
    for exercise in stats.exercises:
        today = (
            describe_dosage(exercise.current, exercise.per_side, compact=True)
            if exercise.current
            else "-"
        )
        table.add_row(exercise.name, today, exercise.change, str(exercise.sessions))
    return table


def _pain(stats: Stats) -> Group:
    pain = stats.pain
    lines: list[RenderableType] = [
        Text("Pain", style="bold"),
        Text(pain_summary_line(pain)),
        Text(trend_line(pain.trend)),
    ]
    if pain.trend.not_improving:
        lines.extend(Text(advice) for advice in pain.seek_help)
    if pain.weeks:
        table = _table("")
        table.add_column("Week of")
        table.add_column("Before", justify="right")
        table.add_column("After", justify="right")
        table.add_column("Change", justify="right")
        for week in pain.weeks[-PAIN_WEEKS:]:
            change = (
                week.after - week.before
                if week.after is not None and week.before is not None
                else None
            )
            table.add_row(
                day_month(week.monday),
                pain_level(week.before),
                pain_level(week.after),
                pain_change(change),
            )
        lines.append(table)
    return Group(*lines)


def _stops(stats: Stats) -> Table:
    table = _table("Stopped for pain")
    table.add_column("Exercise")
    table.add_column("Times", justify="right")
    table.add_column("Last")
    table.add_column("Last kind")
    for stop in stats.pain_stops:
        table.add_row(stop.name, str(stop.times), short_day(stop.last), stop.last_kind)
    return table


def render_safety(lines: list[str]) -> Group:
    """The safety history, newest first: red flags, severe pain, pain stops and rises,
    check-back answers and clearances, each with its date."""
    return Group(Text("Safety", style="bold"), *(Text(line) for line in lines))
