"""Participants: enrolment (the basics for now), pseudonym codes, listing."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tavla.errors import NotFound, UserError
from tavla.i18n import _
from tavla.identity import normalise_identity_number
from tavla.store import audit

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.models import Participant

# Letters that cannot be mistaken for digits when read aloud or off a projector.
CODE_LETTERS = "ABCDEFGHJKLMNPRSTUVXYZ"
CODE_DIGITS = "23456789"
_CODE_FORM = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,11}$")
NAME_MAX = 200


@dataclass(frozen=True)
class ParticipantSummary:
    code: str
    name: str
    identity_number: str | None
    enrolled_on: date
    discharged_on: date | None


def normalise_code(code: str) -> str:
    return code.strip().upper()


def check_code(code: str) -> str:
    """A code chosen by a user: short, plain, carrying nothing that looks like a birth date."""
    code = normalise_code(code)
    if not _CODE_FORM.match(code):
        raise UserError(_("A code is 2–12 letters A–Z, digits and dashes, such as KM47."))
    if re.search(r"\d{6}", code):
        raise UserError(
            _("A code may not hold six digits in a row; it could carry a date of birth.")
        )
    return code


def new_code(taken: set[str]) -> str:
    while True:
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(2)) + "".join(
            secrets.choice(CODE_DIGITS) for _ in range(2)
        )
        if code not in taken:
            return code


def check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise UserError(_("The name may not be empty."))
    if len(name) > NAME_MAX:
        raise UserError(_("The name is longer than {n} characters.").format(n=NAME_MAX))
    return name


def add_participant(
    store: Store,
    name: str,
    *,
    enrolled_on: date,
    identity_number: str | None = None,
    code: str | None = None,
    region_coordinator_id: int | None = None,
    municipality_coordinator_id: int | None = None,
    main_responsibility: str | None = None,
) -> str:
    """Enrol a participant; returns the pseudonym code. Nothing is stored if anything is wrong."""
    from sqlmodel import select

    from tavla.store.models import Participant

    name = check_name(name)
    pnr = normalise_identity_number(identity_number) if identity_number else None
    wanted = check_code(code) if code else None
    if main_responsibility not in (None, "region", "municipality"):
        raise UserError(_("Main responsibility is region or municipality."))

    with store.write() as session:
        taken = set(session.exec(select(Participant.code)))
        if wanted and wanted in taken:
            raise UserError(_("The code {code} is already in use.").format(code=wanted))
        if (
            pnr
            and session.exec(
                select(Participant.id).where(Participant.identity_number == pnr)
            ).first()
        ):
            raise UserError(_("A participant with that identity number is already enrolled."))
        participant = Participant(
            code=wanted or new_code(taken),
            name=name,
            identity_number=pnr,
            enrolled_on=enrolled_on,
            region_coordinator_id=region_coordinator_id,
            municipality_coordinator_id=municipality_coordinator_id,
            main_responsibility=main_responsibility,
            created_at=audit.utcnow(),
        )
        session.add(participant)
        session.flush()
        audit.record(session, store.actor, "create", participant.id, "participant")
        return participant.code


def list_participants(
    store: Store, *, include_discharged: bool = False
) -> list[ParticipantSummary]:
    from sqlmodel import select

    from tavla.store.models import Participant

    with store.write() as session:
        query = select(Participant).order_by(Participant.code)
        if not include_discharged:
            query = query.where(Participant.discharged_on.is_(None))
        rows = [
            ParticipantSummary(
                code=p.code,
                name=p.name,
                identity_number=p.identity_number,
                enrolled_on=p.enrolled_on,
                discharged_on=p.discharged_on,
            )
            for p in session.exec(query)
        ]
        audit.record(session, store.actor, "list", None, "participants")
        return rows


def lock_by_code(session: Session, code: str) -> Participant:
    """The participant with `code`, locked for this transaction (PostgreSQL; SQLite is already)."""
    from sqlmodel import select

    from tavla.store.models import Participant

    wanted = normalise_code(code)
    participant = session.exec(
        select(Participant).where(Participant.code == wanted).with_for_update()
    ).first()
    if participant is None:
        raise NotFound(_("There is no participant with the code {code}.").format(code=wanted))
    return participant
