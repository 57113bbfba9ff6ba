"""The whole session log as a table, one row per set: for a clinician or a spreadsheet.

Columns, in this order:

=====================  =============================================================
session_id             the session's id (its start time as compact ISO 8601)
session_day            the local date it started on (YYYY-MM-DD), the day stats count
session_started        start, ISO 8601 with its UTC offset
session_ended          end, ISO 8601 with its UTC offset; empty if never recorded
session_status         completed | interrupted
session_minutes        real elapsed minutes, one decimal
plan_id                the catalogue plan it followed
pain_before            0-10 before the session; empty if not rated
pain_after             0-10 after the session; empty if not rated
exercise_order         1, 2, ... in the order done within the session
exercise_id            the catalogue id
per_side               true when each set was done on each side in turn
prescribed_sets        the prescription that day: sets,
prescribed_reps        reps per set (per side),
prescribed_hold_s      seconds held per rep (0 for moving reps),
prescribed_rest_s      and rest between sets in seconds
skipped                true when the exercise was skipped
too_easy               true when marked too easy
too_hard               true when marked too hard
pain_stop              sharp | radiating | other when stopped for pain; else empty
set_number             1-based
side                   left | right for per-side exercises; after for the reps of an
                       exercise's after block, done once both sides are done (knee-to-
                       chest's both knees together); else empty
reps_done              reps done in the set
reps_target            reps asked for in the set
seconds_held           seconds of hold actually spent in the set (0 for moving reps)
set_finished           when the set ended, ISO 8601 with its UTC offset
kind                   session for a row of the session log; warm-up for a session's
                       warm-up; activity for logged activity; for a safety event one of
                       red-flag | severe-pain | pain-stop | pain-rise | check-back |
                       clearance
event_when             a safety event's time, ISO 8601 with its UTC offset; else empty
event                  a safety event, a warm-up or an activity in words; else empty
=====================  =============================================================

A session that began with a warm-up has one row of kind `warm-up` before its exercises:
the session columns, `seconds_held` (seconds warmed up), `skipped`, and `event` ("Warm-up:
300 of 300 s", "Warm-up skipped after 60 of 300 s"). Logged activity (walking, easy
cycling, water aerobics...) follows the session log: one row of kind `activity` each, with
`event_when`, `session_day` (the day it counts for) and `event` ("walking, 30 min"); in
JSON also the list ``"activity"`` of objects with ``when``, ``day``, ``kind`` and
``minutes``.

Every set appears exactly once. An exercise with no set (skipped, or stopped for pain
before its first set ended) is one row with the set columns empty; a session with no
exercises is one row with the exercise and set columns empty. Only finished sessions are
exported (completed or interrupted); a session still under way is not yet in the log.
In CSV (RFC 4180: a header row, CRLF line ends, values quoted when needed) an empty value
is an empty field and booleans are `true`/`false`; a text value starting with = + - @, a
tab or a carriage return gets a ' before it, so a spreadsheet shows it rather than running
it as a formula (OWASP's advice on CSV injection). In JSON the document is
``{"format": "backtrainer-session-log", "version": 1, "columns": [...], "rows": [...],
"safety": [...], "activity": [...]}``,
each row an object with every column, an empty value `null`, numbers and booleans typed.

Safety events (every red-flag answer, severe pain rating, pain stop, pain rise, answer to
"Does it still hurt?" and clearance) follow the session log, oldest first. In CSV each is
one row of its `kind`, with `event_when` and `event`, and `session_id`, `exercise_id`,
`pain_stop`, `pain_before` and `pain_after` where they apply; every other column empty.
In JSON they are the list ``"safety"``, each an object with the keys ``kind``, ``when``,
``event``, ``question_id``, ``outcome``, ``pain``, ``moment``, ``session_id``,
``exercise_id``, ``pain_kind``, ``pain_before``, ``pain_after`` and ``still_hurts``
(`null` where they do not apply).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import chain
from typing import TYPE_CHECKING, TextIO

from trainer.core.records import (
    ActivityRecord,
    CheckBack,
    ExerciseRecord,
    PainRise,
    PainStop,
    RedFlagAnswer,
    SafetyEvent,
    SessionRecord,
    SetRecord,
    SeverePain,
    WarmUpRecord,
)

if TYPE_CHECKING:
    from trainer.core.catalogue.model import Catalogue

#: The columns and rules above, for `trainer export --help`.
FORMAT_HELP = (__doc__ or "").split("\n\n", 1)[-1].replace("``", "").replace("`", "")

EXPORT_FORMAT = "backtrainer-session-log"
EXPORT_VERSION = 1

SESSION_COLUMNS: tuple[str, ...] = (
    "session_id",
    "session_day",
    "session_started",
    "session_ended",
    "session_status",
    "session_minutes",
    "plan_id",
    "pain_before",
    "pain_after",
)
EXERCISE_COLUMNS: tuple[str, ...] = (
    "exercise_order",
    "exercise_id",
    "per_side",
    "prescribed_sets",
    "prescribed_reps",
    "prescribed_hold_s",
    "prescribed_rest_s",
    "skipped",
    "too_easy",
    "too_hard",
    "pain_stop",
)
SET_COLUMNS: tuple[str, ...] = (
    "set_number",
    "side",
    "reps_done",
    "reps_target",
    "seconds_held",
    "set_finished",
)
#: What a row is: the session log ("session") or a safety event (its kind).
KIND_COLUMNS: tuple[str, ...] = ("kind", "event_when", "event")
COLUMNS: tuple[str, ...] = SESSION_COLUMNS + EXERCISE_COLUMNS + SET_COLUMNS + KIND_COLUMNS
#: The keys of each object in the JSON's "safety" list.
SAFETY_FIELDS: tuple[str, ...] = (
    "kind",
    "when",
    "event",
    "question_id",
    "outcome",
    "pain",
    "moment",
    "session_id",
    "exercise_id",
    "pain_kind",
    "pain_before",
    "pain_after",
    "still_hurts",
)

Value = str | int | float | bool | None
Row = dict[str, Value]


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _session_part(session: SessionRecord) -> Row:
    return {
        "session_id": session.id,
        "session_day": session.day.isoformat(),
        "session_started": _when(session.started),
        "session_ended": _when(session.ended),
        "session_status": session.status,
        "session_minutes": round(session.seconds / 60, 1),
        "plan_id": session.plan_id,
        "pain_before": session.pain_before,
        "pain_after": session.pain_after,
    }


def _exercise_part(order: int | None, exercise: ExerciseRecord | None) -> Row:
    if exercise is None:
        return dict.fromkeys(EXERCISE_COLUMNS)
    dosage = exercise.prescribed
    return {
        "exercise_order": order,
        "exercise_id": exercise.exercise_id,
        "per_side": exercise.per_side,
        "prescribed_sets": dosage.sets,
        "prescribed_reps": dosage.reps,
        "prescribed_hold_s": dosage.hold_s,
        "prescribed_rest_s": dosage.rest_s,
        "skipped": exercise.skipped,
        "too_easy": exercise.too_easy,
        "too_hard": exercise.too_hard,
        "pain_stop": exercise.pain_stop,
    }


def _set_part(done: SetRecord | None) -> Row:
    if done is None:
        return dict.fromkeys(SET_COLUMNS)
    return {
        "set_number": done.set_number,
        "side": "after" if done.after_block else done.side,
        "reps_done": done.reps_done,
        "reps_target": done.reps_target,
        "seconds_held": done.seconds_held,
        "set_finished": _when(done.finished),
    }


def export_rows(sessions: Iterable[SessionRecord]) -> Iterator[Row]:
    """One row per set (see the module docstring), sessions in the order given."""
    for session in sessions:
        if session.status == "in-progress":
            continue
        # Every column in order first: the parts below fill them in without moving them.
        head = dict.fromkeys(COLUMNS) | _session_part(session) | _NOT_AN_EVENT
        if session.warm_up is not None:
            yield head | _warm_up_part(session.warm_up)
        if not session.exercises:
            yield head | _exercise_part(None, None) | _set_part(None)
            continue
        for order, exercise in enumerate(session.exercises, start=1):
            middle = head | _exercise_part(order, exercise)
            if not exercise.sets:
                yield middle | _set_part(None)
            for done in exercise.sets:
                yield middle | _set_part(done)


def warm_up_words(warm_up: WarmUpRecord) -> str:
    """Says "Warm-up: 300 of 300 s" or "Warm-up skipped after 60 of 300 s"."""
    done = f"{warm_up.done_s:g} of {warm_up.planned_s} s"
    return f"Warm-up skipped after {done}" if warm_up.skipped else f"Warm-up: {done}"


def _warm_up_part(warm_up: WarmUpRecord) -> Row:
    return {
        "kind": "warm-up",
        "seconds_held": warm_up.done_s,
        "skipped": warm_up.skipped,
        "event": warm_up_words(warm_up),
    }


def activity_rows(activities: Iterable[ActivityRecord]) -> Iterator[Row]:
    """One CSV row per logged activity, in the session log's columns."""
    for activity in activities:
        row: Row = dict.fromkeys(COLUMNS)
        row |= {
            "session_day": activity.day.isoformat(),
            "kind": "activity",
            "event_when": _when(activity.when),
            "event": f"{activity.kind}, {activity.minutes} min",
        }
        yield row


def activity_record(activity: ActivityRecord) -> Row:
    """One logged activity for the JSON's "activity" list."""
    return {
        "when": _when(activity.when),
        "day": activity.day.isoformat(),
        "kind": activity.kind,
        "minutes": activity.minutes,
    }


#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value: Value) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # numbers are never text here, so -3 stays a number
    return value


def write_csv(
    sessions: Iterable[SessionRecord],
    out: TextIO,
    safety: Iterable[SafetyEvent] = (),
    catalogue: Catalogue | None = None,
    activity: Iterable[ActivityRecord] = (),
) -> int:
    """Writes a header and the rows, then the logged activity and the safety events;
    returns the number of rows."""
    import csv  # here, not at the top: every start imports this module for its --help text

    writer = csv.writer(out)  # RFC 4180: CRLF line ends; a CR or LF in a value is quoted
    writer.writerow(COLUMNS)
    count = 0
    rows = chain(export_rows(sessions), activity_rows(activity), safety_rows(safety, catalogue))
    for row in rows:
        writer.writerow([_csv_value(row[column]) for column in COLUMNS])
        count += 1
    return count


def write_json(
    sessions: Iterable[SessionRecord],
    out: TextIO,
    safety: Iterable[SafetyEvent] = (),
    catalogue: Catalogue | None = None,
    activity: Iterable[ActivityRecord] = (),
) -> int:
    """Writes {"format", "version", "columns", "rows": [{column: value}], "safety": [...],
    "activity": [...]}; returns the number of rows (activity and safety events included)."""
    import json  # see write_csv

    rows = list(export_rows(sessions))
    events = [safety_record(event, catalogue) for event in safety]
    logged = [activity_record(item) for item in activity]
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "columns": list(COLUMNS),
        "rows": rows,
        "safety": events,
        "activity": logged,
    }
    json.dump(document, out, indent=1, ensure_ascii=False)
    out.write("\n")
    return len(rows) + len(events) + len(logged)


# --------------------------------------------------------------------------- safety events

_NOT_AN_EVENT: Row = {"kind": "session", "event_when": None, "event": None}


def safety_record(event: SafetyEvent, catalogue: Catalogue | None = None) -> Row:
    """One safety event for the JSON's "safety" list: every key of `SAFETY_FIELDS`."""
    # Here, not at the top: every start imports this module for its --help text.
    from trainer.core.stats.safety_history import describe, event_kind

    record: Row = dict.fromkeys(SAFETY_FIELDS)
    record |= {
        "kind": event_kind(event),
        "when": _when(event.when),
        "event": describe(event, catalogue),
    }
    match event:
        case RedFlagAnswer():
            record |= {"question_id": event.question_id, "outcome": event.outcome}
        case SeverePain():
            record |= {"pain": event.pain, "moment": event.moment}
        case PainStop():
            record |= {
                "session_id": event.session_id,
                "exercise_id": event.exercise_id,
                "pain_kind": event.kind,
            }
        case PainRise():
            record |= {
                "session_id": event.session_id,
                "pain_before": event.before,
                "pain_after": event.after,
            }
        case CheckBack():
            record |= {"still_hurts": event.still_hurts}
    return record


def safety_rows(events: Iterable[SafetyEvent], catalogue: Catalogue | None = None) -> Iterator[Row]:
    """One CSV row per safety event, in the session log's columns (see the docstring)."""
    for event in events:
        record = safety_record(event, catalogue)
        row: Row = dict.fromkeys(COLUMNS)
        row |= {
            "kind": record["kind"],
            "event_when": record["when"],
            "event": record["event"],
            "session_id": record["session_id"],
            "exercise_id": record["exercise_id"],
            "pain_stop": record["pain_kind"],
            "pain_before": record["pain_before"],
            "pain_after": record["pain_after"],
        }
        yield row
