"""The words for every vocabulary key, in the user's language: the one place they are chosen.

The store returns keys (the StrEnums of `tavla/domain/vocabulary.py`); the command line, the
screens and the exports turn them into words here, at display time, so a change of language
needs no reload and a word is written once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum

from tavla.domain.vocabulary import (
    ActionStatus,
    AreaNeed,
    CareLaw,
    ConsentForm,
    ConsentParty,
    ConsentState,
    ContactKind,
    DischargeCheck,
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
        ContactKind.CARE_UNIT: _("Care unit or clinic"),
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
    DischargeCheck: lambda: {
        DischargeCheck.CARE_CONTACT: _("A permanent care contact is named"),
        DischargeCheck.SIP: _("A SIP has been made"),
        DischargeCheck.SAMSA_REMOVED: _("The SAMSA marking is removed"),
        DischargeCheck.PARTIES_INFORMED: _("The parties are informed"),
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


def log_detail(action: str, detail: str) -> str:
    """An access-log entry's detail in words. The log stores it in English, with keys and
    numbers (it is evidence and is never rewritten); a detail not known here shows as stored."""
    if action == LogAction.DISCHARGE and detail in _keys(DischargeReason):
        return label_for(DischargeReason(detail))
    fixed = _fixed_details().get(detail)
    if fixed is not None:
        return fixed
    if detail in _keys(MeetingKind):
        return label_for(MeetingKind(detail))
    for pattern, words in _detail_patterns():
        found = re.fullmatch(pattern, detail)
        if found:
            return words(*found.groups())
    return detail


def _keys(vocabulary: type[StrEnum]) -> set[str]:
    return {member.value for member in vocabulary}


def _fixed_details() -> dict[str, str]:
    return {
        "participant": _("the record"),
        "board": _("the board"),
        "rating": _("the rating"),
        "participants": _("the list of participants"),
        "details": _("the enrolment details"),
        "coordinators": _("who is who"),
        "consent": _("consent"),
        "consent revoked": _("consent revoked"),
        "resource group": _("the resource group"),
        "samsa": _("SAMSA marking"),
        "since last meeting": _("since the last meeting"),
        "sip": _("SIP and crisis plan"),
        "agenda rules": _("the agenda rules"),
        "demo board": _("the demo board"),
    }


def _plan(kind: str) -> str:
    return _("SIP") if kind == "sip" else _("crisis plan") if kind == "crisis" else kind


def _status(status: str) -> str:
    return label_for(ActionStatus(status)) if status in _keys(ActionStatus) else status


def _detail_patterns() -> tuple[tuple[str, Callable[..., str]], ...]:
    return (
        (r"meeting (\d+) agenda order", _("meeting {0}: the agenda's order").format),
        (r"meeting (\d+) agenda", _("meeting {0}: agenda").format),
        (r"meeting (\d+) attendees", _("meeting {0}: attendees").format),
        (r"meeting (\d+)", _("meeting {0}").format),
        (r"agenda item (\d+) removed", _("agenda item {0} removed").format),
        (r"agenda item (\d+)", _("agenda item {0}").format),
        (r"action (\d+) (\w+)", lambda n, s: _("action {0}: {1}").format(n, _status(s))),
        (r"action (\d+)", _("action {0}").format),
        (r"contact (\d+)", _("contact {0}").format),
        (r"intervention (\d+)", _("intervention {0}").format),
        (r"(\w+) version (\d+)", lambda k, n: _("{0}, version {1}").format(_plan(k), n)),
        (r"meeting series (\w+)", lambda k: _("meeting series: {0}").format(_series(k))),
        (r"agenda (\d{4}-\d\d-\d\d)", _("agenda {0}").format),
        (r"template → (.*)", _("the template → {0}").format),
        (r"template ← (.*)", _("the template ← {0}").format),
        (r"de-identified board → (.*)", _("the de-identified board → {0}").format),
    )


def _series(kind: str) -> str:
    return label_for(MeetingKind(kind)) if kind in _keys(MeetingKind) else kind
