"""The kept summary must be exactly what counting the whole history again would give,
whatever order sessions arrive in and however often one is folded in."""

from __future__ import annotations

import itertools
import json
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from session_factory import done, session

from trainer.core.records import ExerciseRecord, SessionRecord
from trainer.core.stats.aggregate import (
    build_summary,
    day_ranges,
    empty_summary,
    fold_in_missing,
    update_summary,
)

BASE = datetime(2025, 1, 1)
OFFSETS = [timezone(timedelta(hours=h)) for h in (-10, 0, 1, 5.5, 14)]
EXERCISES = ["cat-cow", "bridge", "knee-to-chest", "front-plank"]


@st.composite
def exercise_records(draw: st.DrawFn, started: datetime) -> ExerciseRecord:
    exercise_id = draw(st.sampled_from(EXERCISES))
    hold = exercise_id in ("knee-to-chest", "front-plank")
    return done(
        exercise_id,
        sets=draw(st.integers(0, 3)),
        reps=draw(st.integers(1, 12)),
        hold_s=5 if hold else 0,
        per_side=exercise_id == "knee-to-chest",
        reps_done=draw(st.none() | st.integers(0, 12)),
        pain_stop=draw(st.none() | st.sampled_from(["sharp", "radiating", "other"])),
        skipped=draw(st.booleans()),
        finished=started + timedelta(minutes=5),
    )


@st.composite
def session_records(draw: st.DrawFn, number: int) -> SessionRecord:
    offset = draw(st.sampled_from(OFFSETS))
    local = BASE + timedelta(days=draw(st.integers(0, 400)), minutes=draw(st.integers(0, 1439)))
    started = local.replace(tzinfo=offset)
    exercises = draw(st.lists(exercise_records(started), max_size=3))
    one = session(
        started,
        *exercises,
        minutes=draw(st.floats(0, 90)),
        pain_before=draw(st.none() | st.integers(0, 10)),
        pain_after=draw(st.none() | st.integers(0, 10)),
        status=draw(st.sampled_from(["completed", "interrupted"])),
        session_id=f"{started:%Y%m%dT%H%M%S%z}-{number}",
    )
    if not exercises:
        one.exercises = []
    if draw(st.booleans()) and one.status == "interrupted":
        one.ended = None
    return one


@st.composite
def histories(draw: st.DrawFn) -> list[SessionRecord]:
    count = draw(st.integers(0, 25))
    return [draw(session_records(n)) for n in range(count)]


def in_order(sessions: list[SessionRecord]) -> list[SessionRecord]:
    return sorted(sessions, key=lambda s: (s.started.timestamp(), s.id))


@settings(max_examples=150, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_folding_one_at_a_time_in_any_order_equals_counting_from_scratch(
    sessions: list[SessionRecord], rnd: object
) -> None:
    shuffled = list(sessions)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    kept = empty_summary()
    for one in shuffled:
        kept = update_summary(kept, one)

    assert kept == build_summary(in_order(sessions))


@settings(max_examples=100, deadline=None)
@given(histories())
def test_folding_a_session_again_changes_nothing(sessions: list[SessionRecord]) -> None:
    summary = build_summary(sessions)
    recent = [s for s in sessions if s.day.isoformat() >= _cutoff(summary)]

    again, changed = fold_in_missing(summary, recent)

    assert not changed
    assert again == summary


def _cutoff(summary: dict[str, object]) -> str:
    last = summary["last_seen_day"]
    if not last:
        return ""
    return (date.fromisoformat(str(last)) - timedelta(days=130)).isoformat()


@settings(max_examples=100, deadline=None)
@given(histories())
def test_the_summary_counts_what_the_history_holds(sessions: list[SessionRecord]) -> None:
    summary = build_summary(sessions)
    training = [s for s in sessions if any(e.sets for e in s.exercises)]

    assert summary["sessions"] == len(training)
    assert summary["sets"] == sum(len(e.sets) for s in training for e in s.exercises)
    days = {
        d
        for start, end in day_ranges(summary)
        for d in (start + timedelta(n) for n in range((end - start).days + 1))
    }
    assert days == {s.day for s in training}
    ranges = day_ranges(summary)
    assert all(
        later[0] - earlier[1] > timedelta(days=1) for earlier, later in itertools.pairwise(ranges)
    )
    stops = sum(e.pain_stop is not None for s in sessions for e in s.exercises)
    assert sum(x["pain_stops"] for x in summary["exercises"].values()) == stops


@settings(max_examples=50, deadline=None)
@given(histories())
def test_the_summary_survives_toml_and_json_unchanged(sessions: list[SessionRecord]) -> None:
    summary = build_summary(sessions)

    assert tomllib.loads(tomli_w.dumps(summary)) == summary
    assert json.loads(json.dumps(summary)) == summary


def test_an_older_summary_layout_is_replaced_not_trusted() -> None:
    one = session(datetime(2026, 1, 5, 8, 0, tzinfo=UTC))

    summary = update_summary({"version": 0, "sessions": 99}, one)

    assert summary == build_summary([one])


def test_an_in_progress_session_is_not_counted() -> None:
    one = session(datetime(2026, 1, 5, 8, 0, tzinfo=UTC), status="in-progress")

    assert update_summary(empty_summary(), one) == empty_summary()


@settings(max_examples=100, deadline=None)
@given(histories(), st.integers(401, 520))
def test_day_by_day_figures_agree_with_counting_the_sessions(
    sessions: list[SessionRecord], days_after_base: int
) -> None:
    """The calendar, weekly minutes and pain rule read the summary's day-by-day figures;
    counted straight from the sessions they must come out the same (today being on or
    after every session's day, as the clock makes it)."""
    from catalogue_factory import catalogue

    from trainer.core.stats.aggregate import trained
    from trainer.core.stats.figures import compute_stats, daily_totals, pain_trend, recent_since

    today = (BASE + timedelta(days=days_after_base)).date()
    summary = build_summary(sessions)
    recent = [s for s in sessions if s.day >= recent_since(today)]
    stats = compute_stats(summary, recent, today=today, catalogue=catalogue())
    training = [s for s in sessions if trained(s)]

    for week in stats.calendar:
        for cell in week:
            on_day = [s for s in training if s.day == cell.day]
            assert cell.sessions == len(on_day)
            assert round(cell.minutes * 60) == sum(s.seconds for s in on_day)
    for week_minutes in stats.minutes_per_week:
        in_week = [
            s
            for s in training
            if week_minutes.monday <= s.day < week_minutes.monday + timedelta(days=7)
            and s.day <= today
        ]
        assert week_minutes.sessions == len(in_week)

    window = [
        s
        for s in training
        if today - timedelta(days=27) <= s.day <= today and s.pain_before is not None
    ]
    trend = pain_trend(daily_totals(summary), today)
    assert sum(trend.sessions_per_block) == len(window)
    rated_both = [
        s
        for s in sessions
        if today - timedelta(days=27) <= s.day <= today
        and s.pain_before is not None
        and s.pain_after is not None
    ]
    if rated_both:
        expected = sum(s.pain_after - s.pain_before for s in rated_both) / len(rated_both)  # type: ignore[operator]
        assert stats.pain.recent_change is not None
        assert abs(stats.pain.recent_change - expected) < 1e-9
    else:
        assert stats.pain.recent_change is None


def test_a_damaged_summary_never_stops_a_session_being_filed() -> None:
    one = session(datetime(2026, 1, 5, 8, 0, tzinfo=UTC))
    damaged = build_summary([])
    damaged["days"] = ["not a range"]

    assert update_summary(damaged, one) == {}  # rebuilt from the history when next read
