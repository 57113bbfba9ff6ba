"""How the safety policy's screens look at 80x24, from the shipped catalogue, the demo
state and a frozen clock: each is read from a mat two metres away, in words."""

from __future__ import annotations

from datetime import timedelta

from support.demo import DEMO_NOW, demo_clock, demo_store, demo_store_interrupted

from trainer.core.catalogue.model import Catalogue
from trainer.core.records import PainStop, RedFlagAnswer
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions

SIZE = (80, 24)


def app_on(catalogue: Catalogue, store: MemoryStore) -> TrainerApp:
    return TrainerApp(catalogue, store, demo_clock(), AppOptions(bell=False))


def test_severe_pain_before_a_session_refuses_it(snap_compare, bundled_catalogue):
    """Pain 9 before a session: severe, in the articles' words, and no session today."""
    app = app_on(bundled_catalogue, demo_store(bundled_catalogue))
    assert snap_compare(app, press=["enter", "9", "enter"], terminal_size=SIZE)


def test_urgent_answer_from_a_screening_left_half_way(snap_compare, bundled_catalogue):
    """A yes to the urgent question, then escape: the urgent screen, with what was said."""
    store = demo_store(bundled_catalogue)
    store.record_safety_event(
        RedFlagAnswer(DEMO_NOW - timedelta(minutes=2), "bladder-bowel", "urgent")
    )
    assert snap_compare(app_on(bundled_catalogue, store), terminal_size=SIZE)


def test_plans_name_a_flag_while_waiting_for_clearance(snap_compare, bundled_catalogue):
    """A see-clinician yes from a screening left half-way; p to read the plans meanwhile."""
    store = demo_store(bundled_catalogue)
    store.record_safety_event(
        RedFlagAnswer(DEMO_NOW - timedelta(minutes=2), "numbness-tingling", "see-clinician")
    )
    assert snap_compare(app_on(bundled_catalogue, store), press=["p"], terminal_size=SIZE)


def test_check_back_fifteen_minutes_after_a_pain_stop(snap_compare, bundled_catalogue):
    """ "Does it still hurt?", at the next start after a pain stop 20 minutes ago."""
    store = demo_store(bundled_catalogue)
    store.record_safety_event(PainStop(DEMO_NOW - timedelta(minutes=20), "s1", "bridge", "sharp"))
    assert snap_compare(app_on(bundled_catalogue, store), terminal_size=SIZE)


def test_read_only_trainer_refuses_the_screening(snap_compare, bundled_catalogue):
    """Another trainer writes: no question is asked here, and it says why."""
    store = MemoryStore(
        read_only_reason="Another trainer is using this progress file. This "
        "one is read-only: stats work, but sessions cannot start."
    )
    assert snap_compare(app_on(bundled_catalogue, store), terminal_size=SIZE)


def test_resume_names_a_pain_stop(snap_compare, bundled_catalogue):
    """An unfinished session with a pain stop in it: named, with the 15-minute rule."""
    store = demo_store_interrupted(bundled_catalogue)
    record = store.interrupted_session()
    assert record is not None
    record.exercises[0].pain_stop = "sharp"
    record.exercises[0].pain_stop_at = record.started + timedelta(minutes=3)
    store.save_session(record)
    assert snap_compare(app_on(bundled_catalogue, store), terminal_size=SIZE)
