"""The participant screen: details, target group, consent, who is who, the lanes over time
with the interventions, the resource group and the outcome ratings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from tavla.domain.display import one_line
from tavla.i18n import _
from tavla.render.lane_chart import lane_chart
from tavla.render.ors_chart import ors_chart
from tavla.render.participant import details_text, people_text, target_group_text
from tavla.screens.base import TavlaScreen
from tavla.screens.level_styles import level_styles
from tavla.screens.participant_meetings import fill_meetings, meeting_columns
from tavla.store.interventions import InterventionInput, status_label
from tavla.store.record import ParticipantRecord, get_record
from tavla.widgets.status_bar import StatusBar
from tavla.widgets.table import Table

if TYPE_CHECKING:
    from tavla.app import TavlaApp


class ParticipantScreen(TavlaScreen):
    app: TavlaApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Board")),
        Binding("e", "edit", _("Details")),
        Binding("a", "assign", _("Coordinators")),
        Binding("s", "consent", _("Consent")),
        Binding("r", "revoke", _("Revoke"), show=False),
        Binding("m", "samsa", _("SAMSA"), show=False),
        Binding("l", "sip", _("SIP")),
        Binding("i", "add_intervention", _("Intervention")),
        Binding("g", "add_member", _("Resource group")),
        Binding("o", "outcome", _("ORS/SRS")),
        Binding("t", "meeting", _("Meeting"), show=False),
        Binding("u", "discharge", _("Discharge")),
    ]

    DEFAULT_CSS = """
    ParticipantScreen #body { padding: 0 1; }
    ParticipantScreen .section { margin-top: 1; text-style: bold; color: $accent; }
    ParticipantScreen #columns { height: auto; }
    ParticipantScreen #columns > Static { width: 1fr; height: auto; }
    ParticipantScreen DataTable { height: auto; max-height: 12; }
    ParticipantScreen #header { text-style: bold; }
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
                status_label(item.status),
                key=str(item.id),
            )
        if record.interventions:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def _fill_members(self, record: ParticipantRecord) -> None:
        from tavla.store.contacts import kind_label

        table = self.query_one("#members", DataTable)
        table.clear()
        for member in record.resource_group:
            contact = member.contact
            table.add_row(
                Text(one_line(contact.name)),
                kind_label(contact.kind),
                Text(one_line(member.note, 50)),
                key=str(contact.id),
            )

    # --- actions ------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def _open(
        self, dialog_factory: Callable[[list], Screen], message: str, *, contacts: bool = False
    ) -> None:
        """Open a form (after loading the directory when it needs it)."""
        if self.record is None:
            return
        if contacts:
            self._with_contacts(dialog_factory, message)
        else:
            self.app.push_screen(dialog_factory([]), self._after_form(message))

    def _with_contacts(self, dialog_factory: Callable[[list], Screen], message: str) -> None:
        from tavla.store.contacts import list_contacts

        store = self.app.store

        def open_form(contacts: list) -> None:  # on the loop; masked if it opens while presenting
            self.app.push_screen(dialog_factory(self.shown(contacts)), self._after_form(message))

        self.load(lambda: list_contacts(store), open_form, group="contacts")

    def _after_form(self, message: str) -> Callable[[object], None]:
        def done(saved: object) -> None:
            if saved:  # None: the form was cancelled
                self.notify(message, markup=False)
                self.reload()

        return done

    @staticmethod
    def _submitter(save: Callable[[object], object]) -> Callable[[object], bool]:
        """Wrap a store call so the form's result says it was saved."""

        def submit(values: object) -> bool:
            save(values)
            return True

        return submit

    def _guarded(self, save: Callable[[object, object], object], seen: object):
        """`_submitter` for a store call that checks what the form showed (`seen`); see
        form.guarded. The record behind the form is reloaded after a conflict."""
        from tavla.screens.form import guarded

        def saved(values: object, base: object) -> bool:
            save(values, base)
            return True

        return guarded(saved, seen, lambda: self.app.call_from_thread(self.reload))

    def action_sip(self) -> None:
        from tavla.screens.sip import SipScreen

        self.app.push_screen(SipScreen(self.code))

    def action_edit(self) -> None:
        from tavla.screens.enrol import EnrolDialog
        from tavla.store.participants import Enrolment, update_participant

        r = self.record
        if r is None:
            return
        current = Enrolment(
            r.name,
            r.enrolled_on,
            r.identity_number,
            r.municipality,
            r.criteria,
            r.criteria_exception,
        )
        today = self.app.today()
        store = self.app.store
        self._open(
            lambda _contacts: EnrolDialog(
                self.app.template,
                today,
                self._guarded(
                    lambda e, seen: update_participant(store, r.code, e, today=today, seen=seen),
                    current,
                ),
                current,
            ),
            _("Details saved."),
        )

    def action_assign(self) -> None:
        from tavla.screens.participant_forms import CoordinatorsDialog
        from tavla.store.participants import Coordinators, assign_contacts

        r = self.record
        if r is None:
            return

        def ident(contact) -> int | None:
            return contact.id if contact else None

        current = Coordinators(
            ident(r.region_coordinator),
            ident(r.municipality_coordinator),
            ident(r.region_colleague),
            ident(r.municipality_colleague),
            ident(r.care_contact),
            r.main_responsibility,
        )
        store = self.app.store
        self._open(
            lambda contacts: CoordinatorsDialog(
                contacts,
                current,
                self._guarded(
                    lambda who, seen: assign_contacts(store, r.code, who, seen=seen), current
                ),
            ),
            _("Coordinators saved."),
            contacts=True,
        )

    def action_consent(self) -> None:
        from tavla.screens.participant_forms import ConsentDialog
        from tavla.store.consents import add_consent

        today, store, code = self.app.today(), self.app.store, self.code
        self._open(
            lambda _c: ConsentDialog(
                today, self._submitter(lambda c: add_consent(store, code, c, today=today))
            ),
            _("Consent recorded."),
        )

    def action_revoke(self) -> None:
        from tavla.screens.participant_forms import DatedNoteDialog
        from tavla.store.consents import revoke_consent

        today, store, code = self.app.today(), self.app.store, self.code
        self._open(
            lambda _c: DatedNoteDialog(
                _("Revoke the consent"),
                today,
                self._submitter(
                    lambda v: revoke_consent(store, code, on=v[0], note=v[1], today=today)
                ),
            ),
            _("Consent revoked."),
        )

    def action_samsa(self) -> None:
        from tavla.screens.participant_forms import DatedNoteDialog
        from tavla.store.participants import mark_samsa

        today, store, code = self.app.today(), self.app.store, self.code
        self._open(
            lambda _c: DatedNoteDialog(
                _("Marked in SAMSA, with the contact persons"),
                today,
                self._submitter(lambda v: mark_samsa(store, code, on=v[0], today=today)),
                with_note=False,
            ),
            _("SAMSA marking recorded."),
        )

    def action_add_intervention(self) -> None:
        self._intervention_form(None)

    @on(DataTable.RowSelected, "#interventions")
    def _edit_intervention(self, event: DataTable.RowSelected) -> None:
        self._intervention_form(int(event.row_key.value))

    def _intervention_form(self, intervention_id: int | None) -> None:
        from tavla.screens.intervention_form import InterventionDialog
        from tavla.store.interventions import add_intervention, update_intervention

        r = self.record
        if r is None:
            return
        current = None
        for item in r.interventions:
            if item.id == intervention_id:
                current = InterventionInput(
                    item.what,
                    item.principal,
                    item.lanes,
                    item.started_on,
                    item.status,
                    item.unit,
                    item.responsible_id,
                    item.ended_on,
                )
        today, store, code = self.app.today(), self.app.store, self.code

        if intervention_id is None:
            submit = self._submitter(lambda item: add_intervention(store, code, item))
        else:
            submit = self._guarded(
                lambda item, seen: update_intervention(store, intervention_id, item, seen=seen),
                current,
            )
        self._open(
            lambda contacts: InterventionDialog(
                self.app.template, contacts, today, submit, current
            ),
            _("Intervention saved."),
            contacts=True,
        )

    def action_add_member(self) -> None:
        from tavla.screens.participant_forms import MemberDialog
        from tavla.store.resource_group import add_member

        today, store, code = self.app.today(), self.app.store, self.code
        self._open(
            lambda contacts: MemberDialog(
                contacts,
                self._submitter(lambda v: add_member(store, code, v[0], note=v[1], today=today)),
            ),
            _("Added to the resource group."),
            contacts=True,
        )

    def key_delete(self) -> None:
        table = self.query_one("#members", DataTable)
        if self.focused is table and table.row_count:
            if self.app.presentation:  # relatives show as "närstående": which one would go?
                self.app.refuse_while_presenting()
                return
            contact_id = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
            self._remove_member(contact_id)

    def _remove_member(self, contact_id: int) -> None:
        from tavla.store.resource_group import remove_member

        store, code = self.app.store, self.code
        self.change(
            lambda: remove_member(store, code, contact_id),
            lambda _r: self._changed(_("Removed from the resource group.")),
        )

    def _changed(self, message: str) -> None:
        self.notify(message, markup=False)
        self.reload()

    def action_outcome(self) -> None:
        from tavla.screens.participant_forms import OutcomeDialog
        from tavla.store.outcomes import add_outcome

        today, store, code = self.app.today(), self.app.store, self.code

        def save(values: dict) -> None:
            add_outcome(
                store,
                code,
                values["kind"],
                values["items"],
                rated_on=values["rated_on"],
                staff=values["staff"],
                today=today,
            )

        self._open(
            lambda _c: OutcomeDialog(today, store.actor, self._submitter(save)),
            _("Score recorded."),
        )

    def action_meeting(self) -> None:
        from tavla.screens.participant_meetings import ParticipantMeetingDialog, recorder

        today, save, code = self.app.today(), recorder(self.app.store, self.code), self.code
        self._open(
            lambda contacts: ParticipantMeetingDialog(code, contacts, today, save),
            _("Meeting recorded."),
            contacts=True,
        )

    def action_discharge(self) -> None:
        r = self.record
        if r is None:
            return
        if r.discharged_on is not None:
            self._undo_discharge()
            return
        from tavla.screens.participant_forms import DischargeDialog
        from tavla.store.participants import discharge

        today, store, code = self.app.today(), self.app.store, self.code
        self._open(
            lambda _c: DischargeDialog(
                today,
                self._submitter(
                    lambda v: discharge(store, code, reason=v[0], note=v[1], on=v[2], today=today)
                ),
            ),
            _("Discharged; the participant has left the board."),
        )

    def _undo_discharge(self) -> None:
        from tavla.store.participants import undo_discharge

        store, code, today = self.app.store, self.code, self.app.today()
        self.change(
            lambda: undo_discharge(store, code, today=today),
            lambda _r: self._changed(_("Discharge undone.")),
        )
