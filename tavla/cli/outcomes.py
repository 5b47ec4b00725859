"""`tavla outcome …`: ORS and SRS scores from scripts."""

from __future__ import annotations

from typing import Annotated

import typer

from tavla.cli.shared import CodeArgument, CommandGroup, DateOption, DbOption, database, today
from tavla.domain.dates import parse_optional_date
from tavla.i18n import _

group = CommandGroup("outcome", help=lambda: _("Record ORS and SRS scores."))


@group.command("add", help=lambda: _("Record an ORS or SRS: four items, 0–10 each."))
def outcome_add(
    ctx: typer.Context,
    code: CodeArgument,
    kind: Annotated[str, typer.Argument(metavar="ors|srs")],
    items: Annotated[list[int], typer.Argument(metavar="ITEM1 ITEM2 ITEM3 ITEM4")],
    on: DateOption = None,
    staff: Annotated[str, typer.Option("--staff")] = "",
    db: DbOption = None,
) -> None:
    from tavla.store.outcomes import add_outcome

    day = parse_optional_date(on, _("The rating date")) or today()
    with database(ctx, db) as store:
        add_outcome(store, code, kind.lower(), items, rated_on=day, staff=staff, today=today())
