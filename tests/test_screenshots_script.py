"""The screenshot script keeps working as screens add themselves to it: every registered shot
reaches its screen and writes an SVG, one test per shot."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from trainer.core.catalogue.model import Catalogue

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "screenshots.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshots_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


#: Loaded once at collection, so each shot is a test of its own (xdist spreads them).
SCRIPT_MODULE = load_script()
SHOT_NAMES = [shot.name for shot in SCRIPT_MODULE.SHOTS]


@pytest.fixture
def screenshots() -> ModuleType:
    return SCRIPT_MODULE


def test_shot_names_are_unique_file_names(screenshots: ModuleType) -> None:
    names = [shot.name for shot in screenshots.SHOTS]
    assert names and len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)


@pytest.mark.parametrize("name", SHOT_NAMES)
async def test_the_shot_reaches_its_screen_and_is_written(
    screenshots: ModuleType, bundled_catalogue: Catalogue, tmp_path: Path, name: str
) -> None:
    """A wrong turn raises ShotError. The file is not compared with a committed one: the
    README shows the snapshot tests' SVGs (tests/test_readme_screens.py), so no second golden
    set can go stale."""
    [shot] = [shot for shot in screenshots.SHOTS if shot.name == name]
    [written] = await screenshots.take_all([shot], bundled_catalogue, tmp_path)
    assert written == tmp_path / f"{name}.svg"
    svg = written.read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert f"backtrainer: {name}" in svg.replace("&#160;", " ")


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
