"""The warm-up a strength plan begins with ("Begin each lower back workout with a warm-up",
9 Great Lower Back Exercises): its length from the catalogue or the app's default, labelled
as such; a timed step on the session's own clock, skippable, pausable, recorded."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest
from session_plans import planned, tailored
from support.demo import demo_clock

from trainer.core.catalogue.loader import CatalogueError, load_catalogue
from trainer.core.catalogue.model import DEFAULT_WARM_UP_MINUTES, Catalogue, WarmUp
from trainer.core.plan.tailoring import TailoredPlan
from trainer.core.records import SessionRecord, WarmUpRecord
from trainer.core.session.clock import FakeClock
from trainer.core.session.machine import WARM_UP_ID, SessionMachine, Timing
from trainer.core.session.view import Phase
from trainer.core.store.codec import decode_session, encode_session
from trainer.paths import bundled_catalogue


def with_warm_up(tmp_path: Path, value: str) -> Path:
    """The bundled catalogue with `warm_up_minutes = value` on its first plan."""
    text = bundled_catalogue().read_text(encoding="utf-8")
    head, plans = text.split("[plans.daily-stretches]", 1)
    plans = plans.replace("minutes = 3\n", f"minutes = 3\nwarm_up_minutes = {value}\n", 1)
    path = tmp_path / "exercises.toml"
    path.write_text(head + "[plans.daily-stretches]" + plans, encoding="utf-8")
    return path


STEPS = ("Always warm up with dynamic movements, such as lunges, walking, or twisting.",)


def warm_plan(minutes: int = 5, *, default: bool = True) -> TailoredPlan:
    plan = tailored(planned("bridge", reps=3), planned("plank", hold_s=10, reps=1))
    return replace(plan, warm_up=WarmUp(minutes, default, STEPS))


class Run:
    def __init__(self, plan: TailoredPlan, speed: float = 1.0) -> None:
        self.clock: FakeClock = demo_clock()
        self.saves: list[SessionRecord] = []
        self.machine = SessionMachine.start(
            plan,
            self.clock,
            timing=Timing(speed=speed),
            on_save=lambda r: self.saves.append(copy.deepcopy(r)),
        )

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.machine.tick()

    @property
    def phase(self) -> str:
        """As text: a type checker would pin an enum member between two steps."""
        return self.machine.phase.value


# --- the catalogue ---


def test_a_strength_plan_gets_the_apps_default_and_says_so(bundled_catalogue: Catalogue) -> None:
    plan = bundled_catalogue.plans["core-and-glutes"]
    warm_up = bundled_catalogue.warm_up(plan)
    assert warm_up is not None and warm_up.is_app_default
    assert warm_up.minutes == DEFAULT_WARM_UP_MINUTES
    assert "the app's default" in warm_up.length_words
    assert any("lunges, walking, or twisting your upper body" in s for s in warm_up.steps)


def test_a_stretching_plan_has_no_warm_up(bundled_catalogue: Catalogue) -> None:
    assert bundled_catalogue.warm_up(bundled_catalogue.plans["daily-stretches"]) is None


@pytest.mark.parametrize(("written", "expected"), [(10, 10), (0, None)])
def test_the_catalogues_length_wins(tmp_path: Path, written: int, expected: int | None) -> None:
    catalogue = load_catalogue(with_warm_up(tmp_path, str(written)))
    plan = catalogue.plans["daily-stretches"]
    assert plan.warm_up_minutes == written
    warm_up = catalogue.warm_up(plan)
    assert (warm_up.minutes if warm_up else None) == expected
    assert warm_up is None or not warm_up.is_app_default


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("61", "warm_up_minutes: must be a whole number of minutes from 0 to 60 (got 61)"),
        ('"5"', 'must be a whole number of minutes from 0 to 60, not text ("5"); write 5'),
        ("5.0", "must be a whole number of minutes from 0 to 60, not a decimal number"),
    ],
)
def test_trainer_check_rejects_a_bad_warm_up_clearly(tmp_path: Path, value: str, says: str) -> None:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(with_warm_up(tmp_path, value))
    assert says in str(raised.value)


# --- the session ---


def test_the_warm_up_comes_first_then_the_first_get_ready() -> None:
    run = Run(warm_plan(5))
    view = run.machine.view()
    assert run.phase == Phase.WARM_UP
    assert view.exercise_id == WARM_UP_ID and view.name == "Warm-up"
    assert view.steps == STEPS
    assert view.remaining_s == 300
    assert view.cue == "Warm up for 5 min (the app's default: the articles give no length)"
    assert view.then == f"Get ready: {view.next_exercise}"
    run.advance(299.9)
    assert run.phase == Phase.WARM_UP
    run.advance(0.1)
    assert run.phase == Phase.GET_READY
    assert [b.kind for b in run.machine.drain_bells()] == ["rest-end"]
    assert run.machine.record.warm_up == WarmUpRecord(planned_s=300, done_s=300.0)
    assert run.saves[-1].warm_up == WarmUpRecord(planned_s=300, done_s=300.0)


def test_the_warm_up_counts_in_the_sessions_time_left() -> None:
    with_it = Run(warm_plan(5)).machine.view().session_remaining_s
    without = Run(replace(warm_plan(5), warm_up=None)).machine.view().session_remaining_s
    assert with_it == pytest.approx(without + 300)


def test_skip_skips_the_warm_up_not_the_first_exercise() -> None:
    run = Run(warm_plan(5))
    run.advance(60)
    assert run.machine.skip()
    assert run.phase == Phase.GET_READY and run.machine.exercise_index == 0
    assert run.machine.record.warm_up == WarmUpRecord(300, 60.0, skipped=True)
    assert not any(e.skipped for e in run.machine.record.exercises)


def test_enter_ends_the_warm_up_early_as_done() -> None:
    run = Run(warm_plan(5))
    run.advance(120)
    assert run.machine.next()
    assert run.phase == Phase.GET_READY
    assert run.machine.record.warm_up == WarmUpRecord(300, 120.0)


def test_paused_time_is_not_warm_up_time() -> None:
    run = Run(warm_plan(1))
    run.advance(10)
    assert run.machine.pause()
    run.advance(500)
    assert run.phase == Phase.WARM_UP
    assert run.machine.skip()
    assert run.machine.record.warm_up == WarmUpRecord(60, 10.0, skipped=True)


def test_the_warm_up_runs_on_the_speeded_clock_but_records_nominal_time() -> None:
    run = Run(warm_plan(5), speed=20)
    run.advance(15)  # 300 s at twenty times the speed
    assert run.phase == Phase.GET_READY
    assert run.machine.record.warm_up == WarmUpRecord(300, 300.0)


def test_back_and_marks_do_nothing_during_the_warm_up() -> None:
    run = Run(warm_plan(5))
    assert not run.machine.back()
    assert run.machine.mark_too_easy() is None
    assert run.phase == Phase.WARM_UP


def test_quitting_during_the_warm_up_keeps_what_was_warmed_up() -> None:
    run = Run(warm_plan(5))
    run.advance(30)
    snapshot = run.machine.snapshot()
    assert snapshot.warm_up == WarmUpRecord(300, 30.0)
    assert run.machine.quit()
    assert run.machine.record.status == "interrupted"
    assert run.machine.record.warm_up == WarmUpRecord(300, 30.0)


def test_a_pain_stop_during_the_warm_up_is_kept() -> None:
    run = Run(warm_plan(5))
    run.advance(30)
    assert run.machine.pain_stop()
    assert run.phase == Phase.PAIN
    assert run.machine.record.warm_up == WarmUpRecord(300, 30.0)
    assert run.machine.record.exercises[0].pain_stop == "other"


def test_a_resumed_session_does_not_warm_up_again() -> None:
    run = Run(warm_plan(5))
    run.advance(300)
    run.machine.next()  # the first get-ready, then the moving reps
    for _ in range(3):
        run.machine.next()
    saved = copy.deepcopy(run.machine.record)
    resumed = SessionMachine.resume(warm_plan(5), saved, demo_clock())
    assert resumed.phase is Phase.GET_READY and resumed.exercise_index == 1
    assert resumed.record.warm_up == WarmUpRecord(300, 300.0)


def test_a_plan_without_a_warm_up_starts_with_the_get_ready() -> None:
    run = Run(replace(warm_plan(), warm_up=None))
    assert run.phase == Phase.GET_READY
    assert run.machine.record.warm_up is None


@pytest.mark.parametrize("record", [WarmUpRecord(300, 300.0), WarmUpRecord(600, 12.5, True)])
def test_the_warm_up_is_kept_in_the_session_file(record: WarmUpRecord) -> None:
    run = Run(warm_plan(5))
    session = replace(copy.deepcopy(run.machine.record), warm_up=record)
    assert decode_session(encode_session(session), "session").warm_up == record


def test_trainer_check_accepts_the_key_and_names_a_typo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from trainer.cli.main import main

    assert main(["check", str(with_warm_up(tmp_path, "10"))]) == 0
    capsys.readouterr()
    typo = with_warm_up(tmp_path, "10").read_text(encoding="utf-8")
    (tmp_path / "exercises.toml").write_text(
        typo.replace("warm_up_minutes", "warmup_minutes"), encoding="utf-8"
    )
    assert main(["check", str(tmp_path / "exercises.toml")]) == 2
    err = capsys.readouterr().err
    assert (
        'plans.daily-stretches.warmup_minutes: unknown key "warmup_minutes"; '
        'did you mean "warm_up_minutes"?' in err
    )
