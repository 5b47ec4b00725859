"""`tavla import template`: start a new board from a template exported as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tavla.cli.shared import CommandGroup, DbOption, database
from tavla.errors import UserError
from tavla.i18n import _

TEMPLATE_MAX_BYTES = 1_000_000

group = CommandGroup("import", help=lambda: _("Start a new board from a template."))


@group.command(
    "template",
    help=lambda: _(
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
