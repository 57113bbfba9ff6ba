"""A person using the real `trainer` in a terminal: reads the screen, presses keys.

Shared by the end-to-end and fault tests and by `benchmarks/run_all.py`, so they all walk the
app the same way. Each step waits for what the person would wait for (text on the screen)
and reacts to what is shown, the way a person would, rather than replaying a fixed list of
keys: a reworded question or a reordered screening must not need a new script.
"""

from __future__ import annotations

import functools
import re
import time
from pathlib import Path

from ptyharness import DEFAULT_TIMEOUT, PtyApp, start_trainer

_QUESTION = re.compile(r"Question (\d+) of (\d+)")
#: The footer's help hint: on screen once the first screen has been laid out and painted.
FOOTER_HELP = "? Help"


def _not_question(number: int | None, text: str) -> bool:
    return question_number(text) != number


def _shows_paused(paused: bool, text: str) -> bool:
    return ("PAUSED" in text) == paused


def question_number(text: str) -> int | None:
    match = _QUESTION.search(text)
    return int(match.group(1)) if match else None


class TrainerUser:
    def __init__(self, app: PtyApp, workdir: Path) -> None:
        self.app = app
        self.workdir = workdir

    @classmethod
    def start(
        cls,
        workdir: Path,
        *args: str,
        speed: float | None = None,
        cols: int = 80,
        rows: int = 24,
        term: str = "xterm-256color",
        extra_env: dict[str, str] | None = None,
    ) -> TrainerUser:
        env = dict(extra_env or {})
        if speed is not None:
            env["TRAINER_SPEED"] = str(speed)
        app = start_trainer(workdir, *args, cols=cols, rows=rows, term=term, extra_env=env)
        return cls(app, workdir)

    # --- what the screen shows ---

    @staticmethod
    def first_screen_ready(text: str) -> bool:
        """The first interactive screen is painted: a screening question with its choices,
        or the plans, with the footer's keys below."""
        lines = text.splitlines()
        footer = lines[-1] if lines else ""
        painted = question_number(text) is not None or "Today's suggestion" in text
        return painted and FOOTER_HELP in footer

    def wait_for(self, *fragments: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        return self.app.wait_for(*fragments, timeout=timeout)

    # --- the screening ---

    def answer_screening(self, pain: str = "2") -> str:
        """Answers every question the gentlest way (no to each warning sign, `pain` for
        pain, new to exercise, no equipment) and returns the screen that follows."""
        text = self.app.wait_until(lambda t: question_number(t) is not None, what="a question")
        while (number := question_number(text)) is not None:
            if "type a number" in text:
                self.app.send(*pain, "enter")
            elif "Use the arrows, then enter" in text:
                self.app.send("home", "enter")
            elif "Space ticks" in text:
                self.app.send("enter")
            else:
                self.app.send("n")
            text = self.app.wait_until(
                functools.partial(_not_question, number), what=f"question {number} answered"
            )
        return text

    # --- a plan and a session ---

    def start_highlighted_plan(self, pain_before: str = "2") -> str:
        """From the plans screen: start the highlighted plan (the one suggested today, unless
        the person moved), `pain_before` as the pain now, and "nothing new" if the trainer
        asks (it does not just after a screening); returns the session's first screen."""
        self.app.wait_for("Re-screen")
        self.app.send("enter")
        self.app.wait_for("how much does your back hurt")
        self.app.send(*pain_before, "enter")
        text = self.app.wait_until(
            lambda shown: "Anything new" in shown or "exercise 1 of" in shown,
            what="the session or the anything-new question",
        )
        if "Anything new" in text:
            self.app.send("n")
        text = self.app.wait_until(
            lambda shown: "exercise 1 of" in shown and ("GET READY" in shown or "WARM UP" in shown),
            what="the warm-up or the first get-ready",
        )
        if "WARM UP" in text:  # a strength plan's warm-up: skipped, as a hurried person would
            self.app.send("s")
        return self.app.wait_for("GET READY", "exercise 1 of")

    def follow_the_session(self, timeout: float = 120.0) -> str:
        """Does what the session asks until it is over: waits through holds and rests (the
        app times them) and presses enter for each self-paced rep. Returns the summary."""
        deadline = time.monotonic() + timeout
        while True:
            self.app.pump(0.05)
            text = self.app.text()
            if "How much does your back hurt now?" in text:
                return text
            footer = text.splitlines()[-1] if text else ""
            if "Rep done" in footer:
                before = text
                self.app.send("enter")
                self.app.wait_until(before.__ne__, what="the rep counted")
            if time.monotonic() > deadline or self.app.poll() is not None:
                raise AssertionError(f"the session did not end; the screen shows:\n{text}")

    def into_a_hold(self) -> str:
        """From a first start: the screening, the suggested plan, and on into its first
        hold."""
        self.answer_screening()
        self.start_highlighted_plan()
        return self.app.wait_for("HOLD", "rep 1 of")

    def pause_resume_latencies(self, presses: int, settle_s: float = 0.3) -> list[float]:
        """Presses space `presses` times, alternately pausing and resuming, and times each
        press until the screen shows the change."""
        samples: list[float] = []
        for index in range(presses):
            # A person's presses are seconds apart: let the app finish what the last one
            # started (the footer redraws its keys after the screen) before the next.
            self.app.read_for(settle_s)
            pausing = index % 2 == 0
            sent = time.monotonic()
            self.app.send("space")
            self.app.wait_until(
                functools.partial(_shows_paused, pausing),
                timeout=5.0,
                what="paused" if pausing else "resumed",
            )
            samples.append(time.monotonic() - sent)
        return samples
