"""`trainer check` and the app's start-up share one contract: a good catalogue gives a summary
and status 0; a broken one lists every problem on stderr, status 2, and never a traceback."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest
import tomli_w

from trainer.cli.main import main
from trainer.core.catalogue.loader import CatalogueError, load_catalogue
from trainer.core.catalogue.model import KINDS, LEVELS, Catalogue
from trainer.paths import bundled_catalogue as bundled_catalogue_path


def broken_copy(tmp_path: Path) -> Path:
    """The bundled catalogue with three hand-edit mistakes in different sections."""
    document = tomllib.loads(bundled_catalogue_path().read_text(encoding="utf-8"))
    first_exercise = next(iter(document["exercises"].values()))
    first_exercise["hold_s"] = -5
    first_exercise["hodl_s"] = 3
    next(iter(document["plans"].values()))["exercises"].append("no-such-exercise")
    path = tmp_path / "exercises.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


def test_check_passes_on_the_bundled_catalogue(
    capsys: pytest.CaptureFixture[str], bundled_catalogue: Catalogue
) -> None:
    assert main(["check", str(bundled_catalogue_path())]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith(f"OK: {bundled_catalogue_path()}")
    for plan in bundled_catalogue.plans.values():
        assert plan.name in out
    exercises, avoided = len(bundled_catalogue.exercises), len(bundled_catalogue.avoid)
    assert out.splitlines()[1].startswith(f"Exercises ({exercises}; {avoided} avoided)")


def test_a_long_catalogue_path_is_printed_whole_and_the_summary_unbroken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CI checks out into a deeper folder than a laptop; the first line used to wrap there."""
    deep = tmp_path / ("a-long-folder-name-" * 4) / "catalogues"
    deep.mkdir(parents=True)
    path = deep / "exercises.toml"
    path.write_bytes(bundled_catalogue_path().read_bytes())
    assert main(["check", str(path)]) == 0
    first, second = capsys.readouterr().out.splitlines()[:2]
    assert first == f"OK: {path} (schema 1)"
    assert second.startswith("Exercises (")


def test_summary_counts_exercises_by_kind_and_level(
    capsys: pytest.CaptureFixture[str], bundled_catalogue: Catalogue
) -> None:
    main(["check", str(bundled_catalogue_path())])
    out = capsys.readouterr().out
    counts = Counter((e.kind, e.level) for e in bundled_catalogue.exercises.values())
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    for kind in KINDS:
        expected = [counts[kind, level] for level in LEVELS]
        assert rows[kind] == [str(n) for n in [*expected, sum(expected)]]


def test_summary_fits_one_screen_without_colour_when_piped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["check", str(bundled_catalogue_path())])
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    assert len(out.splitlines()) <= 24
    path_line, *rest = out.splitlines()
    assert path_line == f"OK: {bundled_catalogue_path()} (schema 1)"
    assert all(len(line) <= 80 for line in rest)


def test_check_defaults_to_the_bundled_catalogue(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRAINER_CATALOGUE", raising=False)
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith(f"OK: {bundled_catalogue_path()}")


def test_check_reads_the_catalogue_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = broken_copy(tmp_path)
    assert main(["--catalogue", str(broken), "check"]) == 2
    assert str(broken) in capsys.readouterr().err


def test_check_lists_every_problem_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = broken_copy(tmp_path)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(broken)
    assert len(caught.value.problems) == 3

    assert main(["check", str(broken)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[0] == f"3 problems in the catalogue {broken}:"
    for problem in caught.value.problems:
        assert str(problem) in err
    assert "hold_s: must be a whole number of seconds from 0 to 600 (got -5)" in err
    assert 'unknown key "hodl_s"; did you mean "hold_s"?' in err
    assert 'no exercise has the id "no-such-exercise"' in err


def test_check_on_a_missing_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "missing.toml")]) == 2
    assert "no file at" in capsys.readouterr().err


def test_the_app_refuses_a_broken_catalogue_with_the_same_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No screen opens and no traceback is printed: just the problems, and status 2."""
    broken = broken_copy(tmp_path)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(broken)
    assert main(["--catalogue", str(broken)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    assert err.strip() == str(caught.value)


def test_the_app_reads_the_catalogue_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAINER_CATALOGUE", str(tmp_path / "gone.toml"))
    assert main([]) == 2
    assert "gone.toml" in capsys.readouterr().err


def test_check_names_bad_positions_and_after_blocks_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tomllib.loads(bundled_catalogue_path().read_text(encoding="utf-8"))
    flexibility = document["exercises"]["lower-back-flexibility"]
    flexibility["positions"][1]["hold_s"] = 0  # one held position, one moving
    flexibility["hold_s"] = 10  # the rep's hold is the positions' own
    document["exercises"]["knee-to-chest"]["after"]["max_reps"] = 1
    path = tmp_path / "exercises.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")

    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines()[0] == f"3 problems in the catalogue {path}:"
    assert "lower-back-flexibility.positions: either every position is held" in err
    assert "lower-back-flexibility.hold_s: leave hold_s out when positions are given" in err
    assert "knee-to-chest.after.max_reps: max_reps = 1 is below reps = 2" in err
