"""The screenshot script keeps working as screens add themselves to it: every registered shot
reaches its screen and writes an SVG."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from trainer.core.model import Catalogue

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "screenshots.py"


@pytest.fixture(scope="module")
def screenshots() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshots_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_shot_names_are_unique_file_names(screenshots: ModuleType) -> None:
    names = [shot.name for shot in screenshots.SHOTS]
    assert names and len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)


async def test_every_shot_is_written_and_reaches_its_screen(
    screenshots: ModuleType, bundled_catalogue: Catalogue, tmp_path: Path
) -> None:
    """One run reaches every screen (a wrong turn raises ShotError) and writes its SVG. The
    files are not compared with a committed set: the README shows the snapshot tests' SVGs
    (tests/test_readme_screens.py), so no second golden set can go stale."""
    written = await screenshots.take_all(screenshots.SHOTS, bundled_catalogue, tmp_path)
    assert [p.name for p in written] == [f"{shot.name}.svg" for shot in screenshots.SHOTS]
    for shot in written:
        svg = shot.read_text(encoding="utf-8")
        assert svg.startswith("<svg")
        assert f"backtrainer: {shot.stem}" in svg.replace("&#160;", " ")


async def test_a_shot_that_ends_on_the_wrong_screen_fails(
    screenshots: ModuleType, bundled_catalogue: Catalogue
) -> None:
    wrong = screenshots.Shot("wrong", screen="NoSuchScreen")
    with pytest.raises(screenshots.ShotError, match="expected NoSuchScreen"):
        await screenshots.take(wrong, bundled_catalogue)


def test_unknown_shot_name_exits_2(
    screenshots: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert screenshots.main(["no-such-shot"]) == 2
    assert "unknown shot(s): no-such-shot" in capsys.readouterr().err
