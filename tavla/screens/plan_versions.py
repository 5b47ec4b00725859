"""Earlier versions of a SIP and crisis plan, and what changed between them.

The list shows every saved version; beside it, what changed since the version
before (or since a version marked with space) and the whole version, read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, Static

from tavla.domain.display import one_line
from tavla.i18n import _
from tavla.render.plan_diff import Change, crisis_changes, shareable, sip_changes
from tavla.render.sip import changes_text, crisis_text, version_text
from tavla.screens.base import follow_status
from tavla.store.plans_record import PlansRecord
from tavla.widgets.status_bar import StatusBar
from tavla.widgets.table import Table

if TYPE_CHECKING:
    from tavla.app import TavlaApp


class ChangesDialog(ModalScreen[None]):
    """A list of changes, closed with escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", _("Close"))]

    DEFAULT_CSS = """
    ChangesDialog { align: center middle; }
    ChangesDialog > VerticalScroll { width: 90; height: auto; max-height: 80%;
        border: thick $primary; background: $surface; padding: 1 2; }
    """

    def __init__(self, title: str, changes: list[Change]) -> None:
        """`changes` worded both ways (`plan_diff.shareable`): the privacy rule chooses."""
        super().__init__()
        self.title_text = title
        self.changes = changes

    def compose(self) -> ComposeResult:
        with VerticalScroll() as frame:
            frame.border_title = Text(self.title_text)
            yield Static(id="changes")
            yield Static(Text(_("escape closes"), "dim"))

    def on_mount(self) -> None:
        self.watch(self.app, "privacy", self._draw, init=True)

    def _draw(self, _rule: object = None) -> None:
        self.query_one("#changes", Static).update(changes_text(self.app.shown(self.changes)))


class VersionsScreen(ModalScreen[None]):
    app: TavlaApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", _("Back")),
        Binding("k", "toggle_kind", _("SIP / crisis plan")),
        Binding("space", "mark", _("Compare with this")),
    ]

    DEFAULT_CSS = """
    VersionsScreen { background: $background; }
    VersionsScreen #versions-list { width: 44; height: 1fr; }
    VersionsScreen #versions-list DataTable { height: 1fr; }
    VersionsScreen #version-detail { width: 1fr; height: 1fr; padding: 0 1; }
    VersionsScreen .section { text-style: bold; color: $accent; }
    VersionsScreen .spaced { margin-top: 1; }
    """

    def __init__(self, record: PlansRecord) -> None:
        super().__init__()
        self.record = record
        self.kind = "sip"
        self.marked: int | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with Horizontal():
            with Vertical(id="versions-list"):
                yield Label("", id="versions-title", classes="section")
                yield Table(id="versions", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="version-detail"):
                yield Label("", id="changes-title", classes="section")
                yield Static(id="changes")
                yield Label(_("The whole version"), classes="section spaced")
                yield Static(id="content")
        yield Footer()

    def on_mount(self) -> None:
        follow_status(self, self.app.template.name)
        self.query_one("#versions", DataTable).add_columns(_("No."), _("Saved"), _("By"))
        self._fill()
        self.watch(self.app, "privacy", lambda _rule: self._show_highlighted(), init=False)

    def _show_highlighted(self) -> None:
        table = self.query_one("#versions", DataTable)
        if table.row_count:
            self._show(int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def _versions(self) -> list:
        return self.record.sips if self.kind == "sip" else self.record.crisis_plans

    def _fill(self) -> None:
        title = _("SIP versions") if self.kind == "sip" else _("Crisis plan versions")
        self.query_one("#versions-title", Label).update(Text(f"{self.record.code} · {title}"))
        table = self.query_one("#versions", DataTable)
        table.clear()
        for info, _plan in reversed(self._versions()):  # newest first
            mark = "◆ " if info.version == self.marked else ""
            table.add_row(
                mark + str(info.version),
                info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                Text(one_line(info.saved_by, 14)),
                key=str(info.version),
            )
        if not table.row_count:
            self.query_one("#changes", Static).update(Text(_("No saved versions yet.")))
            self.query_one("#content", Static).update("")
        table.focus()

    @on(DataTable.RowHighlighted, "#versions")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._show(int(event.row_key.value))

    def _show(self, version: int) -> None:
        # Changes are found in the plans as stored, then worded as the screen may show them.
        record, today = self.record, self.app.today()
        shown = self.app.shown(record)
        against = self.marked if self.marked not in (None, version) else version - 1
        if self.kind == "sip":
            new, old = record.sip_at(version), record.sip_at(against)
            changes = shareable(
                sip_changes(old, new, record.contact_name),
                sip_changes(old, new, shown.contact_name, hide=True),
            )
            content = version_text(shown.sip_at(version), shown, today)
        else:
            new, old = record.crisis_at(version), record.crisis_at(against)
            changes = shareable(
                crisis_changes(old, new, record.contact_name),
                crisis_changes(old, new, shown.contact_name),
            )
            content = crisis_text(shown.crisis_at(version), shown, today)
        title = (
            _("Changes from version {old} to {new}").format(old=against, new=version)
            if old is not None
            else _("Version {n}: the first").format(n=version)
        )
        self.query_one("#changes-title", Label).update(Text(title))
        self.query_one("#changes", Static).update(changes_text(self.app.shown(changes)))
        self.query_one("#content", Static).update(content)

    def action_toggle_kind(self) -> None:
        self.kind = "crisis" if self.kind == "sip" else "sip"
        self.marked = None
        self._fill()

    def action_mark(self) -> None:
        table = self.query_one("#versions", DataTable)
        if not table.row_count:
            return
        version = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.marked = None if self.marked == version else version
        row = table.cursor_row
        self._fill()
        table.move_cursor(row=row)
        self._show(version)
