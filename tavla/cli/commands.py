"""The Typer commands behind `tavla`: opening the board, the demo, participants, ratings."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from tavla.cli import actions as cli_actions
from tavla.cli import admin as cli_admin
from tavla.cli import directory as cli_directory
from tavla.cli import exports as cli_exports
from tavla.cli import log as cli_log
from tavla.cli import meetings as cli_meetings
from tavla.cli import participants as cli_participants
from tavla.cli import serve as cli_serve
from tavla.cli.main import open_database, print_version, run_board
from tavla.cli.shared import DatabaseUrlOption, DbOption, LangOption, database
from tavla.errors import UserError
from tavla.i18n import _


def build_app() -> typer.Typer:
    app = typer.Typer(
        add_completion=False,
        rich_markup_mode=None,
        help=_("tavla: the coordination board. Without a command it opens the board."),
    )

    @app.callback(invoke_without_command=True)
    def root(
        ctx: typer.Context,
        db: DbOption = None,
        database_url: DatabaseUrlOption = None,
        lang: LangOption = None,
        version: Annotated[
            bool, typer.Option("--version", is_eager=True, help=_("Show the version and exit."))
        ] = False,
        presentation: Annotated[
            bool,
            typer.Option(
                "--presentation",
                help=_(
                    "Open the board in presentation mode: names, identity numbers and notes hidden."
                ),
            ),
        ] = False,
    ) -> None:
        if version:
            print_version()
            raise typer.Exit()
        ctx.obj = {"db": db, "database_url": database_url, "presentation": presentation}
        if ctx.invoked_subcommand is None:
            run_board(
                open_database(db, create=True, url=database_url),
                presentation=presentation or None,
            )

    @app.command(
        help=_(
            "Create (or refresh) a database of fictional demo data and open it. A demo changed "
            "since it was written is kept: you are asked first, or need --reset."
        )
    )
    def demo(
        ctx: typer.Context,
        db: DbOption = None,
        lang: LangOption = None,
        no_open: Annotated[
            bool, typer.Option("--no-open", help=_("Only create the database; do not open it."))
        ] = False,
        reset: Annotated[
            bool,
            typer.Option(
                "--reset", help=_("Write the demo anew even if it was changed (practice is lost).")
            ),
        ] = False,
    ) -> None:
        from tavla.config import actor, resolve_demo_location
        from tavla.store import open_store

        if (ctx.obj or {}).get("database_url"):
            raise UserError(_("The demo board is never made on a shared server; use --db PATH."))
        location = resolve_demo_location(db or (ctx.obj or {}).get("db"))
        store = open_store(location, actor=actor(), create=True)
        try:
            written = _write_demo(store, reset=reset)
        except BaseException:
            store.close()
            raise
        if no_open:
            store.close()
            if written:
                message = _("Demo board written to {path}; open it with: tavla --db {quoted}")
            else:
                message = _(
                    "The demo in {path} was kept as it was; open it with: tavla --db {quoted}"
                )
            typer.echo(message.format(path=location.path, quoted=_quoted(location.path)))
        else:
            # closes the store
            run_board(store, presentation=(ctx.obj or {}).get("presentation") or None)
            typer.echo(
                _("The demo is in {path}; open it again with: tavla --db {quoted}").format(
                    path=location.path, quoted=_quoted(location.path)
                )
            )

    @app.command(
        help=_("Record a rating: LANE is health, cognition or social; LEVEL 0–4 or unknown.")
    )
    def rate(
        ctx: typer.Context,
        code: Annotated[str, typer.Argument(metavar="CODE")],
        lane: Annotated[str, typer.Argument(metavar="LANE")],
        level: Annotated[str, typer.Argument(metavar="LEVEL")],
        need: Annotated[
            str | None,
            typer.Option(
                "--need", metavar="met|unmet", help=_("Is the need met by current interventions?")
            ),
        ] = None,
        note: Annotated[str, typer.Option("--note", help=_("A short note."))] = "",
        db: DbOption = None,
    ) -> None:
        from tavla.store.ratings import NewRating, add_rating

        with database(ctx, db) as store:
            template = store.template
            rating = NewRating(
                lane=template.lane(lane).key,
                level=template.parse_level(level),
                need=template.parse_need(need) if need else None,
                note=note,
            )
            today = date.today()
            add_rating(store, code, rating, rated_on=today, today=today)
        lane_label = template.lane(rating.lane).label
        typer.echo(
            _("{code}: {lane} {level} recorded.").format(
                code=code.strip().upper(),
                lane=lane_label,
                level=template.level(rating.level).symbol,
            )
        )

    cli_participants.register(app)
    cli_directory.register(app)
    cli_exports.register(app)
    cli_meetings.register(app)
    cli_actions.register(app)
    cli_log.register(app)
    cli_serve.register(app)
    cli_admin.register(app)
    return app


def _write_demo(store, *, reset: bool) -> bool:
    """Write the demo as of today, unless it holds practice (changes since it was written)
    that the user keeps: asked at a terminal, else refused without `reset`. Whether the demo
    was written."""
    from tavla.config import at_terminal
    from tavla.demo import changes_since_written, create_demo

    path = store.location.path
    if not reset and changes_since_written(store):
        if not at_terminal():
            raise UserError(
                _(
                    "The demo in {path} has been changed since it was written; open it with "
                    "'tavla --db {quoted}', or write it anew with 'tavla demo --db {quoted} "
                    "--reset'."
                ).format(path=path, quoted=_quoted(path))
            )
        question = _(
            "The demo in {path} has been changed since it was written. Write it anew and lose "
            "those changes?"
        ).format(path=path)
        if not typer.confirm(question, default=False):
            return False
    create_demo(store, date.today())
    return True


def _quoted(path) -> str:
    import shlex

    return shlex.quote(str(path))
