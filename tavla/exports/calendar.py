"""Meeting notices as iCalendar (.ics) files that Outlook and other calendars open: the
recurring weekly (or managers') meeting with its holidays, or a participant's next SIP meeting.

No personal data: the weekly series names no one; a SIP meeting names only the
participant's pseudonym code. Attendees are left out (invitations are sent from the
calendar), and so are notes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from tavla.domain.vocabulary import MeetingKind, as_key
from tavla.errors import UserError
from tavla.exports.files import check_target, write_export
from tavla.exports.ics import Event, document
from tavla.i18n import _
from tavla.render.labels import label_for

if TYPE_CHECKING:
    from tavla.store.database import Store

DEFAULT_MINUTES = 60


def _board_id(store: Store) -> str:
    from tavla.store.settings import BOARD_ID, read_all

    return read_all(store).get(BOARD_ID) or "board"


def series_event(store: Store, kind: str = "weekly") -> Event:
    """The recurring meeting of `kind` as one event with its rule and holidays."""
    from tavla.store.meetings import SERIES_KINDS, get_series

    if kind not in SERIES_KINDS:
        raise UserError(
            _("{text!r} is not a recurring meeting; use {keys}.").format(
                text=kind, keys=", ".join(SERIES_KINDS)
            )
        )
    series = get_series(store, kind)
    if series is None:
        command = "tavla meeting setup" + ("" if kind == "weekly" else f" --kind {kind}")
        raise UserError(
            _("No recurring meeting of this kind is set up; run '{command}' first.").format(
                command=command
            )
        )
    recurrence = series.recurrence
    first = recurrence.first()
    return Event(
        uid=f"{kind}-{_board_id(store)}@tavla",
        summary=label_for(as_key(MeetingKind, kind)),
        starts=first,
        ends=first + timedelta(minutes=series.minutes),
        rule=recurrence.ical_rule(),
        exceptions=tuple(recurrence.skipped()),
    )


def sip_event(
    store: Store, code: str, today: date, *, at: time | None = None, minutes: int | None = None
) -> Event:
    """Participant `code`'s next SIP meeting: one recorded in tavla (its time, if it has one),
    else the SIP's follow-up date. `at` and `minutes` say what is not stored."""
    from tavla.domain.recurrence import parse_time
    from tavla.store.meetings import next_sip_meeting

    ahead = next_sip_meeting(store, code, today)
    if ahead is None:
        raise UserError(
            _(
                "{code} has no SIP meeting ahead: record one with 'tavla meeting record sip "
                "DATE --participant {code}', or give the SIP a follow-up date."
            ).format(code=code.strip().upper())
        )
    if at is None and not ahead.starts_at:
        raise UserError(
            _("The SIP meeting on {day} has no time; give it with --time HH:MM.").format(
                day=ahead.held_on.isoformat()
            )
        )
    starts = datetime.combine(ahead.held_on, at or parse_time(ahead.starts_at))
    length = minutes or ahead.minutes or DEFAULT_MINUTES
    which = f"meeting-{ahead.meeting_id}" if ahead.meeting_id else f"follow-up-{ahead.code}"
    return Event(
        uid=f"sip-{which}-{ahead.held_on:%Y%m%d}-{_board_id(store)}@tavla",
        summary=f"{label_for(MeetingKind.SIP)} {ahead.code}",
        starts=starts,
        ends=starts + timedelta(minutes=length),
    )


def export_calendar(
    store: Store,
    path: Path,
    *,
    today: date,
    kind: str = "weekly",
    code: str | None = None,
    at: time | None = None,
    minutes: int | None = None,
    now: datetime | None = None,
) -> Path:
    """Write the recurring meeting of `kind`, or with `code` that participant's next SIP
    meeting, to `path` (.ics); returns the absolute path. A SIP meeting's file is the
    owner's alone (0600) and its export is logged; the series' is readable by all."""
    path = check_target(Path(path))
    if path.suffix.lower() != ".ics":
        raise UserError(_("A calendar file ends in .ics."))
    if minutes is not None and not 1 <= minutes <= 480:
        raise UserError(_("A meeting lasts 1 to {n} minutes.").format(n=480))
    stamp = now or datetime.now(UTC)
    zone = store.template.meeting.timezone
    if code is None:
        text = document(zone, [series_event(store, kind)], stamp=stamp)
        return write_export(path, text, personal=False)
    from tavla.store.plans_record import log_export

    event = sip_event(store, code, today, at=at, minutes=minutes)
    written = write_export(path, document(zone, [event], stamp=stamp), personal=True)
    log_export(store, code, "calendar: SIP meeting", str(written))
    return written
