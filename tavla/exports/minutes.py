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
  shaped like an identity number become codes (`privacy.Redactor` says how); every
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

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tavla.domain.agenda_rules import reason_text
from tavla.domain.municipality import same_scope
from tavla.domain.privacy import keep
from tavla.errors import UserError
from tavla.exports.files import check_target, write_export
from tavla.exports.minutes_render import render_html, render_markdown
from tavla.exports.sip_copy import format_of
from tavla.i18n import _
from tavla.render.labels import label_for

if TYPE_CHECKING:
    from collections.abc import Callable

    from tavla.domain.template import BoardTemplate
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


def find_meeting(
    store: Store, held_on: date | None, today: date, municipality: str | None = None
) -> AgendaView:
    """The weekly meeting on `held_on`, or the latest on or before `today`; `municipality`'s,
    else (None) the whole board's; else UserError."""
    from tavla.store.agenda import agenda_on, load_agenda
    from tavla.store.meetings import list_meetings

    if held_on is not None:
        view = agenda_on(store, held_on, municipality=municipality)
        if view is not None:
            return view
    weekly = [
        m
        for m in list_meetings(store, kind="weekly")
        if m.held_on <= (held_on or today) and same_scope(m.municipality, municipality)
    ]
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
    store: Store,
    held_on: date | None,
    *,
    deidentified: bool,
    today: date,
    municipality: str | None = None,
) -> Minutes:
    """The minutes of the weekly meeting on `held_on` (None: the latest on or before `today`),
    `municipality`'s or the whole board's; its open actions are those of the same people.
    De-identified when asked, or when the board is in presentation mode."""
    from tavla.store.actions import list_actions
    from tavla.store.known_people import redactor
    from tavla.store.settings import PRESENTATION, is_on, read_all

    view = find_meeting(store, held_on, today, municipality)
    meeting = view.meeting
    deidentified = deidentified or is_on(read_all(store), PRESENTATION)
    words = _Wording(deidentified, redactor(store) if deidentified else keep, today)
    agreed = list_actions(store, today=today, status=None, meeting_id=meeting.id)
    agreed.sort(key=lambda a: (a.due_on, a.id))
    items = tuple(
        _item_minutes(item, agreed, words, store.template, meeting.held_on) for item in view.items
    )
    on_agenda = {item.code for item in view.items if item.kind == "participant"}
    others = [a for a in agreed if a.code is None or a.code not in on_agenda]
    open_now = list_actions(store, today=today, status="open", municipality=meeting.municipality)
    mentioned = {item.code for item in view.items if item.code}
    mentioned |= {a.code for a in (*agreed, *open_now) if a.code}
    return Minutes(
        held_on=meeting.held_on,
        starts_at=meeting.starts_at,
        length=meeting.minutes,
        closed=meeting.status == "closed",
        deidentified=deidentified,
        attendees=meeting.attendees,
        items=items,
        other_actions=tuple(words.line(a) for a in others),
        open_actions=tuple(words.line(a) for a in open_now),
        today=today,
        codes=tuple(sorted(mentioned)),
    )


@dataclass(frozen=True)
class _Wording:
    """How these minutes write participants and users' text: named, or (de-identified) by
    code only, free text through the redactor."""

    deidentified: bool
    redact: Callable[[str, str | None], str]
    today: date

    def who(self, code: str | None, name: str | None) -> str:
        if code is None:
            return ""
        return code if self.deidentified or not name else f"{name} ({code})"

    def line(self, action: ActionSummary) -> ActionLine:
        return ActionLine(
            what=self.redact(action.what, action.code),
            owner=action.owner,
            due_on=action.due_on,
            status=label_for(action.status),
            overdue=action.overdue(self.today),
            participant=self.who(action.code, action.participant_name),
        )


def _item_minutes(
    item: ItemView,
    agreed: list[ActionSummary],
    words: _Wording,
    template: BoardTemplate,
    held_on: date,
) -> ItemMinutes:
    """An agenda item, with the actions agreed for its participant."""
    mine = [a for a in agreed if item.kind == "participant" and a.code == item.code]
    return ItemMinutes(
        heading=_heading(item, words),
        reasons=tuple(reason_text(reason, template, held_on) for reason in item.reasons),
        discussed=item.discussed,
        decisions=words.redact(item.decisions, item.code),
        notes="" if words.deidentified else item.notes,
        actions=tuple(words.line(a) for a in mine),
    )


def _heading(item: ItemView, words: _Wording) -> str:
    if item.kind == "participant":
        return words.who(item.code, item.name)
    if item.kind == "topic":
        return _("Topic: {title}").format(title=words.redact(item.title, None))
    return _("Open actions from earlier meetings")


def export_minutes(
    store: Store,
    held_on: date | None,
    output: Path,
    *,
    today: date,
    fmt: str | None = None,
    deidentified: bool = False,
    municipality: str | None = None,
) -> Path:
    """Write the minutes to `output` (0600: they hold free text about people, even when
    de-identified) and log it; returns the absolute path."""
    path = check_target(Path(output))
    kind = format_of(path, fmt)
    minutes = minutes_document(
        store, held_on, deidentified=deidentified, today=today, municipality=municipality
    )
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
