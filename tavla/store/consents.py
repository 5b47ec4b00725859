"""Consent to share information between region and municipality; the newest one counts.

A consent says which parties it covers (`PARTIES`) and how it was given (`FORMS`), and who
recorded it (the store's actor).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.dates import not_in_future
from tavla.domain.privacy import Personal
from tavla.domain.vocabulary import ConsentForm, ConsentParty, as_key
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import audit
from tavla.store.checks import check_text
from tavla.store.participants import lock_by_code

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.models import Participant


PARTIES = tuple(ConsentParty)
BOTH_PRINCIPALS = (ConsentParty.REGION, ConsentParty.MUNICIPALITY)
FORMS = tuple(ConsentForm)
NOT_RECORDED = ""  # the form of a consent recorded before tavla asked (migration 0007)

# What may be typed for a party or a form besides its key: the Swedish words.
_PARTY_WORDS = {
    "kommun": "municipality",
    "kommunen": "municipality",
    "regionen": "region",
    "primärvård": "primary_care",
    "primärvården": "primary_care",
    "försäkringskassan": "social_insurance",
    "frivården": "probation",
    "annan": "other",
    "annat": "other",
}
_FORM_WORDS = {
    "skriftligt": "written",
    "skriftlig": "written",
    "muntligt": "oral",
    "muntlig": "oral",
}


def parse_parties(text: str) -> tuple[str, ...]:
    """Comma-separated parties, by key or Swedish name ("region,kommun,frivården"), as keys
    in `PARTIES` order; UserError naming what is not a party."""
    keys = []
    for word in text.split(","):
        word = word.strip().lower()
        if word:
            keys.append(_PARTY_WORDS.get(word, word))
    return check_parties(keys)


def parse_form(text: str) -> str:
    """ "written" or "oral" (or the Swedish "skriftligt", "muntligt"); UserError otherwise."""
    word = text.strip().lower()
    return check_form(_FORM_WORDS.get(word, word))


def check_parties(keys) -> tuple[str, ...]:
    for key in keys:
        if key not in PARTIES:
            raise UserError(
                _("{text!r} is not a party; use {keys}.").format(text=key, keys=", ".join(PARTIES))
            )
    if not keys:
        raise UserError(_("Say which parties the consent covers."))
    return tuple(key for key in PARTIES if key in keys)


def check_form(form: str) -> str:
    if form not in FORMS:
        raise UserError(_("Say whether the consent was given in writing or orally."))
    return form


@dataclass(frozen=True)
class ConsentInput:
    given_on: date
    expires_on: date
    shares: str  # what may be shared
    withheld: str = ""  # what may not
    parties: tuple[str, ...] = BOTH_PRINCIPALS  # keys of PARTIES
    form: str = "written"  # one of FORMS


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
    parties: tuple[str, ...] = BOTH_PRINCIPALS
    form: str = NOT_RECORDED


def check_consent(consent: ConsentInput, today: date) -> ConsentInput:
    not_in_future(consent.given_on, today, _("The consent date"))
    if consent.expires_on <= consent.given_on:
        raise UserError(_("The consent expires before it is given; check the dates."))
    shares = check_text(consent.shares, _("What may be shared"))
    if not shares:
        raise UserError(_("Say what may be shared between region and municipality."))
    withheld = check_text(consent.withheld, _("What may not be shared"))
    parties = check_parties(consent.parties)
    form = check_form(consent.form)
    return ConsentInput(consent.given_on, consent.expires_on, shares, withheld, parties, form)


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
                parties=",".join(consent.parties),
                form=consent.form,
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
            tuple(as_key(ConsentParty, key) for key in c.parties.split(",") if key),
            as_key(ConsentForm, c.form) or NOT_RECORDED,
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
