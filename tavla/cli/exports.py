"""`tavla export …` and `tavla import template`: files that leave tavla, and the template that
starts a new board."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tavla.cli import calendar as cli_calendar
from tavla.cli.shared import DbOption, database, today
from tavla.domain.dates import parse_date, parse_month
from tavla.errors import UserError
from tavla.i18n import _

TEMPLATE_MAX_BYTES = 1_000_000

OutputOption = Annotated[
    Path, typer.Option("-o", "--output", metavar="FILE", help=_("The file to write."))
]


def register(app: typer.Typer) -> None:
    export = typer.Typer(
        help=_(
            "Write files: the board's template, the de-identified board, figures for managers, "
            "a person's SIP copy, the weekly meeting's minutes."
        ),
        rich_markup_mode=None,
    )
    app.add_typer(export, name="export")
    cli_calendar.register(export)
    importing = typer.Typer(help=_("Start a new board from a template."), rich_markup_mode=None)
    app.add_typer(importing, name="import")

    @export.command(
        "template",
        help=_(
            "Write the board's template: lanes, level scale, need marks, columns, meeting "
            "routine, agenda rules, target-group criteria and an empty board. No personal "
            "data. The format follows the suffix: .xlsx, .csv, .html or .json (which "
            "'tavla import template' reads)."
        ),
    )
    def export_board_template(
        ctx: typer.Context, output: OutputOption, db: DbOption = None
    ) -> None:
        from tavla.exports.template import export_template

        with database(ctx, db) as store:
            typer.echo(str(export_template(store, output)))

    @export.command(
        "board",
        help=_(
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
            typer.Option(
                "--deidentified", help=_("Required: the board leaves without identities.")
            ),
        ] = False,
        db: DbOption = None,
    ) -> None:
        from tavla.exports.deidentified import export_deidentified_board

        if not deidentified:
            raise UserError(
                _("The board is only exported de-identified; add --deidentified to say so.")
            )
        with database(ctx, db) as store:
            typer.echo(str(export_deidentified_board(store, output, today=today())))

    @export.command(
        "figures",
        help=_(
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
                store, output, first_month=first_month, last_month=last_month, today=today()
            )
        typer.echo(str(written))

    @importing.command(
        "template",
        help=_(
            "Start a new board from a template exported as JSON by 'tavla export template'. "
            "The database must be new or have no participants."
        ),
    )
    def import_template(
        ctx: typer.Context,
        source: Annotated[Path, typer.Argument(metavar="FILE")],
        db: DbOption = None,
    ) -> None:
        from tavla.domain.template import BoardTemplate
        from tavla.store.settings import start_from_template

        text = read_template_file(source)
        BoardTemplate.from_json(text)  # a bad file must not leave an empty database behind
        with database(ctx, db, create=True) as store:
            template = start_from_template(store, text, str(source.expanduser().absolute()))
            place = store.location.describe()
        typer.echo(
            _("A new board from the template {name!r} is ready in {place}.").format(
                name=template.name, place=place
            )
        )

    @export.command(
        "sip",
        help=_(
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

    @export.command(
        "minutes",
        help=_(
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
        db: DbOption = None,
    ) -> None:
        from tavla.exports.minutes import export_minutes

        held_on = parse_date(day, _("The meeting date")) if day is not None else None
        with database(ctx, db) as store:
            written = export_minutes(
                store, held_on, output, today=today(), fmt=fmt, deidentified=deidentified
            )
        typer.echo(str(written))


def read_template_file(source: Path) -> str:
    """The text of a template file; UserError for a missing, huge or non-JSON file."""
    path = source.expanduser()
    if path.suffix.lower() != ".json":
        raise UserError(
            _("Only a template in JSON can be imported ('tavla export template -o FILE.json').")
        )
    try:
        if path.stat().st_size > TEMPLATE_MAX_BYTES:
            raise UserError(_("{path} is too large to be a board template.").format(path=path))
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise UserError(
            _("Cannot read {path}: {reason}.").format(path=path, reason=error.strerror)
        ) from None
    except UnicodeDecodeError:
        raise UserError(_("This file is not a tavla board template.")) from None
