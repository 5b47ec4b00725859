"""Typer's and Click's own words (the help's headings, the help option, "Usage:") in the user's
language: the one place they are translated.

Typer takes its words from the standard `gettext` (the process-wide domain, not tavla's), and
the Click it carries writes "Usage: " and "Show this message and exit." as plain English. So
`install()` hands Typer tavla's `_` and puts our words into Click's formatter and help option.
Their ids are listed in `WORDS` so that tools/translations.py keeps them in tavla.po.
"""

from __future__ import annotations

from tavla.i18n import _


def words() -> tuple[str, ...]:
    """Every word of Typer's and Click's that the command line shows, so they are extracted."""
    return (
        _("Usage: "),
        _("Show this message and exit."),
        _("Arguments"),
        _("Options"),
        _("Commands"),
        _("default: {default}"),
        _("required"),
        _("env var: {var}"),
        _("(dynamic)"),
        _("Aborted!"),
        _("Missing command."),
        _("No such command {name!r}."),
        _("[OPTIONS]"),
        _("COMMAND [ARGS]..."),
    )


def install() -> None:
    """Put tavla's words into Typer and Click (call once the language is chosen)."""
    import typer.core
    from typer._click import core as click_core
    from typer._click.formatting import HelpFormatter

    typer.core._ = _  # type: ignore[attr-defined]  # Typer's headings and "required", "default"

    class Formatter(HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            args = args.replace("[OPTIONS]", _("[OPTIONS]"))
            args = args.replace("COMMAND [ARGS]...", _("COMMAND [ARGS]..."))
            super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

    click_core.Context.formatter_class = Formatter
    help_option = click_core.Command.get_help_option
    if getattr(help_option, "tavla", False):
        return

    def get_help_option(self: click_core.Command, ctx: click_core.Context):
        option = help_option(self, ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    get_help_option.tavla = True  # type: ignore[attr-defined]
    click_core.Command.get_help_option = get_help_option  # type: ignore[method-assign]
