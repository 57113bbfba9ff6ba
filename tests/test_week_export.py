"""`trainer export` keeps the rest of the week too: a session's warm-up as a row of kind
warm-up before its exercises, and logged activity as rows of kind activity (and, in JSON,
the list "activity"), so a clinician sees what was done besides the exercises."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from session_factory import session

from trainer.cli.main import main
from trainer.core.records import ActivityRecord, WarmUpRecord
from trainer.core.stats.export import COLUMNS, write_csv, write_json
from trainer.core.store.files import open_store

ZONE = timezone(timedelta(hours=1))
STARTED = datetime(2026, 11, 16, 18, 0, tzinfo=ZONE)
WALK = ActivityRecord(datetime(2026, 11, 17, 12, 0, tzinfo=ZONE), "walking", 30)


def warmed_up(skipped: bool = False) -> Any:
    done = 60.0 if skipped else 300.0
    return replace(session(STARTED), warm_up=WarmUpRecord(300, done, skipped))


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_a_warm_up_is_a_row_before_the_exercises() -> None:
    out = io.StringIO()
    write_csv([warmed_up(), warmed_up(skipped=True)], out)
    rows = rows_of(out.getvalue())
    assert [row["kind"] for row in rows] == ["warm-up", "session", "warm-up", "session"]
    first, _, skipped, _ = rows
    assert (first["seconds_held"], first["skipped"], first["event"]) == (
        "300.0",
        "false",
        "Warm-up: 300 of 300 s",
    )
    assert skipped["event"] == "Warm-up skipped after 60 of 300 s"
    assert first["session_id"] == rows[1]["session_id"] and first["exercise_id"] == ""


def test_activity_rows_follow_the_session_log() -> None:
    out = io.StringIO()
    count = write_csv([session(STARTED)], out, activity=[WALK])
    rows = rows_of(out.getvalue())
    assert count == 2 and list(rows[0]) == list(COLUMNS)
    activity = rows[1]
    assert (activity["kind"], activity["session_day"], activity["event"]) == (
        "activity",
        "2026-11-17",
        "walking, 30 min",
    )
    assert activity["event_when"] == "2026-11-17T12:00:00+01:00"
    assert activity["session_id"] == ""


def test_json_lists_the_activity_typed() -> None:
    out = io.StringIO()
    assert write_json([], out, activity=[WALK]) == 1
    document = json.loads(out.getvalue())
    assert document["activity"] == [
        {
            "when": "2026-11-17T12:00:00+01:00",
            "day": "2026-11-17",
            "kind": "walking",
            "minutes": 30,
        },
    ]


def test_trainer_export_reads_the_activity_from_the_state(tmp_path: Path, capsys: Any) -> None:
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    store.save_session(warmed_up())
    store.log_activity(WALK)
    store.close()
    assert main(["--state", str(state), "export"]) == 0
    kinds = [row["kind"] for row in rows_of(capsys.readouterr().out)]
    assert kinds == ["warm-up", "session", "activity"]
