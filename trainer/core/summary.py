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
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from trainer.core.model import Dosage
from trainer.core.records import ExerciseRecord, SessionRecord

SUMMARY_VERSION = 1
#: How far back (in days before the newest session) session ids are remembered. More than
#: the stats' longest look-back (16 weeks), so every session the stats read is checkable.
RECENT_IDS_DAYS = 130

Summary = dict[str, Any]


def empty_summary() -> Summary:
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
            "weeks": [],
            "before_sum": [],
            "before_n": [],
            "after_sum": [],
            "after_n": [],
            "pairs": 0,
            "delta_sum": 0,
        },
    }


def is_current(summary: Summary) -> bool:
    """True when `summary` was written by this version's layout (else rebuild it)."""
    return bool(summary) and summary.get("version") == SUMMARY_VERSION


def update_summary(summary: Summary, session: SessionRecord) -> Summary:
    """Returns `summary` with one finished session folded in (the argument is untouched).

    Called at session end. Folding a session that is already in (same id, recent) changes
    nothing; an in-progress session is ignored.
    """
    result = copy.deepcopy(summary) if is_current(summary) else empty_summary()
    _fold(result, session)
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


def session_seconds(session: SessionRecord) -> int:
    """Elapsed real time, in whole seconds. Uses timestamps, so a session that spans a
    clock change is measured in real time; an interrupted session without an end time
    ends at its last set."""
    end = session.ended
    if end is None:
        finished = [s.finished for e in session.exercises for s in e.sets]
        end = max(finished, key=lambda moment: moment.timestamp()) if finished else None
    if end is None:
        return 0
    return max(0, round(end.timestamp() - session.started.timestamp()))


def amount_done(exercise: ExerciseRecord) -> int:
    """How much one session did of one exercise, per side: seconds held for a hold,
    reps for a moving exercise. The number a person can watch grow."""
    sides = 2 if exercise.per_side else 1
    if exercise.prescribed.is_hold:
        total = sum(s.seconds_held for s in exercise.sets)
    else:
        total = sum(s.reps_done for s in exercise.sets)
    return round(total / sides)


def dosage_list(dosage: Dosage) -> list[int]:
    return [dosage.hold_s, dosage.reps, dosage.sets, dosage.rest_s]


def dosage_from_list(values: list[int]) -> Dosage:
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
    _fold_pain(summary, session)
    for exercise in session.exercises:
        _fold_exercise(summary, session, exercise)
    if not trained(session):
        return
    day = session.day.isoformat()
    summary["sessions"] += 1
    summary["seconds"] += session_seconds(session)
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


def _week_slot(weeks: list[str], columns: list[list[int]], monday: str) -> int:
    """The index of `monday` in `weeks`, inserting it (and zeros in `columns`) if new."""
    index = bisect.bisect_left(weeks, monday)
    if index == len(weeks) or weeks[index] != monday:
        weeks.insert(index, monday)
        for column in columns:
            column.insert(index, 0)
    return index


def _fold_pain(summary: Summary, session: SessionRecord) -> None:
    before, after = session.pain_before, session.pain_after
    if before is None and after is None:
        return
    pain = summary["pain"]
    columns = [pain["before_sum"], pain["before_n"], pain["after_sum"], pain["after_n"]]
    slot = _week_slot(pain["weeks"], columns, week_start(session.day).isoformat())
    if before is not None:
        pain["before_sum"][slot] += before
        pain["before_n"][slot] += 1
    if after is not None:
        pain["after_sum"][slot] += after
        pain["after_n"][slot] += 1
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
        "weeks": [],
        "amount": [],
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
        if not entry["last_pain_stop"] or latest > (
            entry["pain_stop_at"], entry["last_pain_kind"]
        ):
            entry["pain_stop_at"], entry["last_pain_kind"] = latest
            entry["last_pain_stop"] = day
    if exercise.sets:
        entry["sessions"] += 1
        entry["sets"] += len(exercise.sets)
        slot = _week_slot(entry["weeks"], [entry["amount"]], week_start(session.day).isoformat())
        entry["amount"][slot] = max(entry["amount"][slot], amount_done(exercise))
