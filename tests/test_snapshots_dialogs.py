"""The screens every flow can raise, at 80x24 from the demo state: help, the pain question
before a session, Ctrl+C during one, and the notice a too-small terminal gets instead."""

from __future__ import annotations

from support.demo import demo_clock, demo_store
from support.session_shots import at_hold_half_way

from trainer.core.catalogue.model import Catalogue
from trainer.ui.app import TrainerApp
from trainer.ui.options import AppOptions

SIZE = (80, 24)


def screened(catalogue: Catalogue) -> TrainerApp:
    return TrainerApp(catalogue, demo_store(catalogue), demo_clock(), AppOptions(bell=False))


def test_help_over_the_plans(snap_compare, bundled_catalogue):
    """Every key the plans screen takes, with what it does."""
    assert snap_compare(screened(bundled_catalogue), press=["question_mark"], terminal_size=SIZE)


def test_pain_question_before_a_session(snap_compare, bundled_catalogue):
    """Enter, then 3 marked on the 0-10 scale: pain comes first, the safety policy needs it."""
    assert snap_compare(screened(bundled_catalogue), press=["enter", "3"], terminal_size=SIZE)


def test_pain_question_fits_sixty_columns(snap_compare, bundled_catalogue):
    """The whole scale and both anchors, on the live session's smallest terminal."""
    assert snap_compare(screened(bundled_catalogue), press=["enter", "3"], terminal_size=(60, 20))


def test_ctrl_c_in_a_hold_asks_first(snap_compare, bundled_catalogue):
    """Ctrl+C mid-session: quit only on a yes, and what is kept either way."""
    assert snap_compare(
        screened(bundled_catalogue),
        press=["ctrl+c"],
        terminal_size=SIZE,
        run_before=at_hold_half_way,
    )


async def settle(pilot) -> None:
    """The size guard runs once the new screen exists (a later turn of the event loop): on
    a loaded machine the first idle moment can come before it, so wait for two more."""
    await pilot.pause()
    await pilot.pause()


def test_too_small_terminal(snap_compare, bundled_catalogue):
    """The plans need 80x24: below it, the size needed and the size now, nothing broken."""
    assert snap_compare(screened(bundled_catalogue), terminal_size=(60, 20), run_before=settle)
