"""Meetings: the recurring weekly (and managers') series, and meetings held or recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.privacy import Personal
from tavla.domain.recurrence import FREQUENCIES, Recurrence, parse_time
from tavla.domain.vocabulary import MeetingKind
from tavla.errors import NotFound, UserError
from tavla.i18n import _
from tavla.store import audit
from tavla.store.checks import TEXT_MAX, check_text
from tavla.store.contacts import get_in
from tavla.store.municipalities import of_municipality, of_scope
from tavla.store.participants import by_code

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.models import Meeting

SERIES_KINDS = (MeetingKind.WEEKLY, MeetingKind.MANAGERS)
# The participant's own meetings: the resource group, the SIP, a three-party meeting with
# primary care (trepart), a talk with relatives, a home visit.
PER_PARTICIPANT = (
    MeetingKind.RESOURCE_GROUP,
    MeetingKind.SIP,
    MeetingKind.TREPART,
    MeetingKind.RELATIVES,
    MeetingKind.HOME_VISIT,
)
KINDS = tuple(MeetingKind)
LONGEST_MEETING = 8 * 60


@dataclass(frozen=True)
class SeriesInput:
    kind: str
    weekday: int
    at: time
    minutes: int
    starts_on: date
    frequency: str = "weekly"
    interval: int = 1
    skip: tuple[date, ...] = ()
    attendees: tuple[int, ...] = ()  # contact ids
    municipality: str | None = None  # a municipality's series; None: the whole board's


@dataclass(frozen=True)
class Series:
    kind: str
    recurrence: Recurrence
    minutes: int
    attendees: tuple[int, ...]
    municipality: str | None = None

    @property
    def at(self) -> time:
        return self.recurrence.at


@dataclass(frozen=True)
class MeetingSummary:
    PERSONAL: ClassVar[dict[str, Personal]] = {"note": Personal.TEXT, "attendees": Personal.FREE}

    id: int
    kind: MeetingKind
    held_on: date
    starts_at: str
    minutes: int
    code: str | None  # the participant's, for a meeting of theirs (PER_PARTICIPANT)
    status: str  # planned | closed
    note: str
    attendees: tuple[str, ...]  # names
    attendee_ids: tuple[int, ...]
    municipality: str | None = None  # a municipality's weekly meeting; None: the board's


def check_series(series: SeriesInput) -> SeriesInput:
    if series.kind not in SERIES_KINDS:
        raise UserError(
            _("{text!r} is not a recurring meeting; use {keys}.").format(
                text=series.kind, keys=", ".join(SERIES_KINDS)
            )
        )
    if series.frequency not in FREQUENCIES:
        raise UserError(_("A meeting recurs weekly or monthly."))
    if not 0 <= series.weekday <= 6:
        raise UserError(_("The weekday is 1 (Monday) to 7 (Sunday)."))
    if not 1 <= series.interval <= 12:
        raise UserError(_("A meeting recurs every 1 to 12 weeks or months."))
    _check_minutes(series.minutes)
    return SeriesInput(
        series.kind,
        series.weekday,
        series.at,
        series.minutes,
        series.starts_on,
        series.frequency,
        series.interval,
        tuple(sorted(set(series.skip))),
        tuple(dict.fromkeys(series.attendees)),
        series.municipality,
    )


def _check_minutes(minutes: int) -> None:
    if not 1 <= minutes <= LONGEST_MEETING:
        raise UserError(_("A meeting lasts 1 to {n} minutes.").format(n=LONGEST_MEETING))


def set_up_series(store: Store, series: SeriesInput) -> None:
    """Create or change the recurring meeting of `series.kind` (of `series.municipality`)."""
    from sqlmodel import select

    from tavla.store.models import MeetingSeries

    series = check_series(series)
    with store.write() as session:
        for contact_id in series.attendees:
            get_in(session, contact_id)
        rows = session.exec(
            select(MeetingSeries).where(MeetingSeries.kind == series.kind).with_for_update()
        )
        row = of_scope(rows, series.municipality) or MeetingSeries(
            kind=series.kind, municipality=series.municipality
        )
        row.frequency = series.frequency
        row.interval = series.interval
        row.weekday = series.weekday
        row.starts_at = series.at.strftime("%H:%M")
        row.minutes = series.minutes
        row.starts_on = series.starts_on
        row.skip_dates = ",".join(day.isoformat() for day in series.skip)
        row.attendees = ",".join(str(i) for i in series.attendees)
        session.add(row)
        where = f" {series.municipality}" if series.municipality else ""
        audit.record(session, store.actor, "update", None, f"meeting series {series.kind}{where}")


def get_series(
    store: Store, kind: str = "weekly", *, municipality: str | None = None
) -> Series | None:
    """The recurring meeting of `kind`: `municipality`'s, else (None) the whole board's."""
    from sqlmodel import select

    from tavla.store.models import MeetingSeries

    with store.read_session() as session:
        rows = session.exec(select(MeetingSeries).where(MeetingSeries.kind == kind))
        row = of_scope(rows, municipality)
        if row is None:
            return None
        recurrence = Recurrence(
            frequency=row.frequency,
            interval=row.interval,
            weekday=row.weekday,
            at=parse_time(row.starts_at),
            starts_on=row.starts_on,
            skip=frozenset(date.fromisoformat(d) for d in row.skip_dates.split(",") if d),
            timezone=store.template.meeting.timezone,
        )
        attendees = tuple(int(i) for i in row.attendees.split(",") if i)
        return Series(row.kind, recurrence, row.minutes, attendees, row.municipality)


def record_meeting(
    store: Store,
    kind: str,
    held_on: date,
    *,
    code: str | None = None,
    attendees: tuple[int, ...] = (),
    note: str = "",
    minutes: int = 60,
    starts_at: str = "",
) -> int:
    """Record a meeting held (or planned): one of a participant's own (PER_PARTICIPANT: the
    resource group, SIP, trepart, relatives, home visit), a managers' meeting, or a weekly
    meeting without an agenda. A resource-group meeting keeps the participant's
    `resource_group_met_on` (the board's flag) in step."""
    from tavla.store.models import Meeting

    if kind not in KINDS:
        raise UserError(
            _("{text!r} is not a kind of meeting; use {keys}.").format(
                text=kind, keys=", ".join(KINDS)
            )
        )
    if kind in PER_PARTICIPANT and not code:
        raise UserError(
            _("Say whose meeting it is: a meeting of the kind {kind} needs a participant.").format(
                kind=kind
            )
        )
    _check_minutes(minutes)
    note = check_text(note, _("The note"))[:TEXT_MAX]
    with store.write() as session:
        keeps_date = kind == "resource_group"
        participant = by_code(session, code, lock=keeps_date) if code else None
        if participant is not None and keeps_date:
            last = participant.resource_group_met_on
            participant.resource_group_met_on = max(last, held_on) if last else held_on
            session.add(participant)
        meeting = Meeting(
            kind=kind,
            held_on=held_on,
            starts_at=starts_at,
            minutes=minutes,
            participant_id=participant.id if participant else None,
            status="closed",
            note=note,
            created_by=store.actor,
            created_at=audit.utcnow(),
        )
        session.add(meeting)
        session.flush()
        write_attendees(session, meeting.id, attendees)
        audit.record(
            session, store.actor, "create", meeting.participant_id, f"meeting {meeting.id}"
        )
        return meeting.id


def write_attendees(session: Session, meeting_id: int, attendees: tuple[int, ...]) -> None:
    from sqlmodel import delete

    from tavla.store.models import MeetingAttendee

    session.exec(delete(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting_id))
    for contact_id in dict.fromkeys(attendees):
        get_in(session, contact_id)
        session.add(MeetingAttendee(meeting_id=meeting_id, contact_id=contact_id))


def set_attendees(store: Store, meeting_id: int, attendees: tuple[int, ...]) -> None:
    with store.write() as session:
        get_meeting_in(session, meeting_id)
        write_attendees(session, meeting_id, attendees)
        audit.record(session, store.actor, "update", None, f"meeting {meeting_id} attendees")


def get_meeting_in(session: Session, meeting_id: int) -> Meeting:
    from tavla.store.models import Meeting

    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(_("There is no meeting number {id}.").format(id=meeting_id))
    return meeting


def summaries(session: Session, meetings: list[Meeting]) -> list[MeetingSummary]:
    from sqlmodel import select

    from tavla.store.models import Contact, MeetingAttendee, Participant

    ids = [m.id for m in meetings]
    people: dict[int, list[tuple[int, str]]] = {}
    if ids:
        rows = session.exec(
            select(MeetingAttendee.meeting_id, Contact.id, Contact.name)
            .join(Contact, Contact.id == MeetingAttendee.contact_id)
            .where(MeetingAttendee.meeting_id.in_(ids))
            .order_by(Contact.name)
        )
        for meeting_id, contact_id, name in rows:
            people.setdefault(meeting_id, []).append((contact_id, name))
    whose = {m.participant_id for m in meetings if m.participant_id is not None}
    query = select(Participant.id, Participant.code).where(Participant.id.in_(sorted(whose)))
    codes = dict(session.exec(query).all()) if whose else {}
    return [_summary(m, codes.get(m.participant_id), people.get(m.id, [])) for m in meetings]


def _summary(meeting: Meeting, code: str | None, people: list[tuple[int, str]]) -> MeetingSummary:
    return MeetingSummary(
        id=meeting.id,
        kind=MeetingKind(meeting.kind),
        held_on=meeting.held_on,
        starts_at=meeting.starts_at,
        minutes=meeting.minutes,
        code=code,
        status=meeting.status,
        note=meeting.note,
        attendees=tuple(name for _id, name in people),
        attendee_ids=tuple(contact_id for contact_id, _name in people),
        municipality=meeting.municipality,
    )


def meetings_of(session: Session, participant_id: int) -> list[MeetingSummary]:
    """A participant's own meetings (resource group, SIP, trepart, relatives, home visits),
    newest first."""
    from sqlmodel import select

    from tavla.store.models import Meeting

    query = (
        select(Meeting)
        .where(Meeting.participant_id == participant_id)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
    )
    return summaries(session, list(session.exec(query)))


def list_meetings(
    store: Store, *, kind: str | None = None, code: str | None = None
) -> list[MeetingSummary]:
    """Meetings, newest first; `kind` and `code` narrow the list."""
    from sqlmodel import select

    from tavla.store.models import Meeting

    with store.read_session() as session:
        query = select(Meeting).order_by(Meeting.held_on.desc(), Meeting.id.desc())
        if kind is not None:
            query = query.where(Meeting.kind == kind)
        if code is not None:
            query = query.where(Meeting.participant_id == by_code(session, code).id)
        return summaries(session, list(session.exec(query)))


@dataclass(frozen=True)
class SipMeetingAhead:
    """The participant's next SIP meeting: one recorded in tavla, else the newest SIP's
    follow-up date (`meeting_id` None, no time)."""

    code: str
    meeting_id: int | None
    held_on: date
    starts_at: str  # HH:MM, or "" when not known
    minutes: int  # 0 when not known


def next_sip_meeting(store: Store, code: str, today: date) -> SipMeetingAhead | None:
    """The next SIP meeting of participant `code` on or after `today`, or None."""
    from sqlmodel import select

    from tavla.store.models import Meeting

    with store.read_session() as session:
        participant = by_code(session, code)
        meeting = session.exec(
            select(Meeting)
            .where(
                Meeting.kind == "sip",
                Meeting.participant_id == participant.id,
                Meeting.held_on >= today,
            )
            .order_by(Meeting.held_on, Meeting.id)
        ).first()
        if meeting is not None:
            return SipMeetingAhead(
                participant.code, meeting.id, meeting.held_on, meeting.starts_at, meeting.minutes
            )
        follow_up = participant.sip_follow_up_on
        if follow_up is not None and follow_up >= today:
            return SipMeetingAhead(participant.code, None, follow_up, "", 0)
        return None


def next_weekly_date(store: Store, today: date, *, municipality: str | None = None) -> date | None:
    """The weekly meeting to work on: one this past week not yet closed (its minutes are still
    being written), else the series' next on or after `today`; `municipality`'s, else (None)
    the whole board's."""
    from sqlmodel import select

    from tavla.store.models import Meeting

    with store.read_session() as session:
        open_day = session.exec(
            select(Meeting.held_on)
            .where(
                Meeting.kind == "weekly",
                Meeting.status == "planned",
                Meeting.held_on <= today,
                Meeting.held_on > today - timedelta(days=7),
                of_municipality(session, Meeting.municipality, municipality),
            )
            .order_by(Meeting.held_on.desc())
        ).first()
    if open_day is not None:
        return open_day
    series = get_series(store, municipality=municipality)
    return series.recurrence.next_on_or_after(today) if series else None
