"""SQLModel tables. The schema itself is made by the Alembic migrations; these must match them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Contact(SQLModel, table=True):
    """A person or organisation the board refers to; for now the coordinators."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    principal: str = Field(default="other")  # region | municipality | other
    role: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""


class Participant(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(
        unique=True
    )  # pseudonym; never reused, carries nothing of the identity number
    name: str
    identity_number: str | None = Field(default=None, unique=True)  # YYYYMMDD-NNNN
    enrolled_on: date
    discharged_on: date | None = None
    region_coordinator_id: int | None = Field(default=None, foreign_key="contact.id")
    municipality_coordinator_id: int | None = Field(default=None, foreign_key="contact.id")
    main_responsibility: str | None = None  # region | municipality
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
