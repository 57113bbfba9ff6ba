"""A lasting banner for what must be read whole: the trainer is read-only, a file was moved
aside, something could not be saved.

Toasts time out and clip long lines ("A… nothing is saved. Close"), so they suit a
confirmation, not a problem. A notice is kept by the app in `Notices` until it no longer
holds, and shown at the top of every full screen (under the header) in a `NoticeBanner`,
wrapped to the width, never clipped. Text from files is escaped: a path may hold anything.

Reuse: `app.notices.keep(key, title, text)` from anywhere the app is at hand (a later call
with the same key replaces the notice; `drop(key)` ends it); the app puts the banner on
each screen as it is shown. Dialogs (modal screens) let the banner below show through.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from trainer.core.safe_text import escape_controls

Severity = Literal["warning", "error"]


@dataclass(frozen=True, slots=True)
class Notice:
    title: str  # a few words, in bold: "Read-only", "Not saved", "File moved aside"
    text: str  # said in full; may quote a file, so it is escaped when shown
    severity: Severity = "warning"


class Notices:
    """What the banner says, in the order first said; keyed so a repeat replaces."""

    def __init__(self) -> None:
        self._by_key: dict[str, Notice] = {}
        #: Bumped on every change, so a screen's banner knows it is out of date.
        self.version = 0

    def keep(self, key: str, title: str, text: str, severity: Severity = "warning") -> None:
        notice = Notice(title, text, severity)
        if self._by_key.get(key) != notice:
            self._by_key[key] = notice
            self.version += 1

    def drop(self, key: str) -> None:
        if self._by_key.pop(key, None) is not None:
            self.version += 1

    def __iter__(self) -> Any:
        return iter(self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def content(self) -> Content:
        return Content("\n").join(
            Content.assemble((f"{notice.title}: ", "bold"), escape_controls(notice.text))
            for notice in self
        )

    @property
    def severity(self) -> Severity:
        return "error" if any(n.severity == "error" for n in self) else "warning"


class NoticeBanner(Static):
    """The app's notices, at the top of a screen, wrapped in full."""

    DEFAULT_CSS = """
    NoticeBanner {
        width: 1fr;
        height: auto;
        max-height: 50%;
        overflow-y: auto;
        padding: 0 1;
        background: $warning-muted;
        color: $foreground;
    }
    NoticeBanner.-error {
        background: $error-muted;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="notice-banner")
        self.shown_version = -1
        #: What the banner says, as plain text (for tests and screen readers' logs).
        self.text = ""

    def show(self, notices: Notices) -> None:
        if notices.version == self.shown_version:
            return
        self.shown_version = notices.version
        content = notices.content()
        self.text = content.plain
        self.update(content)
        self.set_class(notices.severity == "error", "-error")


def show_notices(screen: Screen[Any], notices: Notices) -> None:
    """Puts (or updates, or takes away once nothing is left to say) the banner on `screen`;
    idempotent, so it runs on every screen change and resize. Dialogs get none: the one on
    the screen below shows through."""
    if isinstance(screen, ModalScreen):
        return
    banner = next(iter(screen.query_children(NoticeBanner)), None)
    if not len(notices):  # the last one let go (a later save worked): so does the banner
        if banner is not None:
            banner.remove()
        return
    if banner is None:
        banner = NoticeBanner()
        # First among the screen's children: docked ones (the header) keep their place,
        # and the banner sits at the top of the rest, pushing the screen's content down.
        screen.mount(banner, before=0 if screen.children else None)
    banner.show(notices)


def banner_text(screen: Screen[Any]) -> str:
    """What the banner on `screen` says ("" when it has none)."""
    banner = next(iter(screen.query_children(NoticeBanner)), None)
    return banner.text if banner is not None else ""
