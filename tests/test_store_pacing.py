"""The tempo chosen for each paced exercise is kept across sessions, in the main file's
hand-editable `[pacing]` table, read as strictly as the rest; files without it still open."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.session.pacing import MAX_PACE_S, MIN_PACE_S
from trainer.core.store.files import FileStore, open_store
from trainer.core.store.migrations import SCHEMA, migrate
from trainer.core.store.protocol import MemoryStore, Store, StoreReadOnly

EXERCISE_IDS = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "exercises.progress.toml"


def reopen(store: FileStore) -> FileStore:
    store.close()
    return open_store(store.files.main)


def remember(store: Store) -> None:
    store.save_pacing("bridge", 3)
    store.save_pacing("cat-cow", 5)
    store.save_pacing("cat-cow", None)  # back to enter per rep: forgotten
    store.save_pacing("superman", 4)


def test_the_memory_store_remembers_each_exercise_tempo() -> None:
    store = MemoryStore()
    assert store.pacing() == {}
    remember(store)
    assert store.pacing() == {"bridge": 3, "superman": 4}
    store.pacing()["bridge"] = 9  # a copy: changing it changes nothing kept
    assert store.pacing()["bridge"] == 3


def test_a_read_only_memory_store_refuses_to_remember() -> None:
    with pytest.raises(StoreReadOnly):
        MemoryStore(read_only_reason="another trainer").save_pacing("bridge", 3)


def test_the_file_store_keeps_the_tempos_in_a_readable_table(state: Path) -> None:
    store = open_store(state)
    remember(store)
    store = reopen(store)
    assert store.pacing() == {"bridge": 3, "superman": 4}
    store.close()
    document = tomllib.loads(state.read_text())
    assert document["schema"] == SCHEMA
    assert document["pacing"] == {"bridge": 3, "superman": 4}
    assert "bridge = 3\n" in state.read_text()


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(EXERCISE_IDS, st.integers(MIN_PACE_S, MAX_PACE_S), max_size=8))
def test_any_tempos_come_back_equal(pacing: dict[str, int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "exercises.progress.toml")
        for exercise_id, seconds in pacing.items():
            store.save_pacing(exercise_id, seconds)
        store = reopen(store)
        assert store.pacing() == pacing
        store.close()


def test_a_tempo_that_could_not_be_read_back_is_refused_before_writing(state: Path) -> None:
    store = open_store(state)
    store.save_pacing("bridge", 3)
    with pytest.raises(ValueError, match=r"pacing\.bridge: expected a whole number between"):
        store.save_pacing("bridge", MAX_PACE_S + 1)
    assert reopen(store).pacing() == {"bridge": 3}


@pytest.mark.parametrize(
    ("table", "what"),
    [
        ('bridge = "fast"', "pacing.bridge: expected a whole number, found 'fast'"),
        (
            "bridge = 0",
            f"pacing.bridge: expected a whole number between {MIN_PACE_S} and "
            f"{MAX_PACE_S}, found 0",
        ),
        ("bridge = 2.5", "pacing.bridge: expected a whole number, found 2.5"),
        ("bridge = { seconds = 3 }", "pacing.bridge: expected a whole number, found a table"),
    ],
)
def test_a_hand_edit_gone_wrong_is_reported_by_key(state: Path, table: str, what: str) -> None:
    state.write_text(f"schema = {SCHEMA}\n[pacing]\n{table}\n# end\n")
    store = open_store(state)
    [problem] = store.startup_problems
    assert what in problem.what
    store.close()


def test_an_older_file_without_pacing_opens_and_is_written_in_schema_3(state: Path) -> None:
    state.write_text("schema = 1\n[progress.bridge]\nsets = 2\nreps = 8\nhold_s = 0\nrest_s = 30\n")
    store = open_store(state)
    assert store.startup_problems == ()
    assert store.pacing() == {}
    store.save_pacing("bridge", 4)
    store = reopen(store)
    assert store.pacing() == {"bridge": 4}
    assert store.progress()["bridge"].reps == 8
    store.close()
    assert tomllib.loads(state.read_text())["schema"] == SCHEMA == 3


def test_the_step_to_schema_3_changes_no_table() -> None:
    document = {"schema": 2, "progress": {"bridge": {"reps": 8}}, "settings": {"bell": False}}
    assert migrate(dict(document), Path("state.toml")) == {**document, "schema": 3}


def test_a_read_only_file_store_follows_the_writer_and_refuses_to_save(state: Path) -> None:
    writer = open_store(state)
    reader = open_store(state)
    writer.save_pacing("bridge", 2)
    assert reader.pacing() == {"bridge": 2}
    with pytest.raises(StoreReadOnly):
        reader.save_pacing("bridge", 3)
    reader.close()
    writer.close()
