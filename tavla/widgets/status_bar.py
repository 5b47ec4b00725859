"""The top line: which board, which week, and — unmistakably — which mode the screen is in."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from tavla.domain.display import one_line
from tavla.i18n import _, ngettext


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    StatusBar.-presentation {
        background: $presentation;
        color: black;
        text-style: bold;
    }
    """

    presentation: reactive[bool] = reactive(False)
    demo: reactive[bool] = reactive(False)
    count: reactive[int | None] = reactive(None)
    today: reactive[date | None] = reactive(None)
    title: reactive[str] = reactive("")
    municipality: reactive[str | None] = reactive(None)  # the board narrowed to one

    def watch_presentation(self, on: bool) -> None:
        self.set_class(on, "-presentation")

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.presentation:  # first, so a narrow screen never cuts it off
            text.append(_("PRESENTATION MODE: names, identity numbers and notes hidden"), "bold")
            text.append("  ·  ")
        text.append(self.title, "bold")
        if self.municipality:
            text.append("  ·  ")
            text.append(one_line(self.municipality), "bold")
        if self.today is not None:
            week = self.today.isocalendar().week
            text.append(f"  ·  {self.today.isoformat()}  ·  " + _("week {week}").format(week=week))
        if self.count is not None:
            text.append(
                "  ·  "
                + ngettext("{n} participant", "{n} participants", self.count).format(n=self.count)
            )
        if self.demo:
            text.append("  ·  ")
            text.append(_("DEMO: fictional people"), "bold reverse")
        return text
