"""The README's pictures are the snapshot tests' own SVGs: one golden set, never kept twice.

A picture the README shows must be a snapshot a test still takes (so the suite compares it
and `--snapshot-update` renews it), and every stored snapshot must belong to a test: syrupy
finds unused snapshots only in a serial run, and the check runs on parallel workers.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SNAPSHOTS = TESTS / "__snapshots__"

#: syrupy's file name: the test's name, a `[parameters]` suffix, a `.N` for a second snapshot.
SNAPSHOT_NAME = re.compile(r"(?P<test>\w+)(\[[^\]]*\])?(\.\d+)?")


def readme_images() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text)


def taking_test(snapshot: Path) -> str | None:
    """The test that takes `snapshot`, if its module still defines it."""
    module = TESTS / f"{snapshot.parent.name}.py"
    match = SNAPSHOT_NAME.fullmatch(snapshot.stem)
    if match is None or not module.is_file():
        return None
    name = match["test"]
    defined = re.search(rf"^(async )?def {name}\(", module.read_text(encoding="utf-8"), re.M)
    return name if defined else None


def test_the_readme_shows_pictures() -> None:
    assert len(readme_images()) >= 10


def test_every_readme_picture_is_a_snapshot_a_test_takes() -> None:
    wrong = []
    for link in readme_images():
        path = (REPO / link).resolve()
        if path.parent.parent != SNAPSHOTS or path.suffix != ".svg" or not path.is_file():
            wrong.append(f"{link}: not an SVG in tests/__snapshots__/")
        elif taking_test(path) is None:
            wrong.append(f"{link}: no test takes it any more")
    assert not wrong, wrong


def test_every_stored_snapshot_belongs_to_a_test() -> None:
    snapshots = sorted(SNAPSHOTS.glob("*/*.svg"))
    assert snapshots
    orphans = [str(p.relative_to(SNAPSHOTS)) for p in snapshots if taking_test(p) is None]
    assert not orphans, f"delete these, or run `python -m pytest --snapshot-update`: {orphans}"


def test_an_orphan_is_noticed(tmp_path: Path) -> None:
    """The checks above judge by name: a renamed test leaves its old SVG an orphan."""
    stale = tmp_path / "test_snapshots_session" / "test_no_such_moment.svg"
    assert taking_test(stale) is None
    assert taking_test(SNAPSHOTS / "test_snapshots_session" / "test_session_hold_half_way.svg")
