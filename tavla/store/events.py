"""Events in a participant's life: inpatient stays (under LPT, LVM or LRV or none), emergency
visits, crises with police or ambulance, evictions. The pilot is judged by whether they become
fewer after enrolment (the follow-up figures count them); the chart draws them by week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.dates import not_in_future
from tavla.domain.privacy import Personal
from tavla.domain.vocabulary import CareLaw, EventKind, as_key
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import audit
from tavla.store.checks import TEXT_MAX, check_text
from tavla.store.participants import by_code, lock_by_code

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.models import Event

KINDS = tuple(EventKind)
LAWS = tuple(CareLaw)


@dataclass(frozen=True)
class EventSummary:
    PERSONAL: ClassVar[dict[str, Personal]] = {"note": Personal.TEXT}

    id: int
    code: str
    kind: EventKind
    happened_on: date
    until: date | None  # the last day of an inpatient stay, when known
    law: CareLaw | None
    note: str
    recorded_by: str


def check_event(
    kind: str, happened_on: date, until: date | None, law: str | None, today: date
) -> None:
    """UserError, in one sentence, for an event that cannot be recorded."""
    if kind not in KINDS:
        raise UserError(
            _("{text!r} is not a kind of event; use {keys}.").format(
                text=kind, keys=", ".join(KINDS)
            )
        )
    not_in_future(happened_on, today, _("The event's date"))
    if law and law not in LAWS:
        raise UserError(
            _("{text!r} is not a law of compulsory care; use {keys}.").format(
                text=law, keys=", ".join(LAWS)
            )
        )
    if kind != EventKind.INPATIENT and (until is not None or law):
        raise UserError(_("Only an inpatient stay has an end date or a law of compulsory care."))
    if until is not None and until < happened_on:
        raise UserError(_("The stay cannot end before it began."))


def add_event(
    store: Store,
    code: str,
    kind: str,
    happened_on: date,
    *,
    until: date | None = None,
    law: str | None = None,
    note: str = "",
    today: date,
) -> int:
    """Record an event for participant `code`; its id. Logged like every write."""
    from tavla.store.models import Event

    check_event(kind, happened_on, until, law, today)
    note = check_text(note, _("The note"))[:TEXT_MAX]
    with store.write() as session:
        participant = lock_by_code(session, code)
        event = Event(
            participant_id=participant.id,
            kind=EventKind(kind),
            happened_on=happened_on,
            until=until,
            law=law or "",
            note=note,
            recorded_by=store.actor,
            created_at=audit.utcnow(),
        )
        session.add(event)
        session.flush()
        audit.record(session, store.actor, "create", participant.id, f"event {kind}")
        return event.id


def events_of(session: Session, participant_id: int, code: str) -> list[EventSummary]:
    """A participant's events, newest first."""
    from sqlmodel import select

    from tavla.store.models import Event

    query = (
        select(Event)
        .where(Event.participant_id == participant_id)
        .order_by(Event.happened_on.desc(), Event.id.desc())
    )
    return [_summary(event, code) for event in session.exec(query)]


def list_events(store: Store, code: str | None = None) -> list[EventSummary]:
    """Events, newest first: one participant's, or everyone's. Listing them is logged."""
    from sqlmodel import select

    from tavla.store.models import Event, Participant

    with store.write() as session:  # a write: the reading goes into the access log
        if code is not None:
            participant = by_code(session, code)
            events = events_of(session, participant.id, participant.code)
            audit.record(session, store.actor, "list", participant.id, "events")
            return events
        rows = session.exec(
            select(Event, Participant.code)
            .join(Participant, Participant.id == Event.participant_id)
            .order_by(Event.happened_on.desc(), Event.id.desc())
        )
        events = [_summary(event, found) for event, found in rows]
        audit.record(session, store.actor, "list", None, "events")
        return events


def _summary(event: Event, code: str) -> EventSummary:
    return EventSummary(
        id=event.id,
        code=code,
        kind=as_key(EventKind, event.kind),
        happened_on=event.happened_on,
        until=event.until,
        law=as_key(CareLaw, event.law or None),
        note=event.note,
        recorded_by=event.recorded_by,
    )
