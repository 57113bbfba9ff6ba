"""The screening's rules: strongest outcome wins, flags combine, 28-day recheck, and who may
start a session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from catalogue_factory import NOW, QUESTIONS, screening
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.catalogue.model import ScreeningQuestion
from trainer.core.plan.safety import assess, is_due
from trainer.core.plan.screening import (
    OUTCOME_ORDER,
    ScreeningError,
    evaluate,
    record_clinician_clearance,
    strongest,
    validate_pain,
    yes_answers,
)


def session_block_reason(record, now):
    """The safety policy's answer for a screening alone (no events since)."""
    return assess(QUESTIONS, record, (), None, now).block_reason


def answer(yes: set[str], **overrides: object):
    kwargs: dict[str, object] = {
        "pain_now": 3,
        "level": "beginner",
        "equipment": ("mat",),
        "taken": NOW,
    }
    kwargs.update(overrides)
    answers = {q.id: q.id in yes for q in QUESTIONS}
    return evaluate(QUESTIONS, answers, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("yes", "outcome", "flags"),
    [
        (set(), "clear", ()),
        ({"history"}, "caution", ()),
        ({"disc"}, "caution", ("disc",)),
        ({"numbness"}, "see-clinician", ()),
        ({"surgery"}, "see-clinician", ("surgery",)),
        ({"bladder-bowel"}, "urgent", ()),
        ({"disc", "history"}, "caution", ("disc",)),
        ({"disc", "numbness"}, "see-clinician", ("disc",)),
        ({"surgery", "disc"}, "see-clinician", ("surgery", "disc")),
        ({"bladder-bowel", "disc"}, "urgent", ("disc",)),
        (
            {"bladder-bowel", "surgery", "disc", "numbness", "history"},
            "urgent",
            ("surgery", "disc"),
        ),
    ],
)
def test_outcome_is_the_strongest_and_flags_combine(yes, outcome, flags):
    record = answer(yes)
    assert record.outcome == outcome
    assert record.flags == flags


@given(st.sets(st.sampled_from([q.id for q in QUESTIONS])))
def test_any_set_of_yes_answers_gives_the_strongest_of_their_outcomes(yes):
    record = answer(yes)
    expected = max((OUTCOME_ORDER.index(q.outcome) for q in QUESTIONS if q.id in yes), default=0)
    assert OUTCOME_ORDER.index(record.outcome) == expected
    assert set(record.flags) == {q.flag for q in QUESTIONS if q.id in yes and q.flag}
    assert [q.id for q in yes_answers(QUESTIONS, record)] == [
        q.id for q in QUESTIONS if q.id in yes
    ]


def test_a_flag_on_an_urgent_question_is_not_a_caution_flag():
    questions = (ScreeningQuestion("odd", "Odd?", "urgent", flag="odd"),)
    record = evaluate(
        questions, {"odd": True}, pain_now=0, level="advanced", equipment=(), taken=NOW
    )
    assert record.outcome == "urgent"
    assert record.flags == ()


def test_two_questions_with_one_flag_list_it_once():
    questions = (
        ScreeningQuestion("a", "A?", "caution", flag="disc"),
        ScreeningQuestion("b", "B?", "see-clinician", flag="disc"),
    )
    record = evaluate(
        questions, {"a": True, "b": True}, pain_now=0, level="beginner", equipment=(), taken=NOW
    )
    assert record.flags == ("disc",)
    assert record.outcome == "see-clinician"


def test_strongest_of_nothing_is_clear():
    assert strongest([]) == "clear"
    assert strongest(["caution", "urgent", "see-clinician"]) == "urgent"


def test_the_record_keeps_every_answer_pain_level_and_equipment_in_vocabulary_order():
    record = answer({"disc"}, pain_now=10, level="intermediate", equipment=("rod", "mat", "rod"))
    assert record.answers == {q.id: q.id == "disc" for q in QUESTIONS}
    assert (record.pain_now, record.level, record.equipment) == (10, "intermediate", ("mat", "rod"))
    assert record.taken == NOW
    assert record.clinician_cleared is None


@pytest.mark.parametrize("pain", [0, 10])
def test_pain_at_the_ends_of_the_scale_is_accepted(pain):
    assert answer(set(), pain_now=pain).pain_now == pain


@pytest.mark.parametrize("pain", [-1, 11, 100, True, 2.5, "3", None])
def test_pain_out_of_range_is_a_clear_error(pain):
    with pytest.raises(ScreeningError, match="Pain must be"):
        answer(set(), pain_now=pain)


@given(st.integers())
def test_validate_pain_accepts_exactly_zero_to_ten(value):
    if 0 <= value <= 10:
        assert validate_pain(value) == value
    else:
        with pytest.raises(ScreeningError):
            validate_pain(value)


def test_an_unanswered_question_is_refused_by_id():
    answers = {q.id: False for q in QUESTIONS if q.id != "disc"}
    with pytest.raises(ScreeningError, match="Not answered yet: disc"):
        evaluate(QUESTIONS, answers, pain_now=0, level="beginner", equipment=(), taken=NOW)


def test_an_answer_to_an_unknown_question_is_refused():
    answers = {q.id: False for q in QUESTIONS} | {"ghost": True}
    with pytest.raises(ScreeningError, match="ghost"):
        evaluate(QUESTIONS, answers, pain_now=0, level="beginner", equipment=(), taken=NOW)


def test_unknown_level_and_equipment_are_refused():
    with pytest.raises(ScreeningError, match="Experience level"):
        answer(set(), level="expert")
    with pytest.raises(ScreeningError, match="Unknown equipment: rowing-machine"):
        answer(set(), equipment=("mat", "rowing-machine"))


def test_a_catalogue_without_questions_screens_clear():
    record = evaluate((), {}, pain_now=4, level="beginner", equipment=(), taken=NOW)
    assert record.outcome == "clear"


def test_due_when_missing_or_more_than_28_days_old():
    taken = NOW - timedelta(days=28)
    record = screening(taken=taken)
    assert is_due(None, NOW)
    assert not is_due(record, taken)
    assert not is_due(record, taken + timedelta(days=28))
    assert is_due(record, taken + timedelta(days=28, seconds=1))
    assert is_due(record, taken + timedelta(days=29))


def test_block_reasons_for_each_outcome():
    assert "screening" in (session_block_reason(None, NOW) or "")
    assert "urgent" in (session_block_reason(screening("urgent"), NOW) or "")
    not_cleared = session_block_reason(screening("see-clinician"), NOW) or ""
    assert "healthcare provider" in not_cleared
    assert session_block_reason(screening("see-clinician", cleared=NOW), NOW) is None
    assert session_block_reason(screening("caution"), NOW) is None
    assert session_block_reason(screening("clear"), NOW) is None


def test_clearance_never_opens_sessions_after_an_urgent_answer():
    record = screening("urgent", cleared=NOW)
    assert session_block_reason(record, NOW) is not None
    with pytest.raises(ScreeningError, match="urgent"):
        record_clinician_clearance(screening("urgent"), NOW)


def test_a_stale_screening_blocks_until_taken_again():
    record = screening("clear", taken=NOW - timedelta(days=30))
    assert "4 weeks" in (session_block_reason(record, NOW) or "")


def test_clearance_is_a_new_record_with_its_date():
    original = screening("see-clinician", yes={"numbness"})
    cleared = record_clinician_clearance(original, NOW)
    assert cleared.clinician_cleared == NOW
    assert original.clinician_cleared is None
    assert cleared.answers == original.answers
    assert cleared.answers is not original.answers
    assert session_block_reason(cleared, NOW) is None
