"""`tavla serve`: the board in a web browser on this machine only, in presentation mode.

For sharing the board in a video meeting. textual-serve runs one `tavla` process per
browser tab; it listens on 127.0.0.1 only, and turns away requests whose Host or Origin
is not this server, so a web page elsewhere cannot drive the board through the browser.
"""

from __future__ import annotations

import errno
import os
import shlex
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from tavla.cli_shared import DbOption, chosen_database
from tavla.errors import UserError
from tavla.i18n import _, language

if TYPE_CHECKING:
    from textual_serve.server import Server

    from tavla.store import Location

HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(app: typer.Typer) -> None:
    @app.command(
        help=_(
            "Show the board in a web browser on this machine only (http://127.0.0.1:PORT), "
            "in presentation mode, for sharing the screen in a video meeting."
        )
    )
    def serve(
        ctx: typer.Context,
        port: Annotated[
            str,
            typer.Option("--port", metavar="PORT", help=_("The port to listen on (1–65535).")),
        ] = str(DEFAULT_PORT),
        db: DbOption = None,
    ) -> None:
        number = parse_port(port)
        location = checked_location(*chosen_database(ctx, db))
        server = make_server(serve_command(location, language()), number)
        typer.echo(
            _(
                "tavla is shown at {url}, on this machine only and in presentation mode. "
                "Press Ctrl+C to stop."
            ).format(url=local_url(number))
        )
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


def serve_command(location: Location, lang: str) -> str:
    """The shell command textual-serve runs for each browser tab.

    A SQLite file is named by --db; a PostgreSQL URL is not, because it may hold a password
    and the command line is visible to every user of the machine: the process inherits
    TAVLA_DATABASE_URL from the environment instead (checked_location sets it).
    """
    command = [sys.executable, "-m", "tavla"]
    if location.path is not None:
        command += ["--db", str(location.path)]
    command += ["--lang", lang, "--presentation"]
    return shlex.join(command)


def make_server(command: str, port: int) -> Server:
    """A textual-serve server on 127.0.0.1:`port` that answers only requests meant for it."""
    from aiohttp import web
    from textual_serve.server import Server

    hosts = {f"{HOST}:{port}", f"localhost:{port}"}
    origins = {f"http://{host}" for host in hosts}

    @web.middleware
    async def this_server_only(request: web.Request, handler):
        # A foreign Host is DNS rebinding; a foreign Origin is another site's page opening
        # the websocket (browsers let any page do that), which would drive the board.
        origin = request.headers.get("Origin")
        if request.host not in hosts or (origin is not None and origin not in origins):
            raise web.HTTPForbidden()
        return await handler(request)

    class BoardServer(Server):
        async def _make_app(self) -> web.Application:
            application = await super()._make_app()
            application.middlewares.append(this_server_only)
            return application

        async def on_startup(self, app: web.Application) -> None:
            """Quiet: `serve` has said where and how the board is shown."""

    return BoardServer(command, host=HOST, port=port, title="tavla", public_url=local_url(port))


def run_server(server: Server, port: int) -> None:
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
