"""Running the weekly meeting: one item at a time, with what happened since the last meeting,
a time box with a visible clock, decisions, notes (hidden when presenting) and actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from time import monotonic
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Label, Static

from tavla.i18n import _
from tavla.render.agenda import (
    action_line,
    item_label,
    meeting_heading,
    move_line,
    reasons_line,
)
from tavla.screens.base import TavlaScreen
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


def read_detail(
    store,
    item: ItemView,
    since: date,
    meeting_id: int,
    *,
    today: date,
    log: bool,
    municipality: str | None = None,
) -> ItemDetail:
    """In a worker: what the item needs besides itself (store only, no widgets)."""
    from tavla.store.actions import list_actions
    from tavla.store.since_meeting import since_meeting

    view = None
    if item.kind == "participant" and item.code:
        view = since_meeting(store, item.code, since, log=log)
        # Still open from before, and whatever this meeting agreed (done or not).
        found = list_actions(store, today=today, status=None, code=item.code)
        actions = [a for a in found if a.status == "open" or a.meeting_id == meeting_id]
    elif item.kind == "actions":
        found = list_actions(store, today=today, municipality=municipality)  # the meeting's
        actions = [a for a in found if a.meeting_id != meeting_id]
    else:
        found = list_actions(store, today=today, status=None, meeting_id=meeting_id)
        actions = [a for a in found if a.code is None]
    return ItemDetail(item.id, view, tuple(actions))


class MeetingScreen(TavlaScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Agenda")),
        Binding("space", "discussed", _("Discussed, next")),
        Binding("e", "write", _("Decisions/notes")),
        Binding("a", "add_action", _("New action")),
        Binding("o", "actions", _("Actions"), show=False),
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
        self.logged: set[int] = set()  # items whose reading is logged: once per item opened
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

    def reload(self) -> None:
        from tavla.store.agenda import load_agenda

        store, meeting_id = self.app.store, self.meeting_id
        self.load(lambda: load_agenda(store, meeting_id), self._show, group="meeting")

    def _show(self, agenda: AgendaView) -> None:
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
        for number, item in enumerate(self.shown(self.agenda).items, start=1):
            mark = Text("✓", "bold green") if item.discussed else Text(f"{number}", "dim")
            label = item_label(item, LIST_WIDTH)
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
            self._load_detail()

    def _load_detail(self) -> None:
        if not self.alive:  # a dialog closed after its meeting screen had gone
            return
        item, agenda = self._current(), self.agenda
        if item is None or agenda is None:
            self._show_detail(None)
            return
        store, today, meeting_id, since = (
            self.app.store,
            self.app.today(),
            self.meeting_id,
            agenda.since,
        )
        scope = agenda.meeting.municipality
        log = item.id not in self.logged  # opening an item reads the record; a refresh does not
        self.logged.add(item.id)

        def read() -> ItemDetail:
            return read_detail(
                store, item, since, meeting_id, today=today, log=log, municipality=scope
            )

        def fits(detail: ItemDetail) -> bool:  # the user may have moved on meanwhile
            current = self._current()
            return current is not None and current.id == detail.item_id

        self.load(read, self._show_detail, group="meeting-item", fits=fits)

    def _show_detail(self, detail: ItemDetail | None) -> None:
        self.detail = detail
        self.redraw()

    # --- drawing ------------------------------------------------------------------------

    def privacy_changed(self) -> None:
        current = self._current()
        self._fill_items(current.id if current else None)
        self.redraw()

    def redraw(self) -> None:
        raw, agenda, detail = self._current(), self.shown(self.agenda), self.shown(self.detail)
        if raw is None or agenda is None:
            self.query_one("#item-head", Static).update(Text(_("The agenda is empty.")))
            return
        item = self.shown(raw)
        number = [i.id for i in agenda.items].index(item.id) + 1
        head = Text(f"{number}/{len(agenda.items)}  ")
        head.append_text(item_label(item))
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
        self.query_one("#notes", Static).update(Text(item.notes or "–"))
        actions = Text()
        if detail is not None and detail.item_id == item.id:
            today = self.app.today()
            for n, action in enumerate(detail.actions):
                actions.append("\n" if n else "")
                actions.append_text(action_line(action, today))
        self.query_one("#actions", Static).update(actions if actions.plain else Text("–"))

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
        heading = item_label(item).plain
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
        from tavla.screens.meeting_forms import ActionDialog
        from tavla.store.actions import add_action
        from tavla.store.contacts import list_contacts

        item, app = self._current(), self.app
        if item is None:
            return
        store, today = app.store, app.today()
        code = item.code if item.kind == "participant" else None
        heading = _("New action") + ("  " + code if code else "")
        held_on = self.agenda.meeting.held_on if self.agenda else today

        def open_form(contacts: list) -> None:
            dialog = ActionDialog(
                heading,
                self.shown(contacts),
                max(today, held_on),
                lambda action: add_action(store, action, today=today),
                code=code,
                meeting_id=self.meeting_id,
            )
            app.push_screen(dialog, lambda _r: self._load_detail())

        self.load(lambda: list_contacts(store), open_form, group="meeting-forms")

    def action_actions(self) -> None:
        from tavla.screens.actions import ActionsScreen

        item = self._current()
        code = item.code if item is not None and item.kind == "participant" else None
        self.app.push_screen(ActionsScreen(code), lambda _r: self._load_detail())

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
