"""Minutes of a weekly coordinator meeting: Markdown or HTML, to paste into the journal.

The minutes follow the agenda: per item the participant, why they were on the
agenda, whether they were discussed, the decisions, the notes and the actions the
meeting agreed for them; then every open action on the board, overdue first.

De-identified minutes (`--deidentified`, or whenever the board is in presentation
mode) name participants by their pseudonym code only. Users' free text may name
people too, so in de-identified minutes:

- notes are left out altogether (they are the most personal text, and hidden in
  presentation mode already);
- in decisions, action texts and topic titles, participants' names and anything
  shaped like an identity number become codes (`redact.Redactor` says how); every
  participant on the board counts, discharged ones too, not only those on this agenda,
  and a name part several share becomes the code of the item's own participant.
This errs towards hiding too much (a surname that is also a word is hidden where it
means the word); it cannot find a name misspelt or a person described without a name,
which is why the de-identified file is still written for the owner only (0600).
Contacts (attendees, owners of actions) are staff and stay named. Reasons hold no
names (see `agenda_rules.reason_text`).

Everything typed by users is escaped: it is text, never markup, in HTML and in
Markdown alike. Writing the minutes is logged in the access log, once per
participant they mention.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tavla.agenda_rules import reason_text
from tavla.dates import day_text
from tavla.errors import UserError
from tavla.exports.files import check_target, write_export
from tavla.exports.redact import Redactor, keep
from tavla.exports.sip_copy import format_of
from tavla.i18n import _, language
from tavla.store.actions import status_label

if TYPE_CHECKING:
    from tavla.store.actions import ActionSummary
    from tavla.store.agenda import AgendaView, ItemView
    from tavla.store.database import Store


@dataclass(frozen=True)
class ActionLine:
    what: str  # user text (redacted when de-identified)
    owner: str
    due_on: date
    status: str  # a word for people
    overdue: bool
    participant: str  # "Name (CODE)", "CODE" or ""


@dataclass(frozen=True)
class ItemMinutes:
    heading: str  # the participant, the topic's title, or the open-actions item (user text)
    reasons: tuple[str, ...]
    discussed: bool
    decisions: str
    notes: str  # always "" when de-identified
    actions: tuple[ActionLine, ...]


@dataclass(frozen=True)
class Minutes:
    held_on: date
    starts_at: str
    length: int  # minutes
    closed: bool
    deidentified: bool
    attendees: tuple[str, ...]
    items: tuple[ItemMinutes, ...]
    other_actions: tuple[ActionLine, ...]  # agreed in this meeting, not under an item above
    open_actions: tuple[ActionLine, ...]  # every open action on `today`, overdue first
    today: date
    codes: tuple[str, ...]  # the participants the minutes mention, for the access log


# --- the minutes as data -------------------------------------------------------------------


def find_meeting(store: Store, held_on: date | None, today: date) -> AgendaView:
    """The weekly meeting on `held_on`, or the latest on or before `today`; else UserError."""
    from tavla.store.agenda import agenda_on, load_agenda
    from tavla.store.meetings import list_meetings

    if held_on is not None:
        view = agenda_on(store, held_on)
        if view is not None:
            return view
    weekly = [m for m in list_meetings(store, kind="weekly") if m.held_on <= (held_on or today)]
    if held_on is not None:
        weekly = [m for m in weekly if m.held_on == held_on]
    if not weekly:
        if held_on is not None:
            raise UserError(
                _("There is no weekly meeting on {day}.").format(day=held_on.isoformat())
            )
        raise UserError(
            _("There is no weekly meeting on or before {day}.").format(day=today.isoformat())
        )
    return load_agenda(store, weekly[0].id)


def minutes_document(
    store: Store, held_on: date | None, *, deidentified: bool, today: date
) -> Minutes:
    """The minutes of the weekly meeting on `held_on` (None: the latest on or before `today`).
    De-identified when asked, or when the board is in presentation mode."""
    from tavla.store.actions import list_actions
    from tavla.store.participants import list_participants
    from tavla.store.settings import PRESENTATION, is_on, read_all

    view = find_meeting(store, held_on, today)
    meeting = view.meeting
    deidentified = deidentified or is_on(read_all(store), PRESENTATION)
    redact = Redactor(list_participants(store, include_discharged=True)) if deidentified else keep

    def who(code: str | None, name: str | None) -> str:
        if code is None:
            return ""
        return code if deidentified or not name else f"{name} ({code})"

    def line(action: ActionSummary) -> ActionLine:
        return ActionLine(
            what=redact(action.what, action.code),
            owner=action.owner,
            due_on=action.due_on,
            status=status_label(action.status),
            overdue=action.overdue(today),
            participant=who(action.code, action.participant_name),
        )

    agreed = list_actions(store, today=today, status=None, meeting_id=meeting.id)
    agreed.sort(key=lambda a: (a.due_on, a.id))
    on_agenda = {item.code for item in view.items if item.kind == "participant"}
    items = []
    for item in view.items:
        mine = [a for a in agreed if item.kind == "participant" and a.code == item.code]
        items.append(
            ItemMinutes(
                heading=_heading(item, who, redact),
                reasons=tuple(
                    reason_text(reason, store.template, meeting.held_on) for reason in item.reasons
                ),
                discussed=item.discussed,
                decisions=redact(item.decisions, item.code),
                notes="" if deidentified else item.notes,
                actions=tuple(line(a) for a in mine),
            )
        )
    others = [a for a in agreed if a.code is None or a.code not in on_agenda]
    open_now = list_actions(store, today=today, status="open")
    mentioned = {item.code for item in view.items if item.code}
    mentioned |= {a.code for a in (*agreed, *open_now) if a.code}
    return Minutes(
        held_on=meeting.held_on,
        starts_at=meeting.starts_at,
        length=meeting.minutes,
        closed=meeting.status == "closed",
        deidentified=deidentified,
        attendees=meeting.attendees,
        items=tuple(items),
        other_actions=tuple(line(a) for a in others),
        open_actions=tuple(line(a) for a in open_now),
        today=today,
        codes=tuple(sorted(mentioned)),
    )


def _heading(item: ItemView, who, redact) -> str:
    if item.kind == "participant":
        return who(item.code, item.name)
    if item.kind == "topic":
        return _("Topic: {title}").format(title=redact(item.title))
    return _("Open actions from earlier meetings")


# --- words shared by both formats ------------------------------------------------------------


def _title(minutes: Minutes) -> str:
    title = _("Minutes of the weekly coordinator meeting {day}").format(
        day=minutes.held_on.isoformat()
    )
    return title if minutes.closed else title + " – " + _("draft")


def _when(minutes: Minutes) -> str:
    at = f" {minutes.starts_at}" if minutes.starts_at else ""
    return _("{day}{at}, {n} minutes").format(
        day=minutes.held_on.isoformat(), at=at, n=minutes.length
    )


def _state(minutes: Minutes) -> str:
    if minutes.closed:
        return _("Closed")
    return _("DRAFT: the meeting is not closed yet")


def _mode(minutes: Minutes) -> str:
    if minutes.deidentified:
        return _("De-identified: participants are shown by code; notes are left out.")
    return _("Holds personal data: keep it as you keep the journal.")


def _discussed(item: ItemMinutes) -> str:
    return _("Discussed") if item.discussed else _("Not discussed")


def _action_facts(action: ActionLine, with_participant: bool) -> str:
    """Owner, due date, status (and participant): fixed words and staff names, no user text."""
    facts = [action.owner, _("by {day}").format(day=day_text(action.due_on)), action.status]
    if action.overdue:
        facts.append(_("overdue"))
    if with_participant and action.participant:
        facts.append(action.participant)
    return ", ".join(facts)


def _footer(minutes: Minutes) -> str:
    return _("Written by tavla on {day}.").format(day=minutes.today.isoformat())


# --- Markdown ------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!&])")
_BULLET = re.compile(r"^([-+=])")
_NUMBERED = re.compile(r"^(\d+)([.)])")


def _clean(text: str) -> str:
    """User text without control characters, with one kind of line break."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return _CONTROL.sub("", text.replace("\u2029", "\n").replace("\t", " "))


def _md(text: str, indent: int = 0) -> str:
    """User text as Markdown text: shown as typed, every line kept, never markup. `indent`
    keeps continuation lines inside a list item."""
    lines = []
    for raw in _clean(text).split("\n"):
        escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", raw.strip())
        escaped = _NUMBERED.sub(r"\1\\\2", _BULLET.sub(r"\\\1", escaped))  # not a list line
        lines.append(escaped)
    return ("  \n" + " " * indent).join(line for line in lines if line)


def _md_actions(actions: Iterable[ActionLine], with_participant: bool) -> list[str]:
    return [
        "- " + _md(a.what, 2) + " – " + _md(_action_facts(a, with_participant), 2) for a in actions
    ]


def render_markdown(minutes: Minutes) -> str:
    out = [f"# {_md(_title(minutes))}", ""]
    out += [
        f"**{_md(_('Time'))}:** {_md(_when(minutes))}  ",
        f"**{_md(_('Status'))}:** {_md(_state(minutes))}  ",
        f"**{_md(_('Attendees'))}:** {_md(', '.join(minutes.attendees) or '–')}  ",
        f"*{_md(_mode(minutes))}*",
        "",
    ]
    for number, item in enumerate(minutes.items, start=1):
        out += [f"## {number}. {_md(item.heading)}", ""]
        if item.reasons:
            out.append(f"- {_md(_('On the agenda because'))}: {_md('; '.join(item.reasons), 2)}")
        out += [f"- {_md(_discussed(item))}", ""]
        for label, text in ((_("Decisions"), item.decisions), (_("Notes"), item.notes)):
            if text:
                out += [f"**{_md(label)}**  ", _md(text), ""]
        if item.actions:
            out += [f"**{_md(_('Actions'))}**", "", *_md_actions(item.actions, False), ""]
    if minutes.other_actions:
        out += [f"## {_md(_('Other actions agreed in this meeting'))}", ""]
        out += [*_md_actions(minutes.other_actions, True), ""]
    heading = _("Open actions on {day}").format(day=minutes.today.isoformat())
    out += [f"## {_md(heading)}", ""]
    if minutes.open_actions:
        out += [*_md_actions(minutes.open_actions, True), ""]
    else:
        out += [_md(_("No open actions.")), ""]
    out += [f"*{_md(_footer(minutes))}*", ""]
    return "\n".join(out)


# --- HTML ----------------------------------------------------------------------------------

_PAGE_CSS = """
@page { size: A4; margin: 2cm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
       color: #000; max-width: 18cm; margin: 1.5em auto; padding: 0 1em; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
h1 { font-size: 17pt; margin: 0 0 0.4em 0; }
h2 { font-size: 13pt; margin: 1.2em 0 0.3em 0; border-bottom: 1pt solid #000;
     page-break-after: avoid; break-after: avoid; }
section { page-break-inside: avoid; break-inside: avoid; }
p { margin: 0.2em 0 0.5em 0; }
.mode { font-style: italic; }
.draft { font-weight: bold; }
.label { font-weight: bold; display: block; }
ul { margin: 0.2em 0 0.6em 1.2em; padding: 0; }
.overdue { font-weight: bold; }
footer { margin-top: 2em; font-size: 9pt; color: #333; }
"""


def _h(text: str) -> str:
    """User text as HTML text: escaped (quotes too), its line breaks kept."""
    return html.escape(_clean(text)).replace("\n", "<br>\n")


def _html_actions(actions: Iterable[ActionLine], with_participant: bool) -> list[str]:
    out = ["<ul>"]
    for action in actions:
        css = ' class="overdue"' if action.overdue else ""
        facts = _h(_action_facts(action, with_participant))
        out.append(f"<li{css}>{_h(action.what)} – {facts}</li>")
    return [*out, "</ul>"]


def render_html(minutes: Minutes) -> str:
    state_css = "" if minutes.closed else ' class="draft"'
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_h(_title(minutes))}</title>",
        f"<style>{_PAGE_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(_title(minutes))}</h1>",
        f"<p><b>{_h(_('Time'))}:</b> {_h(_when(minutes))}<br>",
        f"<b>{_h(_('Status'))}:</b> <span{state_css}>{_h(_state(minutes))}</span><br>",
        f"<b>{_h(_('Attendees'))}:</b> {_h(', '.join(minutes.attendees) or '–')}</p>",
        f'<p class="mode">{_h(_mode(minutes))}</p>',
    ]
    for number, item in enumerate(minutes.items, start=1):
        out += ["<section>", f"<h2>{number}. {_h(item.heading)}</h2>", "<ul>"]
        if item.reasons:
            because = _h(_("On the agenda because"))
            out.append(f"<li>{because}: {_h('; '.join(item.reasons))}</li>")
        out += [f"<li>{_h(_discussed(item))}</li>", "</ul>"]
        for label, text in ((_("Decisions"), item.decisions), (_("Notes"), item.notes)):
            if text:
                out.append(f'<p><span class="label">{_h(label)}</span>{_h(text)}</p>')
        if item.actions:
            out.append(f'<p><span class="label">{_h(_("Actions"))}</span></p>')
            out += _html_actions(item.actions, False)
        out.append("</section>")
    if minutes.other_actions:
        out += ["<section>", f"<h2>{_h(_('Other actions agreed in this meeting'))}</h2>"]
        out += [*_html_actions(minutes.other_actions, True), "</section>"]
    heading = _("Open actions on {day}").format(day=minutes.today.isoformat())
    out += ["<section>", f"<h2>{_h(heading)}</h2>"]
    if minutes.open_actions:
        out += _html_actions(minutes.open_actions, True)
    else:
        out.append(f"<p>{_h(_('No open actions.'))}</p>")
    out += ["</section>", f"<footer>{_h(_footer(minutes))}</footer>", "</body></html>"]
    return "\n".join(out) + "\n"


# --- writing -------------------------------------------------------------------------------


def export_minutes(
    store: Store,
    held_on: date | None,
    output: Path,
    *,
    today: date,
    fmt: str | None = None,
    deidentified: bool = False,
) -> Path:
    """Write the minutes to `output` (0600: they hold free text about people, even when
    de-identified) and log it; returns the absolute path."""
    path = check_target(Path(output))
    kind = format_of(path, fmt)
    minutes = minutes_document(store, held_on, deidentified=deidentified, today=today)
    text = render_html(minutes) if kind == "html" else render_markdown(minutes)
    written = write_export(path, text, personal=True)
    _log(store, minutes, written)
    return written


def _log(store: Store, minutes: Minutes, path: Path) -> None:
    from tavla.store import audit
    from tavla.store.participants import by_code

    what = f"minutes {minutes.held_on.isoformat()}"
    if minutes.deidentified:
        what += " de-identified"
    with store.write() as session:
        if not minutes.codes:
            audit.record(session, store.actor, "export", None, f"{what} → {path}")
        for code in minutes.codes:
            participant = by_code(session, code)
            audit.record(session, store.actor, "export", participant.id, f"{what} → {path}")
