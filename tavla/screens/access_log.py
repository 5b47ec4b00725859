"""The access log on screen: who read or changed what, and when, newest first; filter by code."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Input, Static

from tavla.domain.display import one_line
from tavla.domain.vocabulary import LogAction, as_key
from tavla.errors import UserError
from tavla.exports.log_extract import local_time
from tavla.i18n import _, ngettext
from tavla.render.labels import label_for
from tavla.screens.base import TavlaScreen
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
        # The code field first: letters typed there are a code, not keys (p, k) for the app.
        self.query_one("#code", Input).focus()

    def reload(self) -> None:
        from tavla.store.audit import log_entries

        store, code, before = self.app.store, self.code, self.logged_code
        log = code != before  # reading a person's entries is a read; a refresh is not
        self.logged_code = code

        def read() -> tuple[str | None, list[LogEntry] | UserError]:
            try:
                return before, log_entries(store, code=code, limit=LIMIT, log=log)
            except UserError as error:  # an unknown code
                return before, error

        self.load(read, self._show, group="access-log")

    def _show(self, found: tuple[str | None, list[LogEntry] | UserError]) -> None:
        before, entries = found
        if isinstance(entries, UserError):  # say so, and keep showing what was shown
            self.notify(str(entries), severity="error", markup=False)
            self.code = self.logged_code = before
            return
        self.entries = entries
        self.redraw()

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
        for entry in self.shown(self.entries):
            cells = [
                Text(local_time(entry.at, zone)),
                Text(one_line(entry.actor, 24)),
                Text(one_line(label_for(as_key(LogAction, entry.action)), 24)),
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
