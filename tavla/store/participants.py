"""Participants: enrolment with the target-group checklist, coordinators, SAMSA, discharge,
listing, and finding one by code. What an enrolment must meet is `store.enrolment`; the
checks of names, texts and codes are `store.checks`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from tavla.domain.dates import not_in_future
from tavla.domain.municipality import in_municipality
from tavla.domain.privacy import Personal
from tavla.domain.vocabulary import MAIN_RESPONSIBILITY, DischargeReason, as_key
from tavla.errors import NotFound, UserError
from tavla.i18n import _
from tavla.store import audit, conflicts
from tavla.store.checks import check_code, check_text, new_code, normalise_code
from tavla.store.enrolment import Answer, Enrolment, check_enrolment

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.discharge_checklist import Confirmed
    from tavla.store.models import Participant
    from tavla.store.plain import Transaction

DISCHARGE_REASONS = tuple(DischargeReason)


@dataclass(frozen=True)
class ParticipantSummary:
    PERSONAL: ClassVar[dict[str, Personal]] = {
        "name": Personal.NAME,
        "identity_number": Personal.IDENTITY,
    }

    code: str
    name: str
    identity_number: str | None
    municipality: str
    enrolled_on: date
    discharged_on: date | None
    discharge_reason: DischargeReason | None


def _pnr_taken(session: Session, pnr: str | None, besides: int | None = None) -> bool:
    from sqlmodel import select

    from tavla.store.models import Participant

    if not pnr:
        return False
    query = select(Participant.id).where(Participant.identity_number == pnr)
    if besides is not None:
        query = query.where(Participant.id != besides)
    return session.exec(query).first() is not None


def _write_criteria(session: Session, participant_id: int, criteria: dict[str, Answer]) -> None:
    from sqlmodel import delete

    from tavla.store.models import Criterion

    session.exec(delete(Criterion).where(Criterion.participant_id == participant_id))
    for key, answer in criteria.items():
        session.add(
            Criterion(participant_id=participant_id, key=key, met=answer.met, note=answer.note)
        )


def add_participant(
    store: Store,
    name: str,
    *,
    enrolled_on: date,
    today: date | None = None,
    identity_number: str | None = None,
    code: str | None = None,
    municipality: str = "",
    criteria: dict[str, Answer] | None = None,
    criteria_exception: str = "",
) -> str:
    """Enrol a participant; returns the pseudonym code. Nothing is stored if anything is wrong."""
    from sqlmodel import select

    from tavla.store.models import Participant

    enrolment = check_enrolment(
        Enrolment(
            name, enrolled_on, identity_number, municipality, criteria or {}, criteria_exception
        ),
        store.template,
        today or date.today(),
    )
    wanted = check_code(code) if code else None
    with store.write() as session:
        taken = set(session.exec(select(Participant.code)))
        if wanted and wanted in taken:
            raise UserError(_("The code {code} is already in use.").format(code=wanted))
        if _pnr_taken(session, enrolment.identity_number):
            raise UserError(_("A participant with that identity number is already enrolled."))
        participant = Participant(
            code=wanted or new_code(taken),
            name=enrolment.name,
            identity_number=enrolment.identity_number,
            municipality=enrolment.municipality,
            enrolled_on=enrolment.enrolled_on,
            criteria_exception=enrolment.criteria_exception,
            created_at=audit.utcnow(),
        )
        session.add(participant)
        session.flush()
        _write_criteria(session, participant.id, enrolment.criteria)
        audit.record(session, store.actor, "create", participant.id, "participant")
        return participant.code


def update_participant(
    store: Store, code: str, enrolment: Enrolment, *, today: date, seen: Enrolment | None = None
) -> None:
    """Correct the details and checklist of an enrolment.

    `seen`: the details as the form showed them; if someone has changed them since, Conflict
    (store.conflicts). None: no such check (a one-off command).
    """
    enrolment = check_enrolment(enrolment, store.template, today)
    with store.write() as session:
        participant = lock_by_code(session, code)
        if seen is not None:
            now = _enrolment_of(session, participant)
            conflicts.check(session, seen, now, _enrolment_labels(), participant.id, "details")
        if _pnr_taken(session, enrolment.identity_number, besides=participant.id):
            raise UserError(_("A participant with that identity number is already enrolled."))
        participant.name = enrolment.name
        participant.identity_number = enrolment.identity_number
        participant.municipality = enrolment.municipality
        participant.enrolled_on = enrolment.enrolled_on
        participant.criteria_exception = enrolment.criteria_exception
        session.add(participant)
        _write_criteria(session, participant.id, enrolment.criteria)
        audit.record(session, store.actor, "update", participant.id, "details")


def _enrolment_of(session: Session, participant: Participant) -> Enrolment:
    from sqlmodel import select

    from tavla.store.models import Criterion

    rows = session.exec(select(Criterion).where(Criterion.participant_id == participant.id))
    return Enrolment(
        participant.name,
        participant.enrolled_on,
        participant.identity_number,
        participant.municipality,
        {row.key: Answer(row.met, row.note) for row in rows},
        participant.criteria_exception,
    )


def _enrolment_labels() -> dict[str, str]:
    return {
        "name": _("the name"),
        "enrolled_on": _("the enrolment date"),
        "identity_number": _("the identity number"),
        "municipality": _("the municipality"),
        "criteria": _("the target-group criteria"),
        "criteria_exception": _("the reason for the exception"),
    }


@dataclass(frozen=True)
class Coordinators:
    """Who is who around a participant (contact ids; None: nobody yet)."""

    region_coordinator_id: int | None = None
    municipality_coordinator_id: int | None = None
    region_colleague_id: int | None = None
    municipality_colleague_id: int | None = None
    care_contact_id: int | None = None
    main_responsibility: str | None = None


def assign_contacts(
    store: Store, code: str, who: Coordinators, *, seen: Coordinators | None = None
) -> None:
    """Set the coordinators, designated colleagues, main responsibility and care contact.

    `seen`: who they were as the form showed it; Conflict if someone has changed that since.
    """
    from tavla.store.models import Contact

    if who.main_responsibility not in (None, *MAIN_RESPONSIBILITY):
        raise UserError(_("Main responsibility is region or municipality."))
    roles = {
        "region_coordinator_id": ("region", _("The region's coordinator")),
        "region_colleague_id": ("region", _("The region's designated colleague")),
        "municipality_coordinator_id": ("municipality", _("The municipality's coordinator")),
        "municipality_colleague_id": (
            "municipality",
            _("The municipality's designated colleague"),
        ),
        "care_contact_id": (None, _("The permanent care contact")),
    }
    with store.write() as session:
        participant = lock_by_code(session, code)
        if seen is not None:
            now = Coordinators(*(getattr(participant, f.name) for f in fields(Coordinators)))
            labels = {key: label for key, (_principal, label) in roles.items()}
            labels["main_responsibility"] = _("The main responsibility")
            lowered = {key: label[:1].lower() + label[1:] for key, label in labels.items()}
            conflicts.check(session, seen, now, lowered, participant.id, "coordinators")
        for attribute, (principal, label) in roles.items():
            contact_id = getattr(who, attribute)
            if contact_id is not None:
                contact = session.get(Contact, contact_id)
                if contact is None:
                    raise NotFound(_("There is no contact number {id}.").format(id=contact_id))
                if principal is not None and contact.principal != principal:
                    message = (
                        _("{role} must be someone from the region.")
                        if principal == "region"
                        else _("{role} must be someone from the municipality.")
                    )
                    raise UserError(message.format(role=label))
            setattr(participant, attribute, contact_id)
        participant.main_responsibility = who.main_responsibility
        session.add(participant)
        audit.record(session, store.actor, "update", participant.id, "coordinators")


def mark_samsa(store: Store, code: str, *, on: date, today: date) -> None:
    """Record that the participant is marked in SAMSA, with the contact persons, and by whom."""
    not_in_future(on, today, _("The SAMSA date"))
    with store.write() as session:
        participant = lock_by_code(session, code)
        participant.samsa_marked_on = on
        participant.samsa_marked_by = store.actor
        session.add(participant)
        audit.record(session, store.actor, "update", participant.id, "samsa")


def discharge(
    store: Store,
    code: str,
    *,
    reason: str,
    note: str = "",
    on: date,
    today: date,
    confirmed: Confirmed | None = None,
) -> None:
    """End a participation. The checklist (store.discharge_checklist) is checked in the same
    transaction; with an item unchecked, `confirmed.reason` must say why."""
    from tavla.store.discharge_checklist import Confirmed, check_checklist, facts_of

    if reason not in DISCHARGE_REASONS:
        raise UserError(
            _("{text!r} is not a discharge reason; use {keys}.").format(
                text=reason, keys=", ".join(DISCHARGE_REASONS)
            )
        )
    note = check_text(note, _("The note"))
    if reason == "other" and not note:
        raise UserError(_("Say in the note why the participant is discharged."))
    not_in_future(on, today, _("The discharge date"))
    with store.write() as session:
        participant = lock_by_code(session, code)
        if participant.discharged_on is not None:
            raise UserError(_("{code} is already discharged.").format(code=participant.code))
        if on < participant.enrolled_on:
            raise UserError(_("The discharge date is before the enrolment date."))
        facts = facts_of(session, participant)
        done, why = check_checklist(facts, confirmed or Confirmed())
        participant.discharge_checked = done
        participant.discharge_last_sip_on = facts.last_sip_on
        participant.discharge_unchecked_reason = why
        participant.discharged_on = on
        participant.discharge_reason = reason
        participant.discharge_note = note
        participant.discharge_recorded_on = today
        session.add(participant)
        audit.record(session, store.actor, "discharge", participant.id, reason)


def undo_discharge(store: Store, code: str, *, today: date) -> None:
    """Take back a discharge recorded today (a mistake caught the same day)."""
    with store.write() as session:
        participant = lock_by_code(session, code)
        if participant.discharged_on is None:
            raise UserError(_("{code} is not discharged.").format(code=participant.code))
        if participant.discharge_recorded_on != today:
            raise UserError(_("A discharge can only be undone on the day it was recorded."))
        participant.discharged_on = None
        participant.discharge_reason = None
        participant.discharge_note = ""
        participant.discharge_recorded_on = None
        participant.discharge_checked = None
        participant.discharge_last_sip_on = None
        participant.discharge_unchecked_reason = ""
        session.add(participant)
        audit.record(session, store.actor, "undo-discharge", participant.id, "")


def list_participants(
    store: Store,
    *,
    include_discharged: bool = False,
    search: str = "",
    municipality: str | None = None,
) -> list[ParticipantSummary]:
    """Participants by code; `search` matches code or name, case-insensitively; with
    `municipality`, only that municipality's (domain.municipality). In plain SQL:
    `tavla participant list` needs no ORM."""
    wanted = search.strip().casefold()
    sql = (
        "SELECT code, name, identity_number, municipality, enrolled_on, discharged_on,"
        " discharge_reason FROM participant"
        + ("" if include_discharged else " WHERE discharged_on IS NULL")
        + " ORDER BY code"
    )
    with store.transaction() as transaction:
        rows = [
            ParticipantSummary(
                code=code,
                name=name,
                identity_number=identity_number,
                municipality=home,
                enrolled_on=transaction.date(enrolled_on),
                discharged_on=transaction.date(discharged_on),
                discharge_reason=as_key(DischargeReason, reason),
            )
            for code, name, identity_number, home, enrolled_on, discharged_on, reason in (
                transaction.all(sql)
            )
            if (not wanted or wanted in code.casefold() or wanted in name.casefold())
            and in_municipality(home, municipality)
        ]
        audit.log(transaction, store.actor, "list", None, "participants")
        return rows


class Located(NamedTuple):
    id: int
    code: str
    discharged_on: date | None


def locked(transaction: Transaction, code: str) -> Located:
    """`lock_by_code` in a plain-SQL transaction: the participant's id, code and discharge."""
    wanted = normalise_code(code)
    row = transaction.first(
        "SELECT id, code, discharged_on FROM participant WHERE code = ?" + transaction.for_update,
        (wanted,),
    )
    if row is None:
        raise NotFound(_("There is no participant with the code {code}.").format(code=wanted))
    return Located(row[0], row[1], transaction.date(row[2]))


def lock_by_code(session: Session, code: str) -> Participant:
    """The participant with `code`, locked for this transaction (PostgreSQL; SQLite is already)."""
    return by_code(session, code, lock=True)


def by_code(session: Session, code: str, *, lock: bool = False) -> Participant:
    from sqlmodel import select

    from tavla.store.models import Participant

    wanted = normalise_code(code)
    query = select(Participant).where(Participant.code == wanted)
    participant = session.exec(query.with_for_update() if lock else query).first()
    if participant is None:
        raise NotFound(_("There is no participant with the code {code}.").format(code=wanted))
    return participant
