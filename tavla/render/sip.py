"""The SIP screen's text blocks, built as Text (user text is never markup).

Each gets the plans as the screen may show them: while presenting, `tavla.domain.privacy` has
already masked the person's own words, goals, the crisis plan's text and relatives.
"""

from __future__ import annotations

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
    text.append("\n")
    text.append(plan_text(plan, record, today))
    return text
