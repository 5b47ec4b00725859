"""The participant screen: details, target group, consent, who is who, the lanes over time
with the interventions, the resource group and the outcome ratings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from tavla.display import one_line
from tavla.errors import UserError
from tavla.i18n import _
from tavla.screens.base import TavlaScreen, open_over, still_shown
from tavla.screens.participant_text import details_text, people_text, target_group_text
from tavla.store.interventions import InterventionInput, status_label
from tavla.store.record import ParticipantRecord, get_record
from tavla.widgets.lane_cell import LevelStyles
from tavla.widgets.lane_chart import lane_chart
from tavla.widgets.ors_chart import ors_chart
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
        self.record: ParticipantRecord | None = None

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
            yield Label(_("Resource group (Delete removes the highlighted member)"),
                        classes="section")  # fmt: skip
            yield Table(id="members", cursor_type="row", zebra_stripes=True)
            yield Label(_("Outcome ratings"), classes="section")
            yield Static(id="outcomes")
        yield Footer()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())
        self.query_one("#interventions", DataTable).add_columns(
            _("No."), _("What"), _("Principal"), _("Lanes"), _("Responsible"), _("From"),
            _("To"), _("Status"),
        )  # fmt: skip
        self.query_one("#members", DataTable).add_columns(_("Who"), _("Kind"), _("Note"))

    def reload(self) -> None:
        self._load(log=self.record is None)  # opening the screen is a read of the record

    # --- loading and drawing ------------------------------------------------------------

    @work(thread=True, exclusive=True, group="record")
    def _load(self, log: bool) -> None:
        try:
            record = get_record(self.app.store, self.code, log=log)
        except UserError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, record)

    def _show(self, record: ParticipantRecord) -> None:
        if not still_shown(self):
            return
        self.record = record
        self.redraw()

    def redraw(self) -> None:
        record = self.record
        if record is None:
            return
        app = self.app
        styles = LevelStyles.from_theme(app.template, app.theme_variables)
        hide = app.presentation
        today = app.today()
        self.query_one("#header", Static).update(details_text(record, hide))
        self.query_one("#chart", Static).update(lane_chart(record, app.template, styles, today))
        self.query_one("#target-group", Static).update(
            target_group_text(record, app.template, hide, today)
        )
        self.query_one("#people", Static).update(people_text(record, hide))
        self.query_one("#outcomes", Static).update(ors_chart(record.outcomes, styles))
        self._fill_interventions(record)
        self._fill_members(record, hide)

    def _fill_interventions(self, record: ParticipantRecord) -> None:
        table = self.query_one("#interventions", DataTable)
        keep = table.cursor_row
        table.clear()
        principals = {"region": _("region"), "municipality": _("municipality"), "other": _("other")}
        for item in record.interventions:
            lanes = ", ".join(self.app.template.lane(lane).label for lane in item.lanes)
            table.add_row(
                str(item.id), Text(one_line(item.what, 40)),
                Text(principals.get(item.principal, item.principal) + (
                    f", {one_line(item.unit)}" if item.unit else "")),
                Text(lanes), Text(one_line(item.responsible) or "–"), item.started_on.isoformat(),
                item.ended_on.isoformat() if item.ended_on else "…", status_label(item.status),
                key=str(item.id),
            )  # fmt: skip
        if record.interventions:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def _fill_members(self, record: ParticipantRecord, hide: bool) -> None:
        from tavla.store.contacts import kind_label

        table = self.query_one("#members", DataTable)
        table.clear()
        for member in record.resource_group:
            contact = member.contact
            # Relatives are private people: on a shared screen only their role shows.
            name = "–" if hide and contact.kind == "relative" else one_line(contact.name)
            note = "" if hide else one_line(member.note, 50)
            table.add_row(Text(name), kind_label(contact.kind), Text(note), key=str(contact.id))

    # --- actions ------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def _open(self, dialog_factory: Callable[[list], Screen], message: str, *,
              contacts: bool = False) -> None:  # fmt: skip
        """Open a form (after loading the directory when it needs it)."""
        if self.record is None:
            return
        if contacts:
            self._with_contacts(dialog_factory, message)
        else:
            self.app.push_screen(dialog_factory([]), self._after_form(message))

    @work(thread=True, group="contacts")
    def _with_contacts(self, dialog_factory: Callable[[list], Screen], message: str) -> None:
        from tavla.store.contacts import list_contacts

        contacts = list_contacts(self.app.store)
        self.app.call_from_thread(
            open_over, self, dialog_factory(contacts), self._after_form(message)
        )

    def _after_form(self, message: str) -> Callable[[object], None]:
        def done(saved: object) -> None:
            if saved:  # None: the form was cancelled
                self.notify(message, markup=False)
                self._load(log=False)

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

        return guarded(saved, seen, lambda: self.app.call_from_thread(self._load, log=False))

    def action_sip(self) -> None:
        from tavla.screens.sip import SipScreen

        self.app.push_screen(SipScreen(self.code))

    def action_edit(self) -> None:
        from tavla.screens.enrol import EnrolDialog
        from tavla.store.participants import Enrolment, update_participant

        r = self.record
        if r is None:
            return
        current = Enrolment(r.name, r.enrolled_on, r.identity_number, r.municipality,
                            r.criteria, r.criteria_exception)  # fmt: skip
        today = self.app.today()
        store = self.app.store
        self._open(
            lambda _contacts: EnrolDialog(
                self.app.template, today,
                self._guarded(
                    lambda e, seen: update_participant(store, r.code, e, today=today, seen=seen),
                    current,
                ),
                current,
            ),
            _("Details saved."),
        )  # fmt: skip

    def action_assign(self) -> None:
        from tavla.screens.participant_forms import CoordinatorsDialog
        from tavla.store.participants import Coordinators, assign_contacts

        r = self.record
        if r is None:
            return

        def ident(contact) -> int | None:
            return contact.id if contact else None

        current = Coordinators(
            ident(r.region_coordinator), ident(r.municipality_coordinator),
            ident(r.region_colleague), ident(r.municipality_colleague), ident(r.care_contact),
            r.main_responsibility,
        )  # fmt: skip
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
                _("Revoke the consent"), today,
                self._submitter(lambda v: revoke_consent(store, code, on=v[0], note=v[1],
                                                         today=today)),
            ),
            _("Consent revoked."),
        )  # fmt: skip

    def action_samsa(self) -> None:
        from tavla.screens.participant_forms import DatedNoteDialog
        from tavla.store.participants import mark_samsa

        today, store, code = self.app.today(), self.app.store, self.code
        self._open(
            lambda _c: DatedNoteDialog(
                _("Marked in SAMSA, with the contact persons"), today,
                self._submitter(lambda v: mark_samsa(store, code, on=v[0], today=today)),
                with_note=False,
            ),
            _("SAMSA marking recorded."),
        )  # fmt: skip

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
                current = InterventionInput(item.what, item.principal, item.lanes,
                                            item.started_on, item.status, item.unit,
                                            item.responsible_id, item.ended_on)  # fmt: skip
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
            contact_id = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
            self._remove_member(contact_id)

    @work(thread=True, group="record-write")
    def _remove_member(self, contact_id: int) -> None:
        from tavla.store.resource_group import remove_member

        try:
            remove_member(self.app.store, self.code, contact_id)
        except UserError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, _("Removed from the resource group."), markup=False)
        self._load(log=False)

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

    @work(thread=True, group="record-write")
    def _undo_discharge(self) -> None:
        from tavla.store.participants import undo_discharge

        try:
            undo_discharge(self.app.store, self.code, today=self.app.today())
        except UserError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, _("Discharge undone."), markup=False)
        self._load(log=False)
