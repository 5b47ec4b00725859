"""`tavla intervention …`: interventions for participants, from scripts."""

from __future__ import annotations

from typing import Annotated

import typer

from tavla.cli.shared import CommandGroup, DbOption, JsonOption, database, safe_json
from tavla.domain.dates import parse_date, parse_optional_date
from tavla.domain.display import visible
from tavla.i18n import _
from tavla.render.labels import label_for

group = CommandGroup("intervention", help=lambda: _("Interventions for participants."))


@group.command("add", help=lambda: _("Add an intervention and print its number."))
def intervention_add(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE")],
    what: Annotated[str, typer.Option("--what")],
    principal: Annotated[str, typer.Option("--principal", metavar="region|municipality|other")],
    lanes: Annotated[str, typer.Option("--lanes", metavar="LANE[,LANE]")],
    start: Annotated[str, typer.Option("--start", metavar="YYYY-MM-DD")],
    end: Annotated[str | None, typer.Option("--end", metavar="YYYY-MM-DD")] = None,
    status: Annotated[str, typer.Option("--status", metavar="planned|ongoing|ended")] = "ongoing",
    unit: Annotated[str, typer.Option("--unit")] = "",
    responsible: Annotated[int | None, typer.Option("--responsible", metavar="ID")] = None,
    db: DbOption = None,
) -> None:
    from tavla.store.interventions import InterventionInput, add_intervention

    item = InterventionInput(
        what=what,
        principal=principal,
        lanes=tuple(lane for lane in (part.strip() for part in lanes.split(",")) if lane),
        started_on=parse_date(start, _("The start date")),
        status=status,
        unit=unit,
        responsible_id=responsible,
        ended_on=parse_optional_date(end, _("The end date")),
    )
    with database(ctx, db) as store:
        typer.echo(str(add_intervention(store, code, item)))


@group.command("list", help=lambda: _("List interventions, all or one participant's."))
def intervention_list(
    ctx: typer.Context,
    code: Annotated[str | None, typer.Argument(metavar="[CODE]")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    from tavla.store.interventions import list_interventions

    with database(ctx, db) as store:
        rows = list_interventions(store, code)
    if as_json:
        typer.echo(safe_json(rows))
        return
    if not rows:
        typer.echo(_("No interventions."))
    for item in rows:
        end, status = item.ended_on or "…", label_for(item.status)
        typer.echo(
            f"{item.id:>4}  {item.code}  {item.started_on}–{end}  {status:<9}"
            f"  {','.join(item.lanes)}  {visible(item.what)}"
        )
