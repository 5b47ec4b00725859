"""What the Typer commands share: the --db and --lang options, opening the store, safe output."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date
from typing import Annotated

import typer

from tavla.cli.main import open_database
from tavla.i18n import _

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help=_("The database file (else TAVLA_DB, else the user data folder)."),
    ),
]
DatabaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        metavar="URL",
        help=_(
            "A shared PostgreSQL database, postgresql://USER@HOST/NAME (else TAVLA_DATABASE_URL)."
        ),
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", metavar="sv|en", help=_("Interface language (else TAVLA_LANG).")),
]
JsonOption = Annotated[bool, typer.Option("--json", help=_("Print JSON."))]


@contextmanager
def database(ctx: typer.Context, db: str | None, *, create: bool = False) -> Iterator:
    """The store named by this command's --db, or the one given before the command."""
    db, url = chosen_database(ctx, db)
    store = open_database(db, create=create, url=url)
    try:
        yield store
    finally:
        store.close()


def chosen_database(ctx: typer.Context, db: str | None) -> tuple[str | None, str | None]:
    """The --db of this command, else the --db or --database-url given before the command."""
    given = ctx.obj or {}
    if db:
        return db, None
    return given.get("db"), given.get("database_url")


def today() -> date:
    return date.today()


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def safe_json(payload: object) -> str:
    """JSON (dates as ISO text), with every control character escaped, C1 included."""
    text = json.dumps(_plain(payload), ensure_ascii=False, indent=2)
    return text.translate({c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x2028, 0x2029)})
