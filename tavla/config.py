"""Where the database lives, its key, and who is working: flags, environment, platform defaults."""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import replace
from pathlib import Path

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import cipher
from tavla.store.database import Location

APP_NAME = "tavla"


def data_dir() -> Path:
    """The platform's user data folder for tavla, made private (0700) if it is new."""
    from platformdirs import user_data_path

    path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def resolve_location(db: str | None, url: str | None = None, *, keyed: bool = True) -> Location:
    """`--db PATH`, else `--database-url`, else TAVLA_DATABASE_URL (shared mode), else TAVLA_DB,
    else the default file; with its key (see `database_key`) unless not `keyed`."""
    if db and url:
        raise UserError(_("Give either --db or --database-url, not both."))
    if db:
        location = Location.sqlite(db)
    elif url := url or os.environ.get("TAVLA_DATABASE_URL"):
        location = Location.from_url(url)
    elif path := os.environ.get("TAVLA_DB"):
        location = Location.sqlite(path)
    else:
        location = Location.sqlite(data_dir() / "tavla.db")
    return _with_key(location) if keyed else location


def resolve_demo_location(db: str | None) -> Location:
    """Demo data never goes to the shared server and, by default, not into the real board's file."""
    if db:
        return _with_key(Location.sqlite(db))
    if path := os.environ.get("TAVLA_DB"):
        return _with_key(Location.sqlite(path))
    return _with_key(Location.sqlite(data_dir() / "demo.db"))


def database_key(path: Path) -> str | None:
    """The key of the SQLite file `path`: TAVLA_KEY (a new file is then created encrypted),
    else, for an encrypted file, asked at the terminal; None for a plain board."""
    if key := os.environ.get("TAVLA_KEY"):
        return key
    if not cipher.is_encrypted(path):
        return None
    if not at_terminal():
        raise UserError(cipher.key_needed(path))
    return _ask(_("Key for {path}: ").format(path=path))


def new_key(path: Path) -> str:
    """The key to encrypt `path` with: TAVLA_KEY, else asked twice at the terminal."""
    if key := os.environ.get("TAVLA_KEY"):
        return key
    if not at_terminal():
        raise UserError(_("Give the key in TAVLA_KEY; there is no terminal to ask for it at."))
    key = _ask(_("Key for {path}: ").format(path=path))
    if _ask(_("The same key again: ")) != key:
        raise UserError(_("The two keys differ; nothing was encrypted."))
    return key


def _with_key(location: Location) -> Location:
    if location.path is None:  # a server's data is encrypted (or not) by the server
        return location
    return replace(location, key=database_key(location.path))


def at_terminal() -> bool:
    """Whether there is someone at a terminal to ask (standard input is one)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(prompt: str) -> str:
    """A key typed at the terminal, not echoed; empty is refused."""
    try:
        key = getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise UserError(_("Aborted.")) from None
    if not key:
        raise UserError(cipher.empty_key())
    return key


def actor() -> str:
    """Who is recorded as author and in the access log: TAVLA_USER, else the OS user."""
    return os.environ.get("TAVLA_USER") or getpass.getuser()
