"""How the live session looks at 80x24 (and 60x20), from the shipped catalogue, the demo
store and a frozen clock: the moments a person sees from the floor."""

from __future__ import annotations

from support.demo import demo_clock, demo_store
from support.session_shots import (
    at_both_knees,
    at_get_ready,
    at_hold_half_way,
    at_paced_reps,
    at_pain_stop,
    at_rest,
    at_summary,
    at_switch_sides,
)

from trainer.core.catalogue.model import Catalogue
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions

SIZE = (80, 24)
SMALL = (60, 20)


def screened(catalogue: Catalogue) -> TrainerApp:
    return TrainerApp(catalogue, demo_store(catalogue), demo_clock(), AppOptions(bell=False))


def test_session_get_ready(snap_compare, bundled_catalogue):
    """The countdown before the first exercise, its steps, LEFT SIDE first."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=SIZE, run_before=at_get_ready)


def test_session_hold_half_way(snap_compare, bundled_catalogue):
    """A hold with 2.5 s of 5 left: the big number, the half-filled bar, rep 1 of 2."""
    assert snap_compare(
        screened(bundled_catalogue), terminal_size=SIZE, run_before=at_hold_half_way
    )


def test_session_hold_at_sixty_by_twenty(snap_compare, bundled_catalogue):
    """The same hold on a small terminal: the steps give way, nothing else does."""
    assert snap_compare(
        screened(bundled_catalogue), terminal_size=(60, 20), run_before=at_hold_half_way
    )


def test_session_switch_sides(snap_compare, bundled_catalogue):
    """Between the left and the right side, said in words."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=SIZE, run_before=at_switch_sides)


def test_session_after_block(snap_compare, bundled_catalogue):
    """Knee-to-chest's both-knees reps after the two legs: the block's cue, no side."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=SIZE, run_before=at_both_knees)


def test_session_rest(snap_compare, bundled_catalogue):
    """Rest between sets: what the next set is, and r for 15 s more."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=SIZE, run_before=at_rest)


def test_session_pain_stop(snap_compare, bundled_catalogue):
    """After p and "sharp": the articles' advice, then go on or end."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=SIZE, run_before=at_pain_stop)


def test_session_summary(snap_compare, bundled_catalogue):
    """A session ended early after a pain stop: what was done, then pain now."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=SIZE, run_before=at_summary)


def test_session_paced_reps(snap_compare, bundled_catalogue):
    """Moving reps the trainer counts: 4 of 10 done, the beat half-way through the fifth."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=SIZE, run_before=at_paced_reps)


def test_session_paced_reps_at_sixty_by_twenty(snap_compare, bundled_catalogue):
    """The same paced set on a small terminal."""
    assert snap_compare(
        screened(bundled_catalogue), terminal_size=(60, 20), run_before=at_paced_reps
    )


def test_session_get_ready_at_sixty_by_twenty(snap_compare, bundled_catalogue):
    """The get-ready's banner on the smallest terminal the session is laid out for."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=SMALL, run_before=at_get_ready)


def test_session_switch_sides_at_sixty_by_twenty(snap_compare, bundled_catalogue):
    """SWITCH SIDES still fits in big letters at 60 columns."""
    assert snap_compare(
        screened(bundled_catalogue), terminal_size=SMALL, run_before=at_switch_sides
    )


def test_session_rest_at_sixty_by_twenty(snap_compare, bundled_catalogue):
    """REST in big letters at 60x20."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=SMALL, run_before=at_rest)
