"""What the participant screen shows: details, target group, consent, who is who, the lanes
over time with the interventions, the resource group and the outcome ratings. Loaded from
the store, drawn through the privacy rule; what its keys do is `participant.ParticipantScreen`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Label, Static

from tavla.domain.display import one_line
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.render.lane_chart import lane_chart
from tavla.render.ors_chart import ors_chart
from tavla.render.participant import details_text, people_text, target_group_text
from tavla.screens.base import TavlaScreen
from tavla.screens.level_styles import level_styles
from tavla.screens.participant_events import event_columns, fill_events
from tavla.screens.participant_meetings import fill_meetings, meeting_columns
from tavla.store.record import ParticipantRecord, get_record
from tavla.widgets.status_bar import StatusBar
from tavla.widgets.table import Table

if TYPE_CHECKING:
    from tavla.app import TavlaApp


class ParticipantView(TavlaScreen):
    """One participant's record, loaded and drawn (the base of `ParticipantScreen`)."""

    app: TavlaApp

    DEFAULT_CSS = """
    ParticipantView #body { padding: 0 1; }
    ParticipantView .section { margin-top: 1; text-style: bold; color: $accent; }
    ParticipantView #columns { height: auto; }
    ParticipantView #columns > Static { width: 1fr; height: auto; }
    ParticipantView DataTable { height: auto; max-height: 12; }
    ParticipantView #header { text-style: bold; }
    """

    def __init__(self, code: str) -> None:
        super().__init__(id=f"participant-{code}")
        self.code = code
        self.record: ParticipantRecord | None = None  # as stored; drawn through `shown`
        self._logged = False  # opening the screen is a read of the record; refreshing is not

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with VerticalScroll(id="body"):
            yield Static(id="header")
            yield Label(_("The lanes over time"), classes="section")
            yield Static(id="chart")
            with Horizontal(id="columns"):
                yield Static(id="target-group")
                yield Static(id="people")
            yield Label(_("Interventions (Enter changes the highlighted one)"), classes="section")
            yield Table(id="interventions", cursor_type="row", zebra_stripes=True)
            yield Label(
                _("Resource group (Delete removes the highlighted member)"), classes="section"
            )
            yield Table(id="members", cursor_type="row", zebra_stripes=True)
            yield Label(_("Outcome ratings"), classes="section")
            yield Static(id="outcomes")
            yield Label(_("Meetings (t records one)"), classes="section")
            yield Table(id="meetings", cursor_type="row", zebra_stripes=True)
            yield Label(_("Events (h records one)"), classes="section")
            yield Table(id="events", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())
        self.query_one("#interventions", DataTable).add_columns(
            _("No."),
            _("What"),
            _("Principal"),
            _("Lanes"),
            _("Responsible"),
            _("From"),
            _("To"),
            _("Status"),
        )
        self.query_one("#members", DataTable).add_columns(_("Who"), _("Kind"), _("Note"))
        self.query_one("#meetings", DataTable).add_columns(*meeting_columns())
        self.query_one("#events", DataTable).add_columns(*event_columns())

    # --- loading and drawing ------------------------------------------------------------

    def reload(self) -> None:
        store, code, log = self.app.store, self.code, not self._logged
        self._logged = True
        self.load(lambda: get_record(store, code, log=log), self._show, group="record")

    def _show(self, record: ParticipantRecord) -> None:
        self.record = record
        self.redraw()

    def redraw(self) -> None:
        if self.record is None:
            return
        record = self.shown(self.record)
        app = self.app
        styles = level_styles(app.template, app.theme_variables)
        today = app.today()
        self.query_one("#header", Static).update(details_text(record))
        self.query_one("#chart", Static).update(lane_chart(record, app.template, styles, today))
        self.query_one("#target-group", Static).update(
            target_group_text(record, app.template, today)
        )
        self.query_one("#people", Static).update(people_text(record))
        self.query_one("#outcomes", Static).update(ors_chart(record.outcomes, styles))
        self._fill_interventions(record)
        self._fill_members(record)
        fill_meetings(self.query_one("#meetings", DataTable), record.meetings)
        fill_events(self.query_one("#events", DataTable), record.events)

    def _fill_interventions(self, record: ParticipantRecord) -> None:
        table = self.query_one("#interventions", DataTable)
        keep = table.cursor_row
        table.clear()
        principals = {"region": _("region"), "municipality": _("municipality"), "other": _("other")}
        for item in record.interventions:
            lanes = ", ".join(self.app.template.lane(lane).label for lane in item.lanes)
            table.add_row(
                str(item.id),
                Text(one_line(item.what, 40)),
                Text(
                    principals.get(item.principal, item.principal)
                    + (f", {one_line(item.unit)}" if item.unit else "")
                ),
                Text(lanes),
                Text(one_line(item.responsible) or "–"),
                item.started_on.isoformat(),
                item.ended_on.isoformat() if item.ended_on else "…",
                label_for(item.status),
                key=str(item.id),
            )
        if record.interventions:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def _fill_members(self, record: ParticipantRecord) -> None:

        table = self.query_one("#members", DataTable)
        table.clear()
        for member in record.resource_group:
            contact = member.contact
            table.add_row(
                Text(one_line(contact.name)),
                label_for(contact.kind),
                Text(one_line(member.note, 50)),
                key=str(contact.id),
            )
