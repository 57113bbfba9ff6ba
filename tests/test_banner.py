"""The banner read from the floor: its words for each moment (pure), and how they are drawn
across the band (big letters where they fit, plain words where they do not)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from session_plans import planned, tailored
from support.demo import demo_clock

from trainer.core.session.machine import SessionMachine
from trainer.core.session.view import Phase, SessionView
from trainer.core.session.words import banner
from trainer.ui.widgets.phase_banner import (
    GLYPHS,
    HEIGHT,
    banner_lines,
    render_big_words,
)


def a_view(phase: Phase, *, per_side: bool = True, **changes: object) -> SessionView:
    """A real view of a per-side hold, then set to `phase` (the words depend only on it)."""
    clock = demo_clock()
    plan = tailored(planned("a", hold_s=5, reps=2, per_side=per_side))
    view = SessionMachine.start(plan, clock).view()
    return replace(view, phase=phase, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("phase", "side", "words"),
    [
        (Phase.GET_READY, "left", "GET READY · LEFT"),
        (Phase.HOLD, "left", "HOLD · LEFT"),
        (Phase.HOLD, "right", "HOLD · RIGHT"),
        (Phase.REPS, "right", "REPS · RIGHT"),
        (Phase.RELAX, "left", "RELAX"),
        (Phase.SWITCH, "right", "SWITCH SIDES"),
        (Phase.REST, "left", "REST"),
        (Phase.PAIN, "left", "STOPPED FOR PAIN"),
    ],
)
def test_the_banner_says_the_phase_and_the_side_being_worked(
    phase: Phase, side: str, words: str
) -> None:
    assert banner(a_view(phase, side=side)) == words


def test_an_exercise_without_sides_names_none() -> None:
    assert banner(a_view(Phase.HOLD, per_side=False, side=None)) == "HOLD"


def test_paused_says_so_above_all() -> None:
    assert banner(a_view(Phase.HOLD, paused=True)) == "PAUSED"


def test_a_position_of_a_rep_shows_its_cue_instead_of_hold() -> None:
    view = a_view(Phase.HOLD, side="left", position_cue="Back flat")
    assert banner(view) == "BACK FLAT · LEFT"
    assert banner(replace(view, phase=Phase.RELAX)) == "RELAX"  # a cue is only for work


def test_each_glyph_is_three_rows_of_equal_width_drawn_in_console_characters() -> None:
    for char, rows in GLYPHS.items():
        assert len(rows) == HEIGHT, char
        assert len({len(row) for row in rows}) == 1, char
        assert set("".join(rows)) <= set("█▀▄ "), char


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize(
    "words",
    [
        "HOLD · RIGHT",
        "GET READY · RIGHT",
        "SWITCH SIDES",
        "RELAX",
        "REST",
        "PAUSED",
        "STOPPED FOR PAIN",
    ],
)
def test_every_phase_of_a_session_is_drawn_big_at_60_and_80_columns(width: int, words: str) -> None:
    """The band runs the terminal's full width."""
    lines = banner_lines(words, width)
    assert lines[0].strip() and lines[1].strip()
    assert all(set(line) <= set("█▀▄ ") for line in lines)


def test_words_too_wide_for_big_letters_are_written_plainly_in_the_middle_row() -> None:
    lines = banner_lines("LOWER BACK LIFTED · LEFT", 60)
    assert [line.strip() for line in lines] == ["", "LOWER BACK LIFTED · LEFT", ""]


def test_words_without_glyphs_are_written_plainly() -> None:
    assert banner_lines("KNEES, BOTH", 78)[1].strip() == "KNEES, BOTH"


@given(st.text(max_size=40), st.integers(min_value=1, max_value=120))
def test_the_band_is_always_three_rows_no_wider_than_its_width(text: str, width: int) -> None:
    lines = banner_lines(text, width)
    assert len(lines) == HEIGHT
    assert all(len(line) <= max(width, 1) for line in lines)


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ·-/:", min_size=1, max_size=12))
def test_big_letters_are_centred(text: str) -> None:
    big = render_big_words(text)
    width = len(big[0]) + 10
    assert banner_lines(text, width) == [row.center(width) for row in big]
