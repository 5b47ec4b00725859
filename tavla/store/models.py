"""SQLModel tables. The schema itself is made by the Alembic migrations; these must match them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


class Contact(SQLModel, table=True):
    """A person or organisation in the directory: coordinators, care contacts, relatives…"""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    principal: str = Field(default="other")  # region | municipality | other
    kind: str = "other"  # one of store.contacts.KINDS
    role: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""


class Participant(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # The code is a pseudonym: never reused, carries nothing of the identity number.
    code: str = Field(unique=True)
    name: str
    identity_number: str | None = Field(default=None, unique=True)  # YYYYMMDD-NNNN
    municipality: str = ""
    enrolled_on: date
    criteria_exception: str = ""  # why enrolled although a target-group criterion is not met
    discharged_on: date | None = None
    discharge_reason: str | None = None  # one of store.participants.DISCHARGE_REASONS
    discharge_note: str = ""
    discharge_recorded_on: date | None = None  # a discharge may be undone on this day only
    region_coordinator_id: int | None = Field(default=None, foreign_key="contact.id")
    municipality_coordinator_id: int | None = Field(default=None, foreign_key="contact.id")
    region_colleague_id: int | None = Field(default=None, foreign_key="contact.id")
    municipality_colleague_id: int | None = Field(default=None, foreign_key="contact.id")
    care_contact_id: int | None = Field(default=None, foreign_key="contact.id")
    main_responsibility: str | None = None  # region | municipality
    samsa_marked_on: date | None = None  # marked in SAMSA as a participant, with contact persons
    samsa_marked_by: str = ""
    # Kept in step by the store from consent, outcome and intervention, for the board's one query.
    consent_given_on: date | None = None
    consent_expires_on: date | None = None
    consent_revoked_on: date | None = None
    ors_total: int | None = None
    ors_previous_total: int | None = None
    coverage: str = ""  # lanes under ongoing interventions: "lane:start..end;…" (end may be empty)
    sip_follow_up_on: date | None = None  # from the newest SIP version
    crisis_reviewed_on: date | None = None  # from the newest crisis plan; None: no crisis plan
    discussed_on: date | None = None  # the last meeting that marked them discussed
    action_due_on: date | None = None  # the earliest due date of their open actions
    resource_group_met_on: date | None = None  # the latest resource-group meeting recorded
    created_at: datetime


class Criterion(SQLModel, table=True):
    """The answer to one target-group criterion of the template, at enrolment."""

    participant_id: int = Field(foreign_key="participant.id", primary_key=True)
    key: str = Field(primary_key=True)
    met: bool
    note: str = ""


class Consent(SQLModel, table=True):
    """Consent to share information between region and municipality. The newest one counts."""

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    given_on: date
    expires_on: date
    shares: str = ""  # what may be shared
    withheld: str = ""  # what may not
    revoked_on: date | None = None
    revoked_note: str = ""
    parties: str = "region,municipality"  # keys of store.consents.PARTIES, comma-separated
    form: str = ""  # written | oral; "" for consents recorded before tavla asked
    recorded_by: str  # who recorded it: the store's actor
    created_at: datetime


class ResourceMember(SQLModel, table=True):
    """A member of the resource group the participant has chosen."""

    __tablename__ = "resource_member"
    __table_args__ = (UniqueConstraint("participant_id", "contact_id"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id")
    contact_id: int = Field(foreign_key="contact.id")
    note: str = ""
    added_on: date


class Intervention(SQLModel, table=True):
    """What is done for a participant, by which principal, for which lanes, when."""

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    what: str
    principal: str  # region | municipality | other
    unit: str = ""
    lanes: str  # lane keys, comma-separated
    responsible_id: int | None = Field(default=None, foreign_key="contact.id")
    started_on: date
    ended_on: date | None = None
    status: str  # planned | ongoing | ended
    created_at: datetime


class Outcome(SQLModel, table=True):
    """An ORS or SRS score (four items 0–10). tavla keeps scores, not the forms."""

    __table_args__ = (Index("ix_outcome_history", "participant_id", "kind", "rated_on", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    kind: str  # ors | srs
    rated_on: date
    staff: str = ""
    item1: int
    item2: int
    item3: int
    item4: int
    created_at: datetime


class Event(SQLModel, table=True):
    """Something that happened to a participant: an inpatient stay, an emergency visit, a
    crisis with police or ambulance, an eviction (domain.vocabulary.EventKind)."""

    __table_args__ = (Index("ix_event_history", "participant_id", "happened_on", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id")
    kind: str
    happened_on: date
    until: date | None = None  # the last day of an inpatient stay, when known
    law: str = ""  # lpt | lvm | lrv, or "" (an inpatient stay under no such law, or another kind)
    note: str = ""
    recorded_by: str
    created_at: datetime


class Rating(SQLModel, table=True):
    """One rating of one lane; history is kept, a new rating is a new row."""

    __table_args__ = (Index("ix_rating_lane_history", "participant_id", "lane", "rated_on", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id")
    lane: str
    level: int | None = None  # None: not known
    need: str | None = None  # met | unmet | None (not assessed)
    note: str = ""
    rated_on: date
    author: str
    created_at: datetime


class LaneState(SQLModel, table=True):
    """The current state of each participant's lane, kept in step with `rating` by the store.

    It lets the board be read in one small query instead of scanning years of
    ratings; `store.ratings.refresh_lane_state` rebuilds a row from `rating`.
    """

    __tablename__ = "lane_state"
    __table_args__ = (UniqueConstraint("participant_id", "lane"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id")
    lane: str
    level: int | None = None
    need: str | None = None
    rated_on: date
    note: str = ""
    author: str = ""
    previous_level: int | None = None
    previous_rated_on: date | None = None  # None: this is the first rating
    history: str = ""  # one character a week back from rated_on's week: 0-4, ? not known, - none


class Assessment(SQLModel, table=True):
    """One assessment of one life area's need (kartläggning); history is kept, a new one is a
    new row."""

    __table_args__ = (
        Index("ix_assessment_history", "participant_id", "area", "assessed_on", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id")
    area: str  # a life area's key in the board template
    need: str  # none | met | unmet
    note: str = ""
    assessed_on: date
    assessed_by: str  # the store's actor
    created_at: datetime


class PlanVersion(SQLModel, table=True):
    """One saved version of a participant's SIP or crisis plan; versions are never changed.

    The plan itself is a JSON document (store.sips, store.crisis_plans), so a version
    keeps exactly what was saved, including the interventions as they were then.
    """

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("participant_id", "kind", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id")
    kind: str  # sip | crisis
    version: int  # 1, 2, … per participant and kind
    content: str
    saved_at: datetime
    saved_by: str


class MeetingSeries(SQLModel, table=True):
    """A recurring meeting: the weekly coordinator meeting, or the managers' monthly one."""

    __tablename__ = "meeting_series"
    # One series of each kind per municipality, and one for the whole board (NULL).
    __table_args__ = (
        Index(
            "ux_meeting_series_kind_municipality",
            "kind",
            text("coalesce(municipality, '')"),
            unique=True,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # weekly | managers
    municipality: str | None = None  # whose participants it is for; None: the whole board
    frequency: str  # weekly | monthly
    interval: int = 1
    weekday: int  # 0 Monday … 6 Sunday
    starts_at: str  # local wall-clock time, HH:MM
    minutes: int
    starts_on: date
    skip_dates: str = ""  # ISO dates without a meeting (holidays), comma-separated
    attendees: str = ""  # contact ids, comma-separated, in the order chosen


class Meeting(SQLModel, table=True):
    """A meeting held or planned: the weekly one with its agenda, or one recorded afterwards."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # one of store.meetings.KINDS
    held_on: date = Field(index=True)
    starts_at: str = ""
    minutes: int = 0
    participant_id: int | None = Field(default=None, foreign_key="participant.id")
    # "weekly 2026-11-24" (or "weekly 2026-11-24 örebro", a municipality's): one agenda a
    # weekly meeting, even when two open it at once.
    agenda_key: str | None = Field(default=None, unique=True)
    municipality: str | None = None  # a municipality's weekly meeting; None: the whole board
    status: str  # planned | closed
    note: str = ""
    closed_at: datetime | None = None
    closed_by: str = ""
    created_by: str
    created_at: datetime


class MeetingAttendee(SQLModel, table=True):
    __tablename__ = "meeting_attendee"

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", primary_key=True)


class AgendaItem(SQLModel, table=True):
    """One item of a meeting's agenda: last meeting's actions, a participant, or a topic."""

    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int
    kind: str  # actions | participant | topic
    participant_id: int | None = Field(default=None, foreign_key="participant.id")
    title: str = ""  # a topic's title
    reasons: str = ""  # why the rules proposed it: JSON list of [rule, detail]
    by_hand: bool = False  # added by the coordinator, not by a rule
    removed: bool = False  # taken off the agenda; kept so the rules do not propose it again
    box_minutes: int = 3
    notes: str = ""
    decisions: str = ""
    discussed_at: datetime | None = None


class Action(SQLModel, table=True):
    """Something a meeting agreed someone will do, by a date."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    participant_id: int | None = Field(default=None, foreign_key="participant.id", index=True)
    what: str
    owner_id: int = Field(foreign_key="contact.id")
    due_on: date
    status: str  # open | done | dropped
    created_on: date
    created_by: str
    closed_on: date | None = None
    closed_by: str = ""


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class AccessLog(SQLModel, table=True):
    """Who read or changed what, and when (UTC). Never edited or deleted by tavla."""

    __tablename__ = "access_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor: str
    action: str  # read | create | update | rate | list | open-board
    participant_id: int | None = Field(default=None, foreign_key="participant.id", index=True)
    detail: str = ""
