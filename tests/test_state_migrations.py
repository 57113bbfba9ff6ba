"""Schema migrations: a file from any earlier version opens, and is saved in today's layout.

Schema 0 is the layout before `schema` was written: the main file's per-exercise table was
`[prescriptions.<id>]` with a `streak` count, and a session exercise's sets were `done`.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from trainer.core.records import ExerciseProgress
from trainer.core.store.files import open_store
from trainer.core.store.migrations import MIGRATIONS, SCHEMA, SchemaValueError, migrate
from trainer.core.store.protocol import NewerStateSchema

SCHEMA_0_MAIN = """\
[screening]
taken = 2026-01-05T08:00:00+01:00
outcome = "clear"
flags = []
pain_now = 2
level = "beginner"
equipment = ["mat"]

[screening.answers]
disc = false

[prescriptions.bridge]
sets = 1
reps = 9
hold_s = 0
rest_s = 30
streak = 1
last_done = 2026-01-05
"""

SCHEMA_0_WEEK = """\
schema = 0

[[sessions]]
id = "20260105T080000+0100"
plan = "daily-stretches"
started = 2026-01-05T08:00:00+01:00
ended = 2026-01-05T08:10:00+01:00
status = "completed"

[[sessions.exercises]]
exercise = "bridge"
per_side = false
sets = 1
reps = 9
hold_s = 0
rest_s = 30
done = [{ set = 1, reps = 9, at_s = 120.0 }]
"""


def test_every_earlier_version_has_a_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(SCHEMA))


def test_a_schema_0_state_opens_with_everything_in_it(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    state.write_text(SCHEMA_0_MAIN)
    folder = tmp_path / "exercises.progress.d"
    folder.mkdir()
    (folder / "sessions-2026-01-05.toml").write_text(SCHEMA_0_WEEK)
    store = open_store(state)
    assert store.startup_problems == ()
    assert store.progress() == {
        "bridge": ExerciseProgress(
            "bridge", 0, 9, 1, 30, full_in_a_row=1, last_done=date(2026, 1, 5)
        ),
    }
    screening = store.screening()
    assert screening is not None and screening.level == "beginner"
    [session] = store.sessions()
    assert session.exercises[0].sets[0].reps_done == 9
    assert session.exercises[0].sets[0].finished == datetime(
        2026, 1, 5, 8, 2, tzinfo=timezone(timedelta(hours=1))
    )
    assert state.read_text() == SCHEMA_0_MAIN  # reading changes nothing on disk
    store.save_settings({"bell": False})
    store.close()
    document = tomllib.loads(state.read_text())
    assert document["schema"] == SCHEMA
    assert "prescriptions" not in document
    assert document["progress"]["bridge"]["full_in_a_row"] == 1


def test_migrations_run_in_order_up_to_the_current_version() -> None:
    steps = {
        0: lambda d: {**d, "trail": [*d.get("trail", []), "0->1"]},
        1: lambda d: {**d, "trail": [*d["trail"], "1->2"]},
    }
    assert migrate({"schema": 0}, Path("x"), steps, current=2) == {
        "schema": 2,
        "trail": ["0->1", "1->2"],
    }
    assert migrate({"schema": 1, "trail": []}, Path("x"), steps, current=2)["trail"] == [
        "1->2",
    ]


def test_a_newer_schema_is_refused_by_name() -> None:
    with pytest.raises(
        NewerStateSchema, match=f"schema {SCHEMA + 1}; this version reads up to {SCHEMA}"
    ):
        migrate({"schema": SCHEMA + 1}, Path("state.toml"))


@pytest.mark.parametrize("value", ["1", 1.0, True, -1])
def test_a_schema_that_is_not_a_version_number_is_a_damaged_file(value: object) -> None:
    with pytest.raises(SchemaValueError, match="schema: expected a whole number"):
        migrate({"schema": value}, Path("state.toml"))


SCHEMA_2_WEEK_WITHOUT_WARM_UP = """\
schema = 2

[[sessions]]
id = "20261116T180000+0100"
plan = "core-and-glutes"
started = 2026-11-16T18:00:00+01:00
ended = 2026-11-16T18:10:00+01:00
status = "completed"

[[sessions.exercises]]
exercise = "bridge"
per_side = false
sets = 1
reps = 5
hold_s = 0
rest_s = 30
sets_done = [{ set = 1, reps = 5, at_s = 60.0 }]
# end
"""


def test_a_schema_2_history_opens_without_a_warm_up_or_activity(tmp_path: Path) -> None:
    """Schema 3 only adds (a session's warm-up, the activity files): a schema-2 state
    reads as before, with no warm-up and no activity, and is written back as schema 3."""
    state = tmp_path / "exercises.progress.toml"
    folder = tmp_path / "exercises.progress.d"
    folder.mkdir(mode=0o700)
    (folder / "sessions-2026-11-16.toml").write_text(SCHEMA_2_WEEK_WITHOUT_WARM_UP)
    store = open_store(state)
    [session] = store.sessions()
    assert session.warm_up is None and session.exercises[0].sets[0].reps_done == 5
    assert store.activities() == []
    assert store.history_problems == []
    store.close()
    assert migrate({"schema": 2, "sessions": []}, Path("x")) == {"schema": SCHEMA, "sessions": []}
