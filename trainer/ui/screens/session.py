"""The live session: what to do now, readable from the floor two metres away.

The screen only draws `SessionMachine.view()` and forwards keys; all timing lives in the
machine. To stay light over SSH it redraws only what changed (text that changed, the bar
cells that moved, the rows of the digit that turned) and sleeps until the next visible
change: one one-shot timer, set for when the bar next moves a step or the shown second
turns (with reduced motion: only the second), and no timer at all while paused, while
waiting for a moving rep, or while a dialog covers the screen.
"""

from __future__ import annotations

import copy
import math
from functools import partial

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from trainer.core.actions import Trainer
from trainer.core.catalogue.words import plural
from trainer.core.plan.tailoring import TailoredPlan
from trainer.core.records import PainKind, SessionRecord
from trainer.core.session.bells import RING_GAP_S, rings_for
from trainer.core.session.machine import SessionMachine, Timing
from trainer.core.session.pacing import PACE_CHOICES, describe_pace, next_pace
from trainer.core.session.view import (
    EXTENDABLE_PHASES,
    Phase,
    SessionView,
    describe_minutes,
    until_next_second,
)
from trainer.core.session.words import BANNER_WORDS, banner
from trainer.ui.background import in_store_thread, now_in_store_thread
from trainer.ui.messages import Saved, ShowStats, WriteFailed
from trainer.ui.options import AppOptions
from trainer.ui.saving import save_in_background
from trainer.ui.widgets.big_number import BigNumber, big_width
from trainer.ui.widgets.fill_bar import FillBar
from trainer.ui.widgets.phase_banner import PhaseBanner
from trainer.ui.widgets.too_small import TOO_SMALL_CLASS, SizeGuardChanged

#: The most wake-ups a second while a bar moves (a short phase's bar steps faster).
FRAMES_PER_SECOND = 10
#: How often a long phase's bar moves: its resolution (eighths, quarters, ... of a cell) is
#: chosen so that it steps about this many times a second, which still looks continuous.
BAR_STEPS_PER_SECOND = 2
#: Wake this much after a change is due, never just before it.
WAKE_MARGIN_S = 0.005

WAITS = frozenset({Phase.WARM_UP, Phase.GET_READY, Phase.RELAX, Phase.SWITCH})
#: How a failed save during the session is named in the banner.
SESSION_WORDS = "Your progress in this session"
#: How a failed save of a tempo is named in the banner.
PACE_WORDS = "The pace you chose"
#: What the pace key does, for the help screen.
PACE_TOOLTIP = (
    "moving reps: the trainer counts them for you, one every "
    + ", ".join(str(seconds) for seconds in PACE_CHOICES[:-1])
    + f" or {PACE_CHOICES[-1]} s, then back to enter per rep; kept per exercise"
)
#: The phases in which the pace key works, for an exercise of moving reps.
PACEABLE = frozenset({Phase.GET_READY, Phase.SWITCH, Phase.REST, Phase.REPS})


def phase_label(view: SessionView) -> str:
    """The big word of the moment, with the side as a word ("HOLD · LEFT SIDE")."""
    if view.phase is Phase.SWITCH and view.side is None:  # the pause before an after block
        return view.cue.upper()
    if view.phase is Phase.SWITCH:
        return f"SWITCH TO YOUR {view.side_word} SIDE"
    word = BANNER_WORDS[view.phase]  # the header line says the phase as the banner does
    if view.phase is Phase.REPS and view.paced_s is not None:
        word = f"PACED {word}"
    if view.side and view.phase in (Phase.GET_READY, Phase.HOLD, Phase.REPS):
        word = f"{word} · {view.side_word} SIDE"
    if view.paused:
        word = f"PAUSED · {word}"
    return word


def rep_dots(done: int, target: int, current: bool) -> str:
    """● done, ◉ the one under way, ○ to do; left out when too many to count at a glance."""
    if target > 20:
        return ""
    doing = 1 if current and done < target else 0
    return "●" * done + "◉" * doing + "○" * (target - done - doing)


def reps_text(view: SessionView) -> str:
    dosage = view.dosage
    if view.phase is Phase.WARM_UP:
        return "s skips the warm-up"
    paced = view.paced_s is not None
    if view.phase is Phase.REPS:
        line = f"{view.reps_done} of {plural(view.reps_target, 'rep')} done"
        if paced:
            line += f", one every {view.paced_s:g} s"
    elif view.phase in (Phase.HOLD, Phase.RELAX):
        line = f"rep {min(view.reps_done + 1, view.reps_target)} of {view.reps_target}"
    elif dosage.is_hold:
        line = f"{plural(view.reps_target, 'rep')}, hold {dosage.hold_s} s each"
    elif paced:
        line = f"{plural(view.reps_target, 'rep')}, one every {view.paced_s:g} s"
    else:
        line = f"{plural(view.reps_target, 'rep')}, at your own pace"
    under_way = view.phase is Phase.HOLD or (view.phase is Phase.REPS and paced)
    dots = rep_dots(view.reps_done, view.reps_target, under_way)
    return f"{line}  {dots}" if dots else line


def sets_text(view: SessionView) -> str:
    if view.phase is Phase.WARM_UP:
        return ""
    text = f"set {view.set_number} of {view.sets_target}"
    if view.side == "left":
        text += " · left, then right"
    elif view.side == "right":
        text += " · right (left done)"
    return text


def countdown_text(view: SessionView) -> str:
    if view.phase is Phase.REPS:
        return f"{view.reps_done}/{view.reps_target}"
    return view.countdown_text


def cue_text(view: SessionView) -> str:
    """The cue, and for reps counted with enter, the key that counts them instead: the
    person on the mat learns it where they are already looking."""
    paceable = view.position_cue is None  # a rep made of positions is moved on by hand
    if view.phase is Phase.REPS and view.paced_s is None and paceable:
        return f"{view.cue} (or m: the trainer counts them for you)"
    return view.cue


def marks_text(view: SessionView) -> str:
    if view.too_easy:
        return "Marked: too easy"
    if view.too_hard:
        return "Marked: too hard"
    return ""


def steps_content(view: SessionView) -> Content:
    """The exercise's steps, numbered; plain text, so catalogue brackets stay brackets."""
    lines = [
        Content.assemble((f"{number}. ", "bold"), step)
        for number, step in enumerate(view.steps, start=1)
    ]
    return Content("\n").join(lines)


#: The widgets whose look follows the phase (see session.tcss).
PHASE_STYLED = ("session-banner", "session-phase", "session-countdown", "session-phase-bar")


class SessionScreen(Screen[None]):
    CSS_PATH = "session.tcss"
    MIN_SIZE = (60, 20)
    AUTO_FOCUS = None
    # Short words so every key fits an 80-column footer; the help screen adds the tooltips.
    BINDINGS = [
        Binding("space,enter", "resume", "Resume", key_display="space"),
        Binding("space", "pause", "Pause", key_display="space", tooltip="paused time never counts"),
        Binding("enter", "start_now", "Start", tooltip="start now, without waiting"),
        Binding("enter", "end_rest", "Start", tooltip="end the rest, start the next set"),
        Binding("enter", "hold_done", "Done", tooltip="end this hold now, count the rep"),
        Binding("enter", "rep_done", "Rep done", tooltip="count one rep"),
        # Pain comes before the rest: on a narrow terminal the footer cuts off its end.
        Binding("p", "pain_stop", "Pain", tooltip="it hurts: stop this exercise now"),
        Binding("m", "pace", "Pace", tooltip=PACE_TOOLTIP),
        # Early too: at 60 columns the footer ends before the app's own "? Help" would show.
        Binding(
            "question_mark,f1",
            "app.help",
            "Help",
            key_display="?",
            tooltip="every key; the session stays paused until you resume it",
        ),
        Binding("r", "add_rest", "+15 s", tooltip="more rest (or get-ready)"),
        Binding("s", "skip", "Skip", tooltip="skip this exercise"),
        Binding("b", "back", "Back", tooltip="back to the previous exercise"),
        Binding("e", "too_easy", "Easy", tooltip="mark this exercise too easy"),
        Binding("h", "too_hard", "Hard", tooltip="mark this exercise too hard"),
        Binding("q", "quit_session", "Quit", tooltip="end the session; what you did is kept"),
        Binding("t", "stats", "Stats", show=False),
    ]

    def __init__(
        self,
        trainer: Trainer,
        options: AppOptions,
        tailored: TailoredPlan,
        resume: SessionRecord | None = None,
        *,
        pain_before: int | None = None,
    ) -> None:
        """`pain_before`: asked before this screen (`trainer.ui.before_session`), so that
        the safety policy could act on it before anything started. `options`: shared with
        the app, so a palette toggle reaches the session at once."""
        super().__init__()
        self.trainer = trainer
        self.options = options
        self.tailored = tailored
        self.resume_record = resume
        self.pain_before = pain_before
        self.machine: SessionMachine | None = None
        #: Bells rung so far (the terminal bell cannot be heard in a test).
        self.bells_rung = 0
        #: Seconds between the bells of one moment (0: all at once, for tests that count).
        self.ring_gap_s = RING_GAP_S
        self._shown: dict[str, str] = {}
        self._words_key: tuple[object, ...] | None = None
        self._bindings_key: tuple[object, ...] | None = None
        self._wake_timer: Timer | None = None
        #: How long the pending wake-up was set for (None: nothing will wake the screen).
        self.next_wake_s: float | None = None
        self._suspended = False
        self._auto_paused = False
        self._save_failed = False
        self._summary_shown = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        # Two groups, so a repaint of the bar or the digits makes Textual compose only the
        # widgets of their own group, not every line of the screen.
        with Vertical(id="session-upper"):
            with Horizontal(id="session-top"):
                yield Static(Content(self.tailored.plan.name), id="session-name")
                yield Static(id="session-position")
            yield PhaseBanner(id="session-banner")
            with Horizontal(id="session-main"):
                with Vertical(id="session-clock"):
                    yield BigNumber(id="session-countdown")
                with Vertical(id="session-status"):
                    yield Static(id="session-phase")
                    yield Static(id="session-reps")
                    yield Static(id="session-sets")
                    yield Static(id="session-then")
                    yield Static(id="session-marks")
            yield FillBar(id="session-phase-bar")
        with Vertical(id="session-lower"):
            yield Static(id="session-cue")
            yield Static(id="session-steps")
            with Horizontal(id="session-bottom"):
                yield Static(id="session-next")
                yield Static(id="session-progress-text")
            yield FillBar(steps_per_cell=1, id="session-progress")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._phase_bar = self.query_one("#session-phase-bar", FillBar)
        self._session_bar = self.query_one("#session-progress", FillBar)
        self._start(self.pain_before)

    def _start(self, pain_before: int | None) -> None:
        """Builds the machine once the screen is ready, so the first get-ready is whole."""
        timing = Timing(speed=self.options.speed)
        clock = self.trainer.clock
        pacing = {key: float(seconds) for key, seconds in self.trainer.store.pacing().items()}
        if self.resume_record is not None:
            self.machine = SessionMachine.resume(
                self.tailored,
                self.resume_record,
                clock,
                timing=timing,
                on_save=self._save_progress,
                pacing=pacing,
            )
        else:
            self.machine = SessionMachine.start(
                self.tailored,
                clock,
                pain_before=pain_before,
                timing=timing,
                on_save=self._save_progress,
                pacing=pacing,
            )
        self.update_session()

    # ------------------------------------------------------------------ the loop

    def update_session(self) -> None:
        """Brings the screen up to the machine's present: ticks, rings, redraws what changed,
        and arms whatever timer the new state needs. Tests call it after moving the clock."""
        machine = self.machine
        if machine is None:
            return
        machine.tick()
        self._ring(rings_for(machine.drain_bells()))
        view = machine.view()
        if view.phase is Phase.DONE:
            self._stop_timers()
            self._show_summary()
            return
        self._draw(view)
        self._sync_bindings(view)
        self._arm_timers(view)

    def _draw(self, view: SessionView) -> None:
        # Between two seconds of a hold only the bar moves: skip the words entirely then.
        countdown = countdown_text(view)
        if view.phase is Phase.REPS and big_width(countdown) > self._clock_width():
            countdown = str(view.reps_done)  # "4/10" is wider than a 60-column clock
        words_key = (
            view.phase,
            view.paused,
            view.exercise_index,
            view.reps_done,
            view.set_number,
            view.side,
            view.too_easy,
            view.too_hard,
            countdown,
            view.position_cue,
            describe_minutes(view.session_remaining_s),
            view.paced_s,
        )
        if words_key != self._words_key:
            self._words_key = words_key
            self._draw_words(view, countdown)
            self._phase_bar.set_resolution(self._bar_resolution(view))
        self._phase_bar.show(view.phase_fraction)
        self._session_bar.show(view.session_fraction)

    def _clock_width(self) -> int:
        return self.query_one("#session-clock", Vertical).content_size.width

    def _bar_resolution(self, view: SessionView) -> int:
        """Steps per cell for the phase bar: fine enough to look continuous, coarse enough
        that a long hold's bar wakes the screen only a few times a second."""
        width = self._phase_bar.content_size.width
        if self.options.reduced_motion or not view.phase_total_s or width <= 0:
            return 8
        return int(BAR_STEPS_PER_SECOND * view.phase_total_s / width)

    def _draw_words(self, view: SessionView, countdown: str) -> None:
        self._put(
            "session-position", f"exercise {view.exercise_index + 1} of {view.exercise_count}"
        )
        self._put("session-name", view.name)
        self.query_one("#session-countdown", BigNumber).show(countdown)
        self._put("session-phase", phase_label(view))
        self.query_one("#session-banner", PhaseBanner).show(banner(view))
        self._put("session-reps", reps_text(view))
        self._put("session-sets", sets_text(view))
        self._put("session-then", f"Then: {view.then}" if view.then else "")
        self._put("session-marks", marks_text(view))
        self._put("session-cue", cue_text(view))
        if self._shown.get("steps-of") != view.exercise_id:
            self._shown["steps-of"] = view.exercise_id
            self.query_one("#session-steps", Static).update(steps_content(view))
        following = view.next_exercise
        self._put(
            "session-next",
            f"Next exercise: {following}" if following else "Last exercise of the session",
        )
        self._put(
            "session-progress-text", f"session: {describe_minutes(view.session_remaining_s)} left"
        )
        self._set_phase_class(view)

    def _put(self, widget_id: str, text: str) -> None:
        """Updates a Static only when its text changes: nothing else is sent to the terminal."""
        before = self._shown.get(widget_id)
        if before == text:
            return
        self._shown[widget_id] = text
        # A new layout only when the length changed: most lines keep their width.
        resized = before is None or len(before) != len(text)
        self.query_one(f"#{widget_id}", Static).update(Content(text), layout=resized)

    def _set_phase_class(self, view: SessionView) -> None:
        """Puts the phase class on the widgets it styles only: on the whole screen, every
        change restyled every widget (p95 key latency 56 ms against about 40 ms)."""
        wanted = f"-{view.phase.value}"
        if view.paused:
            wanted = "-paused"
        previous = self._shown.get("class")
        if previous == wanted:
            return
        for widget_id in PHASE_STYLED:
            widget = self.query_one(f"#{widget_id}")
            if previous:
                widget.remove_class(previous)
            widget.add_class(wanted)
        self._shown["class"] = wanted

    def _sync_bindings(self, view: SessionView) -> None:
        """The footer shows the keys that do something now; refreshed only on a change."""
        key = (view.phase, view.paused, view.exercise_index)
        if key != self._bindings_key:
            self._bindings_key = key
            self.refresh_bindings()

    def _ring(self, times: int) -> None:
        """Rings `times` bells, `RING_GAP_S` apart so two are heard as two; the later ones
        on timers, never by waiting in the event loop."""
        if times <= 0 or not self.options.bell:
            return
        self._ring_once()
        for later in range(1, times):
            if self.ring_gap_s > 0:
                self.set_timer(self.ring_gap_s * later, self._ring_once, name="session-bell")
            else:
                self._ring_once()

    def _ring_once(self) -> None:
        if self.options.bell:
            self.bells_rung += 1
            self.app.bell()

    # ------------------------------------------------------------------ timers

    def _arm_timers(self, view: SessionView) -> None:
        """One wake-up, set for the next moment something on screen changes."""
        if self._wake_timer is not None:
            self._wake_timer.stop()
            self._wake_timer = None
        if view.remaining_s is None or view.paused or self._suspended:
            self.next_wake_s = None
            return
        self.next_wake_s = self._until_next_change(view)
        self._wake_timer = self.set_timer(
            self.next_wake_s, self.update_session, name="session-wake"
        )

    def _until_next_change(self, view: SessionView) -> float:
        """Seconds until the shown second turns or, when animating, until the bar moves on
        by one step: a long hold wakes about BAR_STEPS_PER_SECOND times a second, a short
        phase at most FRAMES_PER_SECOND times; reduced motion only at each second."""
        assert view.remaining_s is not None
        wait = until_next_second(view.remaining_s)
        if not self.options.reduced_motion and view.phase_total_s:
            steps = self._phase_bar.steps
            if steps > 0:
                next_step = (math.floor(view.phase_fraction * steps + 1e-9) + 1) / steps
                wait = min(wait, (next_step - view.phase_fraction) * view.phase_total_s)
            return max(wait + WAKE_MARGIN_S, 1 / FRAMES_PER_SECOND)
        return wait + WAKE_MARGIN_S

    def _stop_timers(self) -> None:
        if self._wake_timer is not None:
            self._wake_timer.stop()
        self._wake_timer = None
        self.next_wake_s = None

    @property
    def timer_mode(self) -> str | None:
        """ "frames" (animating), "seconds" (reduced motion) or None (nothing will wake us)."""
        if self._wake_timer is None:
            return None
        return "seconds" if self.options.reduced_motion else "frames"

    @property
    def timers_running(self) -> bool:
        return self.timer_mode is not None

    # ------------------------------------------------------------------ covered by a dialog

    def on_screen_suspend(self, event: events.ScreenSuspend) -> None:
        """A dialog (help, the palette, a question) covers the session: time stops too.

        Help and the stats are opened to read, from the keyboard, not from the mat: the
        session stays paused when they close, and the person resumes with the usual key
        once back in position. A question answered goes straight on, as before.
        """
        self._suspended = True
        machine = self.machine
        if machine is not None and machine.pause():
            self._auto_paused = not self._covered_for_reading()
        self._stop_timers()

    def _covered_for_reading(self) -> bool:
        from trainer.ui.screens.exercise_history import ExerciseHistoryScreen
        from trainer.ui.screens.help import HelpScreen
        from trainer.ui.screens.stats import StatsScreen

        return isinstance(self.app.screen, (HelpScreen, StatsScreen, ExerciseHistoryScreen))

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        self._suspended = False
        machine = self.machine
        if machine is not None and self._auto_paused:
            machine.unpause()
        self._auto_paused = False
        self.update_session()

    # ------------------------------------------------------------------ hidden by the size notice

    def on_size_guard_changed(self, event: SizeGuardChanged) -> None:
        """The terminal got too small and the notice hides the session: a hold must not run
        out unseen, so it pauses, and stays paused when the screen comes back (whoever
        resized is at the keyboard, not in position); the usual key resumes it."""
        machine = self.machine
        if event.too_small and machine is not None:
            machine.pause()
        self.update_session()
        self.refresh_bindings()

    @property
    def hidden_by_size_notice(self) -> bool:
        return self.has_class(TOO_SMALL_CLASS)

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        machine = self.machine
        if machine is None or machine.is_done:
            return action not in _SESSION_ACTIONS
        if self.hidden_by_size_notice and action in _UNSEEN_ACTIONS:
            return False  # nothing moves the session on while nobody can see it
        phase, paused = machine.phase, machine.paused
        match action:
            case "resume":
                return paused
            case "pause":
                return not paused and phase not in (Phase.PAIN, Phase.DONE)
            case "start_now":
                return not paused and phase in WAITS
            case "end_rest":
                return not paused and phase is Phase.REST
            case "hold_done":
                return not paused and phase is Phase.HOLD
            case "rep_done":
                return not paused and phase is Phase.REPS
            case "add_rest":
                return phase in EXTENDABLE_PHASES
            case "pace":
                return phase in PACEABLE and machine.paceable
            case "back" | "too_easy" | "too_hard":
                return phase is not Phase.WARM_UP  # no exercise yet to go back to or mark
        return True

    def _after_event(self) -> None:
        self.update_session()

    def action_resume(self) -> None:
        if self.machine is not None:
            self.machine.unpause()
            self._after_event()

    def action_pause(self) -> None:
        if self.machine is not None:
            self.machine.pause()
            self._after_event()

    def _next(self) -> None:
        if self.machine is not None:
            self.machine.next()
            self._after_event()

    def action_start_now(self) -> None:
        self._next()

    def action_end_rest(self) -> None:
        self._next()

    def action_hold_done(self) -> None:
        self._next()

    def action_rep_done(self) -> None:
        self._next()

    def action_add_rest(self) -> None:
        if self.machine is not None and self.machine.add_rest():
            self._after_event()

    def action_pace(self) -> None:
        """The next tempo for this exercise's moving reps (or back to enter per rep), from
        the floor: it applies at once and is remembered for the next session."""
        machine = self.machine
        if machine is None:
            return
        view = machine.view()
        chosen = next_pace(view.paced_s)
        if not machine.set_pace(chosen):
            return
        self.notify(f"{view.name}: {describe_pace(chosen)}.", timeout=4)
        self._remember_pace(view.exercise_id, chosen)
        self._after_event()

    def _remember_pace(self, exercise_id: str, seconds: int | None) -> None:
        if self.trainer.store.read_only_reason is not None:
            return  # another trainer writes; the pace lasts for this session only
        remember = partial(self.trainer.store.save_pacing, exercise_id, seconds)
        save_in_background(self, PACE_WORDS, remember, for_now=True)

    def action_skip(self) -> None:
        if self.machine is not None:
            self.machine.skip()
            self._after_event()

    def action_back(self) -> None:
        if self.machine is not None:
            self.machine.back()
            self._after_event()

    def action_too_easy(self) -> None:
        self._mark(easy=True)

    def action_too_hard(self) -> None:
        self._mark(easy=False)

    def _mark(self, *, easy: bool) -> None:
        if self.machine is None:
            return
        marked = self.machine.mark_too_easy() if easy else self.machine.mark_too_hard()
        if marked is not None:
            message = (
                f"{marked.name}: marked {marked.mark}."
                if marked.on
                else f"{marked.name}: {marked.mark} mark removed."
            )
            self.notify(message, timeout=3)
        self._after_event()

    def action_pain_stop(self) -> None:
        machine = self.machine
        if machine is None or not machine.pain_stop():
            return
        self.update_session()
        view = machine.view()
        from trainer.ui.screens.session_pain import PainStopChoice, PainStopScreen

        def decided(choice: PainStopChoice | None) -> None:
            if machine.is_done:
                return
            if choice == "undo":
                machine.undo_pain_stop()
            elif choice == "go on":
                machine.next()
            else:
                machine.end()
            self.update_session()

        self.app.push_screen(
            PainStopScreen(
                exercise_name=view.name,
                next_exercise=view.next_exercise,
                advice=self.trainer.catalogue.guidance.get("stop", ()),
                on_kind=self._record_pain_kind,
            ),
            decided,
        )

    def _record_pain_kind(self, kind: PainKind) -> None:
        if self.machine is not None:
            self.machine.set_pain_kind(kind)

    def action_quit_session(self) -> None:
        from trainer.ui.screens.confirm import ConfirmScreen

        def answered(end_now: bool | None) -> None:
            if end_now and self.machine is not None:
                self.machine.quit()
                self.update_session()

        self.app.push_screen(
            ConfirmScreen(
                "End the session now? What you have done so far is kept.",
                yes="End the session",
                no="Go on",
            ),
            answered,
        )

    def action_stats(self) -> None:
        """Stats from inside a session: the session pauses while they are shown."""
        self.post_message(ShowStats())

    # ------------------------------------------------------------------ saving

    def _save_progress(self, record: SessionRecord) -> None:
        """After every set (and skip, mark, pain stop): the most a crash can lose is one set.
        A copy as it stands now is saved on the store thread, while the session goes on."""
        self._save_in_background(copy.deepcopy(record))

    @work(group="saves")
    async def _save_in_background(self, record: SessionRecord) -> None:
        try:
            await in_store_thread(partial(self.trainer.save_progress, record))
        except OSError as error:  # the session goes on; the banner says so until it saves
            self.post_message(WriteFailed(SESSION_WORDS, error))
        except Exception as error:  # the session goes on; say so once
            if not self._save_failed:
                self._save_failed = True
                self.notify(
                    f"Your progress could not be saved ({error}). The session goes on.",
                    title="Not saved",
                    severity="error",
                    timeout=10,
                )
        else:
            self.post_message(Saved(SESSION_WORDS))

    def save_interrupted(self) -> None:
        """The process must end now: keep everything, including the set under way, as a
        session still in progress, so the next start offers to resume it. It waits for the
        saves asked before it, so it is the last word."""
        machine = self.machine
        if machine is None or machine.is_done:
            return
        snapshot = machine.snapshot()
        if snapshot.exercises:  # nothing done yet: nothing worth resuming
            now_in_store_thread(partial(self.trainer.save_progress, snapshot))

    def _show_summary(self) -> None:
        if self._summary_shown or self.machine is None:
            return
        self._summary_shown = True
        from trainer.ui.screens.session_summary import SessionSummaryScreen

        self.app.switch_screen(
            SessionSummaryScreen(self.trainer, self.tailored, self.machine.record)
        )

    def on_unmount(self) -> None:
        self._stop_timers()


_SESSION_ACTIONS = frozenset(
    {
        "resume",
        "pause",
        "start_now",
        "end_rest",
        "hold_done",
        "rep_done",
        "add_rest",
        "pace",
        "skip",
        "back",
        "too_easy",
        "too_hard",
        "pain_stop",
        "quit_session",
    }
)

#: What the keys may not do while the size notice hides the session: nothing that moves
#: it on or changes it unseen. Pain and quit still work, as everywhere.
_UNSEEN_ACTIONS = _SESSION_ACTIONS - {"pain_stop", "quit_session"}
