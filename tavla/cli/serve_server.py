"""The web server behind `tavla serve` (cli/serve.py): textual-serve's, answering its owner only.

Loaded only by `tavla serve`, so other commands never load aiohttp or textual-serve.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable

import aiohttp_jinja2
from aiohttp import hdrs, web
from textual_serve.server import Server, to_int

from tavla.cli.serve import HOST, TEMPLATES, local_url
from tavla.i18n import _, language

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class OwnerOnly:
    """The middleware that lets through only requests that carry the token and are meant for
    this server; `refused` is told of each one turned away."""

    def __init__(self, port: int, token: str, refused: Callable[[str], None]) -> None:
        self.hosts = {f"{HOST}:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}
        self.expected = token.encode()
        self.refused = refused

    def has_token(self, request: web.Request) -> bool:
        given = request.match_info.get("token") or request.query.get("token") or ""
        # Bytes, so a non-ASCII guess is a wrong token rather than a TypeError.
        return hmac.compare_digest(given.encode(), self.expected)

    def forbidden(self, reason: str) -> web.HTTPForbidden:
        self.refused(reason)
        return web.HTTPForbidden(
            text=_("Open the address that tavla serve printed in its terminal, with its token.")
        )

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get(hdrs.ORIGIN)
        # A foreign Host is DNS rebinding; a foreign Origin is another site's page opening
        # the websocket (browsers let any page do that), which would drive the board.
        if request.host not in self.hosts or (origin is not None and origin not in self.origins):
            raise self.forbidden(_("Refused a request meant for another site."))
        resource = request.match_info.route.resource
        is_websocket = resource is not None and resource.name in ("websocket", "owner_websocket")
        if origin is None and (is_websocket or hdrs.UPGRADE in request.headers):
            # Every browser sends Origin with a websocket; a program that leaves it out is
            # not the owner's page.
            raise self.forbidden(_("Refused a websocket without an Origin header."))
        # /static is textual-serve's JavaScript, CSS and fonts, the same in every install and
        # holding no board data; the page loads them without the token (no cookie is set).
        is_static = resource is not None and resource.name == "static"
        if not is_static and not self.has_token(request):
            raise self.forbidden(_("Refused a request without the right token."))
        return await handler(request)


class BoardServer(Server):
    """A textual-serve server on 127.0.0.1:`port` that answers only its owner (OwnerOnly)."""

    def __init__(self, command: str, port: int, token: str, refused: Callable[[str], None]) -> None:
        super().__init__(
            command,
            host=HOST,
            port=port,
            title="tavla",
            public_url=local_url(port),
            templates_path=TEMPLATES,
        )
        self.token = token
        self.owner_only = OwnerOnly(port, token, refused)

    async def _make_app(self) -> web.Application:
        application = await super()._make_app()
        # The token travels in the websocket's path. textual.js opens the URL it finds
        # in the page with "?width=…&height=…" appended, which would mangle a token put
        # in the query; and a cookie would be sent to every port on 127.0.0.1 (cookies
        # ignore ports) and clash between two `tavla serve`s. textual-serve's own /ws
        # stays, refused by OwnerOnly for want of a token.
        application.router.add_get("/ws/{token}", self.handle_websocket, name="owner_websocket")
        application.middlewares.append(self.owner_only.middleware)
        return application

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        # request.host is one of the owner's hosts (OwnerOnly checked it): the page at
        # localhost:PORT loads its fonts and websocket from its own origin too.
        context = {
            "lang": language(),
            "title": self.title,
            "static_url": f"http://{request.host}/static/",
            "websocket_url": f"ws://{request.host}/ws/{self.token}",
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
