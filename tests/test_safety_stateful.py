"""Any interleaving of screening answers, abandoned and completed screenings, restarts, pain
ratings, pain stops and their undo, sessions, check-backs, clearances and the passing of
time, over the safety policy and the real file store.

The test keeps its own model of what the rules in `trainer.core.plan.safety`'s docstring say
should stand, written from the rules and not from the code, and after every step compares
it with what the policy answers from the store (`actions.safety_status`). The invariants:

- a session starts only when the policy allows it, and the policy allows it exactly when
  the model says so;
- a flag is never forgotten until a completed screening lifts it (or a clearance, for a
  see-clinician one): the levels that stand, and since when, match the model;
- a pain rise always steps progression back for what was done, unless already at the floor;
- a restart (a fresh store over the same files) changes nothing the policy says.

Every action moves the fake clock on by a second, as a person pressing keys would, so no two
things happen at the same instant.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from catalogue_factory import QUESTIONS, catalogue
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from trainer.core import actions as finish
from trainer.core.actions import safety_status
from trainer.core.catalogue.model import Dosage
from trainer.core.plan import progression, safety
from trainer.core.plan.safety import SafetyStatus
from trainer.core.plan.screening import ScreeningError, evaluate, record_clinician_clearance
from trainer.core.plan.tailoring import PlannedExercise, TailoredPlan, start_dosage
from trainer.core.records import (
    CheckBack,
    Clearance,
    ExerciseProgress,
    ExerciseRecord,
    PainKind,
    RedFlagAnswer,
    SafetyEvent,
    SessionRecord,
    SeverePain,
)
from trainer.core.session.clock import FakeClock
from trainer.core.session.machine import SessionMachine
from trainer.core.session.view import Phase
from trainer.core.store.files import FileStore, open_store

CATALOGUE = catalogue()
PLAN = CATALOGUE.plans["core-strength"]
#: Two moving exercises (no holds): a stretch and a strength move of two sets.
DONE_IN_SESSION = ("cat-cow", "bridge")
OUTCOME = {q.id: q.outcome for q in QUESTIONS}
#: 21:00, so that midnight (and with it "today") comes up within a few steps.
START = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)

#: Thousands of stores are opened, written and renamed over: in memory where the machine
#: has a folder for it (renames on a busy disk were a third of the time), else the default.
MEMORY_FOLDER = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None

pains = st.integers(min_value=0, max_value=10)
# From a second to past the 28-day recheck: same minute, the 15-minute check-back, past
# midnight, past the one-day "Anything new?" and past the recheck all come up.
waits = st.one_of(
    st.integers(min_value=1, max_value=20 * 60),
    st.sampled_from([15 * 60, 3 * 3600, 12 * 3600, 25 * 3600, 5 * 86400, 29 * 86400]),
)


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write still goes through the store's temporary file and rename; only the wait
    for the disk is skipped. A restart here reopens files the same process wrote, which the
    page cache holds either way (a power cut is test_store_crash's business), and fsync was
    two thirds of this test's time on a busy machine."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


def reached(done: ExerciseRecord) -> bool:
    """The session got to this exercise (the ones progression moves)."""
    if done.skipped:
        return False
    return bool(done.sets) or done.pain_stop is not None or done.too_hard or done.too_easy


class SafetyMachine(RuleBasedStateMachine):
    """The trainer's safety paths, driven as the UI drives them, against a model."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="safety-stateful-", dir=MEMORY_FOLDER))
        self.path = self.folder / "exercises.progress.toml"
        self.clock = FakeClock(START)
        self.store: FileStore = open_store(self.path)
        self.machine: SessionMachine | None = None
        #: The screening under way: answers given so far, and the pain rating once given.
        self.answers: dict[str, bool] | None = None
        self.screening_pain: int | None = None
        # --- the model -------------------------------------------------------------------
        self.screened_at: datetime | None = None  # the last completed screening
        self.screened_pain = 0
        self.urgent: list[datetime] = []  # since when each urgent flag stands
        self.see: list[datetime] = []  # since when each see-clinician flag stands
        self.stops: list[datetime] = []  # every pain stop that stands (filed or unfinished)
        self.checked_at: datetime | None = None  # the last answer to "Does it still hurt?"
        self.rises: list[date] = []  # the days pain rose during (or after) a session
        self.undoable = False  # a pain stop was just made, its kind not yet given

    # ------------------------------------------------------------------ helpers

    def now(self) -> datetime:
        return self.clock.now()

    def press(self) -> datetime:
        """A second passes: every action is a key press of its own."""
        self.clock.advance(1)
        if self.machine is not None:
            self.machine.tick()
        return self.now()

    def status(self) -> SafetyStatus:
        return safety_status(CATALOGUE, self.store, self.now())

    def record(self, event: SafetyEvent) -> None:
        self.store.record_safety_event(event)

    def model_may_start(self) -> bool:
        return (
            not self.urgent
            and not self.see
            and self.screened_at is not None
            and self.now() - self.screened_at <= safety.RECHECK_AFTER
        )

    def model_check_back_due(self) -> datetime | None:
        if not self.stops:
            return None
        last = max(self.stops)
        if self.checked_at is not None and self.checked_at >= last:
            return None
        return last + safety.CHECK_BACK_AFTER

    def model_rest_today(self) -> bool:
        today = self.now().date()
        return today in self.rises or any(stop.date() == today for stop in self.stops)

    def tailored(self) -> TailoredPlan:
        progress = self.store.progress()
        planned = []
        for exercise_id in DONE_IN_SESSION:
            exercise = CATALOGUE.exercises[exercise_id]
            mine = progress.get(exercise_id)
            dosage = (
                Dosage(mine.hold_s, mine.reps, mine.sets, 0)
                if mine is not None
                else start_dosage(exercise, "beginner")
            )
            planned.append(PlannedExercise(exercise, dosage))
        return TailoredPlan(PLAN, tuple(planned))

    def save(self, record: SessionRecord) -> None:
        """What the session screen does after every set, skip, mark and pain stop."""
        self.store.save_session(record)

    def idle(self) -> bool:
        return self.machine is None and self.answers is None

    def left_unfinished(self) -> bool:
        """Idle, with a session a restart left in progress: the resume prompt shows."""
        return self.idle() and self.store.interrupted_session() is not None

    # ------------------------------------------------------------------ set-up

    @initialize(
        rungs=st.tuples(st.integers(0, 3), st.integers(0, 3)),
        screened=st.booleans(),
        pain=st.integers(0, 4),
    )
    def start_above_the_floor(self, rungs: tuple[int, int], screened: bool, pain: int) -> None:
        """Each exercise a few rungs up its ladder (or at the floor), so a step back shows;
        often screened all clear already, the usual state, so that sessions come up."""
        if screened:
            self.take_the_whole_screening(set(), pain)
        for exercise_id, rung in zip(DONE_IN_SESSION, rungs, strict=True):
            exercise = CATALOGUE.exercises[exercise_id]
            ladder = progression.ladder(exercise, start_dosage(exercise, "beginner"))
            dosage = ladder[min(rung, len(ladder) - 1)]
            self.store.save_progress(
                ExerciseProgress(
                    exercise_id, dosage.hold_s, dosage.reps, dosage.sets, dosage.rest_s
                ),
                None,
            )

    # ------------------------------------------------------------------ the screening

    @precondition(lambda self: self.idle())
    @rule()
    def begin_screening(self) -> None:
        self.press()
        self.answers = {}
        self.screening_pain = None

    @precondition(lambda self: self.answers is not None and len(self.answers) < len(QUESTIONS))
    @rule(said_yes=st.booleans())
    def answer_the_next_question(self, said_yes: bool) -> None:
        """A yes is saved before the next question shows, as the screening screen does."""
        assert self.answers is not None
        when = self.press()
        question = QUESTIONS[len(self.answers)]
        self.answers[question.id] = said_yes
        if said_yes:
            self.record(RedFlagAnswer(when, question.id, question.outcome))
            if question.outcome == "urgent":
                self.urgent.append(when)
            elif question.outcome == "see-clinician":
                self.see.append(when)

    @precondition(
        lambda self: (
            self.answers is not None
            and len(self.answers) == len(QUESTIONS)
            and self.screening_pain is None
        )
    )
    @rule(pain=pains)
    def rate_pain_at_the_screening(self, pain: int) -> None:
        when = self.press()
        self.screening_pain = pain
        if pain >= 7:  # the model's own words for "severe": 7 to 10
            self.record(SeverePain(when, pain, "screening"))
            self.see.append(when)

    @precondition(lambda self: self.idle())
    @rule(said_yes=st.sets(st.sampled_from([q.id for q in QUESTIONS]), max_size=2), pain=pains)
    def take_the_whole_screening(self, said_yes: set[str], pain: int) -> None:
        """Every question in turn, pain, and the end: the same steps as the rules above, in
        one go, so that sessions (which need a completed screening) come up often."""
        self.begin_screening()
        for question in QUESTIONS:
            self.answer_the_next_question(question.id in said_yes)
        self.rate_pain_at_the_screening(pain)
        self.complete_the_screening()

    @precondition(lambda self: self.answers is not None)
    @rule()
    def abandon_the_screening(self) -> None:
        """esc, q, a hang-up: what was said is kept as events, nothing else."""
        self.press()
        self.answers = None
        self.screening_pain = None

    @precondition(lambda self: self.screening_pain is not None)
    @rule()
    def complete_the_screening(self) -> None:
        assert self.answers is not None and self.screening_pain is not None
        when = self.press()
        record = evaluate(
            QUESTIONS,
            self.answers,
            pain_now=self.screening_pain,
            level="beginner",
            equipment=("mat",),
            taken=when,
        )
        self.store.save_screening(record)
        said = {question_id for question_id, value in self.answers.items() if value}
        urgent = any(OUTCOME[q] == "urgent" for q in said)
        see = any(OUTCOME[q] == "see-clinician" for q in said) or self.screening_pain >= 7
        # A completed screening asks everything again: only what it says stands.
        self.urgent = [when] if urgent else []
        self.see = [when] if see and not urgent else []
        self.screened_at, self.screened_pain = when, self.screening_pain
        self.answers = None
        self.screening_pain = None

    # ------------------------------------------------------------------ clearance, check-back

    @precondition(lambda self: self.idle())
    @rule()
    def confirm_clearance(self) -> None:
        """The person confirms a clinician cleared them: an event, and the screening marked
        as cleared (refused for an urgent one), as the clinician screen does."""
        when = self.press()
        self.record(Clearance(when))
        screening = self.store.screening()
        if screening is not None:
            if screening.outcome == "urgent":
                try:
                    record_clinician_clearance(screening, when)
                except ScreeningError:
                    pass
                else:
                    raise AssertionError("an urgent screening was cleared")
            else:
                self.store.save_screening(record_clinician_clearance(screening, when))
        self.see = []  # every see-clinician flag so far is lifted; urgent ones never

    @precondition(lambda self: self.idle() and self.model_check_back_due() is not None)
    @rule(still_hurts=st.booleans())
    def check_back(self, still_hurts: bool) -> None:
        when = self.press()
        self.record(CheckBack(when, still_hurts))
        self.checked_at = when
        event(f"check-back: still hurts {still_hurts}")
        if still_hurts:
            self.see.append(when)

    # ------------------------------------------------------------------ sessions

    @precondition(lambda self: self.idle() and not self.left_unfinished())
    @rule(pain=pains)
    def try_to_start_a_session(self, pain: int) -> None:
        """The plans screen asks the policy; if it allows, pain is rated and
        `before_session` has the last word."""
        when = self.press()
        allowed = self.status().may_start
        assert allowed == self.model_may_start()
        if not allowed:
            return
        screening = self.store.screening()
        said = safety.before_session(screening, pain, when)
        assert self.screened_at is not None
        if pain >= 7:
            assert said.refusal is not None and said.event is not None
            self.record(said.event)
            self.see.append(when)
            return
        assert said.refusal is None and said.event is None
        risen = pain - self.screened_pain >= 2
        old = when - self.screened_at > timedelta(days=1)
        assert said.earnest == risen
        assert (said.ask is not None) == (risen or old)
        self.machine = SessionMachine.start(
            self.tailored(), self.clock, pain_before=pain, on_save=self.save
        )
        self.undoable = False
        event("a session started")

    @precondition(lambda self: self.machine is not None and self.machine.phase is not Phase.DONE)
    @rule(times=st.integers(min_value=1, max_value=12))
    def press_enter(self, times: int) -> None:
        """Begin, count a rep, or (after a pain stop) go on to the next exercise; a few
        times over, so that sets get done."""
        assert self.machine is not None
        for _ in range(times):
            self.press()
            self.machine.next()
        self.undoable = False

    @precondition(
        lambda self: self.machine is not None and self.machine.phase not in (Phase.PAIN, Phase.DONE)
    )
    @rule()
    def stop_for_pain(self) -> None:
        assert self.machine is not None
        when = self.press()
        assert self.machine.pain_stop()
        self.stops.append(when)
        self.undoable = True

    @precondition(lambda self: self.machine is not None and self.undoable)
    @rule()
    def undo_the_pain_stop(self) -> None:
        assert self.machine is not None
        self.press()
        assert self.machine.undo_pain_stop()
        self.stops.remove(max(self.stops))
        self.undoable = False
        event("a pain stop undone")

    @precondition(lambda self: self.machine is not None and self.machine.phase is Phase.PAIN)
    @rule(kind=st.sampled_from(["sharp", "radiating", "other"]))
    def say_what_kind_of_pain(self, kind: PainKind) -> None:
        assert self.machine is not None
        self.press()
        assert self.machine.set_pain_kind(kind)
        self.undoable = False  # the pain dialog closes: the stop is given for good

    @precondition(lambda self: self.machine is not None)
    @rule(pain_after=pains)
    def finish_the_session(self, pain_after: int) -> None:
        """End (or reach the end), rate pain after, and file it as the summary does."""
        assert self.machine is not None
        when = self.press()
        self.machine.end()
        record = self.machine.record
        record.pain_after = pain_after
        self.file(record, lambda: finish.finish_session(CATALOGUE, self.store, record, when))
        self.machine = None
        self.undoable = False

    def file(self, record: SessionRecord, filing: Callable[[], object]) -> None:
        """Files a session and checks the pain-rise rule on what it did."""
        before = self.store.progress()
        filing()
        rose = (
            record.pain_before is not None
            and record.pain_after is not None
            and record.pain_after - record.pain_before >= 2
        )
        if not rose:
            return
        event("pain rose")
        self.rises.append(self.now().date())
        after = self.store.progress()
        for done in record.exercises:
            if not reached(done):
                continue
            exercise = CATALOGUE.exercises[done.exercise_id]
            floor = start_dosage(exercise, "beginner")
            was = before[done.exercise_id]
            old = Dosage(was.hold_s, was.reps, was.sets, was.rest_s)
            new = after[done.exercise_id]
            stepped_back = progression.load_key(
                Dosage(new.hold_s, new.reps, new.sets, new.rest_s)
            ) < progression.load_key(old)
            at_floor = progression.step_down(exercise, floor, old) is None
            assert stepped_back or at_floor, f"{done.exercise_id} was not stepped back"
            event("pain rose: stepped back" if stepped_back else "pain rose: at the floor")

    # ------------------------------------------------------------------ restarts

    @rule()
    def restart(self) -> None:
        """The process ends (a hang-up, a crash, a quit) and starts again over the same
        files: the policy says exactly what it said before."""
        before = self.status()
        self.store.close()
        self.store = open_store(self.path)
        self.machine = None
        self.answers = None
        self.screening_pain = None
        self.undoable = False
        assert self.status() == before
        if before.flags or before.check_back_due or self.store.interrupted_session():
            event("restart with something to keep")

    @precondition(lambda self: self.machine is not None)
    @rule()
    def come_back_the_next_morning(self) -> None:
        """The connection drops in a session and the person is back at 08:00 the next day:
        what the policy says about yesterday must not leak into today, nor today's news be
        dated yesterday."""
        self.restart()
        tomorrow = self.now().date() + timedelta(days=1)
        morning = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 8, 0, tzinfo=UTC)
        self.clock.advance((morning - self.now()).total_seconds())

    @precondition(lambda self: self.left_unfinished())
    @rule()
    def resume_the_interrupted_session(self) -> None:
        """`r` at the resume prompt: allowed only when the policy allows a session."""
        self.press()
        unfinished = self.store.interrupted_session()
        assert unfinished is not None
        allowed = self.status().may_start
        assert allowed == self.model_may_start()
        if allowed:
            event("a session resumed")
            self.machine = SessionMachine.resume(
                self.tailored(), unfinished, self.clock, on_save=self.save
            )
            self.undoable = False

    @precondition(lambda self: self.left_unfinished())
    @rule(pain_now=st.none() | pains)
    def close_the_interrupted_session(self, pain_now: int | None) -> None:
        """`c` at the resume prompt, pain now given (or not)."""
        when = self.press()
        unfinished = self.store.interrupted_session()
        assert unfinished is not None
        unfinished.status = "interrupted"
        unfinished.pain_after = pain_now
        event("an interrupted session closed")
        self.file(
            unfinished,
            lambda: finish.close_interrupted(CATALOGUE, self.store, when, pain_now=pain_now),
        )

    # ------------------------------------------------------------------ time

    @rule(seconds=waits)
    def time_passes(self, seconds: int) -> None:
        self.clock.advance(seconds)
        if self.machine is not None:
            self.machine.tick()

    # ------------------------------------------------------------------ invariants

    @invariant()
    def the_policy_says_what_the_rules_say(self) -> None:
        found = self.status()
        assert found.may_start == self.model_may_start(), found
        assert found.urgent == bool(self.urgent), found
        assert found.needs_clearance == (bool(self.see) and not self.urgent), found
        since: dict[str, datetime] = {}
        for flag in found.flags:
            since[flag.level] = min(since.get(flag.level, flag.since), flag.since)
        expected = {
            level: min(times)
            for level, times in (("urgent", self.urgent), ("see-clinician", self.see))
            if times
        }
        assert since == expected, (found.flags, expected)
        assert found.check_back_due == self.model_check_back_due()
        assert (found.rest_today is not None) == self.model_rest_today()

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)


SafetyMachine.TestCase.settings = settings(
    max_examples=500,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_safety_stateful = SafetyMachine.TestCase
