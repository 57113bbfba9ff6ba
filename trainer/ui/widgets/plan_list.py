"""The list of plans: an OptionList whose enter is labelled for what it does (start)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class PlanList(OptionList):
    BINDINGS = [Binding("enter", "select", "Start", tooltip="start the highlighted plan")]
