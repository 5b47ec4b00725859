"""Agenda items and a participant's "since last meeting" in words, for the agenda and meeting
screens. User text is only ever appended to Text objects, never read as markup."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from tavla.domain.agenda_rules import reason_text
from tavla.domain.dates import day_text
from tavla.domain.display import fit_name, one_line
from tavla.domain.recurrence import weekday_name
from tavla.domain.template import BoardTemplate
from tavla.i18n import _, ngettext
from tavla.render.labels import label_for
from tavla.store.actions import ActionSummary
from tavla.store.agenda import AgendaView, ItemView


def item_label(item: ItemView, width: int | None = None) -> Text:
    """Who or what an item is about: 'AM37 Ida Forsberg' ('AM37' when masked), a topic."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if item.kind == "actions":
        text.append(_("Open actions"), "bold")
    elif item.kind == "topic":
        text.append(one_line(item.title, width), "italic")
    else:
        text.append(item.code or "?", "bold")
        if item.name:
            text.append(" " + (fit_name(item.name, width) if width else one_line(item.name)))
    return text


def reasons_line(item: ItemView, template: BoardTemplate, meeting_on: date) -> str:
    if item.by_hand and not item.reasons:
        return _("added by hand")
    return "; ".join(reason_text(reason, template, meeting_on) for reason in item.reasons)


def meeting_heading(agenda: AgendaView) -> Text:
    """'Weekly coordinator meeting Tuesday 2026-11-24 09:00 · week 48 · 45 min · …'."""
    meeting = agenda.meeting
    day = meeting.held_on
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(_("Weekly meeting"), "bold")
    text.append(
        "  "
        + _("{weekday} {day} at {time}").format(
            weekday=weekday_name(day.weekday()), day=day.isoformat(), time=meeting.starts_at
        )
    )
    text.append("  ·  " + _("week {week}").format(week=day.isocalendar().week))
    planned = sum(item.box_minutes for item in agenda.items)
    text.append(
        "  ·  "
        + ngettext("{n} item", "{n} items", len(agenda.items)).format(n=len(agenda.items))
        + "  ·  "
        + _("{planned} of {minutes} min").format(planned=planned, minutes=meeting.minutes),
        "bold" if planned > meeting.minutes else "",
    )
    if meeting.status == "closed":
        text.append("  ·  " + _("closed"), "bold reverse")
    return text


def attendees_line(agenda: AgendaView) -> Text:
    names = ", ".join(one_line(name) for name in agenda.meeting.attendees) or "–"
    return Text(_("Attendees: {names}").format(names=names), no_wrap=True, overflow="ellipsis")


def action_line(action: ActionSummary, today: date) -> Text:
    """One action: due date (red when overdue), who, what, whose."""
    text = Text(no_wrap=True, overflow="ellipsis")
    overdue = action.overdue(today)
    text.append(day_text(action.due_on), "bold red" if overdue else "")
    text.append("  " + one_line(action.owner, 24) + "  ")
    if action.code:
        text.append(action.code, "bold")
        if action.participant_name:
            text.append(" " + one_line(action.participant_name, 20))
        text.append("  ")
    text.append(one_line(action.what))
    if action.status != "open":
        text.append(f"  ({label_for(action.status)})", "italic")
    return text


def move_line(lane: str, before: int | None, after: int | None, template: BoardTemplate) -> str:
    labels = {lane.key: lane.label for lane in template.lanes}
    was = "–" if before is None else template.level(before).symbol
    now = template.level(after).symbol
    return f"{labels.get(lane, lane)} {was} → {now}"
