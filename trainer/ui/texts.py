"""Words several screens show the same way: answers given, what was left out, frequencies.

Built as `Content` from the catalogue's plain text, so a physio's "[" or "$" in a question
can never be taken for markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.content import Content

from trainer.core.catalogue.model import Catalogue, Frequency
from trainer.core.plan.safety import SEVERE_PAIN_WORDS, ActiveFlag, is_severe
from trainer.core.plan.screening import OUTCOME_WORDS, yes_answers
from trainer.core.plan.tailoring import LEVEL_WORDS, screened_out
from trainer.core.records import ScreeningOutcome, ScreeningRecord

FREQUENCY_WORDS: dict[Frequency, str] = {
    "daily": "daily",
    "twice-daily": "twice a day",
    "twice-weekly": "twice a week",
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
    if "see-clinician" in outcomes and is_severe(record.pain_now):
        lines.append(Content.assemble("• ", (f"Pain now: {record.pain_now} out of 10", "bold")))
        lines.append(Content.assemble("  ", SEVERE_PAIN_WORDS.format(pain=record.pain_now)))
    return Content("\n").join(lines)


def active_flags(flags: Sequence[ActiveFlag]) -> Content:
    """Each safety flag that stands, with when it was raised."""
    if not flags:
        return Content("Nothing on file: take the safety screening.")
    lines: list[Content] = []
    for flag in flags:
        lines.append(
            Content.assemble(
                "• ",
                (_capitalised(flag.what), "bold"),
                f" ({short_date(flag.since)} {flag.since:%H:%M})",
            )
        )
        if flag.advice:
            lines.append(Content.assemble("  ", flag.advice))
    return Content("\n").join(lines)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


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
