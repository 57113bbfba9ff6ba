"""How many times the terminal bell rings for each moment, so each is known by ear.

A person lying on the floor cannot look at the screen: two bells mean "hold now", one bell
means anything else (3-2-1, the next position, the end of a hold or a rest). Pure, so the
pattern is tested without a terminal; the screen only rings what this says.
"""

from __future__ import annotations

from collections.abc import Sequence

from trainer.core.session.view import Bell, BellKind

#: Terminal bells per moment: the hold's start is the one moment with two.
RINGS: dict[BellKind, int] = {
    "countdown": 1,
    "hold-start": 2,
    "position": 1,
    "hold-end": 1,
    "rest-end": 1,
}

#: Seconds between two bells of one moment: far enough apart to be heard as two, close
#: enough to belong together.
RING_GAP_S = 0.35


def rings_for(due: Sequence[Bell]) -> int:
    """How many bells to ring for the bells drained at once (oldest first).

    Only the newest moment rings (the most of its bells, if two share it): bells found late
    together (a slow wake-up) are the past, and ringing each in a burst would say nothing.
    """
    if not due:
        return 0
    newest = due[-1].at
    return max(RINGS[bell.kind] for bell in due if bell.at == newest)
