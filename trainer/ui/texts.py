"""Words several screens show the same way: answers given, what was left out, frequencies.

Built as `Content` from the catalogue's plain text, so a physio's "[" or "$" in a question
can never be taken for markup.
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from trainer.core.model import Catalogue, Frequency
from trainer.core.records import ScreeningOutcome, ScreeningRecord
from trainer.core.screening import yes_answers
from trainer.core.tailoring import LEVEL_WORDS, screened_out

FREQUENCY_WORDS: dict[Frequency, str] = {
    "daily": "daily",
    "twice-daily": "twice a day",
    "twice-weekly": "twice a week",
}

OUTCOME_WORDS: dict[ScreeningOutcome, str] = {
    "clear": "clear",
    "caution": "caution",
    "see-clinician": "see a clinician",
    "urgent": "urgent",
}


def heading(text: str) -> Content:
    return Content.styled(text, "bold")


def answered_yes(
    catalogue: Catalogue, record: ScreeningRecord, outcomes: tuple[ScreeningOutcome, ...]
) -> Content:
    """Each question answered yes whose outcome is one of `outcomes`, with its advice."""
    lines: list[Content] = []
    for question in yes_answers(catalogue.screening, record):
        if question.outcome not in outcomes:
            continue
        lines.append(Content.assemble("• ", (question.question, "bold")))
        if question.advice:
            lines.append(Content.assemble("  ", question.advice))
    return Content("\n").join(lines)


def left_out_everywhere(catalogue: Catalogue, record: ScreeningRecord) -> Content:
    """The exercises the screening's flags leave out of every plan, and why."""
    found = screened_out(catalogue, record)
    if not found:
        return Content("Nothing is left out of the plans because of these answers.")
    lines = [Content.assemble("• ", (exercise.name, "bold"), f": {why}") for exercise, why in found]
    return Content("\n").join(lines)


def short_date(moment: datetime) -> str:
    return f"{moment.day} {moment:%b}"


def screening_summary(record: ScreeningRecord) -> str:
    """One short line for a header: when, what it found, the level."""
    parts = [
        f"screened {short_date(record.taken)}: {OUTCOME_WORDS[record.outcome]}",
        LEVEL_WORDS[record.level],
    ]
    if record.clinician_cleared is not None:
        parts.append(f"cleared {short_date(record.clinician_cleared)}")
    return " · ".join(parts)
