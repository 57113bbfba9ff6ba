"""The strict loader: `exercises.toml` in, a typed `Catalogue` out, or every problem at once.

A physio edits this file by hand, so a mistake must be reported the way a compiler would:
the file, the line, the key, what was expected and what was found; and all of them in one
go, so one run of `trainer check` is enough to fix a file. Nothing downstream ever sees a
half-valid catalogue: the loader builds objects only when there is nothing to report.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from trainer.core.catalogue.model import (
    EQUIPMENT,
    FREQUENCIES,
    GUIDANCE_TOPICS,
    KINDS,
    LEVELS,
    MAX_HOLD_S,
    MAX_REPS,
    MAX_REST_S,
    MAX_SETS,
    MAX_WARM_UP_MINUTES,
    OUTCOMES,
    AfterBlock,
    AvoidEntry,
    Catalogue,
    Dosage,
    Exercise,
    Plan,
    RepPosition,
    ScreeningQuestion,
)
from trainer.core.catalogue.words import plural
from trainer.core.safe_text import control_characters, escape_controls

#: The newest catalogue format this version reads.
SCHEMA_VERSION = 1
#: The bundled catalogue is about 40 KB; a file a thousand times that is not a catalogue.
MAX_CATALOGUE_BYTES = 8 * 1024 * 1024
#: What is said of a file whose lists or tables nest deeper than Python parses.
TOO_DEEP = "lists or tables nest too deeply to read; a catalogue needs only a few levels"
#: A rep made of positions is "a short sequence": more than this is a routine, not a rep.
MAX_POSITIONS = 6
#: A plan longer than three hours is a typo, not a plan.
MAX_PLAN_MINUTES = 180

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

_T = TypeVar("_T")
KeyPath = tuple[str, ...]


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a catalogue file, located as precisely as the loader can."""

    file: str  # the file's name, as shown in the message
    line: int | None  # 1-based; None when the key is not written in the file (e.g. missing)
    key_path: str  # dotted, e.g. "exercises.bridge.hold_s"; "" for the whole file
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.key_path}: {self.message}"
            if self.key_path
            else (f"{where}: {self.message}")
        )


class CatalogueError(Exception):
    """The catalogue cannot be used; `problems` lists everything that must change."""

    def __init__(self, path: Path, problems: Iterable[Problem]) -> None:
        self.path = path
        # In file order, as a compiler lists them; problems with no line go last.
        self.problems: list[Problem] = sorted(problems, key=lambda p: (p.line is None, p.line or 0))
        super().__init__(str(self))

    def __str__(self) -> str:
        head = f"{plural(len(self.problems), 'problem')} in the catalogue {self.path}:"
        # Everything here may quote the file (a key, a value, its name): shown, never obeyed.
        return escape_controls("\n".join([head, *(f"  {problem}" for problem in self.problems)]))


# --------------------------------------------------------------------------- line finding


class _LineIndex:
    """Finds the line a key path is written on, by a light scan of the text.

    tomllib gives no positions for values, so this reads table headers (`[exercises.bridge]`)
    and `key =` lines within them. Good enough for hand-written files; a key it cannot find
    falls back to the nearest table or key above it in the path, else None.
    """

    _HEADER = re.compile(r"^\s*\[\[?\s*(?P<path>[^\]]+?)\s*\]\]?\s*(#.*)?$")
    _KEY = re.compile(
        r"^\s*(?P<key>(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')"
        r"(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
    )

    def __init__(self, text: str) -> None:
        self._text = text
        self._index: dict[KeyPath, int] | None = None

    def line_of(self, path: KeyPath) -> int | None:
        if self._index is None:  # built on the first problem: a good file never needs it
            self._index = self._scan(self._text)
        for depth in range(len(path), 0, -1):
            if (found := self._index.get(path[:depth])) is not None:
                return found
        return None

    @classmethod
    def _scan(cls, text: str) -> dict[KeyPath, int]:
        lines: dict[KeyPath, int] = {}
        table: KeyPath = ()
        in_multiline = False
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                in_multiline = _toggles_multiline(line)
                continue
            if header := cls._HEADER.match(line):
                table = _split_dotted(header["path"])
                for depth in range(1, len(table) + 1):
                    lines.setdefault(table[:depth], number)
            elif key := cls._KEY.match(line):
                path = table + _split_dotted(key["key"])
                lines.setdefault(path, number)
                # An inline table's first line also locates the table itself.
                for depth in range(len(table) + 1, len(path)):
                    lines.setdefault(path[:depth], number)
            in_multiline = _toggles_multiline(line)
        return lines


def _split_dotted(text: str) -> KeyPath:
    parts = re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", text)
    return tuple(part.strip().strip("\"'") for part in parts if part.strip())


def _toggles_multiline(line: str) -> bool:
    """Whether a line opens (or closes) a multi-line string, so `x =` inside it is ignored."""
    return (line.count('"""') + line.count("'''")) % 2 == 1


# --------------------------------------------------------------------------- collecting


@dataclass(frozen=True, slots=True)
class _Reference:
    """A value that names something defined elsewhere, checked once everything is read."""

    path: KeyPath
    target: str
    kind: Literal["exercise", "flag", "source"]
    #: Plans must not schedule avoided exercises; harder/easier/instead likewise.
    what: str


@dataclass
class _Context:
    file: str
    lines: _LineIndex
    problems: list[Problem] = field(default_factory=list)
    references: list[_Reference] = field(default_factory=list)

    def report(self, path: KeyPath, message: str) -> None:
        self.problems.append(Problem(self.file, self.lines.line_of(path), ".".join(path), message))


def _describe(value: object) -> str:
    """The value as the user wrote it, with what TOML made of it."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return f'text ("{shown}")'
    if isinstance(value, int):
        return f"a whole number ({value})"
    if isinstance(value, float):
        return f"a decimal number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a date or time ({value})"


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


class _CollectingTable:
    """Reads one TOML table field by field, reporting each bad field and remembering the
    keys it was asked about, so `finish()` can name unknown keys (and their likely fix).

    It collects, where the store's `_FailFastTable` stops at the first problem: a physio
    editing the catalogue wants every mistake listed at once, with its line, while a damaged
    state file is set aside whole whatever is wrong with it.

    Every reader returns a value of the right type even when the field is bad (a harmless
    placeholder), so the code that builds objects stays flat; `ok` says whether it may.
    """

    def __init__(self, ctx: _Context, path: KeyPath, raw: Mapping[str, Any]) -> None:
        self.ctx = ctx
        self.path = path
        self.raw = raw
        self.asked: list[str] = []
        self.bad: set[str] = set()

    @property
    def ok(self) -> bool:
        return not self.bad

    def problem(self, key: str, message: str) -> None:
        """Reports a problem with one key; the table will not be built."""
        self.bad.add(key)
        self.ctx.report((*self.path, key), message)

    def _get(self, key: str, required: bool, expected: str) -> Any:
        self.asked.append(key)
        if key not in self.raw:
            if required:
                self.bad.add(key)
                self.ctx.report(self.path, f'missing required key "{key}" ({expected})')
            return None
        return self.raw[key]

    def optional(self, key: str, expected: str) -> Any:
        """The raw value of an optional key (None when absent), for a reader of its own."""
        return self._get(key, False, expected)

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        """A non-empty string."""
        value = self._get(key, required, "non-empty text")
        if value is None:
            return default
        if not isinstance(value, str):
            self.problem(key, f"must be text in quotes, not {_describe(value)}")
            return default
        if not value.strip():
            self.problem(key, "must not be empty")
            return default
        return value

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        """A list of non-empty strings (non-empty itself when required)."""
        expected = 'a list of texts, e.g. ["..."]'
        value = self._get(key, required, expected)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(key, f"must be {expected}, not {_describe(value)}")
            return ()
        if required and not value:
            self.problem(key, "must list at least one item")
            return ()
        for number, item in enumerate(value, start=1):
            if not isinstance(item, str):
                self.problem(key, f"item {number} must be text in quotes, not {_describe(item)}")
            elif not item.strip():
                self.problem(key, f"item {number} is empty")
        return tuple(item for item in value if isinstance(item, str)) if key not in self.bad else ()

    def whole(
        self, key: str, low: int, high: int, unit: str = "", *, default: int | None = None
    ) -> int:
        """A whole number within [low, high]; `default` makes the key optional."""
        units = f" {unit}" if unit else ""
        expected = f"a whole number{units} from {low} to {high}"
        value = self._get(key, default is None, expected)
        if value is None:
            return default if default is not None else low
        if isinstance(value, bool) or not isinstance(value, int):
            hint = f"; write {value} without quotes" if _is_int_text(value) else ""
            self.problem(key, f"must be {expected}, not {_describe(value)}{hint}")
            return default if default is not None else low
        if not low <= value <= high:
            self.problem(key, f"must be {expected} (got {value})")
            return default if default is not None else low
        return value

    def yes_no(self, key: str) -> bool:
        value = self._get(key, True, "true or false")
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(key, f"must be true or false (no quotes), not {_describe(value)}")
            return False
        return value

    def choice(self, key: str, options: tuple[_T, ...], *, required: bool = True) -> _T | None:
        """One of `options` (strings), returned typed as the option itself."""
        listed = " | ".join(str(option) for option in options)
        value = self._get(key, required, listed)
        if value is None:
            return None
        for option in options:
            if value == option:
                return option
        if isinstance(value, str):
            hint = _did_you_mean(value, (str(option) for option in options))
            self.problem(key, f'must be one of {listed} (got "{value}"){hint}')
        else:
            self.problem(key, f"must be one of {listed} in quotes, not {_describe(value)}")
        return None

    def ident(
        self, key: str, *, refers_to: Literal["exercise", "flag"] | None = None, what: str = ""
    ) -> str | None:
        """An optional lowercase-kebab id, checked later against what it names."""
        value = self._get(key, False, "an id")
        if value is None:
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(
                key,
                f'must be a lowercase-kebab id in quotes such as "front-plank", '
                f"not {_describe(value)}",
            )
            return None
        if refers_to is not None:
            self.ctx.references.append(_Reference((*self.path, key), value, refers_to, what))
        return value

    def idents(
        self, key: str, *, refers_to: Literal["exercise", "flag"], what: str, required: bool = False
    ) -> tuple[str, ...]:
        """A list of ids that each name an exercise (or a screening flag)."""
        values = self.texts(key, required=required)
        for number, value in enumerate(values, start=1):
            if not ID_PATTERN.match(value):
                self.problem(key, f'item {number} ("{value}") is not a lowercase-kebab id')
            else:
                self.ctx.references.append(_Reference((*self.path, key), value, refers_to, what))
        return values

    def sources(self, key: str, *, required: bool) -> tuple[str, ...]:
        values = self.texts(key, required=required)
        for value in values:
            self.ctx.references.append(_Reference((*self.path, key), value, "source", ""))
        return values

    def finish(self) -> None:
        """Reports every key nobody asked for: a typo, or a field from another section."""
        for key in self.raw:
            if key not in self.asked:
                hint = _did_you_mean(key, self.asked)
                known = "" if hint else "; allowed here: " + ", ".join(self.asked)
                self.ctx.report((*self.path, key), f'unknown key "{key}"{hint}{known}')


def _is_int_text(value: object) -> bool:
    return isinstance(value, str) and value.strip().lstrip("-").isdigit()


# --------------------------------------------------------------------------- sections


def _section(
    ctx: _Context, data: Mapping[str, Any], name: str, example: str
) -> dict[str, Mapping[str, Any]]:
    """A top-level table of id -> table, keeping only well-formed entries (in file order)."""
    value = data.get(name, {})
    if not isinstance(value, dict):
        ctx.report((name,), f"must be tables written as {example}, not {_describe(value)}")
        return {}
    entries: dict[str, Mapping[str, Any]] = {}
    for entry_id, entry in value.items():
        path = (name, entry_id)
        if not ID_PATTERN.match(entry_id):
            ctx.report(path, f'id "{entry_id}" must be lowercase-kebab, e.g. "knee-to-chest"')
        if not isinstance(entry, dict):
            ctx.report(path, f"must be a table written as {example}, not {_describe(entry)}")
            continue
        entries[entry_id] = entry
    return entries


def _read_schema(ctx: _Context, data: Mapping[str, Any]) -> int | None:
    """The schema number, or None when it is newer than this program reads (stop there)."""
    meta = data.get("meta")
    if not isinstance(meta, dict):
        what = "missing" if meta is None else f"must be a table, not {_describe(meta)}"
        ctx.report(("meta",), f"{what}: start the file with [meta] and schema = 1")
        return SCHEMA_VERSION
    path = ("meta", "schema")
    raw = meta.get("schema")
    if isinstance(raw, int) and not isinstance(raw, bool) and raw > SCHEMA_VERSION:
        # A newer format may have keys this version has never heard of: say only this.
        ctx.report(
            path,
            f"this catalogue is written for schema {raw}, and this version of "
            f"backtrainer reads schema {SCHEMA_VERSION}; upgrade backtrainer",
        )
        return None
    table = _CollectingTable(ctx, ("meta",), meta)
    table.asked.append("schema")
    table.finish()
    if raw is None:
        ctx.report(("meta",), f'missing required key "schema": write schema = {SCHEMA_VERSION}')
    elif isinstance(raw, bool) or not isinstance(raw, int):
        ctx.report(path, f"must be the whole number {SCHEMA_VERSION}, not {_describe(raw)}")
    elif raw < 1:
        ctx.report(path, f"must be {SCHEMA_VERSION} (got {raw})")
    return SCHEMA_VERSION


def _read_sources(ctx: _Context, data: Mapping[str, Any]) -> dict[str, str] | None:
    """The optional id -> title table; None when absent (then titles are not checked)."""
    if "sources" not in data:
        return None
    value = data["sources"]
    if not isinstance(value, dict):
        ctx.report(("sources",), f'must be a table of id = "title" lines, not {_describe(value)}')
        return None
    titles: dict[str, str] = {}
    for source_id, title in value.items():
        if not isinstance(title, str) or not title.strip():
            ctx.report(
                ("sources", source_id),
                f"must be an article title in quotes, not {_describe(title)}",
            )
        else:
            titles[source_id] = title
    return titles


def _read_guidance(ctx: _Context, data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    value = data.get("guidance", {})
    if not isinstance(value, dict):
        ctx.report(("guidance",), f"must be a table of topic = [...] lines, not {_describe(value)}")
        return {}
    table = _CollectingTable(ctx, ("guidance",), value)
    guidance = {topic: table.texts(topic) for topic in GUIDANCE_TOPICS}
    table.finish()
    return {topic: rules for topic, rules in guidance.items() if rules}


def _read_question(ctx: _Context, question_id: str, raw: Mapping[str, Any]) -> ScreeningQuestion:
    table = _CollectingTable(ctx, ("screening", question_id), raw)
    question = table.text("question")
    outcome = table.choice("outcome", OUTCOMES)
    flag = table.ident("flag")
    advice = table.text("advice", required=False)
    sources = table.sources("sources", required=False)
    table.finish()
    if flag is not None and outcome == "urgent":
        table.problem(
            "flag",
            "only caution and see-clinician questions set a flag: an urgent "
            "answer stops the session outright",
        )
    return ScreeningQuestion(question_id, question, outcome or "caution", flag, advice, sources)


def _read_equipment(table: _CollectingTable) -> tuple[str, ...]:
    items = table.texts("equipment")
    for number, item in enumerate(items, start=1):
        for option in item.split("|"):
            if option not in EQUIPMENT:
                hint = _did_you_mean(option, EQUIPMENT) or "; known: " + ", ".join(EQUIPMENT)
                table.problem("equipment", f'item {number}: unknown equipment "{option}"{hint}')
    return items


def _read_exercise(ctx: _Context, exercise_id: str, raw: Mapping[str, Any]) -> Exercise | None:
    table = _CollectingTable(ctx, ("exercises", exercise_id), raw)
    name = table.text("name")
    aliases = table.texts("aliases")
    kind = table.choice("kind", KINDS)
    level = table.choice("level", LEVELS)
    position = table.text("position")
    equipment = _read_equipment(table)
    targets = table.texts("targets")
    per_side = table.yes_no("per_side")
    steps = table.texts("steps", required=True)
    positions = _read_positions(table)
    if positions is None:
        hold_s = table.whole("hold_s", 0, MAX_HOLD_S, "of seconds")
    else:
        _refuse_with_positions(table, ("hold_s", "max_hold_s"))
        hold_s = sum(position.hold_s for position in positions)
    reps = table.whole("reps", 1, MAX_REPS)
    sets = table.whole("sets", 1, MAX_SETS)
    rest_s = table.whole("rest_s", 0, MAX_REST_S, "of seconds")
    max_reps = table.whole("max_reps", 1, MAX_REPS, default=reps)
    if positions is None:
        max_hold_s = table.whole("max_hold_s", 0, MAX_HOLD_S, "of seconds", default=hold_s)
    else:
        max_hold_s = sum(position.max_hold_s for position in positions)
    max_sets = table.whole("max_sets", 1, MAX_SETS, default=sets)
    frequency = table.choice("frequency", FREQUENCIES)
    modifications = table.texts("modifications")
    cautions = table.texts("cautions")
    avoid_when = table.idents("avoid_when", refers_to="flag", what="")
    dosage_notes = table.texts("dosage_notes")
    harder = table.ident("harder", refers_to="exercise", what="offered as a harder variant")
    easier = table.ident("easier", refers_to="exercise", what="offered as an easier variant")
    sources = table.sources("sources", required=True)
    after = _read_after(table)
    table.finish()

    if after is not None and "per_side" not in table.bad and not per_side:
        table.problem(
            "after",
            "an after block follows the reps done on each side, so it needs per_side = true",
        )
    _check_ceiling(table, "max_reps", max_reps, "reps", reps)
    _check_ceiling(table, "max_hold_s", max_hold_s, "hold_s", hold_s)
    _check_ceiling(table, "max_sets", max_sets, "sets", sets)
    if positions is None:
        _check_moving_ceiling(table, hold_s, max_hold_s)
    for key, variant in (("harder", harder), ("easier", easier)):
        if variant == exercise_id:
            table.problem(key, "names the exercise itself")

    if not table.ok or kind is None or level is None or frequency is None:
        return None
    return Exercise(
        id=exercise_id,
        name=name,
        kind=kind,
        level=level,
        position=position,
        per_side=per_side,
        steps=steps,
        dosage=Dosage(hold_s, reps, sets, rest_s),
        max_reps=max_reps,
        max_hold_s=max_hold_s,
        max_sets=max_sets,
        frequency=frequency,
        sources=sources,
        aliases=aliases,
        equipment=equipment,
        targets=targets,
        modifications=modifications,
        cautions=cautions,
        avoid_when=avoid_when,
        dosage_notes=dosage_notes,
        harder=harder,
        easier=easier,
        positions=positions or (),
        after=after,
    )


def _refuse_with_positions(table: _CollectingTable, keys: tuple[str, ...]) -> None:
    """With positions, the rep's hold is theirs: a second number would only disagree."""
    for key in keys:
        table.asked.append(key)
        if key in table.raw:
            table.problem(
                key,
                f"leave {key} out when positions are given: each position has "
                f"its own, and the rep's is their sum",
            )


def _read_positions(table: _CollectingTable) -> tuple[RepPosition, ...] | None:
    """`positions = [{ cue = "...", hold_s = 5 }, ...]`: None when the key is absent."""
    expected = 'a list of tables, e.g. [{ cue = "Back flat", hold_s = 5 }, ...]'
    value = table.optional("positions", expected)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        shown = _describe(value) if not isinstance(value, list) else "a list of other things"
        table.problem("positions", f"must be {expected}, not {shown}")
        return ()
    if not 2 <= len(value) <= MAX_POSITIONS:
        table.problem(
            "positions",
            f"must list from 2 to {MAX_POSITIONS} positions (got "
            f"{len(value)}); a rep of one position needs only hold_s",
        )
        return ()
    positions: list[RepPosition] = []
    for number, raw in enumerate(value, start=1):
        item = _CollectingTable(table.ctx, (*table.path, "positions", str(number)), raw)
        cue = item.text("cue")
        hold_s = item.whole("hold_s", 0, MAX_HOLD_S, "of seconds")
        max_hold_s = item.whole("max_hold_s", 0, MAX_HOLD_S, "of seconds", default=hold_s)
        item.finish()
        _check_ceiling(item, "max_hold_s", max_hold_s, "hold_s", hold_s)
        _check_moving_ceiling(item, hold_s, max_hold_s)
        if not item.ok:
            table.bad.add("positions")
        positions.append(RepPosition(cue, hold_s, max_hold_s))
    if "positions" in table.bad:
        return ()
    if len({position.hold_s > 0 for position in positions}) > 1:
        table.problem(
            "positions",
            "either every position is held (hold_s above 0) or none "
            "is (hold_s = 0: a moving rep, on to the next position "
            "with a key press), not some of each",
        )
    total = sum(position.max_hold_s for position in positions)
    if total > MAX_HOLD_S:
        table.problem(
            "positions",
            f"the positions' holds (max_hold_s) add up to {total} s; "
            f"a rep is held at most {MAX_HOLD_S} s in all",
        )
    return tuple(positions)


def _read_after(table: _CollectingTable) -> AfterBlock | None:
    """`[exercises.<id>.after]`: cue, reps and hold_s of the reps done after both sides."""
    expected = "a table with cue, reps and hold_s, written [exercises.<id>.after]"
    value = table.optional("after", expected)
    if value is None:
        return None
    if not isinstance(value, dict):
        table.problem("after", f"must be {expected}, not {_describe(value)}")
        return None
    item = _CollectingTable(table.ctx, (*table.path, "after"), value)
    cue = item.text("cue")
    hold_s = item.whole("hold_s", 0, MAX_HOLD_S, "of seconds")
    reps = item.whole("reps", 1, MAX_REPS)
    max_hold_s = item.whole("max_hold_s", 0, MAX_HOLD_S, "of seconds", default=hold_s)
    max_reps = item.whole("max_reps", 1, MAX_REPS, default=reps)
    item.finish()
    _check_ceiling(item, "max_hold_s", max_hold_s, "hold_s", hold_s)
    _check_ceiling(item, "max_reps", max_reps, "reps", reps)
    _check_moving_ceiling(item, hold_s, max_hold_s)
    if not item.ok:
        table.bad.add("after")
        return None
    return AfterBlock(cue, hold_s, reps, max_hold_s, max_reps)


def _check_moving_ceiling(table: _CollectingTable, hold_s: int, max_hold_s: int) -> None:
    if hold_s == 0 and max_hold_s > 0 and not table.bad & {"hold_s", "max_hold_s"}:
        table.problem(
            "max_hold_s",
            f"must be 0 when hold_s is 0: a moving rep has no hold to progress (got {max_hold_s})",
        )


def _check_ceiling(
    table: _CollectingTable, key: str, ceiling: int, start_key: str, start: int
) -> None:
    if key in table.raw and not table.bad & {key, start_key} and ceiling < start:
        table.problem(
            key,
            f"{key} = {ceiling} is below {start_key} = {start}: a progression "
            f"ceiling must be at least where the exercise starts",
        )


def _read_avoid(ctx: _Context, avoid_id: str, raw: Mapping[str, Any]) -> AvoidEntry | None:
    table = _CollectingTable(ctx, ("avoid", avoid_id), raw)
    name = table.text("name")
    why = table.text("why")
    instead = table.idents("instead", refers_to="exercise", what="offered instead")
    sources = table.sources("sources", required=False)
    table.finish()
    return AvoidEntry(avoid_id, name, why, instead, sources) if table.ok else None


def _read_plan(ctx: _Context, plan_id: str, raw: Mapping[str, Any]) -> Plan | None:
    table = _CollectingTable(ctx, ("plans", plan_id), raw)
    name = table.text("name")
    summary = table.text("summary")
    frequency = table.choice("frequency", FREQUENCIES)
    minutes = table.whole("minutes", 1, MAX_PLAN_MINUTES, "of minutes")
    exercises = table.idents(
        "exercises", refers_to="exercise", what="scheduled in a plan", required=True
    )
    # Optional: -1 (never valid) stands for "not given", so the app's default applies.
    warm_up = table.whole("warm_up_minutes", 0, MAX_WARM_UP_MINUTES, "of minutes", default=-1)
    table.finish()
    seen: set[str] = set()
    for exercise_id in exercises:
        if exercise_id in seen:
            table.problem("exercises", f'"{exercise_id}" is listed more than once')
        seen.add(exercise_id)
    if not table.ok or frequency is None:
        return None
    return Plan(
        plan_id,
        name,
        summary,
        frequency,
        minutes,
        exercises,
        warm_up_minutes=warm_up if warm_up >= 0 else None,
    )


# --------------------------------------------------------------------------- cross-checks


def _check_references(
    ctx: _Context,
    exercise_ids: Iterable[str],
    avoid: Mapping[str, Any],
    flags: Iterable[str],
    titles: Mapping[str, str] | None,
) -> None:
    exercise_ids = list(exercise_ids)
    flags = sorted(set(flags))
    for ref in ctx.references:
        if ref.kind == "exercise" and ref.target not in exercise_ids:
            if ref.target in avoid:
                ctx.report(
                    ref.path,
                    f'"{ref.target}" is on the avoid list (the articles say '
                    f"not to do it), so it cannot be {ref.what}",
                )
            else:
                hint = _did_you_mean(ref.target, exercise_ids)
                ctx.report(ref.path, f'no exercise has the id "{ref.target}"{hint}')
        elif ref.kind == "flag" and ref.target not in flags:
            known = (
                f"; flags set by screening: {', '.join(flags)}"
                if flags
                else ("; no screening question sets any flag")
            )
            hint = _did_you_mean(ref.target, flags)
            ctx.report(
                ref.path, f'no screening question sets the flag "{ref.target}"{hint or known}'
            )
        elif ref.kind == "source" and titles is not None and ref.target not in titles.values():
            if ref.target in titles:
                hint = f'; write the title "{titles[ref.target]}", not its id'
            else:
                hint = _did_you_mean(ref.target, titles.values()) or (
                    "; use a title exactly as written in [sources]"
                )
            ctx.report(ref.path, f'"{ref.target}" is not a title listed in [sources]{hint}')


def _check_unique_names(
    ctx: _Context,
    section: str,
    entries: Mapping[str, Mapping[str, Any]],
    keys: tuple[str, ...],
    taken: dict[str, str],
) -> None:
    """Names (and aliases) must be told apart by a person: case and spacing do not count."""
    for entry_id, raw in entries.items():
        for key in keys:
            value = raw.get(key)
            names = value if isinstance(value, list) else [value]
            for name in names:
                if not isinstance(name, str) or not name.strip():
                    continue
                folded = " ".join(name.casefold().split())
                path = (section, entry_id, key)
                if folded in taken:
                    ctx.report(path, f'the name "{name}" is already used by {taken[folded]}')
                else:
                    taken[folded] = ".".join(path)


def _check_not_empty(ctx: _Context, data: Mapping[str, Any], section: str, table: str) -> None:
    value = data.get(section)
    if value is None or (isinstance(value, dict) and not value):
        ctx.report(
            (section,),
            f"the catalogue has no {section}: add at least one [{section}.<id>] table ({table})",
        )


def _check_control_characters(ctx: _Context, data: Mapping[str, Any]) -> None:
    """Text is shown on a terminal, so an escape sequence in it would be obeyed there (a
    window retitled, the screen cleared): no key or text may hold a control character but
    tab and newline. Walks the document without recursion, however deeply it nests."""
    pending: list[tuple[KeyPath, object]] = [((), data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if found := control_characters(key):
                    ctx.report((*path, key), _control_message("the key", found))
                pending.append(((*path, key), item))
        elif isinstance(value, list):
            pending.extend((path, item) for item in value)
        elif isinstance(value, str) and (found := control_characters(value)):
            ctx.report(path, _control_message("the text", found))


def _control_message(what: str, found: list[str]) -> str:
    shown = ", ".join(dict.fromkeys(found))
    return (
        f"{what} holds a control character ({shown}); only tab and newline may appear "
        "in text, as a terminal would act on the others"
    )


# --------------------------------------------------------------------------- entry point


def load_catalogue(path: Path, *, cache_folder: Path | None = None) -> Catalogue:
    """Reads and checks a catalogue file; raises `CatalogueError` listing every problem.

    `cache_folder`: where the parsed file may be kept for the next start (see
    `trainer.core.catalogue.cache`); the checks run in full either way.
    """
    text = _read_text(path)
    ctx = _Context(path.name, _LineIndex(text))
    try:
        if cache_folder is None:
            data = tomllib.loads(text)
        else:
            from trainer.core.catalogue.cache import cached_parse

            data = cached_parse(text, path, cache_folder, tomllib.loads)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(path, [_syntax_problem(path.name, text, error)]) from None
    except RecursionError:  # tomllib recurses once per level of [[[...]]] or {a={b=...}}
        raise CatalogueError(path, [Problem(path.name, None, "", TOO_DEEP)]) from None

    schema = _read_schema(ctx, data)
    if schema is None:
        raise CatalogueError(path, ctx.problems)
    _check_control_characters(ctx, data)
    top = _CollectingTable(ctx, (), data)
    top.asked.extend(("meta", "sources", "guidance", "screening", "exercises", "avoid", "plans"))
    top.finish()
    titles = _read_sources(ctx, data)
    guidance = _read_guidance(ctx, data)

    raw_questions = _section(ctx, data, "screening", "[screening.<id>]")
    raw_exercises = _section(ctx, data, "exercises", "[exercises.<id>]")
    raw_avoid = _section(ctx, data, "avoid", "[avoid.<id>]")
    raw_plans = _section(ctx, data, "plans", "[plans.<id>]")
    _check_not_empty(ctx, data, "exercises", "name, kind, level, steps, dosage...")
    _check_not_empty(ctx, data, "plans", "name, summary, frequency, minutes, exercises")

    questions = [_read_question(ctx, qid, raw) for qid, raw in raw_questions.items()]
    exercises = _read_all(ctx, raw_exercises, _read_exercise)
    avoid = _read_all(ctx, raw_avoid, _read_avoid)
    plans = _read_all(ctx, raw_plans, _read_plan)

    for both in raw_exercises.keys() & raw_avoid.keys():
        ctx.report(("avoid", both), f'"{both}" is both an exercise and on the avoid list')
    flags = (q.flag for q in questions if q.flag is not None)
    _check_references(ctx, raw_exercises, raw_avoid, flags, titles)
    # An avoided move must not hide under an exercise's name, so they share one namespace.
    move_names: dict[str, str] = {}
    _check_unique_names(ctx, "exercises", raw_exercises, ("name", "aliases"), move_names)
    _check_unique_names(ctx, "avoid", raw_avoid, ("name",), move_names)
    _check_unique_names(ctx, "plans", raw_plans, ("name",), {})

    if ctx.problems:
        raise CatalogueError(path, ctx.problems)
    return Catalogue(
        path=path,
        schema=schema,
        exercises=MappingProxyType({e.id: e for e in exercises if e is not None}),
        screening=tuple(questions),
        avoid=MappingProxyType({a.id: a for a in avoid if a is not None}),
        plans=MappingProxyType({p.id: p for p in plans if p is not None}),
        guidance=MappingProxyType(guidance),
    )


def _read_all(
    ctx: _Context,
    entries: Mapping[str, Mapping[str, Any]],
    read: Callable[[_Context, str, Mapping[str, Any]], _T],
) -> list[_T]:
    return [read(ctx, entry_id, raw) for entry_id, raw in entries.items()]


def _read_text(path: Path) -> str:
    """The file's text, or a CatalogueError saying plainly why there is none."""

    def fail(message: str, line: int | None = None) -> CatalogueError:
        return CatalogueError(path, [Problem(path.name, line, "", message)])

    try:
        if not path.exists():
            raise fail(f"there is no file at {path}")
        if path.is_dir():
            raise fail(f"{path} is a folder, not a catalogue file")
        if not path.is_file():
            raise fail(f"{path} is not a regular file")
        data = _read_capped(path, fail)
    except OSError as error:  # e.g. a folder on the way that may not be entered
        raise fail(f"cannot be read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        raise fail(
            f"is not UTF-8 text (byte 0x{byte:02x} at line {line}, column {column}); "
            "save the file as UTF-8",
            line,
        ) from None


def _read_capped(path: Path, fail: Callable[[str], CatalogueError]) -> bytes:
    """The file's bytes, opened without blocking (a FIFO swapped in after the check above
    would hang the read) and refused when not a regular file or larger than any catalogue
    a person writes."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise fail(f"{path} is not a regular file")
        if info.st_size > MAX_CATALOGUE_BYTES:
            raise fail(f"is {info.st_size:,} bytes; a catalogue is at most {MAX_CATALOGUE_BYTES:,}")
        with os.fdopen(os.dup(fd), "rb") as file:
            data = file.read(MAX_CATALOGUE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_CATALOGUE_BYTES:  # it grew while being read
        raise fail(f"is larger than a catalogue can be ({MAX_CATALOGUE_BYTES:,} bytes)")
    return data


def _syntax_problem(file: str, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    """tomllib's message, with its position moved to where editors and people look."""
    message = str(error)
    if found := re.search(r"\s*\(at line (\d+), column (\d+)\)$", message):
        line = int(found[1])
        message = f"{message[: found.start()]} (column {found[2]})"
    elif found := re.search(r"\s*\(at end of document\)$", message):
        line = max(1, len(text.splitlines()))
        message = f"{message[: found.start()]} (at the end of the file)"
    else:
        line = None
    return Problem(file, line, "", f"not valid TOML: {message}")
