"""CPU and terminal traffic of a hold, next to termdown, in one run.

    python benchmarks/session_terminal.py [--runs 3] [--window 10]

Each program runs alone in a pseudo-terminal of 80x24 (TERM=xterm-256color): the session
screen in a 120-second hold, animated and with reduced motion (`session_hold_app.py`), and
`termdown 120` counting down; for the record also 20-second holds with the 3-second relax
between them, and the screen waiting for a moving rep's key (no timer at all). After a
warm-up, a steady window of `--window` seconds is measured: CPU % from the child's threads'
/proc schedstat (nanoseconds on a CPU) and the bytes it wrote to the terminal per second.
Each figure is the median of `--runs` runs. Goals (issue 4): animated within 2x termdown's
CPU and 3x its bytes per second; reduced motion at or below termdown on both.

A benchmark, run on purpose (needs `pip install -e .[bench]` for termdown); never a test.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import platform
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLS, ROWS = 80, 24
HOLD_S = 120

#: Seconds from launch to the window: start-up, then the first get-ready, which is 10 s
#: since the session has the person get down to the floor first (it was 5 s, and at 8 s
#: the window opened inside the get-ready's countdown: it measured the countdown and the
#: change to the hold, not the hold).
APP_WARM_UP_S = 14.0
TERMDOWN_WARM_UP_S = 3.0


@dataclass(frozen=True, slots=True)
class Program:
    name: str
    argv: tuple[str, ...]
    warm_up_s: float


@dataclass(frozen=True, slots=True)
class Sample:
    cpu_percent: float
    bytes_per_s: float


def cpu_seconds(pid: int) -> float:
    """CPU time of a process so far, summed over its threads.

    From each thread's /proc/<pid>/task/<tid>/schedstat (nanoseconds on the CPU), which is
    far finer than /proc/<pid>/stat's 10 ms ticks: a countdown uses well under 1% of a CPU,
    so ticks would round a 10-second window to a few counts.
    """
    total_ns = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total_ns += int((task / "schedstat").read_text().split()[0])
        except (OSError, IndexError, ValueError):  # a thread that just ended
            continue
    return total_ns / 1e9


def measure(program: Program, window_s: float) -> Sample:
    """Runs `program` in a fresh 80x24 pty and measures one steady window."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal before the program reads it
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS))
            for name in ("NO_COLOR", "COLORTERM", "TEXTUAL"):
                env.pop(name, None)
            os.execve(program.argv[0], list(program.argv), env)
        finally:
            os._exit(127)
    try:
        started = time.monotonic()
        drain(fd, until=started + program.warm_up_s)
        cpu_before = cpu_seconds(pid)
        window_started = time.monotonic()
        written = drain(fd, until=window_started + window_s)
        cpu_after = cpu_seconds(pid)
        elapsed = time.monotonic() - window_started
        return Sample(100 * (cpu_after - cpu_before) / elapsed, written / elapsed)
    finally:
        stop(pid, fd)


def drain(fd: int, until: float) -> int:
    """Reads everything the child writes until `until`; returns the byte count."""
    total = 0
    while (left := until - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child has gone
            break
        if not chunk:
            break
        total += len(chunk)
    return total


def stop(pid: int, fd: int) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            drain(fd, until=time.monotonic() + 0.05)
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                os.close(fd)
                return
    os.waitpid(pid, 0)
    os.close(fd)


def programs() -> list[Program]:
    app = str(HERE / "session_hold_app.py")
    found = [
        Program("session, animated", (sys.executable, app, "--hold", str(HOLD_S)), APP_WARM_UP_S),
        Program(
            "session, reduced motion",
            (sys.executable, app, "--hold", str(HOLD_S), "--reduced-motion"),
            APP_WARM_UP_S,
        ),
    ]
    found += [  # for the record, no goal: short holds (the bar steps faster), and idle
        Program(
            "(session, animated, 20 s holds)",
            (sys.executable, app, "--hold", "20", "--reps", "10"),
            APP_WARM_UP_S,
        ),
        Program(
            "(session, waiting for a rep key)", (sys.executable, app, "--hold", "0"), APP_WARM_UP_S
        ),
    ]
    termdown = shutil.which("termdown", path=str(Path(sys.executable).parent)) or shutil.which(
        "termdown"
    )
    if termdown is not None:
        found.append(
            Program("termdown 120", (termdown, "--no-bell", str(HOLD_S)), TERMDOWN_WARM_UP_S)
        )
    return found


def median(samples: Sequence[Sample]) -> Sample:
    return Sample(
        statistics.median(s.cpu_percent for s in samples),
        statistics.median(s.bytes_per_s for s in samples),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="runs per program (median)")
    parser.add_argument("--window", type=float, default=10.0, help="steady window, seconds")
    args = parser.parse_args(argv)
    results: dict[str, Sample] = {}
    for program in programs():
        runs = []
        for run in range(args.runs):
            print(f"{program.name}: run {run + 1} of {args.runs} ...", file=sys.stderr, flush=True)
            runs.append(measure(program, args.window))
        results[program.name] = median(runs)
    print(
        f"Hold in an 80x24 pty, steady {args.window:g} s window, median of {args.runs} runs "
        f"({platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs)"
    )
    print()
    print("| program | CPU % | bytes/s | CPU vs termdown | bytes vs termdown |")
    print("|---|---:|---:|---:|---:|")
    reference = results.get("termdown 120")
    for name, sample in results.items():
        cpu_ratio = bytes_ratio = "-"
        if reference is not None and name != "termdown 120":
            cpu_ratio = ratio(sample.cpu_percent, reference.cpu_percent)
            bytes_ratio = ratio(sample.bytes_per_s, reference.bytes_per_s)
        print(
            f"| {name} | {sample.cpu_percent:.2f} | {sample.bytes_per_s:.0f} | "
            f"{cpu_ratio} | {bytes_ratio} |"
        )
    print()
    if reference is None:
        print("termdown is not installed (pip install -e .[bench]): no reference, no verdict.")
        return 0
    animated = results["session, animated"]
    reduced = results["session, reduced motion"]
    goals = [
        ("animated CPU <= 2x termdown", animated.cpu_percent <= 2 * reference.cpu_percent),
        ("animated bytes/s <= 3x termdown", animated.bytes_per_s <= 3 * reference.bytes_per_s),
        ("reduced-motion CPU <= termdown", reduced.cpu_percent <= reference.cpu_percent),
        ("reduced-motion bytes/s <= termdown", reduced.bytes_per_s <= reference.bytes_per_s),
    ]
    for goal, met in goals:
        print(f"- {goal}: {'met' if met else 'MISSED'}")
    return 0


def ratio(value: float, reference: float) -> str:
    if reference <= 0:
        return "-" if value <= 0 else "inf"
    return f"{value / reference:.2f}x"


if __name__ == "__main__":
    raise SystemExit(main())
