"""The Typer app behind `tavla`: the root options (cli/options.py), the demo, and every command
group's app (one module each) added under it."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from datetime import date
from typing import Annotated, Any

import typer

from tavla.cli import (
    actions,
    admin,
    agenda,
    assessments,
    consents,
    contacts,
    events,
    exports,
    imports,
    interventions,
    log,
    meetings,
    outcomes,
    participants,
    ratings,
    serve,
)
from tavla.cli import options as root_options
from tavla.cli.conversion import convert_plainly
from tavla.cli.main import run_board, start
from tavla.cli.shared import CommandGroup, DbOption, LangOption, typer_annotation
from tavla.errors import UserError
from tavla.i18n import _

group = CommandGroup()  # commands of the root: `tavla demo`, below
# Every module's commands, in the order `tavla --help` lists them: the root's, then the groups.
GROUPS = (
    group,
    ratings.group,
    agenda.group,
    log.group,
    serve.group,
    admin.group,
    participants.group,
    consents.group,
    outcomes.group,
    assessments.group,
    contacts.group,
    interventions.group,
    exports.group,
    imports.group,
    meetings.group,
    actions.group,
    events.group,
)


def build_app(args: Sequence[str] | None = None) -> typer.Typer:
    """The Typer app of every command, its help in the language chosen by now; for `args`, only
    of the group they name, if they name one (Typer reads every command's parameters as it
    makes the app: about 0.1 s for all of them)."""
    app = typer.Typer(
        add_completion=False,
        rich_markup_mode=None,
        help=_("tavla: the coordination board. Without a command it opens the board."),
    )
    app.callback(invoke_without_command=True)(with_root_options(root))
    named = _named_group(args) if args is not None else None
    for commands in GROUPS if named is None else (named,):
        app.add_typer(commands.typer_app())
    return app


def click_command(args: Sequence[str]) -> Any:
    """The command that runs `args`: Typer's, its values converted without pydantic."""
    return convert_plainly(typer.main.get_command(build_app(args)))


def _named_group(args: Sequence[str]) -> CommandGroup | None:
    """The group whose name, or whose command of the root, is the first word of `args` after
    the root options; None for none (help, a command mistyped: all are made, as Typer lists
    them)."""
    flags = {option.flag: option for option in root_options.ROOT_OPTIONS}
    position = 0
    while position < len(args) and args[position].startswith("-"):
        flag, equals, _value = args[position].partition("=")
        option = flags.get(flag)
        if option is None:
            return None  # --help, or an option Typer will refuse
        position += 1 if option.is_flag or equals else 2
    if position >= len(args):
        return None
    word = args[position]
    return next((commands for commands in GROUPS if word in commands.names()), None)


def root(ctx: typer.Context, **options: object) -> None:
    """The root options: kept in `ctx.obj` for the command, or, with no command (or with
    --version), acted on as the fast path in cli/main.py acts on them."""
    if options.get("version") or ctx.invoked_subcommand is None:
        start(options)
        raise typer.Exit()
    ctx.obj = options


def with_root_options(function: Callable[..., None]) -> Callable[..., None]:
    """`function(ctx, **options)` with one Typer parameter per root option (cli/options.py), so
    Typer and the fast path read the same table."""

    def callback(ctx: typer.Context, **options: object) -> None:
        function(ctx, **options)

    parameters = [
        inspect.Parameter(
            option.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=False if option.is_flag else None,
            annotation=typer_annotation(option),
        )
        for option in root_options.ROOT_OPTIONS
    ]
    context = inspect.Parameter(
        "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
    )
    callback.__signature__ = inspect.Signature([context, *parameters])
    return callback


@group.command(
    help=lambda: _(
        "Create (or refresh) a database of fictional demo data and open it. A demo changed "
        "since it was written is kept: you are asked first, or need --reset."
    )
)
def demo(
    ctx: typer.Context,
    db: DbOption = None,
    lang: LangOption = None,  # read by cli/main.py before Typer runs; taken here so it may stand
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

    given = ctx.obj or {}
    if given.get("database_url"):
        raise UserError(_("The demo board is never made on a shared server; use --db PATH."))
    location = resolve_demo_location(db or given.get("db"))
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
            message = _("The demo in {path} was kept as it was; open it with: tavla --db {quoted}")
    else:
        run_board(  # closes the store
            store,
            presentation=given.get("presentation") or None,
            municipality=given.get("municipality"),
        )
        message = _("The demo is in {path}; open it again with: tavla --db {quoted}")
    typer.echo(message.format(path=location.path, quoted=_quoted(location.path)))


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
