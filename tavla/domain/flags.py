"""What the board flags about a participant, from the facts and today's date.

Pure functions, shared by the board, the participant screen and the agenda rules:
consent state, ORS alerts, whether an ongoing intervention covers a lane, a
resource-group meeting due, a permanent care contact still missing. No Textual,
no database.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tavla.domain.template import AgendaRules

from tavla.domain.vocabulary import ConsentState

CONSENT_WARNING_DAYS = 14
ORS_CUTOFF = 25  # adult clinical cut-off of the Outcome Rating Scale (total 0–40)
ORS_RELIABLE_CHANGE = 5
SRS_ALLIANCE_CUTOFF = 36  # a Session Rating Scale total at or below this flags the alliance

CRISIS_REVIEW_MONTHS = 6
# The default template's thresholds, for a caller without a board's rules at hand.
RESOURCE_GROUP_MONTHS = 3
CARE_CONTACT_WEEKS = 4

Span = tuple[date, date | None]


def consent_state(
    given_on: date | None,
    expires_on: date | None,
    revoked_on: date | None,
    today: date,
    *,
    warning_days: int = CONSENT_WARNING_DAYS,
) -> ConsentState:
    """Missing, revoked, expired, expiring (within 14 days) or valid."""
    if given_on is None or expires_on is None:
        return ConsentState.MISSING
    if revoked_on is not None and revoked_on <= today:
        return ConsentState.REVOKED
    if expires_on < today:
        return ConsentState.EXPIRED
    if expires_on <= today + timedelta(days=warning_days):
        return ConsentState.EXPIRING
    return ConsentState.VALID


def ors_alert(total: int | None, previous: int | None) -> bool:
    """An ORS total at or below the cut-off, or a reliable drop since the previous one."""
    if total is None:
        return False
    dropped = previous is not None and previous - total >= ORS_RELIABLE_CHANGE
    return total <= ORS_CUTOFF or dropped


def crisis_plan_state(reviewed_on: date | None, today: date) -> str:
    """'missing', 'stale' (not reviewed for 6 months) or 'current'."""
    if reviewed_on is None:
        return "missing"
    if _add_months(reviewed_on, CRISIS_REVIEW_MONTHS) < today:
        return "stale"
    return "current"


def _add_months(day: date, months: int) -> date:
    """`day` plus whole months, the 31st clamped to a shorter month's end (as dateutil does).

    Not dateutil itself: the board asks this for every row before its first paint, and
    importing relativedelta costs some 12 ms there.
    """
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (next_month - timedelta(days=1)).day))


def resource_group_due_on(met_on: date | None, enrolled_on: date, months: int) -> date:
    """When the next resource-group meeting is due: `months` after the latest one, or after
    enrolment when there has been none."""
    return _add_months(met_on or enrolled_on, months)


def resource_group_due(met_on: date | None, enrolled_on: date, today: date, months: int) -> bool:
    """No resource-group meeting for `months` months (counted from enrolment if never): the
    same as resource_group_due_on(...) <= today, as one comparison a row (the board asks it
    of every row before its first paint)."""
    return (met_on or enrolled_on) <= _latest_due(today, months)


@lru_cache(maxsize=16)
def _latest_due(today: date, months: int) -> date:
    """The last day whose date `months` months on falls on or before `today` (adding months
    never goes back, so every earlier day is due too)."""
    day = _add_months(today, -months)
    while _add_months(day + timedelta(days=1), months) <= today:
        day += timedelta(days=1)
    while _add_months(day, months) > today:
        day -= timedelta(days=1)
    return day


def care_contact_missing(
    care_contact_id: int | None, enrolled_on: date, today: date, weeks: int
) -> bool:
    """`weeks` weeks after enrolment, still no permanent care contact (fast vårdkontakt)."""
    return care_contact_id is None and enrolled_on <= today - timedelta(weeks=weeks)


def follow_up_overdue(follow_up_on: date | None, today: date) -> bool:
    """A SIP whose follow-up date has passed (the day itself is not overdue)."""
    return follow_up_on is not None and follow_up_on < today


def coverage_text(spans: dict[str, list[Span]]) -> str:
    """Spans of ongoing interventions by lane, as kept on the participant row."""
    return ";".join(
        f"{lane}:{start.isoformat()}..{end.isoformat() if end else ''}"
        for lane, lane_spans in sorted(spans.items())
        for start, end in lane_spans
    )


def covered(coverage: str, lane: str, day: date) -> bool:
    """Whether an ongoing intervention covers `lane` on `day`, read off the coverage text.

    ISO dates compare as strings, so nothing is parsed: the board asks this for every
    lane of every participant.
    """
    wanted, prefix = day.isoformat(), lane + ":"
    for item in coverage.split(";"):
        if item.startswith(prefix):
            start, _dots, end = item[len(prefix) :].partition("..")
            if start <= wanted and (not end or wanted <= end):
                return True
    return False


# The board's badge for each flag (an overdue SIP shows in its own column instead):
# samtycke, ORS, krisplan, åtgärd, resursgrupp, fast vårdkontakt.
FLAG_LETTERS = {
    "consent": "S",
    "ors": "O",
    "crisis": "K",
    "action": "Å",
    "resource_group": "R",
    "care_contact": "V",
}


class Flag(NamedTuple):  # a named tuple: cheaper to build than a dataclass, for every row
    key: str  # consent | ors | crisis | sip | action | resource_group | care_contact
    state: str  # consent: missing, revoked, expired, expiring; ors: low, drop;
    # crisis: missing, stale; sip: overdue; action: overdue; resource_group: due;
    # care_contact: missing
    severity: str  # alert | warning


def participant_flags(row, today: date, rules: AgendaRules | None = None) -> list[Flag]:
    """The flags of a board row (anything with the consent_*, ors_*, crisis_reviewed_on,
    sip_follow_up_on, action_due_on, enrolled_on, care_contact_id and resource_group_met_on
    attributes); `rules` gives the board's thresholds (else the default template's)."""
    months = rules.resource_group_months if rules else RESOURCE_GROUP_MONTHS
    weeks = rules.care_contact_weeks if rules else CARE_CONTACT_WEEKS
    flags = []
    consent = consent_state(
        row.consent_given_on, row.consent_expires_on, row.consent_revoked_on, today
    )
    if consent != "valid":
        flags.append(Flag("consent", consent, "warning" if consent == "expiring" else "alert"))
    if ors_alert(row.ors_total, row.ors_previous_total):
        low = row.ors_total <= ORS_CUTOFF
        flags.append(Flag("ors", "low" if low else "drop", "alert"))
    crisis = crisis_plan_state(row.crisis_reviewed_on, today)
    if crisis != "current":
        flags.append(Flag("crisis", crisis, "alert" if crisis == "missing" else "warning"))
    if follow_up_overdue(row.sip_follow_up_on, today):
        flags.append(Flag("sip", "overdue", "alert"))
    if row.action_due_on is not None and row.action_due_on < today:
        flags.append(Flag("action", "overdue", "alert"))
    if resource_group_due(row.resource_group_met_on, row.enrolled_on, today, months):
        flags.append(Flag("resource_group", "due", "warning"))
    if care_contact_missing(row.care_contact_id, row.enrolled_on, today, weeks):
        flags.append(Flag("care_contact", "missing", "warning"))
    return flags


def days_since(day: date | None, today: date) -> int | None:
    return None if day is None else (today - day).days
