"""The safety policy: the one place that answers "may a session start now, and what must the
person be told first?".

Pure and clock-injected: every input comes in as an argument (the last completed screening,
every safety event since, the unfinished session, the time now), so each rule is tested
without a terminal or a file. Every path to a session asks `assess` (the plans screen, the
palette, resume, the CLI's status lines) and `before_session` once pain is rated; nothing
else decides any part of it.

The rules, with their sources:

- **A yes counts the moment it is given** (`RedFlagAnswer`, saved before the next question
  shows). "Why lower back exercises matter" lists the problems to take to a healthcare
  provider before you start; loss of bladder or bowel control is urgent. Urgent: no session
  until a *completed* screening without it (a clearance never lifts it). See-clinician: no
  session until a clearance is confirmed after it, or a completed screening without it.
  Only a completed screening lifts a flag; an abandoned one never does.
- **Severe pain** (`SEVERE_PAIN_FROM`): a rating of 7-10 on the 0-10 numeric rating scale
  (its usual "severe" band) is a yes to the same article's "pain that is severe, sudden, or
  getting worse": see a clinician first.
- **Pain getting worse** (`PAIN_RISE_POINTS`): pain after a session 2 or more points above
  pain before it (2 points is the published minimal clinically important change on the 0-10
  scale). "General muscle soreness is normal; increased pain is not" ("The Best Lower Back
  Exercises to Reduce Pain, According to Experts"): progression steps back, and today is
  for rest or gentle stretching.
- **The 15-minute rule** ("If you experience pain that lasts more than 15 minutes you should
  stop exercising and contact your doctor", "Back Exercises for Your Lower Back"): 15
  minutes after a pain stop, "Does it still hurt?". A yes needs a clearance or a completed
  screening before the next session.
- A pain stop or a pain rise makes today a day for rest or gentle stretching, never strength.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal

from trainer.core.catalogue.model import ScreeningQuestion
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

#: 7-10 is the "severe" band of the 0-10 numeric rating scale.
SEVERE_PAIN_FROM: Final = 7
#: The minimal clinically important change on the 0-10 numeric rating scale.
PAIN_RISE_POINTS: Final = 2
#: "pain that lasts more than 15 minutes" (Back Exercises for Your Lower Back).
CHECK_BACK_AFTER: Final = timedelta(minutes=15)
#: "Anything new since your last screening?" is worth asking only after this long.
ANYTHING_NEW_AFTER: Final = timedelta(days=1)
#: A screening older than this is asked again ("more than 4 weeks old").
RECHECK_AFTER: Final = timedelta(days=28)

FlagLevel = Literal["urgent", "see-clinician"]

# --- the articles' words, quoted where the catalogue may lack them -----------------------

SORENESS_IS_NORMAL: Final = "General muscle soreness is normal; increased pain is not."
FIFTEEN_MINUTE_RULE: Final = (
    "If you experience pain that lasts more than 15 minutes, stop exercising and contact "
    "your doctor."
)
SEE_A_DOCTOR: Final = (
    "If your pain is severe, sudden or getting worse, work with a medical professional "
    "rather than managing it on your own."
)
SEVERE_PAIN_WORDS: Final = (
    "Pain of {pain} out of 10 is severe pain (7 to 10 on this scale), so it counts as a yes "
    'to "pain that is severe, sudden, or getting worse".'
)

NO_SCREENING_REASON: Final = "Answer the safety screening before your first session."
URGENT_REASON: Final = (
    "Your answers say to seek urgent medical care now. Sessions stay closed until you "
    "complete the screening again without that answer."
)
DUE_REASON: Final = (
    "Your screening is more than 4 weeks old. Please take it again before a session."
)
CLEARANCE_WAY_ON: Final = (
    "Talk with a healthcare provider first. Sessions stay closed until you confirm that a "
    "clinician has cleared you to exercise, or complete the screening again without it."
)
ANYTHING_NEW: Final = "Anything new since your last screening?"


@dataclass(frozen=True, slots=True)
class ActiveFlag:
    """A safety signal that stands now, in words for the header and the stats."""

    level: FlagLevel
    since: datetime
    what: str
    #: The catalogue's advice for the question answered yes, when there is one.
    advice: str = ""


@dataclass(frozen=True, slots=True)
class SafetyStatus:
    """What the policy says now."""

    flags: tuple[ActiveFlag, ...]
    #: Why no session may start now; None when one may.
    block_reason: str | None
    #: Why today is for rest or gentle stretching only; None when strength is fine.
    rest_today: str | None
    #: When to ask "Does it still hurt?" (a pain stop not yet checked back on); None: never.
    check_back_due: datetime | None

    @property
    def may_start(self) -> bool:
        """True when nothing blocks a session now (`block_reason` is None)."""
        return self.block_reason is None

    @property
    def urgent(self) -> bool:
        """True while an urgent flag stands: only a completed screening without it lifts it."""
        return any(flag.level == "urgent" for flag in self.flags)

    @property
    def needs_clearance(self) -> bool:
        """A clearance is the way on (no urgent flag stands, a see-clinician one does)."""
        return bool(self.flags) and not self.urgent

    def header(self) -> str | None:
        """One line naming the flags that stand, for the top of the plans screen."""
        if not self.flags:
            return None
        first = self.flags[0]
        more = f" (and {len(self.flags) - 1} more)" if len(self.flags) > 1 else ""
        word = "URGENT" if first.level == "urgent" else "See a clinician first"
        return f"{word}: {first.what}{more}"


def is_due(screening: ScreeningRecord | None, now: datetime) -> bool:
    """True when there is no screening, or it is more than 4 weeks (28 days) old."""
    return screening is None or now - screening.taken > RECHECK_AFTER


def is_severe(pain: int) -> bool:
    """Whether a 0-10 rating is in the scale's severe band (see `SEVERE_PAIN_FROM`)."""
    return pain >= SEVERE_PAIN_FROM


def pain_rose(before: int | None, after: int | None) -> bool:
    """Pain after 2 or more points above pain before (both rated)."""
    return before is not None and after is not None and after - before >= PAIN_RISE_POINTS


def cleared_at(screening: ScreeningRecord | None, events: Iterable[SafetyEvent]) -> datetime | None:
    """The latest confirmed clinician clearance, from the screening or the event log."""
    times = [event.when for event in events if isinstance(event, Clearance)]
    if screening is not None and screening.clinician_cleared is not None:
        times.append(screening.clinician_cleared)
    return max(times, default=None)


def assess(
    questions: Sequence[ScreeningQuestion],
    screening: ScreeningRecord | None,
    events: Sequence[SafetyEvent],
    interrupted: SessionRecord | None,
    now: datetime,
) -> SafetyStatus:
    """Everything the policy says now; see the module docstring for the rules."""
    flags = _flags(questions, screening, events)
    urgent = [flag for flag in flags if flag.level == "urgent"]
    reason: str | None
    if urgent:
        reason = URGENT_REASON
    elif screening is None:
        reason = NO_SCREENING_REASON
    elif flags:
        reason = f"{_capital(flags[0].what)}. {CLEARANCE_WAY_ON}"
    elif is_due(screening, now):
        reason = DUE_REASON
    else:
        reason = None
    return SafetyStatus(
        flags=tuple(flags),
        block_reason=reason,
        rest_today=_rest_today(events, interrupted, now),
        check_back_due=_check_back_due(events, interrupted),
    )


def _flags(
    questions: Sequence[ScreeningQuestion],
    screening: ScreeningRecord | None,
    events: Sequence[SafetyEvent],
) -> list[ActiveFlag]:
    by_id = {question.id: question for question in questions}
    cleared = cleared_at(screening, events)
    flags: list[ActiveFlag] = []

    def lifted_by_clearance(since: datetime) -> bool:
        return cleared is not None and cleared >= since

    if screening is not None:
        if screening.outcome == "urgent":
            for question_id, said_yes in screening.answers.items():
                question = by_id.get(question_id)
                if said_yes and question is not None and question.outcome == "urgent":
                    flags.append(
                        ActiveFlag("urgent", screening.taken, _yes_to(question), question.advice)
                    )
            if not flags:
                flags.append(ActiveFlag("urgent", screening.taken, "an urgent screening answer"))
        elif screening.outcome == "see-clinician" and not lifted_by_clearance(screening.taken):
            words = [
                _yes_to(by_id[question_id])
                for question_id, said_yes in screening.answers.items()
                if said_yes
                and question_id in by_id
                and by_id[question_id].outcome == "see-clinician"
            ]
            if is_severe(screening.pain_now):
                words.append(f"pain {screening.pain_now} out of 10 at the screening")
            flags.append(
                ActiveFlag(
                    "see-clinician", screening.taken, "; ".join(words) or "a screening answer"
                )
            )
    since = screening.taken if screening is not None else None
    for event in events:
        if since is not None and event.when <= since:
            continue  # a completed screening after it has asked again
        if isinstance(event, RedFlagAnswer):
            question = by_id.get(event.question_id)
            what = _yes_to(question) if question else f"a yes to {event.question_id!r}"
            advice = question.advice if question else ""
            if event.outcome == "urgent":
                flags.append(ActiveFlag("urgent", event.when, what, advice))
            elif event.outcome == "see-clinician" and not lifted_by_clearance(event.when):
                flags.append(ActiveFlag("see-clinician", event.when, what, advice))
        elif isinstance(event, SeverePain) and not lifted_by_clearance(event.when):
            moment = "at the screening" if event.moment == "screening" else "before a session"
            flags.append(
                ActiveFlag("see-clinician", event.when, f"pain {event.pain} out of 10 {moment}")
            )
        elif (
            isinstance(event, CheckBack)
            and event.still_hurts
            and not lifted_by_clearance(event.when)
        ):
            flags.append(
                ActiveFlag(
                    "see-clinician",
                    event.when,
                    "pain that lasted more than 15 minutes after a pain stop",
                )
            )
    unique: dict[tuple[FlagLevel, str], ActiveFlag] = {}
    for flag in flags:
        unique.setdefault((flag.level, flag.what), flag)
    return sorted(unique.values(), key=lambda flag: (flag.level != "urgent", flag.since))


def _yes_to(question: ScreeningQuestion) -> str:
    return f'a yes to "{question.question}"'


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def pain_stops(events: Iterable[SafetyEvent], interrupted: SessionRecord | None) -> list[datetime]:
    """When each known pain stop happened: filed ones, and any in the unfinished session."""
    times = [event.when for event in events if isinstance(event, PainStop)]
    if interrupted is not None:
        times += [stop.when for stop in session_pain_stops(interrupted)]
    return sorted(times)


def session_pain_stops(record: SessionRecord) -> list[PainStop]:
    """The session's pain stops as safety events (time: the moment `p` was pressed, or the
    session's last known moment for a record from before that was kept)."""
    fallback = record.ended or record.started
    return [
        PainStop(done.pain_stop_at or fallback, record.id, done.exercise_id, done.pain_stop)
        for done in record.exercises
        if done.pain_stop is not None
    ]


def _rest_today(
    events: Sequence[SafetyEvent], interrupted: SessionRecord | None, now: datetime
) -> str | None:
    today = now.date()
    if any(isinstance(e, PainRise) and e.when.date() == today for e in events):
        return "Your pain rose during a session today; strength can wait."
    if any(when.date() == today for when in pain_stops(events, interrupted)):
        return "You stopped for pain today; strength can wait."
    return None


def _check_back_due(
    events: Sequence[SafetyEvent], interrupted: SessionRecord | None
) -> datetime | None:
    stops = pain_stops(events, interrupted)
    if not stops:
        return None
    last_stop = stops[-1]
    if any(isinstance(e, CheckBack) and e.when >= last_stop for e in events):
        return None
    return last_stop + CHECK_BACK_AFTER


# --------------------------------------------------------------------------- what stays live

#: Events this much older than the newest can no longer be "today" anywhere on Earth.
TODAY_MARGIN: Final = timedelta(days=2)


def relevant_events(
    events: Sequence[SafetyEvent],
    screening: ScreeningRecord | None,
    interrupted: SessionRecord | None = None,
) -> list[SafetyEvent]:
    """The events `assess` can still be moved by, from now on; the rest are history only.

    Kept: what raises or lifts a flag after the last completed screening (a yes, severe
    pain, "it still hurts", a clearance); the last pain stop and every check-back from it
    on (the 15-minute rule), counting a pain stop still inside an `interrupted` session
    (its check-back answer must outlive the two days, or the question comes back); anything
    within two days of the newest event (today's rest).
    So the main state file, read at every start, stays small however many years of pain
    stops there are; a property test checks that `assess` says the same with either list.
    """
    if not events:
        return []
    newest = max(event.when for event in events)
    last_stop = max(pain_stops(events, interrupted), default=None)

    def live(event: SafetyEvent) -> bool:
        if newest - event.when <= TODAY_MARGIN:
            return True  # may still be today's: a rest day
        if (
            last_stop is not None
            and event.when >= last_stop
            and isinstance(event, PainStop | CheckBack)
        ):
            return True  # the 15-minute check-back
        # At or after: a clearance stamped the same second as the screening still lifts it.
        since_screening = screening is None or event.when >= screening.taken
        raises_or_lifts_a_flag = isinstance(event, RedFlagAnswer | SeverePain | Clearance) or (
            isinstance(event, CheckBack) and event.still_hurts
        )
        return since_screening and raises_or_lifts_a_flag

    return [event for event in events if live(event)]


# --------------------------------------------------------------------------- before a session


@dataclass(frozen=True, slots=True)
class BeforeSession:
    """What the pain rating just given before a session means."""

    #: No session: why, in words (severe pain). `event` then holds what to record.
    refusal: str | None = None
    event: SafetyEvent | None = None
    #: Ask "Anything new since your last screening?" first; the words to ask it with.
    ask: str | None = None
    #: The question is asked in earnest (pain has risen since the screening).
    earnest: bool = False


def before_session(
    screening: ScreeningRecord | None, pain: int | None, now: datetime
) -> BeforeSession:
    """Severe pain refuses the session; pain risen since the screening, or a screening more
    than a day old, asks "Anything new?" first (never just after a screening). `pain` is
    None when the person skipped the rating: only the screening's age can speak then."""
    if pain is not None and is_severe(pain):
        return BeforeSession(
            refusal=f"{SEVERE_PAIN_WORDS.format(pain=pain)} {SEE_A_DOCTOR} {CLEARANCE_WAY_ON}",
            event=SeverePain(now, pain, "before"),
        )
    if screening is None:
        return BeforeSession()
    if pain is not None and pain - screening.pain_now >= PAIN_RISE_POINTS:
        return BeforeSession(
            ask=(
                f"Your pain is {pain} out of 10 now; it was {screening.pain_now} at your "
                f"screening. {ANYTHING_NEW} New or worse symptoms mean taking the screening "
                "again before you exercise."
            ),
            earnest=True,
        )
    if now - screening.taken > ANYTHING_NEW_AFTER:
        return BeforeSession(ask=ANYTHING_NEW)
    return BeforeSession()


# --------------------------------------------------------------------------- after a session


def session_events(record: SessionRecord, now: datetime) -> list[SafetyEvent]:
    """The safety events a finished session leads to: its pain stops, and a pain rise.

    The rise is dated `now`, when pain after was given, not when the session ended: pain
    rated while closing yesterday's interrupted session makes today the day for rest."""
    events: list[SafetyEvent] = list(session_pain_stops(record))
    if pain_rose(record.pain_before, record.pain_after):
        assert record.pain_before is not None and record.pain_after is not None
        events.append(PainRise(now, record.id, record.pain_before, record.pain_after))
    return events


def pain_rise_advice(
    before: int, after: int, guidance: Mapping[str, Sequence[str]]
) -> tuple[str, ...]:
    """What the summary says when pain rose: not normal, the 15-minute rule, see a doctor."""
    stop = guidance.get("stop", ())
    seek = guidance.get("seek-help", ())
    return (
        f"Your pain rose from {before} to {after} out of 10 during this session. "
        + _quote(stop, "soreness is normal", SORENESS_IS_NORMAL),
        _quote(stop, "15 minutes", FIFTEEN_MINUTE_RULE),
        _quote(seek, "severe, sudden", SEE_A_DOCTOR),
        "Rest or do only gentle stretching today.",
    )


def still_hurts_advice(guidance: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """What a yes to "Does it still hurt?" is told."""
    return (
        _quote(guidance.get("stop", ()), "15 minutes", FIFTEEN_MINUTE_RULE),
        _quote(guidance.get("seek-help", ()), "severe, sudden", SEE_A_DOCTOR),
        "Sessions stay closed until you confirm that a clinician has cleared you to "
        "exercise, or complete the screening again.",
    )


def _quote(items: Sequence[str], containing: str, fallback: str) -> str:
    """The catalogue's own sentence holding `containing`, else the articles' words."""
    return next((item for item in items if containing in item), fallback)
