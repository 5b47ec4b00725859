"""`tavla log`: the access log on the command line, and a person's own extract of it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tavla.cli.meetings import ParticipantOption
from tavla.cli.shared import DbOption, JsonOption, database, safe_json, today
from tavla.domain.dates import parse_optional_date
from tavla.domain.display import visible
from tavla.errors import UserError
from tavla.i18n import _

if TYPE_CHECKING:
    from tavla.store.audit import LogEntry


def register(app: typer.Typer) -> None:
    @app.command(
        "log",
        help=_(
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
        from tavla.exports.log_extract import export_log_extract, local_time
        from tavla.store.audit import log_entries

        since_day = parse_optional_date(since, _("The first day"))
        if extract:
            if participant is None or output is None:
                raise UserError(_("An extract needs --participant CODE and -o FILE."))
            with database(ctx, db) as store:
                written = export_log_extract(
                    store, participant, output, today=today(), since=since_day
                )
            typer.echo(str(written))
            return
        if output is not None:
            raise UserError(_("-o FILE is for an extract; add --extract."))
        with database(ctx, db) as store:
            zone = store.template.meeting.timezone
            rows = log_entries(store, code=participant, since=since_day, limit=limit)
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
