"""`tavla consent …`: consent to share information, from scripts."""

from __future__ import annotations

from typing import Annotated

import typer

from tavla.cli.shared import CodeArgument, CommandGroup, DateOption, DbOption, database, today
from tavla.domain.dates import parse_date, parse_optional_date
from tavla.i18n import _

group = CommandGroup("consent", help=lambda: _("Record or revoke consent to share information."))


@group.command("add", help=lambda: _("Record a consent; the newest one counts."))
def consent_add(
    ctx: typer.Context,
    code: CodeArgument,
    given: Annotated[str, typer.Option("--given", metavar="YYYY-MM-DD")],
    expires: Annotated[str, typer.Option("--expires", metavar="YYYY-MM-DD")],
    shares: Annotated[str, typer.Option("--shares", help=_("What may be shared."))],
    form: Annotated[
        str,
        typer.Option("--form", metavar="written|oral", help=_("How the consent was given.")),
    ],
    withheld: Annotated[str, typer.Option("--withheld", help=_("What may not be shared."))] = "",
    parties: Annotated[
        str,
        typer.Option(
            "--parties",
            metavar="region,municipality[,...]",
            help=_(
                "Whom it covers: region, municipality, primary_care, social_insurance, "
                "probation, other (or kommun, primärvård, försäkringskassan, frivården, "
                "annan)."
            ),
        ),
    ] = "region,municipality",
    db: DbOption = None,
) -> None:
    from tavla.store.consents import ConsentInput, add_consent, parse_form, parse_parties

    entered = ConsentInput(
        parse_date(given, _("The consent date")),
        parse_date(expires, _("The expiry date")),
        shares,
        withheld,
        parse_parties(parties),
        parse_form(form),
    )
    with database(ctx, db) as store:
        add_consent(store, code, entered, today=today())


@group.command("revoke", help=lambda: _("Record that the person revoked the consent."))
def consent_revoke(
    ctx: typer.Context,
    code: CodeArgument,
    on: DateOption = None,
    note: Annotated[str, typer.Option("--note")] = "",
    db: DbOption = None,
) -> None:
    from tavla.store.consents import revoke_consent

    day = parse_optional_date(on, _("The revocation date")) or today()
    with database(ctx, db) as store:
        revoke_consent(store, code, on=day, note=note, today=today())
