"""What the stats screen and `trainer stats` show, computed once into a frozen `Stats`.

Inputs are the kept summary (`trainer.core.summary`: everything that needs the whole
history) and the last 16 weeks of sessions (everything shown day by day), so the cost of
opening the stats does not grow with the years of history behind them.

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
  strength or stability exercise in it.
- Pain not improving (`pain_trend`): over the last 28 days (today included), split into
  four 7-day blocks, sessions were *regular* (at least 2 rated training sessions in every
  block) and pain is *not improving*: the average pain before sessions in the last 14 days
  is not lower than in the first 14 days, and is at least 1 out of 10.
- Re-screening is due 28 days after the last screening.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from trainer.core.model import Catalogue, Dosage, Kind
from trainer.core.records import ScreeningOutcome, ScreeningRecord, SessionRecord
from trainer.core.store import ExerciseProgress, Store
from trainer.core.summary import (
    Summary,
    build_summary,
    day_ranges,
    dosage_from_list,
    fold_in_missing,
    is_current,
    session_seconds,
    trained,
    update_summary,
    week_start,
)

__all__ = [
    "CALENDAR_WEEKS",
    "PAIN_WINDOW_DAYS",
    "RESCREEN_DAYS",
    "VOLUME_WEEKS",
    "Stats",
    "compute_stats",
    "read_stats",
    "recent_since",
    "update_summary",
]

CALENDAR_WEEKS = 16
VOLUME_WEEKS = 12
PAIN_TABLE_WEEKS = 8
PAIN_WINDOW_DAYS = 28
REGULAR_PER_WEEK = 2
MIN_PAIN_TO_FLAG = 1.0
RESCREEN_DAYS = 28
STRENGTH_DAYS_PER_WEEK = 2


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


def recent_since(today: date) -> date:
    """The first day whose sessions `compute_stats` needs one by one (the calendar's)."""
    return week_start(today) - timedelta(weeks=CALENDAR_WEEKS - 1)


def compute_stats(
    summary: Summary,
    recent_sessions: Sequence[SessionRecord],
    *,
    today: date,
    catalogue: Catalogue,
    screening: ScreeningRecord | None = None,
    progress: Mapping[str, ExerciseProgress] | None = None,
) -> Stats:
    """Everything the stats show. `recent_sessions`: finished sessions since
    `recent_since(today)`; any the summary has not seen yet are folded in here."""
    summary, _ = fold_in_missing(summary, recent_sessions)
    training = [s for s in recent_sessions if trained(s) and s.status != "in-progress"]
    current_streak, best_streak = streaks(summary, today)
    this_week = [s for s in training if week_start(today) <= s.day <= today]
    return Stats(
        today=today,
        has_history=summary["sessions"] > 0,
        total_sessions=summary["sessions"],
        total_minutes=summary["seconds"] / 60,
        total_sets=summary["sets"],
        first_day=_date_or_none(summary["first_day"]),
        calendar=calendar(training, today),
        current_streak=current_streak,
        best_streak=best_streak,
        sessions_this_week=len(this_week),
        targets=targets(this_week, today, catalogue),
        minutes_per_week=minutes_per_week(training, today),
        exercises=exercise_stats(summary, catalogue, progress or {}),
        pain=pain_stats(summary, recent_sessions, today, catalogue),
        pain_stops=pain_stops(summary, catalogue),
        screening=screening_status(screening, today),
    )


# --------------------------------------------------------------------------- days


def calendar(training: Iterable[SessionRecord], today: date) -> tuple[tuple[DayCell, ...], ...]:
    counts: dict[date, int] = {}
    seconds: dict[date, int] = {}
    for session in training:
        counts[session.day] = counts.get(session.day, 0) + 1
        seconds[session.day] = seconds.get(session.day, 0) + session_seconds(session)
    first = recent_since(today)
    columns = []
    for week in range(CALENDAR_WEEKS):
        cells = []
        for weekday in range(7):
            day = first + timedelta(weeks=week, days=weekday)
            cells.append(
                DayCell(
                    day=day,
                    sessions=counts.get(day, 0),
                    minutes=seconds.get(day, 0) / 60,
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


def _session_kinds(session: SessionRecord, catalogue: Catalogue) -> set[str]:
    """"stretch" and/or "strength" (stability counts as strength work): what it trained."""
    kinds = set()
    for exercise in session.exercises:
        if not exercise.sets:
            continue
        known = catalogue.exercises.get(exercise.exercise_id)
        if known is not None:
            kinds.add("stretch" if known.kind == "stretch" else "strength")
    if not kinds and session.plan_id in catalogue.plans:
        plan = catalogue.plans[session.plan_id]
        kinds.add("strength" if catalogue.is_strength_plan(plan) else "stretch")
    return kinds


def targets(this_week: Sequence[SessionRecord], today: date, catalogue: Catalogue) -> tuple[
    Target, ...
]:
    stretch_days = {s.day for s in this_week if "stretch" in _session_kinds(s, catalogue)}
    strength_days = {s.day for s in this_week if "strength" in _session_kinds(s, catalogue)}
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
    )


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def minutes_per_week(training: Iterable[SessionRecord], today: date) -> tuple[WeekMinutes, ...]:
    this_monday = week_start(today)
    mondays = [this_monday - timedelta(weeks=n) for n in reversed(range(VOLUME_WEEKS))]
    seconds = dict.fromkeys(mondays, 0)
    sessions = dict.fromkeys(mondays, 0)
    for session in training:
        monday = week_start(session.day)
        if monday in seconds:
            seconds[monday] += session_seconds(session)
            sessions[monday] += 1
    return tuple(WeekMinutes(m, seconds[m] / 60, sessions[m]) for m in mondays)


# --------------------------------------------------------------------------- exercises


def describe_dosage(dosage: Dosage, per_side: bool) -> str:
    """"2 x 10 a side, 5 s": sets x reps, then the hold; short enough for a column."""
    text = f"{dosage.sets} x {dosage.reps}"
    if per_side:
        text += " a side"
    if dosage.is_hold:
        text += f", {dosage.hold_s} s"
    return text


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
                series_weeks=tuple(date.fromisoformat(w) for w in entry["weeks"]),
                series=tuple(entry["amount"]),
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


def pain_trend(sessions: Iterable[SessionRecord], today: date) -> PainTrend:
    """The rule in the module docstring, over finished sessions (any may be passed)."""
    window_start = today - timedelta(days=PAIN_WINDOW_DAYS - 1)
    blocks = [0, 0, 0, 0]
    halves: tuple[list[int], list[int]] = ([], [])
    for session in sessions:
        if not (window_start <= session.day <= today) or session.pain_before is None:
            continue
        if session.status == "in-progress" or not trained(session):
            continue
        offset = (session.day - window_start).days
        blocks[offset // 7] += 1
        halves[offset // 14].append(session.pain_before)
    first, second = (sum(h) / len(h) if h else None for h in halves)
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
    summary: Summary, recent: Sequence[SessionRecord], today: date, catalogue: Catalogue
) -> PainStats:
    pain = summary["pain"]
    weeks = []
    for n, monday in enumerate(pain["weeks"]):
        before_n, after_n = pain["before_n"][n], pain["after_n"][n]
        weeks.append(
            PainWeek(
                monday=date.fromisoformat(monday),
                before=pain["before_sum"][n] / before_n if before_n else None,
                after=pain["after_sum"][n] / after_n if after_n else None,
            )
        )
    window_start = today - timedelta(days=PAIN_WINDOW_DAYS - 1)
    recent_deltas = [
        s.pain_after - s.pain_before
        for s in recent
        if window_start <= s.day <= today
        and s.pain_before is not None
        and s.pain_after is not None
        and s.status != "in-progress"
    ]
    return PainStats(
        weeks=tuple(weeks),
        rated_sessions=pain["pairs"],
        average_change=pain["delta_sum"] / pain["pairs"] if pain["pairs"] else None,
        recent_change=sum(recent_deltas) / len(recent_deltas) if recent_deltas else None,
        trend=pain_trend(recent, today),
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
    is missing or from an older version) and, when `may_save`, keeps the summary current."""
    summary = store.summary()
    rebuilt = not is_current(summary)
    if rebuilt:
        summary = build_summary(store.sessions())
    recent = store.sessions(since=recent_since(today))
    summary, folded = fold_in_missing(summary, recent)
    if (rebuilt or folded) and may_save and store.read_only_reason is None:
        store.save_summary(summary)
    return compute_stats(
        summary,
        recent,
        today=today,
        catalogue=catalogue,
        screening=store.screening(),
        progress=store.progress(),
    )


def _date_or_none(text: str) -> date | None:
    return date.fromisoformat(text) if text else None
