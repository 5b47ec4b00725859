"""The command line (Typer): opens the board, makes the demo, and scriptable basics.

Commands that do not open the interface never import Textual. The language is
chosen before the commands are built, so their help is in the user's language.
A user's mistake ends in one sentence on stderr and a non-zero exit status.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Annotated

import typer

from tavla import __version__
from tavla.display import visible
from tavla.errors import UserError
from tavla.i18n import _, resolve_language, set_language

EXIT_USER_ERROR = 1
EXIT_USAGE = 2


def _peek(args: list[str], option: str) -> str | None:
    for i, arg in enumerate(args):
        if arg == option and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
    return None


def _fail(message: str, status: int) -> None:
    sys.stderr.write(f"tavla: {visible(message)}\n")
    sys.exit(status)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        set_language(resolve_language(_peek(args, "--lang")))
    except ValueError as error:
        _fail(f"Unknown language {error.args[0]!r}; use sv or en.", EXIT_USAGE)
    command = typer.main.get_command(build_app())
    try:
        result = command.main(args=args, prog_name="tavla", standalone_mode=False)
    except UserError as error:
        _fail(str(error), EXIT_USER_ERROR)
    except typer.TyperException as error:  # Typer's own click: bad usage, bad parameters
        _fail(_usage_message(error), error.exit_code)
    except typer.Abort:
        _fail(_("Aborted."), EXIT_USER_ERROR)
    sys.exit(result if isinstance(result, int) else 0)


def _usage_message(error: typer.TyperException) -> str:
    # Typer vendors click and exports only the base class, so the kind is read off the name.
    kind = type(error).__name__
    param = getattr(error, "param", None)
    name = (getattr(param, "metavar", None) or getattr(param, "name", "") or "").upper()
    if kind == "NoSuchOption":
        text = _("There is no option {option}.").format(option=error.option_name)
    elif kind == "MissingParameter" and name:
        text = _("{name} is missing.").format(name=name)
    elif kind == "BadParameter" and name:
        text = _("{name} is not valid: {reason}").format(name=name, reason=error.message)
    else:
        text = error.format_message()
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "tavla"
    return text + " " + _("See '{command} --help'.").format(command=command)


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


def _open(db: str | None, *, create: bool):
    from tavla.config import actor, resolve_location
    from tavla.store import open_store

    return open_store(resolve_location(db), actor=actor(), create=create)


def _run_board(store, today: date | None = None) -> None:
    from tavla.app import TavlaApp

    try:
        TavlaApp(store, today=today).run()
    finally:
        store.close()


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
            typer.echo(f"tavla {__version__}")
            raise typer.Exit()
        ctx.obj = {"db": db}
        if ctx.invoked_subcommand is None:
            _run_board(_open(db, create=True))

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
        create_demo(store, date.today())
        if no_open:
            typer.echo(_("Demo board written to {place}.").format(place=location.describe()))
            store.close()
        else:
            _run_board(store)

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

        store = _open(_db(ctx, db), create=True)
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

        store = _open(_db(ctx, db), create=False)
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

        store = _open(_db(ctx, db), create=False)
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
