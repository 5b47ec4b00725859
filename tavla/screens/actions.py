"""Actions across participants: open ones by owner and due date, overdue first; closing one
records who and when."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Static

from tavla.domain.dates import day_text
from tavla.domain.display import one_line
from tavla.domain.vocabulary import ActionStatus
from tavla.i18n import _, ngettext
from tavla.render.labels import label_for
from tavla.screens.base import TavlaScreen
from tavla.store.actions import ActionSummary
from tavla.widgets.status_bar import StatusBar
from tavla.widgets.table import Table


class ActionsScreen(TavlaScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Back")),
        Binding("d", "close('done')", _("Done")),
        Binding("x", "close('dropped')", _("Drop")),
        Binding("r", "close('open')", _("Open again"), show=False),
        Binding("h", "toggle_closed", _("Closed too")),
        Binding("n", "add", _("New action")),
    ]

    DEFAULT_CSS = """
    ActionsScreen #title { height: 1; padding: 0 1; text-style: bold; }
    ActionsScreen DataTable { height: 1fr; }
    ActionsScreen #about { height: auto; min-height: 2; padding: 0 1; background: $surface;
                           border-top: solid $panel; }
    """

    def __init__(self, code: str | None = None) -> None:
        super().__init__(id="actions-screen")
        self.code = code  # only this participant's
        self.show_closed = False
        self.actions: list[ActionSummary] = []

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(id="title")
        yield Table(id="actions", cursor_type="row", zebra_stripes=True)
        yield Static(id="about")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            _("Due"), _("Who"), _("Participant"), _("What"), _("Meeting"), _("Status")
        )

    def reload(self) -> None:
        from tavla.store.actions import list_actions

        store, today, code, scope = (
            self.app.store,
            self.app.today(),
            self.code,
            self.app.municipality,
        )
        status = None if self.show_closed else "open"
        self.load(
            lambda: list_actions(store, today=today, status=status, code=code, municipality=scope),
            self._show,
            group="actions",
        )

    def _show(self, actions: list[ActionSummary]) -> None:
        self.actions = actions
        self.redraw()

    def redraw(self) -> None:
        today = self.app.today()
        overdue = sum(a.overdue(today) for a in self.actions)
        title = Text(_("Actions") + (f"  {self.code}" if self.code else ""), "bold")
        still_open = sum(a.status == "open" for a in self.actions)
        title.append("  ·  " + ngettext("{n} open", "{n} open", still_open).format(n=still_open))
        if overdue:
            late = ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
            title.append("  ·  " + late, "bold red")
        self.query_one("#title", Static).update(title)
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for action in self.shown(self.actions):
            late = action.overdue(today)
            who = Text(action.code or "–", "bold")
            if action.code and action.participant_name:
                who.append(" " + one_line(action.participant_name, 18), "")
            table.add_row(
                Text(day_text(action.due_on), "bold red" if late else ""),
                Text(one_line(action.owner, 22)),
                who,
                Text(one_line(action.what, 48)),
                Text(day_text(action.meeting_on)),
                Text(label_for(action.status), "" if action.status == "open" else "italic"),
                key=str(action.id),
            )
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self._describe()

    def _current(self) -> ActionSummary | None:
        if not self.actions:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.actions[min(max(row, 0), len(self.actions) - 1)]

    @on(DataTable.RowHighlighted)
    def _describe(self) -> None:
        action = self.shown(self._current())
        about = self.query_one("#about", Static)
        if action is None:
            about.update(Text(_("No open actions.") if not self.show_closed else _("No actions.")))
            return
        text = Text(one_line(action.what))
        if action.closed_on is not None:
            text.append(
                "\n"
                + _("{status} {day} by {who}").format(
                    status=label_for(action.status).capitalize(),
                    day=day_text(action.closed_on),
                    who=one_line(action.closed_by),
                )
            )
        about.update(text)

    def action_close(self, status: str) -> None:
        from tavla.store.actions import close_action

        action = self._current()
        if action is None or action.status == status:
            return
        app = self.app

        def done(_result: object) -> None:
            self.notify(
                _("Action {what!r}: {status}.").format(
                    what=one_line(self.shown(action).what, 40),
                    status=label_for(ActionStatus(status)),
                ),
                markup=False,
            )
            self.reload()

        self.change(
            lambda: close_action(
                app.store, action.id, status, today=app.today(), seen=action.status
            ),
            done,
        )

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.reload()

    def action_add(self) -> None:
        from tavla.screens.meeting_forms import ActionDialog
        from tavla.store.actions import add_action
        from tavla.store.contacts import list_contacts

        app = self.app
        store, today, code = app.store, app.today(), self.code

        def open_form(contacts: list) -> None:
            dialog = ActionDialog(
                _("New action") + (f"  {code}" if code else ""),
                self.shown(contacts),
                today,
                lambda action: add_action(store, action, today=today),
                code=code,
            )
            app.push_screen(dialog, lambda _r: self.reload())

        self.load(lambda: list_contacts(store), open_form, group="actions-form")
