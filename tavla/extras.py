"""tavla's optional parts, each an extra of the package, and the one sentence that says what to
install when one is used without it: the shared mode on PostgreSQL (`tavla[postgresql]`),
`tavla serve` (`tavla[serve]`) and encryption at rest (`tavla[encryption]`)."""

from __future__ import annotations

from collections.abc import Callable

from tavla.errors import UserError
from tavla.i18n import _

# extra → (what it brings, for the sentence; the modules it installs)
EXTRAS: dict[str, tuple[Callable[[], str], tuple[str, ...]]] = {
    "postgresql": (
        lambda: _("The shared mode (a postgresql:// database) needs the PostgreSQL driver"),
        ("psycopg",),
    ),
    "serve": (
        lambda: _("'tavla serve' needs textual-serve"),
        ("textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2"),
    ),
    "encryption": (lambda: _("An encrypted board needs SQLCipher"), ("sqlcipher3",)),
}


def installed(module: str) -> bool:
    import importlib.util  # here: opening a board asks nothing of it

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent package missing, or a module set to None
        return False


def require(extra: str) -> None:
    """UserError, in one sentence saying what to install, unless the extra is installed."""
    needs, modules = EXTRAS[extra]
    if not all(installed(module) for module in modules):
        raise UserError(
            _("{needs}: install it with pip install 'tavla[{extra}]'.").format(
                needs=needs(), extra=extra
            )
        )
