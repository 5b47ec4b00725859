"""The Typer commands behind `tavla`: opening the board, the demo, participants, ratings."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer

from tavla.cli import open_database, print_version, run_board
from tavla.display import visible
from tavla.i18n import _

# --- options shared by several commands -------------------------------------------------

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help=_("The database file (else TAVLA_DB, else the user data folder)."),
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", metavar="sv|en", help=_("Interface language (else TAVLA_LANG).")),
]


def _db(ctx: typer.Context, db: str | None) -> str | None:
    return db or (ctx.obj or {}).get("db")


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
        lang: LangOption = None,
        version: Annotated[
            bool, typer.Option("--version", is_eager=True, help=_("Show the version and exit."))
        ] = False,
    ) -> None:
        if version:
            print_version()
            raise typer.Exit()
        ctx.obj = {"db": db}
        if ctx.invoked_subcommand is None:
            run_board(open_database(db, create=True))

    @app.command(help=_("Create (or refresh) a database of fictional demo data and open it."))
    def demo(
        ctx: typer.Context,
        db: DbOption = None,
        lang: LangOption = None,
        no_open: Annotated[
            bool, typer.Option("--no-open", help=_("Only create the database; do not open it."))
        ] = False,
    ) -> None:
        from tavla.config import actor, resolve_demo_location
        from tavla.demo import create_demo
        from tavla.store import open_store

        location = resolve_demo_location(_db(ctx, db))
        store = open_store(location, actor=actor(), create=True)
        try:
            create_demo(store, date.today())
        except BaseException:
            store.close()
            raise
        if no_open:
            store.close()
            typer.echo(_("Demo board written to {place}.").format(place=location.describe()))
        else:
            run_board(store)  # closes the store

    participant = typer.Typer(help=_("Enrol and list participants."), rich_markup_mode=None)
    app.add_typer(participant, name="participant")

    @participant.command("add", help=_("Enrol a participant and print the pseudonym code."))
    def participant_add(
        ctx: typer.Context,
        name: Annotated[str, typer.Option("--name", help=_("Full name."))],
        pnr: Annotated[
            str | None,
            typer.Option(
                "--pnr", metavar="YYYYMMDD-NNNN", help=_("Personnummer or samordningsnummer.")
            ),
        ] = None,
        code: Annotated[
            str | None,
            typer.Option("--code", help=_("Pseudonym code (else one is made).")),
        ] = None,
        db: DbOption = None,
    ) -> None:
        from tavla.store.participants import add_participant

        store = open_database(_db(ctx, db), create=True)
        try:
            new_code = add_participant(
                store, name, identity_number=pnr, code=code, enrolled_on=date.today()
            )
        finally:
            store.close()
        typer.echo(new_code)

    @participant.command("list", help=_("List active participants: code, name, enrolment date."))
    def participant_list(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
        db: DbOption = None,
    ) -> None:
        from tavla.store.participants import list_participants

        store = open_database(_db(ctx, db), create=False)
        try:
            rows = list_participants(store)
        finally:
            store.close()
        if as_json:
            payload = [
                {"code": r.code, "name": r.name, "enrolled_on": r.enrolled_on.isoformat()}
                for r in rows
            ]
            typer.echo(safe_json(payload))
            return
        if not rows:
            typer.echo(_("No participants."))
            return
        width = max(len(r.code) for r in rows)
        for r in rows:
            typer.echo(f"{r.code:<{width}}  {r.enrolled_on.isoformat()}  {visible(r.name)}")

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

        store = open_database(_db(ctx, db), create=False)
        try:
            template = store.template
            rating = NewRating(
                lane=template.lane(lane).key,
                level=template.parse_level(level),
                need=template.parse_need(need) if need else None,
                note=note,
            )
            today = date.today()
            add_rating(store, code, rating, rated_on=today, today=today)
        finally:
            store.close()
        lane_label = template.lane(rating.lane).label
        typer.echo(
            _("{code}: {lane} {level} recorded.").format(
                code=code.strip().upper(),
                lane=lane_label,
                level=template.level(rating.level).symbol,
            )
        )

    return app


def safe_json(payload: object) -> str:
    """JSON with every control character escaped, C1 included (json leaves those raw)."""
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    return text.translate({c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x2028, 0x2029)})
