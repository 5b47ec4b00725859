"""The weekly meeting's forms: the recurring meeting, an item's notes and decisions, an action,
a topic, a participant added by hand, and which lane of an item to rate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tavla.domain.dates import parse_date
from tavla.domain.display import one_line
from tavla.domain.flags import covered
from tavla.domain.recurrence import parse_time, weekday_name
from tavla.domain.template import BoardTemplate, MeetingRoutine
from tavla.errors import UserError
from tavla.i18n import _
from tavla.render.lane_cell import LevelStyles, lane_text
from tavla.screens.form import DATE_HINT, FormDialog, contact_select, people_list
from tavla.store.actions import ActionInput
from tavla.store.board import BoardRow
from tavla.store.contacts import ContactSummary
from tavla.store.meetings import Series, SeriesInput
from tavla.store.participants import ParticipantSummary
from tavla.widgets.select import Select


def _whole_number(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise UserError(_("{what}: write a whole number.").format(what=what)) from None


class SeriesDialog(FormDialog[None]):
    """The weekly meeting: weekday, time, length, how often, holidays, who attends."""

    personal = False  # staff and dates; relatives in the list are masked while presenting

    def __init__(
        self,
        series: Series | None,
        routine: MeetingRoutine,
        today: date,
        contacts: list[ContactSummary],
        submit: Callable[[SeriesInput], None],
    ) -> None:
        super().__init__(_("The weekly coordinator meeting"), submit)
        self.series = series
        self.routine = routine
        self.today = today
        self.contacts = contacts

    def fields(self) -> ComposeResult:
        series, routine = self.series, self.routine
        recurrence = series.recurrence if series else None
        weekday = recurrence.weekday if recurrence else routine.weekday
        with Horizontal(classes="row"):
            yield self.label(_("Weekday"))
            yield self.label(_("Time"))
            yield self.label(_("Minutes"))
            yield self.label(_("Every … weeks"))
        with Horizontal(classes="row"):
            yield Select(
                [(weekday_name(n), n) for n in range(7)],
                value=weekday,
                allow_blank=False,
                id="weekday",
                compact=True,
            )
            at = recurrence.at.strftime("%H:%M") if recurrence else routine.time
            yield Input(at, placeholder="09:00", id="time", compact=True)
            minutes = series.minutes if series else routine.minutes
            yield Input(str(minutes), id="minutes", compact=True)
            yield Input(str(recurrence.interval if recurrence else 1), id="interval", compact=True)
        yield self.label(_("From"))
        starts = recurrence.starts_on if recurrence else self.today
        yield Input(starts.isoformat(), placeholder=DATE_HINT, id="starts", compact=True)
        yield self.label(_("No meeting on (holidays; dates separated by commas)"))
        skip = ", ".join(d.isoformat() for d in sorted(recurrence.skip)) if recurrence else ""
        yield Input(skip, placeholder=DATE_HINT + ", " + DATE_HINT, id="skip", compact=True)
        yield self.label(_("Attendees (space ticks)"))
        chosen = series.attendees if series else ()
        yield people_list(self.contacts, chosen, "attendees", first_kind="coordinator")

    def values(self) -> SeriesInput:
        parts = self.text_of("skip").replace(";", ",").split(",")
        skip = tuple(parse_date(part, _("No meeting on")) for part in parts if part.strip())
        weekday = self.choice_of("weekday")
        return SeriesInput(
            kind="weekly",
            weekday=weekday,
            at=parse_time(self.text_of("time")),
            minutes=_whole_number(self.text_of("minutes"), _("Minutes")),
            starts_on=self.date_of("starts", _("From")),
            interval=_whole_number(self.text_of("interval"), _("Every … weeks")),
            skip=skip,
            attendees=self.chosen("attendees"),
        )


class ItemTextDialog(FormDialog[None]):
    """An item's decisions and notes. Notes are working notes: hidden in presentation mode
    and left out of de-identified minutes; decisions are what the meeting agreed."""

    def __init__(
        self, heading: str, decisions: str, notes: str, submit: Callable[[tuple[str, str]], None]
    ) -> None:
        super().__init__(heading, submit)
        self.decisions = decisions
        self.notes = notes

    def fields(self) -> ComposeResult:
        yield self.label(_("Decisions"))
        yield TextArea(self.decisions, id="decisions", soft_wrap=True)
        yield self.label(_("Notes"))
        yield TextArea(self.notes, id="notes", soft_wrap=True)
        yield Static(
            Text(_("Notes are hidden in presentation mode and left out of de-identified minutes.")),
            classes="hint",
        )

    def values(self) -> tuple[str, str]:
        return self.area("decisions"), self.area("notes")


class ActionDialog(FormDialog[int]):
    """A new action: what, who (a contact), by when; for a participant or for everyone.
    It starts empty, so it may be used in the meeting while presenting."""

    personal = False

    def __init__(
        self,
        heading: str,
        contacts: list[ContactSummary],
        today: date,
        submit: Callable[[ActionInput], int],
        *,
        code: str | None = None,
        meeting_id: int | None = None,
        owner_id: int | None = None,
    ) -> None:
        super().__init__(heading, submit)
        self.contacts = contacts
        self.today = today
        self.code = code
        self.meeting_id = meeting_id
        self.owner_id = owner_id

    def fields(self) -> ComposeResult:
        yield self.label(_("What is to be done"))
        yield Input(id="what", compact=True)
        with Horizontal(classes="row"):
            yield self.label(_("Who"))
            yield self.label(_("Due date"))
        with Horizontal(classes="row"):
            # Actions mostly fall to the coordinators: they come first.
            staff_first = sorted(self.contacts, key=lambda c: c.kind != "coordinator")
            yield contact_select(staff_first, self.owner_id, "owner")
            due = self.today + timedelta(days=7)
            yield Input(due.isoformat(), placeholder=DATE_HINT, id="due", compact=True)

    def values(self) -> ActionInput:
        owner = self.choice_of("owner")
        if owner is None:
            raise UserError(_("Choose who will do it."))
        return ActionInput(
            what=self.text_of("what"),
            owner_id=owner,
            due_on=self.date_of("due", _("Due date")),
            code=self.code,
            meeting_id=self.meeting_id,
        )


class TopicDialog(FormDialog[int]):
    personal = False  # a new title, empty

    def __init__(self, submit: Callable[[str], int]) -> None:
        super().__init__(_("A topic for the agenda"), submit)

    def fields(self) -> ComposeResult:
        yield self.label(_("Title"))
        yield Input(id="title", compact=True)

    def values(self) -> str:
        return self.text_of("title")


class AddParticipantDialog(FormDialog[int]):
    """Put someone on the agenda by hand; while presenting, the names are masked away."""

    personal = False

    def __init__(self, people: list[ParticipantSummary], submit: Callable[[str], int]) -> None:
        super().__init__(_("Add a participant to the agenda"), submit)
        self.people = people

    def fields(self) -> ComposeResult:
        yield self.label(_("Participant"))
        options = [
            (Text(f"{p.code}  {one_line(p.name)}" if p.name else p.code), p.code)
            for p in self.people
        ]
        yield Select(options, allow_blank=True, prompt=_("choose"), id="who", compact=True)

    def values(self) -> str:
        code = self.choice_of("who")
        if code is None:
            raise UserError(_("Choose a participant."))
        return code


class LaneChoice(ModalScreen[str | None]):
    """Which lane of a meeting item to rate: its number, or the arrows and Enter. Returns the
    lane's key, or None. Shows the code (and the name when not presenting) and the lanes as
    on the board, nothing more: it opens on a shared screen too."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", _("Cancel"))]

    DEFAULT_CSS = """
    LaneChoice { align: center middle; }
    LaneChoice > Vertical { width: 64; max-width: 100%; height: auto; padding: 0 1;
        background: $surface; border: thick $primary; }
    LaneChoice OptionList, LaneChoice OptionList:focus { height: auto; border: none; }
    LaneChoice .hint { color: $foreground-muted; }
    """

    def __init__(
        self, row: BoardRow, template: BoardTemplate, styles: LevelStyles, today: date
    ) -> None:
        """`row` as the screen shows it (masked while presenting)."""
        super().__init__()
        self.row = row
        self.template = template
        self.level_styles = styles
        self.today = today

    def compose(self) -> ComposeResult:
        row = self.row
        who = f"{row.code}  {one_line(row.name)}" if row.name else row.code
        options = []
        for number, lane in enumerate(self.template.lanes, start=1):
            prompt = Text(f"{number}  " + one_line(lane.label, 18).ljust(19), no_wrap=True)
            covers = covered(row.coverage, lane.key, self.today)
            cell = row.lanes.get(lane.key)
            prompt.append_text(lane_text(cell, self.template, self.level_styles, covers))
            options.append(Option(prompt, id=lane.key))
        with Vertical() as frame:
            frame.border_title = Text(_("Rate which lane for {who}?").format(who=who))
            yield OptionList(*options, id="lanes")
            yield Static(
                Text(_("Its number, or arrows and Enter; escape cancels.")), classes="hint"
            )

    def on_key(self, event) -> None:
        lanes = self.template.lanes
        if (
            event.character
            and event.character.isdigit()
            and 1 <= int(event.character) <= len(lanes)
        ):
            event.stop()
            self.dismiss(lanes[int(event.character) - 1].key)

    @on(OptionList.OptionSelected, "#lanes")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
