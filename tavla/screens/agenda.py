"""The agenda of the next weekly meeting: proposed by the rules, each item with its reason;
the coordinator reorders, removes and adds, then runs the meeting from here."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from tavla.domain.agenda_rules import reason_text
from tavla.i18n import _
from tavla.render.agenda import attendees_line, item_label, meeting_heading, reasons_line
from tavla.screens.base import TavlaScreen
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

    def reload(self) -> None:
        from tavla.store.agenda import load_agenda, open_agenda
        from tavla.store.meetings import next_weekly_date

        store, today, scope = self.app.store, self.app.today(), self.app.municipality
        meeting_id = self.agenda.meeting.id if self.agenda is not None else None

        def read() -> AgendaView | None:
            if meeting_id is not None:
                return load_agenda(store, meeting_id)
            held_on = next_weekly_date(store, today, municipality=scope)
            if held_on is None:
                return None
            return open_agenda(store, held_on, today=today, municipality=scope)

        self.load(read, self._show, group="agenda")

    def _show(self, agenda: AgendaView | None) -> None:
        self.agenda = agenda
        self.no_series = agenda is None
        self.redraw()

    def redraw(self) -> None:
        table = self.query_one("#items", DataTable)
        if self.no_series:
            scope = self.app.municipality
            self.query_one("#heading", Static).update(
                Text(
                    _(
                        "No weekly meeting is set up for {municipality} yet: press s to set its "
                        "weekday, time and attendees."
                    ).format(municipality=scope)
                    if scope
                    else _(
                        "No weekly meeting is set up yet: press s to set its weekday, time and "
                        "attendees."
                    )
                )
            )
            return
        if self.agenda is None:
            return
        agenda = self.shown(self.agenda)
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
                item_label(item, LABEL_WIDTH),
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
        item, agenda = self.shown(self._current()), self.agenda
        why = self.query_one("#why", Static)
        if item is None or agenda is None:
            why.update(Text(_("The agenda is empty: n adds a participant, t a topic.")))
            return
        text = item_label(item)
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

    def action_add_participant(self) -> None:
        from tavla.screens.meeting_forms import AddParticipantDialog
        from tavla.store.agenda_items import add_participant_item
        from tavla.store.participants import list_participants

        if self.agenda is None:
            return
        store, meeting_id = self.app.store, self.agenda.meeting.id
        scope = self.agenda.meeting.municipality  # the meeting's people only
        on_agenda = {item.code for item in self.agenda.items}

        def open_form(people: list) -> None:
            people = [p for p in self.shown(people) if p.code not in on_agenda]
            dialog = AddParticipantDialog(
                people, lambda code: add_participant_item(store, meeting_id, code)
            )
            self.app.push_screen(dialog, lambda _id: self.reload())

        self.load(
            lambda: list_participants(store, municipality=scope), open_form, group="agenda-forms"
        )

    def action_set_up(self) -> None:
        from tavla.screens.meeting_forms import SeriesDialog
        from tavla.store.contacts import list_contacts
        from tavla.store.meetings import get_series, set_up_series

        app = self.app
        store, today, scope = app.store, app.today(), app.municipality

        def saved(_result: object) -> None:
            self.notify(_("The weekly meeting is set up."), markup=False)
            if self.no_series:
                self.agenda = None
            self.reload()

        def open_form(found: tuple) -> None:
            series, contacts = found
            dialog = SeriesDialog(
                series,
                app.template.meeting,
                today,
                self.shown(contacts),
                lambda chosen: set_up_series(store, replace(chosen, municipality=scope)),
            )
            app.push_screen(dialog, saved)

        self.load(
            lambda: (get_series(store, municipality=scope), list_contacts(store)),
            open_form,
            group="agenda-forms",
        )

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
