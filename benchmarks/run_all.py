"""All the speed figures in one run, each next to a reference measured the same way.

    python benchmarks/run_all.py [--runs 7] [--years 5] [--skip-others] [--baseline REF]

Everything the person feels is measured through a real pseudo-terminal at 80x24 (the same
harness as the end-to-end tests): launch to the first interactive screen, peak memory, and
the delay from a key press to the screen answering during a session. The reference for
start-up and memory is `benchmarks/hello_app.py`, a minimal Textual app launched the same way
in the same run, so the machine's speed cancels out of the ratio. Then the other benchmarks
run (session CPU/bytes against termdown, the store, stats) and their figures are included.

`--baseline REF` also launches the trainer as it was at git revision REF (a worktree of it
on PYTHONPATH, with that revision's own catalogue), interleaved with the others in the same
run: "no slower than before" is then one table, not two runs on a machine whose speed moved
in between. Use it with `--years 0` when REF cannot read today's state files.

This is a benchmark, run on purpose; it never runs in the test suite.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(HERE))

from hello_app import READY_TEXT as HELLO_READY  # noqa: E402
from ptyharness import PtyApp, trainer_command, trainer_env  # noqa: E402
from userflow import TrainerUser  # noqa: E402

#: The goals from issue 7 (start-up and memory as a ratio to the hello app).
STARTUP_GOAL = 1.25
RSS_GOAL = 1.3
LATENCY_P95_GOAL_MS = 50.0


@dataclass
class Row:
    measure: str
    value: str
    reference: str = ""
    ratio: str = ""
    goal: str = ""
    verdict: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extra_sections: list[tuple[str, str]] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(
            f"  {row.measure}: {row.value} (reference {row.reference or '-'}) {row.verdict}",
            file=sys.stderr,
            flush=True,
        )


def verdict(ok: bool) -> str:
    return "meets goal" if ok else "MISSES goal"


# --- launching -------------------------------------------------------------------------------


@dataclass
class Launch:
    seconds: float
    peak_rss_kib: int


def launch_once(
    argv: Sequence[str],
    env: dict[str, str],
    ready: Callable[[str], bool],
    cwd: Path,
) -> Launch:
    """Launches in an 80x24 pty; times until `ready(screen)`; then ends it and reads its
    peak RSS from the kernel (`wait4`)."""
    app = PtyApp(argv, env, cwd=cwd)
    try:
        app.wait_until(ready, timeout=60, what="the first screen")
        seconds = time.monotonic() - app.started
        app.signal(signal.SIGTERM)
        app.wait_exit(timeout=30)
        assert app.rusage is not None
        return Launch(seconds, int(app.rusage.ru_maxrss))
    finally:
        app.close()


def hello_ready(text: str) -> bool:
    return HELLO_READY in text and "Quit" in text


def interleaved_launches(
    subjects: dict[str, tuple[Sequence[str], dict[str, str], Callable[[str], bool]]],
    cwd: Path,
    runs: int,
) -> dict[str, tuple[float, int]]:
    """Alternates the subjects run by run, so a busy moment on the machine hits both alike."""
    for argv, env, ready in subjects.values():
        launch_once(argv, env, ready, cwd)  # warm the file cache; not counted
    times: dict[str, list[float]] = {name: [] for name in subjects}
    rss: dict[str, list[int]] = {name: [] for name in subjects}
    for _ in range(runs):
        for name, (argv, env, ready) in subjects.items():
            launch = launch_once(argv, env, ready, cwd)
            times[name].append(launch.seconds)
            rss[name].append(launch.peak_rss_kib)
    return {
        name: (statistics.median(times[name]), int(statistics.median(rss[name])))
        for name in subjects
    }


# --- history ---------------------------------------------------------------------------------


def history_folder(cache: Path, years: int, report: Report) -> Path | None:
    """A folder holding a catalogue copy and `years` of synthetic history ending today,
    made once with the store's own generator (benchmarks/generate_history.py, minutes for
    five years) and reused by later runs; None when it cannot be made."""
    # A new layout or a new catalogue makes a new history: key it on the files that shape it.
    shaping = [
        HERE / "generate_history.py",
        REPO / "exercises.toml",
        *sorted((REPO / "trainer" / "core").rglob("*.py")),
    ]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in shaping)).hexdigest()[:12]
    folder = cache / f"history-{years}y-{date.today().isoformat()}-{digest}"
    if (folder / "exercises.progress.toml").exists():
        return folder
    generator = HERE / "generate_history.py"
    if not generator.exists():
        report.notes.append("benchmarks/generate_history.py is missing: no history.")
        return None
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "exercises.toml", folder / "exercises.toml")
    print(f"writing {years} years of history into {folder} (once) ...", file=sys.stderr, flush=True)
    command = [
        sys.executable,
        str(generator),
        "--years",
        str(years),
        "--catalogue",
        str(folder / "exercises.toml"),
        "--end",
        date.today().isoformat(),
    ]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if result.returncode != 0:
        report.notes.append(
            f"generate_history.py failed ({result.returncode}): {result.stderr.strip()[-300:]}"
        )
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return folder


def copy_of(folder: Path, into: Path) -> Path:
    """A fresh copy per run, so nothing one run writes (a lock, a catch-up) changes the next."""
    target = into / folder.name
    shutil.copytree(folder, target)
    return target


# --- the measurements ------------------------------------------------------------------------


def measure_startup(
    report: Report, runs: int, years: int, cache: Path, baseline: Path | None = None
) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        history = history_folder(cache, years, report) if years > 0 else None
        workdir = copy_of(history, Path(tmp)) if history is not None else Path(tmp)
        label = f"{years}-year history" if history is not None else "empty history"
        env = trainer_env(workdir)
        # As installed (pip writes bytecode at install time): a PYTHONDONTWRITEBYTECODE in
        # the caller's environment would make every run recompile the trainer's modules
        # but not Textual's (already compiled), which is not what a user's start costs.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        hello_argv = [sys.executable, str(HERE / "hello_app.py")]
        subjects: dict[str, tuple[Sequence[str], dict[str, str], Callable[[str], bool]]] = {
            "hello": (hello_argv, env, hello_ready),
            "trainer": (trainer_command(), env, TrainerUser.first_screen_ready),
        }
        if baseline is not None:  # the older trainer first on the path, with its own catalogue
            before_env = {**env, "PYTHONPATH": str(baseline)}
            before_argv = trainer_command("--catalogue", str(baseline / "exercises.toml"))
            subjects["baseline"] = (before_argv, before_env, TrainerUser.first_screen_ready)
        results = interleaved_launches(subjects, workdir, runs)
    hello_s, hello_rss = results["hello"]
    trainer_s, trainer_rss = results["trainer"]
    ratio = trainer_s / hello_s
    report.add(
        Row(
            f"launch to first screen ({label}, median of {runs})",
            f"{trainer_s * 1000:.0f} ms",
            f"hello app {hello_s * 1000:.0f} ms",
            f"{ratio:.2f}×",
            f"≤ {STARTUP_GOAL}×",
            verdict(ratio <= STARTUP_GOAL),
        )
    )
    if baseline is not None:
        before_s, before_rss = results["baseline"]
        report.add(
            Row(
                f"launch, this version against the baseline ({label}, median of {runs})",
                f"{trainer_s * 1000:.0f} ms, {trainer_rss / 1024:.1f} MiB",
                f"baseline {before_s * 1000:.0f} ms, {before_rss / 1024:.1f} MiB",
                f"{trainer_s / before_s:.2f}×",
                "≤ 1.00× (no slower)",
                verdict(trainer_s <= before_s * 1.02),
            )
        )
    rss_ratio = trainer_rss / hello_rss
    report.add(
        Row(
            f"peak RSS ({label}, median of {runs})",
            f"{trainer_rss / 1024:.1f} MiB",
            f"hello app {hello_rss / 1024:.1f} MiB",
            f"{rss_ratio:.2f}×",
            f"≤ {RSS_GOAL}×",
            verdict(rss_ratio <= RSS_GOAL),
        )
    )


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure_key_latency(report: Report, presses: int) -> None:
    """Pause and resume a hold with space, timing each press until the screen shows the
    change (read from the terminal, so it includes parsing, the update and the write)."""
    with tempfile.TemporaryDirectory(prefix="bench-keys-") as tmp:
        workdir = Path(tmp)
        user = TrainerUser.start(workdir)
        try:
            user.into_a_hold()
            samples = user.pause_resume_latencies(presses)
        finally:
            user.app.close()
    p50 = percentile(samples, 0.50) * 1000
    p95 = percentile(samples, 0.95) * 1000
    report.add(
        Row(
            f"key press to screen update in a hold (space, {len(samples)} presses)",
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms",
            "",
            "",
            f"p95 ≤ {LATENCY_P95_GOAL_MS:.0f} ms",
            verdict(p95 <= LATENCY_P95_GOAL_MS),
        )
    )


# --- the other helpers' benchmarks -----------------------------------------------------------


def other_benchmarks(cache: Path) -> list[tuple[str, str, list[str]]]:
    """(title, script, arguments): the store and stats benchmarks keep their histories in
    the cache so a second run does not write them again."""
    return [
        ("session CPU and bytes during a hold, next to termdown", "session_terminal.py", []),
        (
            "store: load, save a set, start-up at 0/1/5 years",
            "store_bench.py",
            ["--keep", str(cache / "store")],
        ),
        ("stats", "stats_bench.py", ["--keep", str(cache / "stats")]),
    ]


def run_other(report: Report, title: str, script: str, args: list[str], timeout: float) -> None:
    path = HERE / script
    if not path.exists():
        report.notes.append(f"benchmarks/{script} does not exist yet: not run.")
        return
    print(f"running benchmarks/{script} ...", file=sys.stderr, flush=True)
    try:
        result = subprocess.run(
            [sys.executable, str(path), *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        report.notes.append(f"benchmarks/{script} took longer than {timeout:.0f} s: stopped.")
        return
    output = result.stdout.strip()
    if result.returncode != 0:
        output += f"\n(exit status {result.returncode})\n{result.stderr.strip()[-800:]}"
    report.extra_sections.append((f"{title} (benchmarks/{script})", output))


# --- the machine and the table ---------------------------------------------------------------


def machine() -> str:
    model = ""
    if shutil.which("lscpu"):
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    import textual

    return (
        f"{os.cpu_count()} CPUs ({model or platform.processor() or 'unknown model'}), "
        f"Linux {platform.release()}, Python {platform.python_version()}, "
        f"Textual {textual.__version__}"
    )


def render(report: Report) -> str:
    header = ("measure", "backtrainer", "reference", "ratio", "goal", "verdict")
    rows = [header] + [
        (r.measure, r.value, r.reference, r.ratio, r.goal, r.verdict) for r in report.rows
    ]
    lines = [f"Machine: {machine()}", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines.extend("| " + " | ".join(row) + " |" for row in rows[1:])
    for title, body in report.extra_sections:
        lines += ["", f"### {title}", "", "```", body, "```"]
    if report.notes:
        lines += ["", "Notes:"] + [f"- {note}" for note in report.notes]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="launches per app (median)")
    parser.add_argument("--years", type=int, default=5, help="history for the start-up run")
    parser.add_argument("--presses", type=int, default=40, help="key presses for latency")
    parser.add_argument(
        "--skip-others", action="store_true", help="skip the session, store and stats benchmarks"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "backtrainer-bench",
        help="where generated histories are kept between runs",
    )
    parser.add_argument(
        "--baseline",
        default=None,
        metavar="REF",
        help="also launch the trainer as at this git revision, interleaved",
    )
    args = parser.parse_args(argv)

    report = Report()
    print("measuring start-up and memory ...", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-baseline-") as tmp:
        baseline = None
        if args.baseline is not None:
            baseline = Path(tmp) / "tree"
            subprocess.run(
                ["git", "worktree", "add", "--detach", "-q", str(baseline), args.baseline],
                cwd=REPO,
                check=True,
            )
            report.notes.append(f"baseline: git revision {args.baseline}")
        try:
            measure_startup(report, args.runs, args.years, args.cache, baseline)
        finally:
            if baseline is not None:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(baseline)], cwd=REPO, check=False
                )
    print("measuring key latency ...", file=sys.stderr, flush=True)
    try:
        measure_key_latency(report, args.presses)
    except AssertionError as error:
        report.notes.append(f"key latency not measured: {str(error).splitlines()[0]}")
    if not args.skip_others:
        for title, script, script_args in other_benchmarks(args.cache):
            run_other(report, title, script, script_args, timeout=1800)
    print(render(report))
    if args.json is not None:
        args.json.write_text(json.dumps([r.__dict__ for r in report.rows], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
