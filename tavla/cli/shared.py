"""What the Typer commands share: how a module lists its commands (CommandGroup), the --db
and --lang options, opening the store, safe output."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date
from typing import Annotated, TypeVar

import typer

from tavla.cli.main import open_database
from tavla.cli.options import RootOption, root_option
from tavla.i18n import _

Function = TypeVar("Function", bound=Callable)
Text = Callable[[], str]  # a help text, translated when called


@dataclass
class CommandGroup:
    """A module's commands: a group (`tavla meeting …`), or, without a name, commands of the
    root (`tavla log`). The functions stay plain module-level functions; `typer_app` makes a
    Typer app of them each time `tavla` runs, so every help text is in the language chosen by
    then (help given as `lambda: _("…")`)."""

    name: str | None = None
    help: Text | None = None
    commands: list[tuple[str | None, Callable, Text]] = field(default_factory=list)

    def command(self, name: str | None = None, *, help: Text) -> Callable[[Function], Function]:
        """Register the decorated function as a command (named after it, unless `name`)."""

        def register(function: Function) -> Function:
            self.commands.append((name, function, help))
            return function

        return register

    def names(self) -> set[str]:
        """The words that choose this group on the command line: its name, or its commands'."""
        if self.name is not None:
            return {self.name}
        return {
            name or function.__name__.replace("_", "-") for name, function, _help in self.commands
        }

    def typer_app(self) -> typer.Typer:
        app = typer.Typer(
            name=self.name, help=self.help() if self.help else None, rich_markup_mode=None
        )
        for name, function, help in self.commands:
            app.command(name, help=help())(function)
        return app


def typer_annotation(option: RootOption) -> object:
    """The parameter type that makes a row of the root options a Typer option."""
    info = typer.Option(
        option.flag, metavar=option.metavar, is_eager=option.eager, help=option.help()
    )
    return Annotated[bool, info] if option.is_flag else Annotated[str | None, info]


# Commands take these too, after the command: `tavla participant list --db PATH`.
DbOption = typer_annotation(root_option("db"))
LangOption = typer_annotation(root_option("lang"))
MunicipalityOption = typer_annotation(root_option("municipality"))
ParticipantOption = Annotated[
    str | None, typer.Option("--participant", metavar="CODE", help=_("The participant's code."))
]
CodeArgument = Annotated[str, typer.Argument(metavar="CODE")]
DateOption = Annotated[str | None, typer.Option("--date", metavar=_("YYYY-MM-DD"))]
JsonOption = Annotated[bool, typer.Option("--json", help=_("Print JSON."))]


@contextmanager
def database(ctx: typer.Context, db: str | None, *, create: bool = False) -> Iterator:
    """The store named by this command's --db, or the one given before the command."""
    db, url = chosen_database(ctx, db)
    store = open_database(db, create=create, url=url)
    try:
        yield store
    finally:
        store.close()


def chosen_database(ctx: typer.Context, db: str | None) -> tuple[str | None, str | None]:
    """The --db of this command, else the --db or --database-url given before the command."""
    given = ctx.obj or {}
    if db:
        return db, None
    return given.get("db"), given.get("database_url")


def chosen_municipality(ctx: typer.Context, store, municipality: str | None) -> str | None:
    """This command's --municipality, else the one given before the command, as the board's
    participants spell it (UserError naming those there are); None: the whole board."""
    from tavla.store.municipalities import resolve_municipality

    name = municipality or (ctx.obj or {}).get("municipality")
    return resolve_municipality(store, name) if name else None


def today() -> date:
    return date.today()


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def safe_json(payload: object) -> str:
    """JSON (dates as ISO text), with every control character escaped, C1 included."""
    text = json.dumps(_plain(payload), ensure_ascii=False, indent=2)
    return text.translate({c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x2028, 0x2029)})
