"""The stats summary: what the stats need from the whole history, kept up to date one
session at a time so neither the stats screen nor `trainer stats` ever reads it all.

The summary is a plain dict of strings, ints, bools and lists (no None, no floats whose sum
depends on order), so the store can keep it in TOML or JSON as is, and folding the same
sessions in any order gives the same dict. Layout (version 1):

- ``sessions``, ``seconds``, ``sets``: totals over training sessions (a finished session
  with at least one set done; one where everything was skipped trained nothing).
- ``first_day``, ``last_day``: ISO dates of the first and last training day ("" if none).
- ``days``: the training days as sorted, merged ranges ``"YYYY-MM-DD/YYYY-MM-DD"``; a run
  of consecutive days is one range, which is also what a streak is.
- ``recent``: session id -> day, for the sessions folded in whose day is within
  ``RECENT_IDS_DAYS`` of ``last_seen_day`` (the newest session's day), so folding a
  session twice changes nothing, and recent sessions that reached the history some other
  way (an interrupted session filed at start-up) are found and folded in when the stats
  are read.
- ``exercises``: per exercise id: counts, the first and latest prescription, a weekly
  series of the most done in one session (reps per side, or seconds held per side), and
  stopped-for-pain counts with the latest stop.
- ``pain``: weekly sums and counts of the 0-10 ratings before and after sessions, and the
  sum of (after - before) over sessions rated both times.
- ``daily``: day by day, for the days ``recent`` covers (more than the stats' 16 weeks):
  training sessions and seconds, pain before training sessions (sum and count), the
  change over sessions rated both times (sum and count), and the exercises trained, so
  the calendar, the weekly figures and the pain rule need no session files at all.

A series is kept as one string of numbers, one per week from the Monday in ``first_week``
(or one per day from ``first_day``), "." for nothing, e.g. ``"12 13 . 14"``: five years of
weeks for thirty exercises then read as sixty TOML strings rather than twenty thousand
values.
"""

from __future__ import annotations

import bisect
import copy
import operator
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from trainer.core.catalogue.model import Dosage
from trainer.core.records import ExerciseRecord, SessionRecord

SUMMARY_VERSION = 4  # 4: amounts per side counted side by side (`amount_done`)
#: How far back (in days before the newest session) session ids are remembered. More than
#: the stats' longest look-back (16 weeks), so every session the stats read is checkable.
RECENT_IDS_DAYS = 130

Summary = dict[str, Any]

#: What reading a summary edited by hand or damaged on disk raises.
DAMAGED_SUMMARY = (KeyError, TypeError, ValueError, AttributeError, IndexError)

#: The day-by-day series in ``daily`` (see the module docstring).
DAILY_COLUMNS = (
    "sessions",
    "seconds",
    "pain_before_sum",
    "pain_before_n",
    "pain_delta_sum",
    "pain_delta_n",
)


def empty_summary() -> Summary:
    """The summary of no sessions at all: what folding starts from, and a damaged one becomes."""
    return {
        "version": SUMMARY_VERSION,
        "sessions": 0,
        "seconds": 0,
        "sets": 0,
        "first_day": "",
        "last_day": "",
        "last_seen_day": "",
        "days": [],
        "recent": {},
        "exercises": {},
        "pain": {
            "first_week": "",
            "before_sum": "",
            "before_n": "",
            "after_sum": "",
            "after_n": "",
            "pairs": 0,
            "delta_sum": 0,
        },
        "daily": {"first_day": "", **dict.fromkeys(DAILY_COLUMNS, ""), "exercises": {}},
    }


def is_current(summary: Summary) -> bool:
    """True when `summary` was written by this version's layout (else rebuild it)."""
    return bool(summary) and summary.get("version") == SUMMARY_VERSION


def update_summary(summary: Summary, session: SessionRecord) -> Summary:
    """Returns `summary` with one finished session folded in (the argument is untouched).

    Called at session end. Folding a session that is already in (same id, recent) changes
    nothing; an in-progress session is ignored; a damaged summary gives `{}`, which the
    stats rebuild from the history when next read.
    """
    result = copy.deepcopy(summary) if is_current(summary) else empty_summary()
    try:
        _fold(result, session)
    except DAMAGED_SUMMARY:
        # Never let derived data stop a session being filed: an empty summary is rebuilt
        # from the whole history the next time the stats are read.
        return {}
    return result


def build_summary(sessions: Iterable[SessionRecord]) -> Summary:
    """The summary of a whole history, from scratch (first run, or an older layout)."""
    result = empty_summary()
    for session in sessions:
        _fold(result, session)
    return result


def fold_in_missing(summary: Summary, recent: Iterable[SessionRecord]) -> tuple[Summary, bool]:
    """Folds in recent sessions the summary has not seen; returns (summary, changed). The
    argument is never modified; when nothing is missing it is returned as is.

    Sessions can reach the history without passing through `update_summary` (an interrupted
    session filed at start-up, a session saved before the summary existed); this catches
    them when the stats are next read.
    """
    if not is_current(summary):
        return build_summary(recent), True
    missing = [session for session in recent if _is_new(summary, session)]
    if not missing:
        return summary, False  # the common case: nothing copied
    result = copy.deepcopy(summary)
    for session in missing:
        _fold(result, session)
    return result, True


# --------------------------------------------------------------------------- helpers


def week_start(day: date) -> date:
    """The Monday of `day`'s week (weeks run Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


def trained(session: SessionRecord) -> bool:
    """A session counts as training when at least one set was done."""
    return any(exercise.sets for exercise in session.exercises)


def amount_done(exercise: ExerciseRecord) -> int:
    """How much one session did of one exercise, per side: seconds held for a hold,
    reps for a moving exercise. The number a person can watch grow.

    Counted side by side from the log, the most on one side: halving the total said "5 s
    held" for 10.6 s held on the left with the right side not reached. The after block's
    reps are done with both sides at once, so they are left out.
    """
    per_side: dict[str | None, float] = {}
    for done in exercise.sets:
        if done.after_block:
            continue
        amount = done.seconds_held if exercise.prescribed.is_hold else done.reps_done
        per_side[done.side] = per_side.get(done.side, 0.0) + amount
    return round(max(per_side.values(), default=0.0))


def dosage_list(dosage: Dosage) -> list[int]:
    """A dose as the summary keeps it: [hold_s, reps, sets, rest_s]."""
    return [dosage.hold_s, dosage.reps, dosage.sets, dosage.rest_s]


def dosage_from_list(values: list[int]) -> Dosage:
    """The dose back from `dosage_list`'s list."""
    hold_s, reps, sets, rest_s = values
    return Dosage(hold_s=hold_s, reps=reps, sets=sets, rest_s=rest_s)


def day_ranges(summary: Summary) -> list[tuple[date, date]]:
    """The training-day ranges as dates, oldest first."""
    result = []
    for text in summary.get("days", []):
        start, _, end = text.partition("/")
        result.append((date.fromisoformat(start), date.fromisoformat(end)))
    return result


# --------------------------------------------------------------------------- folding


def _is_new(summary: Summary, session: SessionRecord) -> bool:
    if session.status == "in-progress" or session.id in summary["recent"]:
        return False
    last_seen = summary["last_seen_day"]
    # Too old to tell from the ids: a session that old was folded at its end, if ever.
    return not last_seen or session.day.isoformat() >= _cutoff(last_seen)


def _cutoff(last_seen: str) -> str:
    return (date.fromisoformat(last_seen) - timedelta(RECENT_IDS_DAYS)).isoformat()


def _fold(summary: Summary, session: SessionRecord) -> None:
    if session.status == "in-progress" or session.id in summary["recent"]:
        return
    _remember_id(summary, session)
    _fold_daily(summary, session)
    _fold_pain(summary, session)
    for exercise in session.exercises:
        _fold_exercise(summary, session, exercise)
    if not trained(session):
        return
    day = session.day.isoformat()
    summary["sessions"] += 1
    summary["seconds"] += session.seconds
    summary["sets"] += sum(len(e.sets) for e in session.exercises)
    summary["first_day"] = min(summary["first_day"] or day, day)
    summary["last_day"] = max(summary["last_day"], day)
    _add_day(summary["days"], session.day)


def _remember_id(summary: Summary, session: SessionRecord) -> None:
    """Adds the id, then forgets ids too old to matter; which ids are kept depends only on
    the sessions folded, never on their order."""
    day = session.day.isoformat()
    recent: dict[str, str] = summary["recent"]
    if day > summary["last_seen_day"]:
        summary["last_seen_day"] = day
        cutoff = _cutoff(day)
        for session_id in [i for i, seen in recent.items() if seen < cutoff]:
            del recent[session_id]
        _forget_days_before(summary["daily"], date.fromisoformat(cutoff))
    if day >= _cutoff(summary["last_seen_day"]):
        recent[session.id] = day


def _add_day(days: list[str], day: date) -> None:
    """Adds `day` to the sorted, merged ranges, joining neighbours it touches."""
    text = day.isoformat()
    index = bisect.bisect_left(days, text)
    start, end = day, day
    if index > 0:
        before_start, _, before_end = days[index - 1].partition("/")
        if date.fromisoformat(before_end) >= day:
            return  # already inside the range before
        if date.fromisoformat(before_end) == day - timedelta(1):
            start = date.fromisoformat(before_start)
            index -= 1
            days.pop(index)
    if index < len(days):
        after_start, _, after_end = days[index].partition("/")
        if after_start == text:
            days.insert(index, f"{start.isoformat()}/{after_end}")
            days.pop(index + 1)
            return
        if date.fromisoformat(after_start) == day + timedelta(1):
            end = date.fromisoformat(after_end)
            days.pop(index)
    days.insert(index, f"{start.isoformat()}/{end.isoformat()}")


def decode_series(text: str) -> list[int | None]:
    """A weekly series string back to numbers (None for a week with nothing)."""
    return [None if part == "." else int(part) for part in text.split()]


def _encode_series(values: list[int | None]) -> str:
    return " ".join("." if value is None else str(value) for value in values)


def series_weeks(first_week: str, count: int) -> list[date]:
    """The Mondays of a series' `count` weeks."""
    if not first_week:
        return []
    first = date.fromisoformat(first_week).toordinal()
    return [date.fromordinal(first + 7 * n) for n in range(count)]


def _add_to_series(
    block: dict[str, Any],
    first_key: str,
    names: tuple[str, ...],
    at: date,
    step_days: int,
    values: tuple[int, ...],
    combine: Callable[[int, int], int],
) -> None:
    """Combines `values` into the entry for `at` of the series `names` in `block`, which
    share their start date (`block[first_key]`) and step; grows them at either end."""
    columns = [decode_series(block[name]) for name in names]
    first = block[first_key]
    start = date.fromisoformat(first) if first else at
    if at < start:
        padding: list[int | None] = [None] * ((start - at).days // step_days)
        columns = [padding + column for column in columns]
        start = at
    index = (at - start).days // step_days
    for name, column, value in zip(names, columns, values, strict=True):
        if len(column) <= index:
            column.extend([None] * (index + 1 - len(column)))
        old = column[index]
        column[index] = value if old is None else combine(old, value)
        block[name] = _encode_series(column)
    block[first_key] = start.isoformat()


def _add_to_week(
    block: dict[str, Any],
    names: tuple[str, ...],
    monday: date,
    values: tuple[int, ...],
    combine: Callable[[int, int], int],
) -> None:
    _add_to_series(block, "first_week", names, monday, 7, values, combine)


def _fold_daily(summary: Summary, session: SessionRecord) -> None:
    day = session.day
    if day.isoformat() < _cutoff(summary["last_seen_day"]):
        return  # older than the days kept
    is_training = trained(session)
    before, after = session.pain_before, session.pain_after
    rated_before = is_training and before is not None
    rated_both = before is not None and after is not None
    if not (is_training or rated_both):
        return
    values = (
        int(is_training),
        session.seconds if is_training else 0,
        (before or 0) if rated_before else 0,
        int(rated_before),
        (after or 0) - (before or 0) if rated_both else 0,
        int(rated_both),
    )
    daily = summary["daily"]
    _add_to_series(daily, "first_day", DAILY_COLUMNS, day, 1, values, operator.add)
    done = {e.exercise_id for e in session.exercises if e.sets}
    if done:
        exercises: dict[str, str] = daily["exercises"]
        known = set(exercises.get(day.isoformat(), "").split())
        exercises[day.isoformat()] = " ".join(sorted(known | done))


def _forget_days_before(daily: dict[str, Any], cutoff: date) -> None:
    """Drops the days before `cutoff` (and any empty days that then lead the series)."""
    if not daily["first_day"]:
        return
    columns = [decode_series(daily[name]) for name in DAILY_COLUMNS]
    start = date.fromisoformat(daily["first_day"])
    drop = max(0, (cutoff - start).days)
    while drop < len(columns[0]) and all(column[drop] is None for column in columns):
        drop += 1
    if drop == 0:
        return
    for name, column in zip(DAILY_COLUMNS, columns, strict=True):
        daily[name] = _encode_series(column[drop:])
    daily["first_day"] = (start + timedelta(days=drop)).isoformat() if columns[0][drop:] else ""
    cutoff_text = cutoff.isoformat()
    exercises: dict[str, str] = daily["exercises"]
    for day in [d for d in exercises if d < cutoff_text]:
        del exercises[day]


_PAIN_COLUMNS = ("before_sum", "before_n", "after_sum", "after_n")


def _fold_pain(summary: Summary, session: SessionRecord) -> None:
    before, after = session.pain_before, session.pain_after
    if before is None and after is None:
        return
    pain = summary["pain"]
    values = (before or 0, int(before is not None), after or 0, int(after is not None))
    _add_to_week(pain, _PAIN_COLUMNS, week_start(session.day), values, operator.add)
    if before is not None and after is not None:
        pain["pairs"] += 1
        pain["delta_sum"] += after - before


def _new_exercise_entry(exercise: ExerciseRecord) -> dict[str, Any]:
    return {
        "sessions": 0,
        "sets": 0,
        "skipped": 0,
        "too_hard": 0,
        "too_easy": 0,
        "hold": exercise.prescribed.is_hold,
        "per_side": exercise.per_side,
        "first_at": 0.0,
        "first_day": "",
        "start": [],
        "latest_at": 0.0,
        "last_day": "",
        "current": [],
        "first_week": "",
        "amount": "",
        "pain_stops": 0,
        "pain_stop_at": 0.0,
        "last_pain_stop": "",
        "last_pain_kind": "",
    }


def _fold_exercise(summary: Summary, session: SessionRecord, exercise: ExerciseRecord) -> None:
    entries: dict[str, dict[str, Any]] = summary["exercises"]
    entry = entries.get(exercise.exercise_id)
    if entry is None:
        entry = entries[exercise.exercise_id] = _new_exercise_entry(exercise)
    moment = session.started.timestamp()
    prescribed = dosage_list(exercise.prescribed)
    day = session.day.isoformat()
    # Ties (same start time) are broken by the dosage itself, so order never matters.
    if not entry["start"] or (moment, prescribed) < (entry["first_at"], entry["start"]):
        entry["first_at"], entry["start"], entry["first_day"] = moment, prescribed, day
    if not entry["current"] or (moment, prescribed) > (entry["latest_at"], entry["current"]):
        entry["latest_at"], entry["current"], entry["last_day"] = moment, prescribed, day
        entry["hold"] = exercise.prescribed.is_hold
        entry["per_side"] = exercise.per_side
    entry["skipped"] += int(exercise.skipped)
    entry["too_hard"] += int(exercise.too_hard)
    entry["too_easy"] += int(exercise.too_easy)
    if exercise.pain_stop is not None:
        entry["pain_stops"] += 1
        latest = (moment, exercise.pain_stop)
        if not entry["last_pain_stop"] or latest > (entry["pain_stop_at"], entry["last_pain_kind"]):
            entry["pain_stop_at"], entry["last_pain_kind"] = latest
            entry["last_pain_stop"] = day
    if exercise.sets:
        entry["sessions"] += 1
        entry["sets"] += len(exercise.sets)
        _add_to_week(entry, ("amount",), week_start(session.day), (amount_done(exercise),), max)
