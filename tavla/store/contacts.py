"""Contacts: the directory of people and organisations around the participants."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.privacy import Personal
from tavla.domain.vocabulary import ContactKind, Principal
from tavla.errors import NotFound, UserError
from tavla.i18n import _
from tavla.store import audit, conflicts

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.models import Contact

PRINCIPALS = tuple(Principal)
KINDS = tuple(ContactKind)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{5,20}$")
FIELD_MAX = 200


@dataclass(frozen=True)
class ContactSummary:
    PERSONAL: ClassVar[dict[str, Personal]] = {
        "name": Personal.CONTACT,
        "phone": Personal.CONTACT,
        "email": Personal.CONTACT,
    }

    id: int
    name: str
    kind: ContactKind
    principal: Principal
    role: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ContactInput:
    name: str
    principal: str
    kind: str = "other"
    role: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""


def check_contact(contact: ContactInput) -> ContactInput:
    """The contact as it will be stored, or UserError saying what to correct. No database."""
    name = contact.name.strip()
    if not name:
        raise UserError(_("The name may not be empty."))
    if contact.principal not in PRINCIPALS:
        raise UserError(_("The principal is region, municipality or other."))
    if contact.kind not in KINDS:
        raise UserError(
            _("{text!r} is not a kind of contact; use {keys}.").format(
                text=contact.kind, keys=", ".join(KINDS)
            )
        )
    phone, email = contact.phone.strip(), contact.email.strip()
    if phone and not _PHONE.match(phone):
        raise UserError(_("{text!r} is not a phone number.").format(text=phone))
    if email and not _EMAIL.match(email):
        raise UserError(_("{text!r} is not an e-mail address.").format(text=email))
    fields = (name, contact.role.strip(), contact.organisation.strip())
    if any(len(text) > FIELD_MAX for text in fields):
        raise UserError(_("A field is longer than {n} characters.").format(n=FIELD_MAX))
    return ContactInput(name, contact.principal, contact.kind, fields[1], fields[2], phone, email)


def summary(contact: Contact) -> ContactSummary:
    return ContactSummary(
        id=contact.id,
        name=contact.name,
        kind=ContactKind(contact.kind),
        principal=Principal(contact.principal),
        role=contact.role,
        organisation=contact.organisation,
        phone=contact.phone,
        email=contact.email,
    )


def add_contact(
    store: Store,
    name: str,
    *,
    principal: str,
    kind: str = "other",
    role: str = "",
    organisation: str = "",
    phone: str = "",
    email: str = "",
) -> int:
    from tavla.store.models import Contact

    checked = check_contact(ContactInput(name, principal, kind, role, organisation, phone, email))
    with store.write() as session:
        contact = Contact(**checked.__dict__)
        session.add(contact)
        session.flush()
        audit.record(session, store.actor, "create", None, f"contact {contact.id}")
        return contact.id


def update_contact(
    store: Store, contact_id: int, contact: ContactInput, *, seen: ContactInput | None = None
) -> None:
    """Change a contact in the directory.

    `seen`: the contact as the form showed it; Conflict (store.conflicts) if someone has
    changed it since. None: no such check.
    """
    checked = check_contact(contact)
    with store.write() as session:
        existing = get_in(session, contact_id, lock=True)
        if seen is not None:
            now = ContactInput(
                existing.name,
                existing.principal,
                existing.kind,
                existing.role,
                existing.organisation,
                existing.phone,
                existing.email,
            )
            conflicts.check(session, seen, now, _labels(), None, f"contact {contact_id}")
        for name, value in checked.__dict__.items():
            setattr(existing, name, value)
        session.add(existing)
        audit.record(session, store.actor, "update", None, f"contact {contact_id}")


def _labels() -> dict[str, str]:
    return {
        "name": _("the name"),
        "principal": _("the principal"),
        "kind": _("the kind"),
        "role": _("the role"),
        "organisation": _("the organisation"),
        "phone": _("the phone number"),
        "email": _("the e-mail address"),
    }


def get_in(session: Session, contact_id: int, *, lock: bool = False) -> Contact:
    from tavla.store.models import Contact

    contact = session.get(Contact, contact_id, with_for_update=lock)
    if contact is None:
        raise NotFound(_("There is no contact number {id}.").format(id=contact_id))
    return contact


def list_contacts(store: Store, *, kind: str | None = None) -> list[ContactSummary]:
    """The directory by name; `kind` narrows to one kind (searching is by the words shown:
    `tavla.render.contact.matches`)."""
    from sqlmodel import select

    from tavla.store.models import Contact

    with store.read_session() as session:
        rows = [summary(c) for c in session.exec(select(Contact).order_by(Contact.name))]
    return [c for c in rows if kind is None or c.kind == kind]
