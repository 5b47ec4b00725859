"""The root options of `tavla`, those given before any command, in one table.

The fast path in cli/main.py reads them without Typer (for `tavla --version` and the everyday
`tavla [--db PATH] [--presentation]`); cli/commands.py makes them the Typer callback's
parameters, and cli/shared.py the `--db` (and the like) that commands take too. A new root
option is one row of ROOT_OPTIONS; its value reaches the commands as `ctx.obj[name]` and the
fast path as `options[name]`.
"""

from __future__ import annotations

from collections.abc import Callable

from tavla.i18n import _


class RootOption:
    # A plain class: on the fast path a dataclass would load `inspect` (about 5 ms) and a
    # NamedTuple take 0.3 ms to define.
    __slots__ = ("eager", "flag", "help", "metavar")

    def __init__(
        self, flag: str, metavar: str | None, help: Callable[[], str], *, eager: bool = False
    ) -> None:
        self.flag = flag  # as typed: "--database-url"
        self.metavar = metavar  # what its value looks like; None for a flag, which takes none
        self.help = help  # called when help is shown, so it is in the language chosen by then
        self.eager = eager  # Typer reads it before the others (--version)

    @property
    def name(self) -> str:
        """The name its value goes by: "--database-url" is "database_url"."""
        return self.flag.removeprefix("--").replace("-", "_")

    @property
    def is_flag(self) -> bool:
        return self.metavar is None


ROOT_OPTIONS: tuple[RootOption, ...] = (
    RootOption(
        "--db", "PATH", lambda: _("The database file (else TAVLA_DB, else the user data folder).")
    ),
    RootOption(
        "--database-url",
        "URL",
        lambda: _(
            "A shared PostgreSQL database, postgresql://USER@HOST/NAME (else TAVLA_DATABASE_URL)."
        ),
    ),
    RootOption("--lang", "sv|en", lambda: _("Interface language (else TAVLA_LANG).")),
    RootOption("--version", None, lambda: _("Show the version and exit."), eager=True),
    RootOption(
        "--presentation",
        None,
        lambda: _("Open the board in presentation mode: names, identity numbers and notes hidden."),
    ),
    RootOption(
        "--municipality",
        "NAME",
        lambda: _(
            "Only the participants of this municipality (a name they were enrolled with), "
            "and its weekly meeting."
        ),
    ),
)


def root_option(name: str) -> RootOption:
    """The row of ROOT_OPTIONS whose value goes by `name`."""
    return next(option for option in ROOT_OPTIONS if option.name == name)
