"""Equipment in words: the catalogue's fixed vocabulary as a person would say it.

One table, so the screening's checklist, the plan list and the reasons an exercise was left
out all name a thing the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

LABELS: Final[dict[str, str]] = {
    "mat": "Exercise mat",
    "exercise-ball": "Exercise ball (stability ball)",
    "bosu": "BOSU balance trainer",
    "chair": "Sturdy chair",
    "bench": "Bench",
    "rod": "Long rod (broomstick or PVC pipe)",
    "dumbbells": "Dumbbells",
    "barbell": "Barbell",
    "kettlebell": "Kettlebell",
}

#: Short names for running text ("needs an exercise ball").
SHORT: Final[dict[str, str]] = {
    "mat": "a mat",
    "exercise-ball": "an exercise ball",
    "bosu": "a BOSU",
    "chair": "a chair",
    "bench": "a bench",
    "rod": "a long rod",
    "dumbbells": "dumbbells",
    "barbell": "a barbell",
    "kettlebell": "a kettlebell",
}


def label(item: str) -> str:
    """The checklist label of one vocabulary item (unknown items as written)."""
    return LABELS.get(item, item)


def describe_item(item: str) -> str:
    """One `equipment` entry in words: "dumbbells|barbell" -> "dumbbells or a barbell"."""
    return " or ".join(SHORT.get(option, option) for option in item.split("|"))


def describe_items(items: Iterable[str]) -> str:
    """Several entries joined for a sentence: "a mat and an exercise ball"."""
    words = [describe_item(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def missing(needed: Iterable[str], have: Iterable[str]) -> tuple[str, ...]:
    """The `needed` entries (with "a|b" alternatives) that nothing in `have` satisfies."""
    owned = set(have)
    return tuple(item for item in needed if not any(option in owned for option in item.split("|")))
