"""`tavla export …`: files that leave tavla: the person's SIP copy, the weekly minutes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tavla.cli_shared import DbOption, database, today
from tavla.dates import parse_date
from tavla.i18n import _

OutputOption = Annotated[
    Path, typer.Option("-o", "--output", metavar="FILE", help=_("The file to write."))
]


def register(app: typer.Typer) -> None:
    export = typer.Typer(
        help=_("Write files: the person's SIP copy, the weekly meeting's minutes."),
        rich_markup_mode=None,
    )
    app.add_typer(export, name="export")

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
