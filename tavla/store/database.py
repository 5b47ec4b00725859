"""Where the database is, how it is opened, and the two ways in: quick reads and write transactions.

Reads on the board's hot path (the board, settings, the schema version) go
through a plain DB-API connection with constant, portable SQL, so the board
can be painted before SQLAlchemy is imported (about a third of a second on a
small machine). Writes go through SQLModel sessions (`write`), or, where a command or the
board's first save should not wait for the ORM, plain SQL (`transaction`, store.plain): both in
a transaction that on SQLite takes the write lock at once (BEGIN IMMEDIATE) and on PostgreSQL
ends with a NOTIFY, so other instances refresh.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tavla import extras
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import cipher
from tavla.store.orm import load_orm
from tavla.store.plain import Transaction, nul_refused

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from tavla.domain.template import BoardTemplate

CHANGE_CHANNEL = "tavla_changed"
BUSY_TIMEOUT_S = 10


@dataclass(frozen=True)
class Location:
    """A database: a SQLite file (`path`), encrypted with SQLCipher if there is a `key`,
    or a PostgreSQL URL. The key is never shown: not in the URL, the repr or a message."""

    url: str
    path: Path | None = None
    key: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def sqlite(cls, path: str | os.PathLike[str], key: str | None = None) -> Location:
        resolved = Path(path).expanduser().absolute()
        return cls(url=f"sqlite:///{resolved}", path=resolved, key=key)

    @classmethod
    def from_url(cls, url: str) -> Location:
        if url.startswith("sqlite:///"):
            return cls.sqlite(url.removeprefix("sqlite:///"))
        if not url.startswith(("postgresql://", "postgresql+psycopg://")):
            raise UserError(_("The database URL must begin with postgresql:// or sqlite:///."))
        extras.require("postgresql")
        return cls(url=url.replace("postgresql://", "postgresql+psycopg://", 1))

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        """For messages: the file path, or the URL without its password."""
        if self.path is not None:
            return str(self.path)
        head, _sep, tail = self.url.rpartition("@")
        return ("postgresql://…@" + tail) if head else self.url


class Store:
    """An open tavla database, and who is using it (`actor`, for the access log)."""

    def __init__(self, location: Location, actor: str) -> None:
        self.location = location
        self.actor = actor
        self._template: BoardTemplate | None = None
        # The access-log ids of this process's reads: a read changes nothing another screen
        # shows, so the change watcher does not take it for news (store.changes).
        self.own_reads: set[int] = set()

    @property
    def is_sqlite(self) -> bool:
        return self.location.is_sqlite

    @contextmanager
    def reader(self) -> Iterator[Any]:
        """A DB-API connection for reads with constant SQL (no parameters, no SQLAlchemy)."""
        with self.trouble_as_user_error():
            if self.location.path is not None:
                conn = self._sqlite_connection()
                try:
                    yield conn
                finally:
                    conn.close()
            else:
                conn = self.engine.raw_connection()
                try:
                    yield conn
                finally:
                    conn.rollback()
                    conn.close()

    def _sqlite_connection(self) -> Any:
        return cipher.connect(
            self.location.path,
            self.location.key,
            mode="rw",
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,  # tavla says BEGIN itself
        )

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """A write transaction in plain SQL on a DB-API connection (store.plain): committed when
        the block ends, else rolled back. Like `write`, without the ORM."""
        reads: list[int] = []
        with self.trouble_as_user_error():
            conn = self._sqlite_connection() if self.is_sqlite else self.engine.raw_connection()
            try:
                if self.is_sqlite:  # as the engine's connections (store.engine)
                    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
                        conn.execute(f"PRAGMA {pragma}")
                    conn.execute("BEGIN IMMEDIATE")
                transaction = Transaction(conn, is_sqlite=self.is_sqlite)
                try:
                    yield transaction
                    reads = transaction.only_reads()
                    self.own_reads.update(reads)  # before the commit makes them visible
                    if not self.is_sqlite:
                        transaction.execute(f"NOTIFY {CHANGE_CHANNEL}")
                    conn.commit()
                except BaseException:
                    self.own_reads.difference_update(reads)
                    with suppress(Exception):  # the error that came first is the one to tell
                        conn.rollback()
                    raise
            finally:
                conn.close()

    @contextmanager
    def trouble_as_user_error(self) -> Iterator[None]:
        """Turn trouble with the database itself (server down, file busy or not a database) into
        one sentence for the user; anything else stays an error in tavla."""
        try:
            yield
        except Exception as error:
            # SQLAlchemy wraps the driver's error and keeps it as .orig.
            original = getattr(error, "orig", None) or error
            psycopg = sys.modules.get("psycopg")
            sqlite_trouble = isinstance(original, cipher.errors("OperationalError"))
            if sqlite_trouble or type(original) in cipher.errors("DatabaseError"):
                raise _sqlite_user_error(self.location, original) from None
            if (
                psycopg is not None
                and isinstance(original, psycopg.DataError)
                and ("NUL" in str(original))
            ):
                raise UserError(nul_refused()) from None
            if psycopg is not None and isinstance(original, psycopg.OperationalError):
                reason = (str(original).strip().splitlines() or [type(original).__name__])[0]
                raise UserError(
                    _("The database {place} cannot be reached: {reason}").format(
                        place=self.location.describe(), reason=reason
                    )
                ) from None
            raise

    @cached_property
    def engine(self) -> Engine:
        load_orm()
        from tavla.store.engine import create_engine_for

        return create_engine_for(self.location)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one write transaction: committed when the block ends, else rolled back."""
        load_orm()
        import sqlalchemy.event
        from sqlmodel import Session

        reads: list[int] = []
        with self.trouble_as_user_error(), self.engine.connect() as conn:
            conn.execution_options(tavla_write=True)
            try:
                with conn.begin():
                    session = Session(bind=conn, autoflush=True, expire_on_commit=False)
                    sqlalchemy.event.listen(session, "before_flush", _refuse_nul)
                    try:
                        yield session
                        session.flush()
                        reads = _only_reads(session)
                        self.own_reads.update(reads)  # before the commit makes them visible
                        if not self.is_sqlite:
                            conn.exec_driver_sql(f"NOTIFY {CHANGE_CHANNEL}")
                    finally:
                        session.close()
            except BaseException:
                self.own_reads.difference_update(reads)
                raise

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        load_orm()
        from sqlmodel import Session

        with self.trouble_as_user_error(), Session(self.engine) as session:
            yield session

    def use_template(self, template: BoardTemplate) -> BoardTemplate:
        """Cache a template already read (with the other settings), so it is not read twice."""
        self._template = template
        return template

    @property
    def template(self) -> BoardTemplate:
        if self._template is None:
            from tavla.store.settings import load_template

            self._template = load_template(self)
        return self._template

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()


def open_store(location: Location, *, actor: str, create: bool = True) -> Store:
    """Open (and if `create`, make) the database, bringing its schema up to date.

    Raises UserError with one sentence for every way the path can be wrong.
    """
    if location.path is not None:
        _prepare_file(location.path, create=create)
    store = Store(location, actor)
    from tavla.store.migrate import ensure_current

    ensure_current(store)
    return store


def _prepare_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise UserError(_("{path} is a folder, not a database file.").format(path=path))
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise UserError(
                _("tavla may not read and write {path} (permission denied).").format(path=path)
            )
        _private_if_empty(path)
        return
    if not create:
        raise UserError(_("There is no database at {path}.").format(path=path))
    if not path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=path.parent))
    try:
        # Health data: the file is the owner's alone from the first byte.
        # SQLite gives the -wal and -shm files the same permissions.
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise UserError(
            _("Cannot create the database {path}: {reason}.").format(
                path=path, reason=error.strerror
            )
        ) from None
    os.close(fd)


def _only_reads(session: Session) -> list[int]:
    """The log ids of a transaction that only logged reads; [] if it changed anything (every
    change is logged with another action, in the same transaction)."""
    from tavla.store.audit import ENTRIES

    entries = session.info.get(ENTRIES, [])
    if entries and all(entry.action == "read" for entry in entries):
        return [entry.id for entry in entries]
    return []


def _private_if_empty(path: Path) -> None:
    """An empty file given as the database is where tavla is about to write the board: made
    the owner's alone (0600) first, as a file tavla creates is. A file that already holds a
    board keeps the mode its owner gave it (`tavla check` says if it is open to others)."""
    status = path.stat()
    if status.st_size or not status.st_mode & 0o077:
        return
    try:
        os.chmod(path, 0o600)
    except OSError as error:
        raise UserError(
            _("tavla cannot make {path} readable by you alone: {reason}.").format(
                path=path, reason=error.strerror
            )
        ) from None


def _sqlite_user_error(location: Location, error: Exception) -> UserError:
    text, path = str(error), location.path
    if "locked" in text or "busy" in text:
        return UserError(
            _("The database {path} is busy with another writer; try again.").format(path=path)
        )
    if "not a database" in text and path is not None:
        if location.key is not None:
            return UserError(cipher.wrong_key(path))
        if cipher.is_encrypted(path):
            return UserError(cipher.key_needed(path))
    if "not a database" in text or "malformed" in text:
        return UserError(_("{path} is not a tavla database.").format(path=path))
    if "readonly" in text or "unable to open" in text:
        return UserError(_("tavla cannot open {path} for writing.").format(path=path))
    return UserError(
        _("The database {path} cannot be used: {reason}.").format(path=path, reason=text)
    )


def _refuse_nul(session, _flush_context, _instances) -> None:
    """PostgreSQL cannot store the NUL character and SQLite would store it silently: refuse it
    in any text a write is about to store, on both, in one sentence."""
    for instance in (*session.new, *session.dirty):
        for value in vars(instance).values():
            if isinstance(value, str) and "\x00" in value:
                raise UserError(nul_refused())
