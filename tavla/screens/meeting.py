"""Running the weekly meeting: one item at a time, with what happened since the last meeting,
a time box with a visible clock, decisions, notes (hidden when presenting) and actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from time import monotonic
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Label, Static

from tavla.errors import UserError
from tavla.i18n import _
from tavla.screens.agenda_text import (
    action_line,
    item_label,
    meeting_heading,
    move_line,
    reasons_line,
)
from tavla.screens.base import TavlaScreen, open_over, still_shown
from tavla.store.actions import ActionSummary
from tavla.store.agenda import AgendaView, ItemView
from tavla.store.since_meeting import SinceView
from tavla.widgets.status_bar import StatusBar
from tavla.widgets.table import Table

LIST_WIDTH = 13


@dataclass(frozen=True)
class ItemDetail:
    """What the screen shows about one item besides the item itself."""

    item_id: int
    since: SinceView | None  # for a participant
    actions: tuple[ActionSummary, ...]  # made in this meeting for it; all open ones for "actions"


class MeetingScreen(TavlaScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Agenda")),
        Binding("space", "discussed", _("Discussed, next")),
        Binding("e", "write", _("Decisions/notes")),
        Binding("a", "add_action", _("New action")),
        Binding("o", "actions", _("Actions"), show=False),
        Binding("v", "reveal", _("Show notes"), show=False),
        Binding("t", "clock", _("Pause clock"), show=False),
        Binding("c", "close", _("Close meeting")),
    ]

    DEFAULT_CSS = """
    MeetingScreen #heading { height: 1; padding: 0 1; text-style: bold; }
    MeetingScreen #main { height: 1fr; }
    MeetingScreen #items { width: 26; height: 1fr; border-right: solid $panel; }
    MeetingScreen #body { width: 1fr; padding: 0 1; }
    MeetingScreen #item-row { height: 1; }
    MeetingScreen #item-head { width: 1fr; text-style: bold; }
    MeetingScreen #clock { width: auto; text-style: bold; }
    MeetingScreen #clock.-over { color: $error; }
    MeetingScreen .section { margin-top: 1; text-style: bold; color: $accent; }
    """

    def __init__(self, meeting_id: int, start_item: int | None = None) -> None:
        super().__init__(id=f"meeting-{meeting_id}")
        self.meeting_id = meeting_id
        self.start_item = start_item
        self.agenda: AgendaView | None = None
        self.detail: ItemDetail | None = None
        self.revealed: int | None = None  # the item whose notes are shown despite presenting
        self.spent: dict[int, float] = {}  # seconds per item, while it was the current one
        self.clock_running = True
        self._ticked_at: float | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(id="heading")
        with Horizontal(id="main"):
            yield Table(id="items", cursor_type="row", show_header=False)
            with VerticalScroll(id="body"):
                with Horizontal(id="item-row"):
                    yield Static(id="item-head")
                    yield Static(id="clock")
                yield Static(id="reasons")
                yield Label(id="since-label", classes="section")
                yield Static(id="since")
                yield Label(_("Decisions (e)"), classes="section")
                yield Static(id="decisions")
                yield Label(_("Notes (e)"), classes="section")
                yield Static(id="notes")
                yield Label(_("Actions (a new, o all)"), classes="section")
                yield Static(id="actions")
        yield Footer()

    def on_mount(self) -> None:
        # Fixed widths (the list is 26 wide): auto widths are measured when the app is idle,
        # and a list drawn before that shows nothing.
        table = self.query_one("#items", DataTable)
        table.add_column("", width=2)
        table.add_column("", width=LIST_WIDTH + 6)
        self.set_interval(1, self._tick)

    # --- loading ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="meeting")
    def reload(self) -> None:
        from tavla.store.agenda import load_agenda

        try:
            agenda = load_agenda(self.app.store, self.meeting_id)
        except UserError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, agenda)

    def _show(self, agenda: AgendaView) -> None:
        if not still_shown(self):
            return
        previous = self._current()  # read before the new agenda replaces the old
        self.agenda = agenda
        self._fill_items(self.start_item or (previous.id if previous else None))
        self.start_item = None
        self.query_one("#heading", Static).update(meeting_heading(agenda))
        self._load_detail()

    def _fill_items(self, wanted: int | None) -> None:
        """The list of items on the left, the cursor on item `wanted`."""
        if self.agenda is None:
            return
        table = self.query_one("#items", DataTable)
        table.clear()
        for number, item in enumerate(self.agenda.items, start=1):
            mark = Text("✓", "bold green") if item.discussed else Text(f"{number}", "dim")
            label = item_label(item, self.app.presentation, LIST_WIDTH)
            table.add_row(mark, label, key=str(item.id))
        ids = [item.id for item in self.agenda.items]
        if wanted in ids:
            table.move_cursor(row=ids.index(wanted))

    def _current(self) -> ItemView | None:
        if self.agenda is None or not self.agenda.items:
            return None
        row = self.query_one("#items", DataTable).cursor_row
        return self.agenda.items[min(max(row, 0), len(self.agenda.items) - 1)]

    @on(DataTable.RowHighlighted)
    def _moved(self) -> None:
        item = self._current()
        if self.detail is not None and item is not None and item.id != self.detail.item_id:
            self.revealed = None
            self._load_detail()

    def _load_detail(self) -> None:
        # What to load is read here, on the loop: in the worker the screen may be closing.
        self._fetch_detail(self._current(), self.agenda)

    @work(thread=True, exclusive=True, group="meeting-item")
    def _fetch_detail(self, item: ItemView | None, agenda: AgendaView | None) -> None:
        from tavla.store.actions import list_actions
        from tavla.store.since_meeting import since_meeting

        app = self.app
        if item is None or agenda is None:
            app.call_from_thread(self._show_detail, None)
            return
        today = app.today()
        try:
            since = None
            if item.kind == "participant" and item.code:
                since = since_meeting(app.store, item.code, agenda.since)
                # Still open from before, and whatever this meeting agreed (done or not).
                actions = [
                    a for a in list_actions(app.store, today=today, status=None, code=item.code)
                    if a.status == "open" or a.meeting_id == self.meeting_id
                ]  # fmt: skip
            elif item.kind == "actions":
                actions = [
                    a for a in list_actions(app.store, today=today)
                    if a.meeting_id != self.meeting_id
                ]  # fmt: skip
            else:
                actions = [
                    a for a in list_actions(app.store, today=today, status=None,
                                            meeting_id=self.meeting_id)
                    if a.code is None
                ]  # fmt: skip
        except UserError as error:
            app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        app.call_from_thread(self._show_detail, ItemDetail(item.id, since, tuple(actions)))

    def _show_detail(self, detail: ItemDetail | None) -> None:
        if not still_shown(self):
            return
        self.detail = detail
        self.redraw()

    # --- drawing ------------------------------------------------------------------------

    def _presentation_changed(self, on: bool) -> None:
        current = self._current()
        self._fill_items(current.id if current else None)
        super()._presentation_changed(on)

    def redraw(self) -> None:
        item, agenda, detail = self._current(), self.agenda, self.detail
        if item is None or agenda is None:
            self.query_one("#item-head", Static).update(Text(_("The agenda is empty.")))
            return
        presentation = self.app.presentation
        head = Text(f"{agenda.items.index(item) + 1}/{len(agenda.items)}  ")
        head.append_text(item_label(item, presentation))
        if item.discussed:
            head.append("  ✓ " + _("discussed"), "bold green")
        self.query_one("#item-head", Static).update(head)
        reasons = reasons_line(item, self.app.template, agenda.meeting.held_on)
        self.query_one("#reasons", Static).update(Text(reasons))
        self._draw_clock()
        since_label = self.query_one("#since-label", Label)
        since_label.display = item.kind == "participant"
        since_label.update(
            Text(_("Since last meeting ({day})").format(day=agenda.since.isoformat()))
        )
        since = self.query_one("#since", Static)
        since.display = item.kind == "participant"
        if detail is not None and detail.since is not None and detail.item_id == item.id:
            since.update(self._since_text(detail.since))
        self.query_one("#decisions", Static).update(Text(item.decisions or "–"))
        self.query_one("#notes", Static).update(self._notes_text(item, presentation))
        actions = Text()
        if detail is not None and detail.item_id == item.id:
            today = self.app.today()
            for n, action in enumerate(detail.actions):
                actions.append("\n" if n else "")
                actions.append_text(action_line(action, today, presentation))
        self.query_one("#actions", Static).update(actions if actions.plain else Text("–"))

    def _notes_text(self, item: ItemView, presentation: bool) -> Text:
        if not item.notes:
            return Text("–")
        if presentation and self.revealed != item.id:
            return Text(_("Hidden in presentation mode: press v to show them."), "italic dim")
        return Text(item.notes)

    def _since_text(self, since: SinceView) -> Text:
        template = self.app.template
        text = Text()
        lines = [move_line(m.lane, m.before, m.after, template) for m in since.moves]
        lines += [_("Started: {what}").format(what=i.what) for i in since.started]
        lines += [_("Ended: {what}").format(what=i.what) for i in since.ended]
        lines += [_("Done: {what}").format(what=a.what) for a in since.actions_done]
        if not lines:
            return Text(_("No lane moved, no intervention started or ended, no action done."))
        for n, line in enumerate(lines):
            text.append(("\n" if n else "") + line)
        return text

    # --- the clock ----------------------------------------------------------------------

    def _tick(self) -> None:
        now = monotonic()
        item = self._current()
        if self.clock_running and item is not None and self._ticked_at is not None:
            self.spent[item.id] = self.spent.get(item.id, 0.0) + (now - self._ticked_at)
        self._ticked_at = now
        self._draw_clock()

    def _draw_clock(self) -> None:
        item = self._current()
        clock = self.query_one("#clock", Static)
        if item is None:
            clock.update("")
            return
        spent = int(self.spent.get(item.id, 0.0))
        box = item.box_minutes * 60
        text = Text(
            _("Time {spent} of {box}").format(
                spent=f"{spent // 60}:{spent % 60:02d}", box=f"{box // 60}:{box % 60:02d}"
            )
        )
        if not self.clock_running:
            text.append("  " + _("paused (t)"), "italic")
        clock.update(text)
        clock.set_class(spent > box, "-over")

    def action_clock(self) -> None:
        self.clock_running = not self.clock_running
        self._ticked_at = monotonic()
        self._draw_clock()

    # --- during the meeting -------------------------------------------------------------

    def action_discussed(self) -> None:
        from tavla.store.agenda_items import set_discussed

        item, agenda = self._current(), self.agenda
        if item is None or agenda is None:
            return
        mark = not item.discussed
        if mark:  # on to the next item not yet discussed
            later = [i for i in agenda.items[agenda.items.index(item) + 1 :] if not i.discussed]
            self.start_item = later[0].id if later else item.id
            if self.start_item != item.id:
                ids = [i.id for i in agenda.items]
                self.query_one("#items", DataTable).move_cursor(row=ids.index(self.start_item))
        self.change(lambda: set_discussed(self.app.store, item.id, mark))

    def action_write(self) -> None:
        from tavla.screens.form import guarded
        from tavla.screens.meeting_forms import ItemTextDialog
        from tavla.store.agenda_items import ItemText, write_item

        item = self._current()
        if item is None:
            return
        heading = item_label(item, self.app.presentation).plain
        store = self.app.store

        def save(values: tuple[str, str], seen: ItemText) -> None:
            decisions, notes = values
            write_item(store, item.id, notes=notes, decisions=decisions, seen=seen)

        submit = guarded(
            save,
            ItemText(item.decisions, item.notes),
            lambda: self.app.call_from_thread(self.reload),
        )
        self.app.push_screen(
            ItemTextDialog(heading, item.decisions, item.notes, submit), lambda _r: self.reload()
        )

    def action_add_action(self) -> None:
        item = self._current()
        if item is not None:
            held_on = self.agenda.meeting.held_on if self.agenda else self.app.today()
            self._open_action_dialog(item, held_on)

    @work(thread=True, group="meeting-forms")
    def _open_action_dialog(self, item: ItemView, held_on: date) -> None:
        from tavla.screens.meeting_forms import ActionDialog
        from tavla.store.actions import add_action
        from tavla.store.contacts import list_contacts

        app = self.app
        code = item.code if item.kind == "participant" else None
        heading = _("New action") + ("  " + code if code else "")
        dialog = ActionDialog(
            heading, list_contacts(app.store), max(app.today(), held_on),
            lambda action: add_action(app.store, action, today=app.today()),
            code=code, meeting_id=self.meeting_id,
        )  # fmt: skip
        app.call_from_thread(open_over, self, dialog, lambda _r: self._load_detail())

    def action_actions(self) -> None:
        from tavla.screens.actions import ActionsScreen

        item = self._current()
        code = item.code if item is not None and item.kind == "participant" else None
        self.app.push_screen(ActionsScreen(code), lambda _r: self._load_detail())

    def action_reveal(self) -> None:
        item = self._current()
        if item is not None:
            self.revealed = None if self.revealed == item.id else item.id
            self.redraw()

    def action_close(self) -> None:
        from tavla.store.agenda_items import close_meeting

        if self.agenda is None:
            return
        closing = self.agenda.meeting.status != "closed"
        day = self.agenda.meeting.held_on.isoformat()

        def done(_result: object) -> None:
            if closing:
                self.notify(
                    _("Meeting closed. Minutes: tavla export minutes {day} -o minutes.md").format(
                        day=day
                    ),
                    markup=False,
                )
            else:
                self.notify(_("Meeting opened again."), markup=False)
            self.reload()

        self.change(lambda: close_meeting(self.app.store, self.meeting_id, closed=closing), done)

    def action_back(self) -> None:
        self.dismiss()
