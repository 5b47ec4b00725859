"""A person's own extract of the access log: who read or changed their record, and when.

Written at the person's request (Patientdatalagen), for the person: their code, and each
entry's time (in the board's time zone), who, what and the detail. It is personal data,
written for the owner only (0600), and the writing is itself logged as an export. Built as a
`Document`, so it comes in every format the other exports have (.xlsx, .csv, .html, .json).

`local_time` is here so that the command line and the screens can both
use them (a screen must not import a cli module).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tavla.domain.vocabulary import LogAction, as_key
from tavla.exports.document import Document, Progress, Table
from tavla.exports.writers import check_output, write_document
from tavla.i18n import _
from tavla.render.labels import label_for

if TYPE_CHECKING:
    from tavla.store.audit import LogEntry
    from tavla.store.database import Store


def local_time(at: datetime, zone: str) -> str:
    """An entry's time as the coordinators read it: the board's time zone, to the minute."""
    from zoneinfo import ZoneInfo

    return at.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def extract_document(
    code: str, entries: list[LogEntry], zone: str, *, today: date, since: date | None = None
) -> Document:
    """The extract of `entries` (one participant's, newest first); pure."""
    lines = [
        _(
            "Extract of the access log for {code}, written {day} at the person's request: who "
            "read or changed the record, and when (time zone {zone})."
        ).format(code=code, day=today.isoformat(), zone=zone)
    ]
    if since is not None:
        lines.append(_("Entries from {day} on.").format(day=since.isoformat()))
    rows = tuple(
        (
            local_time(entry.at, zone),
            entry.actor,
            label_for(as_key(LogAction, entry.action)),
            entry.detail,
        )
        for entry in entries
    )
    return Document(
        title=_("Access log extract"),
        lines=tuple(lines),
        tables=(
            Table(
                key="entries",
                title=_("Access log"),
                header=(_("When"), _("Who"), _("What"), _("Detail")),
                rows=rows,
                note="" if rows else _("No entries."),
            ),
        ),
        data={
            "format": "tavla-access-log-extract",
            "format_version": 1,
            "code": code,
            "written": today.isoformat(),
            "since": since.isoformat() if since is not None else None,
            "time_zone": zone,
            "entries": [
                {
                    "at": entry.at.isoformat(),  # UTC, as stored
                    "local_time": local_time(entry.at, zone),
                    "actor": entry.actor,
                    "action": entry.action,
                    "what": label_for(as_key(LogAction, entry.action)),
                    "detail": entry.detail,
                }
                for entry in entries
            ],
        },
        personal=True,
    )


def export_log_extract(
    store: Store,
    code: str,
    output: Path,
    *,
    today: date,
    since: date | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the person's extract to `output` (the format by its suffix; 0600) and log the
    export; returns the absolute path. A wrong name or an unknown code costs nothing."""
    from tavla.store.audit import log_entries
    from tavla.store.checks import normalise_code
    from tavla.store.plans_record import log_export

    path = check_output(output)
    code = normalise_code(code)
    entries = log_entries(store, code=code, since=since, log=False)  # the export logs itself
    document = extract_document(
        code, entries, store.template.meeting.timezone, today=today, since=since
    )
    written = write_document(path, document, progress=progress)
    log_export(store, code, "access log extract", str(written))
    return written
