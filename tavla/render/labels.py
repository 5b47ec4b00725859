"""The words for every vocabulary key, in the user's language: the one place they are chosen.

The store returns keys (the StrEnums of `tavla/domain/vocabulary.py`); the command line, the
screens and the exports turn them into words here, at display time, so a change of language
needs no reload and a word is written once.
"""

from __future__ import annotations

from enum import StrEnum

from tavla.domain.vocabulary import (
    ActionStatus,
    AreaNeed,
    CareLaw,
    ConsentForm,
    ConsentParty,
    ConsentState,
    ContactKind,
    DischargeReason,
    EventKind,
    ExportKind,
    InterventionStatus,
    LogAction,
    MeetingKind,
    OtherActor,
    OutcomeKind,
    Principal,
    SubGoalStatus,
)
from tavla.i18n import _


def label_for(key: StrEnum | str | None) -> str:
    """The words for a key; "" for none. A plain string is a value outside every vocabulary
    (an older database's, or a blank) and shows as stored."""
    if key is None:
        return ""
    if not isinstance(key, StrEnum):
        return key
    return _words(type(key))[key]


def outcome_items(kind: OutcomeKind) -> tuple[str, str, str, str]:
    """The four items of an ORS or SRS form."""
    if kind == OutcomeKind.ORS:
        return (_("Individually"), _("Interpersonally"), _("Socially"), _("Overall"))
    return (_("Relationship"), _("Goals and topics"), _("Approach or method"), _("Overall"))


def _words(vocabulary: type[StrEnum]) -> dict[str, str]:
    # Built on each call: gettext answers in the language chosen now.
    return _TABLES[vocabulary]()


_TABLES = {
    Principal: lambda: {
        Principal.REGION: _("region"),
        Principal.MUNICIPALITY: _("municipality"),
        Principal.OTHER: _("other"),
    },
    ContactKind: lambda: {
        ContactKind.COORDINATOR: _("Coordinator"),
        ContactKind.CARE_CONTACT: _("Permanent care contact"),
        ContactKind.HOUSING_SUPPORT: _("Housing support"),
        ContactKind.PRIMARY_CARE: _("Primary care"),
        ContactKind.DEPENDENCY_CARE: _("Dependency outpatient care"),
        ContactKind.SOMATIC_CARE: _("Somatic care"),
        ContactKind.FINANCES: _("Finances"),
        ContactKind.PROBATION: _("Probation service"),
        ContactKind.SOCIAL_INSURANCE: _("Social insurance agency"),
        ContactKind.RELATIVE: _("Relative"),
        ContactKind.OTHER: _("Other"),
    },
    OtherActor: lambda: {
        OtherActor.SOCIAL_INSURANCE: _("Social Insurance Agency"),
        OtherActor.PROBATION: _("Probation Service"),
        OtherActor.RELATIVES: _("Relatives"),
        OtherActor.OTHER: _("Other"),
    },
    EventKind: lambda: {
        EventKind.INPATIENT: _("Inpatient care"),
        EventKind.EMERGENCY: _("Emergency visit"),
        EventKind.CRISIS: _("Crisis with police or ambulance"),
        EventKind.EVICTION: _("Eviction"),
    },
    CareLaw: lambda: {
        CareLaw.LPT: "LPT",
        CareLaw.LVM: "LVM",
        CareLaw.LRV: "LRV",
    },
    InterventionStatus: lambda: {
        InterventionStatus.PLANNED: _("planned"),
        InterventionStatus.ONGOING: _("ongoing"),
        InterventionStatus.ENDED: _("ended"),
    },
    ActionStatus: lambda: {
        ActionStatus.OPEN: _("open"),
        ActionStatus.DONE: _("done"),
        ActionStatus.DROPPED: _("dropped"),
    },
    SubGoalStatus: lambda: {
        SubGoalStatus.NOT_STARTED: _("not started"),
        SubGoalStatus.IN_PROGRESS: _("in progress"),
        SubGoalStatus.REACHED: _("reached"),
        SubGoalStatus.DROPPED: _("dropped"),
    },
    MeetingKind: lambda: {
        MeetingKind.WEEKLY: _("Weekly coordinator meeting"),
        MeetingKind.RESOURCE_GROUP: _("Resource-group meeting"),
        MeetingKind.SIP: _("SIP meeting"),
        MeetingKind.TREPART: _("Three-party meeting with primary care"),
        MeetingKind.RELATIVES: _("Talk with relatives"),
        MeetingKind.HOME_VISIT: _("Home visit"),
        MeetingKind.MANAGERS: _("Managers' meeting"),
    },
    DischargeReason: lambda: {
        DischargeReason.READY: _("Ready for a permanent care contact and ordinary services"),
        DischargeReason.MOVED: _("Moved to another municipality"),
        DischargeReason.DECLINED: _("Declined further participation"),
        DischargeReason.OTHER: _("Other reason"),
    },
    OutcomeKind: lambda: {OutcomeKind.ORS: "ORS", OutcomeKind.SRS: "SRS"},
    ConsentState: lambda: {
        ConsentState.MISSING: _("none recorded"),
        ConsentState.REVOKED: _("revoked"),
        ConsentState.EXPIRED: _("expired"),
        ConsentState.EXPIRING: _("expires within 14 days"),
        ConsentState.VALID: _("valid"),
    },
    ConsentParty: lambda: {
        ConsentParty.REGION: _("region"),
        ConsentParty.MUNICIPALITY: _("municipality"),
        ConsentParty.PRIMARY_CARE: _("primary care"),
        ConsentParty.SOCIAL_INSURANCE: _("Social Insurance Agency"),
        ConsentParty.PROBATION: _("Probation Service"),
        ConsentParty.OTHER: _("other"),
    },
    AreaNeed: lambda: {
        AreaNeed.NONE: _("no need"),
        AreaNeed.MET: _("need met"),
        AreaNeed.UNMET: _("need not met"),
    },
    ConsentForm: lambda: {ConsentForm.WRITTEN: _("In writing"), ConsentForm.ORAL: _("Orally")},
    ExportKind: lambda: {
        ExportKind.TEMPLATE: _("The board's template"),
        ExportKind.BOARD: _("The board, de-identified"),
        ExportKind.FIGURES: _("Follow-up figures for managers"),
    },
    LogAction: lambda: {
        LogAction.READ: _("read"),
        LogAction.CREATE: _("created"),
        LogAction.UPDATE: _("changed"),
        LogAction.RATE: _("rated"),
        LogAction.EXPORT: _("exported to a file"),
        LogAction.IMPORT: _("imported"),
        LogAction.LIST: _("listed"),
        LogAction.DISCHARGE: _("discharged"),
        LogAction.UNDO_DISCHARGE: _("discharge undone"),
        LogAction.RESTORE: _("restored from a backup"),
    },
}
