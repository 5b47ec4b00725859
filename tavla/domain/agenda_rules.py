"""The agenda rules: which participants the weekly meeting should talk about, and why.

Pure: it reads the board rows, the levels in effect at the last meeting and the
template's rules and thresholds, and returns proposals with their reasons as data
(`Reason`); `reason_text` words a reason for people. The order of the rules in the
template is the order of the agenda. No Textual, no database.

A participant without valid consent to share information between the principals (missing,
revoked or expired) is proposed for one thing only: getting consent. The meeting may not
talk about their levels, needs or plans until then (`domain.privacy` hides them likewise).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tavla.domain.dates import day_text
from tavla.domain.flags import (
    CRISIS_REVIEW_MONTHS,
    care_contact_missing,
    consent_state,
    crisis_plan_state,
    resource_group_due,
)
from tavla.domain.privacy import SHAREABLE
from tavla.i18n import _, ngettext

if TYPE_CHECKING:
    from tavla.domain.template import AgendaRules, BoardTemplate
    from tavla.store.board import BoardRow

FOLLOW_UP_AHEAD_DAYS = 6  # a follow-up before the next weekly meeting is due now


@dataclass(frozen=True)
class Reason:
    rule: str  # one of template.AGENDA_RULES
    detail: str = ""  # the facts, language-neutral: "health:2:3", an ISO date, a count


@dataclass(frozen=True)
class Proposal:
    participant_id: int | None  # None: the item for last meeting's open actions
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class AgendaFacts:
    """What the rules need besides the board rows."""

    meeting_on: date
    since: date  # the previous weekly meeting (or a week before this one)
    levels_then: Mapping[tuple[int, str], int | None]  # (participant, lane) → level at `since`
    open_actions: int  # open actions from earlier meetings
    discussed_on: Mapping[int, date]  # participant → the last meeting that discussed them


def propose(rows: Sequence[BoardRow], facts: AgendaFacts, rules: AgendaRules) -> list[Proposal]:
    """The proposed agenda: open actions first, then participants in the order of the first
    rule they meet (the template's order), by code within a rule."""
    proposals: list[Proposal] = []
    if "open_actions" in rules.rules and facts.open_actions:
        proposals.append(Proposal(None, (Reason("open_actions", str(facts.open_actions)),)))
    ranked = []
    for row in rows:
        reasons = participant_reasons(row, facts, rules)
        if reasons:
            rank = rules.rules.index(reasons[0].rule)
            ranked.append((rank, row.code, Proposal(row.participant_id, tuple(reasons))))
    proposals.extend(proposal for _rank, _code, proposal in sorted(ranked, key=lambda r: r[:2]))
    return proposals


def participant_reasons(row: BoardRow, facts: AgendaFacts, rules: AgendaRules) -> list[Reason]:
    """Every rule `row` meets, in the template's order of rules; without valid consent, only
    the consent rule (and nothing when the template has it off)."""
    if consent_state(*_consent_dates(row), facts.meeting_on) not in SHAREABLE:
        return _consent(row, facts, rules) if "consent" in rules.rules else []
    found = []
    for rule in rules.rules:
        check = _CHECKS.get(rule)
        if check is not None:
            found.extend(check(row, facts, rules))
    return found


def _level_rose(row: BoardRow, facts: AgendaFacts, rules: AgendaRules) -> list[Reason]:
    found = []
    for lane, cell in row.lanes.items():
        before = facts.levels_then.get((row.participant_id, lane))
        if (
            cell.rated_on > facts.since
            and cell.level is not None
            and before is not None
            and cell.level > before
        ):
            found.append(Reason("level_rose", f"{lane}:{before}:{cell.level}"))
    return found


def _top_level(row: BoardRow, facts: AgendaFacts, rules: AgendaRules) -> list[Reason]:
    return [
        Reason("top_level", f"{lane}:{cell.level}")
        for lane, cell in row.lanes.items()
        if cell.level is not None and cell.level >= rules.top_level
    ]


def _unmet_need(row: BoardRow, facts: AgendaFacts, rules: AgendaRules) -> list[Reason]:
    return [
        Reason("unmet_need", f"{lane}:{cell.level}")
        for lane, cell in row.lanes.items()
        if cell.need == "unmet" and cell.level is not None and cell.level >= rules.unmet_from_level
    ]


def _new_enrolment(row: BoardRow, facts: AgendaFacts, rules: AgendaRules) -> list[Reason]:
    if facts.since < row.enrolled_on <= facts.meeting_on:
        return [Reason("new_enrolment", row.enrolled_on.isoformat())]
    return []


def _sip_follow_up(row: BoardRow, facts: AgendaFacts, rules: AgendaRules) -> list[Reason]:
    due = row.sip_follow_up_on
    if due is not None and due <= facts.meeting_on + timedelta(days=FOLLOW_UP_AHEAD_DAYS):
        return [Reason("sip_follow_up", due.isoformat())]
    return []


def _consent_dates(row: BoardRow) -> tuple[date | None, date | None, date | None]:
    return row.consent_given_on, row.consent_expires_on, row.consent_revoked_on


def _consent(row: BoardRow, facts: AgendaFacts, rules: AgendaRules) -> list[Reason]:
    state = consent_state(
        *_consent_dates(row), facts.meeting_on, warning_days=rules.consent_warning_days
    )
    if state == "valid":
        return []
    day = row.consent_revoked_on if state == "revoked" else row.consent_expires_on
    return [Reason("consent", f"{state}:{day.isoformat() if day else ''}")]


def _crisis_plan(row: BoardRow, facts: AgendaFacts, rules: AgendaRules) -> list[Reason]:
    state = crisis_plan_state(row.crisis_reviewed_on, facts.meeting_on)
    if state == "current":
        return []
    reviewed = row.crisis_reviewed_on.isoformat() if row.crisis_reviewed_on else ""
    return [Reason("crisis_plan", f"{state}:{reviewed}")]


def _care_contact(row: BoardRow, facts: AgendaFacts, rules: AgendaRules) -> list[Reason]:
    if care_contact_missing(
        row.care_contact_id, row.enrolled_on, facts.meeting_on, rules.care_contact_weeks
    ):
        weeks = (facts.meeting_on - row.enrolled_on).days // 7
        return [Reason("care_contact", str(weeks))]
    return []


def _resource_group(row: BoardRow, facts: AgendaFacts, rules: AgendaRules) -> list[Reason]:
    last = row.resource_group_met_on
    if resource_group_due(last, row.enrolled_on, facts.meeting_on, rules.resource_group_months):
        held = last.isoformat() if last else ""
        return [Reason("resource_group", f"{held}:{row.enrolled_on.isoformat()}")]
    return []


def _not_discussed(row: BoardRow, facts: AgendaFacts, rules: AgendaRules) -> list[Reason]:
    last = facts.discussed_on.get(row.participant_id)
    since = last or row.enrolled_on
    weeks = (facts.meeting_on - since).days // 7
    if weeks >= rules.not_discussed_weeks:
        return [Reason("not_discussed", f"{weeks}:{last.isoformat() if last else ''}")]
    return []


_CHECKS = {
    "level_rose": _level_rose,
    "top_level": _top_level,
    "unmet_need": _unmet_need,
    "new_enrolment": _new_enrolment,
    "sip_follow_up": _sip_follow_up,
    "consent": _consent,
    "crisis_plan": _crisis_plan,
    "care_contact": _care_contact,
    "resource_group": _resource_group,
    "not_discussed": _not_discussed,
}


def reason_text(reason: Reason, template: BoardTemplate, meeting_on: date) -> str:
    """One reason in words, e.g. 'Hälsa rose 2 → 3'. Holds no names or free text, so it may
    be shown in presentation mode and in de-identified minutes."""
    rule, detail = reason.rule, reason.detail
    parts = detail.split(":")
    lanes = {lane.key: lane.label for lane in template.lanes}
    if rule == "open_actions":
        count = int(detail or 0)
        return ngettext(
            "{n} open action from earlier meetings", "{n} open actions from earlier meetings", count
        ).format(n=count)
    if rule == "level_rose":
        lane, before, after = parts
        return _("{lane} rose {before} → {after}").format(
            lane=lanes.get(lane, lane), before=before, after=after
        )
    if rule == "top_level":
        lane, level = parts
        return _("{lane} at {level}").format(lane=lanes.get(lane, lane), level=level)
    if rule == "unmet_need":
        lane, level = parts
        return _("{lane} at {level}, need unmet").format(lane=lanes.get(lane, lane), level=level)
    if rule == "new_enrolment":
        return _("Newly enrolled {day}").format(day=detail)
    if rule == "sip_follow_up":
        due = date.fromisoformat(detail)
        if due < meeting_on:
            return _("SIP follow-up overdue since {day}").format(day=detail)
        return _("SIP follow-up due {day}").format(day=detail)
    if rule == "consent":
        state, day = parts
        return {
            "missing": _("No consent to share information: obtain consent"),
            "revoked": _("Consent revoked {day}: obtain consent").format(day=day),
            "expired": _("Consent expired {day}: obtain consent").format(day=day),
            "expiring": _("Consent expires {day}").format(day=day),
        }[state]
    if rule == "crisis_plan":
        state, day = parts
        if state == "missing":
            return _("No crisis plan")
        return _("Crisis plan not reviewed since {day}").format(day=day)
    if rule in ("care_contact", "resource_group", "not_discussed"):
        return _absence_text(rule, detail)
    return rule


def _absence_text(rule: str, detail: str) -> str:
    """The rules about something missing for a time: a permanent care contact, a
    resource-group meeting, a discussion."""
    parts = detail.split(":")
    if rule == "care_contact":
        weeks = int(detail or 0)
        return ngettext(
            "No permanent care contact, {n} week after enrolment",
            "No permanent care contact, {n} weeks after enrolment",
            weeks,
        ).format(n=weeks)
    if rule == "resource_group":
        held, enrolled = parts
        if not held:
            return _("No resource-group meeting since enrolment {day}").format(day=enrolled)
        return _("No resource-group meeting since {day}").format(day=held)
    if rule == "not_discussed":
        weeks, last = int(parts[0]), parts[1]
        if not last:
            return ngettext(
                "Not discussed since enrolment, {n} week",
                "Not discussed since enrolment, {n} weeks",
                weeks,
            ).format(n=weeks)
        return ngettext(
            "Not discussed for {n} week (last {day})",
            "Not discussed for {n} weeks (last {day})",
            weeks,
        ).format(n=weeks, day=day_text(date.fromisoformat(last)))
    return rule


def rule_text(rule: str, rules: AgendaRules) -> str:
    """What a rule proposes, in words, with the board's thresholds (for the template)."""
    texts = {
        "open_actions": _("Open actions from earlier meetings come first"),
        "level_rose": _("A lane's level rose since the last meeting"),
        "top_level": _("A lane at level {level}").format(level=rules.top_level),
        "unmet_need": _("An unmet need at level {level} or above").format(
            level=rules.unmet_from_level
        ),
        "new_enrolment": _("Enrolled since the last meeting"),
        "sip_follow_up": ngettext(
            "SIP follow-up due within {n} day, or overdue",
            "SIP follow-up due within {n} days, or overdue",
            FOLLOW_UP_AHEAD_DAYS,
        ).format(n=FOLLOW_UP_AHEAD_DAYS),
        "consent": ngettext(
            "Consent missing, revoked, expired or expiring within {n} day",
            "Consent missing, revoked, expired or expiring within {n} days",
            rules.consent_warning_days,
        ).format(n=rules.consent_warning_days),
        "crisis_plan": ngettext(
            "No crisis plan, or not reviewed for {n} month",
            "No crisis plan, or not reviewed for {n} months",
            CRISIS_REVIEW_MONTHS,
        ).format(n=CRISIS_REVIEW_MONTHS),
        "care_contact": ngettext(
            "No permanent care contact {n} week after enrolment",
            "No permanent care contact {n} weeks after enrolment",
            rules.care_contact_weeks,
        ).format(n=rules.care_contact_weeks),
        "resource_group": ngettext(
            "No resource-group meeting for {n} month",
            "No resource-group meeting for {n} months",
            rules.resource_group_months,
        ).format(n=rules.resource_group_months),
        "not_discussed": ngettext(
            "Not discussed for {n} week",
            "Not discussed for {n} weeks",
            rules.not_discussed_weeks,
        ).format(n=rules.not_discussed_weeks),
    }
    return texts[rule]
