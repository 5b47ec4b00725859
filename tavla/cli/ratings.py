"""`tavla rate`: a rating from scripts."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from tavla.cli.shared import CommandGroup, DbOption, database
from tavla.i18n import _

group = CommandGroup()  # commands of the root: `tavla rate`


@group.command(
    help=lambda: _("Record a rating: LANE is health, cognition or social; LEVEL 0–4 or unknown.")
)
def rate(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE")],
    lane: Annotated[str, typer.Argument(metavar="LANE")],
    level: Annotated[str, typer.Argument(metavar="LEVEL")],
    need: Annotated[
        str | None,
        typer.Option(
            "--need", metavar="met|unmet", help=_("Is the need met by current interventions?")
        ),
    ] = None,
    note: Annotated[str, typer.Option("--note", help=_("A short note."))] = "",
    db: DbOption = None,
) -> None:
    from tavla.store.ratings import NewRating, add_rating

    with database(ctx, db) as store:
        template = store.template
        rating = NewRating(
            lane=template.lane(lane).key,
            level=template.parse_level(level),
            need=template.parse_need(need) if need else None,
            note=note,
        )
        today = date.today()
        add_rating(store, code, rating, rated_on=today, today=today)
    lane_label = template.lane(rating.lane).label
    typer.echo(
        _("{code}: {lane} {level} recorded.").format(
            code=code.strip().upper(),
            lane=lane_label,
            level=template.level(rating.level).symbol,
        )
    )
