"""No terminal at all (`nohup trainer`, a pipe): one clear line and status 2, at once,
instead of an app nobody can see holding the writer's lock forever."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from trainer.paths import bundled_catalogue


def test_without_a_terminal_the_trainer_says_so_and_keeps_no_lock(tmp_path: Path) -> None:
    catalogue = tmp_path / "exercises.toml"
    shutil.copy(bundled_catalogue(), catalogue)
    done = subprocess.run(
        [sys.executable, "-m", "trainer", "--catalogue", str(catalogue)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr
    assert "Traceback" not in done.stderr
    # The lock was let go: a writer can take the same state now.
    from trainer.core.store.files import open_store

    store = open_store(tmp_path / "exercises.progress.toml")
    try:
        assert store.read_only_reason is None
    finally:
        store.close()
