"""A plan made for one person: the catalogue's plan, filtered by their screening and
equipment, dosed for their level and progress. The session machine runs one of these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal, NamedTuple

from trainer.core.catalogue import equipment
from trainer.core.catalogue.model import Catalogue, Dosage, Exercise, Level, Plan, WarmUp
from trainer.core.records import ExerciseProgress, ScreeningRecord, SessionRecord


@dataclass(frozen=True, slots=True)
class PlannedExercise:
    """One exercise of today's plan, with the dose tailored to this person."""

    exercise: Exercise
    dosage: Dosage  # today's: sets x reps (x hold seconds), per side when per_side


@dataclass(frozen=True, slots=True)
class LeftOut:
    """An exercise of the plan left out for this person, and the reason, shown in words."""

    exercise_id: str
    name: str
    reason: str  # in words, e.g. "avoid with a history of herniated or bulging discs"


@dataclass(frozen=True, slots=True)
class TailoredPlan:
    """A plan as one person will do it today: what is in, what was left out, and why."""

    plan: Plan
    exercises: tuple[PlannedExercise, ...]
    left_out: tuple[LeftOut, ...] = ()
    #: The rules that shaped it, in words ("New to exercise: one or two strength moves...").
    notes: tuple[str, ...] = ()
    #: The timed warm-up the session begins with, if any (`Catalogue.warm_up`).
    warm_up: WarmUp | None = None


#: The articles' dosage rule for strength moves ("9 Great Lower Back Exercises"): new to
#: exercise, 1-2 sets of 12-16 reps; intermediate or advanced, 2-3 sets of 8-12.
STRENGTH_REPS: dict[Level, tuple[int, int]] = {
    "beginner": (12, 16),
    "intermediate": (8, 12),
    "advanced": (8, 12),
}
STRENGTH_SETS: dict[Level, tuple[int, int]] = {
    "beginner": (1, 2),
    "intermediate": (2, 3),
    "advanced": (2, 3),
}


def start_dosage(exercise: Exercise, level: Level) -> Dosage:
    """Where a person starts an exercise, and the floor progression never goes below.

    Holds, stretches and stability work start at the catalogue's own dosage; moving strength
    moves follow the level rule above, kept within the exercise's ceilings.
    """
    dosage = exercise.dosage
    if exercise.kind != "strength" or dosage.is_hold:
        return dosage
    low_reps, high_reps = STRENGTH_REPS[level]
    low_sets, _ = STRENGTH_SETS[level]
    reps = min(max(dosage.reps, low_reps), high_reps, exercise.max_reps)
    sets = min(max(dosage.sets, low_sets) if level != "beginner" else low_sets, exercise.max_sets)
    return replace(dosage, reps=reps, sets=sets)


#: The articles' words for each level, used wherever a level is shown.
LEVEL_WORDS: dict[Level, str] = {
    "beginner": "new to exercise",
    "intermediate": "intermediate",
    "advanced": "advanced",
}

#: "9 Great Lower Back Exercises": new to exercise, one or two exercises; intermediate or
#: advanced, two to four. Counted over strength moves only.
MAX_STRENGTH_MOVES: dict[Level, int] = {"beginner": 2, "intermediate": 4, "advanced": 4}

#: The level chosen, for the plans' "Remember" box: what the level changes in a plan (how
#: many strength moves, whether advanced ones are in), never a dosage: each exercise's
#: dosage today is in the preview, and a strength hold keeps its own.
LEVEL_NOTES: dict[Level, str] = {
    "beginner": (
        "You chose new to exercise: at most two strength moves in a session and no advanced "
        "exercises yet, to build strength slowly and safely. Today's dosage is listed above."
    ),
    "intermediate": (
        "You chose intermediate: up to four strength moves in a session. Today's dosage is "
        "listed above; rest between sets."
    ),
    "advanced": (
        "You chose advanced: up to four strength moves in a session, as for intermediate "
        "(the articles give both one rule). Today's dosage is listed above; rest between sets."
    ),
}

#: The screening's level choice: the articles' rule for each, and plainly what differs in
#: this app. The articles give intermediate and advanced one rule, so the two start alike
#: here; the choice says so rather than show two lines that only look different.
LEVEL_CHOICES: dict[Level, str] = {
    "beginner": (
        "the articles: one or two strength moves, 1-2 sets of 12-16 reps; no advanced exercises yet"
    ),
    "intermediate": (
        "the articles: two to four strength moves, 2-3 sets of 8-12 reps; advanced "
        "exercises included"
    ),
    "advanced": (
        "the articles give it the same rule as intermediate: the same moves and starting "
        "dosage here"
    ),
}

EMPTY_PLAN_NOTE = (
    "Nothing in this plan suits you today: every exercise was left out (see why). Pick "
    "another plan, or re-take the screening if something has changed."
)


def flag_reasons(catalogue: Catalogue, screening: ScreeningRecord) -> dict[str, str]:
    """Each of the screening's flags -> why it leaves exercises out, naming the question."""
    reasons: dict[str, str] = {}
    for question in catalogue.screening:
        if question.flag in screening.flags and screening.answers.get(question.id, False):
            reasons.setdefault(
                question.flag, f'your screening: you answered yes to "{question.question}"'
            )
    for flag in screening.flags:
        reasons.setdefault(flag, f'your screening flagged "{flag}"')
    return reasons


def screened_out(
    catalogue: Catalogue, screening: ScreeningRecord
) -> tuple[tuple[Exercise, str], ...]:
    """Every catalogue exercise the screening's flags leave out of every plan, with why."""
    reasons = flag_reasons(catalogue, screening)
    found = []
    for exercise in catalogue.exercises.values():
        hits = [flag for flag in exercise.avoid_when if flag in reasons]
        if hits:
            found.append((exercise, reasons[hits[0]]))
    return tuple(found)


def plan_equipment(catalogue: Catalogue, plan: Plan) -> tuple[str, ...]:
    """The equipment entries a plan's exercises name, each once, in plan order."""
    items: dict[str, None] = {}
    for exercise_id in plan.exercises:
        exercise = catalogue.exercises.get(exercise_id)
        for item in exercise.equipment if exercise else ():
            items[item] = None
    return tuple(items)


def _dosage_for(exercise: Exercise, level: Level, progress: ExerciseProgress | None) -> Dosage:
    """Today's dosage: the kept progress, with its hold brought within the exercise's own.

    A catalogue edit can change an exercise's hold under kept progress (a moving rep the
    article says to hold, a rep split into positions): a hold kept from before is then
    raised to the new starting hold, or lowered to the new ceiling, never left behind.
    """
    floor = start_dosage(exercise, level)
    if progress is None:
        return floor
    hold_s = min(max(progress.hold_s, floor.hold_s), exercise.max_hold_s)
    return Dosage(hold_s=hold_s, reps=progress.reps, sets=progress.sets, rest_s=progress.rest_s)


def tailor(
    catalogue: Catalogue,
    plan: Plan,
    screening: ScreeningRecord,
    progress: Mapping[str, ExerciseProgress],
    today: date,
) -> TailoredPlan:
    """The plan as this person does it today.

    In plan order, an exercise is left out when the screening's flags meet its `avoid_when`,
    when it needs equipment the person lacks, when it is an advanced exercise and they are
    new to exercise ("avoid jumping into advanced exercises without a base of strength"),
    or when it would pass the level's number of strength moves. What remains is dosed from
    `progress`, else from `start_dosage`. `today` is the day the plan is for.
    """
    del today  # the dosage comes from progress, which catch_up has already brought to today
    level = screening.level
    reasons = flag_reasons(catalogue, screening)
    kept: list[PlannedExercise] = []
    left_out: list[LeftOut] = []
    strength_seen = False
    strength_kept = 0
    cap = MAX_STRENGTH_MOVES[level]
    for exercise_id in plan.exercises:
        exercise = catalogue.exercises.get(exercise_id)
        if exercise is None:
            left_out.append(LeftOut(exercise_id, exercise_id, "not in the catalogue"))
            continue
        reason = _reason_to_leave_out(exercise, screening, reasons)
        if reason is None and exercise.kind == "strength":
            strength_seen = True
            if strength_kept >= cap:
                reason = (
                    f"{LEVEL_WORDS[level]}: at most {'two' if cap == 2 else 'four'} strength "
                    "moves in a session"
                )
            else:
                strength_kept += 1
        if reason is not None:
            if exercise.kind == "strength":
                strength_seen = True
            left_out.append(LeftOut(exercise.id, exercise.name, reason))
            continue
        kept.append(
            PlannedExercise(exercise, _dosage_for(exercise, level, progress.get(exercise.id)))
        )
    notes: list[str] = []
    if not kept:
        notes.append(EMPTY_PLAN_NOTE)
    if strength_seen:
        notes.append(LEVEL_NOTES[level])
    warm_up = catalogue.warm_up(plan) if kept else None
    return TailoredPlan(plan, tuple(kept), tuple(left_out), tuple(notes), warm_up)


def _reason_to_leave_out(
    exercise: Exercise, screening: ScreeningRecord, flag_reasons: Mapping[str, str]
) -> str | None:
    for flag in exercise.avoid_when:
        if flag in flag_reasons:
            return flag_reasons[flag]
    lacking = equipment.missing(exercise.equipment, screening.equipment)
    if lacking:
        return f"needs {equipment.describe_items(lacking)}, which is not in your equipment"
    if screening.level == "beginner" and exercise.level == "advanced":
        return "new to exercise: build a base of strength before advanced exercises"
    return None


class Suggestion(NamedTuple):
    """Today's suggestion: "strength", "stretching" or "rest" (rest or gentle stretching,
    after pain), why, and the plans that fit."""

    kind: Literal["strength", "stretching", "rest"]
    reason: str
    plan_ids: tuple[str, ...]


def was_strength_session(catalogue: Catalogue, session: SessionRecord) -> bool:
    """Did this session work anything but stretches? Judged by what was actually done,
    falling back on the plan for a completed session with no exercise records."""
    done_kinds = [
        catalogue.exercises[record.exercise_id].kind
        for record in session.exercises
        if record.sets and record.exercise_id in catalogue.exercises
    ]
    if done_kinds:
        return any(kind != "stretch" for kind in done_kinds)
    plan = catalogue.plans.get(session.plan_id)
    return session.status == "completed" and plan is not None and catalogue.is_strength_plan(plan)


def suggestion_since(today: date) -> date:
    """The oldest day `todays_suggestion` needs to see: this week's Monday, or yesterday when
    today is a Monday. Any session before it cannot change the suggestion, so the plans
    screen reads one week file (two on a Monday) rather than the history."""
    return min(today - timedelta(days=today.weekday()), today - timedelta(days=1))


def todays_suggestion(
    catalogue: Catalogue,
    sessions: Sequence[SessionRecord],
    today: date,
    rest_reason: str | None = None,
) -> Suggestion:
    """The articles' weekly shape: two strength sessions a week with rest between them,
    stretching on the other days.

    Strength is suggested when there was no strength session today or yesterday (at least
    one full day of rest) and fewer than two this week (weeks start on Monday). Never on a
    day the safety policy keeps for rest (`rest_reason`: a pain stop or a pain rise today).
    """
    strength_days = sorted(
        s.day for s in sessions if s.day <= today and was_strength_session(catalogue, s)
    )
    week_start = today - timedelta(days=today.weekday())
    this_week = [day for day in strength_days if day >= week_start]
    last = strength_days[-1] if strength_days else None
    strength_plans = tuple(p.id for p in catalogue.plans.values() if catalogue.is_strength_plan(p))
    stretch_plans = tuple(p.id for p in catalogue.plans.values() if p.id not in strength_plans)
    if rest_reason is not None:
        return Suggestion("rest", rest_reason, stretch_plans)
    if last is not None and (today - last).days <= 1:
        when = "today" if last == today else "yesterday"
        return Suggestion(
            "stretching",
            f"You did a strength session {when}: give your back muscles time to recover.",
            stretch_plans,
        )
    if len(this_week) >= 2:
        return Suggestion(
            "stretching",
            "You have done two strength sessions this week, the articles' aim.",
            stretch_plans,
        )
    if not this_week:
        why = "No strength session this week yet: the articles suggest two a week."
    else:
        why = "Strength: one this week so far, and you have rested since the last one."
    return Suggestion("strength", why, strength_plans)
