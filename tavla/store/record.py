"""A participant's whole record, for the participant screen and `tavla participant show`.

Reading it is logged: opening someone's record is what the access log is for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.privacy import Personal
from tavla.domain.vocabulary import DischargeReason, Principal, as_key
from tavla.store import audit
from tavla.store.consents import ConsentSummary
from tavla.store.consents import history as consent_history
from tavla.store.contacts import ContactSummary, summary
from tavla.store.enrolment import Answer
from tavla.store.events import EventSummary, events_of
from tavla.store.interventions import InterventionSummary, for_participant
from tavla.store.lane_state import monday
from tavla.store.meetings import MeetingSummary, meetings_of
from tavla.store.outcomes import OutcomeSummary
from tavla.store.outcomes import history as outcome_history
from tavla.store.participants import by_code
from tavla.store.resource_group import Member, members

if TYPE_CHECKING:
    from tavla.store.database import Store

WEEKS_KEPT = 104  # the chart reaches back two years at most


@dataclass(frozen=True)
class WeeklyLevel:
    week: date  # the Monday of the ISO week
    level: int | None  # None: not known
    need: str | None


@dataclass(frozen=True)
class ParticipantRecord:
    PERSONAL: ClassVar[dict[str, Personal]] = {
        "name": Personal.NAME,
        "identity_number": Personal.IDENTITY,
        "criteria_exception": Personal.TEXT,
        "discharge_note": Personal.TEXT,
    }

    code: str
    name: str
    identity_number: str | None
    municipality: str
    enrolled_on: date
    criteria: dict[str, Answer]
    criteria_exception: str
    discharged_on: date | None
    discharge_reason: DischargeReason | None
    discharge_note: str
    discharge_recorded_on: date | None
    samsa_marked_on: date | None
    samsa_marked_by: str
    region_coordinator: ContactSummary | None
    municipality_coordinator: ContactSummary | None
    region_colleague: ContactSummary | None
    municipality_colleague: ContactSummary | None
    care_contact: ContactSummary | None
    main_responsibility: Principal | None
    consents: list[ConsentSummary]  # newest first
    resource_group: list[Member]
    interventions: list[InterventionSummary]
    outcomes: list[OutcomeSummary]  # oldest first
    meetings: list[MeetingSummary]  # their own meetings (resource group, SIP, …), newest first
    weekly: dict[str, list[WeeklyLevel]]  # by lane, oldest first, one per rated week
    events: list[EventSummary]  # inpatient stays, emergency visits, crises…, newest first


def get_record(store: Store, code: str, *, log: bool = True) -> ParticipantRecord:
    """The whole record. `log=False` only for refreshing a record already opened (and logged)."""
    from sqlmodel import select

    from tavla.store.models import Contact, Criterion, Rating

    with store.write() as session:  # a write: the reading goes into the access log
        p = by_code(session, code)

        def contact(contact_id: int | None) -> ContactSummary | None:
            found = session.get(Contact, contact_id) if contact_id is not None else None
            return summary(found) if found is not None else None

        criteria = {
            c.key: Answer(c.met, c.note)
            for c in session.exec(select(Criterion).where(Criterion.participant_id == p.id))
        }
        weekly: dict[str, dict[date, WeeklyLevel]] = defaultdict(dict)
        ratings = session.exec(
            select(Rating.lane, Rating.rated_on, Rating.level, Rating.need)
            .where(Rating.participant_id == p.id)
            .order_by(Rating.rated_on, Rating.id)
        )
        for lane, rated_on, level, need in ratings:  # the newest rating of a week wins
            weekly[lane][monday(rated_on)] = WeeklyLevel(monday(rated_on), level, need)
        record = ParticipantRecord(
            code=p.code,
            name=p.name,
            identity_number=p.identity_number,
            municipality=p.municipality,
            enrolled_on=p.enrolled_on,
            criteria=criteria,
            criteria_exception=p.criteria_exception,
            discharged_on=p.discharged_on,
            discharge_reason=as_key(DischargeReason, p.discharge_reason),
            discharge_note=p.discharge_note,
            discharge_recorded_on=p.discharge_recorded_on,
            samsa_marked_on=p.samsa_marked_on,
            samsa_marked_by=p.samsa_marked_by,
            region_coordinator=contact(p.region_coordinator_id),
            municipality_coordinator=contact(p.municipality_coordinator_id),
            region_colleague=contact(p.region_colleague_id),
            municipality_colleague=contact(p.municipality_colleague_id),
            care_contact=contact(p.care_contact_id),
            main_responsibility=as_key(Principal, p.main_responsibility),
            consents=consent_history(session, p.id),
            resource_group=members(session, p.id),
            interventions=for_participant(session, p.id),
            outcomes=outcome_history(session, p.id),
            meetings=meetings_of(session, p.id),
            weekly={
                lane: sorted(weeks.values(), key=lambda w: w.week)[-WEEKS_KEPT:]
                for lane, weeks in weekly.items()
            },
            events=events_of(session, p.id, p.code),
        )
        if log:
            audit.record(session, store.actor, "read", p.id, "participant")
        return record
