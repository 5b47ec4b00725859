"""`tavla log`: the access log on the command line, and a person's own extract of it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tavla.cli.shared import (
    CommandGroup,
    DbOption,
    JsonOption,
    ParticipantOption,
    database,
    safe_json,
    today,
)
from tavla.domain.dates import parse_optional_date
from tavla.domain.display import visible
from tavla.errors import UserError
from tavla.i18n import _

if TYPE_CHECKING:
    from datetime import date

    from tavla.store.audit import LogEntry

group = CommandGroup()  # commands of the root: `tavla log`


@group.command(
    "log",
    help=lambda: _(
        "Show the access log, newest first: who read or changed what, and when. With "
        "--extract and -o FILE, write one participant's extract for the person (format by "
        "suffix: .xlsx, .csv, .html or .json; the file is yours alone, 0600)."
    ),
)
def log(
    ctx: typer.Context,
    participant: ParticipantOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", help=_("Only entries from this day on.")),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", metavar="N", min=1, help=_("At most N entries.")),
    ] = None,
    extract: Annotated[
        bool,
        typer.Option(
            "--extract", help=_("Write the participant's own extract of the log to -o FILE.")
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="FILE", help=_("The file to write.")),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    since_day = parse_optional_date(since, _("The first day"))
    if extract:
        if participant is None or output is None:
            raise UserError(_("An extract needs --participant CODE and -o FILE."))
        _write_extract(ctx, db, participant, output, since_day)
        return
    if output is not None:
        raise UserError(_("-o FILE is for an extract; add --extract."))
    _print_log(ctx, db, participant, since_day, limit, as_json=as_json)


def _write_extract(
    ctx: typer.Context, db: str | None, code: str, output: Path, since: date | None
) -> None:
    from tavla.exports.log_extract import export_log_extract

    with database(ctx, db) as store:
        written = export_log_extract(store, code, output, today=today(), since=since)
    typer.echo(str(written))


def _print_log(
    ctx: typer.Context,
    db: str | None,
    code: str | None,
    since: date | None,
    limit: int | None,
    *,
    as_json: bool,
) -> None:
    from tavla.exports.log_extract import local_time
    from tavla.store.audit import log_entries

    with database(ctx, db) as store:
        zone = store.template.meeting.timezone
        rows = log_entries(store, code=code, since=since, limit=limit)
    if as_json:
        typer.echo(safe_json([_entry_json(row) for row in rows]))
        return
    if not rows:
        typer.echo(_("No entries."))
    actor_width = max((len(visible(row.actor)) for row in rows), default=0)
    for row in rows:
        fields = [
            local_time(row.at, zone),
            f"{visible(row.actor):<{actor_width}}",
            f"{visible(row.action):<10}",
            f"{row.code or '–':<8}",
            visible(row.detail),
        ]
        typer.echo("  ".join(fields).rstrip())


def _entry_json(row: LogEntry) -> dict:
    return {
        "at": row.at.isoformat(),  # UTC, as stored
        "actor": row.actor,
        "action": row.action,
        "code": row.code,
        "detail": row.detail,
    }
