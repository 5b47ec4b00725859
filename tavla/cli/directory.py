"""`tavla contact …` and `tavla intervention …`: the directory and interventions from scripts."""

from __future__ import annotations

from typing import Annotated

import typer

from tavla.cli.shared import DbOption, JsonOption, database, safe_json
from tavla.domain.dates import parse_date, parse_optional_date
from tavla.domain.display import visible
from tavla.i18n import _
from tavla.render.labels import label_for


def register(app: typer.Typer) -> None:
    contact = typer.Typer(
        help=_("The directory of people and organisations."), rich_markup_mode=None
    )
    app.add_typer(contact, name="contact")

    @contact.command("add", help=_("Add a contact and print its number."))
    def contact_add(
        ctx: typer.Context,
        name: Annotated[str, typer.Option("--name")],
        principal: Annotated[str, typer.Option("--principal", metavar="region|municipality|other")],
        kind: Annotated[
            str,
            typer.Option(
                "--kind",
                help=_(
                    "coordinator, care_contact, "
                    "housing_support, primary_care, dependency_care, somatic_care, finances, "
                    "probation, social_insurance, relative or other."
                ),
            ),
        ] = "other",
        role: Annotated[str, typer.Option("--role")] = "",
        organisation: Annotated[str, typer.Option("--organisation")] = "",
        phone: Annotated[str, typer.Option("--phone")] = "",
        email: Annotated[str, typer.Option("--email")] = "",
        db: DbOption = None,
    ) -> None:
        from tavla.store.contacts import add_contact

        with database(ctx, db, create=True) as store:
            number = add_contact(
                store,
                name,
                principal=principal,
                kind=kind,
                role=role,
                organisation=organisation,
                phone=phone,
                email=email,
            )
        typer.echo(str(number))

    @contact.command("list", help=_("List contacts; --search matches any field."))
    def contact_list(
        ctx: typer.Context,
        as_json: JsonOption = False,
        search: Annotated[str, typer.Option("--search")] = "",
        kind: Annotated[str | None, typer.Option("--kind")] = None,
        db: DbOption = None,
    ) -> None:
        from tavla.render.contact import matches
        from tavla.store.contacts import list_contacts

        with database(ctx, db) as store:
            rows = [c for c in list_contacts(store, kind=kind) if matches(c, search)]
        if as_json:
            typer.echo(safe_json(rows))
            return
        if not rows:
            typer.echo(_("No contacts."))
        for c in rows:
            fields = (c.name, label_for(c.kind), c.organisation, c.phone, c.email)
            typer.echo(f"{c.id:>4}  " + "  ".join(visible(f) for f in fields if f))

    intervention = typer.Typer(help=_("Interventions for participants."), rich_markup_mode=None)
    app.add_typer(intervention, name="intervention")

    @intervention.command("add", help=_("Add an intervention and print its number."))
    def intervention_add(
        ctx: typer.Context,
        code: Annotated[str, typer.Argument(metavar="CODE")],
        what: Annotated[str, typer.Option("--what")],
        principal: Annotated[str, typer.Option("--principal", metavar="region|municipality|other")],
        lanes: Annotated[str, typer.Option("--lanes", metavar="LANE[,LANE]")],
        start: Annotated[str, typer.Option("--start", metavar="YYYY-MM-DD")],
        end: Annotated[str | None, typer.Option("--end", metavar="YYYY-MM-DD")] = None,
        status: Annotated[
            str, typer.Option("--status", metavar="planned|ongoing|ended")
        ] = "ongoing",
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

    @intervention.command("list", help=_("List interventions, all or one participant's."))
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
