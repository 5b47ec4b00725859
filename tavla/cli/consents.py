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
    withheld: Annotated[str, typer.Option("--withheld", help=_("What may not be shared."))] = "",
    db: DbOption = None,
) -> None:
    from tavla.store.consents import ConsentInput, add_consent

    entered = ConsentInput(
        parse_date(given, _("The consent date")),
        parse_date(expires, _("The expiry date")),
        shares,
        withheld,
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
