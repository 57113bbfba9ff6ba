"""Odd and hostile catalogues: control characters are refused with the usual file:line
message, deep nesting and extreme numbers or dates give a clear problem, never a traceback,
and nothing printed about a file can act on the terminal."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
import tomli_w

from trainer.cli.main import main
from trainer.core.catalogue.loader import (
    MAX_CATALOGUE_BYTES,
    TOO_DEEP,
    CatalogueError,
    load_catalogue,
)
from trainer.core.safe_text import escape_controls
from trainer.paths import bundled_catalogue

TITLE = "\x1b]0;owned\x07"


def catalogue_with(tmp_path: Path, edit: str, name: str = "exercises.toml") -> Path:
    """The bundled catalogue with `edit` (TOML lines) appended to its first exercise."""
    text = bundled_catalogue().read_text(encoding="utf-8")
    first = text.index("[exercises.")
    end = text.index("\n\n", first)
    path = tmp_path / name
    path.write_text(text[:end] + "\n" + edit + text[end:], encoding="utf-8")
    return path


def first_exercise_edited(tmp_path: Path, key: str, value: object) -> Path:
    document = tomllib.loads(bundled_catalogue().read_text(encoding="utf-8"))
    next(iter(document["exercises"].values()))[key] = value
    path = tmp_path / "exercises.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("name", f"Bridge{TITLE}"),
        ("steps", ["Lie down.", "Lift \x9b2J"]),
        ("cautions", ["\x00"]),
        ("modifications", ["\u202eevil"]),
    ],
)
def test_control_characters_in_any_text_are_refused_with_a_line(
    tmp_path: Path, key: str, value: object
) -> None:
    path = first_exercise_edited(tmp_path, key, value)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    [problem] = [p for p in raised.value.problems if "control character" in p.message]
    assert problem.line is not None and problem.key_path.endswith(key)
    assert "\x1b" not in str(raised.value) and "\x9b" not in str(raised.value)


def test_tab_and_newline_are_still_allowed(tmp_path: Path) -> None:
    path = first_exercise_edited(tmp_path, "steps", ["Lie down.\tSlowly.", "Two\nlines."])
    load_catalogue(path)


def test_a_control_character_in_a_key_is_refused_and_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogue_with(tmp_path, '"x\\u001b]0;owned\\u0007" = 1')
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b]0;owned\\x07" in err and "control character" in err


def test_a_file_name_with_an_escape_is_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = bundled_catalogue().read_text(encoding="utf-8")
    path = tmp_path / f"cat{TITLE}.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    broken = tmp_path / f"bad{TITLE}.toml"
    broken.write_text("[meta\n", encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert escape_controls(TITLE) in out and escape_controls(TITLE) in err


def test_arrays_nested_500_deep_are_a_problem_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogue_with(tmp_path, "deep = " + "[" * 500 + "]" * 500)
    for cache in (None, tmp_path / "cache"):
        with pytest.raises(CatalogueError) as raised:
            load_catalogue(path, cache_folder=cache)
        assert TOO_DEEP in str(raised.value)
    assert main(["check", str(path)]) == 2
    assert TOO_DEEP in capsys.readouterr().err


@pytest.mark.parametrize(
    "value",
    [
        "1e308",
        "inf",
        "-inf",
        "nan",
        "1" + "0" * 400,
        "9999-12-31T23:59:59Z",
        "9999-12-31",
        "0001-01-01T00:00:00+23:59",
        "23:59:59.999999",
    ],
)
@pytest.mark.parametrize("key", ["hold_s", "reps", "sets", "rest_s", "max_hold_s", "name"])
def test_extreme_numbers_and_dates_are_problems_not_tracebacks(
    tmp_path: Path, key: str, value: str
) -> None:
    text = bundled_catalogue().read_text(encoding="utf-8")
    first = text.index("[exercises.")
    line = text.index(f"\n{key} = ", first) + 1
    end = text.index("\n", line)
    path = tmp_path / "exercises.toml"
    path.write_text(f"{text[:line]}{key} = {value}{text[end:]}", encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path, cache_folder=tmp_path / "cache")
    assert raised.value.problems[0].key_path.endswith(key)


def test_a_catalogue_too_large_to_be_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "exercises.toml"
    with path.open("wb") as file:
        file.truncate(MAX_CATALOGUE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    assert "at most" in str(raised.value)


def test_a_fifo_or_a_device_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.toml"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        with pytest.raises(CatalogueError) as raised:
            load_catalogue(path)
        assert "not a regular file" in str(raised.value)
