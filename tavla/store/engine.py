"""SQLAlchemy engines with the pragmas and transaction handling tavla relies on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event

from tavla.store import cipher
from tavla.store.database import BUSY_TIMEOUT_S

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from tavla.store.database import Location


def create_engine_for(location: Location) -> Engine:
    if not location.is_sqlite:
        return create_engine(location.url, pool_pre_ping=True)

    engine = create_engine(
        location.url,
        connect_args={"timeout": BUSY_TIMEOUT_S},
        module=cipher.dbapi(location.key),
    )

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect, _record, _cargs, cparams):
        # Through cipher.connect, which keys an encrypted file: the key is never in the URL.
        return cipher.connect(location.path, location.key, **cparams)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:
        # tavla issues BEGIN itself (below), so pysqlite must not.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA synchronous=FULL")  # a committed rating survives a power cut
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        # Writers take the lock at BEGIN, so two writers queue instead of one failing
        # with "database is locked" when its read lock cannot be upgraded.
        immediate = conn.get_execution_options().get("tavla_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
