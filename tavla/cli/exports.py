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
        "programme, levels per lane and their change, SIP, crisis plan and consent in "
        "place, meetings held. Counts of fewer than 3 people show as <3; no rows about "
        "people. Format by suffix: .xlsx, .csv, .html or .json."
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
