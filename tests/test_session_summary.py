"""The summary's words for what each exercise came to."""

from __future__ import annotations

from datetime import timedelta

from support.demo import DEMO_NOW

from trainer.core.catalogue.model import Catalogue, Dosage
from trainer.core.catalogue.words import describe_exercise_dosage
from trainer.core.records import ExerciseRecord, SessionRecord, SetRecord
from trainer.core.session.summary import session_minutes, summary_lines, what_done


def record(
    *reps: int, target: int = 10, sets: int = 2, per_side: bool = False, hold_s: int = 0
) -> ExerciseRecord:
    done = ExerciseRecord("bridge", Dosage(hold_s, target, sets, 30), per_side)
    done.sets = [SetRecord(n, None, r, target, 0.0, DEMO_NOW) for n, r in enumerate(reps, start=1)]
    return done


def test_done_in_full_says_the_prescription() -> None:
    assert what_done(record(10, 10)) == "2 sets of 10 reps"
    held = record(5, 5, 5, 5, target=5, per_side=True, hold_s=10)
    assert what_done(held) == "2 sets of 5 reps each side, hold 10 s"


def test_part_done_counts_reps_and_full_sets() -> None:
    assert what_done(record(10, 4)) == "14 reps of 20 (1 full set)"
    assert what_done(record(4)) == "4 reps of 20"


def test_skipped_and_pain_say_so_in_words() -> None:
    skipped = record()
    skipped.skipped = True
    assert what_done(skipped) == "skipped"
    part = record(3)
    part.skipped = True
    assert what_done(part) == "skipped; 3 reps of 20"
    hurt = record(10, 2)
    hurt.pain_stop = "sharp"
    assert what_done(hurt) == "stopped for sharp pain; 12 reps of 20 (1 full set)"


def test_lines_carry_an_outcome_and_a_name(bundled_catalogue: Catalogue) -> None:
    session = SessionRecord("x", "p", DEMO_NOW, DEMO_NOW + timedelta(minutes=12))
    hurt = record(2)
    hurt.pain_stop = "other"
    gone = record(10, 10)
    gone.exercise_id = "no-longer-in-the-catalogue"
    session.exercises = [record(10, 10), hurt, gone]
    lines = summary_lines(session, bundled_catalogue.exercises)
    assert [(line.outcome, line.name) for line in lines] == [
        ("done", "Bridge"),
        ("pain", "Bridge"),
        ("done", "no-longer-in-the-catalogue"),
    ]
    assert session_minutes(session) == "12 min"


def test_a_rep_of_two_positions_is_said_as_the_plans_say_it(bundled_catalogue: Catalogue) -> None:
    """The plans show "hold 5 s + 5 s" (each position's hold); the summary says the same,
    never the sum "hold 10 s"."""
    flexibility = bundled_catalogue.exercises["lower-back-flexibility"]
    assert flexibility.positions
    done = ExerciseRecord(flexibility.id, Dosage(10, 5, 1, 30), per_side=False)
    done.sets = [SetRecord(1, None, 5, 5, 50.0, DEMO_NOW)]
    words = describe_exercise_dosage(flexibility, done.prescribed)
    assert "+" in words
    assert what_done(done, flexibility) == words
    assert what_done(done) == "5 reps, hold 10 s"  # without the catalogue: the plain words


def test_the_after_block_is_named_only_when_it_was_done(bundled_catalogue: Catalogue) -> None:
    knees = bundled_catalogue.exercises["knee-to-chest"]
    assert knees.after is not None
    dosage = Dosage(5, 2, 1, 30)
    done = ExerciseRecord(knees.id, dosage, per_side=True)
    done.sets = [SetRecord(1, side, 2, 2, 10.0, DEMO_NOW) for side in ("left", "right")]
    assert done.done_in_full
    assert "both knees" not in what_done(done, knees).lower()
    done.sets.append(SetRecord(1, None, 2, 2, 10.0, DEMO_NOW, after_block=True))
    assert what_done(done, knees) == describe_exercise_dosage(knees, dosage)
    assert "both knees" in what_done(done, knees).lower()
