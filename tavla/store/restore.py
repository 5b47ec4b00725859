"""Restoring a SQLite board from a backup, and what it carries over (the access log, the
board's identity). No Textual here.

A backup is checked to be a whole tavla database before it replaces the board; the current
board is set aside, never deleted. `restore` refuses a backup of another board unless told
it is meant.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import cipher
from tavla.store.backup import STAMP, board_mark
from tavla.store.database import BUSY_TIMEOUT_S, Location
from tavla.store.migrate import MIGRATIONS
from tavla.store.sqlite_files import PRIVATE_FILE, connect, fsync, private_file, unwritable

# Tables every tavla database has had since the first migration.
TAVLA_TABLES = frozenset({"alembic_version", "participant", "rating", "setting", "access_log"})


def restore(
    store_location: Location,
    source: Path,
    *,
    now: datetime,
    actor: str,
    other_board: bool = False,
    confirm: Callable[[], object] | None = None,
) -> Path | None:
    """Put the backup `source` in place of the database, after checking it is a good tavla
    database; the current database is set aside, and its new path returned (None if there
    was none). A bad backup is refused and the current database left as it was.

    A backup of another board (another identity; or the demo for a real board, and the
    reverse) is refused unless `other_board`; the restored board is the backup's board. A
    backup made before boards had an identity takes the current board's. `confirm` is called
    once the backup has passed every check and before anything is replaced (to ask the user;
    it raises to stop).

    The access log does not go back in time with the data: the current log's entries made
    after the backup's newest are carried into the restored board, and the restore itself
    (by `actor`) is logged there.

    With a key (`store_location.key`) the restored board is encrypted with it: an encrypted
    backup is opened with the key, a plain one (made before `encrypt`) is encrypted on the way.
    """
    path, key = store_location.path, store_location.key
    if path is None:
        raise UserError(
            _("A shared PostgreSQL board is restored on the server (pg_restore), not by tavla.")
        )
    source = Path(source).expanduser().absolute()
    if not source.is_file():
        raise UserError(_("There is no backup file at {path}.").format(path=source))
    if not path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=path.parent))
    encrypted_source = cipher.is_encrypted(source)
    if encrypted_source and key is None:
        raise UserError(cipher.key_needed(source))
    source_key = key if encrypted_source else None
    temporary = private_file(path.parent / f".{path.name}.restoring", fresh=True)
    try:
        # The copy is what gets checked and then installed, so nothing changes in between.
        _copy(source, temporary, key, source_key)
        _check_backup(temporary, source, key)
        _check_same_board(temporary, source, store_location, other_board=other_board)
        if confirm is not None:
            confirm()
        _keep_log(temporary, path if path.exists() else None, key, actor, source)
        fsync(temporary)
        aside = _set_aside(path, now, key) if path.exists() else None
        os.replace(temporary, path)
    except OSError as error:
        raise unwritable(path.parent, error) from None
    finally:
        temporary.unlink(missing_ok=True)
    return aside


def _copy(source: Path, target: Path, key: str | None, source_key: str | None) -> None:
    """Copy the backup `source` (read with `source_key`) into the empty file `target`, as one
    file; encrypted on the way when the board has a `key` and the backup is plain."""
    try:
        if key is not None and source_key is None:
            # The backup API does not copy between plain and encrypted files.
            cipher.export_encrypted(source, target, key, timeout=BUSY_TIMEOUT_S)
        else:
            with (
                connect(source, key=source_key, readonly=True) as backup,
                connect(target, key=source_key) as copy,
            ):
                backup.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
    except cipher.errors():
        raise _not_a_backup(source) from None


def _check_backup(copy: Path, source: Path, key: str | None) -> None:
    try:
        with connect(copy, key=key) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if problems != ["ok"] or not TAVLA_TABLES.issubset(tables):
                raise _not_a_backup(source)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except cipher.errors():
        raise _not_a_backup(source) from None
    revision = row[0] if row else None
    if revision is None or not (MIGRATIONS / "versions" / f"{revision}.py").is_file():
        raise UserError(
            _("{path} was made by a newer tavla; update tavla to restore it.").format(path=source)
        )


def _check_same_board(copy: Path, source: Path, location: Location, *, other_board: bool) -> None:
    """Refuse a backup of another board (unless `other_board`); give a backup made before
    boards had an identity the current board's, so the restored board stays this board."""
    from tavla.store.settings import BOARD_ID

    path, key = location.path, location.key
    if path is None or not path.exists():
        return  # nothing to compare with, nothing to replace
    backup, board = board_mark(copy, key), board_mark(path, key)
    if backup.is_other_than(board) and not other_board:
        raise UserError(
            _(
                "{source} is a backup of a board other than {place}; nothing was restored "
                "(add --other-board to restore it all the same)."
            ).format(source=source, place=path)
        )
    if backup.identity is None and board.identity is not None and not other_board:
        with connect(copy, key=key) as conn:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?)", (BOARD_ID, board.identity)
            )


def _keep_log(copy: Path, current: Path | None, key: str | None, actor: str, source: Path) -> None:
    """Append to the restored `copy` the entries of the `current` board's access log that are
    newer than the copy's newest, so that a restore never shortens the log the law keeps for
    five years, and log the restore itself (by `actor`). People are found again by their
    pseudonym code; one the backup does not know (enrolled after it) is named by code in the
    entry's detail. A current board that cannot be read (damaged) gives nothing to carry: it
    is set aside whole."""
    from tavla.store.audit import utcnow

    with connect(copy, key=key) as restored:
        newest = restored.execute("SELECT max(at) FROM access_log").fetchone()[0]
        rows = _log_since(current, key, newest) if current is not None else []
        ids = dict(restored.execute("SELECT code, id FROM participant").fetchall())
        entries = [
            (
                at,
                who,
                action,
                ids.get(code),
                f"{detail} [{code}]" if code and code not in ids else detail,
            )
            for at, who, action, code, detail in rows
        ]
        now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy writes it
        entries.append(
            (now, actor, "restore", None, f"{source.name}; {len(rows)} log entries carried over")
        )
        restored.executemany(
            "INSERT INTO access_log (at, actor, action, participant_id, detail)"
            " VALUES (?, ?, ?, ?, ?)",
            entries,
        )


def _log_since(board: Path, key: str | None, newest: str | None) -> list[tuple]:
    """The access-log entries of `board` after `newest` (all if None), with participant codes;
    none if the board cannot be read."""
    try:
        board_key = key if cipher.is_encrypted(board) else None
        with connect(board, key=board_key, readonly=True) as conn:
            return conn.execute(
                "SELECT l.at, l.actor, l.action, p.code, l.detail FROM access_log l"
                " LEFT JOIN participant p ON p.id = l.participant_id"
                " WHERE ? IS NULL OR l.at > ? ORDER BY l.id",
                (newest, newest),
            ).fetchall()
    except cipher.errors():
        return []


def _set_aside(path: Path, now: datetime, key: str | None) -> Path:
    """Move the database out of the way as one file (its WAL written into it first).

    An encrypted board is opened with `key`: a key that does not open it (mistyped) is one
    sentence here, so it never becomes the key of the restored board."""
    try:
        with connect(path, key=key if cipher.is_encrypted(path) else None, timeout=1) as conn:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except cipher.errors("OperationalError"):
        mode = "busy"
    except cipher.errors("DatabaseError"):
        mode = "delete"  # a damaged database (the reason to restore) is set aside as it is
    if str(mode).lower() != "delete":
        raise UserError(_("The board is open in tavla; close it before restoring."))
    base = f"{path.name}.before-restore-{now.strftime(STAMP)}"
    aside = path.with_name(base)
    counter = 2
    while aside.exists():
        aside = path.with_name(f"{base}-{counter}")
        counter += 1
    os.replace(path, aside)
    os.chmod(aside, PRIVATE_FILE)
    wal = Path(f"{path}-wal")
    if wal.exists():  # never replayed into the restored database
        os.replace(wal, Path(f"{aside}-wal"))
    Path(f"{path}-shm").unlink(missing_ok=True)
    return aside


def _not_a_backup(source: Path) -> UserError:
    return UserError(
        _("{path} is not a whole tavla backup; nothing was restored.").format(path=source)
    )
