"""Follow-up figures about care, read inside `follow_up`'s snapshot for the people it counts.

ORS totals at enrolment and latest, days from enrolment to the first SIP and the first crisis
plan, a permanent care contact and a SAMSA marking, and the SIP meetings the SIPs record.
Each statement is bounded by the participants (and their plan versions of the period), not
by years of history. What leaves here is numbers about groups, for `follow_up` to count.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class OrsFigures:
    """ORS totals (0–40) of the people compared: the first ORS on or after enrolment and
    the latest by the period's end, which is rated during the period and is not the first."""

    people: int
    first_median: float | None  # None when no one is compared
    latest_median: float | None


@dataclass(frozen=True)
class Period:
    start: date  # the first day
    end: date  # the last day
    begins: datetime  # the moment the first day began on the board's clock, in UTC
    ends: datetime  # the moment the last day ended, in UTC
    timezone: str  # the board's


def ors_figures(session: Session, period: Period, enrolled: dict[int, date]) -> OrsFigures:
    """Of the participants in `enrolled` (id → enrolment day): the first ORS on or after
    enrolment and the latest by the end, one index lookup (outcome.participant_id) each."""
    from sqlalchemy import select

    from tavla.store.models import Outcome, Participant

    def one(newest: bool):
        order = (
            (Outcome.rated_on.desc(), Outcome.id.desc())
            if newest
            else (Outcome.rated_on, Outcome.id)
        )
        return (
            select(Outcome.id)
            .where(Outcome.participant_id == Participant.id, Outcome.kind == "ors")
            .where(Outcome.rated_on >= Participant.enrolled_on, Outcome.rated_on <= period.end)
            .order_by(*order)
            .limit(1)
            .correlate(Participant)
            .scalar_subquery()
        )

    pairs = session.execute(
        select(Participant.id, one(False), one(True)).where(Participant.id.in_(list(enrolled)))
    ).all()
    wanted = {i for _pid, first, latest in pairs if first != latest for i in (first, latest)}
    totals = {
        oid: (rated_on, sum(items))
        for oid, rated_on, *items in session.execute(
            select(
                Outcome.id,
                Outcome.rated_on,
                Outcome.item1,
                Outcome.item2,
                Outcome.item3,
                Outcome.item4,
            ).where(Outcome.id.in_(wanted))
        )
    }
    compared = [
        (totals[first][1], totals[latest][1])
        for _pid, first, latest in pairs
        if first != latest and latest in totals and totals[latest][0] >= period.start
    ]
    if not compared:
        return OrsFigures(0, None, None)
    return OrsFigures(
        len(compared),
        statistics.median(first for first, _latest in compared),
        statistics.median(latest for _first, latest in compared),
    )


def days_to_first_plan(
    session: Session, kind: str, period: Period, enrolled: dict[int, date]
) -> list[int]:
    """Days from enrolment to the first plan of `kind` (version 1: its first save), of the
    participants in `enrolled` whose first plan was saved during the period."""
    from sqlalchemy import select

    from tavla.store.models import PlanVersion

    rows = session.execute(
        select(PlanVersion.participant_id, PlanVersion.saved_at).where(
            PlanVersion.kind == kind,
            PlanVersion.version == 1,
            PlanVersion.saved_at >= period.begins,
            PlanVersion.saved_at < period.ends,
        )
    )
    zone = ZoneInfo(period.timezone)
    # A plan saved before the enrolment date (an enrolment recorded late) counts as day 0.
    return [
        max(0, (_local_day(saved_at, zone) - enrolled[pid]).days)
        for pid, saved_at in rows
        if pid in enrolled
    ]


def sip_meetings(session: Session, period: Period, people: set[int]) -> int:
    """SIP meetings of `people` held during the period: the meeting days their SIPs record
    and the meetings recorded as SIP meetings, one per participant and day however often it
    is named. A SIP is saved on or after its meeting (store.sips), so only versions saved
    during the period can name a meeting in it."""
    from sqlalchemy import select

    from tavla.store.models import Meeting

    held: set[tuple[int | None, date | int]] = set()
    for pid, day in _sip_meeting_days(session, period):
        if pid in people:
            held.add((pid, date.fromisoformat(day)))
    recorded = session.execute(
        select(Meeting.id, Meeting.participant_id, Meeting.held_on).where(
            Meeting.kind == "sip", Meeting.held_on >= period.start, Meeting.held_on <= period.end
        )
    )
    for meeting_id, pid, day in recorded:
        if pid is None:
            held.add((None, meeting_id))  # no participant to match it with: counted as is
        elif pid in people:
            held.add((pid, day))
    return len(held)


def _sip_meeting_days(session: Session, period: Period) -> list[tuple[int, str]]:
    """(participant, ISO day) of the SIP meetings named by versions saved during the period,
    read out of the JSON by the database, so the plans' texts are not fetched."""
    from sqlalchemy import JSON, cast, func, select

    from tavla.store.models import PlanVersion

    if session.get_bind().dialect.name == "sqlite":
        day = func.json_extract(PlanVersion.content, "$.meeting_on")
    else:
        day = func.json_extract_path_text(cast(PlanVersion.content, JSON), "meeting_on")
    query = (
        select(PlanVersion.participant_id, day)
        .where(PlanVersion.kind == "sip")
        .where(PlanVersion.saved_at >= period.begins, PlanVersion.saved_at < period.ends)
        .where(day >= period.start.isoformat(), day <= period.end.isoformat())
        .distinct()
    )
    return list(session.execute(query).all())


def contact_and_samsa(session: Session, people: set[int], end: date) -> tuple[int, int]:
    """Of `people`: how many have a permanent care contact named (as recorded now: tavla
    keeps no history of it), and how many were marked in SAMSA by `end`."""
    from sqlalchemy import select

    from tavla.store.models import Participant

    rows = session.execute(
        select(Participant.care_contact_id, Participant.samsa_marked_on).where(
            Participant.id.in_(list(people))
        )
    ).all()
    contact = sum(1 for contact_id, _on in rows if contact_id is not None)
    samsa = sum(1 for _contact_id, on in rows if on is not None and on <= end)
    return contact, samsa


def _local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The day a moment stamped in UTC fell on, on the board's clock (SQLite gives it naive)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone).date()
