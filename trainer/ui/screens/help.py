"""The `?` screen: every key the screen underneath answers to, in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark,f1,q", "close", "Close", key_display="esc")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static("Keys", id="help-title")
            yield Static(self._keys_text(), id="help-keys")
            yield Static(
                "Ctrl+P opens the command palette: plans, stats, the screening, and the "
                "theme, the bell and reduced motion, which are remembered. "
                "Esc closes this help.",
                id="help-hint",
            )
        yield Footer()

    def _keys_text(self) -> str:
        """Lists the bindings of the screen below this one, then the app's."""
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        rows: list[str] = []
        seen: set[str] = set()
        sources: list[list[Binding]] = []
        if below is not None:
            sources.append([b for b in below.BINDINGS if isinstance(b, Binding)])
        sources.append([b for b in self.app.BINDINGS if isinstance(b, Binding)])
        for bindings in sources:
            shown_here: set[str] = set()
            for binding in bindings:
                # A short footer word ("Easy") is explained by the binding's tooltip.
                words = binding.description
                if binding.tooltip:
                    words = f"{words}: {binding.tooltip}"
                if not binding.description or binding.description in seen or words in shown_here:
                    continue
                shown_here.add(words)
                key = binding.key_display or binding.key.split(",")[0]
                rows.append(f"  {self.app.get_key_display(Binding(key, ''))!s:>10}  {words}")
            seen |= {b.description for b in bindings}
        return "\n".join(rows)

    def action_close(self) -> None:
        self.dismiss(None)
