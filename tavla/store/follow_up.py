"""Follow-up figures over a period for the managers' group: counts, never rows about people.

`follow_up` reads everything in one read transaction (a snapshot on both databases) with a
handful of statements, each bounded by the number of participants, not by years of history:
the level in effect on a day is one lookup per participant and lane on ix_rating_lane_history,
the plan in force one lookup per participant on plan_version's (participant, kind, version)
index. What leaves this module is counts and medians; nothing names or dates a person.

Days, as used throughout: a participant is *active on* day D when enrolled on or before D
and not discharged on or before D. *At the start* of a period means as it began, i.e. at
the end of the day before its first day, so the figures add up: active at the start +
enrolled during = active at any time during = active at the end + discharged during.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from tavla.domain.flags import consent_state, crisis_plan_state, follow_up_overdue
from tavla.store.crisis_plans import CrisisPlan
from tavla.store.follow_up_care import (
    OrsFigures,
    Period,
    contact_and_samsa,
    days_to_first_plan,
    ors_figures,
    sip_meetings,
)
from tavla.store.follow_up_events import EventFigures, event_figures
from tavla.store.meetings import KINDS as MEETING_KINDS
from tavla.store.municipalities import spellings_of
from tavla.store.participants import DISCHARGE_REASONS
from tavla.store.sips import SipPlan

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store

DAYS_PER_MONTH = 365.25 / 12
_NOT_KNOWN = -1  # a rating whose level is not known, told apart in SQL from no rating at all


@dataclass(frozen=True)
class LevelCounts:
    """Active participants on a day by the level of one lane then."""

    by_level: dict[int, int]  # every level of the template's scale, 0 included
    not_known: int  # rated "not known", or at a level the template no longer has
    not_rated: int  # no rating of the lane by then

    @property
    def total(self) -> int:
        return sum(self.by_level.values()) + self.not_known + self.not_rated


@dataclass(frozen=True)
class LaneFigures:
    lane: str  # the template's key
    at_start: LevelCounts
    at_end: LevelCounts
    # Of those active at both start and end with a known level at both:
    rose: int
    unchanged: int
    fell: int

    @property
    def compared(self) -> int:
        return self.rose + self.unchanged + self.fell


@dataclass(frozen=True)
class Durations:
    """Time in the programme of a group of people, in days."""

    people: int
    median_days: float | None  # None when the group is empty

    @property
    def median_months(self) -> float | None:
        return None if self.median_days is None else self.median_days / DAYS_PER_MONTH


_NO_ONE = Durations(0, None)
_NO_ORS = OrsFigures(0, None, None)
_NO_EVENTS = EventFigures(0)


@dataclass(frozen=True)
class FollowUp:
    start: date  # the period's first day
    end: date  # its last day
    active_at_start: int
    enrolled: int
    discharged: int
    by_reason: dict[str, int]  # every discharge reason, in DISCHARGE_REASONS order
    active_at_end: int
    to_discharge: Durations  # enrolment to discharge, of those discharged during the period
    so_far: Durations  # enrolment to the period's end, of those active at the end
    lanes: tuple[LaneFigures, ...]  # in the template's order
    # Of those active at the end, as things stood then:
    with_sip: int  # the newest SIP saved by then, its follow-up date not passed
    with_crisis_plan: int  # the newest crisis plan saved by then, reviewed within 6 months
    with_consent: int  # the newest consent given by then, valid (or about to expire)
    meetings: dict[str, int]  # every kind of meeting held in the period, in KINDS order
    # About care (store.follow_up_care): of those active at any time during the period,
    ors: OrsFigures = _NO_ORS
    # of those whose first plan was saved during the period, enrolment to that save,
    to_first_sip: Durations = _NO_ONE
    to_first_crisis_plan: Durations = _NO_ONE
    # and of those active at the end.
    with_care_contact: int = 0  # a permanent care contact named (as recorded now)
    with_samsa: int = 0  # marked in SAMSA by then
    # Events in equal windows before and after enrolment (store.follow_up_events).
    events: EventFigures = _NO_EVENTS

    @property
    def active_during(self) -> int:
        return self.active_at_start + self.enrolled


def follow_up(store: Store, start: date, end: date, *, municipality: str | None = None) -> FollowUp:
    """The figures from `start` to `end` (both included; start <= end), read in one snapshot;
    with `municipality`, of its participants and its meetings only."""
    from sqlmodel import select

    from tavla.store.models import Participant

    lanes = [lane.key for lane in store.template.lanes]
    scale = [level.value for level in store.template.levels if level.value is not None]
    before = start - timedelta(days=1)
    with store.read_session() as session:
        if not store.is_sqlite:  # one snapshot for all the statements below
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        query = select(
            Participant.id,
            Participant.enrolled_on,
            Participant.discharged_on,
            Participant.discharge_reason,
        ).where(Participant.enrolled_on <= end)
        if municipality is not None:  # everything below counts only these people
            query = query.where(Participant.municipality.in_(spellings_of(session, municipality)))
        people = session.exec(query).all()
        then = _levels_on(session, before, lanes)
        now = _levels_on(session, end, lanes)
        moment = _end_of_day(end, store.template.meeting.timezone)
        sips = _newest_plans(session, "sip", end, moment)
        crisis_plans = _newest_plans(session, "crisis", end, moment)
        consents = _newest_consents(session, end)
        meetings = _meetings(session, start, end, municipality)
        care, meetings["sip"] = _care(session, store.template.meeting.timezone, start, end, people)
        care["events"] = event_figures(session, start, end, people)

    def active_on(day: date, enrolled_on: date, discharged_on: date | None) -> bool:
        return enrolled_on <= day and (discharged_on is None or discharged_on > day)

    at_start = {pid for pid, on, off, _why in people if active_on(before, on, off)}
    at_end = {pid for pid, on, off, _why in people if active_on(end, on, off)}
    left = [(on, off, why) for _pid, on, off, why in people if off and start <= off <= end]
    by_reason = dict.fromkeys(DISCHARGE_REASONS, 0)
    for _on, _off, why in left:
        by_reason[why if why in by_reason else "other"] += 1
    return FollowUp(
        start=start,
        end=end,
        active_at_start=len(at_start),
        enrolled=sum(1 for _pid, on, _off, _why in people if start <= on <= end),
        discharged=len(left),
        by_reason=by_reason,
        active_at_end=len(at_end),
        to_discharge=_durations([(off - on).days for on, off, _why in left]),
        so_far=_durations([(end - on).days for pid, on, _off, _why in people if pid in at_end]),
        lanes=tuple(_lane(lane, scale, then, now, at_start, at_end) for lane in lanes),
        with_sip=sum(_sip_current(sips[pid], end) for pid in at_end if pid in sips),
        with_crisis_plan=sum(
            _crisis_current(crisis_plans[pid], end) for pid in at_end if pid in crisis_plans
        ),
        with_consent=sum(_consent_valid(consents[pid], end) for pid in at_end if pid in consents),
        meetings={kind: meetings.get(kind, 0) for kind in MEETING_KINDS},
        **care,
    )


def _care(
    session: Session, timezone: str, start: date, end: date, people: list[tuple]
) -> tuple[dict[str, Any], int]:
    """The figures about care (store.follow_up_care) of `people` (id, enrolled, discharged,
    reason; enrolled by `end`), as FollowUp's fields, and the SIP meetings held."""
    began = _end_of_day(start - timedelta(days=1), timezone)
    period = Period(start, end, began, _end_of_day(end, timezone), timezone)
    enrolled = {pid: on for pid, on, _off, _why in people}
    # Active at any time during the period: enrolled during it, or active as it began.
    during = {
        pid: on for pid, on, off, _why in people if on >= start or off is None or off >= start
    }
    at_end = {pid for pid, _on, off, _why in people if off is None or off > end}
    contact, samsa = contact_and_samsa(session, at_end, end)
    care = {
        "ors": ors_figures(session, period, during),
        "to_first_sip": _durations(days_to_first_plan(session, "sip", period, enrolled)),
        "to_first_crisis_plan": _durations(days_to_first_plan(session, "crisis", period, enrolled)),
        "with_care_contact": contact,
        "with_samsa": samsa,
    }
    return care, sip_meetings(session, period, set(during))


def _sip_current(content: str, day: date) -> bool:
    return not follow_up_overdue(SipPlan.from_json(content).follow_up_on, day)


def _crisis_current(content: str, day: date) -> bool:
    return crisis_plan_state(CrisisPlan.from_json(content).reviewed_on, day) == "current"


def _consent_valid(consent: tuple[date, date, date | None], day: date) -> bool:
    return consent_state(*consent, day) in ("valid", "expiring")  # expiring is valid still


def _durations(days: list[int]) -> Durations:
    return Durations(len(days), statistics.median(days) if days else None)


Levels = dict[tuple[int, str], int | None]  # (participant, lane) → level; absent: not rated


def _levels_on(session: Session, day: date, lanes: list[str]) -> Levels:
    """The level in effect on `day` of every lane of every participant active that day:
    one index lookup (ix_rating_lane_history) per participant and lane."""
    from sqlalchemy import func, or_, select

    from tavla.store.models import Participant, Rating

    newest = [
        select(func.coalesce(Rating.level, _NOT_KNOWN))
        .where(Rating.participant_id == Participant.id, Rating.lane == lane)
        .where(Rating.rated_on <= day)
        .order_by(Rating.rated_on.desc(), Rating.id.desc())
        .limit(1)
        .correlate(Participant)
        .scalar_subquery()
        for lane in lanes
    ]
    rows = session.execute(
        select(Participant.id, *newest).where(
            Participant.enrolled_on <= day,
            or_(Participant.discharged_on.is_(None), Participant.discharged_on > day),
        )
    )
    levels: Levels = {}
    for pid, *found in rows:
        for lane, level in zip(lanes, found, strict=True):
            if level is not None:
                levels[(pid, lane)] = None if level == _NOT_KNOWN else level
    return levels


def _lane(
    lane: str, scale: list[int], then: Levels, now: Levels, at_start: set[int], at_end: set[int]
) -> LaneFigures:
    def counts(levels: Levels, active: set[int]) -> LevelCounts:
        by_level, not_known, not_rated = dict.fromkeys(scale, 0), 0, 0
        for pid in active:
            if (pid, lane) not in levels:
                not_rated += 1
            elif (level := levels[(pid, lane)]) in by_level:
                by_level[level] += 1
            else:
                not_known += 1
        return LevelCounts(by_level, not_known, not_rated)

    rose = unchanged = fell = 0
    for pid in at_start & at_end:
        before, after = then.get((pid, lane)), now.get((pid, lane))
        if before in scale and after in scale:
            rose += after > before
            unchanged += after == before
            fell += after < before
    return LaneFigures(
        lane, counts(then, at_start), counts(now, at_end), rose=rose, unchanged=unchanged, fell=fell
    )


def _end_of_day(day: date, timezone: str) -> datetime:
    """The moment `day` ends on the board's clock, in UTC (plans are stamped in UTC)."""
    from zoneinfo import ZoneInfo

    return datetime.combine(day + timedelta(days=1), time(), ZoneInfo(timezone)).astimezone(UTC)


def _newest_plans(session: Session, kind: str, end: date, moment: datetime) -> dict[int, str]:
    """The content of each participant's newest plan of `kind` saved before `moment`, for
    those active on `end`: one walk down the (participant, kind, version) index each."""
    from sqlalchemy import or_, select
    from sqlalchemy.orm import aliased

    from tavla.store.models import Participant, PlanVersion

    version = aliased(PlanVersion)
    newest = (
        select(version.id)
        .where(version.participant_id == Participant.id, version.kind == kind)
        .where(version.saved_at < moment)
        .order_by(version.version.desc())
        .limit(1)
        .correlate(Participant)
        .scalar_subquery()
    )
    wanted = select(newest).where(
        Participant.enrolled_on <= end,
        or_(Participant.discharged_on.is_(None), Participant.discharged_on > end),
    )
    rows = session.execute(
        select(PlanVersion.participant_id, PlanVersion.content).where(PlanVersion.id.in_(wanted))
    )
    return dict(rows.all())


def _newest_consents(session: Session, end: date) -> dict[int, tuple[date, date, date | None]]:
    """Each participant's newest consent given by `end` (the one that counts then)."""
    from sqlalchemy import select

    from tavla.store.models import Consent

    rows = session.execute(
        select(Consent.participant_id, Consent.given_on, Consent.expires_on, Consent.revoked_on)
        .where(Consent.given_on <= end)
        .order_by(Consent.participant_id, Consent.given_on, Consent.id)
    )
    # Oldest first, so the newest of each participant is the one left in the dict.
    return {pid: (given, expires, revoked) for pid, given, expires, revoked in rows}


def _meetings(session: Session, start: date, end: date, municipality: str | None) -> dict[str, int]:
    from sqlalchemy import func, or_, select

    from tavla.store.models import Meeting, Participant

    query = select(Meeting.kind, func.count()).where(
        Meeting.held_on >= start, Meeting.held_on <= end
    )
    if municipality is not None:  # its weekly meetings, and meetings about its participants
        names = spellings_of(session, municipality)
        query = query.join(Participant, Participant.id == Meeting.participant_id, isouter=True)
        query = query.where(
            or_(Meeting.municipality.in_(names), Participant.municipality.in_(names))
        )
    return dict(session.execute(query.group_by(Meeting.kind)).all())
