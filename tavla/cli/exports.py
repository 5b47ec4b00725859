"""`tavla export …`: files that leave tavla."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tavla.cli.shared import (
    CommandGroup,
    DbOption,
    MunicipalityOption,
    chosen_municipality,
    database,
    today,
)
from tavla.domain.dates import parse_date, parse_month
from tavla.errors import UserError
from tavla.i18n import _

OutputOption = Annotated[
    Path, typer.Option("-o", "--output", metavar="FILE", help=_("The file to write."))
]


group = CommandGroup(
    "export",
    help=lambda: _(
        "Write files: the board's template, the de-identified board, figures for managers, "
        "a person's SIP copy, the weekly meeting's minutes."
    ),
)


@group.command(
    "template",
    help=lambda: _(
        "Write the board's template: lanes, level scale, need marks, columns, meeting "
        "routine, agenda rules, target-group criteria and an empty board. No personal "
        "data. The format follows the suffix: .xlsx, .csv, .html or .json (which "
        "'tavla import template' reads)."
    ),
)
def export_board_template(ctx: typer.Context, output: OutputOption, db: DbOption = None) -> None:
    from tavla.exports.template import export_template

    with database(ctx, db) as store:
        typer.echo(str(export_template(store, output)))


@group.command(
    "board",
    help=lambda: _(
        "Write the current board de-identified: codes made for this file only, levels and "
        "need marks by ISO week; no names, identity numbers, free text or exact dates. "
        "Format by suffix: .xlsx, .csv, .html or .json. The file is yours alone (0600)."
    ),
)
def export_board(
    ctx: typer.Context,
    output: OutputOption,
    deidentified: Annotated[
        bool,
        typer.Option("--deidentified", help=_("Required: the board leaves without identities.")),
    ] = False,
    municipality: MunicipalityOption = None,
    db: DbOption = None,
) -> None:
    from tavla.exports.deidentified import export_deidentified_board

    if not deidentified:
        raise UserError(
            _("The board is only exported de-identified; add --deidentified to say so.")
        )
    with database(ctx, db) as store:
        scope = chosen_municipality(ctx, store, municipality)
        written = export_deidentified_board(store, output, today=today(), municipality=scope)
    typer.echo(str(written))


@group.command(
    "figures",
    help=lambda: _(
        "Write follow-up figures for managers over a period of months (default: the 12 "
        "months up to this one): enrolled, active, discharged and why, time in the "
        "programme, levels per lane and their change, ORS at enrolment and latest, days to "
        "the first SIP and crisis plan, SIP, crisis plan, consent, care contact and SAMSA "
        "in place, meetings held. 1 or 2 people show as <3, a figure hidden to protect them "
        "as ×; no rows about people. Format by suffix: .xlsx, .csv, .html or .json."
    ),
)
def export_figures_command(
    ctx: typer.Context,
    output: OutputOption,
    first: Annotated[
        str | None, typer.Option("--from", metavar="YYYY-MM", help=_("The first month."))
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", metavar="YYYY-MM", help=_("The last month."))
    ] = None,
    municipality: MunicipalityOption = None,
    db: DbOption = None,
) -> None:
    from tavla.exports.figures import default_period, export_figures

    first_month, last_month = default_period(today())
    if first is not None:
        first_month = parse_month(first, _("From month"))
    if last is not None:
        last_month = parse_month(last, _("To month"))
    with database(ctx, db) as store:
        written = export_figures(
            store,
            output,
            first_month=first_month,
            last_month=last_month,
            today=today(),
            municipality=chosen_municipality(ctx, store, municipality),
        )
    typer.echo(str(written))


@group.command(
    "sip",
    help=lambda: _(
        "Write the person's own copy of the SIP and crisis plan (HTML or Markdown, by the "
        "file's suffix). It holds personal data: the file is yours alone (0600)."
    ),
)
def export_sip(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE")],
    output: OutputOption,
    fmt: Annotated[str | None, typer.Option("--format", metavar="html|md")] = None,
    db: DbOption = None,
) -> None:
    from tavla.exports.sip_copy import export_sip_copy

    with database(ctx, db) as store:
        written = export_sip_copy(store, code, output, today=today(), fmt=fmt)
    typer.echo(str(written))


@group.command(
    "minutes",
    help=lambda: _(
        "Write the minutes of the weekly meeting on DATE (YYYY-MM-DD; else the latest "
        "held) as HTML or Markdown, by the file's suffix. With --deidentified, or when "
        "the board is in presentation mode, codes replace names and notes are left out. "
        "The file is yours alone (0600)."
    ),
)
def export_weekly_minutes(
    ctx: typer.Context,
    output: OutputOption,
    day: Annotated[str | None, typer.Argument(metavar="DATE")] = None,
    fmt: Annotated[str | None, typer.Option("--format", metavar="html|md")] = None,
    deidentified: Annotated[
        bool,
        typer.Option(
            "--deidentified", help=_("Codes instead of names; no notes; names in text hidden.")
        ),
    ] = False,
    municipality: MunicipalityOption = None,
    db: DbOption = None,
) -> None:
    from tavla.exports.minutes import export_minutes

    held_on = parse_date(day, _("The meeting date")) if day is not None else None
    with database(ctx, db) as store:
        written = export_minutes(
            store,
            held_on,
            output,
            today=today(),
            fmt=fmt,
            deidentified=deidentified,
            municipality=chosen_municipality(ctx, store, municipality),
        )
    typer.echo(str(written))


@group.command(
    "calendar",
    help=lambda: _(
        "Write the recurring weekly meeting (or --kind managers) as an iCalendar file "
        "(.ics) that Outlook opens: its rule, time zone and the dates without a meeting. "
        "With --sip CODE, the participant's next SIP meeting instead (recorded in tavla, "
        "else the SIP's follow-up date), named by the code only. No names, notes or "
        "attendees."
    ),
)
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
            today=today(),
            kind=kind,
            code=sip,
            at=clock,
            minutes=minutes,
        )
    typer.echo(str(written))
