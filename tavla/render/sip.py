"""The SIP screen's text blocks, built as Text (user text is never markup).

Each gets the plans as the screen may show them: while presenting, `tavla.domain.privacy` has
already masked the person's own words, goals, the crisis plan's text and relatives.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text

from tavla.domain.dates import day_text
from tavla.domain.display import one_line
from tavla.domain.flags import crisis_plan_state, follow_up_overdue
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.render.plan_diff import Change
from tavla.store.crisis_plans import CrisisPlan
from tavla.store.plans_record import PlansRecord
from tavla.store.sip_parts import SipNeed
from tavla.store.sips import SipPlan


def _line(text: Text, label: str, value: str | Text, style: str = "") -> None:
    text.append(label + ": ", "bold")
    text.append(value if isinstance(value, Text) else Text(value, style))
    text.append("\n")


def person_name(record: PlansRecord, contact_id: int) -> str:
    contact = record.contacts.get(contact_id)
    return "?" if contact is None else one_line(contact.name)


def own_words_text(plan: SipPlan) -> Text:
    text = Text()
    for label, words in (
        (_("Own goals"), plan.own_goals),
        (_("Own description of the situation"), plan.own_description),
        (_("Own view of the plan"), plan.own_view),
        (_("What was unclear"), plan.unclear),
    ):
        _line(text, label, words or "–", "italic")
    text.rstrip()
    return text


def plan_text(plan: SipPlan, record: PlansRecord, today: date) -> Text:
    text = Text()
    people = [person_name(record, i) for i in plan.attendee_ids]
    if plan.person_took_part:
        people.insert(0, _("the person"))
    if plan.others_present:
        people.append(one_line(plan.others_present))
    _line(text, _("SIP meeting"), f"{day_text(plan.meeting_on)} · " + (", ".join(people) or "–"))
    holder = label_for(plan.main_responsibility or "") if plan.main_responsibility else "–"
    responsible = person_name(record, plan.responsible_id) if plan.responsible_id else ""
    _line(text, _("Main responsibility"), holder + (f", {responsible}" if responsible else ""))
    follow = Text(day_text(plan.follow_up_on))
    if follow_up_overdue(plan.follow_up_on, today):
        follow.append("  " + _("OVERDUE"), "bold reverse red")
    _line(text, _("Next follow-up"), follow)
    _line(text, _("Calls the follow-up"), follow_up_caller(plan, record) or "–")
    _line(text, _("Plan ends"), day_text(plan.ends_on))
    _line(
        text,
        _("Consent to the SIP"),
        day_text(plan.consent_on) if plan.consent_on else _("not recorded"),
    )
    _line(
        text,
        _("Own copy offered"),
        day_text(plan.copy_offered_on) if plan.copy_offered_on else _("not yet"),
    )
    text.rstrip()
    return text


def crisis_text(plan: CrisisPlan | None, record: PlansRecord, today: date) -> Text:
    if plan is None:
        return Text(_("No crisis plan. Press c to write one."), "bold red")
    text = Text()
    for label, words in (
        (_("Early signs"), plan.early_signs),
        (_("The person does"), plan.person_does),
        (_("Staff do"), plan.staff_do),
    ):
        _line(text, label, words or "–", "italic")
    calls = []
    for contact_id in plan.call_ids:
        contact = record.contacts.get(contact_id)
        if contact is not None:
            calls.append(f"{person_name(record, contact_id)} {contact.phone}".strip())
    _line(text, _("Whom to call"), ", ".join(calls) or "–")
    reviewed = Text(day_text(plan.reviewed_on))
    if crisis_plan_state(plan.reviewed_on, today) == "stale":
        reviewed.append("  " + _("NOT REVIEWED FOR 6 MONTHS"), "bold reverse yellow")
    _line(text, _("Reviewed"), reviewed)
    text.rstrip()
    return text


def follow_up_caller(plan: SipPlan, record: PlansRecord) -> str:
    """Who calls the follow-up: the contact (with phone), and or the words typed."""
    parts = []
    if plan.follow_up_caller_id is not None:
        contact = record.contacts.get(plan.follow_up_caller_id)
        phone = f" {contact.phone}" if contact is not None and contact.phone else ""
        parts.append(person_name(record, plan.follow_up_caller_id) + phone)
    if plan.follow_up_caller:
        parts.append(one_line(plan.follow_up_caller))
    return ", ".join(parts)


def meets_text(plan: SipPlan, need: SipNeed) -> Text:
    """What meets a need: the plan's interventions, or a warning that nothing does yet."""
    whats = {i.intervention_id: i.what for i in plan.interventions}
    met = [one_line(whats.get(i, "?"), 30) for i in need.intervention_ids]
    if not met:
        return Text(_("no intervention yet"), "bold yellow")
    return Text(", ".join(met))


def need_rows(plan: SipPlan, area: Callable[[str], str]) -> list[tuple[str, Text, str, Text]]:
    """(row key, need, area, what meets it) for the needs table; `area` names an area key."""
    return [
        (
            str(n),
            Text(one_line(need.text, 50)),
            area(need.area) if need.area else "–",
            meets_text(plan, need),
        )
        for n, need in enumerate(plan.needs)
    ]


def measure_rows(plan: SipPlan) -> list[tuple[str, str, Text]]:
    """(row key, who, what) for the table of others' measures."""
    return [
        (str(n), label_for(m.who), Text(one_line(m.what, 60)))
        for n, m in enumerate(plan.others_measures)
    ]


def goal_rows(plan: SipPlan) -> list[tuple[str, Text, str, str]]:
    """(row key, goal or sub-goal, due, status) for the goals table."""
    rows = []
    for n, goal in enumerate(plan.goals, start=1):
        label = Text(f"{n}. ", "bold")
        label.append(one_line(goal.text, 70), "bold")
        rows.append((f"{n - 1}", label, "", ""))
        for m, sub in enumerate(goal.sub_goals, start=1):
            sub_label = Text(f"   {n}.{m} ")
            sub_label.append(one_line(sub.text, 66))
            rows.append(
                (
                    f"{n - 1}.{m - 1}",
                    sub_label,
                    day_text(sub.target_on),
                    label_for(sub.status),
                )
            )
    return rows


def changes_text(changes: list[Change]) -> Text:
    if not changes:
        return Text(_("No changes."), "italic")
    styles = {"+": "bold green", "-": "bold red", "~": "bold yellow"}
    text = Text()
    for change in changes:
        text.append(f" {change.sign} ", styles.get(change.sign, "bold"))
        text.append(change.text + "\n")
    text.rstrip()
    return text


def version_text(plan: SipPlan, record: PlansRecord, today: date) -> Text:
    """A whole saved version, for reading: own words, goals, interventions, plan."""
    text = own_words_text(plan)
    text.append("\n\n" + _("Goals") + "\n", "bold underline")
    for _key, label, due, status in goal_rows(plan):
        text.append(label)
        if due or status:
            text.append(f"  ({due}, {status})")
        text.append("\n")
    text.append("\n" + _("Interventions") + "\n", "bold underline")
    for item in plan.interventions:
        text.append(
            Text(
                f"• {one_line(item.what, 50)} – {label_for(item.principal)}"
                f" {day_text(item.started_on)}–{day_text(item.ended_on, '…')}\n"
            )
        )
    if plan.needs:
        text.append("\n" + _("Needs") + "\n", "bold underline")
        for _key, need, _area, meets in need_rows(plan, str):
            text.append(Text("• ") + need + Text(" – ") + meets + Text("\n"))
    if plan.others_measures:
        text.append("\n" + _("Others' measures") + "\n", "bold underline")
        for _key, who, what in measure_rows(plan):
            text.append(Text(f"• {who}: ") + what + Text("\n"))
    text.append("\n")
    text.append(plan_text(plan, record, today))
    return text
