"""The safety policy's rules, one by one, against `trainer.core.plan.safety`'s docstring: a yes
counts at once, only a completed screening lifts a flag (a clearance too, but never an
urgent one), severe pain, pain getting worse, the 15-minute check-back and rest days.

Every input is made here and the clock is a fixed moment, so nothing depends on the wall.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

import pytest
from catalogue_factory import NOW, QUESTIONS, catalogue
from hypothesis import given, settings
from hypothesis import strategies as st
from session_factory import done, session

from trainer.core.actions import close_interrupted
from trainer.core.plan import safety
from trainer.core.plan.safety import (
    ANYTHING_NEW,
    CLEARANCE_WAY_ON,
    DUE_REASON,
    NO_SCREENING_REASON,
    URGENT_REASON,
    SafetyStatus,
    assess,
    before_session,
    is_severe,
    pain_rose,
    session_events,
)
from trainer.core.plan.screening import ScreeningError, evaluate, record_clinician_clearance
from trainer.core.records import (
    CheckBack,
    Clearance,
    PainRise,
    PainStop,
    RedFlagAnswer,
    SafetyEvent,
    ScreeningRecord,
    SessionRecord,
    SeverePain,
)
from trainer.core.store.protocol import MemoryStore

URGENT_Q = "bladder-bowel"
SEE_Q = "surgery"
CAUTION_Q = "disc"
SEE_CLINICIAN_QUESTIONS = ("surgery", "numbness")
OUTCOME = {q.id: q.outcome for q in QUESTIONS}
BLADDER = 'a yes to "Have you lost control of your bladder or bowels?"'

# Minutes between things: from one to six days' worth, so same-day and cross-day cases
# both come up; three of them together still fall after `CLEAR`.
gaps = st.integers(min_value=1, max_value=6 * 24 * 60).map(lambda m: timedelta(minutes=m))
pains = st.integers(min_value=0, max_value=10)
mild = st.integers(min_value=0, max_value=safety.SEVERE_PAIN_FROM - 1)
severe = st.integers(min_value=safety.SEVERE_PAIN_FROM, max_value=10)


def screened(taken: datetime, yes: Iterable[str] = (), pain: int = 2) -> ScreeningRecord:
    """A completed screening, scored by the real `evaluate` as the screening screen does."""
    said = set(yes)
    return evaluate(
        QUESTIONS,
        {q.id: q.id in said for q in QUESTIONS},
        pain_now=pain,
        level="beginner",
        equipment=("mat",),
        taken=taken,
    )


def yes(question_id: str, when: datetime) -> RedFlagAnswer:
    """The event the screening screen saves the moment a question is answered yes."""
    return RedFlagAnswer(when, question_id, OUTCOME[question_id])


def status(
    screening: ScreeningRecord | None,
    events: Sequence[SafetyEvent] = (),
    now: datetime = NOW,
    interrupted: SessionRecord | None = None,
) -> SafetyStatus:
    return assess(QUESTIONS, screening, sorted(events, key=lambda e: e.when), interrupted, now)


#: A clear screening from before anything the tests then add (and not yet due again).
CLEAR = screened(NOW - timedelta(days=20))


# --------------------------------------------------------------------------- the screening


def test_no_screening_no_session() -> None:
    found = status(None)
    assert not found.may_start
    assert found.block_reason == NO_SCREENING_REASON
    assert found.flags == () and found.header() is None


def test_a_clear_screening_lets_a_session_start() -> None:
    found = status(CLEAR)
    assert found.may_start and found.flags == ()
    assert found.rest_today is None and found.check_back_due is None


@given(age=st.integers(min_value=0, max_value=60 * 24 * 60))
def test_a_screening_more_than_four_weeks_old_is_due_again(age: int) -> None:
    found = status(screened(NOW - timedelta(minutes=age)))
    if timedelta(minutes=age) > safety.RECHECK_AFTER:
        assert found.block_reason == DUE_REASON
    else:
        assert found.may_start


@given(answered=st.sampled_from(["disc", "history"]))
def test_a_caution_yes_does_not_block(answered: str) -> None:
    assert status(CLEAR, [yes(answered, NOW - timedelta(hours=1))]).may_start
    assert status(screened(NOW - timedelta(days=1), [answered])).may_start


# --------------------------------------------------------------------------- urgent


@given(after_screening=gaps, before_now=gaps)
def test_an_urgent_yes_after_a_clear_screening_blocks_at_once(
    after_screening: timedelta, before_now: timedelta
) -> None:
    taken = NOW - after_screening - before_now
    found = status(screened(taken), [yes(URGENT_Q, taken + after_screening)])
    assert found.block_reason == URGENT_REASON
    assert found.urgent and not found.needs_clearance
    assert [(f.level, f.what) for f in found.flags] == [("urgent", BLADDER)]
    assert found.header() == f"URGENT: {BLADDER}"


@given(after=gaps, cleared_after=gaps)
def test_a_clearance_never_lifts_an_urgent_yes(after: timedelta, cleared_after: timedelta) -> None:
    answered = NOW - after - cleared_after
    events: list[SafetyEvent] = [yes(URGENT_Q, answered), Clearance(answered + cleared_after)]
    assert status(CLEAR, events).block_reason == URGENT_REASON
    assert status(None, events).block_reason == URGENT_REASON


def test_an_urgent_screening_cannot_be_cleared_and_blocks() -> None:
    record = screened(NOW - timedelta(hours=1), [URGENT_Q])
    assert record.outcome == "urgent"
    with pytest.raises(ScreeningError):
        record_clinician_clearance(record, NOW)
    found = status(record, [Clearance(NOW - timedelta(minutes=1))])
    assert found.block_reason == URGENT_REASON
    assert [f.what for f in found.flags] == [BLADDER]


@given(answered=gaps, rescreened=gaps)
def test_only_a_completed_screening_taken_later_lifts_an_urgent_yes(
    answered: timedelta, rescreened: timedelta
) -> None:
    event = yes(URGENT_Q, NOW - answered)
    # Taken before the yes: the yes stands.
    assert status(screened(event.when - rescreened), [event]).urgent
    # Taken after it, without it: lifted.
    later = screened(event.when + min(rescreened, answered))
    assert status(later, [event]).may_start
    # Taken after it, with it again: still urgent.
    assert status(screened(later.taken, [URGENT_Q]), [event]).block_reason == URGENT_REASON


@given(answers=st.lists(st.sampled_from([q.id for q in QUESTIONS]), max_size=5))
def test_an_abandoned_screening_lifts_nothing(answers: list[str]) -> None:
    """Answers of a screening left before its end are events only: no record replaces the
    last completed one, so an urgent yes from before stays, whatever else was said."""
    first = yes(URGENT_Q, NOW - timedelta(hours=3))
    abandoned = [
        yes(q, NOW - timedelta(hours=2) + timedelta(seconds=i)) for i, q in enumerate(answers)
    ]
    assert status(CLEAR, [first, *abandoned]).block_reason == URGENT_REASON


# --------------------------------------------------------------------------- see a clinician


@given(question=st.sampled_from(SEE_CLINICIAN_QUESTIONS), after=gaps)
def test_a_see_clinician_yes_blocks_until_a_later_clearance(
    question: str, after: timedelta
) -> None:
    event = yes(question, NOW - after)
    found = status(CLEAR, [event])
    assert not found.may_start and found.needs_clearance and not found.urgent
    assert found.block_reason is not None and found.block_reason.endswith(CLEARANCE_WAY_ON)
    assert found.block_reason.startswith('A yes to "')
    assert (found.header() or "").startswith("See a clinician first: ")
    # A clearance from before the yes does not count; one at or after it does.
    assert not status(CLEAR, [Clearance(event.when - timedelta(seconds=1)), event]).may_start
    assert status(CLEAR, [event, Clearance(event.when)]).may_start
    assert status(CLEAR, [event, Clearance(NOW)]).may_start


@given(question=st.sampled_from(SEE_CLINICIAN_QUESTIONS), after=gaps)
def test_a_see_clinician_yes_is_lifted_by_a_later_completed_screening(
    question: str, after: timedelta
) -> None:
    event = yes(question, NOW - after)
    assert status(screened(event.when + timedelta(seconds=1)), [event]).may_start
    # A later screening that says yes again stands until cleared.
    again = screened(event.when + timedelta(seconds=1), [question])
    assert again.outcome == "see-clinician"
    assert status(again, [event]).needs_clearance
    assert status(record_clinician_clearance(again, NOW), [event]).may_start


def test_a_see_clinician_screening_lifted_only_by_a_clearance_after_it() -> None:
    record = screened(NOW - timedelta(days=1), [SEE_Q, CAUTION_Q])
    assert status(record).needs_clearance
    assert not status(record, [Clearance(record.taken - timedelta(minutes=1))]).may_start
    assert status(record, [Clearance(record.taken + timedelta(minutes=1))]).may_start
    assert status(record_clinician_clearance(record, NOW)).may_start


def test_a_clearance_lifts_only_the_flags_from_before_it() -> None:
    first = yes(SEE_Q, NOW - timedelta(hours=3))
    cleared = Clearance(NOW - timedelta(hours=2))
    second = yes("numbness", NOW - timedelta(hours=1))
    found = status(CLEAR, [first, cleared, second])
    assert [f.since for f in found.flags] == [second.when]


def test_urgent_flags_come_first_and_a_repeated_yes_is_named_once() -> None:
    events = [
        yes(SEE_Q, NOW - timedelta(hours=3)),
        yes(URGENT_Q, NOW - timedelta(hours=2)),
        yes(URGENT_Q, NOW - timedelta(hours=1)),
    ]
    found = status(CLEAR, events)
    assert [f.level for f in found.flags] == ["urgent", "see-clinician"]
    assert found.flags[0].since == NOW - timedelta(hours=2)
    assert found.header() == f"URGENT: {BLADDER} (and 1 more)"


# --------------------------------------------------------------------------- severe pain


def test_severe_means_seven_to_ten() -> None:
    assert [p for p in range(11) if is_severe(p)] == [7, 8, 9, 10]


@given(pain=severe)
def test_severe_pain_at_the_screening_means_see_a_clinician(pain: int) -> None:
    record = screened(NOW - timedelta(hours=1), pain=pain)
    assert record.outcome == "see-clinician"
    found = status(record)
    assert found.needs_clearance
    assert [f.what for f in found.flags] == [f"pain {pain} out of 10 at the screening"]
    assert status(record_clinician_clearance(record, NOW)).may_start


@given(pain=mild)
def test_pain_up_to_six_at_the_screening_is_not_severe(pain: int) -> None:
    record = screened(NOW - timedelta(hours=1), pain=pain)
    assert record.outcome == "clear"
    assert status(record).may_start


@given(pain=severe, age=gaps)
def test_severe_pain_before_a_session_refuses_it_and_is_recorded(pain: int, age: timedelta) -> None:
    for screening in (screened(NOW - age), None):
        said = before_session(screening, pain, NOW)
        assert said.refusal is not None
        assert said.refusal.startswith(safety.SEVERE_PAIN_WORDS.format(pain=pain))
        assert safety.SEE_A_DOCTOR in said.refusal and said.ask is None
        assert said.event == SeverePain(NOW, pain, "before")
    event = SeverePain(NOW, pain, "before")
    later = NOW + timedelta(minutes=5)
    blocked = status(CLEAR, [event], now=later)
    assert blocked.needs_clearance
    assert [f.what for f in blocked.flags] == [f"pain {pain} out of 10 before a session"]
    assert status(CLEAR, [event, Clearance(later)], now=later).may_start
    assert status(screened(later), [event], now=later).may_start


@given(pain=mild, screening_pain=mild, age=gaps)
def test_pain_up_to_six_before_a_session_is_never_refused(
    pain: int, screening_pain: int, age: timedelta
) -> None:
    said = before_session(screened(NOW - age, pain=screening_pain), pain, NOW)
    assert said.refusal is None and said.event is None


# --------------------------------------------------------------------------- anything new?


@given(screening_pain=mild, rise=st.integers(min_value=2, max_value=6), age=gaps)
def test_pain_two_points_above_the_screening_asks_in_earnest(
    screening_pain: int, rise: int, age: timedelta
) -> None:
    pain = screening_pain + rise
    if is_severe(pain):
        return  # refused outright (tested above)
    said = before_session(screened(NOW - age, pain=screening_pain), pain, NOW)
    assert said.earnest and said.ask is not None and ANYTHING_NEW in said.ask
    assert f"Your pain is {pain} out of 10 now; it was {screening_pain}" in said.ask


@given(
    screening_pain=mild,
    change=st.integers(min_value=-6, max_value=1),
    hours=st.integers(min_value=25, max_value=27 * 24),
)
def test_a_screening_more_than_a_day_old_asks_plainly(
    screening_pain: int, change: int, hours: int
) -> None:
    pain = min(6, max(0, screening_pain + change))
    said = before_session(screened(NOW - timedelta(hours=hours), pain=screening_pain), pain, NOW)
    assert said.ask == ANYTHING_NEW and not said.earnest


@given(
    screening_pain=mild,
    change=st.integers(min_value=-6, max_value=1),
    seconds=st.integers(min_value=0, max_value=24 * 3600),
)
def test_never_asked_within_a_day_of_the_screening_when_pain_has_not_risen(
    screening_pain: int, change: int, seconds: int
) -> None:
    pain = min(6, max(0, screening_pain + change))
    taken = NOW - timedelta(seconds=seconds)
    assert before_session(screened(taken, pain=screening_pain), pain, NOW) == (
        safety.BeforeSession()
    )


def test_thirty_seconds_after_a_screening_nothing_is_asked() -> None:
    assert before_session(screened(NOW - timedelta(seconds=30), pain=3), 3, NOW).ask is None


def test_without_a_screening_only_severe_pain_says_anything() -> None:
    assert before_session(None, 6, NOW) == safety.BeforeSession()


# --------------------------------------------------------------------------- pain rise


@given(before=st.none() | pains, after=st.none() | pains)
def test_pain_rose_means_two_or_more_points_up(before: int | None, after: int | None) -> None:
    expected = before is not None and after is not None and after - before >= 2
    assert pain_rose(before, after) is expected


@given(before=pains, after=pains, stopped=st.booleans())
def test_a_finished_session_files_its_pain_stops_and_any_pain_rise(
    before: int, after: int, stopped: bool
) -> None:
    started = NOW - timedelta(hours=1)
    cat_cow = done("cat-cow", pain_stop="sharp" if stopped else None, finished=started)
    if stopped:
        cat_cow.pain_stop_at = started + timedelta(minutes=3)
    record = session(
        started, cat_cow, done("bridge", finished=started), pain_before=before, pain_after=after
    )
    events = session_events(record, NOW)
    expected: list[SafetyEvent] = []
    if stopped:
        expected.append(PainStop(started + timedelta(minutes=3), record.id, "cat-cow", "sharp"))
    if after - before >= 2:
        expected.append(PainRise(NOW, record.id, before, after))
    assert events == expected


def test_a_pain_stop_without_its_moment_counts_from_the_session_end() -> None:
    record = session(NOW - timedelta(hours=1), done("cat-cow", pain_stop="other"))
    assert record.ended is not None
    [stop] = session_events(record, NOW)
    assert stop == PainStop(record.ended, record.id, "cat-cow", "other")


def test_the_pain_rise_advice_says_it_is_not_normal_with_the_15_minute_rule() -> None:
    words = " ".join(safety.pain_rise_advice(2, 4, {}))
    assert "from 2 to 4" in words
    for quoted in (safety.SORENESS_IS_NORMAL, safety.FIFTEEN_MINUTE_RULE, safety.SEE_A_DOCTOR):
        assert quoted in words
    assert "gentle stretching today" in words


# --------------------------------------------------------------------------- rest today


@given(earlier=st.integers(min_value=0, max_value=9 * 60), kind=st.sampled_from(["stop", "rise"]))
def test_a_pain_stop_or_rise_today_means_rest_and_strength_again_tomorrow(
    earlier: int, kind: str
) -> None:
    # NOW is 09:00: anything up to 9 hours earlier is today.
    when = NOW - timedelta(minutes=earlier)
    event: SafetyEvent = (
        PainStop(when, "s", "bridge", "sharp") if kind == "stop" else PainRise(when, "s", 2, 5)
    )
    found = status(CLEAR, [event], now=NOW)
    assert found.rest_today is not None and "strength can wait" in found.rest_today
    assert found.may_start  # stretching is still allowed
    tomorrow = datetime.combine(NOW.date() + timedelta(days=1), datetime.min.time(), NOW.tzinfo)
    assert status(CLEAR, [event], now=tomorrow).rest_today is None
    assert (
        status(
            CLEAR,
            [event, CheckBack(when + timedelta(minutes=15), False)],
            now=tomorrow + timedelta(hours=10),
        ).rest_today
        is None
    )


def test_a_pain_stop_in_the_unfinished_session_also_means_rest() -> None:
    started = NOW - timedelta(hours=1)
    stopped = done("bridge", pain_stop="sharp", finished=started)
    stopped.pain_stop_at = started + timedelta(minutes=4)
    unfinished = session(started, stopped, status="in-progress")
    found = status(CLEAR, [], interrupted=unfinished)
    assert found.rest_today is not None
    assert found.check_back_due == stopped.pain_stop_at + safety.CHECK_BACK_AFTER


def test_a_pain_rise_on_another_day_is_not_today() -> None:
    found = status(CLEAR, [PainRise(NOW - timedelta(days=1), "s", 1, 5)])
    assert found.rest_today is None


# --------------------------------------------------------------------------- check-back


@given(stops=st.lists(gaps, min_size=1, max_size=4))
def test_the_check_back_is_due_fifteen_minutes_after_the_last_pain_stop(
    stops: list[timedelta],
) -> None:
    events = [PainStop(NOW - gap, f"s{i}", "bridge", "sharp") for i, gap in enumerate(stops)]
    last = max(e.when for e in events)
    assert status(CLEAR, events).check_back_due == last + safety.CHECK_BACK_AFTER
    # An answer from before the last stop does not count for it; one after it does.
    early = CheckBack(min(e.when for e in events) - timedelta(seconds=1), False)
    assert status(CLEAR, [early, *events]).check_back_due == last + safety.CHECK_BACK_AFTER
    answer = CheckBack(last + safety.CHECK_BACK_AFTER, False)
    assert status(CLEAR, [*events, answer], now=answer.when).check_back_due is None


def test_no_pain_stop_no_check_back() -> None:
    assert status(CLEAR, [PainRise(NOW, "s", 1, 4)]).check_back_due is None


@given(after=gaps)
def test_still_hurting_blocks_until_a_clearance_or_a_completed_screening_after_it(
    after: timedelta,
) -> None:
    stop = PainStop(NOW - after - timedelta(minutes=15), "s", "bridge", "sharp")
    still = CheckBack(NOW - after, True)
    blocked = status(CLEAR, [stop, still])
    assert blocked.needs_clearance
    assert [f.what for f in blocked.flags] == [
        "pain that lasted more than 15 minutes after a pain stop"
    ]
    assert blocked.check_back_due is None  # answered
    assert not status(CLEAR, [stop, Clearance(stop.when), still]).may_start
    assert status(CLEAR, [stop, still, Clearance(NOW)]).may_start
    assert status(screened(still.when + timedelta(seconds=1)), [stop, still]).may_start
    assert status(CLEAR, [stop, CheckBack(still.when, False)]).may_start


# --------------------------------------------------------------------------- a completed screening


@given(
    kinds=st.lists(st.sampled_from(["urgent", "see", "severe", "hurts"]), max_size=6),
    rescreened=gaps,
)
def test_a_clear_completed_screening_after_every_flag_lifts_them_all(
    kinds: list[str], rescreened: timedelta
) -> None:
    start = NOW - rescreened - timedelta(hours=1)
    events: list[SafetyEvent] = []
    for i, kind in enumerate(kinds):
        when = start + timedelta(minutes=i)
        made: dict[str, SafetyEvent] = {
            "urgent": yes(URGENT_Q, when),
            "see": yes(SEE_Q, when),
            "severe": SeverePain(when, 8, "before"),
            "hurts": CheckBack(when, True),
        }
        events.append(made[kind])
    assert status(CLEAR, events).may_start is (not kinds)
    assert status(screened(NOW - rescreened), events).flags == ()


def test_pain_that_rose_told_when_closing_yesterdays_session_means_rest_today() -> None:
    """Pain after is rated when the interrupted session is closed: the rise is known then,
    so today (not the day the session broke off) is for rest or gentle stretching."""
    store = MemoryStore()
    store.save_screening(CLEAR)
    started = NOW - timedelta(hours=10)  # 23:00 the day before
    left = session(
        started,
        done("cat-cow", finished=started + timedelta(minutes=5)),
        pain_before=2,
        status="in-progress",
    )
    left.ended = None
    store.save_session(left)
    close_interrupted(catalogue(), store, NOW, pain_now=5)
    [rise] = [e for e in store.safety_events() if isinstance(e, PainRise)]
    assert (rise.before, rise.after) == (2, 5)
    found = status(CLEAR, store.safety_events(), now=NOW + timedelta(minutes=1))
    assert found.rest_today is not None


# --------------------------------------------------------------------------- what stays live

START = NOW - timedelta(days=400)
moments = st.integers(min_value=0, max_value=400 * 24 * 60).map(
    lambda minutes: START + timedelta(minutes=minutes)
)
any_event = st.one_of(
    st.builds(RedFlagAnswer, moments, st.sampled_from([q.id for q in QUESTIONS])).map(
        lambda e: RedFlagAnswer(e.when, e.question_id, OUTCOME[e.question_id])
    ),
    st.builds(SeverePain, moments, severe, st.sampled_from(["screening", "before"])),
    st.builds(PainStop, moments, st.just("s1"), st.just("bridge"), st.just("sharp")),
    st.builds(PainRise, moments, st.just("s1"), st.just(1), st.just(4)),
    st.builds(CheckBack, moments, st.booleans()),
    st.builds(Clearance, moments),
)


@settings(max_examples=500)
@given(
    events=st.lists(any_event, max_size=25),
    taken=st.one_of(st.none(), moments),
    outcome_yes=st.sets(st.sampled_from([q.id for q in QUESTIONS]), max_size=2),
    later=st.integers(min_value=0, max_value=40 * 24 * 60).map(lambda m: timedelta(minutes=m)),
)
def test_retired_events_never_change_what_the_policy_says(
    events: list[SafetyEvent],
    taken: datetime | None,
    outcome_yes: set[str],
    later: timedelta,
) -> None:
    """The main file keeps only `relevant_events`; the rest move to the history file. At
    any moment from the newest event on, the policy must say exactly the same."""
    screening = None if taken is None else screened(taken, outcome_yes)
    ordered = sorted(events, key=lambda e: e.when)
    newest = max([e.when for e in ordered] + ([taken] if taken else []), default=NOW)
    now = newest + later
    live = safety.relevant_events(ordered, screening)
    assert set(live) <= set(ordered)
    full = assess(QUESTIONS, screening, ordered, None, now)
    kept = assess(QUESTIONS, screening, live, None, now)
    assert kept == full


def test_a_skipped_rating_still_asks_anything_new_of_an_old_screening() -> None:
    old = screened(NOW - timedelta(days=3))
    assert before_session(old, None, NOW).ask == ANYTHING_NEW
    assert before_session(screened(NOW - timedelta(minutes=1)), None, NOW).ask is None
    assert before_session(old, None, NOW).refusal is None


def test_a_check_back_for_an_unfinished_sessions_pain_stop_stays_live() -> None:
    """Found by the stateful test: a pain stop inside a session never filed (the trainer
    was closed mid-session), answered "no" the next morning, then a clearance five days on.
    Retiring the answer as old made the question due again; the policy must say the same
    with the live events as with them all."""
    stop_at = NOW - timedelta(days=6)
    stopped = done("bridge", pain_stop="sharp", finished=stop_at)
    stopped.pain_stop_at = stop_at
    unfinished = session(stop_at - timedelta(minutes=4), stopped, status="in-progress")
    answered = CheckBack(stop_at + timedelta(hours=12), still_hurts=False)
    cleared = Clearance(NOW)
    events = [answered, cleared]
    live = safety.relevant_events(events, None, unfinished)
    assert answered in live
    assert assess(QUESTIONS, None, live, unfinished, NOW) == assess(
        QUESTIONS, None, events, unfinished, NOW
    )
    assert assess(QUESTIONS, None, live, unfinished, NOW).check_back_due is None
