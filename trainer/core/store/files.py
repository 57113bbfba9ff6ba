"""The store on disk: small TOML files beside the catalogue, safe against crashes.

For `exercises.progress.toml` (the path `trainer.paths.state_location` picks):

    exercises.progress.toml        schema, screening, settings, each exercise's progress,
                                   the safety events the policy still acts on, the tempo
                                   of each paced exercise
    exercises.progress.lock        held (flock) by the one trainer allowed to write
    exercises.progress.d/
        current.toml               the session in progress, rewritten after every set
        pending-<session id>.toml  a finished session being filed (until it is in its week)
        sessions-2026-11-16.toml   finished sessions of the week starting Monday 16 November
        changes-2026.toml          every prescription change made that year, with its reason
        activity-2026.toml         light to moderate activity logged that year (walking...)
        summary.toml               the stats aggregates (`trainer.core.stats.aggregate`)
        safety.toml                safety events the policy no longer needs (stats, export)

Why this shape: start-up reads only the main file and `current.toml` (and the plans screen
the last week), saving a set rewrites only `current.toml`, so none of it costs more in year
five than on day one. The history is split by week so that filing a session adds to one
small file, and a screen that shows the last few days or weeks reads only those.

Every write is atomic (`trainer.core.store.atomic`) and every file ends with a checked end
line (`trainer.core.store.reader.seal`), so a file cut short is known. Filing a finished
session touches several files, so it is journalled: the session and everything it changes
are first written together into its own `pending-<id>.toml`; if the process dies, or a
write fails (a full disk) part-way, the filing stays pending, is retried at every save and
at the next start, and is listed in `pending_filings` until it is done. Nothing ever
overwrites a pending filing: when even writing it fails, new saves are refused instead.

A file that does not parse or validate is never overwritten: it is reported and left
exactly as it is until the user agrees to go on without it (`start_fresh`), which moves it
aside as `<name>.corrupt-<time>`. A file written by a newer version is never written to.

Files are only ever opened without following links, checked to be regular files before a
byte is read, and read up to a size limit; the `.d` folder must be this user's own and
private, and the writer's lock is on that folder itself (see `WriterLock`).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import itertools
import os
import re
import stat
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import tomli_w

from trainer.core.plan.safety import relevant_events
from trainer.core.records import (
    ActivityRecord,
    ExerciseProgress,
    PrescriptionChange,
    SafetyEvent,
    ScreeningRecord,
    SessionRecord,
)
from trainer.core.store.atomic import (
    UnsafeFile,
    WriterLock,
    folder_problem,
    make_private_dir,
    move_aside,
    remove_durably,
    remove_stale_temp_files,
    write_atomic,
)
from trainer.core.store.codec import (
    CurrentState,
    Finishing,
    MainState,
    StateFormatError,
    decode_activities,
    decode_activity,
    decode_change,
    decode_changes,
    decode_current,
    decode_main,
    decode_pacing,
    decode_progress,
    decode_safety_event,
    decode_safety_history,
    decode_screening,
    decode_session,
    decode_sessions,
    decode_summary,
    encode_activity,
    encode_change,
    encode_current,
    encode_main,
    encode_progress,
    encode_safety_event,
    encode_screening,
    encode_session,
    encode_summary,
)
from trainer.core.store.migrations import SCHEMA
from trainer.core.store.protocol import (
    FilingPending,
    NewerStateSchema,
    StateFileProblem,
    StoreReadOnly,
    UnsafeState,
    printable,
    serialised,
)
from trainer.core.store.reader import (
    DocumentCache,
    Loaded,
    Unusable,
    appendable,
    read_document,
    seal,
    signature,
)

_WEEK_FILE = re.compile(r"^sessions-(\d{4}-\d{2}-\d{2})\.toml$")
_YEAR_FILE = re.compile(r"^changes-(\d{4})\.toml$")
_ACTIVITY_FILE = re.compile(r"^activity-(\d{4})\.toml$")
_PENDING_FILE = re.compile(r"^pending-[A-Za-z0-9+_-]+\.toml$")

Document = dict[str, Any]
_T = TypeVar("_T")
#: History files kept parsed in memory (the weeks the stats show, plus the change logs).
CACHED_FILES = 24


def week_file_name(day: date) -> str:
    """Week files sort by name in date order, so a range of weeks is a range of names."""
    monday = day - timedelta(days=day.weekday())
    return f"sessions-{monday.isoformat()}.toml"


@dataclass(frozen=True, slots=True)
class StateFiles:
    """Where each part of one state lives; all derived from the main file's path."""

    main: Path

    @property
    def folder(self) -> Path:
        """The `.d` folder beside the main file: the history and the session under way."""
        return self.main.with_name(self.main.stem + ".d")

    @property
    def lock(self) -> Path:
        """The lock file beside the main file; it names the writer's process (`WriterLock`)."""
        return self.main.with_name(self.main.stem + ".lock")

    @property
    def current(self) -> Path:
        """The session in progress, rewritten after every set."""
        return self.folder / "current.toml"

    @property
    def summary(self) -> Path:
        """The stats aggregates (`trainer.core.stats.aggregate`)."""
        return self.folder / "summary.toml"

    def week(self, started: datetime) -> Path:
        """The file for sessions that started in that Monday-to-Sunday week (in their own
        UTC offset: the week of `SessionRecord.day`), named by its Monday."""
        return self.folder / week_file_name(started.date())

    def year(self, when: datetime) -> Path:
        """The log of every prescription change made in `when`'s year."""
        return self.folder / f"changes-{when.year:04d}.toml"

    def activity_year(self, when: datetime) -> Path:
        """Logged activity of one calendar year (of the day it counts for)."""
        return self.folder / f"activity-{when.year:04d}.toml"

    @property
    def safety_history(self) -> Path:
        """Safety events the policy no longer needs, kept for stats and export."""
        return self.folder / "safety.toml"

    def pending(self, session_id: str) -> Path:
        """Where a session being filed waits; one file per session, so a second session
        never overwrites the first. An id with other characters gets a hash instead."""
        safe = re.sub(r"[^A-Za-z0-9+-]", "_", session_id)[:80]
        if safe != session_id:
            safe += "_" + hashlib.sha256(session_id.encode("utf-8")).hexdigest()[:12]
        return self.folder / f"pending-{safe}.toml"


def resolved(path: Path) -> Path:
    """The state's real path: every link followed, so two names for one state (a symlinked
    --state, a relative path) derive the same lock, folder and files."""
    return Path(os.path.realpath(path))


def _dump(document: Document) -> bytes:
    return seal(tomli_w.dumps(document)).encode("utf-8")


def _check_session(session: SessionRecord) -> None:
    _check(lambda: decode_session(encode_session(session), "session"))


def _check_progress(progress: ExerciseProgress) -> None:
    _check(
        lambda: decode_progress(
            encode_progress(progress), progress.exercise_id, f"progress.{progress.exercise_id}"
        )
    )


def _check_change(change: PrescriptionChange) -> None:
    _check(lambda: decode_change(encode_change(change), "change"))


def _check_activity(activity: ActivityRecord) -> None:
    _check(lambda: decode_activity(encode_activity(activity), "activity"))


def _check_safety_event(event: SafetyEvent) -> None:
    _check(lambda: decode_safety_event(encode_safety_event(event), "safety"))


def _check(read_back: Callable[[], object]) -> None:
    """Refuses a record that could not be read back, before any file is touched: saving it
    would make the whole file unusable at the next start."""
    try:
        read_back()
    except StateFormatError as error:
        raise ValueError(f"cannot save this record: {error}") from error


#: Why a store opened by `open_store_for_reading` saves nothing.
READING_ONLY = "Opened for reading only: nothing is saved."


@dataclass
class _Pending:
    """A finished session being filed: `on_disk` once its pending file was written."""

    state: CurrentState
    on_disk: bool


@serialised
class FileStore:
    """A `Store` kept in TOML files; see the module docstring. Open with `open_store`.
    Safe to share between threads: each public method holds the store's lock."""

    def __init__(self, files: StateFiles, location_note: str | None = None) -> None:
        self.files = files
        self.location_note = location_note
        self._lock_reason: str | None = None  # why this process may not write at all
        self.startup_problems: tuple[StateFileProblem, ...] = ()
        self.history_problems: list[StateFileProblem] = []
        self.moved_aside: list[StateFileProblem] = []
        self._lock = WriterLock(files.lock, files.folder)
        self._pending: dict[str, _Pending] = {}  # by session id, oldest first
        self._folder_usable = True  # the .d folder is a real folder (or not there yet)
        self._main = MainState()
        self._main_signature: tuple[int, int, int] | None = None
        self._current: CurrentState | None = None
        self._summary: dict[str, Any] | None = None
        self._reported: set[Path] = set()
        self._closed = False
        self._cache = DocumentCache(CACHED_FILES)
        self._mutex = threading.RLock()

    # ------------------------------------------------------------------ opening

    def _open(self, *, for_reading: bool = False) -> None:
        self._lock_reason = READING_ONLY if for_reading else self._claim_writer()
        folder = self.files.folder
        with_folder = _is_folder(folder)
        self._folder_usable = with_folder is not False
        if for_reading and not self._folder_usable:
            raise UnsafeState(
                printable(
                    f"{folder} is not a folder (a link or a file is there instead), so the "
                    "history was not read. Move it away to use this state."
                )
            )
        unsafe = folder_problem(folder, ours=True) if for_reading and with_folder else None
        if unsafe is not None:  # another user could have planted what it holds
            raise UnsafeState(printable(f"The history was not read: {unsafe}."))
        problems: list[StateFileProblem] = []
        main = self._read(self.files.main, decode_main, problems)
        if main is not None:
            self._main = main
        self._main_signature = signature(self.files.main)
        if with_folder:
            self._current = self._read(self.files.current, decode_current, problems)
            for name in self._history_names(_PENDING_FILE):
                found = self._read(folder / name, decode_current, problems)
                if found is not None and found.session.status != "in-progress":
                    self._pending[found.session.id] = _Pending(found, on_disk=True)
        self.startup_problems = tuple(problems)
        if self.writable and not self.startup_problems:
            self._tidy_up()

    def _claim_writer(self) -> str | None:
        """None when this process may write; else a sentence saying why it may not."""
        main, parent, folder = self.files.main, self.files.main.parent, self.files.folder
        elsewhere = "You can look around, but nothing will be saved. Use --state to save "
        elsewhere += "somewhere else."
        try:
            main_status = os.lstat(main)
        except OSError:
            main_status = None
        if main_status is not None and not stat.S_ISREG(main_status.st_mode):
            return printable(
                f"{main} is not a file, so progress cannot be saved there. "
                "Pass --state the path of a file (it is created if missing)."
            )
        try:
            make_private_dir(parent)
        except OSError as error:
            return printable(
                f"Progress cannot be saved: the folder {parent} could not be "
                f"created ({error.strerror}). {elsewhere}"
            )
        for problem in (folder_problem(parent, ours=False), folder_problem(folder, ours=True)):
            if problem is not None:
                return printable(f"Progress cannot be saved: {problem}. {elsewhere}")
        not_writable = (
            f"Progress cannot be saved: the folder {parent} is not writable"
            "{why}. You can look around and see your stats, but sessions cannot "
            "start. Use --state to save somewhere else."
        )
        try:
            os.mkdir(folder, 0o700)
            os.chmod(folder, 0o700)
        except FileExistsError:
            pass
        except OSError as error:
            return printable(not_writable.format(why=f" ({error.strerror})"))
        problem = folder_problem(folder, ours=True)  # it may have appeared meanwhile
        if problem is not None:
            return printable(f"Progress cannot be saved: {problem}. {elsewhere}")
        try:
            acquired = self._lock.acquire()
        except UnsafeFile as error:
            return printable(f"Progress cannot be saved: {error}. {elsewhere}")
        except OSError as error:
            return printable(not_writable.format(why=f" ({error.strerror})"))
        if not acquired:
            holder = self._lock.holder()
            who = f" (process {holder})" if holder is not None else ""
            return printable(
                f"Another trainer{who} is using {main}. This one is read-only: stats "
                "work, but sessions cannot start and nothing is saved. Close the other one "
                "to train here."
            )
        if not os.access(parent, os.W_OK):
            self._lock.release()
            return printable(not_writable.format(why=""))
        return None

    def _tidy_up(self) -> None:
        """Finishes filings a crash or a full disk interrupted, and clears a dead writer's
        temp files."""
        remove_stale_temp_files(self.files.main.parent, self.files.main.name)  # a shared folder
        remove_stale_temp_files(self.files.folder)
        current = self._current
        if current is not None and current.session.status != "in-progress":
            # A filing journalled by an older version: make it pending like any other.
            self._pending.setdefault(
                current.session.id,
                _Pending(CurrentState(current.session, current.finishing or Finishing()), False),
            )
        with contextlib.suppress(OSError):
            self._retry_pending()

    def _read(
        self, path: Path, decode: Callable[[Document], _T | None], problems: list[StateFileProblem]
    ) -> _T | None:
        """Reads and decodes one file; an unusable one is reported in `problems` and left
        where it is (`start_fresh` moves it). A newer schema is raised, untouched."""
        try:
            document = read_document(path)
            return None if document is None else decode(document)
        except (Unusable, StateFormatError) as error:
            what = str(error)
        problems.append(StateFileProblem(path, what, None))
        return None

    def _set_aside(self, path: Path, what: str) -> StateFileProblem:
        """Moves an unusable history file aside (a writer about to write the history), so it
        is kept unchanged; a read-only store leaves it. Returns the problem to report."""
        if not self.writable or not os.path.lexists(path):
            return StateFileProblem(path, what, None)
        try:
            moved = move_aside(path)
        except OSError as error:
            self._lock_reason = printable(
                f"{path} could not be read ({what}) nor moved aside ({error.strerror}); "
                "nothing will be saved so that it is not overwritten."
            )
            return StateFileProblem(path, what, None)
        problem = StateFileProblem(path, what, moved)
        self.moved_aside.append(problem)
        return problem

    # ------------------------------------------------------------------ state of the store

    @property
    def read_only_reason(self) -> str | None:
        """Why nothing can be saved now: another trainer, a folder that is not writable,
        or damaged files the user has not yet agreed to start afresh without."""
        if self._lock_reason is not None:
            return self._lock_reason
        if self.startup_problems:
            return "Nothing is saved until you choose to start fresh: " + " ".join(
                problem.message for problem in self.startup_problems
            )
        return None

    @read_only_reason.setter
    def read_only_reason(self, reason: str | None) -> None:
        self._lock_reason = reason

    @property
    def writable(self) -> bool:
        """This process holds the lock (damaged files waiting for a yes or not)."""
        return self._lock_reason is None and not self._closed

    def _require_writable(self) -> None:
        if self._closed:
            raise StoreReadOnly("The store is closed.")
        reason = self.read_only_reason
        if reason is not None:
            raise StoreReadOnly(reason)

    def start_fresh(self) -> None:
        """Moves each damaged file aside (only now: the person said yes), then goes on. A
        read-only store moves nothing. Files moved are added to `moved_aside`."""
        if not self.writable:
            self.startup_problems = ()
            return
        for problem in self.startup_problems:
            moved = self._set_aside(problem.path, problem.what)
            if moved.moved_to is None and os.path.lexists(problem.path):
                return  # could not be moved: read-only now, the problem still stands
        self.startup_problems = ()
        self._tidy_up()

    def close(self) -> None:
        """Releases the lock, after one last try to file what waits (the disk may have been
        freed since): a pending filing held only in memory would otherwise end with us."""
        if not self._closed and self._pending and self.writable:
            with contextlib.suppress(OSError, StoreReadOnly):
                self._retry_pending()
        self._closed = True
        self._lock.release()

    def _refresh(self) -> None:
        """A read-only view follows what the writer saves (cheaply: only when it changed)."""
        if self._lock_reason is None:
            return
        found = signature(self.files.main)
        if found == self._main_signature:
            return
        self._main_signature = found
        try:
            document = read_document(self.files.main)
            self._main = MainState() if document is None else decode_main(document)
        except (Unusable, StateFormatError, NewerStateSchema):
            pass  # keep what was read before; the writer will deal with its file

    def _write(self, path: Path, document: Document) -> None:
        write_atomic(path, _dump(document))

    def _before_saving(self) -> None:
        """Every save starts here: refused when the store may not write, and a filing left
        pending goes first (so it is never overtaken, nor lost to a full disk)."""
        self._require_writable()
        self._retry_pending()

    def _write_main(self) -> None:
        self._write(self.files.main, encode_main(self._main, SCHEMA))
        self._main_signature = signature(self.files.main)

    # ------------------------------------------------------------------ screening, settings

    def screening(self) -> ScreeningRecord | None:
        """See `Store.screening`; a read-only store re-reads the main file first if it changed."""
        self._refresh()
        return copy.deepcopy(self._main.screening)

    def save_screening(self, record: ScreeningRecord) -> None:
        """See `Store.save_screening`; it also retires the safety events the screening settled."""
        self._before_saving()
        _check(lambda: decode_screening(encode_screening(record)))
        self._main.screening = copy.deepcopy(record)
        self._settle_safety()  # a completed screening retires what came before it
        self._write_main()

    def settings(self) -> dict[str, Any]:
        """See `Store.settings`; a read-only store re-reads the main file first if it changed."""
        self._refresh()
        return copy.deepcopy(self._main.settings)

    def save_settings(self, settings: dict[str, Any]) -> None:
        """See `Store.save_settings`."""
        self._before_saving()
        self._main.settings = copy.deepcopy(settings)
        self._write_main()

    def pacing(self) -> dict[str, int]:
        """See `Store.pacing`; a read-only store re-reads the main file first."""
        self._refresh()
        return dict(self._main.pacing)

    def save_pacing(self, exercise_id: str, seconds: int | None) -> None:
        """See `Store.save_pacing`; written to the main file's [pacing] table."""
        self._before_saving()
        pacing = dict(self._main.pacing)
        if seconds is None:
            pacing.pop(exercise_id, None)
        else:
            pacing[exercise_id] = seconds
        _check(lambda: decode_pacing(pacing))
        self._main.pacing = pacing
        self._write_main()

    # ------------------------------------------------------------------ safety

    def safety_events(self) -> list[SafetyEvent]:
        """Every event, the history file's and the live ones (a crash while moving one
        leaves it in both: it is listed once)."""
        history = self._read_history(self.files.safety_history, decode_safety_history)
        found = list(dict.fromkeys([*history, *self.live_safety_events()]))
        return sorted(found, key=lambda event: event.when)

    def live_safety_events(self) -> list[SafetyEvent]:
        """See `Store.live_safety_events`; a read-only store re-reads the main file first."""
        self._refresh()  # a read-only trainer sees what the writer was just told
        return list(self._main.safety)

    def _settle_safety(self) -> None:
        """Moves the events the policy can no longer be moved by (`relevant_events`) from
        the main file, read at every start, to the history file, read only by stats and
        export: start-up stays as quick in year five as on day one. History first, so a
        crash in between leaves an event in both, never in neither."""
        keep = relevant_events(self._main.safety, self._main.screening, self.interrupted_session())
        moved = [event for event in self._main.safety if event not in keep]
        if not moved:
            return
        self._append_new(
            self.files.safety_history, decode_safety_history, "safety", moved, encode_safety_event
        )
        self._main.safety = keep

    def record_safety_event(self, event: SafetyEvent) -> None:
        """Kept even while an earlier filing waits (a red flag must never queue behind a
        full disk's backlog): the pending filing is tried first, but may fail."""
        self._require_writable()
        with contextlib.suppress(OSError):
            self._retry_pending()
        _check_safety_event(event)
        self._main.safety.append(event)
        try:
            self._settle_safety()
            self._write_main()
        except BaseException:
            if event in self._main.safety:
                self._main.safety.remove(event)
            raise

    # ------------------------------------------------------------------ progression

    def progress(self) -> dict[str, ExerciseProgress]:
        """See `Store.progress`; a read-only store re-reads the main file first if it changed."""
        self._refresh()
        # Each field is immutable (numbers, a date, text): a shallow copy is a full copy.
        return {key: copy.copy(value) for key, value in self._main.progress.items()}

    def save_progress(self, progress: ExerciseProgress, change: PrescriptionChange | None) -> None:
        """See `Store.save_progress`; the change is written before the progress it led to."""
        self._before_saving()
        _check_progress(progress)
        if change is not None:
            _check_change(change)
            self._add_changes([change])  # first, so a crash keeps the reason, not a silent step
        self._main.progress[progress.exercise_id] = copy.deepcopy(progress)
        self._write_main()

    def changes(self, exercise_id: str | None = None) -> list[PrescriptionChange]:
        """See `Store.changes`: every year's log is read, so this one grows with history."""
        found: list[PrescriptionChange] = []
        for name in self._history_names(_YEAR_FILE):
            found.extend(self._read_history(self.files.folder / name, decode_changes))
        found.sort(key=lambda change: change.when)
        return [c for c in found if exercise_id is None or c.exercise_id == exercise_id]

    def _add_changes(self, changes: Sequence[PrescriptionChange]) -> None:
        """Adds each change not already in its year's log (filing is repeatable)."""
        by_year: dict[Path, list[PrescriptionChange]] = {}
        for change in changes:
            by_year.setdefault(self.files.year(change.when), []).append(change)
        for path, new in by_year.items():
            self._append_new(path, decode_changes, "changes", new, encode_change)

    # ------------------------------------------------------------------ sessions

    def save_session(self, session: SessionRecord) -> None:
        """See `Store.save_session`; a finished session is filed (`file_session`) at once."""
        if session.status != "in-progress":
            self.file_session(session, (), (), None)
            return
        self._before_saving()
        _check_session(session)
        self._write(self.files.current, encode_current(session, None, SCHEMA))
        self._current = CurrentState(copy.deepcopy(session))

    def file_session(
        self,
        session: SessionRecord,
        progress: Sequence[ExerciseProgress],
        changes: Sequence[PrescriptionChange],
        summary: dict[str, Any] | None,
        safety: Sequence[SafetyEvent] = (),
    ) -> None:
        """Raises `FilingPending` (an OSError) when the session is kept but not yet filed,
        and a plain OSError when even keeping it failed (it is then held in memory and the
        next save writes it first, or is refused)."""
        self._require_writable()
        if session.status == "in-progress":
            raise ValueError("file_session needs a finished session (completed or interrupted)")
        _check_session(session)
        for item in progress:
            _check_progress(item)
        for change in changes:
            _check_change(change)
        for event in safety:
            _check_safety_event(event)
        journal = Finishing(list(progress), list(changes), summary, list(safety))
        state = CurrentState(copy.deepcopy(session), journal)
        self._pending.pop(session.id, None)  # filed again: the newer record wins
        self._pending[session.id] = _Pending(state, on_disk=False)
        self._retry_pending(raise_for=session.id)

    @property
    def pending_filings(self) -> list[SessionRecord]:
        """Finished sessions not yet in the history (see `Store.pending_filings`)."""
        return [copy.deepcopy(item.state.session) for item in self._pending.values()]

    def _retry_pending(self, raise_for: str | None = None) -> None:
        """Files each pending session, oldest first. One that cannot be kept on disk
        refuses whatever save is under way (an OSError saying so); one that is kept but not
        filed stays pending quietly, except the session `raise_for` (`FilingPending`).
        Once one fails, the later ones are only kept: filed out of order, an older
        session's progress would later overwrite a newer one's."""
        blocked: BaseException | None = None
        for session_id, item in list(self._pending.items()):
            if not item.on_disk:
                self._keep_pending(item, fresh=session_id == raise_for)
            try:
                if blocked is not None:
                    raise blocked
                self._apply_finishing(item.state.session, item.state.finishing or Finishing())
            except (OSError, StoreReadOnly) as error:
                blocked = error
                if session_id == raise_for:
                    raise FilingPending(
                        printable(
                            f"The session could not be filed ({_why(error)}). It is kept and "
                            "filed at the next save or start; nothing of it is lost."
                        )
                    ) from error
                continue
            with contextlib.suppress(OSError):
                remove_durably(self.files.pending(session_id))
            del self._pending[session_id]

    def _keep_pending(self, item: _Pending, *, fresh: bool) -> None:
        """Writes the pending file; then a current.toml of the same session is dropped."""
        session = item.state.session
        try:
            self._write(
                self.files.pending(session.id),
                encode_current(session, item.state.finishing, SCHEMA),
            )
        except OSError as error:
            if fresh:
                raise OSError(
                    error.errno,
                    printable(
                        f"The session could not be filed nor kept ({_why(error)}). It is held "
                        "until it can be written; nothing new is saved before then, so that it "
                        "is not lost."
                    ),
                ) from error
            raise OSError(
                error.errno,
                printable(
                    f"Nothing was saved: the last session ({session.id}) could not be filed "
                    f"nor kept ({_why(error)}), and it must be written first so that it is not "
                    "lost. Free some space and try again."
                ),
            ) from error
        item.on_disk = True
        if self._current is not None and self._current.session.id == session.id:
            remove_durably(self.files.current)
            self._current = None

    def _apply_finishing(self, session: SessionRecord, journal: Finishing) -> None:
        """Each step can be repeated safely, which is what makes resuming after a crash safe."""
        week = self.files.week(session.started)
        loaded = self._loaded_for_update(week, decode_sessions)
        self._append(
            week,
            loaded,
            "sessions",
            [encode_session(session)],
            key="started",
            replaces=lambda old: bool(old["id"] == session.id),
        )
        if journal.changes:
            self._add_changes(journal.changes)
        new_events = [event for event in journal.safety if event not in self._main.safety]
        if journal.progress or new_events:
            for item in journal.progress:
                self._main.progress[item.exercise_id] = copy.deepcopy(item)
            self._main.safety.extend(new_events)
            self._settle_safety()
            self._write_main()
        if journal.summary is not None:
            # Aggregates only, rebuilt from the history: a newer summary is left alone
            # rather than holding the session back.
            with contextlib.suppress(StoreReadOnly):
                self._write_summary(journal.summary)
        if self._current is not None and self._current.session.id == session.id:
            remove_durably(self.files.current)
            self._current = None

    def interrupted_session(self) -> SessionRecord | None:
        """See `Store.interrupted_session`; always None in a read-only store (not its session)."""
        if not self.writable or self._current is None:
            return None  # read-only: a session in progress belongs to the other trainer
        if self._current.session.status != "in-progress":
            return None
        if self._current.session.id in self._pending:
            return None  # already finished: it is being filed
        return copy.deepcopy(self._current.session)

    def sessions(self, since: date | None = None) -> list[SessionRecord]:
        """See `Store.sessions`; with `since`, only the week files from that week on are read."""
        names = self._history_names(_WEEK_FILE)
        if since is not None:  # files are named by the week of `SessionRecord.day`
            names = [name for name in names if name >= week_file_name(since)]
        found: list[SessionRecord] = []
        for name in names:
            found.extend(
                self._read_history(
                    self.files.folder / name,
                    lambda document: decode_sessions(document, since),
                    whole=since is None,
                )
            )
        found.sort(key=lambda s: s.started)
        return found

    # ------------------------------------------------------------------ activity

    def activities(self, since: date | None = None) -> list[ActivityRecord]:
        """Reads only the years from `since` on: the stats ask for this week's."""
        names = self._history_names(_ACTIVITY_FILE)
        if since is not None:
            names = [name for name in names if name >= f"activity-{since.year:04d}.toml"]
        found: list[ActivityRecord] = []
        for name in names:
            found.extend(self._read_history(self.files.folder / name, decode_activities))
        found.sort(key=lambda activity: activity.when)
        return [a for a in found if since is None or a.day >= since]

    def log_activity(self, activity: ActivityRecord) -> None:
        """Appended to its year's file like a prescription change: a damaged file is moved
        aside first, a newer one is never written into, and a failed write (a full disk)
        leaves the file as it was."""
        self._before_saving()
        _check_activity(activity)
        path = self.files.activity_year(activity.when)
        self._append_new(path, decode_activities, "activity", [activity], encode_activity)

    # ------------------------------------------------------------------ summary

    def summary(self) -> dict[str, Any]:
        """See `Store.summary`; kept in memory by the writer, re-read by a read-only store."""
        if self._summary is None or not self.writable:
            found = self._read_history(self.files.summary, lambda doc: [decode_summary(doc)])
            self._summary = found[0] if found else {}
        return copy.deepcopy(self._summary)

    def save_summary(self, summary: dict[str, Any]) -> None:
        """See `Store.save_summary`; a damaged summary file is moved aside first."""
        self._before_saving()
        self._write_summary(summary)

    def _write_summary(self, summary: dict[str, Any]) -> None:
        """A damaged summary is moved aside first and a newer one is never replaced."""
        self._loaded_for_update(self.files.summary, lambda document: [decode_summary(document)])
        self._write(self.files.summary, encode_summary(summary, SCHEMA))
        self._summary = copy.deepcopy(summary)

    # ------------------------------------------------------------------ history files

    def _history_names(self, pattern: re.Pattern[str]) -> list[str]:
        """The history files' names, in date order (years of weeks: names only, no Paths)."""
        if not self._folder_usable:
            return []
        try:
            names = os.listdir(self.files.folder)
        except OSError:
            return []
        return sorted(name for name in names if pattern.match(name))

    def _read_history(
        self, path: Path, decode: Callable[[Document], list[_T]], whole: bool = True
    ) -> list[_T]:
        """A history file's records; an unusable file is reported once and skipped.
        `whole`: `decode` reads every record (so the file is now known good)."""
        try:
            loaded = self._cache.load(path)
            if loaded is None:
                return []
            records = decode(loaded.document)
        except (Unusable, StateFormatError) as error:
            self._cache.forget(path)
            self._report(self._set_aside(path, str(error)))
            return []
        except NewerStateSchema as error:
            self._report(StateFileProblem(path, str(error), None))
            return []
        loaded.checked = loaded.checked or whole
        return records

    def _loaded_for_update(
        self, path: Path, decode: Callable[[Document], list[_T]]
    ) -> Loaded | None:
        """The file about to be added to, checked; an unusable one is moved aside first
        (None: start it afresh). A newer schema stops the write (`StoreReadOnly`) instead
        of losing it."""
        try:
            loaded = self._cache.load(path)
            if loaded is not None and not loaded.checked:
                decode(loaded.document)
                loaded.checked = True
        except (Unusable, StateFormatError) as error:
            self._cache.forget(path)
            self._report(self._set_aside(path, str(error)))
            return None
        except NewerStateSchema as error:
            raise StoreReadOnly(f"{error} Nothing was saved into it.") from error
        return loaded

    def _append_new(
        self,
        path: Path,
        decode: Callable[[Document], list[_T]],
        array: str,
        records: Sequence[_T],
        encode: Callable[[_T], dict[str, Any]],
    ) -> None:
        """Adds to a history file (by their "when") each of `records` it does not hold yet,
        so a filing can be repeated; the file is checked first (`_loaded_for_update`)."""
        loaded = self._loaded_for_update(path, decode)
        known = decode(loaded.document) if loaded is not None else []
        new = [encode(record) for record in records if record not in known]
        self._append(path, loaded, array, new, key="when")

    def _append(
        self,
        path: Path,
        loaded: Loaded | None,
        array: str,
        tables: list[dict[str, Any]],
        *,
        key: str,
        replaces: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Adds `tables` to the `[[array]]` in `path`, oldest first by `key`, dropping old
        tables `replaces` picks. When the new ones simply go at the end, their text is
        appended to what is on disk instead of writing the whole file out again."""
        old: list[dict[str, Any]] = list(loaded.document.get(array, [])) if loaded else []
        if not tables and (replaces is None or not any(replaces(t) for t in old)):
            return
        kept = [t for t in old if replaces is None or not replaces(t)]
        combined = kept + tables
        in_order = all(a[key] <= b[key] for a, b in itertools.pairwise(combined))
        if (
            loaded is not None
            and loaded.current
            and len(kept) == len(old)
            and in_order
            and appendable(loaded.text, array)
        ):
            text = loaded.text.rstrip("\n") + "\n\n" + tomli_w.dumps({array: tables})
        else:
            combined.sort(key=lambda table: table[key])
            text = tomli_w.dumps({"schema": SCHEMA, array: combined})
        document = {"schema": SCHEMA, array: combined}
        write_atomic(path, seal(text).encode("utf-8"))  # the end line follows what was added
        self._cache.remember(path, document, text)

    def _report(self, problem: StateFileProblem) -> None:
        if problem.path not in self._reported:
            self._reported.add(problem.path)
            self.history_problems.append(problem)


def _is_folder(path: Path) -> bool | None:
    """True for a real folder, None when nothing is there, False for anything else (a link
    is never followed: a history read through it could be anyone's)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None
    except OSError:
        return False


def _why(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror and not isinstance(error, StoreReadOnly):
        return error.strerror
    return str(error)


def open_store(path: Path, *, location_note: str | None = None) -> FileStore:
    """Opens the state at `path` (created on the first save).

    Never raises for a damaged file (see `FileStore.startup_problems`) or for another
    trainer holding the lock (`read_only_reason`); raises `NewerStateSchema` for a file
    from a newer version, leaving it untouched.
    """
    store = FileStore(StateFiles(resolved(path)), location_note)
    try:
        store._open()
    except BaseException:
        store.close()
        raise
    return store


def open_store_for_reading(path: Path) -> FileStore:
    """Opens the state to look at, never taking the writer's lock nor writing anything
    (`trainer stats`, `trainer export`): it works while a trainer runs, and a damaged
    file is reported but not moved. Raises `UnsafeState` when the `.d` folder is a link or
    a file."""
    store = FileStore(StateFiles(resolved(path)))
    try:
        store._open(for_reading=True)
    except BaseException:
        store.close()
        raise
    return store
