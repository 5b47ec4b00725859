"""Interventions: what is done for a participant, by which principal, for which lanes, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.flags import Span, coverage_text
from tavla.domain.privacy import Personal
from tavla.domain.vocabulary import InterventionStatus, Principal
from tavla.errors import NotFound, UserError
from tavla.i18n import _
from tavla.store import audit, conflicts
from tavla.store.checks import NAME_MAX, check_text
from tavla.store.contacts import PRINCIPALS, get_in
from tavla.store.participants import by_code, lock_by_code

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.domain.template import BoardTemplate
    from tavla.store.database import Store
    from tavla.store.models import Intervention, Participant

STATUSES = tuple(InterventionStatus)


@dataclass(frozen=True)
class InterventionInput:
    what: str
    principal: str
    lanes: tuple[str, ...]
    started_on: date
    status: str = "ongoing"
    unit: str = ""
    responsible_id: int | None = None
    ended_on: date | None = None


@dataclass(frozen=True)
class InterventionSummary:
    PERSONAL: ClassVar[dict[str, Personal]] = {"what": Personal.FREE, "responsible": Personal.FREE}

    id: int
    code: str  # the participant's
    what: str
    principal: Principal
    unit: str
    lanes: tuple[str, ...]
    responsible: str  # the contact's name, or ""
    responsible_id: int | None
    started_on: date
    ended_on: date | None
    status: InterventionStatus

    def active_on(self, day: date) -> bool:
        return (
            self.status == "ongoing"
            and self.started_on <= day
            and (self.ended_on is None or day <= self.ended_on)
        )


def check_intervention(item: InterventionInput, template: BoardTemplate) -> InterventionInput:
    """The intervention as it will be stored, or UserError saying what to correct."""
    what = check_text(item.what, _("What is done"))
    if not what:
        raise UserError(_("Say what the intervention is."))
    if item.principal not in PRINCIPALS:
        raise UserError(_("An intervention needs a principal: region, municipality or other."))
    if not item.lanes:
        raise UserError(_("Choose the lane or lanes the intervention is for."))
    lanes = tuple(dict.fromkeys(template.lane(lane).key for lane in item.lanes))
    if item.status not in STATUSES:
        raise UserError(
            _("{text!r} is not a status; use {keys}.").format(
                text=item.status, keys=", ".join(STATUSES)
            )
        )
    if item.ended_on is not None and item.ended_on < item.started_on:
        raise UserError(_("The intervention ends before it starts; check the dates."))
    if item.status == "ended" and item.ended_on is None:
        raise UserError(_("Give the end date of an intervention that has ended."))
    unit = check_text(item.unit, _("The unit"))[:NAME_MAX]
    return InterventionInput(
        what,
        item.principal,
        lanes,
        item.started_on,
        item.status,
        unit,
        item.responsible_id,
        item.ended_on,
    )


def add_intervention(store: Store, code: str, item: InterventionInput) -> int:
    from tavla.store.models import Intervention

    item = check_intervention(item, store.template)
    with store.write() as session:
        participant = lock_by_code(session, code)
        if item.responsible_id is not None:
            get_in(session, item.responsible_id)
        row = Intervention(
            participant_id=participant.id, created_at=audit.utcnow(), **_columns(item)
        )
        session.add(row)
        session.flush()
        _refresh(session, participant)
        audit.record(session, store.actor, "create", participant.id, f"intervention {row.id}")
        return row.id


def update_intervention(
    store: Store,
    intervention_id: int,
    item: InterventionInput,
    *,
    seen: InterventionInput | None = None,
) -> None:
    """Change an intervention.

    `seen`: the intervention as the form showed it; Conflict (store.conflicts) if someone has
    changed it since. None: no such check.
    """
    from sqlmodel import select

    from tavla.store.models import Intervention, Participant

    item = check_intervention(item, store.template)
    with store.write() as session:
        row = session.get(Intervention, intervention_id, with_for_update=True)
        if row is None:
            raise NotFound(_("There is no intervention number {id}.").format(id=intervention_id))
        code = session.exec(select(Participant.code).where(Participant.id == row.participant_id))
        participant = lock_by_code(session, code.one())
        if seen is not None:
            now = _input_of(row)
            conflicts.check(session, seen, now, _labels(), participant.id, f"intervention {row.id}")
        if item.responsible_id is not None:
            get_in(session, item.responsible_id)
        for name, value in _columns(item).items():
            setattr(row, name, value)
        session.add(row)
        session.flush()
        _refresh(session, participant)
        audit.record(session, store.actor, "update", participant.id, f"intervention {row.id}")


def _columns(item: InterventionInput) -> dict:
    return {
        "what": item.what,
        "principal": item.principal,
        "unit": item.unit,
        "lanes": ",".join(item.lanes),
        "responsible_id": item.responsible_id,
        "started_on": item.started_on,
        "ended_on": item.ended_on,
        "status": item.status,
    }


def _input_of(row: Intervention) -> InterventionInput:
    """The intervention as stored, in the shape a form shows it."""
    s = _summary(row, "", None)
    return InterventionInput(
        s.what, s.principal, s.lanes, s.started_on, s.status, s.unit, s.responsible_id, s.ended_on
    )


def _labels() -> dict[str, str]:
    return {
        "what": _("what is done"),
        "principal": _("the principal"),
        "lanes": _("the lanes"),
        "started_on": _("the start date"),
        "status": _("the status"),
        "unit": _("the unit"),
        "responsible_id": _("who is responsible"),
        "ended_on": _("the end date"),
    }


def _summaries(session: Session, participant_id: int | None) -> list[InterventionSummary]:
    from sqlmodel import select

    from tavla.store.models import Contact, Intervention, Participant

    query = (
        select(Intervention, Participant.code, Contact.name)
        .join(Participant, Participant.id == Intervention.participant_id)
        .join(Contact, Contact.id == Intervention.responsible_id, isouter=True)
        .order_by(Participant.code, Intervention.started_on, Intervention.id)
    )
    if participant_id is not None:
        query = query.where(Intervention.participant_id == participant_id)
    return [_summary(row, code, name) for row, code, name in session.exec(query)]


def _summary(row: Intervention, code: str, responsible: str | None) -> InterventionSummary:
    return InterventionSummary(
        id=row.id,
        code=code,
        what=row.what,
        principal=Principal(row.principal),
        unit=row.unit,
        lanes=tuple(filter(None, row.lanes.split(","))),
        responsible=responsible or "",
        responsible_id=row.responsible_id,
        started_on=row.started_on,
        ended_on=row.ended_on,
        status=InterventionStatus(row.status),
    )


def list_interventions(store: Store, code: str | None = None) -> list[InterventionSummary]:
    """All interventions, or one participant's, by participant and start date."""
    with store.read_session() as session:
        participant_id = by_code(session, code).id if code else None
        return _summaries(session, participant_id)


def for_participant(session: Session, participant_id: int) -> list[InterventionSummary]:
    return _summaries(session, participant_id)


def _refresh(session: Session, participant: Participant) -> None:
    """Keep the participant row's coverage (ongoing interventions by lane) in step."""
    spans: dict[str, list[Span]] = {}
    for item in _summaries(session, participant.id):
        if item.status == "ongoing":
            for lane in item.lanes:
                spans.setdefault(lane, []).append((item.started_on, item.ended_on))
    participant.coverage = coverage_text(spans)
    session.add(participant)
