"""The parsed-catalogue cache: a hit only for exactly the same text, and never an error of
its own; whatever is wrong with it, the catalogue is parsed as if it were not there."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.catalogue.cache import cached_parse
from trainer.core.catalogue.loader import CatalogueError, load_catalogue
from trainer.paths import bundled_catalogue


class CountingParse:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str) -> dict[str, Any]:
        self.calls += 1
        return tomllib.loads(text)


SOURCE = Path("/catalogues/exercises.toml")


def test_the_same_text_is_parsed_once(tmp_path: Path) -> None:
    parse = CountingParse()
    first = cached_parse('a = 1\n[b]\nc = "x"\n', SOURCE, tmp_path, parse)
    again = cached_parse('a = 1\n[b]\nc = "x"\n', SOURCE, tmp_path, parse)
    assert first == again == {"a": 1, "b": {"c": "x"}}
    assert parse.calls == 1


def test_an_edit_is_parsed_and_replaces_the_entry(tmp_path: Path) -> None:
    parse = CountingParse()
    cached_parse("a = 1\n", SOURCE, tmp_path, parse)
    assert cached_parse("a = 2\n", SOURCE, tmp_path, parse) == {"a": 2}
    assert parse.calls == 2
    assert len(list(tmp_path.iterdir())) == 1  # one entry per catalogue, not per version
    assert cached_parse("a = 2\n", SOURCE, tmp_path, parse) == {"a": 2}
    assert parse.calls == 2


def test_two_catalogues_keep_two_entries(tmp_path: Path) -> None:
    parse = CountingParse()
    cached_parse("a = 1\n", SOURCE, tmp_path, parse)
    cached_parse("a = 1\n", Path("/elsewhere/exercises.toml"), tmp_path, parse)
    assert len(list(tmp_path.iterdir())) == 2


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9" * 40, "not a tuple"])
def test_a_damaged_entry_is_parsed_again_and_rewritten(tmp_path: Path, damage: Any) -> None:
    parse = CountingParse()
    cached_parse("a = 1\n", SOURCE, tmp_path, parse)
    [entry] = tmp_path.iterdir()
    if isinstance(damage, str):
        import marshal

        damage = marshal.dumps(damage)
    entry.write_bytes(damage)
    assert cached_parse("a = 1\n", SOURCE, tmp_path, parse) == {"a": 1}
    assert parse.calls == 2
    assert cached_parse("a = 1\n", SOURCE, tmp_path, parse) == {"a": 1}
    assert parse.calls == 2  # the rewritten entry is good


def test_an_unwritable_cache_only_means_parsing_every_time(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    parse = CountingParse()
    for _ in range(2):
        assert cached_parse("a = 1\n", SOURCE, blocked, parse) == {"a": 1}
    assert parse.calls == 2


def test_dates_are_parsed_but_not_stored(tmp_path: Path) -> None:
    parse = CountingParse()
    for _ in range(2):
        assert cached_parse("day = 2026-11-22\n", SOURCE, tmp_path, parse)["day"].day == 22
    assert parse.calls == 2
    assert list(tmp_path.iterdir()) == []


def test_the_catalogue_loads_the_same_from_the_cache(tmp_path: Path) -> None:
    fresh = load_catalogue(bundled_catalogue())
    miss = load_catalogue(bundled_catalogue(), cache_folder=tmp_path)
    hit = load_catalogue(bundled_catalogue(), cache_folder=tmp_path)
    assert fresh == miss == hit
    assert len(list(tmp_path.iterdir())) == 1


def test_a_broken_catalogue_is_reported_and_nothing_is_stored(tmp_path: Path) -> None:
    broken = tmp_path / "exercises.toml"
    broken.write_text("schema = 1\n[exercises\n")
    cache = tmp_path / "cache"
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(broken, cache_folder=cache)
    assert "not valid TOML" in str(raised.value)
    assert not cache.exists() or list(cache.iterdir()) == []


TOML_VALUES = st.recursive(
    st.one_of(
        st.integers(-(2**63), 2**63 - 1),
        st.booleans(),
        st.text(max_size=20),
        st.floats(allow_nan=False),
    ),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=st.dictionaries(st.text(min_size=1, max_size=8), TOML_VALUES, max_size=5))
def test_what_comes_back_is_what_tomllib_reads(tmp_path: Path, document: dict[str, Any]) -> None:
    text = tomli_w.dumps(document)
    expected = tomllib.loads(text)
    folder = tmp_path / "hypothesis"
    assert cached_parse(text, SOURCE, folder, tomllib.loads) == expected  # stored
    assert cached_parse(text, SOURCE, folder, tomllib.loads) == expected  # read back
