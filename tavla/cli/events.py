"""`tavla event …`: inpatient stays, emergency visits, crises and evictions, from scripts.

KIND is the key (inpatient, emergency, crisis, eviction) or its Swedish name: slutenvård or
inläggning, akutbesök, kris, vräkning (also written without å, ä, ö)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from tavla.cli import shared as cli_shared
from tavla.cli.shared import CodeArgument, CommandGroup, DbOption, JsonOption, database, safe_json
from tavla.domain.dates import parse_date, parse_optional_date
from tavla.domain.display import one_line
from tavla.domain.vocabulary import EventKind
from tavla.i18n import _
from tavla.render.labels import label_for

group = CommandGroup(
    "event", help=lambda: _("Inpatient stays, emergency visits, crises and evictions.")
)

# The Swedish names a coordinator would type, with and without å, ä, ö.
SWEDISH_KINDS = {
    "slutenvård": EventKind.INPATIENT,
    "slutenvard": EventKind.INPATIENT,
    "inläggning": EventKind.INPATIENT,
    "inlaggning": EventKind.INPATIENT,
    "akutbesök": EventKind.EMERGENCY,
    "akutbesok": EventKind.EMERGENCY,
    "kris": EventKind.CRISIS,
    "vräkning": EventKind.EVICTION,
    "vrakning": EventKind.EVICTION,
}


def _today() -> date:
    return cli_shared.today()  # looked up at each call, so tests can fix the day


def event_kind(text: str) -> str:
    """The key for a kind typed as its key or its Swedish name; anything else is left for the
    store to refuse."""
    word = text.strip().lower()
    return SWEDISH_KINDS.get(word, word)


@group.command(
    "add",
    help=lambda: _(
        "Record an event: inpatient (slutenvård), emergency (akutbesök), crisis (kris, with "
        "police or ambulance) or eviction (vräkning). Prints its number."
    ),
)
def event_add(
    ctx: typer.Context,
    code: CodeArgument,
    kind: Annotated[str, typer.Argument(metavar="KIND")],
    on: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD")],
    until: Annotated[str | None, typer.Option("--until", metavar="YYYY-MM-DD")] = None,
    law: Annotated[str | None, typer.Option("--law", metavar="lpt|lvm|lrv")] = None,
    note: Annotated[str, typer.Option("--note")] = "",
    db: DbOption = None,
) -> None:
    from tavla.store.events import add_event, check_event

    happened_on = parse_date(on, _("The event's date"))
    last = parse_optional_date(until, _("The stay's last day"))
    key, law_key = event_kind(kind), law.strip().lower() if law else None
    check_event(key, happened_on, last, law_key, _today())  # before the database is opened
    with database(ctx, db) as store:
        number = add_event(
            store, code, key, happened_on, until=last, law=law_key, note=note, today=_today()
        )
    typer.echo(str(number))


@group.command("list", help=lambda: _("List events, newest first: one participant's, or all."))
def event_list(
    ctx: typer.Context,
    code: Annotated[str | None, typer.Argument(metavar="[CODE]")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    from tavla.store.events import list_events

    with database(ctx, db) as store:
        rows = list_events(store, code)
    if as_json:
        typer.echo(safe_json(rows))
        return
    if not rows:
        typer.echo(_("No events."))
    for event in rows:
        days = event.happened_on.isoformat()
        if event.until is not None:
            days += f"–{event.until.isoformat()}"
        fields = (event.code, label_for(event.kind), label_for(event.law), one_line(event.note, 60))
        typer.echo(f"{event.id:>4}  {days:21}  " + "  ".join(f for f in fields if f))
