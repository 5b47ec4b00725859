"""The access log on screen: who read or changed what, and when, newest first; filter by code."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Input, Static

from tavla.display import one_line
from tavla.errors import UserError
from tavla.exports.log_extract import action_label, local_time
from tavla.i18n import _, ngettext
from tavla.screens.base import TavlaScreen, still_shown
from tavla.store.audit import LogEntry
from tavla.widgets.status_bar import StatusBar
from tavla.widgets.table import Table

LIMIT = 500  # the newest; older entries through `tavla log` or a filter


class AccessLogScreen(TavlaScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Back")),
    ]

    DEFAULT_CSS = """
    AccessLogScreen #title { height: 1; padding: 0 1; text-style: bold; }
    AccessLogScreen #code { margin: 0 1; width: 50; }
    AccessLogScreen DataTable { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__(id="access-log-screen")
        self.code: str | None = None  # only this participant's entries
        self.logged_code: str | None = None  # the code whose reading is already in the log
        self.entries: list[LogEntry] = []
        self.shown_with_detail: bool | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(id="title")
        yield Input(placeholder=_("Participant code (Enter to filter)"), id="code")
        yield Table(id="log", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    @work(thread=True, exclusive=True, group="access-log")
    def reload(self) -> None:
        from tavla.store.audit import log_entries

        app, code = self.app, self.code
        try:
            entries = log_entries(app.store, code=code, limit=LIMIT, log=code != self.logged_code)
        except UserError as error:
            app.call_from_thread(self._refused, code, str(error))
            return
        app.call_from_thread(self._show, code, entries)

    def _show(self, code: str | None, entries: list[LogEntry]) -> None:
        if not still_shown(self):
            return
        self.logged_code = code
        self.entries = entries
        self.redraw()

    def _refused(self, code: str | None, message: str) -> None:
        """An unknown code: say so, and keep showing what was shown."""
        self.notify(message, severity="error", markup=False)
        if self.code == code:
            self.code = self.logged_code

    def redraw(self) -> None:
        with_detail = not self.app.presentation  # a detail may hold a file path
        table = self.query_one(DataTable)
        if with_detail != self.shown_with_detail:
            table.clear(columns=True)
            columns = [_("When"), _("Who"), _("Action"), _("Participant")]
            table.add_columns(*columns, *([_("Detail")] if with_detail else []))
            self.shown_with_detail = with_detail
        title = Text(_("Access log") + (f"  {self.code}" if self.code else ""), "bold")
        n = len(self.entries)
        title.append("  ·  " + ngettext("{n} entry", "{n} entries", n).format(n=n))
        if not with_detail:
            title.append("  ·  " + _("details hidden in presentation mode"), "italic")
        self.query_one("#title", Static).update(title)
        zone = self.app.template.meeting.timezone
        keep = table.cursor_row
        table.clear()
        for entry in self.entries:
            cells = [
                Text(local_time(entry.at, zone)),
                Text(one_line(entry.actor, 24)),
                Text(one_line(action_label(entry.action), 24)),
                Text(entry.code or "–", "bold"),
            ]
            if with_detail:
                cells.append(Text(one_line(entry.detail, 60)))
            table.add_row(*cells)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    @on(Input.Submitted, "#code")
    def _filter(self, event: Input.Submitted) -> None:
        code = event.value.strip().upper() or None
        if code != self.code:
            self.code = code
            self.reload()
        self.query_one(DataTable).focus()

    def action_back(self) -> None:
        self.dismiss()
