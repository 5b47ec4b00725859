"""The resource group: people the participant has chosen to gather around them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.privacy import Personal
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import audit
from tavla.store.checks import check_text
from tavla.store.contacts import ContactSummary, get_in, summary
from tavla.store.participants import lock_by_code

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store


@dataclass(frozen=True)
class Member:
    PERSONAL: ClassVar[dict[str, Personal]] = {"note": Personal.TEXT}

    contact: ContactSummary
    note: str
    added_on: date


def add_member(store: Store, code: str, contact_id: int, *, note: str = "", today: date) -> None:
    from sqlmodel import select

    from tavla.store.models import ResourceMember

    note = check_text(note, _("The note"))
    with store.write() as session:
        participant = lock_by_code(session, code)
        get_in(session, contact_id)
        exists = session.exec(
            select(ResourceMember.id).where(
                ResourceMember.participant_id == participant.id,
                ResourceMember.contact_id == contact_id,
            )
        ).first()
        if exists is not None:
            raise UserError(_("That contact is already in the resource group."))
        session.add(
            ResourceMember(
                participant_id=participant.id, contact_id=contact_id, note=note, added_on=today
            )
        )
        audit.record(session, store.actor, "update", participant.id, "resource group")


def remove_member(store: Store, code: str, contact_id: int) -> None:
    from sqlmodel import delete

    from tavla.store.models import ResourceMember

    with store.write() as session:
        participant = lock_by_code(session, code)
        removed = session.exec(
            delete(ResourceMember).where(
                ResourceMember.participant_id == participant.id,
                ResourceMember.contact_id == contact_id,
            )
        )
        if removed.rowcount == 0:
            raise UserError(_("That contact is not in the resource group."))
        audit.record(session, store.actor, "update", participant.id, "resource group")


def members(session: Session, participant_id: int) -> list[Member]:
    from sqlmodel import select

    from tavla.store.models import Contact, ResourceMember

    query = (
        select(ResourceMember, Contact)
        .join(Contact, Contact.id == ResourceMember.contact_id)
        .where(ResourceMember.participant_id == participant_id)
        .order_by(Contact.name)
    )
    return [Member(summary(contact), m.note, m.added_on) for m, contact in session.exec(query)]
