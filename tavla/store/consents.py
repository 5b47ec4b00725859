"""Consent to share information between region and municipality; the newest one counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.dates import not_in_future
from tavla.domain.privacy import Personal
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import audit
from tavla.store.participants import check_text, lock_by_code

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.models import Participant


@dataclass(frozen=True)
class ConsentInput:
    given_on: date
    expires_on: date
    shares: str  # what may be shared
    withheld: str = ""  # what may not


@dataclass(frozen=True)
class ConsentSummary:
    PERSONAL: ClassVar[dict[str, Personal]] = {
        "shares": Personal.TEXT,
        "withheld": Personal.TEXT,
        "revoked_note": Personal.TEXT,
    }

    given_on: date
    expires_on: date
    shares: str
    withheld: str
    revoked_on: date | None
    revoked_note: str
    recorded_by: str


def check_consent(consent: ConsentInput, today: date) -> ConsentInput:
    not_in_future(consent.given_on, today, _("The consent date"))
    if consent.expires_on <= consent.given_on:
        raise UserError(_("The consent expires before it is given; check the dates."))
    shares = check_text(consent.shares, _("What may be shared"))
    if not shares:
        raise UserError(_("Say what may be shared between region and municipality."))
    withheld = check_text(consent.withheld, _("What may not be shared"))
    return ConsentInput(consent.given_on, consent.expires_on, shares, withheld)


def add_consent(store: Store, code: str, consent: ConsentInput, *, today: date) -> None:
    from tavla.store.models import Consent

    consent = check_consent(consent, today)
    with store.write() as session:
        participant = lock_by_code(session, code)
        session.add(
            Consent(
                participant_id=participant.id,
                given_on=consent.given_on,
                expires_on=consent.expires_on,
                shares=consent.shares,
                withheld=consent.withheld,
                recorded_by=store.actor,
                created_at=audit.utcnow(),
            )
        )
        session.flush()
        _refresh(session, participant)
        audit.record(session, store.actor, "create", participant.id, "consent")


def revoke_consent(store: Store, code: str, *, on: date, note: str = "", today: date) -> None:
    not_in_future(on, today, _("The revocation date"))
    note = check_text(note, _("The note"))
    with store.write() as session:
        participant = lock_by_code(session, code)
        current = _newest(session, participant.id)
        if current is None:
            raise UserError(_("{code} has no consent to revoke.").format(code=participant.code))
        if current.revoked_on is not None:
            raise UserError(_("The consent is already revoked."))
        if on < current.given_on:
            raise UserError(_("The consent cannot be revoked before it was given."))
        current.revoked_on = on
        current.revoked_note = note
        session.add(current)
        session.flush()
        _refresh(session, participant)
        audit.record(session, store.actor, "update", participant.id, "consent revoked")


def history(session: Session, participant_id: int) -> list[ConsentSummary]:
    """Newest first."""
    from sqlmodel import select

    from tavla.store.models import Consent

    query = (
        select(Consent)
        .where(Consent.participant_id == participant_id)
        .order_by(Consent.given_on.desc(), Consent.id.desc())
    )
    return [
        ConsentSummary(
            c.given_on,
            c.expires_on,
            c.shares,
            c.withheld,
            c.revoked_on,
            c.revoked_note,
            c.recorded_by,
        )
        for c in session.exec(query)
    ]


def _newest(session: Session, participant_id: int):
    from sqlmodel import select

    from tavla.store.models import Consent

    return session.exec(
        select(Consent)
        .where(Consent.participant_id == participant_id)
        .order_by(Consent.given_on.desc(), Consent.id.desc())
    ).first()


def _refresh(session: Session, participant: Participant) -> None:
    """Keep the participant row's consent summary (read by the board) in step."""
    newest = _newest(session, participant.id)
    participant.consent_given_on = newest.given_on if newest else None
    participant.consent_expires_on = newest.expires_on if newest else None
    participant.consent_revoked_on = newest.revoked_on if newest else None
    session.add(participant)
