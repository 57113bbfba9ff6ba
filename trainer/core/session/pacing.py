"""Paced moving reps: the trainer counts the reps at a steady tempo, so nobody has to get
up from the mat to press a key after each one.

The articles give no tempo for moving reps; where they say anything it is "slowly" (the
standing extension: "Move slowly"; the superman: "slowly lower"). So the tempo is the
person's choice, one rep every `PACE_CHOICES` seconds, and `DEFAULT_PACE_S` is the app's
own default, said as such wherever it is shown. Pressing enter per rep stays the default.
"""

from __future__ import annotations

#: The app's default tempo in seconds a rep (the articles give none, only "slowly").
DEFAULT_PACE_S = 3
#: The order one key steps through: first the default, then slower, then the quickest,
#: then back to enter per rep (None). Slower first, because the articles ask for "slowly".
PACE_CHOICES: tuple[int, ...] = (3, 4, 5, 2)
#: What a hand-edited state file may hold: whole seconds a rep.
MIN_PACE_S = 1
MAX_PACE_S = 10

PACE_NOTE = 'the app\'s default; the articles give no tempo, only "slowly"'


def next_pace(current: float | None) -> int | None:
    """The tempo after `current` when the pace key is pressed (None: enter per rep).

    A tempo not among the choices (a hand edit) goes back to enter per rep."""
    if current is None:
        return PACE_CHOICES[0]
    if current not in PACE_CHOICES:
        return None
    following = PACE_CHOICES.index(int(current)) + 1
    return PACE_CHOICES[following] if following < len(PACE_CHOICES) else None


def describe_pace(seconds: float | None) -> str:
    """The tempo in words: "one rep every 3 s (the app's default; ...)", "enter per rep"."""
    if seconds is None:
        return "press enter after each rep"
    text = f"one rep every {seconds:g} s"
    if seconds == DEFAULT_PACE_S:
        text += f" ({PACE_NOTE})"
    return text
