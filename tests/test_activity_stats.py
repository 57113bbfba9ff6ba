"""Activity on most days, beside the stretching and strength targets: the days of this
week with logged activity, against "most days" read as 5 of 7 (the app's default)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from catalogue_factory import catalogue
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.records import ActivityRecord
from trainer.core.stats.aggregate import empty_summary
from trainer.core.stats.figures import (
    MOST_DAYS_PER_WEEK,
    activity_target,
    compute_stats,
    read_stats,
)
from trainer.core.stats.text import target_line
from trainer.core.store.protocol import MemoryStore

FRIDAY = date(2026, 11, 20)
MONDAY = date(2026, 11, 16)


def test_most_days_is_the_apps_default_and_says_so() -> None:
    target = activity_target([], FRIDAY)
    assert MOST_DAYS_PER_WEEK == 5
    assert target_line(target) == (
        '· Activity on most days: not yet (0 days of 5 this week; "most days" read as 5 of 7, '
        "the app's default)"
    )


def test_two_activities_on_one_day_count_one_day() -> None:
    target = activity_target([MONDAY, MONDAY, MONDAY + timedelta(days=2)], FRIDAY)
    assert (target.done, target.met) == (2, False)


def test_only_this_weeks_days_up_to_today_count() -> None:
    last_sunday = MONDAY - timedelta(days=1)
    tomorrow = FRIDAY + timedelta(days=1)
    assert activity_target([last_sunday, tomorrow, FRIDAY], FRIDAY).done == 1


@given(st.sets(st.integers(0, 6)))
def test_met_exactly_from_five_days_on(weekdays: set[int]) -> None:
    sunday = MONDAY + timedelta(days=6)
    days = [MONDAY + timedelta(days=n) for n in weekdays]
    target = activity_target(days, sunday)
    assert target.done == len(weekdays)
    assert target.met == (len(weekdays) >= MOST_DAYS_PER_WEEK)


def test_the_activity_target_stands_beside_the_others() -> None:
    stats = compute_stats(
        empty_summary(), [], today=FRIDAY, catalogue=catalogue(), activity_days=[MONDAY]
    )
    assert [t.name for t in stats.targets] == [
        "Stretching daily",
        "Strength twice a week",
        "Activity on most days",
    ]
    assert stats.targets[2].done == 1


def test_read_stats_reads_this_weeks_activity_from_the_store() -> None:
    store = MemoryStore()
    zone = timezone(timedelta(hours=1))
    for day in (MONDAY - timedelta(days=3), MONDAY, MONDAY + timedelta(days=1)):
        store.log_activity(
            ActivityRecord(datetime.combine(day, datetime.min.time(), zone), "walking", 20)
        )
    stats = read_stats(store, catalogue(), FRIDAY, may_save=False)
    assert stats.targets[2].done == 2
