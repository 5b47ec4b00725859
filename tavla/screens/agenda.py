"""The agenda of the next weekly meeting: proposed by the rules, each item with its reason;
the coordinator reorders, removes and adds, then runs the meeting from here."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from tavla.agenda_rules import reason_text
from tavla.errors import UserError
from tavla.i18n import _
from tavla.screens.agenda_text import attendees_line, item_label, meeting_heading, reasons_line
from tavla.screens.base import TavlaScreen, open_over, still_shown
from tavla.store.agenda import AgendaView, ItemView
from tavla.widgets.status_bar import StatusBar
from tavla.widgets.table import Table

LABEL_WIDTH = 24


class AgendaScreen(TavlaScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Board")),
        Binding("enter", "run", _("Run meeting")),
        Binding("shift+up", "move(-1)", _("Move up"), show=False),
        Binding("shift+down", "move(1)", _("Move down"), show=False),
        Binding("delete,x", "remove", _("Remove")),
        Binding("n", "add_participant", _("Add participant")),
        Binding("t", "add_topic", _("Topic")),
        Binding("u", "update", _("Propose again"), show=False),
        Binding("plus", "box(1)", _("Longer"), show=False),
        Binding("minus", "box(-1)", _("Shorter"), show=False),
        Binding("s", "set_up", _("Set up meeting")),
        Binding("a", "actions", _("Actions")),
    ]

    DEFAULT_CSS = """
    AgendaScreen #head { height: auto; padding: 0 1; }
    AgendaScreen #heading { text-style: bold; }
    AgendaScreen #attendees { color: $foreground-muted; }
    AgendaScreen #items { height: 1fr; }
    AgendaScreen #why { height: auto; min-height: 3; padding: 0 1; background: $surface;
                        border-top: solid $panel; }
    AgendaScreen #empty { padding: 1 2; }
    """

    def __init__(self) -> None:
        super().__init__(id="agenda-screen")
        self.agenda: AgendaView | None = None
        self.no_series = False

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with Vertical(id="head"):
            yield Static(id="heading")
            yield Static(id="attendees")
        yield Table(id="items", cursor_type="row", zebra_stripes=True)
        yield Static(id="why")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#items", DataTable).add_columns(
            "#", _("Participant or topic"), _("Why it is on the agenda"), _("Min"), _("Done")
        )

    # --- loading and drawing ------------------------------------------------------------

    @work(thread=True, exclusive=True, group="agenda")
    def reload(self) -> None:
        from tavla.store.agenda import load_agenda, open_agenda
        from tavla.store.meetings import next_weekly_date

        app = self.app
        try:
            if self.agenda is not None:
                agenda = load_agenda(app.store, self.agenda.meeting.id)
            else:
                held_on = next_weekly_date(app.store, app.today())
                if held_on is None:
                    app.call_from_thread(self._show, None)
                    return
                agenda = open_agenda(app.store, held_on, today=app.today())
        except UserError as error:
            app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        app.call_from_thread(self._show, agenda)

    def _show(self, agenda: AgendaView | None) -> None:
        if not still_shown(self):
            return
        self.agenda = agenda
        self.no_series = agenda is None
        self.redraw()

    def redraw(self) -> None:
        table = self.query_one("#items", DataTable)
        if self.no_series:
            self.query_one("#heading", Static).update(
                Text(
                    _(
                        "No weekly meeting is set up yet: press s to set its weekday, time and "
                        "attendees."
                    )
                )
            )
            return
        agenda = self.agenda
        if agenda is None:
            return
        presentation = self.app.presentation
        self.query_one("#heading", Static).update(meeting_heading(agenda))
        self.query_one("#attendees", Static).update(attendees_line(agenda))
        keep = table.cursor_row
        table.clear()
        template, day = self.app.template, agenda.meeting.held_on
        for number, item in enumerate(agenda.items, start=1):
            reasons = item.reasons
            first = (
                reason_text(reasons[0], template, day)
                if reasons
                else reasons_line(item, template, day)
            )
            more = f"  (+{len(reasons) - 1})" if len(reasons) > 1 else ""
            table.add_row(
                Text(str(number), justify="right"),
                item_label(item, presentation, LABEL_WIDTH),
                Text(first + more, no_wrap=True, overflow="ellipsis"),
                Text(str(item.box_minutes), justify="right"),
                Text("✓" if item.discussed else "", "bold green"),
                key=str(item.id),
            )
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self._describe()

    def _current(self) -> ItemView | None:
        if self.agenda is None or not self.agenda.items:
            return None
        row = self.query_one("#items", DataTable).cursor_row
        return self.agenda.items[min(row, len(self.agenda.items) - 1)]

    @on(DataTable.RowHighlighted)
    def _describe(self) -> None:
        item, agenda = self._current(), self.agenda
        why = self.query_one("#why", Static)
        if item is None or agenda is None:
            why.update(Text(_("The agenda is empty: n adds a participant, t a topic.")))
            return
        text = item_label(item, self.app.presentation)
        text.append("\n")
        text.append(reasons_line(item, self.app.template, agenda.meeting.held_on))
        why.update(text)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_run()

    # --- changing the agenda ------------------------------------------------------------

    def action_move(self, steps: int) -> None:
        from tavla.store.agenda_items import move_item

        item = self._current()
        if item is None:
            return
        table = self.query_one("#items", DataTable)
        row = max(0, min(table.row_count - 1, table.cursor_row + steps))

        def moved(_result: object) -> None:
            table.move_cursor(row=row)
            self.reload()

        self.change(lambda: move_item(self.app.store, item.id, steps), moved)

    def action_box(self, minutes: int) -> None:
        """A minute more or less for the highlighted item's time box."""
        from tavla.store.agenda_items import set_box

        item = self._current()
        if item is not None:
            self.change(lambda: set_box(self.app.store, item.id, item.box_minutes + minutes))

    def action_remove(self) -> None:
        from tavla.store.agenda_items import remove_item

        item = self._current()
        if item is not None:
            self.change(lambda: remove_item(self.app.store, item.id))

    def action_update(self) -> None:
        from tavla.store.agenda import update_proposal

        if self.agenda is None:
            return
        meeting_id = self.agenda.meeting.id

        def done(added: int) -> None:
            self.notify(
                _("Proposed again: {n} new.").format(n=added) if added else _("Nothing new."),
                markup=False,
            )
            self.reload()

        self.change(lambda: update_proposal(self.app.store, meeting_id), done)

    def action_add_topic(self) -> None:
        from tavla.screens.meeting_forms import TopicDialog
        from tavla.store.agenda_items import add_topic

        if self.agenda is None:
            return
        meeting_id = self.agenda.meeting.id
        self.app.push_screen(
            TopicDialog(lambda title: add_topic(self.app.store, meeting_id, title)),
            lambda _id: self.reload(),
        )

    @work(thread=True, group="agenda-forms")
    def action_add_participant(self) -> None:
        from tavla.screens.meeting_forms import AddParticipantDialog
        from tavla.store.agenda_items import add_participant_item
        from tavla.store.participants import list_participants

        if self.agenda is None:
            return
        meeting_id = self.agenda.meeting.id
        shown = {item.code for item in self.agenda.items}
        people = [
            (p.code, p.name) for p in list_participants(self.app.store) if p.code not in shown
        ]
        dialog = AddParticipantDialog(
            people,
            self.app.presentation,
            lambda code: add_participant_item(self.app.store, meeting_id, code),
        )
        self.app.call_from_thread(open_over, self, dialog, lambda _id: self.reload())

    @work(thread=True, group="agenda-forms")
    def action_set_up(self) -> None:
        from tavla.screens.meeting_forms import SeriesDialog
        from tavla.store.contacts import list_contacts
        from tavla.store.meetings import get_series, set_up_series

        app = self.app
        dialog = SeriesDialog(
            get_series(app.store),
            app.template.meeting,
            app.today(),
            list_contacts(app.store),
            lambda series: set_up_series(app.store, series),
        )

        def saved(_result: object) -> None:
            self.notify(_("The weekly meeting is set up."), markup=False)
            if self.no_series:
                self.agenda = None
            self.reload()

        app.call_from_thread(open_over, self, dialog, saved)

    # --- elsewhere ----------------------------------------------------------------------

    def action_run(self) -> None:
        from tavla.screens.meeting import MeetingScreen

        item = self._current()
        if self.agenda is not None:
            start = item.id if item else None
            self.app.push_screen(
                MeetingScreen(self.agenda.meeting.id, start), lambda _r: self.reload()
            )

    def action_actions(self) -> None:
        from tavla.screens.actions import ActionsScreen

        self.app.push_screen(ActionsScreen())

    def action_back(self) -> None:
        self.dismiss()
