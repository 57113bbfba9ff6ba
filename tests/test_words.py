"""The words for counts and dosages (`trainer.core.catalogue.words`): one home, so a count
and its noun agree on every screen, and a prescription reads the same everywhere."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.catalogue.model import Dosage
from trainer.core.catalogue.words import describe_dosage, plural


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(["rep", "set", "day"]))
def test_a_count_and_its_noun_agree(count: int, noun: str) -> None:
    words = plural(count, noun)
    assert words == (f"1 {noun}" if count == 1 else f"{count} {noun}s")


def test_an_irregular_plural_is_given_once() -> None:
    assert plural(1, "child", "children") == "1 child"
    assert plural(3, "child", "children") == "3 children"


@pytest.mark.parametrize(
    ("dosage", "per_side", "words"),
    [
        (Dosage(20, 1, 1, 30), False, "1 rep, hold 20 s"),
        (Dosage(0, 10, 1, 30), False, "10 reps"),
        (Dosage(0, 10, 2, 30), False, "2 sets of 10 reps"),
        (Dosage(5, 3, 1, 30), True, "3 reps each side, hold 5 s"),
        (Dosage(5, 10, 2, 30), True, "2 sets of 10 reps each side, hold 5 s"),
        (Dosage(20, 1, 3, 30), False, "3 sets of 1 rep, hold 20 s"),
    ],
)
def test_a_dosage_in_full(dosage: Dosage, per_side: bool, words: str) -> None:
    assert describe_dosage(dosage, per_side) == words


@pytest.mark.parametrize(
    ("dosage", "per_side", "words"),
    [
        (Dosage(0, 10, 2, 30), False, "2 x 10"),
        (Dosage(5, 10, 2, 30), True, "2 x 10 a side, hold 5 s"),
        (Dosage(20, 1, 1, 30), False, "1 x 1, hold 20 s"),
    ],
)
def test_a_dosage_for_a_column(dosage: Dosage, per_side: bool, words: str) -> None:
    assert describe_dosage(dosage, per_side, compact=True) == words


@given(
    st.integers(min_value=0, max_value=600),
    st.integers(min_value=1, max_value=100),
    st.integers(min_value=1, max_value=10),
    st.booleans(),
)
def test_no_count_of_one_reads_as_many(hold_s: int, reps: int, sets: int, per_side: bool) -> None:
    words = describe_dosage(Dosage(hold_s, reps, sets, 30), per_side)
    assert not re.search(r"\b1 (reps|sets)\b", words)
    assert (f"hold {hold_s} s" in words) == (hold_s > 0)
    assert ("each side" in words) == per_side
