"""`tavla assess` and `tavla assessments`: the needs assessment (kartläggning) from scripts."""

from __future__ import annotations

from typing import Annotated

import typer

from tavla.cli.shared import (
    CodeArgument,
    CommandGroup,
    DateOption,
    DbOption,
    JsonOption,
    database,
    safe_json,
    today,
)
from tavla.domain.dates import parse_optional_date
from tavla.domain.display import visible
from tavla.i18n import _

group = CommandGroup()  # commands of the root: `tavla assess`, `tavla assessments`


@group.command(
    "assess",
    help=lambda: _(
        "Assess a life area's need: AREA by key or label (housing, boende…); none, met or unmet."
    ),
)
def assess(
    ctx: typer.Context,
    code: CodeArgument,
    area: Annotated[str, typer.Argument(metavar="AREA")],
    need: Annotated[str, typer.Argument(metavar="none|met|unmet")],
    note: Annotated[str, typer.Option("--note", help=_("A short note (personal)."))] = "",
    on: DateOption = None,
    db: DbOption = None,
) -> None:
    from tavla.render.labels import label_for
    from tavla.store.assessments import add_assessment

    day = parse_optional_date(on, _("The assessment date")) or today()
    with database(ctx, db) as store:
        saved = add_assessment(store, code, area, need, note=note, assessed_on=day, today=today())
        label = store.template.area(saved.area).label
    typer.echo(
        _("{code}: {area}, {need}, recorded.").format(
            code=code.strip().upper(), area=label, need=label_for(saved.need)
        )
    )


@group.command(
    "assessments", help=lambda: _("Show the latest assessment of each life area (logged).")
)
def assessments(
    ctx: typer.Context, code: CodeArgument, as_json: JsonOption = False, db: DbOption = None
) -> None:
    from tavla.render.labels import label_for
    from tavla.store.assessments import latest_assessment

    with database(ctx, db) as store:
        latest = latest_assessment(store, code)
        areas = store.template.areas
    if as_json:
        typer.echo(safe_json(latest))
        return
    width = max((len(area.label) for area in areas), default=0)
    for area in areas:
        found = latest.get(area.key)
        if found is None:
            typer.echo(f"{area.label:<{width}}  " + _("not assessed"))
            continue
        note = f"  {visible(found.note)}" if found.note else ""
        typer.echo(
            f"{area.label:<{width}}  {label_for(found.need)}  {found.assessed_on.isoformat()}"
            f"  {visible(found.assessed_by)}{note}"
        )
