"""`tavla backup`, `tavla restore`, `tavla check` and `tavla encrypt`: keeping the board's
database safe."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from tavla.cli.shared import CommandGroup, DbOption, JsonOption, chosen_database, safe_json
from tavla.domain.display import visible
from tavla.i18n import _

group = CommandGroup()  # commands of the root: `tavla backup`, `tavla restore`, …


def _location(ctx: typer.Context, db: str | None, *, keyed: bool = True):
    from tavla.config import resolve_location

    return resolve_location(*chosen_database(ctx, db), keyed=keyed)


@group.command(
    help=lambda: _(
        "Make a backup of the database now: a consistent copy, yours alone (0600), in the "
        "'backups' folder beside the database unless --to names another. Prints its path."
    )
)
def backup(
    ctx: typer.Context,
    to: Annotated[
        Path | None,
        typer.Option("--to", metavar="DIR", help=_("The folder to write the backup in.")),
    ] = None,
    db: DbOption = None,
) -> None:
    from tavla.config import actor
    from tavla.store import open_store
    from tavla.store.backup import backup_folder, make_backup

    location = _location(ctx, db)  # once: an encrypted board's key is asked for once
    backup_folder(location)  # a shared board says so before it is opened
    store = open_store(location, actor=actor(), create=False)
    try:
        typer.echo(str(make_backup(store, to, now=datetime.now())))
    finally:
        store.close()


@group.command(
    help=lambda: _(
        "Put a backup in place of the database. The backup is checked first (a backup of "
        "another board is refused without --other-board); the current database is kept "
        "beside it, renamed, and its new name printed."
    )
)
def restore(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(metavar="FILE")],
    yes: Annotated[bool, typer.Option("--yes", help=_("Do not ask for confirmation."))] = False,
    other_board: Annotated[
        bool,
        typer.Option(
            "--other-board",
            help=_("Restore it even though it is a backup of another board (the demo, say)."),
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    from dataclasses import replace

    from tavla.config import actor, database_key
    from tavla.store.cipher import is_encrypted
    from tavla.store.restore import restore as restore_backup

    location = _location(ctx, db)
    if location.is_sqlite and location.key is None and is_encrypted(source):
        # A plain board (or none yet) and an encrypted backup: the key is the backup's.
        location = replace(location, key=database_key(source))

    def confirm() -> None:  # asked once the backup has passed every check
        typer.confirm(
            _("Replace {place} with {source}?").format(place=location.describe(), source=source),
            abort=True,
        )

    aside = restore_backup(
        location,
        source,
        now=datetime.now(),
        actor=actor(),
        other_board=other_board,
        confirm=None if yes else confirm,
    )
    if aside is None:
        typer.echo(_("Restored into {place}.").format(place=location.describe()))
    else:
        typer.echo(_("Restored; the previous database was set aside as {path}.").format(path=aside))


@group.command(
    help=lambda: _(
        "Check the database: integrity, foreign keys, schema version, and that the "
        "database and its backups are readable by you alone. Exit status 1 if a check fails."
    )
)
def check(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> int:
    from tavla.store.check import check as run_checks

    results = run_checks(_location(ctx, db))
    if as_json:
        typer.echo(safe_json(results))
    else:
        for result in results:
            mark = "✓" if result.ok else "✗"
            line = f"{mark} {result.what}" + (f": {result.detail}" if result.detail else "")
            typer.echo(visible(line))
    return 0 if all(result.ok for result in results) else 1


@group.command(
    help=lambda: _(
        "Encrypt the database with SQLCipher, with the key in TAVLA_KEY or else asked for "
        "twice. The database is replaced only once the encrypted copy is checked to hold "
        "every row; backups made before stay as they are (not encrypted)."
    )
)
def encrypt(ctx: typer.Context, db: DbOption = None) -> None:
    from tavla.config import new_key
    from tavla.store.backup import backup_folder, plain_backups
    from tavla.store.encrypt import encrypt, encryptable

    location = _location(ctx, db, keyed=False)
    path = encryptable(location)  # a refusal comes before the key is asked for
    encrypt(location, new_key(path))
    if plain_backups(location):
        typer.echo(
            _(
                "{path} is now encrypted; the backups made before, in {folder}, "
                "are still not encrypted."
            ).format(path=path, folder=backup_folder(location))
        )
    else:
        typer.echo(_("{path} is now encrypted.").format(path=path))
