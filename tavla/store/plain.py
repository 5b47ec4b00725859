"""Plain SQL in a write transaction on a DB-API connection: no SQLAlchemy, SQLModel or pydantic.

What a script runs often (`tavla rate`, `tavla participant list`) and what the board writes
soon after it opens (the access-log entry of a read, the first rating) go this way
(`Store.transaction`), so they need neither the half second nor the 30 MB that loading the ORM
takes. Everything else writes through SQLModel sessions (`Store.write`); the two are the same
kind of transaction: the write lock taken at BEGIN on SQLite, a NOTIFY at the end on
PostgreSQL, the access-log entry in the same transaction as the change (`audit.log`).

SQL is written with `?` placeholders (sqlite3's; psycopg's `%s` on PostgreSQL) and holds no
`%` or `?` of its own. Values are stored as SQLAlchemy stores them, so rows written either
way read alike: on SQLite a date as ISO text, a time as "YYYY-MM-DD HH:MM:SS.ffffff".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tavla.errors import UserError
from tavla.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session


class Transaction:
    """One transaction on a DB-API connection: plain SQL in, plain tuples out."""

    def __init__(self, conn: Any, *, is_sqlite: bool) -> None:
        self.is_sqlite = is_sqlite
        self._cursor = conn.cursor()
        self.logged: list[tuple[int, str]] = []  # the access-log entries written: (id, action)

    @property
    def for_update(self) -> str:
        """What locks the rows a SELECT reads (PostgreSQL; SQLite holds the write lock already)."""
        return "" if self.is_sqlite else " FOR UPDATE"

    def execute(self, sql: str, params: Sequence[object] = ()) -> Any:
        if not self.is_sqlite:
            sql = sql.replace("?", "%s")
        self._cursor.execute(sql, [self._stored(value) for value in params])
        return self._cursor

    def all(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        return self.execute(sql, params).fetchall()

    def first(self, sql: str, params: Sequence[object] = ()) -> tuple | None:
        return self.execute(sql, params).fetchone()

    def insert(self, sql: str, params: Sequence[object] = ()) -> int:
        """Run an INSERT of one row into a table with an `id`; the new row's id."""
        if self.is_sqlite:
            return self.execute(sql, params).lastrowid
        return self.execute(sql + " RETURNING id", params).fetchone()[0]

    def date(self, value: date | str | None) -> date | None:
        """A date as read (sqlite3 hands back ISO text, psycopg a date)."""
        return date.fromisoformat(value) if isinstance(value, str) else value

    def time(self, value: datetime | str | None) -> datetime | None:
        """A time as read: on SQLite the UTC time it was given, without its zone."""
        return datetime.fromisoformat(value) if isinstance(value, str) else value

    def only_reads(self) -> list[int]:
        """The log ids of a transaction that only logged reads; [] if it changed anything
        (every change is logged with another action, in the same transaction)."""
        if self.logged and all(action == "read" for _id, action in self.logged):
            return [entry_id for entry_id, _action in self.logged]
        return []

    def _stored(self, value: object) -> object:
        if isinstance(value, str):
            if "\x00" in value:
                raise UserError(nul_refused())
            return value
        if not self.is_sqlite or not isinstance(value, date):
            return value
        if isinstance(value, datetime):  # as SQLAlchemy writes it on SQLite: the zone left out
            return value.strftime("%Y-%m-%d %H:%M:%S.%f")
        return value.isoformat()


def within(session: Session) -> Transaction:
    """Plain SQL inside an ORM session's transaction (what it holds is written first)."""
    session.flush()
    connection = session.connection()
    return Transaction(
        connection.connection.driver_connection, is_sqlite=connection.dialect.name == "sqlite"
    )


def nul_refused() -> str:
    return _("Text may not hold the NUL character (\\0); remove it and try again.")
