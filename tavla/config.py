"""Where the database lives and who is working: flags, environment, platform defaults."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store.database import Location

APP_NAME = "tavla"


def data_dir() -> Path:
    """The platform's user data folder for tavla, made private (0700) if it is new."""
    from platformdirs import user_data_path

    path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def resolve_location(db: str | None, url: str | None = None) -> Location:
    """`--db PATH`, else `--database-url`, else TAVLA_DATABASE_URL (shared mode), else TAVLA_DB,
    else the default file."""
    if db and url:
        raise UserError(_("Give either --db or --database-url, not both."))
    if db:
        return Location.sqlite(db)
    if url := url or os.environ.get("TAVLA_DATABASE_URL"):
        return Location.from_url(url)
    if path := os.environ.get("TAVLA_DB"):
        return Location.sqlite(path)
    return Location.sqlite(data_dir() / "tavla.db")


def resolve_demo_location(db: str | None) -> Location:
    """Demo data never goes to the shared server and, by default, not into the real board's file."""
    if db:
        return Location.sqlite(db)
    if path := os.environ.get("TAVLA_DB"):
        return Location.sqlite(path)
    return Location.sqlite(data_dir() / "demo.db")


def actor() -> str:
    """Who is recorded as author and in the access log: TAVLA_USER, else the OS user."""
    return os.environ.get("TAVLA_USER") or getpass.getuser()
