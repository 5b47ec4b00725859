"""`tavla serve`: the board in a web browser for its owner only, in presentation mode.

For sharing the board in a video meeting. textual-serve runs one `tavla` process per
browser tab; it listens on 127.0.0.1 only. A token made at each start is in the address
`serve` prints, and the page and the websocket are refused without it, so another user or
process on this machine gets nothing. Requests whose Host or Origin is not this server are
refused too, so a web page elsewhere cannot drive the board through the browser. The page
loads nothing from outside the machine (tavla's own template, see serve_templates/). The
server itself is in serve_server.py.
"""

from __future__ import annotations

import errno
import os
import secrets
import shlex
import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tavla.cli.shared import (
    CommandGroup,
    DbOption,
    MunicipalityOption,
    chosen_database,
    chosen_municipality,
)
from tavla.errors import UserError
from tavla.i18n import _, language

if TYPE_CHECKING:
    from tavla.cli.serve_server import BoardServer
    from tavla.store import Location

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TEMPLATES = Path(__file__).parent / "serve_templates"

group = CommandGroup()  # commands of the root: `tavla serve`


@group.command(
    help=lambda: _(
        "Show the board in a web browser, on this machine only and only at the address it "
        "prints (http://127.0.0.1:PORT/?token=…), in presentation mode, for sharing the "
        "screen in a video meeting."
    )
)
def serve(
    ctx: typer.Context,
    port: Annotated[
        str, typer.Option("--port", metavar="PORT", help=_("The port to listen on (1–65535)."))
    ] = str(DEFAULT_PORT),
    municipality: MunicipalityOption = None,
    db: DbOption = None,
) -> None:
    from tavla import extras

    extras.require("serve")
    from tavla.cli.serve_server import BoardServer
    from tavla.config import actor
    from tavla.store import open_store

    number = parse_port(port)
    location = checked_location(*chosen_database(ctx, db))
    with closing(open_store(location, actor=actor(), create=False)) as store:
        scope = chosen_municipality(ctx, store, municipality)  # a name nobody has: said here
    command = serve_command(location, language(), scope)
    token = secrets.token_urlsafe(32)
    server = BoardServer(command, number, token, say_refused)
    typer.echo(
        _(
            "tavla is shown in presentation mode, on this machine only, to whoever opens "
            "this address (its token is new at each start; without it nothing is shown):"
        )
    )
    typer.echo(f"    {owner_url(number, token)}")
    typer.echo(_("Press Ctrl+C to stop."))
    run_server(server, number)


def parse_port(text: str) -> int:
    try:
        port = int(text.strip())
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise UserError(
            _("The port must be a whole number from 1 to 65535, not {text}.").format(text=text)
        )
    return port


def local_url(port: int) -> str:
    return f"http://{HOST}:{port}"


def owner_url(port: int, token: str) -> str:
    """The address to open, as Jupyter prints it: the page with its token."""
    return f"{local_url(port)}/?token={token}"


def say_refused(reason: str) -> None:
    """One line in the terminal per refused request; never the token or anything the request
    sent, which could be a guess at the token or control characters for this terminal."""
    typer.echo(f"{datetime.now():%H:%M:%S} {reason}", err=True)


def checked_location(db: str | None, url: str | None = None) -> Location:
    """The database to show, opened once (and brought up to date) so mistakes show here, not in
    the browser. A missing file is an error: a mistyped --db must not serve an empty board."""
    from tavla.config import actor, resolve_location
    from tavla.store import open_store

    location = resolve_location(db, url)
    open_store(location, actor=actor(), create=False).close()
    if location.path is None:  # the tabs inherit the URL (see serve_command)
        os.environ["TAVLA_DATABASE_URL"] = location.url
    if location.key is not None:  # so is a key typed at the prompt: never on a command line
        os.environ["TAVLA_KEY"] = location.key
    return location


def serve_command(location: Location, lang: str, municipality: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab (one municipality's board
    with `municipality`).

    A SQLite file is named by --db; a PostgreSQL URL is not, because it may hold a password
    and the command line is visible to every user of the machine: the process inherits
    TAVLA_DATABASE_URL from the environment instead (checked_location sets it).
    """
    command = [sys.executable, "-m", "tavla"]
    if location.path is not None:
        command += ["--db", str(location.path)]
    command += ["--lang", lang, "--presentation"]
    if municipality is not None:
        command += ["--municipality", municipality]
    return shlex.join(command)


def run_server(server: BoardServer, port: int) -> None:
    """Serve until Ctrl+C; a port that cannot be had is the user's to change."""
    try:
        server.serve()
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UserError(
                _(
                    "Port {port} is already in use on this machine; choose another with --port."
                ).format(port=port)
            ) from None
        if error.errno in (errno.EACCES, errno.EADDRNOTAVAIL):
            raise UserError(
                _("tavla may not listen on port {port}; choose another with --port.").format(
                    port=port
                )
            ) from None
        raise
