"""`tavla export …`: files that leave tavla. The person's SIP copy for now."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tavla.cli_shared import DbOption, database, today
from tavla.i18n import _

OutputOption = Annotated[
    Path, typer.Option("-o", "--output", metavar="FILE", help=_("The file to write."))
]


def register(app: typer.Typer) -> None:
    export = typer.Typer(help=_("Write files: the person's SIP copy."), rich_markup_mode=None)
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
