"""Records to TOML tables and back, checked key by key.

State files are hand-editable, so reading them is as strict as reading the catalogue: a
wrong type, an unknown key or a missing one stops the read with the key's full path
("progress.bridge.reps: expected a whole number, found 'ten'"), and the file is then
treated as unusable rather than half-trusted. tomli-w cannot write None, so optional
values are left out when unset, and false flags are left out to keep the history small.

Layout of one session (the same in a week file's `[[sessions]]` and in `current.toml`):

    id = "20261120T090000+0000"      started = 2026-11-20 09:00:00+00:00
    plan = "daily-stretches"         ended = ...           status = "completed"
    pain_before = 3                  pain_after = 2
    [[sessions.exercises]]
    exercise = "bridge"   per_side = false   sets = 2   reps = 8   hold_s = 0   rest_s = 30
    sets_done = [{ set = 1, reps = 8, at_s = 95.2 }, ...]

`sets`/`reps`/`hold_s`/`rest_s` there are what was prescribed; each done set gives its
number, `side` (per-side moves), `reps` done, `target` (only when it differs from the
prescribed reps), `held_s` (seconds of hold, only for holds), `after = true` (only for the
reps of an exercise's after block, done once both sides are done) and `at_s`, the seconds
from the session's start to the set's end (so one set fits on one line). Files written
before `after` existed read as they did: a set without it is a set of the sided reps. A
session that began with a warm-up (schema 3) also has `warm_up = { planned_s = 300,
done_s = 300.0 }`, with
`skipped = true` when it was skipped. Logged activity is `[[activity]]` in its own
`activity-<year>.toml`: `when`, `kind` (walking | easy cycling | water aerobics | other)
and `minutes`.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, NoReturn, TypeVar, get_args

from trainer.core.catalogue.model import LEVELS, MAX_HOLD_S, MAX_REPS, MAX_REST_S, MAX_SETS, Dosage
from trainer.core.records import (
    ACTIVITY_KINDS,
    MAX_ACTIVITY_MINUTES,
    ActivityRecord,
    CheckBack,
    Clearance,
    ExerciseProgress,
    ExerciseRecord,
    PainKind,
    PainMoment,
    PainRise,
    PainStop,
    PrescriptionChange,
    RedFlagAnswer,
    SafetyEvent,
    SafetyKind,
    ScreeningOutcome,
    ScreeningRecord,
    SessionRecord,
    SessionStatus,
    SetRecord,
    SeverePain,
    Side,
    WarmUpRecord,
    safety_kind,
)
from trainer.core.session.pacing import MAX_PACE_S, MIN_PACE_S
from trainer.core.store.protocol import printable

_T = TypeVar("_T")

OUTCOMES: tuple[ScreeningOutcome, ...] = ("clear", "caution", "see-clinician", "urgent")
STATUSES: tuple[SessionStatus, ...] = ("in-progress", "completed", "interrupted")
SIDES: tuple[Side, ...] = ("left", "right")
PAIN_KINDS: tuple[PainKind, ...] = ("sharp", "radiating", "other")
PAIN_MOMENTS: tuple[PainMoment, ...] = ("screening", "before")
SAFETY_KINDS: tuple[SafetyKind, ...] = get_args(SafetyKind)


class StateFormatError(ValueError):
    """A state file parsed as TOML but does not hold what it should; says where and what."""


# Limits beyond the catalogue's own dosage ranges (`catalogue.model.MAX_*`), which apply
# to every dosage read back: a value outside them can only be a hand edit or damage, and
# would otherwise reach the screen ("rep 8 of 1180591620717411303424") or overflow.
#: Sessions done in full in a row: one a day for a lifetime is far fewer.
MAX_IN_A_ROW = 100_000
#: Seconds held in one set: every rep held as long as the catalogue allows.
MAX_HELD_S = MAX_HOLD_S * MAX_REPS
#: A set ends at most this long after its session started (a session resumed weeks later).
MAX_SET_AT_S = 366 * 24 * 3600
#: A warm-up's length: the catalogue's ceiling (`catalogue.model.MAX_WARM_UP_MINUTES`).
MAX_WARM_UP_S = 60 * 60
#: Dates and times a session could have; later or earlier ones overflow date arithmetic.
EARLIEST = date(1970, 1, 1)
LATEST = date(2999, 12, 31)


#: Marks a key that has no default: missing is an error.
_REQUIRED: Any = object()


# --------------------------------------------------------------------------- reading


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _FailFastTable:
    """One TOML table being read: every key asked for is ticked off, and `done()` reports
    any left over as unknown (a typo in a hand edit must not be silently ignored).

    It stops at the first problem, where the catalogue's `_CollectingTable` lists them all:
    a damaged state file is set aside whole, so one clear reason is all it needs."""

    def __init__(self, raw: object, where: str) -> None:
        if not isinstance(raw, dict):
            self._fail_at(where, f"expected a table, found {_describe(raw)}")
        self.raw: dict[str, Any] = raw
        self.where = where
        self._seen: set[str] = set()

    @staticmethod
    def _fail_at(where: str, message: str) -> NoReturn:
        """Keys come from the file: control characters in them are escaped (`printable`)."""
        raise StateFormatError(printable(f"{where}: {message}" if where else message))

    def path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, message: str) -> NoReturn:
        self._fail_at(self.path(key), message)

    def _get(self, key: str, default: object, expected: str) -> Any:
        self._seen.add(key)
        if key in self.raw:
            return self.raw[key]
        if default is _REQUIRED:
            self.fail(key, f"missing (expected {expected})")
        return default

    def whole(
        self, key: str, low: int = 0, high: int | None = None, default: int = _REQUIRED
    ) -> int:
        value = self._get(key, default, "a whole number")
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"expected a whole number, found {_describe(value)}")
        if value < low or (high is not None and value > high):
            limit = f"{low} or more" if high is None else f"between {low} and {high}"
            self.fail(key, f"expected a whole number {limit}, found {value}")
        return value

    def optional_whole(self, key: str, low: int, high: int) -> int | None:
        if key not in self.raw:
            self._seen.add(key)
            return None
        return self.whole(key, low, high)

    def number(self, key: str, low: float, high: float, default: float = _REQUIRED) -> float:
        value = self._get(key, default, "a number")
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(key, f"expected a number, found {_describe(value)}")
        if not math.isfinite(value):
            self.fail(key, f"expected a finite number, found {value}")
        if not low <= value <= high:
            self.fail(key, f"expected a number between {low:g} and {high:g}, found {value:g}")
        return float(value)

    def optional_number(self, key: str, low: float, high: float) -> float | None:
        if key not in self.raw:
            self._seen.add(key)
            return None
        return self.number(key, low, high)

    def text(self, key: str) -> str:
        value = self._get(key, _REQUIRED, "text")
        if not isinstance(value, str) or not value:
            self.fail(key, f"expected non-empty text, found {_describe(value)}")
        return value

    def optional_text(self, key: str) -> str | None:
        if key not in self.raw:
            self._seen.add(key)
            return None
        return self.text(key)

    def flag(self, key: str, default: bool = _REQUIRED) -> bool:
        value = self._get(key, default, "true or false")
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, found {_describe(value)}")
        return value

    def choice(self, key: str, options: tuple[_T, ...]) -> _T:
        value = self._get(key, _REQUIRED, "one of " + ", ".join(map(str, options)))
        for option in options:
            if value == option:
                return option
        self.fail(key, f"expected one of {', '.join(map(str, options))}; found {_describe(value)}")

    def optional_choice(self, key: str, options: tuple[_T, ...]) -> _T | None:
        if key not in self.raw:
            self._seen.add(key)
            return None
        return self.choice(key, options)

    def moment(self, key: str) -> datetime:
        value = self._get(key, _REQUIRED, "a date and time with its UTC offset")
        return self._moment(key, value)

    def optional_moment(self, key: str) -> datetime | None:
        if key not in self.raw:
            self._seen.add(key)
            return None
        return self.moment(key)

    def _moment(self, key: str, value: object) -> datetime:
        if not isinstance(value, datetime):
            self.fail(
                key,
                "expected a date and time like 2026-11-20T09:00:00+01:00, "
                f"found {_describe(value)}",
            )
        if value.utcoffset() is None:
            self.fail(key, f"{value.isoformat()} has no UTC offset (add one, e.g. +01:00)")
        self._in_range(key, value.date())
        return value

    def _in_range(self, key: str, value: date) -> None:
        if not EARLIEST <= value <= LATEST:
            self.fail(key, f"expected a date between {EARLIEST} and {LATEST}, found {value}")

    def day(self, key: str) -> date | None:
        if key not in self.raw:
            self._seen.add(key)
            return None
        value = self._get(key, _REQUIRED, "a date")
        if isinstance(value, datetime) or not isinstance(value, date):
            self.fail(key, f"expected a date like 2026-11-20, found {_describe(value)}")
        self._in_range(key, value)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key, [], "a list of text")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"expected a list of text, found {_describe(value)}")
        return tuple(value)

    def table(self, key: str, default: dict[str, Any] = _REQUIRED) -> _FailFastTable:
        value = self._get(key, default, "a table")
        return _FailFastTable(value, self.path(key))

    def tables(self, key: str) -> list[_FailFastTable]:
        value = self._get(key, [], "a list of tables")
        if not isinstance(value, list):
            self.fail(key, f"expected a list of tables, found {_describe(value)}")
        return [
            _FailFastTable(item, f"{self.path(key)}[{index}]") for index, item in enumerate(value)
        ]

    def done(self) -> None:
        for key in self.raw:
            if key not in self._seen:
                close = difflib.get_close_matches(key, sorted(self._seen), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.fail(key, f"unknown key{hint}")


def read_table(raw: object, where: str = "") -> _FailFastTable:
    """A fail-fast reader over one table, for callers outside this module; `where` names it."""
    return _FailFastTable(raw, where)


def _dosage(table: _FailFastTable) -> Dosage:
    """The catalogue's own ranges: no prescription outside them was ever written."""
    return Dosage(
        hold_s=table.whole("hold_s", 0, MAX_HOLD_S),
        reps=table.whole("reps", 1, MAX_REPS),
        sets=table.whole("sets", 1, MAX_SETS),
        rest_s=table.whole("rest_s", 0, MAX_REST_S),
    )


def decode_dosage(raw: object, where: str) -> Dosage:
    """A prescription, held to the catalogue's limits; `where` is the key path for errors."""
    table = _FailFastTable(raw, where)
    dosage = _dosage(table)
    table.done()
    return dosage


def decode_screening(raw: object, where: str = "screening") -> ScreeningRecord:
    """The `[screening]` table; raises `StateFormatError` naming the bad key."""
    table = _FailFastTable(raw, where)
    answers_table = table.table("answers", {})
    answers = {key: answers_table.flag(key) for key in list(answers_table.raw)}
    answers_table.done()
    record = ScreeningRecord(
        taken=table.moment("taken"),
        answers=answers,
        outcome=table.choice("outcome", OUTCOMES),
        flags=table.texts("flags"),
        pain_now=table.whole("pain_now", 0, 10),
        level=table.choice("level", LEVELS),
        equipment=table.texts("equipment"),
        clinician_cleared=table.optional_moment("clinician_cleared"),
    )
    table.done()
    return record


def decode_progress(raw: object, exercise_id: str, where: str) -> ExerciseProgress:
    """One `[progress.<id>]` table; raises `StateFormatError` naming the bad key."""
    table = _FailFastTable(raw, where)
    dosage = _dosage(table)
    progress = ExerciseProgress(
        exercise_id=exercise_id,
        hold_s=dosage.hold_s,
        reps=dosage.reps,
        sets=dosage.sets,
        rest_s=dosage.rest_s,
        full_in_a_row=table.whole("full_in_a_row", 0, MAX_IN_A_ROW, default=0),
        last_done=table.day("last_done"),
        variant_offered=table.optional_text("variant_offered"),
        stepped_back_for_break=table.day("stepped_back_for_break"),
    )
    table.done()
    return progress


def decode_change(raw: object, where: str) -> PrescriptionChange:
    """One `[[changes]]` table; raises `StateFormatError` naming the bad key."""
    table = _FailFastTable(raw, where)
    change = PrescriptionChange(
        exercise_id=table.text("exercise"),
        when=table.moment("when"),
        before=decode_dosage(table.table("before").raw, table.path("before")),
        after=decode_dosage(table.table("after").raw, table.path("after")),
        reason=table.text("reason"),
    )
    table.done()
    return change


def decode_session(raw: object, where: str) -> SessionRecord:
    """One session table (the layout in this module's docstring); `StateFormatError` if bad."""
    table = _FailFastTable(raw, where)
    started = table.moment("started")
    session = SessionRecord(
        id=table.text("id"),
        plan_id=table.text("plan"),
        started=started,
        ended=table.optional_moment("ended"),
        status=table.choice("status", STATUSES),
        pain_before=table.optional_whole("pain_before", 0, 10),
        pain_after=table.optional_whole("pain_after", 0, 10),
        exercises=[_decode_exercise(item, started) for item in table.tables("exercises")],
        warm_up=_decode_warm_up(table),
    )
    table.done()
    return session


def _decode_warm_up(session: _FailFastTable) -> WarmUpRecord | None:
    if "warm_up" not in session.raw:  # a plan without one, or a session from schema 2
        return None
    table = session.table("warm_up")
    record = WarmUpRecord(
        planned_s=table.whole("planned_s", 0, MAX_WARM_UP_S),
        done_s=table.number("done_s", 0, MAX_WARM_UP_S),
        skipped=table.flag("skipped", False),
    )
    table.done()
    return record


def _decode_exercise(table: _FailFastTable, started: datetime) -> ExerciseRecord:
    prescribed = _dosage(table)
    record = ExerciseRecord(
        exercise_id=table.text("exercise"),
        prescribed=prescribed,
        per_side=table.flag("per_side"),
        sets=[_decode_set(item, started, prescribed) for item in table.tables("sets_done")],
        skipped=table.flag("skipped", False),
        too_easy=table.flag("too_easy", False),
        too_hard=table.flag("too_hard", False),
        pain_stop=table.optional_choice("pain_stop", PAIN_KINDS),
    )
    pain_at_s = table.optional_number("pain_at_s", -MAX_SET_AT_S, MAX_SET_AT_S)
    if pain_at_s is not None:
        record.pain_stop_at = started + timedelta(seconds=pain_at_s)
    table.done()
    return record


def _decode_set(table: _FailFastTable, started: datetime, prescribed: Dosage) -> SetRecord:
    at_s = table.number("at_s", -MAX_SET_AT_S, MAX_SET_AT_S)
    record = SetRecord(
        set_number=table.whole("set", 1, MAX_SETS),
        side=table.optional_choice("side", SIDES),
        reps_done=table.whole("reps", 0, MAX_REPS),
        reps_target=table.whole("target", 0, MAX_REPS, default=prescribed.reps),
        seconds_held=table.number("held_s", 0, MAX_HELD_S, 0.0),
        finished=started + timedelta(seconds=at_s),
        after_block=table.flag("after", False),
    )
    table.done()
    return record


# --------------------------------------------------------------------------- writing


def _aware(value: datetime, what: str) -> datetime:
    """The time with its offset fixed, exactly as TOML will give it back."""
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(f"{what} must carry its UTC offset (got {value.isoformat()})")
    return value.astimezone(timezone(offset))


def encode_dosage(dosage: Dosage) -> dict[str, Any]:
    """A prescription as a TOML table; `decode_dosage` reads it back."""
    return {
        "hold_s": dosage.hold_s,
        "reps": dosage.reps,
        "sets": dosage.sets,
        "rest_s": dosage.rest_s,
    }


def encode_screening(record: ScreeningRecord) -> dict[str, Any]:
    """A screening as a TOML table; `decode_screening` reads it back."""
    table: dict[str, Any] = {
        "taken": _aware(record.taken, "screening.taken"),
        "outcome": record.outcome,
        "flags": list(record.flags),
        "pain_now": record.pain_now,
        "level": record.level,
        "equipment": list(record.equipment),
    }
    if record.clinician_cleared is not None:
        table["clinician_cleared"] = _aware(record.clinician_cleared, "clinician_cleared")
    table["answers"] = dict(record.answers)
    return table


def encode_progress(progress: ExerciseProgress) -> dict[str, Any]:
    """One exercise's progress as a TOML table; `decode_progress` reads it back."""
    table: dict[str, Any] = {
        "sets": progress.sets,
        "reps": progress.reps,
        "hold_s": progress.hold_s,
        "rest_s": progress.rest_s,
        "full_in_a_row": progress.full_in_a_row,
    }
    if progress.last_done is not None:
        table["last_done"] = progress.last_done
    if progress.variant_offered is not None:
        table["variant_offered"] = progress.variant_offered
    if progress.stepped_back_for_break is not None:
        table["stepped_back_for_break"] = progress.stepped_back_for_break
    return table


def encode_change(change: PrescriptionChange) -> dict[str, Any]:
    """A prescription change as a TOML table; `decode_change` reads it back."""
    return {
        "exercise": change.exercise_id,
        "when": _aware(change.when, "change.when"),
        "reason": change.reason,
        "before": encode_dosage(change.before),
        "after": encode_dosage(change.after),
    }


def encode_session(session: SessionRecord) -> dict[str, Any]:
    """A session as a TOML table in the compact layout above; `decode_session` reads it back."""
    started = _aware(session.started, "session.started")
    table: dict[str, Any] = {
        "id": session.id,
        "plan": session.plan_id,
        "started": started,
    }
    if session.ended is not None:
        table["ended"] = _aware(session.ended, "session.ended")
    table["status"] = session.status
    if session.pain_before is not None:
        table["pain_before"] = session.pain_before
    if session.pain_after is not None:
        table["pain_after"] = session.pain_after
    if session.warm_up is not None:
        table["warm_up"] = _encode_warm_up(session.warm_up)
    table["exercises"] = [_encode_exercise(e, started) for e in session.exercises]
    return table


def _encode_warm_up(record: WarmUpRecord) -> dict[str, Any]:
    table: dict[str, Any] = {"planned_s": record.planned_s, "done_s": record.done_s}
    if record.skipped:
        table["skipped"] = True
    return table


def _encode_exercise(record: ExerciseRecord, started: datetime) -> dict[str, Any]:
    table: dict[str, Any] = {"exercise": record.exercise_id, "per_side": record.per_side}
    table.update(encode_dosage(record.prescribed))
    for key in ("skipped", "too_easy", "too_hard"):
        if getattr(record, key):
            table[key] = True
    if record.pain_stop is not None:
        table["pain_stop"] = record.pain_stop
    if record.pain_stop_at is not None:
        table["pain_at_s"] = (_aware(record.pain_stop_at, "pain_stop_at") - started).total_seconds()
    table["sets_done"] = [_encode_set(s, started, record.prescribed) for s in record.sets]
    return table


def _encode_set(record: SetRecord, started: datetime, prescribed: Dosage) -> dict[str, Any]:
    table: dict[str, Any] = {"set": record.set_number}
    if record.side is not None:
        table["side"] = record.side
    table["reps"] = record.reps_done
    if record.reps_target != prescribed.reps:
        table["target"] = record.reps_target
    if record.seconds_held:
        table["held_s"] = record.seconds_held
    if record.after_block:
        table["after"] = True
    table["at_s"] = (_aware(record.finished, "set.finished") - started).total_seconds()
    return table


def without_none(value: Any) -> Any:
    """A copy with every None-valued key (and None list item) left out: TOML has no null."""
    if isinstance(value, Mapping):
        return {key: without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [without_none(item) for item in value if item is not None]
    return value


# --------------------------------------------------------------------------- safety events


def decode_safety_event(raw: object, where: str) -> SafetyEvent:
    """One `[[safety]]` table; its `kind` says which record it is."""
    table = _FailFastTable(raw, where)
    kind = table.choice("kind", SAFETY_KINDS)
    when = table.moment("when")
    event: SafetyEvent
    if kind == "red-flag":
        event = RedFlagAnswer(when, table.text("question"), table.choice("outcome", OUTCOMES))
    elif kind == "severe-pain":
        event = SeverePain(when, table.whole("pain", 0, 10), table.choice("moment", PAIN_MOMENTS))
    elif kind == "pain-stop":
        event = PainStop(
            when, table.text("session"), table.text("exercise"), table.choice("pain", PAIN_KINDS)
        )
    elif kind == "pain-rise":
        event = PainRise(
            when, table.text("session"), table.whole("before", 0, 10), table.whole("after", 0, 10)
        )
    elif kind == "check-back":
        event = CheckBack(when, table.flag("still_hurts"))
    else:
        event = Clearance(when)
    table.done()
    return event


def encode_safety_event(event: SafetyEvent) -> dict[str, Any]:
    """A safety event as a TOML table, its kind first; `decode_safety_event` reads it back."""
    head: dict[str, Any] = {"kind": safety_kind(event), "when": _aware(event.when, "safety.when")}
    return head | _safety_fields(event)


def _safety_fields(event: SafetyEvent) -> dict[str, Any]:
    match event:
        case RedFlagAnswer():
            return {"question": event.question_id, "outcome": event.outcome}
        case SeverePain():
            return {"pain": event.pain, "moment": event.moment}
        case PainStop():
            return {"session": event.session_id, "exercise": event.exercise_id, "pain": event.kind}
        case PainRise():
            return {"session": event.session_id, "before": event.before, "after": event.after}
        case CheckBack():
            return {"still_hurts": event.still_hurts}
        case Clearance():
            return {}


def _safety_events(table: _FailFastTable) -> list[SafetyEvent]:
    return [decode_safety_event(item.raw, item.where) for item in table.tables("safety")]


def decode_safety_history(document: dict[str, Any]) -> list[SafetyEvent]:
    """`.d/safety.toml`: the safety events no longer live in the main file."""
    table = _FailFastTable(document, "")
    table.whole("schema")
    events = _safety_events(table)
    table.done()
    return events


# --------------------------------------------------------------------------- activity


def decode_activity(raw: object, where: str) -> ActivityRecord:
    """One `[[activity]]` table of an `activity-<year>.toml`."""
    table = _FailFastTable(raw, where)
    record = ActivityRecord(
        when=table.moment("when"),
        kind=table.choice("kind", ACTIVITY_KINDS),
        minutes=table.whole("minutes", 1, MAX_ACTIVITY_MINUTES),
    )
    table.done()
    return record


def encode_activity(record: ActivityRecord) -> dict[str, Any]:
    """One logged activity as its `[[activity]]` table."""
    return {
        "when": _aware(record.when, "activity.when"),
        "kind": record.kind,
        "minutes": record.minutes,
    }


def decode_activities(document: dict[str, Any]) -> list[ActivityRecord]:
    """Every activity of an `activity-<year>.toml`, read strictly."""
    table = _FailFastTable(document, "")
    table.whole("schema")
    records = [decode_activity(item.raw, item.where) for item in table.tables("activity")]
    table.done()
    return records


# --------------------------------------------------------------------------- whole files


@dataclass
class MainState:
    """`<name>.progress.toml`: everything start-up needs, small whatever the history."""

    screening: ScreeningRecord | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    progress: dict[str, ExerciseProgress] = field(default_factory=dict)
    #: Every safety event, oldest first (`trainer.core.plan.safety` reads them).
    safety: list[SafetyEvent] = field(default_factory=list)
    #: `[pacing]`: seconds a rep, by exercise id, for the moving reps the trainer counts
    #: (`trainer.core.session.pacing`); an exercise not listed is counted with enter.
    pacing: dict[str, int] = field(default_factory=dict)


@dataclass
class Finishing:
    """What filing a session will change, written beside the session before any of it is
    done, so a crash half-way is finished at the next start instead of half-applied."""

    progress: list[ExerciseProgress] = field(default_factory=list)
    changes: list[PrescriptionChange] = field(default_factory=list)
    summary: dict[str, Any] | None = None
    #: Pain stops and a pain rise the session leads to, kept with it in the same step.
    safety: list[SafetyEvent] = field(default_factory=list)


@dataclass
class CurrentState:
    """`current.toml`: the session in progress (or being filed)."""

    session: SessionRecord
    finishing: Finishing | None = None


def _progress_tables(table: _FailFastTable, key: str) -> dict[str, ExerciseProgress]:
    tables = table.table(key, {})
    result = {
        exercise_id: decode_progress(
            tables.table(exercise_id).raw, exercise_id, tables.path(exercise_id)
        )
        for exercise_id in list(tables.raw)
    }
    tables.done()
    return result


def decode_pacing(raw: object, where: str = "pacing") -> dict[str, int]:
    """`[pacing]`: `bridge = 3` counts the bridge's reps every 3 s; whole seconds only."""
    table = _FailFastTable(raw, where)
    pacing = {key: table.whole(key, MIN_PACE_S, MAX_PACE_S) for key in list(table.raw)}
    table.done()
    return pacing


def decode_main(document: dict[str, Any]) -> MainState:
    """The main state file's document, checked key by key."""
    table = _FailFastTable(document, "")
    table.whole("schema")
    screening = None
    if "screening" in table.raw:
        screening = decode_screening(table.table("screening").raw, "screening")
    state = MainState(
        screening=screening,
        settings=dict(table.table("settings", {}).raw),
        progress=_progress_tables(table, "progress"),
        safety=_safety_events(table),
        pacing=decode_pacing(table.table("pacing", {}).raw),
    )
    table.done()
    return state


def encode_main(state: MainState, schema: int) -> dict[str, Any]:
    """The main state file's document, progress in exercise-id order on every save."""
    document: dict[str, Any] = {"schema": schema}
    if state.screening is not None:
        document["screening"] = encode_screening(state.screening)
    document["settings"] = without_none(state.settings)
    document["progress"] = {
        exercise_id: encode_progress(state.progress[exercise_id])
        for exercise_id in sorted(state.progress)
    }
    if state.safety:
        document["safety"] = [encode_safety_event(event) for event in state.safety]
    if state.pacing:
        document["pacing"] = {key: state.pacing[key] for key in sorted(state.pacing)}
    return document


def decode_current(document: dict[str, Any]) -> CurrentState | None:
    """`current.toml`'s document; None when it holds no session."""
    table = _FailFastTable(document, "")
    table.whole("schema")
    if "session" not in table.raw:
        table.done()
        return None
    session = decode_session(table.table("session").raw, "session")
    finishing = None
    if "finishing" in table.raw:
        journal = table.table("finishing")
        finishing = Finishing(
            progress=list(_progress_tables(journal, "progress").values()),
            changes=[decode_change(item.raw, item.where) for item in journal.tables("changes")],
            summary=dict(journal.table("summary").raw) if "summary" in journal.raw else None,
            safety=_safety_events(journal),
        )
        journal.done()
    table.done()
    return CurrentState(session, finishing)


def encode_current(
    session: SessionRecord, finishing: Finishing | None, schema: int
) -> dict[str, Any]:
    """`current.toml`'s document: the session, and the filing journal while it is being filed."""
    document: dict[str, Any] = {"schema": schema, "session": encode_session(session)}
    if finishing is not None:
        journal: dict[str, Any] = {
            "progress": {p.exercise_id: encode_progress(p) for p in finishing.progress},
            "changes": [encode_change(c) for c in finishing.changes],
        }
        if finishing.summary is not None:
            journal["summary"] = without_none(finishing.summary)
        if finishing.safety:
            journal["safety"] = [encode_safety_event(event) for event in finishing.safety]
        document["finishing"] = journal
    return document


def decode_sessions(document: dict[str, Any], since: date | None = None) -> list[SessionRecord]:
    """The file's sessions; with `since`, only those whose day is on or after it (the
    others are not even decoded, and so not checked: start-up reads the last week)."""
    table = _FailFastTable(document, "")
    table.whole("schema")
    sessions = [
        decode_session(item.raw, item.where)
        for item in table.tables("sessions")
        if since is None or not _started_before(item.raw, since)
    ]
    table.done()
    return sessions


def _started_before(raw: dict[str, Any], since: date) -> bool:
    started = raw.get("started")
    return isinstance(started, datetime) and started.date() < since


def encode_sessions(sessions: Iterable[SessionRecord], schema: int) -> dict[str, Any]:
    """A week file's document, its sessions oldest first."""
    ordered = sorted(sessions, key=lambda s: s.started)
    return {"schema": schema, "sessions": [encode_session(s) for s in ordered]}


def decode_changes(document: dict[str, Any]) -> list[PrescriptionChange]:
    """A year's change log, checked key by key."""
    table = _FailFastTable(document, "")
    table.whole("schema")
    changes = [decode_change(item.raw, item.where) for item in table.tables("changes")]
    table.done()
    return changes


def encode_changes(changes: Iterable[PrescriptionChange], schema: int) -> dict[str, Any]:
    """A year's change log as a document, oldest first."""
    ordered = sorted(changes, key=lambda c: c.when)
    return {"schema": schema, "changes": [encode_change(c) for c in ordered]}


def decode_summary(document: dict[str, Any]) -> dict[str, Any]:
    """The stats summary from `summary.toml`; its own shape is checked by the stats."""
    table = _FailFastTable(document, "")
    table.whole("schema")
    summary = dict(table.table("summary", {}).raw)
    table.done()
    return summary


def encode_summary(summary: dict[str, Any], schema: int) -> dict[str, Any]:
    """`summary.toml`'s document (None values left out: TOML cannot write them)."""
    return {"schema": schema, "summary": without_none(summary)}
