"""The `tavla` command: chooses the language, then runs the Typer commands (cli/commands.py),
or, when only root options are given (cli/options.py), prints the version or opens the board
without loading Typer.

Commands that do not open the interface never import Textual. The language is
chosen before the command modules are imported, so their help is in the user's language.
A user's mistake ends in one sentence on stderr and a non-zero exit status.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from tavla import __version__
from tavla.cli import options as root_options
from tavla.domain.display import visible
from tavla.errors import UserError
from tavla.i18n import _, resolve_language, set_language

if TYPE_CHECKING:
    import typer

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


def _global_options(args: list[str]) -> dict[str, str] | None:
    """The root options (cli/options.py), if `args` hold nothing else (as in `tavla --db PATH
    --presentation`), by name, a flag given as "yes"; else None, and Typer reads `args`."""
    flags = {option.flag: option for option in root_options.ROOT_OPTIONS}
    found: dict[str, str] = {}
    position = 0
    while position < len(args):
        flag, equals, value = args[position].partition("=")
        option = flags.get(flag)
        if option is None or (option.is_flag and equals):
            return None  # a command, an unknown option, or `--presentation=yes` (Typer refuses it)
        if not option.is_flag and not equals:
            position += 1
            if position == len(args):
                return None
            value = args[position]
        found[option.name] = "yes" if option.is_flag else value
        position += 1
    return found


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        set_language(resolve_language(_peek(args, "--lang")))
    except ValueError as error:
        _fail(f"Unknown language {error.args[0]!r}; use sv or en.", EXIT_USAGE)
    try:
        if (options := _global_options(args)) is not None:
            # Typer coerces every option through pydantic, about 0.2 s on a small machine;
            # the everyday `tavla [--db PATH]` and `tavla --version` are served here instead,
            # by the function the Typer callback calls.
            start(options)
            sys.exit(0)
        result = _run_commands(args)
    except UserError as error:
        _fail(str(error), EXIT_USER_ERROR)
    sys.exit(result if isinstance(result, int) else 0)


def start(options: Mapping[str, object]) -> None:
    """What the root options do with no command: print the version, or open the board."""
    if options.get("version"):
        print_version()
        return
    database = open_database(options.get("db"), create=True, url=options.get("database_url"))
    run_board(
        database,
        presentation=True if options.get("presentation") else None,
        municipality=options.get("municipality"),
    )


def _run_commands(args: list[str]) -> object:
    import typer

    from tavla.cli.click_words import install
    from tavla.cli.commands import click_command

    install()
    try:
        command = click_command(args)
        return command.main(args=args, prog_name="tavla", standalone_mode=False)
    except typer.TyperException as error:  # Typer's own click: bad usage, bad parameters
        _fail(_usage_message(error), error.exit_code)
    except typer.Abort:
        _fail(_("Aborted."), EXIT_USER_ERROR)
    return None


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
    elif kind == "BadOptionUsage" and getattr(error, "option_name", None):
        text = _("The option {option} needs a value.").format(option=error.option_name)
    elif kind == "UsageError" and error.message.startswith("Got unexpected extra argument"):
        extra = error.message.rpartition(" (")[2].rstrip(")")
        text = _("Unexpected words: {words}.").format(words=extra)
    else:
        text = error.format_message()
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "tavla"
    return text + " " + _("See '{command} --help'.").format(command=command)


def open_database(db: str | None, *, create: bool, url: str | None = None):
    from tavla.config import actor, resolve_location
    from tavla.store import open_store

    return open_store(resolve_location(db, url), actor=actor(), create=create)


def print_version() -> None:
    print(f"tavla {__version__}")


def run_board(
    store,
    today: date | None = None,
    *,
    presentation: bool | None = None,
    municipality: str | None = None,
) -> None:
    """Open the board: in presentation mode if `presentation`, else as the board was left;
    with `municipality` (a name its participants have), for that municipality's people only."""
    from tavla.app import TavlaApp

    try:
        if municipality is not None:
            from tavla.store.municipalities import resolve_municipality

            municipality = resolve_municipality(store, municipality)
        app = TavlaApp(store, today=today, presentation=presentation, municipality=municipality)
        app.run()
    finally:
        store.close()
    if app.return_code:  # an error in tavla itself: told in one sentence (see tavla.crash)
        sys.exit(app.return_code)
