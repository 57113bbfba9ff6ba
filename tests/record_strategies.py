"""Hypothesis strategies for everything the store keeps: any value a record may hold.

Times carry whole-minute UTC offsets (TOML cannot write seconds in an offset) and any
microsecond; text is any Unicode a file can hold (no lone surrogates).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from trainer.core.catalogue.model import LEVELS, Dosage
from trainer.core.records import (
    ExerciseProgress,
    ExerciseRecord,
    PrescriptionChange,
    ScreeningRecord,
    SessionRecord,
    SetRecord,
)
from trainer.core.store.codec import OUTCOMES, PAIN_KINDS, SIDES, STATUSES

offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=offsets
)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
texts = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
idents = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)

dosages = st.builds(
    Dosage,
    hold_s=st.integers(0, 600),
    reps=st.integers(1, 100),
    sets=st.integers(1, 10),
    rest_s=st.integers(0, 600),
)

screenings = st.builds(
    ScreeningRecord,
    taken=moments,
    answers=st.dictionaries(texts, st.booleans(), max_size=6),
    outcome=st.sampled_from(OUTCOMES),
    flags=st.lists(texts, max_size=3).map(tuple),
    pain_now=st.integers(0, 10),
    level=st.sampled_from(LEVELS),
    equipment=st.lists(texts, max_size=3).map(tuple),
    clinician_cleared=st.none() | moments,
)


@st.composite
def progresses(draw: st.DrawFn, exercise_id: str | None = None) -> ExerciseProgress:
    dosage = draw(dosages)
    return ExerciseProgress(
        exercise_id=exercise_id or draw(idents),
        hold_s=dosage.hold_s,
        reps=dosage.reps,
        sets=dosage.sets,
        rest_s=dosage.rest_s,
        full_in_a_row=draw(st.integers(0, 50)),
        last_done=draw(st.none() | days),
        variant_offered=draw(st.none() | idents),
        stepped_back_for_break=draw(st.none() | days),
    )


changes = st.builds(
    PrescriptionChange,
    exercise_id=idents,
    when=moments,
    before=dosages,
    after=dosages,
    reason=texts,
)


@st.composite
def set_records(draw: st.DrawFn, started: datetime) -> SetRecord:
    return SetRecord(
        set_number=draw(st.integers(1, 10)),
        side=draw(st.none() | st.sampled_from(SIDES)),
        reps_done=draw(st.integers(0, 100)),
        reps_target=draw(st.integers(0, 100)),
        seconds_held=draw(st.floats(0, 10_000, allow_nan=False, allow_infinity=False)),
        finished=started + timedelta(microseconds=draw(st.integers(-(10**9), 10 * 3600 * 10**6))),
    )


@st.composite
def exercise_records(draw: st.DrawFn, started: datetime) -> ExerciseRecord:
    return ExerciseRecord(
        exercise_id=draw(idents),
        prescribed=draw(dosages),
        per_side=draw(st.booleans()),
        sets=draw(st.lists(set_records(started), max_size=6)),
        skipped=draw(st.booleans()),
        too_easy=draw(st.booleans()),
        too_hard=draw(st.booleans()),
        pain_stop=draw(st.none() | st.sampled_from(PAIN_KINDS)),
    )


@st.composite
def sessions(draw: st.DrawFn, statuses: Any = None) -> SessionRecord:
    """A session whose status is drawn from `statuses` (any status when None)."""
    started = draw(moments)
    return SessionRecord(
        id=draw(texts),
        plan_id=draw(texts),
        started=started,
        ended=draw(st.none() | moments),
        status=draw(st.sampled_from(STATUSES if statuses is None else statuses)),
        pain_before=draw(st.none() | st.integers(0, 10)),
        pain_after=draw(st.none() | st.integers(0, 10)),
        exercises=draw(st.lists(exercise_records(started), max_size=4)),
    )


toml_scalars = (
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts
    | days
    | moments
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
settings_tables = st.dictionaries(texts, toml_values, max_size=5)
