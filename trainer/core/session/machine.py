"""The live session: a pure state machine over a tailored plan.

It never sleeps and never reads the time on its own: the screen (or a test) calls `tick()`
and the event methods, and the machine asks its injected `Clock`. Every timed phase has a
deadline, and the next phase starts *at that deadline*, not when somebody noticed it passed,
so however late or irregular the ticks are, the schedule never drifts. Pausing moves the
deadline on by the paused time, so paused time never counts.

A plan with a warm-up (`TailoredPlan.warm_up`) begins with it: a timed step before the first
get-ready, skippable, recorded in `SessionRecord.warm_up`.

For each exercise: get-ready -> work -> (switch sides) -> (the after block) -> rest between
sets -> next exercise, then done. Work is either held reps (`hold_s > 0`: each rep counts
itself down, with a short relax between reps) or moving reps: the person presses a key per
rep, or, when the exercise is paced (`set_pace`), the machine counts one rep every few
seconds, rep k of a beat due k tempos after the beat began, never after the last tick. A
rep made of positions runs them in turn, each with its own cue and hold (or key press),
ringing once at each change; the after block (knee-to-chest's "Both knees together")
follows the sided reps of each set, with its own reps and hold.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from trainer.core.plan.tailoring import PlannedExercise, TailoredPlan
from trainer.core.records import (
    ExerciseRecord,
    PainKind,
    SessionRecord,
    SessionStatus,
    SetRecord,
    Side,
    WarmUpRecord,
)
from trainer.core.session import words
from trainer.core.session.clock import Clock
from trainer.core.session.view import (
    EXTENDABLE_PHASES,
    Bell,
    Phase,
    SessionView,
    empty_view,
)

SIDES = words.SIDES

#: Only for estimating how long a session takes: moving reps are paced by the person.
MOVING_REP_ESTIMATE_S = 3.0

#: A partial hold shorter than this is not worth a set record (a key pressed at once).
MIN_PARTIAL_HOLD_S = 1.0

#: The view's `exercise_id` during the warm-up: never a catalogue id (ids are kebab-case).
WARM_UP_ID = "(warm-up)"


@dataclass(frozen=True, slots=True)
class Timing:
    """The session's fixed durations in seconds; `speed` divides every one of them."""

    get_ready_s: float = 5.0
    #: The get-ready when the position changes (standing to floor, floor to chair), and
    #: before the first exercise: the app's default, not an article's number.
    position_change_s: float = 10.0
    relax_s: float = 3.0  # between two held reps
    switch_s: float = 5.0  # "switch sides"
    extra_rest_s: float = 15.0  # what "+15 s" adds
    countdown_bells: tuple[float, ...] = (3.0, 2.0, 1.0)  # seconds before a hold starts
    #: Between held reps the 3-2-1 rings only for holds at least this long: a 1 s hold
    #: with a countdown in every gap would ring every second.
    relax_countdown_min_hold_s: float = 5.0
    speed: float = 1.0

    def __post_init__(self) -> None:
        if not self.speed > 0:
            raise ValueError(f"speed must be above 0, not {self.speed}")

    def real(self, seconds: float) -> float:
        """Nominal seconds (as prescribed) -> seconds on the clock."""
        return seconds / self.speed


@dataclass(frozen=True, slots=True)
class PhaseStart:
    """One line of the machine's log: when each phase began (for tests and debugging)."""

    phase: Phase
    exercise_index: int
    set_number: int
    side: Side | None
    reps_done: int
    at: float  # monotonic seconds


@dataclass(frozen=True, slots=True)
class Marked:
    """The answer to a too easy / too hard key: which exercise, and whether it is now on."""

    name: str
    mark: Literal["too easy", "too hard"]
    on: bool


SaveCallback = Callable[[SessionRecord], None]


def new_session_id(started: datetime) -> str:
    """The start time as compact ISO 8601 ("20261120T090000+0000"): sorts by time."""
    return started.strftime("%Y%m%dT%H%M%S%z")


def _reps_seconds(reps: int, hold_s: int, moves: int, timing: Timing) -> float:
    """One side's reps: held reps with a relax between them, or moving ones estimated
    (`moves`: the positions a moving rep passes through, each its own key press)."""
    if hold_s > 0:
        return reps * hold_s + (reps - 1) * timing.relax_s
    return reps * moves * MOVING_REP_ESTIMATE_S


def changes_position(plan: tuple[PlannedExercise, ...], index: int) -> bool:
    """Whether the person must change position to start exercise `index` of a plan run
    from its start: the first one, or one in another position than the one before."""
    if index == 0:
        return True
    return _posture(plan[index - 1].exercise.position) != _posture(plan[index].exercise.position)


def get_ready_seconds(timing: Timing, position_change: bool) -> float:
    """The get-ready: longer when the position changes (the app's default lengths)."""
    return timing.position_change_s if position_change else timing.get_ready_s


def planned_seconds(
    planned: PlannedExercise, timing: Timing, *, position_change: bool = False
) -> float:
    """How long an exercise should take, in nominal seconds (moving reps estimated).

    A rep made of positions is held for its positions' holds together (`dosage.hold_s`);
    the after block adds its reps and the pause before it to every set.
    """
    dosage = planned.dosage
    exercise = planned.exercise
    sides = 2 if exercise.per_side else 1
    unit = _reps_seconds(dosage.reps, dosage.hold_s, max(1, len(exercise.positions)), timing)
    between_sets: float = dosage.rest_s
    if dosage.is_hold and dosage.rest_s <= 0:
        between_sets = timing.relax_s
    block = 0.0
    if exercise.after is not None:
        reps, hold_s = exercise.after_numbers(dosage)
        block = timing.switch_s + _reps_seconds(reps, hold_s, 1, timing)
    return (
        get_ready_seconds(timing, position_change)
        + dosage.sets * (sides * unit + block)
        + dosage.sets * (sides - 1) * timing.switch_s
        + (dosage.sets - 1) * between_sets
    )


def plan_seconds(tailored: TailoredPlan, timing: Timing | None = None) -> float:
    """How long today's plan takes at today's dosage, in nominal seconds: the one figure
    behind every "about N min" (the plans list, the preview, the session's time left), so
    none of them can quote the catalogue's starting estimate for a dose that has grown.
    A strength plan's warm-up is part of it."""
    timing = timing or Timing()
    plan = tailored.exercises
    warm_up = tailored.warm_up.seconds if tailored.warm_up is not None and plan else 0
    return warm_up + sum(exercise_seconds(plan, timing))


def exercise_seconds(plan: tuple[PlannedExercise, ...], timing: Timing) -> list[float]:
    """Each exercise's planned seconds in plan order, with the longer get-ready wherever
    the position changes: what the session weighs its progress by and `plan_seconds` adds."""
    return [
        planned_seconds(planned, timing, position_change=changes_position(plan, index))
        for index, planned in enumerate(plan)
    ]


class SessionMachine:
    """One session, from the first get-ready to done.

    Build it with `SessionMachine.start(...)` or `SessionMachine.resume(...)`. `record` is
    the `SessionRecord` being written (status "in-progress" until done); `on_save` is called
    with it whenever something worth keeping happened (a set done, a skip, a mark, a pain
    stop), so the caller can save after every set.
    """

    def __init__(
        self,
        tailored: TailoredPlan,
        record: SessionRecord,
        clock: Clock,
        *,
        timing: Timing | None = None,
        on_save: SaveCallback | None = None,
        pacing: Mapping[str, float] | None = None,
    ) -> None:
        self.tailored = tailored
        self.record = record
        self.timing = timing or Timing()
        self.on_save = on_save
        self.phase_log: list[PhaseStart] = []
        self._plan = tailored.exercises
        self._clock = clock
        self._weights = exercise_seconds(self._plan, self.timing)
        self._bells: list[Bell] = []
        self._index = 0
        self._set = 1
        self._side = 0
        self._reps = 0
        self._held = 0.0  # nominal seconds held in the current set (and side)
        self._position = 0  # the position under way in a rep made of positions
        self._in_block = False  # doing the after block of the current set
        self._where: str | None = None  # the position of the exercise before (None: unknown)
        self._long_get_ready = True  # this get-ready has a change of position to make
        self._current: ExerciseRecord | None = None
        self._phase = Phase.GET_READY
        self._started_at = clock.monotonic()
        self._deadline: float | None = None
        self._total: float | None = None
        self._paused_at: float | None = None
        self._pain_stop_undoable = False  # set by pain_stop, spent by undo_pain_stop
        self._countdown: list[float] = []  # seconds before the deadline, largest first
        #: Nominal seconds a rep, by exercise id, for the moving reps the machine counts.
        self._pacing: dict[str, float] = dict(pacing or {})
        self._beat_base = 0  # reps done when the current beat began (at `_started_at`)
        #: Nominal seconds of warm-up at the head of the session's progress (0: none).
        self._warm_up_s = 0.0

    # --- building ---

    @classmethod
    def start(
        cls,
        tailored: TailoredPlan,
        clock: Clock,
        *,
        pain_before: int | None = None,
        timing: Timing | None = None,
        on_save: SaveCallback | None = None,
        pacing: Mapping[str, float] | None = None,
    ) -> SessionMachine:
        """A new session, starting now with the first exercise's get-ready.

        `pacing`: seconds a rep for the moving-rep exercises the machine should count."""
        started = clock.now()
        record = SessionRecord(
            id=new_session_id(started),
            plan_id=tailored.plan.id,
            started=started,
            pain_before=pain_before,
        )
        machine = cls(tailored, record, clock, timing=timing, on_save=on_save, pacing=pacing)
        warm_up = tailored.warm_up if tailored.exercises else None
        if warm_up is not None and warm_up.seconds > 0:
            record.warm_up = WarmUpRecord(planned_s=warm_up.seconds, done_s=0.0)
            machine._warm_up_s = float(warm_up.seconds)
        machine._go_to(0, clock.monotonic(), warm_up_s=machine._warm_up_s)
        return machine

    @classmethod
    def resume(
        cls,
        tailored: TailoredPlan,
        record: SessionRecord,
        clock: Clock,
        *,
        timing: Timing | None = None,
        on_save: SaveCallback | None = None,
        pacing: Mapping[str, float] | None = None,
    ) -> SessionMachine:
        """Continues a saved in-progress session after its last completed set.

        `record` is taken over and written to. Exercises it finished, skipped or stopped
        for pain are not repeated; the first unfinished one starts with a get-ready at the
        set (and side) after the last one saved.
        """
        machine = cls(tailored, record, clock, timing=timing, on_save=on_save, pacing=pacing)
        record.status = "in-progress"
        record.ended = None
        machine._carry_on()
        return machine

    def _carry_on(self) -> None:
        """Starts the first unfinished exercise with a get-ready at the set (and side) after
        the last one done, a set left half-way going on from its last rep."""
        index, units_done = self._resume_point()
        partial = self._take_trailing_partial(index)
        self._go_to(index, self._clock.monotonic(), fresh=False, units_done=units_done)
        if partial is not None:
            self._reps, self._held = partial.reps_done, partial.seconds_held

    def _take_trailing_partial(self, index: int) -> SetRecord | None:
        """A set saved half-way (the process ended mid-set) is taken back to be finished."""
        if index >= len(self._plan):
            return None
        record = self._record_of(index)
        if record is None or not record.sets:
            return None
        last = record.sets[-1]
        if last.reps_done >= last.reps_target:
            return None
        return record.sets.pop()

    def _resume_point(self) -> tuple[int, int]:
        for index, planned in enumerate(self._plan):
            record = self._record_of(index)
            if record is None:
                return index, 0
            if record.skipped or record.pain_stop is not None:
                continue
            units = planned.dosage.sets * self._units_per_set(planned)
            full = [s for s in record.sets if s.reps_done >= s.reps_target]
            if len(full) < units:
                return index, len(full)
        return len(self._plan), 0

    # --- reading ---

    @property
    def phase(self) -> Phase:
        """The phase the session is in, as of the last `tick`."""
        return self._phase

    @property
    def paused(self) -> bool:
        """True while paused: no deadline passes and no bell rings."""
        return self._paused_at is not None

    @property
    def is_done(self) -> bool:
        """True once the session has ended, in full or early; no event changes it after that."""
        return self._phase is Phase.DONE

    @property
    def exercise_index(self) -> int:
        """The 0-based index in the plan of the exercise on screen."""
        return self._index

    @property
    def deadline(self) -> float | None:
        """When the current timed phase ends (monotonic), None when nothing is counting."""
        return self._deadline

    def snapshot(self) -> SessionRecord:
        """A copy of the record with the set under way written down as it stands: what to
        save when the process must end now (resume then finishes that set)."""
        copy_of = copy.deepcopy(self.record)
        copy_of.exercises = [r for r in copy_of.exercises if not _is_blank(r)]
        if self._phase is Phase.DONE or self._current is None:
            return copy_of
        if self._phase is Phase.WARM_UP:
            copy_of.warm_up = self._warm_up_so_far(self._active_now(), skipped=False)
            return copy_of
        held = self._held
        if self._phase is Phase.HOLD:
            held += (self._active_now() - self._started_at) * self.timing.speed
        if self._reps > 0 or held >= MIN_PARTIAL_HOLD_S:
            under_way = next(
                (r for r in copy_of.exercises if r.exercise_id == self._current.exercise_id),
                None,
            )
            if under_way is None:  # blank until now: this partial set is its first news
                under_way = copy.deepcopy(self._current)
                copy_of.exercises.append(under_way)
            under_way.sets.append(self._set_record(self._active_now(), held))
        return copy_of

    def drain_bells(self) -> list[Bell]:
        """The bells due since the last call, oldest first; the caller rings them."""
        bells, self._bells = self._bells, []
        return bells

    def view(self) -> SessionView:
        """The session at this instant, for the screen. Changes nothing."""
        now = self._active_now()
        if not self._plan:
            return empty_view(self.tailored.plan.name)
        index = min(self._index, len(self._plan) - 1)
        planned = self._plan[index]
        pace = self._pace_of(planned)
        position = words.Position(
            self._plan,
            index,
            self._set,
            self._side,
            self._reps,
            position_index=self._position,
            in_block=self._in_block,
            position_change_s=(
                self.timing.position_change_s
                if self._long_get_ready and self.timing.position_change_s > self.timing.get_ready_s
                else None
            ),
            pace_s=pace,
        )
        exercise = planned.exercise
        dosage = planned.dosage
        remaining = None if self._deadline is None else max(0.0, self._deadline - now)
        current = self._current
        following = self._plan[index + 1].exercise.name if index + 1 < len(self._plan) else None
        fraction, left = self._session_progress(now)
        if self._phase is Phase.WARM_UP:
            return self._warm_up_view(now, remaining, fraction, left)
        return SessionView(
            phase=self._phase,
            paused=self.paused,
            exercise_index=index,
            exercise_count=len(self._plan),
            exercise_id=exercise.id,
            name=exercise.name,
            position=exercise.position,
            steps=exercise.steps,
            dosage=dosage,
            per_side=exercise.per_side,
            cue=words.cue(self._phase, position),
            reps_done=self._reps,
            reps_target=self._reps_target(),
            set_number=min(self._set, dosage.sets),
            sets_target=dosage.sets,
            side=self._side_now(),
            remaining_s=remaining,
            phase_fraction=self._phase_fraction(now, remaining, self._reps_target()),
            phase_total_s=self._total,
            then=words.then(self._phase, position, self.timing.relax_s),
            next_exercise=following,
            session_fraction=fraction,
            session_remaining_s=left,
            too_easy=current.too_easy if current else False,
            too_hard=current.too_hard if current else False,
            pain_stop=current.pain_stop if current else None,
            position_cue=words.position_cue(self._phase, position),
            paced_s=pace,
        )

    def _warm_up_view(
        self, now: float, remaining: float | None, fraction: float, left: float
    ) -> SessionView:
        """The warm-up: what to do (the articles' words), how long, and which exercise
        follows; its length says when it is the app's default rather than the catalogue's."""
        warm_up = self.tailored.warm_up
        first = self._plan[0]
        position = words.Position(self._plan, 0, 1, 0, 0)
        length = warm_up.length_words if warm_up is not None else ""
        return SessionView(
            phase=Phase.WARM_UP,
            paused=self.paused,
            exercise_index=0,
            exercise_count=len(self._plan),
            exercise_id=WARM_UP_ID,
            name="Warm-up",
            position="",
            steps=warm_up.steps if warm_up is not None else (),
            dosage=first.dosage,
            per_side=False,
            cue=f"Warm up for {length}" if length else "Warm up",
            reps_done=0,
            reps_target=first.dosage.reps,
            set_number=1,
            sets_target=first.dosage.sets,
            side=None,
            remaining_s=remaining,
            phase_fraction=self._phase_fraction(now, remaining, first.dosage.reps),
            phase_total_s=self._total,
            then=words.then(Phase.WARM_UP, position, self.timing.relax_s),
            next_exercise=first.exercise.name,
            session_fraction=fraction,
            session_remaining_s=left,
            too_easy=False,
            too_hard=False,
            pain_stop=None,
        )

    # --- time ---

    def tick(self) -> bool:
        """Moves through every phase whose deadline has passed (maybe several at once).

        Returns True when the phase changed. Each new phase starts at the old deadline.
        """
        if self._paused_at is not None or self._phase is Phase.DONE:
            return False
        now = self._clock.monotonic()
        changed = False
        while True:
            self._ring_due_countdown(now)
            if self._deadline is None or now < self._deadline:
                return changed
            self._expire(self._deadline)
            changed = True

    # --- events ---

    def pause(self) -> bool:
        """Stops the clock (not during a pain stop or after the end); False if nothing changed."""
        self.tick()
        if self._paused_at is not None or self._phase in (Phase.PAIN, Phase.DONE):
            return False
        self._paused_at = self._clock.monotonic()
        return True

    def unpause(self) -> bool:
        """Restarts the clock, every deadline moved on by the time paused; False if not paused."""
        if self._paused_at is None:
            return False
        shift = self._clock.monotonic() - self._paused_at
        self._started_at += shift
        if self._deadline is not None:
            self._deadline += shift
        self._paused_at = None
        return True

    def toggle_pause(self) -> bool:
        """The pause key: pauses or unpauses; False if nothing changed."""
        return self.unpause() if self.paused else self.pause()

    def next(self) -> bool:
        """Enter: while paused, go on; else count a rep, end a wait early, or go on."""
        if self._paused_at is not None:
            return self.unpause()
        self.tick()
        now = self._clock.monotonic()
        phase = self._phase
        if phase is Phase.WARM_UP:
            self._end_warm_up(now, skipped=False)
        elif phase in (Phase.GET_READY, Phase.RELAX, Phase.SWITCH, Phase.REST):
            self._begin_work(now)
        elif phase is Phase.HOLD:
            self._end_position(now, (now - self._started_at) * self.timing.speed)
        elif phase is Phase.REPS:
            self._end_position(now, 0.0)
            paced = self._pace_of(self._planned()) is not None
            if paced and self._phase is Phase.REPS and self._reps > 0:
                self._start_beat(now)  # a paced rep counted early: the beat starts again
        elif phase is Phase.PAIN:
            self._go_to(self._index + 1, now)
        else:
            return False
        return True

    def skip(self) -> bool:
        """Leaves the current exercise (marked skipped) for the next one."""
        if self._phase is Phase.DONE:
            return False
        self.tick()
        if self._phase is Phase.PAIN:
            return self.next()
        if self._phase is Phase.WARM_UP:  # "s" skips the warm-up, not the first exercise
            self.unpause()  # paused time never counts as warm-up done
            self._end_warm_up(self._clock.monotonic(), skipped=True)
            return True
        current = self._require_current()
        self._keep_partial(self._active_now())
        current.skipped = True
        self._paused_at = None
        self._save()
        self._go_to(self._index + 1, self._clock.monotonic())
        return True

    def back(self) -> bool:
        """Goes back to the previous exercise (the first one starts over), from scratch."""
        if self._phase is Phase.DONE:
            return False
        self.tick()
        if self._phase is Phase.WARM_UP:
            return False  # nothing before the warm-up
        now = self._clock.monotonic()
        target = max(self._index - 1, 0)
        if target != self._index:
            current = self._require_current()
            self._keep_partial(self._active_now())
            if _is_blank(current):
                self.record.exercises.remove(current)
            elif current.pain_stop is None:
                current.skipped = True
        self._paused_at = None
        self._go_to(target, now)
        self._save()
        return True

    def add_rest(self) -> bool:
        """+15 s to a rest, a get-ready or a switch; never to a hold."""
        self.tick()
        if self._phase not in EXTENDABLE_PHASES or self._deadline is None or self._total is None:
            return False
        extra = self.timing.real(self.timing.extra_rest_s)
        self._deadline += extra
        self._total += extra
        now = self._active_now()
        deadline = self._deadline
        self._countdown = [
            s for s in self._countdown_for(self._phase, self._total) if deadline - s > now
        ]
        return True

    @property
    def paceable(self) -> bool:
        """Whether the exercise on screen has moving reps the trainer may count (`set_pace`):
        not a held one, and not a rep made of positions (the person moves each on)."""
        if not self._plan:
            return False
        planned = self._planned()
        return not planned.dosage.is_hold and not planned.exercise.positions

    def set_pace(self, seconds: float | None) -> bool:
        """Counts the moving reps of the exercise on screen every `seconds` (nominal), or
        leaves them to the enter key (None), from now on: a set under way keeps its reps
        and its beat starts now. False for a held exercise, a pain stop or the end."""
        if seconds is not None and not seconds > 0:
            raise ValueError(f"a pace must be above 0 seconds, not {seconds}")
        self.tick()
        if self._phase in (Phase.PAIN, Phase.DONE) or not self._plan:
            return False
        planned = self._planned()
        if not self.paceable:
            return False
        if seconds is None:
            self._pacing.pop(planned.exercise.id, None)
        else:
            self._pacing[planned.exercise.id] = seconds
        now = self._active_now()
        if self._phase is Phase.REPS:
            self._start_beat(now)
        elif self._deadline is not None and self._total is not None:
            deadline = self._deadline  # a paced set is counted in (3-2-1); enter per rep not
            self._countdown = [
                s for s in self._countdown_for(self._phase, self._total) if deadline - s > now
            ]
        return True

    def mark_too_easy(self) -> Marked | None:
        """Toggles "too easy" (progression reads it); see `_mark` for which exercise it lands on."""
        return self._mark("too easy")

    def mark_too_hard(self) -> Marked | None:
        """Toggles "too hard" (progression reads it); see `_mark` for which exercise it lands on."""
        return self._mark("too hard")

    def pain_stop(self) -> bool:
        """Stops the current exercise at once, recorded as stopped for pain.

        The kind is "other" until `set_pain_kind` says more; `next()` then goes on with the
        next exercise and `end()` ends the session.
        """
        self.tick()
        if self._phase in (Phase.PAIN, Phase.DONE):
            return False
        self._keep_warm_up(self._active_now())
        current = self._require_current()
        self._keep_partial(self._active_now())
        # Undoable only when this stop is the exercise's first: one from before stays.
        self._pain_stop_undoable = current.pain_stop is None
        if current.pain_stop is None:
            current.pain_stop = "other"
            current.pain_stop_at = self._clock.now()
        self._paused_at = None
        self._enter(Phase.PAIN, self._clock.monotonic(), None)
        self._save()
        return True

    def undo_pain_stop(self) -> bool:
        """ "p" pressed by mistake: forgets the pain stop just made, before anyone goes on,
        and picks the exercise up again from a get-ready, where a resumed session would:
        the sets done are kept and a set left half-way goes on from its last rep. A pain
        stop left standing (the session moved on) is never forgotten."""
        self.tick()
        if self._phase is not Phase.PAIN or not self._pain_stop_undoable:
            return False
        self._pain_stop_undoable = False
        current = self._require_current()
        current.pain_stop = None
        current.pain_stop_at = None
        self._carry_on()
        self._save()
        return True

    def set_pain_kind(self, kind: PainKind) -> bool:
        """Records what kind of pain stopped the exercise; only during a pain stop, else False."""
        if self._phase is not Phase.PAIN:
            return False
        self._require_current().pain_stop = kind
        self._save()
        return True

    def end(self) -> bool:
        """Ends the session on purpose (after a pain stop, say): status "completed"."""
        return self._stop("completed")

    def quit(self) -> bool:
        """Ends the session early; what was done is kept, as an "interrupted" session."""
        return self._stop("interrupted")

    # --- the schedule ---

    def _stop(self, status: SessionStatus) -> bool:
        if self._phase is Phase.DONE:
            return False
        self.tick()
        self._keep_warm_up(self._active_now())
        self._keep_partial(self._active_now())
        self._finish(status, self._clock.monotonic())
        return True

    def _expire(self, at: float) -> None:
        phase = self._phase
        if phase is Phase.WARM_UP:
            self._bells.append(Bell("rest-end", at))
            self._end_warm_up(at, skipped=False)
        elif phase is Phase.HOLD:
            self._end_position(at, float(self._work_hold()))
        elif phase is Phase.REST:
            self._bells.append(Bell("rest-end", at))
            self._begin_work(at)
        elif phase is Phase.REPS:  # paced: the beat counted a rep
            if self._reps + 1 >= self._planned().dosage.reps:
                self._bells.append(Bell("hold-end", at))  # the set's end rings like a hold's
                self._count_rep(at, 0.0)
            else:
                self._count_rep(at, 0.0)
                self._deadline = self._beat_due()
        else:
            self._begin_work(at)

    def _begin_work(self, at: float) -> None:
        """A rep begins, at its first position."""
        self._position = 0
        if self._work_is_held():
            self._ring_hold_start(at)
            self._enter(Phase.HOLD, at, self._work_hold())
        else:
            self._enter(Phase.REPS, at, None)
            self._start_beat(at)

    def _start_beat(self, at: float) -> None:
        """Paced reps are counted from `at` on (the enter key's reps need no deadline)."""
        pace = self._pace_of(self._planned())
        self._started_at = at
        self._beat_base = self._reps
        if pace is None:
            self._deadline = self._total = None
        else:
            self._total = self.timing.real(pace)
            self._deadline = self._beat_due()

    def _beat_due(self) -> float:
        """When the beat counts the next rep: k tempos after it began, for its k-th rep,
        computed from the beat's start so that no number of ticks adds up an error."""
        assert self._total is not None
        return self._started_at + (self._reps - self._beat_base + 1) * self._total

    def _end_position(self, at: float, held: float) -> None:
        """A position is over (its hold ran out, or a key moved on): the next position of
        the rep with one bell, or, after the last, the rep is counted."""
        if self._position + 1 < len(self._rep_positions()):
            self._bells.append(Bell("position", at))
            self._held += held
            self._position += 1
            if self._phase is Phase.HOLD:
                self._enter(Phase.HOLD, at, self._work_hold())
            return
        if self._phase is Phase.HOLD:
            self._bells.append(Bell("hold-end", at))
        self._count_rep(at, held)

    def _count_rep(self, at: float, held: float) -> None:
        self._reps += 1
        self._held += held
        self._position = 0
        if self._reps >= self._reps_target():
            self._complete_unit(at)
        elif self._work_is_held():
            self._enter(Phase.RELAX, at, self.timing.relax_s)

    def _complete_unit(self, at: float) -> None:
        """One set (one side of it) is done: write it down, then on to what follows."""
        planned = self._planned()
        dosage = planned.dosage
        self._append_set(at)
        if self._sides_of(planned) == 2 and self._side == 0 and not self._in_block:
            self._side = 1
            self._enter(Phase.SWITCH, at, self.timing.switch_s)
        elif planned.exercise.after is not None and not self._in_block:
            self._in_block = True  # a pause as long as a switch of sides, then the block
            self._enter(Phase.SWITCH, at, self.timing.switch_s)
        elif self._set < dosage.sets:
            self._set += 1
            self._side = 0
            self._in_block = False
            if dosage.rest_s > 0:
                self._enter(Phase.REST, at, dosage.rest_s)
            elif dosage.is_hold:
                self._enter(Phase.RELAX, at, self.timing.relax_s)
            else:
                self._begin_work(at)
        else:
            self._go_to(self._index + 1, at)

    def _set_record(self, at: float, held: float) -> SetRecord:
        return SetRecord(
            set_number=self._set,
            side=self._side_now(),
            reps_done=self._reps,
            reps_target=self._reps_target(),
            seconds_held=round(held, 3),
            finished=self._wall(at),
            after_block=self._in_block,
        )

    def _append_set(self, at: float) -> None:
        self._require_current().sets.append(self._set_record(at, self._held))
        self._reps = 0
        self._held = 0.0
        self._save()

    def _keep_partial(self, now: float) -> None:
        """Writes down a set left half-way (by skip, pain or quit) if anything was done."""
        if self._phase is Phase.HOLD:
            self._held += (now - self._started_at) * self.timing.speed
        if self._reps > 0 or self._held >= MIN_PARTIAL_HOLD_S:
            self._append_set(now)
        self._reps = 0
        self._held = 0.0

    def _warm_up_so_far(self, at: float, *, skipped: bool) -> WarmUpRecord | None:
        """The warm-up record with the nominal seconds done by `at` (never past its length)."""
        record = self.record.warm_up
        if record is None:
            return None
        done = min(float(record.planned_s), (at - self._started_at) * self.timing.speed)
        return replace(record, done_s=round(max(done, 0.0), 3), skipped=skipped)

    def _keep_warm_up(self, at: float) -> None:
        """Writes down how much of the warm-up was done when the session leaves it."""
        if self._phase is Phase.WARM_UP:
            self.record.warm_up = self._warm_up_so_far(at, skipped=False)

    def _end_warm_up(self, at: float, *, skipped: bool) -> None:
        """On to the first exercise's get-ready; the warm-up is saved as done or skipped."""
        self.record.warm_up = self._warm_up_so_far(at, skipped=skipped)
        self._save()
        self._enter(Phase.GET_READY, at, get_ready_seconds(self.timing, self._long_get_ready))

    def _go_to(
        self,
        index: int,
        at: float,
        *,
        fresh: bool = True,
        units_done: int = 0,
        warm_up_s: float = 0.0,
    ) -> None:
        """Starts exercise `index` with its get-ready (or finishes after the last one);
        `warm_up_s` puts a warm-up of that many nominal seconds before the get-ready.

        `fresh` starts its record over (when going back to redo it), keeping only the marks
        and any pain stop: a pain stop, once recorded, is never forgotten.
        """
        if index >= len(self._plan):
            self._finish("completed", at)
            return
        planned = self._plan[index]
        record = self._record_of(index)
        if record is None:
            record = ExerciseRecord(
                exercise_id=planned.exercise.id,
                prescribed=planned.dosage,
                per_side=planned.exercise.per_side,
            )
            self.record.exercises.append(record)
        elif fresh:
            record.sets.clear()
            record.skipped = False
        self._index = index
        self._current = record
        sides = self._sides_of(planned)
        per_set = self._units_per_set(planned)
        self._set = units_done // per_set + 1
        self._side = min(units_done % per_set, sides - 1)
        self._in_block = units_done % per_set >= sides
        self._reps = 0
        self._held = 0.0
        self._position = 0
        position = planned.exercise.position
        self._long_get_ready = self._where is None or _posture(self._where) != _posture(position)
        self._where = position
        if warm_up_s > 0:
            self._enter(Phase.WARM_UP, at, warm_up_s)
        else:
            self._enter(Phase.GET_READY, at, get_ready_seconds(self.timing, self._long_get_ready))

    def _finish(self, status: SessionStatus, at: float) -> None:
        current = self._current
        if current is not None and _is_blank(current) and current in self.record.exercises:
            self.record.exercises.remove(current)
        self.record.status = status
        self.record.ended = self._wall(at)
        self._paused_at = None
        self._enter(Phase.DONE, at, None)

    def _enter(self, phase: Phase, at: float, nominal_s: float | None) -> None:
        self._phase = phase
        self._started_at = at
        if nominal_s is None:
            self._deadline = self._total = None
            self._countdown = []
        else:
            self._total = self.timing.real(nominal_s)
            self._deadline = at + self._total
            self._countdown = self._countdown_for(phase, self._total)
        self.phase_log.append(
            PhaseStart(
                phase,
                self._index,
                self._set,
                self._side_now() if self._plan else None,
                self._reps,
                at,
            )
        )

    def _countdown_for(self, phase: Phase, total: float) -> list[float]:
        """3-2-1 before a hold: the bells a wait before a hold rings, largest first.

        A bell that would fall on the wait's first instant is left out: that instant already
        has the bell of the hold that just ended.
        """
        if phase not in (Phase.GET_READY, Phase.RELAX, Phase.SWITCH, Phase.REST):
            return []
        if not self._work_is_held() and self._pace_of(self._planned()) is None:
            return []
        hold_s = self._work_hold()
        if phase is Phase.RELAX and hold_s < self.timing.relax_countdown_min_hold_s:
            return []
        offsets = (self.timing.real(s) for s in self.timing.countdown_bells)
        return sorted((s for s in offsets if 0 < s < total), reverse=True)

    def _ring_hold_start(self, at: float) -> None:
        """Two bells as a hold begins; they stand for any bell of that same instant (the
        end of the rest before it), so the moment has one sound, not three rings."""
        self._bells = [bell for bell in self._bells if bell.at != at]
        self._bells.append(Bell("hold-start", at))

    def _ring_due_countdown(self, now: float) -> None:
        if self._deadline is None:
            return
        while self._countdown and self._deadline - self._countdown[0] <= now:
            self._bells.append(Bell("countdown", self._deadline - self._countdown.pop(0)))

    # --- small helpers ---

    def _planned(self) -> PlannedExercise:
        return self._plan[min(self._index, len(self._plan) - 1)]

    def _pace_of(self, planned: PlannedExercise) -> float | None:
        """Seconds a rep when the machine counts this exercise's moving reps, else None.
        Never for a rep made of positions: each position is moved on by the person."""
        if planned.dosage.is_hold or planned.exercise.positions:
            return None
        return self._pacing.get(planned.exercise.id)

    def _require_current(self) -> ExerciseRecord:
        if self._current is None:  # only an empty plan has none, and it is done at once
            raise RuntimeError("no exercise is under way")
        return self._current

    @staticmethod
    def _sides_of(planned: PlannedExercise) -> int:
        return 2 if planned.exercise.per_side else 1

    @classmethod
    def _units_per_set(cls, planned: PlannedExercise) -> int:
        """What one set writes down: a set record per side, and one for the after block."""
        return cls._sides_of(planned) + (1 if planned.exercise.after is not None else 0)

    def _side_now(self) -> Side | None:
        if self._in_block or not self._planned().exercise.per_side:
            return None
        return SIDES[self._side]

    def _rep_positions(self) -> tuple[int, ...]:
        """The holds of the positions a rep passes through now (one for a plain rep)."""
        planned = self._planned()
        exercise = planned.exercise
        if self._in_block:
            return (exercise.after_numbers(planned.dosage)[1],)
        if exercise.positions:
            return exercise.position_holds(planned.dosage.hold_s)
        return (planned.dosage.hold_s,)

    def _work_hold(self) -> int:
        holds = self._rep_positions()
        return holds[min(self._position, len(holds) - 1)]

    def _work_is_held(self) -> bool:
        return self._work_hold() > 0

    def _reps_target(self) -> int:
        planned = self._planned()
        if self._in_block:
            return planned.exercise.after_numbers(planned.dosage)[0]
        return planned.dosage.reps

    def _record_of(self, index: int) -> ExerciseRecord | None:
        exercise_id = self._plan[index].exercise.id
        return next((r for r in self.record.exercises if r.exercise_id == exercise_id), None)

    def _active_now(self) -> float:
        """The clock, stopped at the moment of pausing while paused."""
        return self._paused_at if self._paused_at is not None else self._clock.monotonic()

    def _wall(self, at: float) -> datetime:
        """The wall time of monotonic instant `at` (which may be a little in the past)."""
        return self._clock.now() - timedelta(seconds=self._clock.monotonic() - at)

    def _save(self) -> None:
        if self.on_save is not None:
            self.on_save(self.record)

    def _mark(self, mark: Literal["too easy", "too hard"]) -> Marked | None:
        """Toggles a mark on the exercise on screen; during a get-ready, before any of the
        new exercise was done, on the one just finished (that is the one you can judge)."""
        if self._phase in (Phase.DONE, Phase.WARM_UP) or not self._plan:
            return None  # during the warm-up no exercise has been done yet
        index = self._index
        target = self._require_current()
        if self._phase is Phase.GET_READY and not target.sets and index > 0:
            previous = self._record_of(index - 1)
            if previous is not None:
                target, index = previous, index - 1
        if mark == "too easy":
            target.too_easy = not target.too_easy
            target.too_hard = False
            on = target.too_easy
        else:
            target.too_hard = not target.too_hard
            target.too_easy = False
            on = target.too_hard
        self._save()
        return Marked(self._plan[index].exercise.name, mark, on)

    def _phase_fraction(self, now: float, remaining: float | None, reps_target: int) -> float:
        if self._phase is Phase.DONE:
            return 1.0
        if self._phase is Phase.REPS and self._deadline is None:
            return min(1.0, self._reps / reps_target)  # a paced rep's bar is its beat
        if remaining is None or not self._total:
            return 0.0
        return min(1.0, max(0.0, 1.0 - remaining / self._total))

    def _session_progress(self, now: float) -> tuple[float, float]:
        """(fraction done, nominal seconds left), weighting exercises by planned time."""
        total = self._warm_up_s + sum(self._weights)
        if self._phase is Phase.DONE or total <= 0:
            return 1.0, 0.0
        if self._phase is Phase.WARM_UP:
            done = min(self._warm_up_s, (now - self._started_at) * self.timing.speed)
            return min(1.0, done / total), max(0.0, total - done)
        planned = self._planned()
        dosage = planned.dosage
        per_set = self._units_per_set(planned)
        # By reps done, not by the second: the whole-session bar moves when a rep is done,
        # so during a hold only the phase's own bar has to be redrawn.
        within = self._reps / self._reps_target()
        unit = self._side + (1 if self._in_block else 0)
        units_done = (self._set - 1) * per_set + unit
        own = 1.0 if self._phase is Phase.PAIN else (units_done + within) / (dosage.sets * per_set)
        done = self._warm_up_s + sum(self._weights[: self._index])
        done += self._weights[self._index] * min(1.0, own)
        return min(1.0, done / total), max(0.0, total - done)


def _posture(position: str) -> str:
    """Positions compared as a person reads them: case and spacing do not count."""
    return " ".join(position.casefold().split())


def _is_blank(record: ExerciseRecord) -> bool:
    """Nothing happened to it: not worth keeping in the record."""
    return not (
        record.sets
        or record.skipped
        or record.pain_stop is not None
        or record.too_easy
        or record.too_hard
    )
