"""The stats rules: which day a session counts on, streaks, weekly targets, the pain rule,
and the kept summary agreeing with a from-scratch count."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from types import MappingProxyType
from zoneinfo import ZoneInfo

import pytest
from catalogue_factory import catalogue, screening
from session_factory import done, session

from trainer.core.records import ExerciseProgress, SessionRecord
from trainer.core.stats.aggregate import build_summary, empty_summary, update_summary
from trainer.core.stats.figures import (
    PainTrend,
    Stats,
    compute_stats,
    daily_totals,
    pain_trend,
    read_stats,
    recent_since,
)
from trainer.core.store.protocol import MemoryStore

LONDON = ZoneInfo("Europe/London")

FRIDAY = date(2026, 11, 20)  # the demo's today


def stats_of(sessions: list[SessionRecord], today: date, **extra: object) -> Stats:
    """Stats the way the app gets them: a summary kept at session end, plus recent sessions."""
    summary = empty_summary()
    for one in sessions:
        summary = update_summary(summary, one)
    since = recent_since(today)
    recent = [s for s in sessions if s.day >= since]
    return compute_stats(summary, recent, today=today, catalogue=catalogue(), **extra)  # type: ignore[arg-type]


def at(day: date, hour: int, minute: int = 0, tz: timezone | ZoneInfo = UTC) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def every_day(first: date, last: date, hour: int = 8) -> list[SessionRecord]:
    days = (last - first).days + 1
    return [session(at(first + timedelta(days=n), hour)) for n in range(days)]


@pytest.fixture
def machine_in_samoa() -> Iterator[None]:
    """Puts the machine's own zone far from the sessions' so nothing can lean on it."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Pacific/Apia"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


# --------------------------------------------------------------------------- days


def test_sessions_either_side_of_midnight_count_on_two_days() -> None:
    sessions = [
        session(at(date(2026, 11, 18), 23, 59)),
        session(at(date(2026, 11, 19), 0, 1)),
    ]

    stats = stats_of(sessions, FRIDAY)

    days = {cell.day: cell.sessions for week in stats.calendar for cell in week}
    assert days[date(2026, 11, 18)] == 1
    assert days[date(2026, 11, 19)] == 1
    assert stats.best_streak == 2


def test_sunday_night_and_monday_morning_fall_in_different_weeks() -> None:
    sunday, monday = date(2026, 11, 15), date(2026, 11, 16)
    sessions = [
        session(at(sunday, 23, 50), minutes=20),
        session(at(monday, 0, 5), minutes=30),
    ]

    stats = stats_of(sessions, FRIDAY)

    by_week = {w.monday: w for w in stats.minutes_per_week}
    assert by_week[date(2026, 11, 9)].minutes == pytest.approx(20)
    assert by_week[date(2026, 11, 16)].minutes == pytest.approx(30)
    assert stats.sessions_this_week == 1


def test_a_session_counts_on_the_day_it_started_even_if_it_ends_after_midnight() -> None:
    stats = stats_of([session(at(date(2026, 11, 18), 23, 50), minutes=30)], FRIDAY)

    days = {cell.day: cell.sessions for week in stats.calendar for cell in week}
    assert days[date(2026, 11, 18)] == 1
    assert days[date(2026, 11, 19)] == 0


def test_across_the_spring_clock_change_days_follow_local_time() -> None:
    # Europe/London goes from GMT to BST at 01:00 on Sunday 2026-03-29.
    sessions = [
        session(datetime(2026, 3, 28, 23, 30, tzinfo=LONDON)),  # Saturday, GMT
        session(datetime(2026, 3, 29, 0, 30, tzinfo=LONDON)),  # Sunday, before the change
        session(datetime(2026, 3, 29, 23, 30, tzinfo=LONDON)),  # Sunday, BST
        session(datetime(2026, 3, 30, 0, 10, tzinfo=LONDON)),  # Monday: a new week
    ]
    today = date(2026, 3, 30)

    stats = stats_of(sessions, today)

    days = {cell.day: cell.sessions for week in stats.calendar for cell in week}
    assert days[date(2026, 3, 28)] == 1
    assert days[date(2026, 3, 29)] == 2
    assert days[date(2026, 3, 30)] == 1
    assert stats.current_streak == 3
    assert stats.sessions_this_week == 1


def test_minutes_across_the_clock_change_are_real_minutes() -> None:
    # 00:50 GMT to 02:10 BST is 20 real minutes, though the wall clock moved 80.
    start = datetime(2026, 3, 29, 0, 50, tzinfo=LONDON)
    one = session(start)
    one.ended = datetime(2026, 3, 29, 2, 10, tzinfo=LONDON)

    stats = stats_of([one], date(2026, 3, 29))

    assert stats.total_minutes == pytest.approx(20)


def test_a_far_utc_offset_counts_on_its_own_local_day(machine_in_samoa: None) -> None:
    kiritimati = timezone(timedelta(hours=14))
    honolulu = timezone(timedelta(hours=-10))
    sessions = [
        # 2026-11-19 00:30 at +14:00 is still 2026-11-18 in UTC: it counts on the 19th.
        session(datetime(2026, 11, 19, 0, 30, tzinfo=kiritimati)),
        # 2026-11-17 22:00 at -10:00 is already the 18th in UTC: it counts on the 17th.
        session(datetime(2026, 11, 17, 22, 0, tzinfo=honolulu)),
    ]

    stats = stats_of(sessions, FRIDAY)

    days = {cell.day: cell.sessions for week in stats.calendar for cell in week}
    assert days[date(2026, 11, 17)] == 1
    assert days[date(2026, 11, 18)] == 0
    assert days[date(2026, 11, 19)] == 1


def test_the_calendar_spans_sixteen_monday_weeks_and_marks_today() -> None:
    stats = stats_of([], FRIDAY)

    assert len(stats.calendar) == 16
    assert all(len(week) == 7 and week[0].day.weekday() == 0 for week in stats.calendar)
    todays = [cell for week in stats.calendar for cell in week if cell.is_today]
    assert [cell.day for cell in todays] == [FRIDAY]
    future = [cell.day for cell in stats.calendar[-1] if cell.in_future]
    assert future == [date(2026, 11, 21), date(2026, 11, 22)]


# --------------------------------------------------------------------------- streaks


def test_the_current_streak_still_counts_while_today_is_not_done_yet() -> None:
    sessions = every_day(date(2026, 11, 15), date(2026, 11, 19))

    stats = stats_of(sessions, FRIDAY)

    assert stats.current_streak == 5
    assert stats.best_streak == 5


def test_a_missed_day_ends_the_current_streak_but_not_the_best() -> None:
    sessions = every_day(date(2026, 11, 1), date(2026, 11, 10)) + every_day(
        date(2026, 11, 12), date(2026, 11, 13)
    )

    stats = stats_of(sessions, FRIDAY)

    assert stats.current_streak == 0
    assert stats.best_streak == 10


def test_two_sessions_on_one_day_are_one_streak_day() -> None:
    sessions = [session(at(FRIDAY, 7)), session(at(FRIDAY, 19))]

    stats = stats_of(sessions, FRIDAY)

    assert stats.current_streak == 1
    assert stats.total_sessions == 2


def test_a_session_with_every_exercise_skipped_is_not_a_training_day() -> None:
    skipped = session(at(FRIDAY, 7), done("cat-cow", sets=0, skipped=True))

    stats = stats_of([skipped], FRIDAY)

    assert stats.current_streak == 0
    assert not stats.has_history


def test_the_best_streak_outlives_the_recent_window() -> None:
    old = every_day(date(2024, 1, 1), date(2024, 3, 1))  # 61 days, long before the calendar
    recent = every_day(date(2026, 11, 18), date(2026, 11, 20))

    stats = stats_of(old + recent, FRIDAY)

    assert stats.best_streak == 61
    assert stats.current_streak == 3
    assert stats.first_day == date(2024, 1, 1)


# --------------------------------------------------------------------------- targets


def stretch(day: date, hour: int = 8) -> SessionRecord:
    return session(at(day, hour), done("cat-cow"))


def strength(day: date, hour: int = 18, exercise_id: str = "bridge") -> SessionRecord:
    return session(at(day, hour), done(exercise_id), plan_id="core-strength")


def test_stretching_every_day_so_far_meets_the_daily_target() -> None:
    monday = date(2026, 11, 16)
    sessions = [stretch(monday + timedelta(days=n)) for n in range(5)]

    target = stats_of(sessions, FRIDAY).targets[0]

    assert (target.name, target.done, target.goal, target.met) == ("Stretching daily", 5, 5, True)


def test_a_day_without_a_stretch_leaves_the_daily_target_not_yet_met() -> None:
    monday = date(2026, 11, 16)
    sessions = [stretch(monday + timedelta(days=n)) for n in (0, 1, 3, 4)]

    target = stats_of(sessions, FRIDAY).targets[0]

    assert (target.done, target.goal, target.met) == (4, 5, False)
    assert target.detail == "4 of 5 days so far this week"


def test_two_strength_sessions_on_one_day_are_not_twice_a_week() -> None:
    tuesday = date(2026, 11, 17)
    sessions = [strength(tuesday, 9), strength(tuesday, 18)]

    target = stats_of(sessions, FRIDAY).targets[1]

    assert (target.name, target.done, target.met) == ("Strength twice a week", 1, False)


def test_strength_on_two_days_meets_the_target_and_stability_counts() -> None:
    sessions = [strength(date(2026, 11, 17)), strength(date(2026, 11, 19), 18, "front-plank")]

    target = stats_of(sessions, FRIDAY).targets[1]

    assert (target.done, target.met) == (2, True)


def test_last_weeks_sessions_do_not_count_towards_this_week() -> None:
    sessions = [strength(date(2026, 11, 12)), strength(date(2026, 11, 13))]

    target = stats_of(sessions, FRIDAY).targets[1]

    assert (target.done, target.met) == (0, False)


def test_a_strength_session_with_a_stretch_in_it_counts_for_both() -> None:
    mixed = session(at(FRIDAY, 8), done("cat-cow"), done("bridge"), plan_id="core-strength")

    stretching, strength_target, _activity = stats_of([mixed], FRIDAY).targets

    assert (stretching.done, strength_target.done) == (1, 1)


# --------------------------------------------------------------------------- pain rule


def rated(day: date, before: int, after: int | None = None, hour: int = 8) -> SessionRecord:
    return session(at(day, hour), pain_before=before, pain_after=after)


def trend_of(sessions: list[SessionRecord]) -> PainTrend:
    return pain_trend(daily_totals(build_summary(sessions)), FRIDAY)


def four_weeks(before_first: int, before_second: int, per_week: int = 2) -> list[SessionRecord]:
    """Four weeks up to FRIDAY, `per_week` sessions a week, pain as given in each half."""
    window_start = FRIDAY - timedelta(days=27)
    sessions = []
    for block in range(4):
        for n in range(per_week):
            day = window_start + timedelta(days=block * 7 + n * 3)
            sessions.append(rated(day, before_first if block < 2 else before_second))
    return sessions


def test_pain_that_has_not_eased_over_four_regular_weeks_is_flagged() -> None:
    trend = trend_of(four_weeks(4, 4))

    assert trend.regular
    assert trend.sessions_per_block == (2, 2, 2, 2)
    assert trend.not_improving


def test_pain_that_got_worse_is_flagged() -> None:
    assert trend_of(four_weeks(3, 5)).not_improving


def test_pain_that_eased_is_not_flagged() -> None:
    trend = trend_of(four_weeks(5, 4))

    assert trend.regular
    assert not trend.not_improving


def test_one_thin_week_means_sessions_were_not_regular() -> None:
    sessions = four_weeks(4, 4)
    del sessions[2]  # the second week now has one session

    trend = trend_of(sessions)

    assert not trend.regular
    assert not trend.not_improving


def test_no_pain_is_never_flagged() -> None:
    assert not trend_of(four_weeks(0, 0)).not_improving


def test_the_pain_rule_is_part_of_the_stats_and_brings_the_catalogues_advice() -> None:
    advice = ("See a physical therapist.",)
    guided = dataclasses.replace(catalogue(), guidance=MappingProxyType({"seek-help": advice}))
    sessions = four_weeks(4, 5)
    summary = build_summary(sessions)

    stats = compute_stats(summary, sessions, today=FRIDAY, catalogue=guided)

    assert stats.pain.trend.not_improving
    assert stats.pain.seek_help == advice


def test_average_pain_change_is_after_minus_before_over_rated_sessions() -> None:
    sessions = [
        rated(date(2026, 11, 16), 5, 3),
        rated(date(2026, 11, 17), 4, 4),
        rated(date(2026, 11, 18), 6),  # no rating after: not in the average
    ]

    pain = stats_of(sessions, FRIDAY).pain

    assert pain.rated_sessions == 2
    assert pain.average_change == pytest.approx(-1.0)
    assert pain.recent_change == pytest.approx(-1.0)
    (week,) = pain.weeks
    assert week.before == pytest.approx(5.0)
    assert week.after == pytest.approx(3.5)


# --------------------------------------------------------------------------- the rest


def test_no_history_is_the_first_run_state() -> None:
    stats = stats_of([], FRIDAY)

    assert not stats.has_history
    assert stats.exercises == ()
    assert stats.pain_stops == ()
    assert (stats.current_streak, stats.best_streak, stats.total_sessions) == (0, 0, 0)


def test_exercise_progress_compares_the_first_prescription_with_today_s() -> None:
    sessions = [
        session(at(date(2026, 10, 1), 8), done("bridge", reps=10, sets=1)),
        session(at(date(2026, 11, 18), 8), done("bridge", reps=12, sets=1, reps_done=11)),
    ]
    progress = {"bridge": ExerciseProgress("bridge", hold_s=0, reps=12, sets=2, rest_s=30)}

    (bridge,) = stats_of(sessions, FRIDAY, progress=progress).exercises

    assert bridge.name == "Bridge"
    assert bridge.sessions == 2
    assert bridge.change == "reps 10→12, sets 1→2"
    assert bridge.unit == "reps"
    assert bridge.series == (10, 11)
    assert bridge.series_weeks == (date(2026, 9, 28), date(2026, 11, 16))


def test_hold_exercises_chart_seconds_held_per_side() -> None:
    one = session(at(FRIDAY, 8), done("knee-to-chest", hold_s=5, reps=3, sets=2, per_side=True))

    (knee,) = stats_of([one], FRIDAY).exercises

    assert knee.unit == "s held"
    assert knee.series == (30,)  # 2 sets x 3 reps x 5 s, on each side


def test_seconds_held_per_side_come_from_the_log_side_by_side() -> None:
    """10.6 s held on the left, the right side never reached: 11 s held per side, where
    halving the session's total said 5."""
    knee = done("knee-to-chest", hold_s=10, reps=1, per_side=True)
    knee.sets = [dataclasses.replace(knee.sets[0], seconds_held=10.6)]  # left only
    one = session(at(FRIDAY, 8), knee)

    (shown,) = stats_of([one], FRIDAY).exercises

    assert shown.series == (11,)


def test_the_better_side_is_what_a_session_held_per_side() -> None:
    knee = done("knee-to-chest", hold_s=10, reps=1, per_side=True)
    left, right = knee.sets
    knee.sets = [
        dataclasses.replace(left, seconds_held=10.6),
        dataclasses.replace(right, seconds_held=7.0),
    ]

    (shown,) = stats_of([session(at(FRIDAY, 8), knee)], FRIDAY).exercises

    assert shown.series == (11,)


def test_stopped_for_pain_lists_each_exercise_with_its_latest_stop() -> None:
    sessions = [
        session(at(date(2026, 9, 1), 8), done("cat-cow", pain_stop="sharp")),
        session(at(date(2026, 10, 1), 8), done("cat-cow", pain_stop="radiating", sets=0)),
        session(at(date(2026, 10, 5), 8), done("bridge", pain_stop="other")),
    ]

    stops = stats_of(sessions, FRIDAY).pain_stops

    assert [(s.exercise_id, s.times, s.last, s.last_kind) for s in stops] == [
        ("bridge", 1, date(2026, 10, 5), "other"),
        ("cat-cow", 2, date(2026, 10, 1), "radiating"),
    ]


def test_screening_is_due_again_four_weeks_after_it_was_taken() -> None:
    taken = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)
    cleared = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)
    record = screening("see-clinician", taken=taken, cleared=cleared)

    status = stats_of([], FRIDAY, screening=record).screening

    assert status is not None
    assert (status.outcome, status.taken, status.clinician_cleared) == (
        "see-clinician",
        date(2026, 11, 1),
        date(2026, 11, 3),
    )
    assert status.due == date(2026, 11, 29)
    assert status.days_until_due == 9


def test_an_overdue_screening_has_negative_days_until_due() -> None:
    record = screening(taken=datetime(2026, 10, 1, 10, 0, tzinfo=UTC))

    status = stats_of([], FRIDAY, screening=record).screening

    assert status is not None
    assert status.days_until_due == -22


# --------------------------------------------------------------------------- reading a store


def test_sessions_filed_without_the_summary_are_folded_in_and_saved() -> None:
    store = MemoryStore()
    first = session(at(date(2026, 11, 18), 8))
    store.save_session(first)
    store.save_summary(update_summary(empty_summary(), first))
    store.save_session(session(at(date(2026, 11, 19), 8)))  # say, an interrupted one filed

    stats = read_stats(store, catalogue(), FRIDAY, may_save=True)

    assert stats.total_sessions == 2
    assert store.summary()["sessions"] == 2


def test_a_read_only_look_never_writes_the_summary() -> None:
    store = MemoryStore()
    store.save_session(session(at(date(2026, 11, 19), 8)))

    stats = read_stats(store, catalogue(), FRIDAY, may_save=False)

    assert stats.total_sessions == 1
    assert store.summary() == {}


def test_a_missing_summary_is_rebuilt_from_the_whole_history() -> None:
    store = MemoryStore()
    for one in every_day(date(2023, 5, 1), date(2023, 5, 7)):
        store.save_session(one)

    stats = read_stats(store, catalogue(), FRIDAY, may_save=True)

    assert (stats.total_sessions, stats.best_streak) == (7, 7)
    assert store.summary()["sessions"] == 7


def test_a_store_that_refuses_writes_still_shows_the_stats() -> None:
    from trainer.core.store.protocol import StoreReadOnly

    class Refusing(MemoryStore):
        def save_summary(self, summary: dict[str, object]) -> None:
            raise StoreReadOnly("state files were damaged: not written until confirmed")

    store = Refusing()
    store.save_session(session(at(date(2026, 11, 19), 8)))

    stats = read_stats(store, catalogue(), FRIDAY, may_save=True)

    assert stats.total_sessions == 1


def test_without_pain_ratings_the_pain_summary_says_so() -> None:
    from trainer.core.stats.text import pain_summary_line

    pain = stats_of([session(at(date(2026, 11, 19), 8))], FRIDAY).pain

    assert pain.weeks == ()
    assert pain_summary_line(pain) == "No pain ratings yet."


def test_a_session_record_s_minutes_are_real_minutes_across_the_clock_change() -> None:
    one = session(datetime(2026, 3, 29, 0, 50, tzinfo=LONDON))
    one.ended = datetime(2026, 3, 29, 2, 10, tzinfo=LONDON)  # 01:00 GMT became 02:00 BST

    assert one.minutes == pytest.approx(20)


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: s.pop("daily"),
        lambda s: s.update(days=["not a range"]),
        lambda s: s["pain"].update(before_n="x y z"),
        lambda s: s.update(exercises=[]),
        lambda s: s.update(sessions="many"),
    ],
)
def test_a_damaged_summary_is_rebuilt_from_the_history(damage: object) -> None:
    store = MemoryStore()
    sessions = every_day(date(2026, 11, 1), date(2026, 11, 19))
    for one in sessions:
        store.save_session(one)
    summary = build_summary(sessions)
    damage(summary)  # type: ignore[operator]
    store.save_summary(summary)

    stats = read_stats(store, catalogue(), FRIDAY, may_save=True)

    assert (stats.total_sessions, stats.current_streak) == (19, 19)
    assert store.summary() == build_summary(sessions)
