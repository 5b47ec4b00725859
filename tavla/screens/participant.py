"""The participant screen: what its keys do — the forms that correct the details, assign the
coordinators, record consent, SAMSA, interventions, the resource group, outcome ratings and
discharge. What it shows is `participant_view.ParticipantView`'s."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable

from tavla.i18n import _
from tavla.screens.participant_view import ParticipantView


class ParticipantScreen(ParticipantView):
    """A participant's record, and the keys that change it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Board")),
        Binding("e", "edit", _("Details")),
        Binding("a", "assign", _("Coordinators")),
        Binding("s", "consent", _("Consent")),
        Binding("r", "revoke", _("Revoke"), show=False),
        Binding("m", "samsa", _("SAMSA"), show=False),
        Binding("l", "sip", _("SIP")),
        Binding("b", "assessment", _("Needs")),
        Binding("i", "add_intervention", _("Intervention")),
        Binding("g", "add_member", _("Resource group")),
        Binding("o", "outcome", _("ORS/SRS")),
        Binding("t", "meeting", _("Meeting"), show=False),
        Binding("h", "event", _("Event"), show=False),
        Binding("u", "discharge", _("Discharge")),
    ]

    # --- actions ------------------------------------------------------------------------

    def _open(
        self, dialog_factory: Callable[[list], Screen], message: str, *, contacts: bool = False
    ) -> None:
        """Open a form (after loading the directory when it needs it)."""
        if self.record is None:
            return
        if contacts:
            self._with_contacts(dialog_factory, message)
        else:
            self.app.push_screen(dialog_factory([]), self.saved_then(message))

    def _with_contacts(self, dialog_factory: Callable[[list], Screen], message: str) -> None:
        from tavla.store.contacts import list_contacts

        store = self.app.store

        def open_form(contacts: list) -> None:  # on the loop; masked if it opens while presenting
            self.app.push_screen(dialog_factory(self.shown(contacts)), self.saved_then(message))

        self.load(lambda: list_contacts(store), open_form, group="contacts")

    @staticmethod
    def _submitter(save: Callable[[object], object]) -> Callable[[object], bool]:
        """Wrap a store call so the form's result says it was saved."""

        def submit(values: object) -> bool:
            save(values)
            return True

        return submit

    def _guarded(self, save: Callable[[object, object], object], seen: object):
        """`_submitter` for a store call that checks what the form showed (`seen`); see
        TavlaScreen.guarded. The record behind the form is reloaded after a conflict."""

        def saved(values: object, base: object) -> bool:
            save(values, base)
            return True

        return self.guarded(saved, seen)

    def action_sip(self) -> None:
        from tavla.screens.sip import SipScreen

        self.app.push_screen(SipScreen(self.code))

    def action_assessment(self) -> None:
        from tavla.screens.assessments import AssessmentScreen

        self.app.push_screen(AssessmentScreen(self.code))

    def action_edit(self) -> None:
        from tavla.screens.enrol import EnrolDialog
        from tavla.store.enrolment import Enrolment
        from tavla.store.participants import update_participant

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
        from tavla.screens.intervention_form import InterventionDialog, form_input
        from tavla.store.interventions import add_intervention, update_intervention

        r = self.record
        if r is None:
            return
        current = form_input(r.interventions, intervention_id)
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

    def action_event(self) -> None:
        from tavla.screens.participant_events import EventDialog, recorder

        today, code = self.app.today(), self.code
        save = recorder(self.app.store, code, today)
        self._open(lambda _c: EventDialog(code, today, save), _("Event recorded."))

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
