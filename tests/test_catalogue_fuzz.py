"""Whatever a hand edit does to the bundled catalogue, the loader answers with a Catalogue or
its own CatalogueError; never a KeyError, TypeError or traceback reaching the user."""

from __future__ import annotations

import copy
import functools
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.catalogue.loader import CatalogueError, load_catalogue
from trainer.paths import bundled_catalogue

Key = str | int
Path_ = tuple[Key, ...]

SCALARS = st.one_of(
    st.booleans(),
    st.integers(min_value=-1000, max_value=1000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["", "0", "stretch", "daily", "mat|chair", "bridge", "a0", "-5"]),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.times(),
)
TOML_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def all_paths(node: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every key and list item in the document, outermost first."""
    paths: list[Path_] = []
    items: list[tuple[Key, Any]] = (
        list(node.items())
        if isinstance(node, dict)
        else list(enumerate(node))
        if isinstance(node, list)
        else []
    )
    for key, child in items:
        paths.append((*prefix, key))
        paths.extend(all_paths(child, (*prefix, key)))
    return paths


def parent_of(document: dict[str, Any], path: Path_) -> Any:
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    return node


def all_ids(document: dict[str, Any]) -> list[str]:
    ids = [
        key
        for section in ("exercises", "avoid", "plans", "screening", "sources")
        for key in document.get(section, {})
    ]
    flags = [q.get("flag") for q in document.get("screening", {}).values()]
    return ids + [flag for flag in flags if isinstance(flag, str)]


@st.composite
def mutated(draw: st.DrawFn, source: dict[str, Any]) -> dict[str, Any]:
    """The document after one to four hand-edit accidents."""
    document = copy.deepcopy(source)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = all_paths(document)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = parent_of(document, path)
        key = path[-1]
        action = draw(st.sampled_from(["drop", "retype", "swap-id", "junk", "rename", "clear"]))
        if action == "drop":
            del parent[key]
        elif action == "retype":
            parent[key] = draw(TOML_VALUES)
        elif action == "swap-id":
            parent[key] = draw(st.sampled_from([*all_ids(source), "no-such-id"]))
        elif action == "junk" and isinstance(parent[key], dict):
            parent[key][draw(st.text(min_size=1, max_size=8))] = draw(TOML_VALUES)
        elif action == "rename" and isinstance(parent, dict):
            new_key = draw(st.sampled_from(all_ids(source)) | st.text(min_size=1, max_size=8))
            parent[new_key] = parent.pop(key)
        elif action == "clear" and isinstance(parent[key], dict | list):
            parent[key] = type(parent[key])()
    return document


def assert_loads_or_explains(path: Path) -> None:
    try:
        catalogue = load_catalogue(path)
    except CatalogueError as error:
        assert error.problems
        assert all(problem.message for problem in error.problems)
        assert str(error).splitlines()[0].endswith(":")
        return
    # Whatever loads must hold together: plans name real exercises and nothing avoided.
    for plan in catalogue.plans.values():
        assert plan.exercises
        for exercise_id in plan.exercises:
            assert exercise_id in catalogue.exercises
            assert exercise_id not in catalogue.avoid


@functools.cache
def original() -> dict[str, Any]:
    """The bundled file as parsed TOML (read once; each test deep-copies before changing)."""
    return tomllib.loads(bundled_catalogue().read_text(encoding="utf-8"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), tail=st.none() | st.text(max_size=20))
def test_mutated_catalogue_loads_or_raises_catalogue_error(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, tail: str | None
) -> None:
    document = data.draw(mutated(original()), label="document")
    path = tmp_path_factory.mktemp("fuzz") / "exercises.toml"
    text = tomli_w.dumps(document)
    if tail is not None:  # junk typed at the end of the file
        text += "\n" + tail
    path.write_text(text, encoding="utf-8")
    assert_loads_or_explains(path)


def test_the_bundled_catalogue_survives_a_round_trip(tmp_path: Path) -> None:
    """Guards the fuzz test itself: unmutated, the rewritten file must load."""
    path = tmp_path / "exercises.toml"
    path.write_text(tomli_w.dumps(original()), encoding="utf-8")
    catalogue = load_catalogue(path)
    assert catalogue.plans and catalogue.exercises


def test_a_datetime_value_is_reported_not_crashed_on(tmp_path: Path) -> None:
    document = copy.deepcopy(original())
    first = next(iter(document["exercises"].values()))
    first["reps"] = datetime(2026, 1, 1, 9, 0)
    first["hold_s"] = time(9, 0)
    path = tmp_path / "exercises.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    assert_loads_or_explains(path)
