"""What the stats screen and `trainer stats` show, computed once into a frozen `Stats`.

The input is the kept summary (`trainer.core.stats.aggregate`): totals over the whole history and
day-by-day figures for the last months, so the cost of opening the stats does not grow
with the years of history behind them. The sessions of this week and last are read too,
only to fold in any that reached the history without passing through the summary.

Rules, in one place:

- A day: the calendar date a session started on, in the UTC offset it was recorded in
  (`SessionRecord.day`), whatever the machine's zone is now. A session at 23:59 counts for
  that day; one at 00:01 for the next; a session that spans a clock change counts for the
  day it started, and its minutes are real elapsed minutes.
- A week runs Monday to Sunday.
- A training session: a finished session with at least one set done.
- Streaks: consecutive days with a training session. The current streak still counts
  through yesterday while today has no session yet.
- Targets (the articles: "daily gentle stretches", "targeted lower back exercises about
  twice per week"): stretching is met when every day of this week so far has a session
  with a stretch in it; strength when two different days this week had a session with a
  strength or stability exercise in it (kinds from the catalogue; an exercise it no longer
  has counts for neither). Until today's stretch is done the daily target says "not yet".
- Activity on most days ("Most days: Light to moderate activity, such as walking, easy
  cycling, or water aerobics", Why lower back exercises matter): the days this week with
  logged activity. The article gives no number for "most days"; the app reads it as 5 of
  the week's 7 (MOST_DAYS_PER_WEEK, the app's default), and says so.
- Pain not improving (`pain_trend`): over the last 28 days (today included), split into
  four 7-day blocks, sessions were *regular* (at least 2 rated training sessions in every
  block) and pain is *not improving*: the average pain before sessions in the last 14 days
  is not lower than in the first 14 days, and is at least 1 out of 10.
- Re-screening is due 28 days after the last screening.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from trainer.core.catalogue.model import Catalogue, Dosage, Kind
from trainer.core.catalogue.words import plural
from trainer.core.records import ExerciseProgress, ScreeningOutcome, ScreeningRecord, SessionRecord
from trainer.core.stats.aggregate import (
    DAILY_COLUMNS,
    DAMAGED_SUMMARY,
    Summary,
    build_summary,
    day_ranges,
    decode_series,
    dosage_from_list,
    fold_in_missing,
    is_current,
    series_weeks,
    update_summary,
    week_start,
)
from trainer.core.store.protocol import Store, StoreReadOnly

__all__ = [
    "CALENDAR_WEEKS",
    "PAIN_WINDOW_DAYS",
    "RESCREEN_DAYS",
    "VOLUME_WEEKS",
    "Stats",
    "compute_stats",
    "daily_totals",
    "read_stats",
    "recent_since",
    "update_summary",
]

CALENDAR_WEEKS = 16
VOLUME_WEEKS = 12
PAIN_WINDOW_DAYS = 28
REGULAR_PER_WEEK = 2
MIN_PAIN_TO_FLAG = 1.0
RESCREEN_DAYS = 28
STRENGTH_DAYS_PER_WEEK = 2
#: "Most days" as the app reads it: the article gives no number, so this is the app's
#: default (more than half of the week, and at least as many days as the gentler reading).
MOST_DAYS_PER_WEEK = 5


@dataclass(frozen=True, slots=True)
class DayCell:
    day: date
    sessions: int
    minutes: float
    is_today: bool
    in_future: bool


@dataclass(frozen=True, slots=True)
class Target:
    name: str  # "Stretching daily"
    done: int
    goal: int
    met: bool
    detail: str  # "4 of 5 days so far"


@dataclass(frozen=True, slots=True)
class WeekMinutes:
    monday: date
    minutes: float
    sessions: int


@dataclass(frozen=True, slots=True)
class ExerciseStats:
    exercise_id: str
    name: str
    kind: Kind | None  # None when the catalogue no longer has it
    sessions: int
    first_day: date | None
    last_day: date | None
    start: Dosage | None
    current: Dosage | None
    per_side: bool
    change: str  # in words: "hold 5 s -> 10 s"
    unit: str  # what `series` counts: "s held" or "reps"
    series_weeks: tuple[date, ...]
    series: tuple[int, ...]  # most done in one session that week (per side)
    pain_stops: int


@dataclass(frozen=True, slots=True)
class PainWeek:
    monday: date
    before: float | None  # average rating 0-10
    after: float | None


@dataclass(frozen=True, slots=True)
class PainTrend:
    """The "pain not improving over four weeks of regular sessions" rule, with its numbers."""

    regular: bool
    sessions_per_block: tuple[int, ...]  # rated training sessions per 7-day block, oldest first
    first_half: float | None  # average pain before, first 14 days of the window
    second_half: float | None
    not_improving: bool


@dataclass(frozen=True, slots=True)
class PainStats:
    weeks: tuple[PainWeek, ...]  # every week with a rating, oldest first
    rated_sessions: int  # sessions rated before and after
    average_change: float | None  # mean of (after - before), all time
    recent_change: float | None  # the same over the last 28 days
    trend: PainTrend
    seek_help: tuple[str, ...]  # the catalogue's advice, shown with the trend


@dataclass(frozen=True, slots=True)
class PainStop:
    exercise_id: str
    name: str
    times: int
    last: date
    last_kind: str


@dataclass(frozen=True, slots=True)
class ScreeningStatus:
    outcome: ScreeningOutcome
    taken: date
    clinician_cleared: date | None
    due: date
    days_until_due: int  # negative when overdue


@dataclass(frozen=True, slots=True)
class Stats:
    """Everything the stats screen and `trainer stats` show, computed once for one day."""

    today: date
    has_history: bool  # False: show the first-run state instead of charts
    total_sessions: int
    total_minutes: float
    total_sets: int
    first_day: date | None
    calendar: tuple[tuple[DayCell, ...], ...]  # CALENDAR_WEEKS columns of 7 days, Monday first
    current_streak: int
    best_streak: int
    sessions_this_week: int
    targets: tuple[Target, ...]
    minutes_per_week: tuple[WeekMinutes, ...]  # VOLUME_WEEKS, oldest first
    exercises: tuple[ExerciseStats, ...]
    pain: PainStats
    pain_stops: tuple[PainStop, ...]  # most recent first
    screening: ScreeningStatus | None


@dataclass(frozen=True, slots=True)
class DayTotals:
    """One day, from the summary's day-by-day figures."""

    sessions: int = 0  # training sessions
    seconds: int = 0
    pain_before_sum: int = 0  # over training sessions rated before
    pain_before_n: int = 0
    pain_delta_sum: int = 0  # after - before, over sessions rated both times
    pain_delta_n: int = 0
    exercises: frozenset[str] = frozenset()  # exercise ids with a set done


def calendar_start(today: date) -> date:
    """The Monday the calendar starts on: CALENDAR_WEEKS weeks ending with this one."""
    return week_start(today) - timedelta(weeks=CALENDAR_WEEKS - 1)


def recent_since(today: date) -> date:
    """The first day whose sessions are read to catch any the summary missed: last
    week's Monday (every way a session is filed keeps the summary; this is a safety net)."""
    return week_start(today) - timedelta(weeks=1)


def daily_totals(summary: Summary) -> dict[date, DayTotals]:
    """The summary's day-by-day series, one `DayTotals` per day they cover."""
    daily = summary["daily"]
    if not daily["first_day"]:
        return {}
    columns = [[value or 0 for value in decode_series(daily[name])] for name in DAILY_COLUMNS]
    exercises: dict[str, str] = daily["exercises"]
    first = date.fromisoformat(daily["first_day"])
    result = {}
    sessions, seconds, before_sum, before_n, delta_sum, delta_n = columns
    for offset in range(len(sessions)):
        day = first + timedelta(days=offset)
        result[day] = DayTotals(
            sessions=sessions[offset],
            seconds=seconds[offset],
            pain_before_sum=before_sum[offset],
            pain_before_n=before_n[offset],
            pain_delta_sum=delta_sum[offset],
            pain_delta_n=delta_n[offset],
            exercises=frozenset(exercises.get(day.isoformat(), "").split()),
        )
    return result


def compute_stats(
    summary: Summary,
    recent_sessions: Sequence[SessionRecord],
    *,
    today: date,
    catalogue: Catalogue,
    screening: ScreeningRecord | None = None,
    progress: Mapping[str, ExerciseProgress] | None = None,
    activity_days: Iterable[date] = (),
) -> Stats:
    """Everything the stats show. `recent_sessions`: finished sessions since
    `recent_since(today)` (or more); any the summary has not seen yet are folded in."""
    summary, _ = fold_in_missing(summary, recent_sessions)
    days = daily_totals(summary)
    current_streak, best_streak = streaks(summary, today)
    this_week = {day: totals for day, totals in days.items() if week_start(today) <= day <= today}
    return Stats(
        today=today,
        has_history=summary["sessions"] > 0,
        total_sessions=summary["sessions"],
        total_minutes=summary["seconds"] / 60,
        total_sets=summary["sets"],
        first_day=_date_or_none(summary["first_day"]),
        calendar=calendar(days, today),
        current_streak=current_streak,
        best_streak=best_streak,
        sessions_this_week=sum(totals.sessions for totals in this_week.values()),
        targets=targets(this_week, today, catalogue, activity_days),
        minutes_per_week=minutes_per_week(days, today),
        exercises=exercise_stats(summary, catalogue, progress or {}),
        pain=pain_stats(summary, days, today, catalogue),
        pain_stops=pain_stops(summary, catalogue),
        screening=screening_status(screening, today),
    )


# --------------------------------------------------------------------------- days


def calendar(days: Mapping[date, DayTotals], today: date) -> tuple[tuple[DayCell, ...], ...]:
    first = calendar_start(today)
    nothing = DayTotals()
    columns = []
    for week in range(CALENDAR_WEEKS):
        cells = []
        for weekday in range(7):
            day = first + timedelta(weeks=week, days=weekday)
            totals = days.get(day, nothing)
            cells.append(
                DayCell(
                    day=day,
                    sessions=totals.sessions,
                    minutes=totals.seconds / 60,
                    is_today=day == today,
                    in_future=day > today,
                )
            )
        columns.append(tuple(cells))
    return tuple(columns)


def streaks(summary: Summary, today: date) -> tuple[int, int]:
    """(current, best) runs of consecutive training days."""
    ranges = day_ranges(summary)
    best = max(((end - start).days + 1 for start, end in ranges), default=0)
    current = 0
    for start, end in reversed(ranges):
        if start > today:
            continue  # a clock set back: days "in the future" do not count yet
        last = min(end, today)
        if last >= today - timedelta(days=1):
            current = (last - start).days + 1
        break
    return current, best


def _kinds(exercise_ids: Iterable[str], catalogue: Catalogue) -> set[str]:
    """ "stretch" and/or "strength" (stability counts as strength work): what a day trained.
    Exercises the catalogue no longer has count for neither."""
    kinds = set()
    for exercise_id in exercise_ids:
        known = catalogue.exercises.get(exercise_id)
        if known is not None:
            kinds.add("stretch" if known.kind == "stretch" else "strength")
    return kinds


def targets(
    this_week: Mapping[date, DayTotals],
    today: date,
    catalogue: Catalogue,
    activity_days: Iterable[date] = (),
) -> tuple[Target, ...]:
    """Stretching, strength and activity this week; `activity_days`: days with logged
    activity, of any week (those outside this one are left out)."""
    kinds = {day: _kinds(totals.exercises, catalogue) for day, totals in this_week.items()}
    stretch_days = {day for day, found in kinds.items() if "stretch" in found}
    strength_days = {day for day, found in kinds.items() if "strength" in found}
    days_so_far = today.weekday() + 1
    return (
        Target(
            name="Stretching daily",
            done=len(stretch_days),
            goal=days_so_far,
            met=len(stretch_days) >= days_so_far,
            detail=f"{len(stretch_days)} of {_days(days_so_far)} so far this week",
        ),
        Target(
            name="Strength twice a week",
            done=len(strength_days),
            goal=STRENGTH_DAYS_PER_WEEK,
            met=len(strength_days) >= STRENGTH_DAYS_PER_WEEK,
            detail=f"{_days(len(strength_days))} of {STRENGTH_DAYS_PER_WEEK} this week",
        ),
        activity_target(activity_days, today),
    )


def activity_target(activity_days: Iterable[date], today: date) -> Target:
    """Light to moderate activity on most days: days this week (to today) with any logged."""
    days = {day for day in activity_days if week_start(today) <= day <= today}
    return Target(
        name="Activity on most days",
        done=len(days),
        goal=MOST_DAYS_PER_WEEK,
        met=len(days) >= MOST_DAYS_PER_WEEK,
        detail=f'{_days(len(days))} of {MOST_DAYS_PER_WEEK} this week; "most days" read '
        f"as {MOST_DAYS_PER_WEEK} of 7, the app's default",
    )


def _days(count: int) -> str:
    return plural(count, "day")


def minutes_per_week(days: Mapping[date, DayTotals], today: date) -> tuple[WeekMinutes, ...]:
    this_monday = week_start(today)
    mondays = [this_monday - timedelta(weeks=n) for n in reversed(range(VOLUME_WEEKS))]
    seconds = dict.fromkeys(mondays, 0)
    sessions = dict.fromkeys(mondays, 0)
    for day, totals in days.items():
        monday = week_start(day)
        if monday in seconds and day <= today:
            seconds[monday] += totals.seconds
            sessions[monday] += totals.sessions
    return tuple(WeekMinutes(m, seconds[m] / 60, sessions[m]) for m in mondays)


# --------------------------------------------------------------------------- exercises


def describe_change(start: Dosage | None, current: Dosage | None) -> str:
    if start is None or current is None:
        return ""
    parts = []
    if start.hold_s != current.hold_s:
        parts.append(f"hold {start.hold_s}→{current.hold_s} s")
    if start.reps != current.reps:
        parts.append(f"reps {start.reps}→{current.reps}")
    if start.sets != current.sets:
        parts.append(f"sets {start.sets}→{current.sets}")
    return ", ".join(parts) if parts else "no change yet"


def exercise_stats(
    summary: Summary, catalogue: Catalogue, progress: Mapping[str, ExerciseProgress]
) -> tuple[ExerciseStats, ...]:
    order = {exercise_id: n for n, exercise_id in enumerate(catalogue.exercises)}
    entries: dict[str, dict[str, Any]] = summary["exercises"]
    result = []
    for exercise_id, entry in entries.items():
        if entry["sessions"] == 0 and entry["pain_stops"] == 0:
            continue  # only ever skipped: nothing to show progress of
        known = catalogue.exercises.get(exercise_id)
        start = dosage_from_list(entry["start"]) if entry["start"] else None
        current = dosage_from_list(entry["current"]) if entry["current"] else None
        if exercise_id in progress:
            now = progress[exercise_id]
            current = Dosage(hold_s=now.hold_s, reps=now.reps, sets=now.sets, rest_s=now.rest_s)
        hold = current.is_hold if current is not None else bool(entry["hold"])
        series = decode_series(entry["amount"])
        known_weeks = [
            (monday, amount)
            for monday, amount in zip(
                series_weeks(entry["first_week"], len(series)), series, strict=True
            )
            if amount is not None
        ]
        weeks = [monday for monday, _ in known_weeks]
        amounts = [amount for _, amount in known_weeks]
        result.append(
            ExerciseStats(
                exercise_id=exercise_id,
                name=known.name if known is not None else exercise_id,
                kind=known.kind if known is not None else None,
                sessions=entry["sessions"],
                first_day=_date_or_none(entry["first_day"]),
                last_day=_date_or_none(entry["last_day"]),
                start=start,
                current=current,
                per_side=bool(entry["per_side"]),
                change=describe_change(start, current),
                unit="s held" if hold else "reps",
                series_weeks=tuple(weeks),
                series=tuple(amounts),
                pain_stops=entry["pain_stops"],
            )
        )
    result.sort(key=lambda e: (order.get(e.exercise_id, len(order)), e.exercise_id))
    return tuple(result)


def pain_stops(summary: Summary, catalogue: Catalogue) -> tuple[PainStop, ...]:
    stops = []
    for exercise_id, entry in summary["exercises"].items():
        if entry["pain_stops"] == 0:
            continue
        known = catalogue.exercises.get(exercise_id)
        stops.append(
            PainStop(
                exercise_id=exercise_id,
                name=known.name if known is not None else exercise_id,
                times=entry["pain_stops"],
                last=date.fromisoformat(entry["last_pain_stop"]),
                last_kind=entry["last_pain_kind"],
            )
        )
    stops.sort(key=lambda s: (s.last, s.times, s.exercise_id), reverse=True)
    return tuple(stops)


# --------------------------------------------------------------------------- pain


def pain_trend(days: Mapping[date, DayTotals], today: date) -> PainTrend:
    """The rule in the module docstring, over the summary's day-by-day figures."""
    window_start = today - timedelta(days=PAIN_WINDOW_DAYS - 1)
    blocks = [0, 0, 0, 0]
    sums = [0, 0]
    counts = [0, 0]
    for day, totals in days.items():
        if not (window_start <= day <= today) or not totals.pain_before_n:
            continue
        offset = (day - window_start).days
        blocks[offset // 7] += totals.pain_before_n
        sums[offset // 14] += totals.pain_before_sum
        counts[offset // 14] += totals.pain_before_n
    first, second = (total / n if n else None for total, n in zip(sums, counts, strict=True))
    regular = all(count >= REGULAR_PER_WEEK for count in blocks)
    not_improving = (
        regular
        and first is not None
        and second is not None
        and second >= first
        and second >= MIN_PAIN_TO_FLAG
    )
    return PainTrend(
        regular=regular,
        sessions_per_block=tuple(blocks),
        first_half=first,
        second_half=second,
        not_improving=not_improving,
    )


def pain_stats(
    summary: Summary, days: Mapping[date, DayTotals], today: date, catalogue: Catalogue
) -> PainStats:
    pain = summary["pain"]
    before_sum, before_n, after_sum, after_n = (
        [value or 0 for value in decode_series(pain[name])]
        for name in ("before_sum", "before_n", "after_sum", "after_n")
    )
    weeks = [
        PainWeek(
            monday=monday,
            before=before_sum[n] / before_n[n] if before_n[n] else None,
            after=after_sum[n] / after_n[n] if after_n[n] else None,
        )
        for n, monday in enumerate(series_weeks(pain["first_week"], len(before_n)))
        if before_n[n] or after_n[n]
    ]
    window_start = today - timedelta(days=PAIN_WINDOW_DAYS - 1)
    window = [totals for day, totals in days.items() if window_start <= day <= today]
    delta_sum = sum(totals.pain_delta_sum for totals in window)
    delta_n = sum(totals.pain_delta_n for totals in window)
    return PainStats(
        weeks=tuple(weeks),
        rated_sessions=pain["pairs"],
        average_change=pain["delta_sum"] / pain["pairs"] if pain["pairs"] else None,
        recent_change=delta_sum / delta_n if delta_n else None,
        trend=pain_trend(days, today),
        seek_help=tuple(catalogue.guidance.get("seek-help", ())),
    )


# --------------------------------------------------------------------------- screening


def screening_status(record: ScreeningRecord | None, today: date) -> ScreeningStatus | None:
    if record is None:
        return None
    taken = record.taken.date()
    due = taken + timedelta(days=RESCREEN_DAYS)
    cleared = record.clinician_cleared.date() if record.clinician_cleared else None
    return ScreeningStatus(
        outcome=record.outcome,
        taken=taken,
        clinician_cleared=cleared,
        due=due,
        days_until_due=(due - today).days,
    )


def read_stats(store: Store, catalogue: Catalogue, today: date, *, may_save: bool) -> Stats:
    """Reads what the stats need from `store` (never the whole history, unless the summary
    is missing, from an older version or damaged) and, when `may_save`, keeps the summary
    current."""
    summary = store.summary()
    rebuilt = not is_current(summary)
    if rebuilt:
        summary = build_summary(store.sessions())
    recent = store.sessions(since=recent_since(today))
    screening, progress = store.screening(), store.progress()
    activity_days = [a.day for a in store.activities(since=week_start(today))]

    def stats_from(kept: Summary) -> Stats:
        return compute_stats(
            kept,
            recent,
            today=today,
            catalogue=catalogue,
            screening=screening,
            progress=progress,
            activity_days=activity_days,
        )

    try:
        summary, folded = fold_in_missing(summary, recent)
        stats = stats_from(summary)
    except DAMAGED_SUMMARY:  # only derived data: rebuilt from the history instead
        if rebuilt:
            raise  # built just now, so not damaged: a real fault, let it show
        summary, rebuilt, folded = build_summary(store.sessions()), True, False
        stats = stats_from(summary)
    if (rebuilt or folded) and may_save and store.read_only_reason is None:
        # A store that may not write yet still shows the stats; the summary is kept later.
        with contextlib.suppress(StoreReadOnly):
            store.save_summary(summary)
    return stats


def _date_or_none(text: str) -> date | None:
    return date.fromisoformat(text) if text else None
