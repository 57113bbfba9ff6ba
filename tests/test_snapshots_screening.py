"""How the screening, its outcomes and the plan screens look at 80x24, from the shipped
catalogue, a frozen clock and the demo store (or no store, for a first run)."""

from __future__ import annotations

from support.demo import demo_clock, demo_store

from trainer.core.catalogue.model import Catalogue
from trainer.core.records import ScreeningOutcome
from trainer.core.store.protocol import MemoryStore
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions

SIZE = (80, 24)


def first_run(catalogue: Catalogue) -> TrainerApp:
    return TrainerApp(catalogue, MemoryStore(), demo_clock(), AppOptions(bell=False))


def screened(catalogue: Catalogue) -> TrainerApp:
    return TrainerApp(catalogue, demo_store(catalogue), demo_clock(), AppOptions(bell=False))


def answering(catalogue: Catalogue, outcome: ScreeningOutcome) -> list[str]:
    """Keys for a whole screening with one "yes": the first question with `outcome`."""
    chosen = next(q.id for q in catalogue.screening if q.outcome == outcome)
    answers = ["y" if q.id == chosen else "n" for q in catalogue.screening]
    return [*answers, "2", "enter", "enter", "space", "enter"]


def test_screening_question(snap_compare, bundled_catalogue):
    """The second question, with its progress and the y / n keys in the footer."""
    assert snap_compare(first_run(bundled_catalogue), press=["n"], terminal_size=SIZE)


def test_screening_pain_scale(snap_compare, bundled_catalogue):
    """The 0-10 scale with 4 marked."""
    keys = ["n"] * len(bundled_catalogue.screening) + ["4"]
    assert snap_compare(first_run(bundled_catalogue), press=keys, terminal_size=SIZE)


def test_screening_level(snap_compare, bundled_catalogue):
    """The three levels, each saying what it changes (advanced: the same rule here)."""
    keys = ["n"] * len(bundled_catalogue.screening) + ["4", "enter", "down"]
    assert snap_compare(first_run(bundled_catalogue), press=keys, terminal_size=SIZE)


def test_screening_equipment(snap_compare, bundled_catalogue):
    """The equipment checklist with the mat ticked, the chair highlighted."""
    keys = ["n"] * len(bundled_catalogue.screening)
    keys += ["4", "enter", "enter", "space", "down", "down", "down"]
    assert snap_compare(first_run(bundled_catalogue), press=keys, terminal_size=SIZE)


def test_outcome_urgent(snap_compare, bundled_catalogue):
    """Seek urgent care: no way on to a session."""
    keys = answering(bundled_catalogue, "urgent")
    assert snap_compare(first_run(bundled_catalogue), press=keys, terminal_size=SIZE)


def test_outcome_see_clinician(snap_compare, bundled_catalogue):
    """Talk with a healthcare provider first; c confirms a clinician's clearance."""
    keys = answering(bundled_catalogue, "see-clinician")
    assert snap_compare(first_run(bundled_catalogue), press=keys, terminal_size=SIZE)


def test_outcome_see_clinician_confirm(snap_compare, bundled_catalogue):
    """The clearance question, answered only with y."""
    keys = [*answering(bundled_catalogue, "see-clinician"), "c"]
    assert snap_compare(first_run(bundled_catalogue), press=keys, terminal_size=SIZE)


def test_outcome_caution(snap_compare, bundled_catalogue):
    """Go carefully: the advice, and what is left out of every plan."""
    keys = answering(bundled_catalogue, "caution")
    assert snap_compare(first_run(bundled_catalogue), press=keys, terminal_size=SIZE)


def test_plans_with_preview(snap_compare, bundled_catalogue):
    """The plan list, today's suggestion and the highlighted plan tailored to the person."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=SIZE)


def test_plans_preview_left_out(snap_compare, bundled_catalogue):
    """A plan with moves left out for a beginner: the preview scrolled to them and why."""
    keys = ["down", "tab", *["down"] * 12]
    assert snap_compare(screened(bundled_catalogue), press=keys, terminal_size=SIZE)


def test_plans_anything_new(snap_compare, bundled_catalogue):
    """The one-line check before a session, asked when the screening is days old."""
    assert snap_compare(
        screened(bundled_catalogue), press=["enter", "3", "enter"], terminal_size=SIZE
    )


def test_exercise_detail(snap_compare, bundled_catalogue):
    """An exercise in full: dosage today, position, targets, steps."""
    assert snap_compare(screened(bundled_catalogue), press=["d"], terminal_size=SIZE)


def test_avoid_list(snap_compare, bundled_catalogue):
    """The exercises the articles advise against, why, and what instead."""
    assert snap_compare(screened(bundled_catalogue), press=["a"], terminal_size=SIZE)
