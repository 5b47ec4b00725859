"""The participant's own meetings on the participant screen: the list, and the form that records
one (a resource-group or SIP meeting, a three-party meeting with primary care, a talk with
relatives, a home visit)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Static, TextArea

from tavla.domain.display import one_line
from tavla.domain.recurrence import parse_time
from tavla.errors import UserError
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.screens.form import DATE_HINT, FormDialog, people_list
from tavla.store.contacts import ContactSummary
from tavla.store.meetings import PER_PARTICIPANT, MeetingSummary, record_meeting
from tavla.widgets.select import Select

if TYPE_CHECKING:
    from tavla.store.database import Store

DEFAULT_MINUTES = 60


@dataclass(frozen=True)
class NewMeeting:
    """What the form asks for; the screen records it for its participant."""

    kind: str
    held_on: date
    starts_at: str  # HH:MM, or "" when the time is not said
    minutes: int
    attendees: tuple[int, ...]
    note: str


def recorder(store: Store, code: str) -> Callable[[NewMeeting], int]:
    """The form's `submit`: record the meeting for participant `code` (in the form's worker)."""

    def save(meeting: NewMeeting) -> int:
        return record_meeting(
            store,
            meeting.kind,
            meeting.held_on,
            code=code,
            attendees=meeting.attendees,
            note=meeting.note,
            minutes=meeting.minutes,
            starts_at=meeting.starts_at,
        )

    return save


def meeting_columns() -> tuple[str, ...]:
    return (_("Date"), _("Time"), _("Meeting"), _("Who took part"), _("Note"))


def fill_meetings(table: DataTable, meetings: list[MeetingSummary]) -> None:
    """The meetings as the screen may show them (masked while presenting), newest first."""
    table.clear()
    for meeting in meetings:
        table.add_row(
            meeting.held_on.isoformat(),
            meeting.starts_at or "–",
            label_for(meeting.kind),
            Text(one_line(", ".join(meeting.attendees), 40) or "–"),
            Text(one_line(meeting.note, 50)),
            key=str(meeting.id),
        )


class ParticipantMeetingDialog(FormDialog[int]):
    """Record one of the participant's meetings. The note is personal (hidden while
    presenting), so the form is not opened on a shared screen."""

    def __init__(
        self,
        code: str,
        contacts: list[ContactSummary],
        today: date,
        submit: Callable[[NewMeeting], int],
    ) -> None:
        super().__init__(_("A meeting with or about {code}").format(code=code), submit)
        self.contacts = contacts
        self.today = today

    def fields(self) -> ComposeResult:
        yield self.label(_("Meeting"))
        yield Select(
            [(label_for(kind), kind) for kind in PER_PARTICIPANT],
            value=PER_PARTICIPANT[0],
            allow_blank=False,
            id="kind",
            compact=True,
        )
        with Horizontal(classes="row"):
            yield self.label(_("Date"))
            yield self.label(_("Time (if known)"))
            yield self.label(_("Minutes"))
        with Horizontal(classes="row"):
            yield Input(self.today.isoformat(), placeholder=DATE_HINT, id="held-on", compact=True)
            yield Input(placeholder="13:00", id="time", compact=True)
            yield Input(str(DEFAULT_MINUTES), id="minutes", compact=True)
        yield self.label(_("Who took part (space ticks)"))
        yield people_list(self.contacts, (), "attendees", first_kind="coordinator")
        yield self.label(_("Note"))
        yield TextArea(id="note", soft_wrap=True)
        yield Static(Text(_("Notes are hidden in presentation mode.")), classes="hint")

    def values(self) -> NewMeeting:
        clock = self.text_of("time").strip()
        minutes = self.text_of("minutes").strip()
        if not minutes.isdecimal():
            raise UserError(_("{what}: write a whole number.").format(what=_("Minutes")))
        return NewMeeting(
            kind=self.choice_of("kind"),
            held_on=self.date_of("held-on", _("Date")),
            starts_at=parse_time(clock).strftime("%H:%M") if clock else "",
            minutes=int(minutes),
            attendees=self.chosen("attendees"),
            note=self.area("note"),
        )
