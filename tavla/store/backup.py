"""Backups of a SQLite board: made (also daily), named, listed, pruned; which board a file holds.

A backup is one self-contained SQLite file made with SQLite's online backup API,
so it is consistent while others write. Backups hold health data: the folder is
0700 and every file 0600 from its first byte; a file appears under its final
name only when it is complete (a temporary name, then a rename). A backup of an
encrypted board is encrypted with the same key (see `encrypt.py`).

Backups are per board. A backup's name begins with its board's name (the database file's
stem: `tavla-…`, `demo-…`), and inside it carries the board's identity (a random id the
board got when it was made, kept by a restore). The daily backup counts, and pruning
deletes, only backups of the same name *and* identity; one whose identity cannot be read
(made before boards had one, or by another key) is never pruned. `restore` refuses a
backup of another board unless told it is meant.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import cipher
from tavla.store.database import Location, Store
from tavla.store.sqlite_files import connect, fsync, make_private_folder, private_file, unwritable

BACKUP_FOLDER = "backups"
KEEP_DAYS = 14
KEEP_MONTHS = 12
# BOARD-2026-11-23T0915.db (made on request), BOARD-2026-11-23T0915-auto.db (made on
# opening), BOARD being the database file's stem; -2, -3 … when two are made in the same
# minute. Only these names are ever pruned.
_NAME = re.compile(
    r"^(?P<board>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}T\d{4})(?:-(?P<n>\d+))?(?P<auto>-auto)?\.db$"
)
STAMP = "%Y-%m-%dT%H%M"


@dataclass(frozen=True)
class _Backup:
    path: Path
    board: str  # the name of the board it was made of (the database file's stem)
    made: datetime
    auto: bool


@dataclass(frozen=True)
class BoardMark:
    """Which board a database file holds: its identity (None if it has none or cannot be
    read) and whether it is the demo (None if that cannot be read)."""

    identity: str | None
    demo: bool | None

    def is_other_than(self, board: BoardMark) -> bool:
        """Whether this is surely another board: by identity when both have one, else by
        one being the demo and the other not. Not knowing is not "other"."""
        if self.identity and board.identity:
            return self.identity != board.identity
        return None not in (self.demo, board.demo) and self.demo != board.demo


def board_name(location: Location) -> str:
    """The name a board's backups begin with: its database file's stem (`tavla`, `demo`)."""
    if location.path is None:
        raise _server_side_error()
    return location.path.stem


def board_mark(path: Path, key: str | None) -> BoardMark:
    """The identity and demo mark of the SQLite file `path` (a board or a backup), read with
    `key` if the file is encrypted; unknown for a file that cannot be read."""
    from tavla.store.settings import BOARD_ID, DEMO

    try:
        with connect(path, key=key if cipher.is_encrypted(path) else None, readonly=True) as conn:
            found = dict(
                conn.execute(
                    "SELECT key, value FROM setting WHERE key IN (?, ?)", (BOARD_ID, DEMO)
                ).fetchall()
            )
    except (*cipher.errors(), UserError):
        return BoardMark(None, None)
    return BoardMark(found.get(BOARD_ID) or None, found.get(DEMO) == "1")


def backup_folder(location: Location) -> Path:
    """Where backups go unless told otherwise: a `backups` folder beside the database file."""
    if location.path is None:
        raise _server_side_error()
    return location.path.parent / BACKUP_FOLDER


def make_backup(
    store: Store, folder: Path | None = None, *, now: datetime, auto: bool = False
) -> Path:
    """Copy the database, consistently while others write, into `folder`; returns the new file."""
    path = store.location.path
    if path is None:
        raise _server_side_error()
    target = Path(folder).expanduser().absolute() if folder else backup_folder(store.location)
    make_private_folder(target)
    final = _free_name(target, board_name(store.location), now, auto=auto)
    temporary = private_file(target / f".{final.name}.tmp")
    key = store.location.key
    try:
        # The copy is keyed like the board, so a backup of an encrypted board is encrypted.
        with connect(path, key=key) as source, connect(temporary, key=key) as copy:
            # One step (pages=-1): SQLite reads a single snapshot, writers go on meanwhile.
            source.backup(copy)
            # A backup is one file: no -wal beside it to be lost when it is moved.
            copy.execute("PRAGMA journal_mode=DELETE")
        fsync(temporary)
        os.replace(temporary, final)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise unwritable(target, error) from None
    except UserError:
        temporary.unlink(missing_ok=True)
        raise
    except cipher.errors() as error:
        temporary.unlink(missing_ok=True)
        raise UserError(
            _("The database {path} could not be backed up: {reason}.").format(
                path=path, reason=error
            )
        ) from None
    return final


def daily_backup(store: Store, *, now: datetime) -> Path | None:
    """At most one automatic backup a day of this board, then prune this board's; the new
    file, or None if there was one. Another board's backups (the demo's beside it) neither
    count nor are pruned."""
    if not store.is_sqlite:
        return None
    from tavla.store.settings import BOARD_ID, read_all

    folder, key = backup_folder(store.location), store.location.key
    board, identity = board_name(store.location), read_all(store).get(BOARD_ID)
    todays = [backup for backup in list_backups(folder, board) if backup.made.date() == now.date()]
    # A board without an identity (not opened by this tavla yet) goes by the name alone.
    if any(identity in (None, board_mark(backup.path, key).identity) for backup in todays):
        return None
    made = make_backup(store, folder, now=now, auto=True)
    if identity:
        prune(folder, today=now.date(), board=board, identity=identity, key=key)
    return made


def list_backups(folder: Path, board: str | None = None) -> list[_Backup]:
    """tavla's own backups in `folder` (of the board named `board`, if given), oldest first;
    other files are not tavla's business."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.is_file())
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        if (match := _NAME.match(name)) and board in (None, match["board"]):
            made = datetime.strptime(match["stamp"], STAMP)
            found.append(_Backup(folder / name, match["board"], made, auto=bool(match["auto"])))
    return sorted(found, key=lambda backup: (backup.made, backup.path.name))


def board_path(location: Location) -> Path:
    if location.path is None:
        raise _server_side_error()
    return location.path


def may_be(mine: str | None, identity: str | None) -> bool:
    """Whether a backup holding `identity` may be of the board `mine`: not when both are known
    and differ."""
    return mine is None or identity is None or identity == mine


def prune(
    folder: Path, *, today: date, board: str, identity: str, key: str | None = None
) -> list[Path]:
    """Of the automatic backups of `board` holding `identity` (read with `key`), keep the
    newest of each of the last 14 days and of each of the last 12 months, and delete the
    others. Returns what was deleted."""
    automatic = [
        backup
        for backup in list_backups(folder, board)
        if backup.auto and board_mark(backup.path, key).identity == identity
    ]
    days = {date.fromordinal(today.toordinal() - back) for back in range(KEEP_DAYS)}
    months = set()
    year, month = today.year, today.month
    for _back in range(KEEP_MONTHS):
        months.add((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    newest_of: dict[object, _Backup] = {}
    for backup in automatic:  # oldest first, so the newest of each day and month wins
        newest_of[backup.made.date()] = backup
        newest_of[(backup.made.year, backup.made.month)] = backup
    keep = {newest_of[day].path for day in days if day in newest_of}
    keep |= {newest_of[month].path for month in months if month in newest_of}
    deleted = []
    for backup in automatic:
        # A backup dated after today (a clock set wrong) is kept: better one too many.
        if backup.path not in keep and backup.made.date() <= today:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


def plain_backups(location: Location) -> list[_Backup]:
    """The board's own backups that are not encrypted (made before `encrypt`)."""
    mine = board_mark(board_path(location), location.key).identity
    return [
        backup
        for backup in list_backups(backup_folder(location), board_name(location))
        if not cipher.is_encrypted(backup.path)
        and may_be(mine, board_mark(backup.path, None).identity)
    ]


def _free_name(folder: Path, board: str, now: datetime, *, auto: bool) -> Path:
    stamp, suffix = now.strftime(STAMP), "-auto.db" if auto else ".db"
    candidate, counter = folder / f"{board}-{stamp}{suffix}", 2
    while candidate.exists():
        candidate = folder / f"{board}-{stamp}-{counter}{suffix}"
        counter += 1
    return candidate


def _server_side_error() -> UserError:
    return UserError(_("Backups of a shared PostgreSQL board are made on the server (pg_dump)."))
