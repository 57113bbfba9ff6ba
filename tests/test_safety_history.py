"""The safety history where it matters: in words with dates, newest first (the core), in
`trainer stats`, and in `trainer export` (CSV rows of their kind, a JSON "safety" list)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import safety_factory
from catalogue_factory import NOW, catalogue, screening
from rich.console import Console
from session_factory import done, session

from trainer.cli.main import main
from trainer.cli.stats import print_stats
from trainer.core.plan.screening import record_clinician_clearance
from trainer.core.records import (
    Clearance,
    PainStop,
    RedFlagAnswer,
    SafetyEvent,
    SeverePain,
)
from trainer.core.stats.export import COLUMNS, SAFETY_FIELDS, write_csv, write_json
from trainer.core.stats.safety_history import NO_HISTORY, history_lines, safety_history
from trainer.core.store.files import open_store
from trainer.core.store.protocol import MemoryStore
from trainer.paths import bundled_catalogue

BLADDER = "Have you lost control of your bladder or bowels?"  # catalogue_factory's wording
DAY = datetime(2026, 12, 1, 8, 12, tzinfo=UTC)


def one_of_each() -> list[SafetyEvent]:
    return safety_factory.one_of_each(DAY)


# --------------------------------------------------------------------------- the core


def test_each_kind_of_event_in_words_with_its_date_newest_first() -> None:
    lines = history_lines(one_of_each(), None, catalogue())

    assert lines == [
        "1 Dec 2026 08:32  you confirmed that a clinician has cleared you to exercise",
        '1 Dec 2026 08:31  "Does it still hurt?" no, after a pain stop',
        '1 Dec 2026 08:30  "Does it still hurt?" yes, after a pain stop: stop exercising '
        "and contact your doctor",
        "1 Dec 2026 08:16  pain rose from 2 to 5 out of 10 during a session: increased "
        "pain is not normal",
        "1 Dec 2026 08:15  stopped Bridge for pain (sharp)",
        "1 Dec 2026 08:14  pain 8 out of 10 before a session: severe, see a clinician first",
        '1 Dec 2026 08:13  a yes to "Have you had recent surgery or an acute back injury?" '
        "(see a clinician)",
        f'1 Dec 2026 08:12  a yes to "{BLADDER}" (urgent)',
    ]


def test_without_a_catalogue_the_ids_are_shown() -> None:
    lines = history_lines(
        [RedFlagAnswer(DAY, "gone", "see-clinician"), PainStop(DAY, "s", "plank", "other")],
        None,
    )
    assert lines == [
        "1 Dec 2026 08:12  stopped plank for pain (other)",
        '1 Dec 2026 08:12  a yes to "gone" (see a clinician)',
    ]


def test_the_screening_and_its_clearance_are_listed_once() -> None:
    taken = DAY - timedelta(days=1)
    record = record_clinician_clearance(
        screening("see-clinician", yes=("surgery",), taken=taken), DAY
    )
    entries = safety_history([Clearance(DAY)], record, catalogue())
    assert [(e.when, e.kind) for e in entries] == [(DAY, "clearance"), (taken, "screening")]
    assert entries[1].words == "screening completed: see a clinician first"
    # A clearance kept only on the screening (from before the events were kept) still shows.
    assert [e.kind for e in safety_history([], record)] == ["clearance", "screening"]


def test_severe_pain_at_the_screening_says_so() -> None:
    [line] = history_lines([SeverePain(DAY, 9, "screening")], None)
    assert line.endswith("pain 9 out of 10 at the screening: severe, see a clinician first")


def test_a_time_is_shown_in_its_own_offset() -> None:
    """Kept with the offset the person lived it in: 08:12 in Berlin is 08:12."""
    from datetime import timezone

    berlin = datetime(2026, 12, 1, 8, 12, tzinfo=timezone(timedelta(hours=1)))
    [line] = history_lines([Clearance(berlin)], None)
    assert line.startswith("1 Dec 2026 08:12  ")


def test_nothing_to_show_has_words_of_its_own() -> None:
    assert safety_history([], None) == []
    assert "listed here with their dates" in NO_HISTORY


# --------------------------------------------------------------------------- trainer stats


def stats_text(store: MemoryStore) -> str:
    out = io.StringIO()
    # Wide enough that no line wraps: the assertions read whole lines.
    print_stats(Console(file=out, width=200, highlight=False), store, catalogue(), NOW.date())
    return out.getvalue()


def test_trainer_stats_has_a_safety_section_newest_first() -> None:
    store = MemoryStore()
    store.save_screening(screening(taken=DAY - timedelta(days=3)))
    store.save_session(session(DAY - timedelta(days=2), done("cat-cow"), pain_before=2))
    for event in one_of_each():
        store.record_safety_event(event)

    text = stats_text(store)
    lines = text.splitlines()
    start = lines.index("Safety")
    assert lines[start + 1 : start + 10] == history_lines(
        one_of_each(), store.screening(), catalogue()
    )
    assert lines[start + 9].endswith("screening completed: clear")


def test_trainer_stats_shows_a_red_flag_before_any_session() -> None:
    store = MemoryStore()
    store.record_safety_event(RedFlagAnswer(DAY, "bladder-bowel", "urgent"))

    text = stats_text(store)

    assert "No sessions yet" in text
    assert f'1 Dec 2026 08:12  a yes to "{BLADDER}" (urgent)' in text.splitlines()


def test_trainer_stats_without_any_event_says_nothing_of_safety() -> None:
    """The screening alone is already on the Screening line."""
    store = MemoryStore()
    store.save_screening(screening(taken=DAY - timedelta(days=3)))
    store.save_session(session(DAY - timedelta(days=2), done("cat-cow")))
    assert "Safety" not in stats_text(store).splitlines()
    assert "Safety" not in stats_text(MemoryStore()).splitlines()


def filed_state(tmp_path: Path) -> Path:
    """A state file holding a session and one of each safety event, as the trainer keeps
    them."""
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    store.save_session(session(DAY - timedelta(days=1), done("cat-cow"), session_id="s1"))
    for event in one_of_each():
        store.record_safety_event(event)
    store.close()
    return state


def test_the_trainer_stats_command_lists_them(tmp_path: Path, capsys: Any) -> None:
    state = filed_state(tmp_path)

    assert main(["--state", str(state), "stats"]) == 0

    out = " ".join(capsys.readouterr().out.split())  # however the terminal wraps it
    assert "Safety" in out
    # The bundled catalogue's own wording of the urgent question.
    assert (
        '1 Dec 2026 08:12 a yes to "Have you had any loss of bladder or bowel control?" '
        "(urgent)" in out
    )
    assert "1 Dec 2026 08:32 you confirmed that a clinician has cleared you to exercise" in out


# --------------------------------------------------------------------------- trainer export


def csv_of(events: list[SafetyEvent]) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    rows = write_csv([session(DAY - timedelta(days=1), done("cat-cow"))], out, events, catalogue())
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    found = list(reader)
    assert reader.fieldnames == list(COLUMNS)
    assert rows == len(found)
    return found


def test_csv_rows_of_the_session_log_are_of_kind_session() -> None:
    [row] = csv_of([])
    assert (row["kind"], row["event_when"], row["event"]) == ("session", "", "")


def test_csv_has_one_row_per_safety_event_after_the_log() -> None:
    rows = csv_of(one_of_each())

    assert [r["kind"] for r in rows] == ["session", *safety_factory.KINDS]
    events = rows[1:]
    assert events[0]["event_when"] == "2026-12-01T08:12:00+00:00"
    assert events[0]["event"] == f'a yes to "{BLADDER}" (urgent)'
    stop, rise = events[3], events[4]
    assert (stop["session_id"], stop["exercise_id"], stop["pain_stop"]) == ("s1", "bridge", "sharp")
    assert (rise["session_id"], rise["pain_before"], rise["pain_after"]) == ("s1", "2", "5")
    # Nothing of a set is made up for an event.
    for row in events:
        assert row["set_number"] == row["session_started"] == row["plan_id"] == ""


def test_json_has_a_safety_list_with_every_field() -> None:
    out = io.StringIO()
    count = write_json([], out, one_of_each(), catalogue())
    document = json.loads(out.getvalue())

    assert document["rows"] == [] and count == 8
    safety = document["safety"]
    assert all(list(item) == list(SAFETY_FIELDS) for item in safety)
    assert safety[0] | {"event": None} == dict.fromkeys(SAFETY_FIELDS) | {
        "kind": "red-flag",
        "when": "2026-12-01T08:12:00+00:00",
        "question_id": "bladder-bowel",
        "outcome": "urgent",
    }
    assert (safety[2]["pain"], safety[2]["moment"]) == (8, "before")
    assert (safety[3]["exercise_id"], safety[3]["pain_kind"]) == ("bridge", "sharp")
    assert (safety[4]["pain_before"], safety[4]["pain_after"]) == (2, 5)
    assert [item["still_hurts"] for item in safety[5:7]] == [True, False]
    assert safety[7]["kind"] == "clearance"


def test_trainer_export_includes_them(tmp_path: Path, capsys: Any) -> None:
    state = filed_state(tmp_path)
    out = tmp_path / "log.json"

    assert main(["--state", str(state), "export", "--format", "json", "--out", str(out)]) == 0

    document = json.loads(out.read_text(encoding="utf-8"))
    assert [item["kind"] for item in document["safety"]] == list(safety_factory.KINDS)
    assert document["safety"][0]["event"] == (
        'a yes to "Have you had any loss of bladder or bowel control?" (urgent)'
    )
    assert "Wrote 9 rows" in capsys.readouterr().err

    assert main(["--state", str(state), "export"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert [r["kind"] for r in rows].count("session") == 1
    assert len(rows) == 9


def test_trainer_export_words_events_with_ids_when_the_catalogue_is_broken(
    tmp_path: Path, capsys: Any
) -> None:
    state = filed_state(tmp_path)
    broken = tmp_path / "exercises.toml"
    broken.write_text("this is [not toml\n", encoding="utf-8")

    status = main(["--catalogue", str(broken), "--state", str(state), "export", "--format", "json"])

    assert status == 0
    document = json.loads(capsys.readouterr().out)
    assert document["safety"][0]["event"] == 'a yes to "bladder-bowel" (urgent)'
    assert bundled_catalogue().exists()  # the other tests' wording came from it
