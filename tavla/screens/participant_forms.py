"""The smaller forms of the participant screen: who is who, consent, SAMSA, discharge,
resource group, ORS/SRS."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, RadioButton, RadioSet, Static

from tavla.domain.vocabulary import MAIN_RESPONSIBILITY, OutcomeKind
from tavla.errors import UserError
from tavla.i18n import _
from tavla.render.labels import label_for, outcome_items
from tavla.screens.form import DATE_HINT, FormDialog, contact_select, principal_buttons
from tavla.store.consents import (
    BOTH_PRINCIPALS,
    FORMS,
    PARTIES,
    ConsentInput,
)
from tavla.store.contacts import ContactSummary
from tavla.store.participants import DISCHARGE_REASONS, Coordinators
from tavla.widgets.select import SelectionList


def _id(contact: ContactSummary | None) -> int | None:
    return contact.id if contact else None


class CoordinatorsDialog(FormDialog[None]):
    personal = False  # staff; relatives in the lists are masked while presenting

    def __init__(
        self,
        contacts: list[ContactSummary],
        current: Coordinators,
        submit: Callable[[Coordinators], None],
    ) -> None:
        super().__init__(_("Coordinators and care contact"), submit)
        self.contacts = contacts
        self.current = current

    def fields(self) -> ComposeResult:
        now, contacts = self.current, self.contacts
        for label, widget_id, value, principal in (
            (_("Region: coordinator"), "region", now.region_coordinator_id, "region"),
            (
                _("Region: designated colleague"),
                "region-colleague",
                now.region_colleague_id,
                "region",
            ),
            (
                _("Municipality: coordinator"),
                "municipality",
                now.municipality_coordinator_id,
                "municipality",
            ),
            (
                _("Municipality: designated colleague"),
                "municipality-colleague",
                now.municipality_colleague_id,
                "municipality",
            ),
            (_("Permanent care contact"), "care", now.care_contact_id, None),
        ):
            yield self.label(label)
            yield contact_select(contacts, value, widget_id, principal=principal)
        yield self.label(_("Main responsibility"))
        with RadioSet(id="main", compact=True):
            yield from principal_buttons(MAIN_RESPONSIBILITY, now.main_responsibility)
        yield Static(
            Text(_("Add people in the contacts directory (c on the board).")), classes="hint"
        )

    def values(self) -> Coordinators:
        return Coordinators(
            region_coordinator_id=self.choice_of("region"),
            municipality_coordinator_id=self.choice_of("municipality"),
            region_colleague_id=self.choice_of("region-colleague"),
            municipality_colleague_id=self.choice_of("municipality-colleague"),
            care_contact_id=self.choice_of("care"),
            main_responsibility=self.pressed_of("main"),
        )


class ConsentDialog(FormDialog[None]):
    def __init__(self, today: date, submit: Callable[[ConsentInput], None]) -> None:
        super().__init__(_("Record consent to share information"), submit)
        self.today = today

    def fields(self) -> ComposeResult:
        with Horizontal(classes="row"):
            yield self.label(_("Given on"))
            yield self.label(_("Expires on"))
        with Horizontal(classes="row"):
            yield Input(self.today.isoformat(), placeholder=DATE_HINT, id="given", compact=True)
            yield Input(placeholder=DATE_HINT, id="expires", compact=True)
        yield self.label(_("Between whom (space ticks)"))
        yield SelectionList[str](
            *((Text(label_for(key)), key, key in BOTH_PRINCIPALS) for key in PARTIES),
            id="parties",
            compact=True,
        )
        yield self.label(_("How it was given"))
        with RadioSet(id="form", compact=True):
            for key in FORMS:
                yield RadioButton(label_for(key), name=key)
        yield self.label(_("What may be shared between them"))
        yield Input(id="shares", compact=True)
        yield self.label(_("What may not be shared"))
        yield Input(id="withheld", compact=True)

    def values(self) -> ConsentInput:
        return ConsentInput(
            given_on=self.date_of("given", _("The consent date")),
            expires_on=self.date_of("expires", _("The expiry date")),
            shares=self.text_of("shares"),
            withheld=self.text_of("withheld"),
            parties=self.chosen("parties"),
            form=self.pressed_of("form") or "",
        )


class DatedNoteDialog(FormDialog[None]):
    """A date and a note: revoking consent, marking in SAMSA."""

    def __init__(
        self,
        title: str,
        today: date,
        submit: Callable[[tuple[date, str]], None],
        *,
        with_note: bool = True,
    ) -> None:
        super().__init__(title, submit)
        self.today = today
        self.with_note = with_note

    def fields(self) -> ComposeResult:
        yield self.label(_("Date"))
        yield Input(self.today.isoformat(), placeholder=DATE_HINT, id="on", compact=True)
        if self.with_note:
            yield self.label(_("Note"))
            yield Input(id="note", compact=True)

    def values(self) -> tuple[date, str]:
        note = self.text_of("note") if self.with_note else ""
        return self.date_of("on", _("Date")), note


class DischargeDialog(FormDialog[None]):
    def __init__(self, today: date, submit: Callable[[tuple[str, str, date]], None]) -> None:
        super().__init__(_("Discharge from the programme"), submit)
        self.today = today

    def fields(self) -> ComposeResult:
        yield self.label(_("Reason"))
        with RadioSet(id="reason", compact=True):
            for reason in DISCHARGE_REASONS:
                yield RadioButton(Text(label_for(reason)), name=reason)
        yield self.label(_("Note (needed for another reason)"))
        yield Input(id="note", compact=True)
        yield self.label(_("Discharge date"))
        yield Input(self.today.isoformat(), placeholder=DATE_HINT, id="on", compact=True)
        yield Static(Text(_("A discharge can be undone on the same day.")), classes="hint")

    def values(self) -> tuple[str, str, date]:
        reason = self.pressed_of("reason")
        if reason is None:
            raise UserError(_("Choose the reason for the discharge."))
        return reason, self.text_of("note"), self.date_of("on", _("The discharge date"))


class MemberDialog(FormDialog[None]):
    def __init__(
        self, contacts: list[ContactSummary], submit: Callable[[tuple[int, str]], None]
    ) -> None:
        super().__init__(_("Add to the resource group"), submit)
        self.contacts = contacts

    def fields(self) -> ComposeResult:
        yield self.label(_("Who (chosen by the person)"))
        yield contact_select(self.contacts, None, "member")
        yield self.label(_("Note"))
        yield Input(id="note", compact=True)

    def values(self) -> tuple[int, str]:
        member = self.choice_of("member")
        if member is None:
            raise UserError(_("Choose a contact."))
        return member, self.text_of("note")


class OutcomeDialog(FormDialog[None]):
    personal = False  # four numbers, a date and who rated

    def __init__(self, today: date, staff: str, submit: Callable[[dict[str, Any]], None]) -> None:
        super().__init__(_("Record an ORS or SRS score"), submit)
        self.today = today
        self.staff = staff

    def fields(self) -> ComposeResult:
        yield self.label(_("Scale"))
        with RadioSet(id="kind", compact=True):
            yield RadioButton(_("ORS (start of the session)"), value=True, name="ors")
            yield RadioButton(_("SRS (end of the session)"), name="srs")
        yield self.label(_("Four items, 0–10 each"))
        with Horizontal(classes="row"):
            for n, text in enumerate(outcome_items(OutcomeKind.ORS), start=1):
                yield Static(
                    Text(f"{n}. {text} / {outcome_items(OutcomeKind.SRS)[n - 1]}"), classes="hint"
                )
        with Horizontal(classes="row"):
            for n in range(1, 5):
                yield Input(placeholder="0–10", id=f"item{n}", type="integer", compact=True)
        with Horizontal(classes="row"):
            yield self.label(_("Date"))
            yield self.label(_("Staff member"))
        with Horizontal(classes="row"):
            yield Input(self.today.isoformat(), placeholder=DATE_HINT, id="on", compact=True)
            yield Input(self.staff, id="staff", compact=True)

    def values(self) -> dict[str, Any]:
        items = []
        for n in range(1, 5):
            text = self.text_of(f"item{n}").strip()
            try:
                items.append(int(text))
            except ValueError:
                raise UserError(_("Give all four items, 0–10 each.")) from None
        return {
            "kind": self.pressed_of("kind") or "ors",
            "items": items,
            "rated_on": self.date_of("on", _("The rating date")),
            "staff": self.text_of("staff"),
        }
