"""Numbers and dates in a state file stay within what the catalogue and the calendar allow:
anything else is a StateFormatError naming the key, never an overflow or a huge session."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hostile_store import START, a_progress, a_session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.catalogue.model import MAX_HOLD_S, MAX_REPS, MAX_REST_S, MAX_SETS
from trainer.core.store.codec import (
    StateFormatError,
    decode_main,
    decode_sessions,
    encode_progress,
    encode_session,
)
from trainer.core.store.files import open_store

LIMITS = {
    "hold_s": (0, MAX_HOLD_S),
    "reps": (1, MAX_REPS),
    "sets": (1, MAX_SETS),
    "rest_s": (0, MAX_REST_S),
}


def main_with(key: str, value: object) -> dict[str, Any]:
    return {"schema": 1, "progress": {"bridge": {**encode_progress(a_progress(9)), key: value}}}


@settings(max_examples=80, deadline=None)
@given(key=st.sampled_from(sorted(LIMITS)), data=st.data())
def test_a_dosage_outside_the_catalogue_ranges_is_refused_by_key(
    key: str, data: st.DataObject
) -> None:
    low, high = LIMITS[key]
    value = data.draw(st.one_of(st.integers(max_value=low - 1), st.integers(min_value=high + 1)))
    with pytest.raises(StateFormatError, match=f"^progress.bridge.{key}: expected a whole"):
        decode_main(main_with(key, value))


@settings(max_examples=40, deadline=None)
@given(key=st.sampled_from(sorted(LIMITS)), data=st.data())
def test_a_dosage_inside_the_ranges_reads(key: str, data: st.DataObject) -> None:
    low, high = LIMITS[key]
    value = data.draw(st.integers(min_value=low, max_value=high))
    assert getattr(decode_main(main_with(key, value)).progress["bridge"], key) == value


def week_with(change: dict[str, Any]) -> dict[str, Any]:
    session = encode_session(a_session())
    exercise = session["exercises"][0]
    done = exercise["sets_done"][0]
    for where, value in change.items():
        table: dict[str, Any] = {"session": session, "exercise": exercise, "set": done}[
            where.split(".")[0]
        ]
        table[where.split(".")[1]] = value
    return {"schema": 2, "sessions": [session]}


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"set.at_s": 1e308}, "sessions[0].exercises[0].sets_done[0].at_s"),
        ({"set.at_s": -1e308}, "sessions[0].exercises[0].sets_done[0].at_s"),
        ({"set.held_s": 1e300}, "sessions[0].exercises[0].sets_done[0].held_s"),
        ({"set.reps": 2**70}, "sessions[0].exercises[0].sets_done[0].reps"),
        ({"set.set": 2**63}, "sessions[0].exercises[0].sets_done[0].set"),
        ({"set.target": 10**9}, "sessions[0].exercises[0].sets_done[0].target"),
        ({"exercise.reps": 2**70}, "sessions[0].exercises[0].reps"),
        ({"session.started": START.replace(year=9999, month=12, day=31)}, "sessions[0].started"),
        ({"session.ended": START.replace(year=9999)}, "sessions[0].ended"),
        ({"session.started": START.replace(year=1)}, "sessions[0].started"),
    ],
)
def test_absurd_values_in_a_week_are_refused_by_key(change: dict[str, Any], key: str) -> None:
    with pytest.raises(StateFormatError, match=f"^{key.replace('[', '.').replace(']', '.')}"):
        decode_sessions(week_with(change))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    at_s=st.floats(allow_nan=False, allow_infinity=False),
    year=st.integers(min_value=1, max_value=9999),
)
def test_no_time_in_a_session_overflows(at_s: float, year: int) -> None:
    started = START.replace(year=year, day=1 if year in (1, 9999) else START.day)
    # Refused by name or read: what matters is that nothing else is ever raised.
    with contextlib.suppress(StateFormatError):
        decode_sessions(week_with({"set.at_s": at_s, "session.started": started}))


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (
            "schema = 1\n[progress.bridge]\nsets = 2\nreps = 1180591620717411303424\n"
            "hold_s = 0\nrest_s = 30\n",
            "progress.bridge.reps: expected a whole number between 1 and",
        ),
        (
            "schema = 1\n[progress.bridge]\nsets = 2\nreps = 8\nhold_s = 0\nrest_s = 30\n"
            "last_done = 9999-12-31\n",
            "progress.bridge.last_done: expected a date between",
        ),
        (
            "schema = 1\n[settings]\nx = " + "[" * 500 + "]" * 500 + "\n",
            "it nests tables or lists too deeply",
        ),
    ],
)
def test_a_main_file_with_absurd_values_is_a_damaged_file(
    tmp_path: Path, text: str, what: str
) -> None:
    state = tmp_path / "exercises.progress.toml"
    state.write_text(text)
    store = open_store(state)
    [problem] = store.startup_problems
    assert problem.path == state and problem.what.startswith(what)
    assert store.read_only_reason is not None
    store.close()


def test_reps_of_2_to_the_70_never_make_a_session(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    state.write_text(tomli_w.dumps(main_with("reps", 2**70)))
    store = open_store(state)
    [problem] = store.startup_problems
    assert problem.what == (
        f"progress.bridge.reps: expected a whole number between 1 and {MAX_REPS}, found {2**70}"
    )
    assert store.progress() == {}
    store.close()
