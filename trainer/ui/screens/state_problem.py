"""Saved progress that could not be read: what was wrong, where the copy is, and a choice.

Nothing has been written yet, the damaged file included: quitting changes nothing, so the
person can mend the file by hand and start again. Only starting fresh moves the file aside,
unchanged, and the store names the copy (`Store.moved_aside`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.core.safe_text import escape_controls
from trainer.core.store.protocol import StateFileProblem


def describe_problem(problem: StateFileProblem) -> Content:
    """One file: its path, what was wrong, and where the untouched copy is (all of it
    quoted from the file system or the file: shown escaped, never obeyed)."""
    kept = (
        Content.assemble(("Copy kept at:  ", "bold"), escape_controls(str(problem.moved_to)))
        if problem.moved_to is not None
        else Content.styled("It was left where it is.", "bold")
    )
    return Content("\n").join(
        [
            Content.assemble(("File:          ", "bold"), escape_controls(str(problem.path))),
            Content.assemble(("What is wrong: ", "bold"), escape_controls(problem.what)),
            kept,
        ]
    )


class StateProblemScreen(Screen[bool]):
    """Dismissed with True to start fresh, False to quit and leave everything as it is."""

    CSS_PATH = "state_problem.tcss"
    SUB_TITLE = "Saved progress"
    BINDINGS = [
        Binding("y", "answer(True)", "Start fresh"),
        Binding("q,escape", "answer(False)", "Quit, change nothing", key_display="q"),
    ]

    def __init__(self, problems: tuple[StateFileProblem, ...]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problem-box"):
            yield Static("YOUR SAVED PROGRESS COULD NOT BE READ", id="problem-title")
            for problem in self.problems:
                yield Static(describe_problem(problem), classes="problem-file")
            yield Static(
                "Nothing has been changed. Start fresh to go on: the file is moved aside, "
                "unchanged, to a copy beside it, and new progress is saved from now on. Or "
                "quit: everything stays exactly as it is, to mend by hand.",
                id="problem-choice",
            )
            yield Static("y  start fresh      q  quit, change nothing", id="problem-keys")
        yield Footer()

    def action_answer(self, start_fresh: bool) -> None:
        self.dismiss(start_fresh)
