"""The participant's events on the participant screen (inpatient stays, emergency visits,
crises with police or ambulance, evictions): the list, and the form that records one."""

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
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.screens.form import DATE_HINT, FormDialog
from tavla.store.events import KINDS, LAWS, EventSummary, add_event, check_event
from tavla.widgets.select import Select

if TYPE_CHECKING:
    from tavla.store.database import Store

NO_LAW = "none"  # the Select's value for a stay under no law of compulsory care


@dataclass(frozen=True)
class NewEvent:
    """What the form asks for; the screen records it for its participant."""

    kind: str
    happened_on: date
    until: date | None
    law: str | None
    note: str


def recorder(store: Store, code: str, today: date) -> Callable[[NewEvent], int]:
    """The form's `submit`: record the event for participant `code` (in the form's worker)."""

    def save(event: NewEvent) -> int:
        return add_event(
            store,
            code,
            event.kind,
            event.happened_on,
            until=event.until,
            law=event.law,
            note=event.note,
            today=today,
        )

    return save


def event_columns() -> tuple[str, ...]:
    return (_("Date"), _("Until"), _("Event"), _("Law"), _("Note"))


def fill_events(table: DataTable, events: list[EventSummary]) -> None:
    """The events as the screen may show them (masked while presenting), newest first."""
    table.clear()
    for event in events:
        table.add_row(
            event.happened_on.isoformat(),
            event.until.isoformat() if event.until else "–",
            label_for(event.kind),
            label_for(event.law) or "–",
            Text(one_line(event.note, 50)),
            key=str(event.id),
        )


class EventDialog(FormDialog[int]):
    """Record an event. The note is personal (hidden while presenting), so the form is not
    opened on a shared screen."""

    def __init__(self, code: str, today: date, submit: Callable[[NewEvent], int]) -> None:
        super().__init__(_("An event for {code}").format(code=code), submit)
        self.today = today

    def fields(self) -> ComposeResult:
        yield self.label(_("Event"))
        yield Select(
            [(label_for(kind), kind) for kind in KINDS],
            value=KINDS[0],
            allow_blank=False,
            id="kind",
            compact=True,
        )
        with Horizontal(classes="row"):
            yield self.label(_("Date"))
            yield self.label(_("Last day of the stay (if known)"))
        with Horizontal(classes="row"):
            yield Input(self.today.isoformat(), placeholder=DATE_HINT, id="on", compact=True)
            yield Input(placeholder=DATE_HINT, id="until", compact=True)
        yield self.label(_("Compulsory care (inpatient stays)"))
        yield Select(
            [(_("None"), NO_LAW), *((label_for(law), law) for law in LAWS)],
            value=NO_LAW,
            allow_blank=False,
            id="law",
            compact=True,
        )
        yield self.label(_("Note"))
        yield TextArea(id="note", soft_wrap=True)
        yield Static(Text(_("Notes are hidden in presentation mode.")), classes="hint")

    def values(self) -> NewEvent:
        law = self.choice_of("law")
        event = NewEvent(
            kind=self.choice_of("kind"),
            happened_on=self.date_of("on", _("Date")),
            until=self.optional_date_of("until", _("Last day of the stay")),
            law=None if law == NO_LAW else law,
            note=self.area("note"),
        )
        check_event(event.kind, event.happened_on, event.until, event.law, self.today)
        return event
