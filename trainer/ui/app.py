"""The Textual app: holds the use cases (`trainer.core.actions.Trainer`) and moves between
screens.

Screens are given the use cases when they are made and never touch files or the wall clock
themselves; what changes the screen or the shared banner they ask for with a typed message
(`trainer.ui.messages`), handled here, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from rich.console import RenderableType
from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.filter import LineFilter
from textual.screen import Screen

from trainer.core.actions import Trainer
from trainer.core.catalogue.model import Catalogue
from trainer.core.catalogue.words import plural
from trainer.core.plan.safety import SafetyStatus
from trainer.core.plan.tailoring import TailoredPlan
from trainer.core.records import SessionRecord
from trainer.core.session.clock import Clock, SystemClock
from trainer.core.store.protocol import Store
from trainer.ui import messages
from trainer.ui.check_back import CheckBackTimer
from trainer.ui.commands import TrainerCommands
from trainer.ui.options import AppOptions


def _collect_garbage_again() -> None:
    """The first screen is up: what start-up built lives on, so keep the collector off it
    (`gc.freeze`), and collect as usual from here (see `trainer.cli.main`)."""
    import gc

    if gc.isenabled():
        return  # not started by trainer.cli.main (tests, embedding): leave the collector alone
    gc.freeze()
    gc.enable()


#: Settings kept in the store's [settings], toggled from the command palette.
BELL_SETTING = "bell"
REDUCED_MOTION_SETTING = "reduced_motion"
#: How a failed save of the palette's choices is named in the banner.
SETTINGS_WORDS = "Your bell and motion settings"
THEME_WORDS = "Your theme"


#: Textual's own palette entries offered here (see `TrainerApp.get_system_commands`).
SYSTEM_COMMANDS_KEPT = frozenset({"Theme", "Quit"})


class TrainerApp(App[int]):
    """backtrainer."""

    TITLE = "backtrainer"
    # The plans' styles are read up front, as most starts open on them: Textual re-parses
    # every stylesheet when a screen brings a new one, which cost the first frame ~5 ms.
    # Screen styles are app-wide in Textual either way; PlansScreen still names its .tcss.
    CSS_PATH = ["app.tcss", "screens/plans.tcss"]
    COMMANDS = App.COMMANDS | {TrainerCommands}
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("t", "stats", "Stats"),
        Binding("ctrl+c", "interrupt", "Stop and quit (asks first)", show=False, priority=True),
        Binding("ctrl+q", "quit", "Quit now (keeps the session so far)", show=False, priority=True),
    ]

    def __init__(
        self,
        catalogue: Catalogue,
        store: Store,
        clock: Clock | None = None,
        options: AppOptions | None = None,
    ) -> None:
        super().__init__()
        #: The use cases every screen is given (they never reach into the app).
        self.trainer = Trainer(catalogue, store, clock or SystemClock())
        self.options = options or AppOptions()
        #: Set once the starting theme is chosen: only later changes are the user's to keep.
        self._theme_settled = False
        #: A hang-up arrives twice (from the kernel and from the driver): handle it once.
        self._fault_handled = False
        #: Asks "Does it still hurt?" when it is due (`trainer.ui.check_back`).
        self.check_back = CheckBackTimer(self, self.trainer)
        from trainer.ui.terminal import HideControls

        #: One instance for the app's life: Textual caches filtered lines per filter.
        self._hide_controls = HideControls()
        from trainer.ui.widgets.notice_banner import Notices

        #: What must stay on screen until it no longer holds (read-only, not saved, files
        #: moved aside): shown in a banner on every screen (`trainer.ui.widgets.notice_banner`).
        self.notices = Notices()

    @property
    def catalogue(self) -> Catalogue:
        return self.trainer.catalogue

    @property
    def store(self) -> Store:
        return self.trainer.store

    @property
    def clock(self) -> Clock:
        return self.trainer.clock

    def on_mount(self) -> None:
        self.adapt_to_terminal()
        self.run_startup_checks()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette entries that work here: Theme and Quit (which keeps the session
        so far). Left out: Screenshot (over SSH it writes an SVG into a folder on the server
        and says nowhere where), Keys (Textual's side panel, which squeezes an 80-column
        screen and lists raw bindings; `?` is the help) and Maximize (no listed way back)."""
        for command in super().get_system_commands(screen):
            if command.title in SYSTEM_COMMANDS_KEPT:
                yield command

    def action_help(self) -> None:
        from trainer.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_stats(self) -> None:
        """`t` from anywhere: the stats, unless they (or one exercise's history) are showing."""
        from trainer.ui.screens.exercise_history import ExerciseHistoryScreen
        from trainer.ui.screens.stats import StatsScreen

        if isinstance(self.screen, ExerciseHistoryScreen):
            self.pop_screen()
        elif not isinstance(self.screen, StatsScreen):
            self._open_stats()

    @work(group="stats", exclusive=True)
    async def _open_stats(self) -> None:
        """The history is read on the store thread first, then the stats open whole (a
        placeholder screen drawn first and rebuilt made them ~70 ms slower to appear)."""
        from trainer.ui.background import in_store_thread
        from trainer.ui.screens.stats import StatsScreen, read_for_stats

        found = await in_store_thread(partial(read_for_stats, self.trainer))
        if not isinstance(self.screen, StatsScreen):
            self.push_screen(StatsScreen(self.trainer, found))

    def toggle_reduced_motion(self) -> None:
        """Palette: animation on or off, kept for next time (--reduced-motion still wins)."""
        reduced = not self.options.reduced_motion
        self.options.reduced_motion = reduced
        self._remember(REDUCED_MOTION_SETTING, reduced)
        self.notify(
            "Reduced motion: the screen changes once a second."
            if reduced
            else "Animation on: bars fill smoothly."
        )

    def toggle_bell(self) -> None:
        """Palette: the terminal bell on or off, kept for next time (--no-bell still wins)."""
        bell = not self.options.bell
        self.options.bell = bell
        self._remember(BELL_SETTING, bell)
        self.notify(
            "Bell on: 3-2-1 before a hold, two bells as it starts, one at each end."
            if bell
            else "Bell off."
        )

    def _remember(self, key: str, value: bool) -> None:
        from trainer.ui.saving import save_in_background

        remember = partial(self.trainer.remember_setting, key, value)
        save_in_background(self, SETTINGS_WORDS, remember, for_now=True)

    def write_failed(self, what: str, error: OSError, *, for_now: bool = False) -> None:
        """A save the person asked for (or that keeps their progress) failed: say so in the
        banner, in full, until `saved(what)`, and go on. `what` starts the sentence ("Your
        answers"); `for_now`: the change still applies to this run."""
        from trainer.core.safe_text import escape_controls

        why = escape_controls(error.strerror or str(error))
        where = f" ({escape_controls(str(error.filename))})" if error.filename else ""
        still = " It applies for this run." if for_now else ""
        self.notices.keep(
            f"not-saved:{what}",
            "Not saved",
            f"{what} could not be saved: {why}{where}.{still} The trainer goes on; free some "
            "space or fix the permissions, and it is saved next time.",
            severity="error",
        )
        self.refresh_notices()

    def saved(self, what: str) -> None:
        """What `write_failed(what, ...)` reported has now been saved: the banner lets go."""
        if f"not-saved:{what}" in self.notices:
            self.notices.drop(f"not-saved:{what}")
            self.refresh_notices()

    def refresh_notices(self) -> None:
        """Shows the notices on the current screen now (later screens get them as shown)."""
        from trainer.ui.widgets.notice_banner import show_notices

        store = self.store
        # Found as the history is read, or moved aside after the person's yes: each named
        # with where its copy is (a moved copy's entry comes last, so it wins).
        for problem in [*store.history_problems, *store.moved_aside]:
            self.notices.keep(f"file:{problem.path}", "A file could not be read", problem.message)
        waiting = store.pending_filings
        if waiting:
            days = ", ".join(f"{s.started.day} {s.started:%b %H:%M}" for s in waiting)
            self.notices.keep(
                "pending-filing",
                "Not yet filed",
                f"{plural(len(waiting), 'finished session')} ({days}) could not be filed yet: the "
                "trainer tries again at every save, when it closes and at the next start.",
                severity="error",
            )
        elif "pending-filing" in self.notices:
            self.notices.drop("pending-filing")
        if self.is_running and self.screen_stack:
            show_notices(self.screen, self.notices)

    # --- saved state (issue 5) ---

    def run_startup_checks(self) -> None:
        """Damaged state files, a read-only store, an unfinished session: settled before
        anything else (see `trainer.ui.startup`); then `begin()`."""
        from trainer.ui.startup import Startup

        Startup(self, self.trainer, self.notices, self.begin).run()

    # --- safety (issue 10): every path asks the one policy ---

    def safety_status(self) -> SafetyStatus:
        """What `trainer.core.plan.safety` says now."""
        return self.trainer.safety_status()

    def session_refusal(self) -> str | None:
        """Why no session may start now, in words; None when one may."""
        from trainer.ui import flow

        if flow.session_running(self) or flow.summary_showing(self):
            return "A session is already under way: finish or quit it first."
        return self.trainer.refusal()

    def schedule_check_back(self) -> None:
        """Asks "Does it still hurt?" 15 minutes after a pain stop (see `trainer.ui.check_back`)."""
        self.check_back.schedule()

    # --- screening and plans (issue 3) ---

    def begin(self) -> None:
        """Shows the first real screen (urgent outcome, screening, or the plans), then the
        check-back a pain stop left waiting, if it is due."""
        self.show_home()
        self.schedule_check_back()

    def show_home(self) -> None:
        """Goes to where a person belongs now (see `trainer.ui.flow.home_screen`)."""
        from trainer.ui import flow

        flow.replace_main(self, flow.home_screen(self.trainer))

    def retake_screening(self) -> None:
        """Asks the screening again over the current screen; escape on its first question
        comes back here, unless an answer given meanwhile closed the sessions (then home)."""
        from trainer.ui import flow
        from trainer.ui.screens.screening import ScreeningScreen

        def left(_: None) -> None:
            if not self.safety_status().may_start:
                self.show_home()

        if flow.session_running(self):
            self.notify(flow.SESSION_RUNNING, severity="warning")
        elif not isinstance(self.screen, ScreeningScreen):
            self.push_screen(ScreeningScreen(self.trainer), left)

    def show_avoid_list(self) -> None:
        from trainer.ui.screens.avoid import AvoidScreen

        if not isinstance(self.screen, AvoidScreen):
            self.push_screen(AvoidScreen(self.catalogue))

    # --- the live session (issue 4) ---

    def prepare_session(self, tailored: TailoredPlan) -> None:
        """A new session from the plans: pain first, then what the policy makes of it (see
        `trainer.ui.before_session`), then the session."""
        from trainer.ui.before_session import prepare

        prepare(self, self.trainer, tailored, self.session_refusal())

    def start_session(
        self,
        tailored: TailoredPlan,
        resume: SessionRecord | None = None,
        pain_before: int | None = None,
    ) -> bool:
        """The only way a session starts (plan screen, resume). Refuses with a message on
        screen when the safety policy or a read-only store says no."""
        from trainer.ui.screens.session import SessionScreen

        reason = self.session_refusal()
        if reason is not None:
            self.notify(reason, title="No session", severity="error", timeout=15)
            return False
        self.push_screen(
            SessionScreen(self.trainer, self.options, tailored, resume, pain_before=pain_before)
        )
        return True

    # --- what screens and the palette ask for (trainer.ui.messages) ---

    @on(messages.ShowHome)
    def _show_home(self) -> None:
        self.show_home()

    @on(messages.ShowPlans)
    def _show_plans(self, message: messages.ShowPlans) -> None:
        from trainer.ui import flow
        from trainer.ui.screens.plans import PlansScreen

        flow.replace_main(self, PlansScreen(self.trainer, message.record))

    @on(messages.ScreeningTaken)
    def _screening_taken(self, message: messages.ScreeningTaken) -> None:
        from trainer.ui import flow

        flow.finish_screening(self, self.trainer, message.record)

    @on(messages.Rescreen)
    def _rescreen(self) -> None:
        self.retake_screening()

    @on(messages.ShowStats)
    def _show_stats(self) -> None:
        self.action_stats()

    @on(messages.ShowAvoidList)
    def _show_avoid_list(self) -> None:
        self.show_avoid_list()

    @on(messages.PrepareSession)
    def _prepare_session(self, message: messages.PrepareSession) -> None:
        self.prepare_session(message.tailored)

    @on(messages.StartSession)
    def _start_session(self, message: messages.StartSession) -> None:
        self.start_session(message.tailored, message.resume, message.pain_before)

    @on(messages.SessionFiled)
    def _session_filed(self) -> None:
        self.refresh_notices()
        self.schedule_check_back()

    @on(messages.WriteFailed)
    def _write_failed(self, message: messages.WriteFailed) -> None:
        self.write_failed(message.what, message.error, for_now=message.for_now)

    @on(messages.Saved)
    def _saved(self, message: messages.Saved) -> None:
        self.saved(message.what)

    @on(messages.NoticesChanged)
    def _notices_changed(self) -> None:
        self.refresh_notices()

    @on(messages.ToggleBell)
    def _toggle_bell(self) -> None:
        self.toggle_bell()

    @on(messages.ToggleReducedMotion)
    def _toggle_reduced_motion(self) -> None:
        self.toggle_reduced_motion()

    # --- the terminal: colours, theme, size (issue 7) ---

    def adapt_to_terminal(self) -> None:
        """Starts in the remembered theme (or the ANSI one on 16 colours) and guards every
        screen against a terminal smaller than it was laid out for."""
        from trainer.ui.terminal import starting_theme

        theme = starting_theme(self, self.store)
        if theme is not None:
            self.theme = theme
        self._theme_settled = True
        self.screen_change_signal.subscribe(self, self._guard_current_screen)
        self.call_after_refresh(_collect_garbage_again)
        if not self.is_headless:
            from trainer.ui.faults import install_signal_handlers

            install_signal_handlers(self.on_fault_signal)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then one that keeps control characters off the terminal
        (`trainer.ui.terminal.HideControls`)."""
        return [*super().get_line_filters(), self._hide_controls]

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        if driver.__module__ == "textual.drivers.linux_driver":  # not on Windows, not if forced
            from trainer.ui.driver import SturdyLinuxDriver

            return SturdyLinuxDriver
        return driver

    def on_fault_signal(self, exit_status: int, hung_up: bool) -> None:
        """SIGHUP (the connection dropped), SIGTERM or SIGINT: save the session so far as
        still in progress, then exit through Textual so the terminal is restored."""
        from trainer.ui.faults import save_work_in_progress, silence_the_terminal

        if self._fault_handled:
            return
        self._fault_handled = True
        if hung_up:
            silence_the_terminal()
        save_work_in_progress(self)
        self.exit(exit_status, return_code=exit_status)

    def panic(self, *renderables: RenderableType) -> None:
        """An unexpected error (a read from a hung-up terminal raises one too): whatever
        happened, the session so far is saved before the app goes down."""
        from trainer.ui.faults import save_work_in_progress

        save_work_in_progress(self)
        super().panic(*renderables)

    async def action_quit(self) -> None:
        """q (where no screen takes it) and Textual's Ctrl+Q: whatever is under way is kept,
        as in a dropped connection, so the next start offers to resume it."""
        from trainer.ui.faults import save_work_in_progress

        save_work_in_progress(self)
        await super().action_quit()

    def action_interrupt(self) -> None:
        """Ctrl+C: asks first, then does what a dropped connection does."""
        from trainer.exitcodes import EXIT_INTERRUPT
        from trainer.ui.faults import has_work_in_progress
        from trainer.ui.screens.interrupt import InterruptScreen

        if isinstance(self.screen, InterruptScreen):
            self.screen.action_answer(True)  # a second Ctrl+C means yes, as in a shell
            return

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self.on_fault_signal(EXIT_INTERRUPT, hung_up=False)

        self.push_screen(InterruptScreen(has_work_in_progress(self)), answered)

    def watch_theme(self, theme: str) -> None:
        from trainer.ui.saving import save_in_background
        from trainer.ui.terminal import THEME_SETTING, match_no_color_filter

        match_no_color_filter(self)
        if self._theme_settled:
            remember = partial(self.trainer.remember_setting, THEME_SETTING, theme)
            save_in_background(self, THEME_WORDS, remember, for_now=True)

    def on_resize(self, event: events.Resize) -> None:
        self._guard_current_screen(self.screen)

    def _guard_current_screen(self, screen: object) -> None:
        from trainer.ui.widgets.too_small import guard_screen_size

        def guard_stack() -> None:
            # Dialogs let the screen below show through, so every screen is kept in step.
            for each in self.screen_stack:
                guard_screen_size(self, each)
            self.refresh_notices()

        # A new screen composes after the change is announced: check once it exists.
        self.call_later(guard_stack)
