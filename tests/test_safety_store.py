"""Safety events in the file store: the policy's few live ones in the main file (read at
every start), the rest in `.d/safety.toml`, and every one of them still listed for stats
and export, across a restart."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from catalogue_factory import NOW, screening

from trainer.core.records import CheckBack, PainStop, RedFlagAnswer
from trainer.core.store.files import open_store


def test_years_of_pain_stops_leave_the_main_file_small(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    store.save_screening(screening(taken=NOW - timedelta(days=1000)))
    events = []
    for day in range(0, 900, 6):  # 150 pain stops, each answered 15 minutes later
        stop = PainStop(NOW - timedelta(days=900 - day), f"s{day}", "bridge", "sharp")
        answer = CheckBack(stop.when + timedelta(minutes=15), False)
        for event in (stop, answer):
            store.record_safety_event(event)
            events.append(event)
    store.close()

    again = open_store(state)
    try:
        assert again.safety_events() == events  # every one, oldest first
        live = again.live_safety_events()
        assert live == events[-2:]  # the last stop and its answer: all the policy needs
        assert "[[safety]]" in (state.parent / "exercises.progress.d" / "safety.toml").read_text()
        assert state.read_text().count("[[safety]]") == 2
    finally:
        again.close()


def test_a_completed_screening_retires_the_yes_it_answers(tmp_path: Path) -> None:
    state = tmp_path / "exercises.progress.toml"
    store = open_store(state)
    store.save_screening(screening(taken=NOW - timedelta(days=10)))
    yes = RedFlagAnswer(NOW - timedelta(days=5), "bladder-bowel", "urgent")
    store.record_safety_event(yes)
    assert store.live_safety_events() == [yes]
    store.save_screening(screening(taken=NOW))  # completed since, without it
    assert store.live_safety_events() == [yes]  # within two days of the newest: kept
    store.record_safety_event(CheckBack(NOW + timedelta(days=3), False))
    assert yes not in store.live_safety_events()
    assert yes in store.safety_events()
    store.close()
