"""Contacts: for now the coordinators the board shows (the full directory comes with its screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import audit

if TYPE_CHECKING:
    from tavla.store.database import Store

PRINCIPALS = ("region", "municipality", "other")


def add_contact(
    store: Store, name: str, *, principal: str, role: str = "", organisation: str = ""
) -> int:
    from tavla.store.models import Contact

    name = name.strip()
    if not name:
        raise UserError(_("The name may not be empty."))
    if principal not in PRINCIPALS:
        raise UserError(_("The principal is region, municipality or other."))
    with store.write() as session:
        contact = Contact(name=name, principal=principal, role=role, organisation=organisation)
        session.add(contact)
        session.flush()
        audit.record(session, store.actor, "create", None, f"contact {contact.id}")
        return contact.id
