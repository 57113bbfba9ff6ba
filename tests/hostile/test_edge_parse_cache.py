"""The parse cache is never trusted blindly: a damaged entry, one planted by someone else or
one in a folder others may write is not used; the catalogue is parsed afresh instead."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.cli import check
from trainer.core.catalogue import cache as parse_cache
from trainer.core.catalogue.loader import load_catalogue
from trainer.core.catalogue.model import Catalogue
from trainer.exitcodes import EXIT_OK
from trainer.paths import bundled_catalogue


def only_entry(folder: Path) -> Path:
    [entry] = [path for path in folder.iterdir() if path.name.startswith("catalogue-")]
    return entry


def doctored(entry: Path) -> None:
    """Rewrites `entry` as an attacker would: same key, screening questions gone, a valid
    hash (the worst case: only ownership can refuse it)."""
    data = entry.read_bytes()
    start = len(parse_cache.MAGIC) + 32
    import marshal

    key, document = marshal.loads(data[start:])
    document["screening"] = {}
    rewritten = parse_cache.encode(key, document)
    assert rewritten is not None
    entry.write_bytes(rewritten)


@pytest.fixture
def fresh() -> Catalogue:
    return load_catalogue(bundled_catalogue())


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(bit=st.integers(min_value=0))
def test_a_flipped_bit_is_never_used(
    tmp_path_factory: pytest.TempPathFactory, fresh: Catalogue, bit: int
) -> None:
    folder = tmp_path_factory.mktemp("cache")
    load_catalogue(bundled_catalogue(), cache_folder=folder)
    entry = only_entry(folder)
    data = bytearray(entry.read_bytes())
    position = bit % (len(data) * 8)
    data[position // 8] ^= 1 << (position % 8)
    entry.write_bytes(bytes(data))
    assert load_catalogue(bundled_catalogue(), cache_folder=folder) == fresh


def test_a_cut_entry_is_never_used(tmp_path: Path, fresh: Catalogue) -> None:
    load_catalogue(bundled_catalogue(), cache_folder=tmp_path)
    entry = only_entry(tmp_path)
    whole = entry.read_bytes()
    for length in range(0, len(whole), max(1, len(whole) // 97)):
        entry.write_bytes(whole[:length])
        assert load_catalogue(bundled_catalogue(), cache_folder=tmp_path) == fresh


def test_a_folder_others_may_write_is_not_used(tmp_path: Path, fresh: Catalogue) -> None:
    load_catalogue(bundled_catalogue(), cache_folder=tmp_path)
    doctored(only_entry(tmp_path))
    tmp_path.chmod(0o777)
    assert load_catalogue(bundled_catalogue(), cache_folder=tmp_path) == fresh


def test_an_entry_others_may_write_is_not_used(tmp_path: Path, fresh: Catalogue) -> None:
    load_catalogue(bundled_catalogue(), cache_folder=tmp_path)
    entry = only_entry(tmp_path)
    doctored(entry)
    entry.chmod(0o666)
    assert load_catalogue(bundled_catalogue(), cache_folder=tmp_path) == fresh


def test_a_folder_or_entry_owned_by_someone_else_is_not_used(
    tmp_path: Path, fresh: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user's files, seen as that user sees ours: our uid differs from theirs."""
    load_catalogue(bundled_catalogue(), cache_folder=tmp_path)
    doctored(only_entry(tmp_path))
    monkeypatch.setattr(os, "getuid", lambda: os.stat(tmp_path).st_uid + 1)
    assert load_catalogue(bundled_catalogue(), cache_folder=tmp_path) == fresh


def test_a_symlinked_entry_is_not_followed(tmp_path: Path, fresh: Catalogue) -> None:
    load_catalogue(bundled_catalogue(), cache_folder=tmp_path)
    entry = only_entry(tmp_path)
    doctored(entry)
    planted = tmp_path / "planted"
    entry.rename(planted)
    entry.symlink_to(planted)
    assert load_catalogue(bundled_catalogue(), cache_folder=tmp_path) == fresh


def test_the_cache_folder_is_made_private_whatever_the_umask(tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "backtrainer"
    old = os.umask(0)
    try:
        load_catalogue(bundled_catalogue(), cache_folder=folder)
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700  # made here, so private too
    assert stat.S_IMODE(only_entry(folder).stat().st_mode) == 0o600


def test_check_never_reads_the_cache(
    tmp_path: Path,
    fresh: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from trainer.paths import user_cache_folder

    folder = user_cache_folder()
    load_catalogue(bundled_catalogue(), cache_folder=folder)
    doctored(only_entry(folder))
    assert check.run(bundled_catalogue()) == EXIT_OK
    assert f"Screening questions ({len(fresh.screening)}" in capsys.readouterr().out


def test_a_good_entry_is_still_a_hit(tmp_path: Path) -> None:
    calls: list[str] = []

    def parse(text: str) -> dict[str, Any]:
        calls.append(text)
        return tomllib.loads(text)

    source = tmp_path / "exercises.toml"
    for _ in range(3):
        parse_cache.cached_parse("a = 1\n", source, tmp_path / "cache", parse)
    assert len(calls) == 1
