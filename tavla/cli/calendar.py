"""`tavla export calendar`: the recurring meeting, or a participant's next SIP meeting, as an
iCalendar file for Outlook and other calendars."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tavla.cli import shared as cli_shared
from tavla.cli.shared import DbOption, database
from tavla.i18n import _


def export_calendar(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("-o", "--output", metavar="FILE.ics", help=_("The file to write."))
    ],
    kind: Annotated[str, typer.Option("--kind", metavar="weekly|managers")] = "weekly",
    sip: Annotated[
        str | None,
        typer.Option(
            "--sip", metavar="CODE", help=_("The participant's next SIP meeting instead.")
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--time", metavar="HH:MM", help=_("The SIP meeting's time, if not stored.")),
    ] = None,
    minutes: Annotated[
        int | None, typer.Option("--minutes", help=_("The SIP meeting's length."))
    ] = None,
    db: DbOption = None,
) -> None:
    from tavla.domain.recurrence import parse_time
    from tavla.exports.calendar import export_calendar as write_calendar

    clock = parse_time(at) if at is not None else None
    with database(ctx, db) as store:
        written = write_calendar(
            store,
            output,
            today=cli_shared.today(),
            kind=kind,
            code=sip,
            at=clock,
            minutes=minutes,
        )
    typer.echo(str(written))


def register(export: typer.Typer) -> None:
    export.command(
        "calendar",
        help=_(
            "Write the recurring weekly meeting (or --kind managers) as an iCalendar file "
            "(.ics) that Outlook opens: its rule, time zone and the dates without a meeting. "
            "With --sip CODE, the participant's next SIP meeting instead (recorded in tavla, "
            "else the SIP's follow-up date), named by the code only. No names, notes or "
            "attendees."
        ),
    )(export_calendar)
