"""`tavla contact …`: the directory of people and organisations, from scripts."""

from __future__ import annotations

from typing import Annotated

import typer

from tavla.cli.shared import CommandGroup, DbOption, JsonOption, database, safe_json
from tavla.domain.display import visible
from tavla.i18n import _
from tavla.render.labels import label_for

group = CommandGroup("contact", help=lambda: _("The directory of people and organisations."))


@group.command("add", help=lambda: _("Add a contact and print its number."))
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


@group.command("list", help=lambda: _("List contacts; --search matches any field."))
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
