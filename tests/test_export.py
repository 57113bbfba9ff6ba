"""`trainer export`: every set exactly once, the documented columns, CSV a spreadsheet can
open and JSON that gives back exactly the sessions it came from."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from record_strategies import sessions as any_sessions
from session_factory import done, session

import trainer.core.stats.export as export_module
from trainer.cli.main import main
from trainer.core.catalogue.model import Dosage
from trainer.core.records import ExerciseRecord, SessionRecord, SetRecord
from trainer.core.stats.export import COLUMNS, EXERCISE_COLUMNS, SET_COLUMNS, write_csv, write_json
from trainer.core.store.files import open_store

finished_histories = st.lists(
    any_sessions(statuses=("completed", "interrupted")), max_size=6, unique_by=lambda s: s.id
)


def edge_cases() -> list[SessionRecord]:
    """A normal session, one with a skipped exercise, one with nothing in it at all."""
    start = datetime(2026, 11, 18, 7, 30, tzinfo=UTC)
    normal = session(
        start,
        done("knee-to-chest", sets=2, reps=3, hold_s=5, per_side=True, finished=start),
        done("cat-cow", sets=1, finished=start),
        pain_before=4,
        pain_after=3,
    )
    skipped = session(
        datetime(2026, 11, 19, 7, 30, tzinfo=UTC),
        done("bridge", sets=0, skipped=True),
        done("cat-cow", sets=0, pain_stop="sharp"),
    )
    empty = session(datetime(2026, 11, 19, 19, 0, tzinfo=UTC))
    empty.exercises = []
    return [normal, skipped, empty]


def csv_rows(sessions: list[SessionRecord]) -> tuple[list[str] | None, list[dict[str, str]]]:
    out = io.StringIO(newline="")
    write_csv(sessions, out)
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    rows = list(reader)
    return (list(reader.fieldnames) if reader.fieldnames else None), rows


def json_rows(sessions: list[SessionRecord]) -> dict[str, Any]:
    out = io.StringIO()
    write_json(sessions, out)
    loaded: dict[str, Any] = json.loads(out.getvalue())
    return loaded


def test_csv_has_the_documented_columns_in_order() -> None:
    fields, _ = csv_rows(edge_cases())

    assert fields == list(COLUMNS)
    documented = export_module.__doc__ or ""
    assert all(f"\n{column} " in documented for column in COLUMNS)


def test_every_set_appears_exactly_once_and_nothing_else_is_lost() -> None:
    sessions = edge_cases()

    _, rows = csv_rows(sessions)

    set_rows = [r for r in rows if r["set_number"]]
    assert len(set_rows) == sum(len(e.sets) for s in sessions for e in s.exercises) == 5
    keys = [(r["session_id"], r["exercise_order"], r["set_number"], r["side"]) for r in set_rows]
    assert len(set(keys)) == len(keys)
    no_set = [r for r in rows if not r["set_number"]]
    assert [(r["exercise_id"], r["skipped"], r["pain_stop"]) for r in no_set] == [
        ("bridge", "true", ""),
        ("cat-cow", "false", "sharp"),
        ("", "", ""),  # the empty session: still there, as one row
    ]
    assert {r["session_id"] for r in rows} == {s.id for s in sessions}


def test_csv_values_are_what_a_spreadsheet_expects() -> None:
    _, rows = csv_rows(edge_cases())

    first = rows[0]
    assert first["session_day"] == "2026-11-18"
    assert first["session_started"] == "2026-11-18T07:30:00+00:00"
    assert first["session_minutes"] == "10.0"
    assert (first["pain_before"], first["pain_after"]) == ("4", "3")
    assert (first["exercise_id"], first["per_side"], first["side"]) == (
        "knee-to-chest",
        "true",
        "left",
    )
    assert (first["prescribed_hold_s"], first["reps_done"], first["seconds_held"]) == (
        "5",
        "3",
        "15.0",
    )


def rebuild(rows: list[dict[str, Any]]) -> list[SessionRecord]:
    """The sessions back from export rows: proof the export keeps everything."""
    result = []
    for _, session_rows in groupby(rows, key=lambda r: r["session_id"]):
        group = list(session_rows)
        head = group[0]
        record = SessionRecord(
            id=head["session_id"],
            plan_id=head["plan_id"],
            started=datetime.fromisoformat(head["session_started"]),
            ended=datetime.fromisoformat(head["session_ended"]) if head["session_ended"] else None,
            status=head["session_status"],
            pain_before=head["pain_before"],
            pain_after=head["pain_after"],
        )
        for _, exercise_rows in groupby(group, key=lambda r: r["exercise_order"]):
            items = list(exercise_rows)
            first = items[0]
            if first["exercise_order"] is None:
                continue
            exercise = ExerciseRecord(
                exercise_id=first["exercise_id"],
                prescribed=Dosage(
                    hold_s=first["prescribed_hold_s"],
                    reps=first["prescribed_reps"],
                    sets=first["prescribed_sets"],
                    rest_s=first["prescribed_rest_s"],
                ),
                per_side=first["per_side"],
                skipped=first["skipped"],
                too_easy=first["too_easy"],
                too_hard=first["too_hard"],
                pain_stop=first["pain_stop"],
            )
            for row in items:
                if row["set_number"] is not None:
                    exercise.sets.append(
                        SetRecord(
                            set_number=row["set_number"],
                            side=row["side"],
                            reps_done=row["reps_done"],
                            reps_target=row["reps_target"],
                            seconds_held=row["seconds_held"],
                            finished=datetime.fromisoformat(row["set_finished"]),
                        )
                    )
            record.exercises.append(exercise)
        result.append(record)
    return result


@settings(max_examples=60, deadline=None)
@given(finished_histories)
def test_json_gives_back_exactly_the_sessions_it_came_from(
    sessions: list[SessionRecord],
) -> None:
    document = json_rows(sessions)

    assert document["columns"] == list(COLUMNS)
    assert all(list(row) == list(COLUMNS) for row in document["rows"])
    assert rebuild(document["rows"]) == sessions


@settings(max_examples=60, deadline=None)
@given(finished_histories)
def test_csv_holds_the_same_rows_as_json(sessions: list[SessionRecord]) -> None:
    def as_csv_text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str) and value.startswith(export_module.FORMULA_STARTS):
            return "'" + value  # neutralised, as documented
        return str(value)

    _, rows = csv_rows(sessions)

    expected = [{k: as_csv_text(v) for k, v in row.items()} for row in json_rows(sessions)["rows"]]
    assert rows == expected
    assert sum(1 for r in rows if r["set_number"]) == sum(
        len(e.sets) for s in sessions for e in s.exercises
    )


def test_a_session_still_under_way_is_not_exported() -> None:
    live = session(datetime(2026, 11, 20, 8, 0, tzinfo=UTC), status="in-progress")

    assert json_rows([live])["rows"] == []


def test_set_and_exercise_columns_are_empty_exactly_where_documented() -> None:
    rows = json_rows(edge_cases())["rows"]

    empty_session = rows[-1]
    assert all(empty_session[c] is None for c in EXERCISE_COLUMNS + SET_COLUMNS)
    skipped = rows[-3]
    assert skipped["exercise_id"] == "bridge"
    assert all(skipped[c] is None for c in SET_COLUMNS)


# --------------------------------------------------------------------------- the command


def filed_state(tmp_path: Path) -> Path:
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    for one in edge_cases():
        store.save_session(one)
    store.close()
    return state


def test_trainer_export_writes_csv_to_stdout(tmp_path: Path, capsys: Any) -> None:
    state = filed_state(tmp_path)

    status = main(["--state", str(state), "export"])

    assert status == 0
    reader = csv.DictReader(io.StringIO(capsys.readouterr().out, newline=""))
    assert reader.fieldnames == list(COLUMNS)
    assert len(list(reader)) == 8  # 5 sets, 2 exercises without sets, 1 empty session


def test_trainer_export_json_to_a_file(tmp_path: Path, capsys: Any) -> None:
    state = filed_state(tmp_path)
    out = tmp_path / "log.json"

    status = main(["--state", str(state), "export", "--format", "json", "--out", str(out)])

    assert status == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert rebuild(document["rows"]) == edge_cases()
    assert "Wrote 8 rows" in capsys.readouterr().err


def test_trainer_export_says_so_when_it_cannot_write(tmp_path: Path, capsys: Any) -> None:
    state = filed_state(tmp_path)

    status = main(["--state", str(state), "export", "--out", str(tmp_path / "no" / "x.csv")])

    assert status == 1
    assert "Could not write" in capsys.readouterr().err


def test_export_help_lists_every_column(capsys: Any) -> None:
    import pytest

    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--help"])

    assert exit_info.value.code == 0
    shown = capsys.readouterr().out
    assert all(f"\n{column} " in shown for column in COLUMNS)
