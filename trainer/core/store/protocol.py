"""Where progression state lives: the interface every part of the program saves through.

`MemoryStore` keeps everything in memory (tests, demos, screenshots); `FileStore` in
`trainer.core.store.files` keeps it in TOML files next to the catalogue. Both satisfy `Store`.
"""

from __future__ import annotations

import copy
import functools
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from trainer.core.records import (
    ActivityRecord,
    ExerciseProgress,
    PrescriptionChange,
    SafetyEvent,
    ScreeningRecord,
    SessionRecord,
)

#: C0 and C1 control characters (tab and newline too: a message is one line), DEL, and the
#: invisible direction overrides: what a hostile file could use to rewrite the terminal.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control character written as an escape (`\\x1b`), so text taken
    from a file (a key, an id, a file name) can be shown on a terminal as it is."""
    return _CONTROLS.sub(lambda found: ascii(found.group())[1:-1], text)


_Class = TypeVar("_Class", bound=type)


def _under_mutex(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def locked(self: Any, *args: Any, **kwargs: Any) -> Any:
        with self._mutex:
            return method(self, *args, **kwargs)

    return locked


def serialised(cls: _Class) -> _Class:
    """Every public method and property of `cls` runs holding the instance's `_mutex` (an
    `RLock` its `__init__` makes): the app reads and writes the store from its store thread
    (`trainer.ui.background`) while the screen's thread reads it too, and a save is several
    steps that no reader may see half-done."""
    for name, member in list(vars(cls).items()):
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            setter = None if member.fset is None else _under_mutex(member.fset)
            getter = None if member.fget is None else _under_mutex(member.fget)
            setattr(cls, name, property(getter, setter, doc=member.__doc__))
        elif callable(member):
            setattr(cls, name, _under_mutex(member))
    return cls


@dataclass(frozen=True, slots=True)
class StateFileProblem:
    """A state file that could not be used: what was wrong, and where the copy went.

    Nothing is lost: a damaged file is only moved aside (to `moved_to`) once the person
    chose to start fresh, or, for a history file found damaged while writing, just before
    the history is written again. Until then `moved_to` is None and the file is untouched.
    `what` never holds raw control characters (see `printable`).
    """

    path: Path
    what: str  # what was wrong, in words, with the line or key where known
    moved_to: Path | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "what", printable(self.what))

    @property
    def message(self) -> str:
        """The problem in one sentence for the screen: which file, what was wrong, where it is."""
        where = printable(str(self.path))
        if self.moved_to is None:
            return f"{where} could not be read: {self.what}. It was left as it is."
        return (
            f"{where} could not be read: {self.what}. "
            f"It was moved, unchanged, to {printable(str(self.moved_to))}."
        )


class NewerStateSchema(Exception):
    """The state was written by a newer backtrainer: refuse it rather than guess."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"{printable(str(path))} was written by a newer version of backtrainer "
            f"(state schema {found}; this version reads up to {supported}). Upgrade "
            "backtrainer, or pass --state to use another file. The file was not changed."
        )


class StoreReadOnly(PermissionError):
    """A write was asked of a store that may not write; `str()` says why. An OSError, so a
    screen that already reports a failed save (a full disk, say) reports this one too."""


class UnsafeState(PermissionError):
    """The state's folder is not safe to use (a link, a file, another user's, writable by
    others); `str()` says why. Raised by `open_store_for_reading`; a writer opens read-only
    with the same sentence as its `read_only_reason` instead."""


class FilingPending(OSError):
    """A finished session could not be filed into the history (a full disk, say); it is
    kept pending (see `Store.pending_filings`) and filed at the next save or start."""


class Store(Protocol):
    """What every part of the program saves through and reads from; `FileStore`, `MemoryStore`."""

    #: Set when this process may not write (another trainer holds the lock, the folder is
    #: not writable, or damaged files wait for the user's yes to `start_fresh`).
    read_only_reason: str | None
    #: Set when state is kept somewhere the user would not expect (say so on screen).
    location_note: str | None
    #: State files found unusable at open, left exactly where they are (`moved_to` None).
    #: Until `start_fresh()` is called (after the user confirmed), nothing is written.
    startup_problems: tuple[StateFileProblem, ...]
    #: History files found unusable later, while reading them (a writer moves each aside
    #: at once, `moved_to` set; a read-only store leaves it), then skipped.
    history_problems: list[StateFileProblem]
    #: Files moved aside by `start_fresh` (each `moved_to` says where the copy went), and
    #: history files moved aside since: name each on screen. Only ever grows.
    moved_aside: list[StateFileProblem]

    @property
    def pending_filings(self) -> list[SessionRecord]:
        """Finished sessions not yet in the history because filing them failed (a full
        disk): retried at every save and at start, never overwritten. Name them on screen
        until this is empty."""
        ...

    def start_fresh(self) -> None:
        """The user has read `startup_problems` and agreed to go on without those files:
        each is moved aside now (see `moved_aside`)."""
        ...

    def screening(self) -> ScreeningRecord | None:
        """The last completed screening, or None before the first one."""
        ...

    def save_screening(self, record: ScreeningRecord) -> None:
        """Keeps a completed screening, replacing the last one (raises OSError when it cannot)."""
        ...

    def safety_events(self) -> list[SafetyEvent]:
        """Every safety event ever recorded, oldest first."""
        ...

    def live_safety_events(self) -> list[SafetyEvent]:
        """The events the safety policy can still be moved by (`safety.relevant_events`),
        oldest first: what `trainer.core.actions.safety_status` reads at every start."""
        ...

    def record_safety_event(self, event: SafetyEvent) -> None:
        """Keeps one safety event at once (raises OSError when it cannot)."""
        ...

    def progress(self) -> dict[str, ExerciseProgress]:
        """Each exercise's progress, by exercise id: what tailoring and progression start from."""
        ...

    def save_progress(self, progress: ExerciseProgress, change: PrescriptionChange | None) -> None:
        """Saves one exercise's state, and the change that led to it (kept forever)."""
        ...

    def changes(self, exercise_id: str | None = None) -> list[PrescriptionChange]:
        """Every prescription change, oldest first; with `exercise_id`, only that exercise's."""
        ...

    def settings(self) -> dict[str, Any]:
        """The person's settings (the theme, notes already shown and the like), as saved."""
        ...

    def save_settings(self, settings: dict[str, Any]) -> None:
        """Replaces the settings as a whole."""
        ...

    def pacing(self) -> dict[str, int]:
        """Seconds a rep, by exercise id, for the moving reps the trainer counts itself;
        an exercise not listed is counted with the enter key (the default)."""
        ...

    def save_pacing(self, exercise_id: str, seconds: int | None) -> None:
        """Remembers one exercise's tempo (None: back to enter per rep)."""
        ...

    def save_session(self, session: SessionRecord) -> None:
        """Saves the session: after every set while in progress, and once more at the end.

        Cost must not grow with history: an in-progress session is kept on its own.
        """
        ...

    def file_session(
        self,
        session: SessionRecord,
        progress: Sequence[ExerciseProgress],
        changes: Sequence[PrescriptionChange],
        summary: dict[str, Any] | None,
        safety: Sequence[SafetyEvent] = (),
    ) -> None:
        """Files a finished session with what it changed (and the safety events it led to),
        as one step: after a crash either all of it is kept or the session is still the
        interrupted one."""
        ...

    def interrupted_session(self) -> SessionRecord | None:
        """A session still marked in progress (the process died mid-session), if any."""
        ...

    def sessions(self, since: date | None = None) -> list[SessionRecord]:
        """Finished (completed or interrupted) sessions, oldest first, started on or after
        `since`."""
        ...

    def activities(self, since: date | None = None) -> list[ActivityRecord]:
        """Logged light to moderate activity, oldest first, on or after `since`."""
        ...

    def log_activity(self, activity: ActivityRecord) -> None:
        """Keeps one logged activity at once (raises OSError when it cannot; nothing else
        is changed then)."""
        ...

    def summary(self) -> dict[str, Any]:
        """Aggregates kept up to date at session end (owned by `trainer.core.stats.figures`)."""
        ...

    def save_summary(self, summary: dict[str, Any]) -> None:
        """Replaces the stats summary outside a filing (after the stats rebuilt or caught it up)."""
        ...

    def close(self) -> None:
        """Releases the lock. Safe to call twice."""
        ...


@serialised
@dataclass
class MemoryStore:
    """A store that forgets everything on exit."""

    read_only_reason: str | None = None
    location_note: str | None = None
    startup_problems: tuple[StateFileProblem, ...] = ()
    history_problems: list[StateFileProblem] = field(default_factory=list)
    moved_aside: list[StateFileProblem] = field(default_factory=list)
    _screening: ScreeningRecord | None = None
    _progress: dict[str, ExerciseProgress] = field(default_factory=dict)
    _changes: list[PrescriptionChange] = field(default_factory=list)
    _settings: dict[str, Any] = field(default_factory=dict)
    _sessions: list[SessionRecord] = field(default_factory=list)
    _current: SessionRecord | None = None
    _summary: dict[str, Any] = field(default_factory=dict)
    _safety: list[SafetyEvent] = field(default_factory=list)
    _pacing: dict[str, int] = field(default_factory=dict)
    _activities: list[ActivityRecord] = field(default_factory=list)
    _mutex: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    def activities(self, since: date | None = None) -> list[ActivityRecord]:
        """See `Store.activities`."""
        return [a for a in self._activities if since is None or a.day >= since]

    def log_activity(self, activity: ActivityRecord) -> None:
        """See `Store.log_activity`."""
        if self.read_only_reason is not None:
            raise StoreReadOnly(self.read_only_reason)
        self._activities.append(activity)
        self._activities.sort(key=lambda a: a.when)

    def safety_events(self) -> list[SafetyEvent]:
        """See `Store.safety_events`."""
        return list(self._safety)

    def live_safety_events(self) -> list[SafetyEvent]:
        """See `Store.live_safety_events`; in memory nothing is retired, so: all of them."""
        return list(self._safety)  # in memory, nothing needs retiring

    def record_safety_event(self, event: SafetyEvent) -> None:
        """See `Store.record_safety_event`; raises `StoreReadOnly` when read-only."""
        if self.read_only_reason is not None:
            raise StoreReadOnly(self.read_only_reason)
        self._safety.append(event)

    @property
    def pending_filings(self) -> list[SessionRecord]:
        """Always empty: in memory, filing never fails."""
        return []

    def screening(self) -> ScreeningRecord | None:
        """See `Store.screening`."""
        return copy.deepcopy(self._screening)

    def save_screening(self, record: ScreeningRecord) -> None:
        """See `Store.save_screening`."""
        self._screening = copy.deepcopy(record)

    def progress(self) -> dict[str, ExerciseProgress]:
        """See `Store.progress`."""
        return copy.deepcopy(self._progress)

    def save_progress(self, progress: ExerciseProgress, change: PrescriptionChange | None) -> None:
        """See `Store.save_progress`."""
        self._progress[progress.exercise_id] = copy.deepcopy(progress)
        if change is not None:
            self._changes.append(copy.deepcopy(change))

    def changes(self, exercise_id: str | None = None) -> list[PrescriptionChange]:
        """See `Store.changes`."""
        return [
            copy.deepcopy(c)
            for c in self._changes
            if exercise_id is None or c.exercise_id == exercise_id
        ]

    def settings(self) -> dict[str, Any]:
        """See `Store.settings`."""
        return dict(self._settings)

    def save_settings(self, settings: dict[str, Any]) -> None:
        """See `Store.save_settings`."""
        self._settings = dict(settings)

    def pacing(self) -> dict[str, int]:
        """See `Store.pacing`."""
        return dict(self._pacing)

    def save_pacing(self, exercise_id: str, seconds: int | None) -> None:
        """See `Store.save_pacing`."""
        if self.read_only_reason is not None:
            raise StoreReadOnly(self.read_only_reason)
        if seconds is None:
            self._pacing.pop(exercise_id, None)
        else:
            self._pacing[exercise_id] = seconds

    def save_session(self, session: SessionRecord) -> None:
        """See `Store.save_session`."""
        if session.status == "in-progress":
            self._current = copy.deepcopy(session)
            return
        self._current = None
        self._sessions = [s for s in self._sessions if s.id != session.id]
        self._sessions.append(copy.deepcopy(session))
        self._sessions.sort(key=lambda s: s.started)

    def file_session(
        self,
        session: SessionRecord,
        progress: Sequence[ExerciseProgress],
        changes: Sequence[PrescriptionChange],
        summary: dict[str, Any] | None,
        safety: Sequence[SafetyEvent] = (),
    ) -> None:
        """See `Store.file_session`; in memory the one step cannot be cut short."""
        self._safety.extend(event for event in safety if event not in self._safety)
        for item in progress:
            self._progress[item.exercise_id] = copy.deepcopy(item)
        self._changes.extend(copy.deepcopy(list(changes)))
        if summary is not None:
            self._summary = copy.deepcopy(summary)
        self.save_session(session)

    def interrupted_session(self) -> SessionRecord | None:
        """See `Store.interrupted_session`."""
        return copy.deepcopy(self._current)

    def sessions(self, since: date | None = None) -> list[SessionRecord]:
        """See `Store.sessions`."""
        return [copy.deepcopy(s) for s in self._sessions if since is None or s.day >= since]

    def summary(self) -> dict[str, Any]:
        """See `Store.summary`."""
        return copy.deepcopy(self._summary)

    def save_summary(self, summary: dict[str, Any]) -> None:
        """See `Store.save_summary`."""
        self._summary = copy.deepcopy(summary)

    def start_fresh(self) -> None:
        """See `Store.start_fresh`; in memory there are no files to move aside."""
        self.startup_problems = ()

    def close(self) -> None:
        """See `Store.close`; in memory there is no lock to release."""
        return None
