"""`tavla serve`: the board in a web browser for its owner only, in presentation mode.

For sharing the board in a video meeting. textual-serve runs one `tavla` process per
browser tab; it listens on 127.0.0.1 only. A token made at each start is in the address
`serve` prints, and the page and the websocket are refused without it, so another user or
process on this machine gets nothing. Requests whose Host or Origin is not this server are
refused too, so a web page elsewhere cannot drive the board through the browser. The page
loads nothing from outside the machine (tavla's own template, see serve_templates/).
"""

from __future__ import annotations

import errno
import hmac
import logging
import os
import secrets
import shlex
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tavla.cli.shared import DbOption, chosen_database
from tavla.errors import UserError
from tavla.i18n import _, language

if TYPE_CHECKING:
    from textual_serve.server import Server

    from tavla.store import Location

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TEMPLATES = Path(__file__).parent / "serve_templates"


def register(app: typer.Typer) -> None:
    @app.command(
        help=_(
            "Show the board in a web browser, on this machine only and only at the address it "
            "prints (http://127.0.0.1:PORT/?token=…), in presentation mode, for sharing the "
            "screen in a video meeting."
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
        token = secrets.token_urlsafe(32)
        server = make_server(serve_command(location, language()), number, token, say_refused)
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


def make_server(
    command: str, port: int, token: str, refused: Callable[[str], None] = say_refused
) -> Server:
    """A textual-serve server on 127.0.0.1:`port` that answers only its owner: requests that
    carry `token` and are meant for this server. `refused` is told of each one turned away."""
    import aiohttp_jinja2
    from aiohttp import hdrs, web
    from textual_serve.server import Server, to_int

    hosts = {f"{HOST}:{port}", f"localhost:{port}"}
    origins = {f"http://{host}" for host in hosts}
    expected = token.encode()

    def has_token(request: web.Request) -> bool:
        given = request.match_info.get("token") or request.query.get("token") or ""
        # Bytes, so a non-ASCII guess is a wrong token rather than a TypeError.
        return hmac.compare_digest(given.encode(), expected)

    def forbidden(reason: str) -> web.HTTPForbidden:
        refused(reason)
        return web.HTTPForbidden(
            text=_("Open the address that tavla serve printed in its terminal, with its token.")
        )

    @web.middleware
    async def owner_only(request: web.Request, handler):
        origin = request.headers.get(hdrs.ORIGIN)
        # A foreign Host is DNS rebinding; a foreign Origin is another site's page opening
        # the websocket (browsers let any page do that), which would drive the board.
        if request.host not in hosts or (origin is not None and origin not in origins):
            raise forbidden(_("Refused a request meant for another site."))
        resource = request.match_info.route.resource
        is_websocket = resource is not None and resource.name in ("websocket", "owner_websocket")
        if origin is None and (is_websocket or hdrs.UPGRADE in request.headers):
            # Every browser sends Origin with a websocket; a program that leaves it out is
            # not the owner's page.
            raise forbidden(_("Refused a websocket without an Origin header."))
        # /static is textual-serve's JavaScript, CSS and fonts, the same in every install and
        # holding no board data; the page loads them without the token (no cookie is set).
        is_static = resource is not None and resource.name == "static"
        if not is_static and not has_token(request):
            raise forbidden(_("Refused a request without the right token."))
        return await handler(request)

    class BoardServer(Server):
        async def _make_app(self) -> web.Application:
            application = await super()._make_app()
            # The token travels in the websocket's path. textual.js opens the URL it finds
            # in the page with "?width=…&height=…" appended, which would mangle a token put
            # in the query; and a cookie would be sent to every port on 127.0.0.1 (cookies
            # ignore ports) and clash between two `tavla serve`s. textual-serve's own /ws
            # stays, refused by owner_only for want of a token.
            application.router.add_get("/ws/{token}", self.handle_websocket, name="owner_websocket")
            application.middlewares.append(owner_only)
            return application

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            # request.host is one of `hosts` (owner_only checked it): the page at
            # localhost:PORT loads its fonts and websocket from its own origin too.
            context = {
                "lang": language(),
                "title": self.title,
                "static_url": f"http://{request.host}/static/",
                "websocket_url": f"ws://{request.host}/ws/{token}",
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "start_label": _("Start"),
                "ended_text": _("The board was closed."),
                "restart_label": _("Open again"),
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            response.headers["Cache-Control"] = "no-store"  # the page holds the token
            return response

        def initialize_logging(self) -> None:
            super().initialize_logging()
            # aiohttp's access log prints each request's URL, token and guesses included.
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

        async def on_startup(self, app: web.Application) -> None:
            """Quiet: `serve` has said where and how the board is shown."""

    return BoardServer(
        command,
        host=HOST,
        port=port,
        title="tavla",
        public_url=local_url(port),
        templates_path=TEMPLATES,
    )


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
