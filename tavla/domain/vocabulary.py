"""The board's vocabularies: one StrEnum each, holding the keys the database stores.

A key is what the store writes and returns; the words people read are chosen at display time,
in one place (`tavla/render/labels.py`). A StrEnum member equals its key, so comparisons with
plain strings and JSON output keep working.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

K = TypeVar("K", bound=StrEnum)


class Principal(StrEnum):
    """Who answers for something: the region (psychiatry), the municipality, or another."""

    REGION = "region"
    MUNICIPALITY = "municipality"
    OTHER = "other"


MAIN_RESPONSIBILITY = (Principal.REGION, Principal.MUNICIPALITY)


class ContactKind(StrEnum):
    COORDINATOR = "coordinator"
    CARE_CONTACT = "care_contact"  # fast vårdkontakt: a named person (patientlagen)
    CARE_UNIT = "care_unit"  # a clinic or care unit, not a person
    HOUSING_SUPPORT = "housing_support"
    PRIMARY_CARE = "primary_care"
    DEPENDENCY_CARE = "dependency_care"
    SOMATIC_CARE = "somatic_care"
    FINANCES = "finances"
    PROBATION = "probation"
    SOCIAL_INSURANCE = "social_insurance"
    RELATIVE = "relative"
    OTHER = "other"


class OtherActor(StrEnum):
    """Who, besides region and municipality, does something in a SIP ("others' measures")."""

    SOCIAL_INSURANCE = "social_insurance"  # Försäkringskassan
    PROBATION = "probation"  # Frivården
    RELATIVES = "relatives"
    OTHER = "other"


class InterventionStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    ENDED = "ended"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class SubGoalStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    REACHED = "reached"
    DROPPED = "dropped"


class MeetingKind(StrEnum):
    WEEKLY = "weekly"
    RESOURCE_GROUP = "resource_group"
    SIP = "sip"
    TREPART = "trepart"  # with primary care
    RELATIVES = "relatives"
    HOME_VISIT = "home_visit"
    MANAGERS = "managers"


class EventKind(StrEnum):
    """What happened to a participant that the pilot hopes to see less of."""

    INPATIENT = "inpatient"  # a stay in inpatient care (slutenvård), with its end when known
    EMERGENCY = "emergency"  # an emergency visit (akutbesök)
    CRISIS = "crisis"  # a crisis with police or ambulance
    EVICTION = "eviction"


class CareLaw(StrEnum):
    """The law of compulsory care an inpatient stay was under: LPT, LVM or LRV."""

    LPT = "lpt"
    LVM = "lvm"
    LRV = "lrv"


class DischargeReason(StrEnum):
    READY = "ready"
    MOVED = "moved"
    DECLINED = "declined"
    OTHER = "other"


class DischargeCheck(StrEnum):
    """The checklist asked when a participation ends. The first two are facts the store reads
    (checked when true); the coordinator confirms the other two."""

    CARE_CONTACT = "care_contact"  # a fast vårdkontakt is named
    SIP = "sip"  # a SIP has been made; its last meeting date is shown
    SAMSA_REMOVED = "samsa_removed"  # the SAMSA marking is removed
    PARTIES_INFORMED = "parties_informed"  # the parties are informed


class OutcomeKind(StrEnum):
    """Outcome Rating Scale and Session Rating Scale."""

    ORS = "ors"
    SRS = "srs"


class ConsentState(StrEnum):
    """The state of the newest consent to share information, on a given day."""

    VALID = "valid"
    EXPIRING = "expiring"  # valid, but ends within CONSENT_WARNING_DAYS
    MISSING = "missing"
    REVOKED = "revoked"
    EXPIRED = "expired"


class ConsentParty(StrEnum):
    """Whom a consent lets information pass between; shown in this order."""

    REGION = "region"
    MUNICIPALITY = "municipality"
    PRIMARY_CARE = "primary_care"
    SOCIAL_INSURANCE = "social_insurance"  # Försäkringskassan
    PROBATION = "probation"  # Frivården
    OTHER = "other"


class ConsentForm(StrEnum):
    """How a consent was given. A consent recorded before tavla asked has none ("")."""

    WRITTEN = "written"
    ORAL = "oral"


class AreaNeed(StrEnum):
    """A life area's need in the needs assessment (kartläggning)."""

    NONE = "none"  # no need in this area
    MET = "met"  # a need, met by what is done now
    UNMET = "unmet"  # a need that nothing done now meets


class ExportKind(StrEnum):
    TEMPLATE = "template"
    BOARD = "board"
    FIGURES = "figures"


class LogAction(StrEnum):
    """What an access-log entry records."""

    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    RATE = "rate"
    EXPORT = "export"
    IMPORT = "import"
    LIST = "list"
    DISCHARGE = "discharge"
    UNDO_DISCHARGE = "undo-discharge"
    RESTORE = "restore"


def as_key(vocabulary: type[K], value: str | None) -> K | str | None:
    """`value` as a member of `vocabulary`; None, and a value outside it (typed in a form, not
    yet refused by its check), stay as they are."""
    try:
        return None if value is None else vocabulary(value)
    except ValueError:
        return value
