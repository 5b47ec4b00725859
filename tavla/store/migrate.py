"""Bring a database's schema up to date on open, importing Alembic only when there is work to do."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tavla.errors import UserError
from tavla.i18n import _

if TYPE_CHECKING:
    from tavla.store.database import Store

# The newest revision in migrations/versions; a test checks it against Alembic.
HEAD = "0014"
MIGRATIONS = Path(__file__).parent / "migrations"
_LOCK_KEY = 0x7461766C61  # "tavla": serialises concurrent first opens on PostgreSQL


def _tables(store: Store, cursor) -> set[str]:
    if store.is_sqlite:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    return {row[0] for row in cursor.fetchall()}


def current_revision(store: Store) -> str | None:
    """The schema's revision, None for an empty database; UserError for someone else's database."""
    with store.reader() as conn:
        cursor = conn.cursor()
        tables = _tables(store, cursor)
        if "alembic_version" not in tables:
            if tables:
                raise UserError(
                    _("{place} holds another program's data, not a tavla database.").format(
                        place=store.location.describe()
                    )
                )
            return None
        cursor.execute("SELECT version_num FROM alembic_version")
        row = cursor.fetchone()
        return row[0] if row else None


def ensure_current(store: Store) -> None:
    revision = current_revision(store)
    if revision == HEAD:
        return
    if revision is not None and not (MIGRATIONS / "versions" / f"{revision}.py").exists():
        raise UserError(
            _("{place} was made by a newer tavla; update tavla to open it.").format(
                place=store.location.describe()
            )
        )
    upgrade(store)


def upgrade(store: Store) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.trouble_as_user_error(), store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        if store.is_sqlite:
            # SQLite rebuilds a table to alter it; with foreign keys on, dropping the old
            # table would cascade. They are checked by hand before commit instead
            # (the procedure SQLite documents), and switched back on afterwards.
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            conn.execution_options(tavla_write=True)
            with conn.begin():
                if not store.is_sqlite:
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                from tavla.store.settings import write_defaults

                write_defaults(conn)
                if store.is_sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("a migration left rows pointing at nothing; rolled back")
        finally:
            if store.is_sqlite:
                raw.execute("PRAGMA foreign_keys=ON")
