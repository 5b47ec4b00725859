"""Backups of a SQLite board (made, pruned, restored) and the integrity check. No Textual here.

A backup is one self-contained SQLite file made with SQLite's online backup API,
so it is consistent while others write. Backups hold health data: the folder is
0700 and every file 0600 from its first byte; a file appears under its final
name only when it is complete (a temporary name, then a rename). A backup of an
encrypted board is encrypted with the same key; `encrypt` turns a plain board
into an encrypted one.

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
import stat
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import cipher
from tavla.store.database import BUSY_TIMEOUT_S, Location, Store
from tavla.store.migrate import HEAD, MIGRATIONS

BACKUP_FOLDER = "backups"
KEEP_DAYS = 14
KEEP_MONTHS = 12
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# Tables every tavla database has had since the first migration.
TAVLA_TABLES = frozenset({"alembic_version", "participant", "rating", "setting", "access_log"})
# BOARD-2026-11-23T0915.db (made on request), BOARD-2026-11-23T0915-auto.db (made on
# opening), BOARD being the database file's stem; -2, -3 … when two are made in the same
# minute. Only these names are ever pruned.
_NAME = re.compile(
    r"^(?P<board>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}T\d{4})(?:-(?P<n>\d+))?(?P<auto>-auto)?\.db$"
)
_STAMP = "%Y-%m-%dT%H%M"


@dataclass(frozen=True)
class CheckResult:
    """One line of `tavla check`: what was checked, whether it passed, and what was found."""

    what: str
    ok: bool
    detail: str = ""


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
        with _connect(path, key=key if cipher.is_encrypted(path) else None, readonly=True) as conn:
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
    _make_private_folder(target)
    final = _free_name(target, board_name(store.location), now, auto=auto)
    temporary = _private_file(target / f".{final.name}.tmp")
    key = store.location.key
    try:
        # The copy is keyed like the board, so a backup of an encrypted board is encrypted.
        with _connect(path, key=key) as source, _connect(temporary, key=key) as copy:
            # One step (pages=-1): SQLite reads a single snapshot, writers go on meanwhile.
            source.backup(copy)
            # A backup is one file: no -wal beside it to be lost when it is moved.
            copy.execute("PRAGMA journal_mode=DELETE")
        _fsync(temporary)
        os.replace(temporary, final)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _unwritable(target, error) from None
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
            made = datetime.strptime(match["stamp"], _STAMP)
            found.append(_Backup(folder / name, match["board"], made, auto=bool(match["auto"])))
    return sorted(found, key=lambda backup: (backup.made, backup.path.name))


def _board_path(location: Location) -> Path:
    if location.path is None:
        raise _server_side_error()
    return location.path


def _may_be(mine: str | None, identity: str | None) -> bool:
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
    temporary = _private_file(path.parent / f".{path.name}.restoring", fresh=True)
    try:
        # The copy is what gets checked and then installed, so nothing changes in between.
        try:
            if key is not None and source_key is None:
                # The backup API does not copy between plain and encrypted files.
                cipher.export_encrypted(source, temporary, key, timeout=BUSY_TIMEOUT_S)
            else:
                with (
                    _connect(source, key=source_key, readonly=True) as backup,
                    _connect(temporary, key=source_key) as copy,
                ):
                    backup.backup(copy)
                    copy.execute("PRAGMA journal_mode=DELETE")
        except cipher.errors():
            raise _not_a_backup(source) from None
        _check_backup(temporary, source, key)
        _check_same_board(temporary, source, store_location, other_board=other_board)
        if confirm is not None:
            confirm()
        _keep_log(temporary, path if path.exists() else None, key, actor, source)
        _fsync(temporary)
        aside = _set_aside(path, now, key) if path.exists() else None
        os.replace(temporary, path)
    except OSError as error:
        raise _unwritable(path.parent, error) from None
    finally:
        temporary.unlink(missing_ok=True)
    return aside


def encryptable(location: Location) -> Path:
    """The plain SQLite file that `encrypt` would encrypt; one sentence if there is none."""
    path = location.path
    if path is None:
        raise UserError(_("A shared PostgreSQL board is encrypted on the server, not by tavla."))
    if not path.is_file():
        raise UserError(_("There is no database at {path}.").format(path=path))
    if cipher.is_encrypted(path):
        raise UserError(_("{path} is already encrypted.").format(path=path))
    return path


def encrypt(location: Location, key: str) -> None:
    """Put an encrypted copy (SQLCipher, `key`) in place of the plain board, once the copy is
    checked to be whole with as many rows in every table. Backups are left as they are."""
    path = encryptable(location)
    if not key:
        raise UserError(cipher.empty_key())
    temporary = _private_file(path.parent / f".{path.name}.encrypting", fresh=True)
    try:
        with _connect(path, timeout=1) as board:
            # Leaving WAL mode writes the log into the file and removes it; SQLite refuses it
            # while another connection has the board open.
            if str(board.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower() != "delete":
                raise UserError(_open_elsewhere())
            board.execute("BEGIN IMMEDIATE")  # no one writes while the copy is made and checked
            counts = _row_counts(board)
            cipher.export_encrypted(path, temporary, key, timeout=BUSY_TIMEOUT_S)
            with _connect(temporary, key=key) as copy:
                whole = copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                if not whole or _row_counts(copy) != counts:
                    message = _("The encrypted copy of {path} was not whole; nothing was changed.")
                    raise UserError(message.format(path=path))
            _fsync(temporary)
            # A plain -wal or -shm left beside the encrypted file would be read with it.
            Path(f"{path}-wal").unlink(missing_ok=True)
            Path(f"{path}-shm").unlink(missing_ok=True)
            os.replace(temporary, path)
            board.execute("ROLLBACK")
    except cipher.errors("OperationalError"):
        raise UserError(_open_elsewhere()) from None
    except cipher.errors() as error:
        raise UserError(
            _("{path} could not be encrypted: {reason}.").format(path=path, reason=error)
        ) from None
    except OSError as error:
        raise _unwritable(path.parent, error) from None
    finally:
        temporary.unlink(missing_ok=True)


def plain_backups(location: Location) -> list[_Backup]:
    """The board's own backups that are not encrypted (made before `encrypt`)."""
    mine = board_mark(_board_path(location), location.key).identity
    return [
        backup
        for backup in list_backups(backup_folder(location), board_name(location))
        if not cipher.is_encrypted(backup.path)
        and _may_be(mine, board_mark(backup.path, None).identity)
    ]


def check(store_location: Location) -> list[CheckResult]:
    """Whether the database is whole, at tavla's schema, and private, and its backups too."""
    from tavla.store.migrate import current_revision

    store = Store(store_location, actor="check")
    results: list[CheckResult] = []
    try:
        if store_location.path is None:
            try:
                with store.reader() as conn:
                    conn.cursor().execute("SELECT 1")
                results.append(CheckResult(_("Connection"), True, store_location.describe()))
            except UserError as error:
                results.append(CheckResult(_("Connection"), False, str(error)))
                return results
        else:
            path = store_location.path
            if not path.is_file():
                detail = _("There is no database at {path}.").format(path=path)
                return [CheckResult(_("Database file"), False, detail)]
            results += _sqlite_checks(path, store_location.key)
        try:
            revision = current_revision(store)
            results.append(
                CheckResult(_("Schema version"), revision == HEAD, f"{revision} (HEAD {HEAD})")
            )
        except UserError as error:
            results.append(CheckResult(_("Schema version"), False, str(error)))
        if store_location.path is not None:
            results += _permission_checks(store_location.path)
            results.append(_own_backups(store_location))
        if store_location.key is not None:
            results.append(_backups_encrypted(store_location))
    finally:
        store.close()
    return results


# --- checks ------------------------------------------------------------------------------


def _sqlite_checks(path: Path, key: str | None) -> list[CheckResult]:
    try:
        with _connect(path, key=key) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            integrity = CheckResult(
                _("Integrity"), problems == ["ok"], "; ".join(problems[:3])[:300]
            )
            orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
            tables = sorted({row[0] for row in orphans})
            foreign = CheckResult(
                _("Foreign keys"),
                not orphans,
                _("{count} rows point at nothing ({tables})").format(
                    count=len(orphans), tables=", ".join(tables)
                )
                if orphans
                else "ok",
            )
    except (*cipher.errors(), UserError) as error:
        return [CheckResult(_("Integrity"), False, str(error))]
    return [integrity, foreign]


def _backups_encrypted(location: Location) -> CheckResult:
    """On an encrypted board, a plain backup (made before `encrypt`) is the health data in
    clear text beside it: said, so its owner can decide."""
    plain = [backup.path.name for backup in plain_backups(location)]
    detail = ", ".join(plain[:3]) + (" …" if len(plain) > 3 else "")
    return CheckResult(_("Backups are encrypted"), not plain, detail)


def _own_backups(location: Location) -> CheckResult:
    """The board's backups: how many and the newest; failed if backups named for this board
    hold another board (restoring one needs --other-board, and pruning leaves them)."""
    key = location.key
    mine = board_mark(_board_path(location), key).identity
    named = [
        (backup, board_mark(backup.path, key).identity)
        for backup in list_backups(backup_folder(location), board_name(location))
    ]
    foreign = [backup.path.name for backup, identity in named if not _may_be(mine, identity)]
    what = _("Backups of this board")
    if foreign:
        listed = ", ".join(foreign[:3]) + (" …" if len(foreign) > 3 else "")
        return CheckResult(
            what, False, _("{names}: another board's backups under its name").format(names=listed)
        )
    if not named:
        return CheckResult(what, True, _("No backups yet."))
    newest = named[-1][0].made.strftime("%Y-%m-%d %H:%M")
    return CheckResult(
        what, True, _("{count}, the newest {made}").format(count=len(named), made=newest)
    )


def _permission_checks(path: Path) -> list[CheckResult]:
    files = [path] + [
        extra for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")) if extra.exists()
    ]
    loose = [f"{file.name} {_mode(file):04o}" for file in files if _mode(file) & 0o077]
    results = [CheckResult(_("Database file is private (0600)"), not loose, ", ".join(loose))]
    folder_mode = _mode(path.parent)
    results.append(
        CheckResult(
            _("Database folder is closed to others"),
            not folder_mode & 0o007,
            f"{path.parent} {folder_mode:04o}",
        )
    )
    backups = path.parent / BACKUP_FOLDER
    if backups.is_dir():
        loose = [
            f"{entry.name} {_mode(Path(entry.path)):04o}"
            for entry in os.scandir(backups)
            if entry.is_file() and _mode(Path(entry.path)) & 0o077
        ]
        if _mode(backups) & 0o077:
            loose.insert(0, f"{backups} {_mode(backups):04o}")
        results.append(CheckResult(_("Backups are private (0600)"), not loose, ", ".join(loose)))
    else:
        results.append(CheckResult(_("Backups are private (0600)"), True, _("No backups yet.")))
    return results


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
        with _connect(copy, key=key) as conn:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?)", (BOARD_ID, board.identity)
            )


def _check_backup(copy: Path, source: Path, key: str | None) -> None:
    try:
        with _connect(copy, key=key) as conn:
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


# --- files -------------------------------------------------------------------------------


@contextmanager
def _connect(
    path: Path,
    *,
    key: str | None = None,
    readonly: bool = False,
    timeout: float = BUSY_TIMEOUT_S,
) -> Iterator[Any]:
    conn = cipher.connect(
        path, key, mode="ro" if readonly else "rw", timeout=timeout, isolation_level=None
    )
    with closing(conn):
        yield conn


def _keep_log(copy: Path, current: Path | None, key: str | None, actor: str, source: Path) -> None:
    """Append to the restored `copy` the entries of the `current` board's access log that are
    newer than the copy's newest, so that a restore never shortens the log the law keeps for
    five years, and log the restore itself (by `actor`). People are found again by their
    pseudonym code; one the backup does not know (enrolled after it) is named by code in the
    entry's detail. A current board that cannot be read (damaged) gives nothing to carry: it
    is set aside whole."""
    from tavla.store.audit import utcnow

    with _connect(copy, key=key) as restored:
        newest = restored.execute("SELECT max(at) FROM access_log").fetchone()[0]
        rows = _log_since(current, key, newest) if current is not None else []
        ids = dict(restored.execute("SELECT code, id FROM participant").fetchall())
        entries = [
            (at, who, action, ids.get(code),
             f"{detail} [{code}]" if code and code not in ids else detail)
            for at, who, action, code, detail in rows
        ]  # fmt: skip
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
        with _connect(board, key=board_key, readonly=True) as conn:
            return conn.execute(
                "SELECT l.at, l.actor, l.action, p.code, l.detail FROM access_log l"
                " LEFT JOIN participant p ON p.id = l.participant_id"
                " WHERE ? IS NULL OR l.at > ? ORDER BY l.id",
                (newest, newest),
            ).fetchall()
    except cipher.errors():
        return []


def _private_file(path: Path, *, fresh: bool = False) -> Path:
    """Create the empty file `path`, the owner's alone from its first byte (health data);
    `fresh`: a leftover of an interrupted run is removed first."""
    if fresh:
        path.unlink(missing_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    except OSError as error:
        raise _unwritable(path.parent, error) from None
    return path


def _row_counts(conn: Any) -> dict[str, int]:
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}


def _set_aside(path: Path, now: datetime, key: str | None) -> Path:
    """Move the database out of the way as one file (its WAL written into it first).

    An encrypted board is opened with `key`: a key that does not open it (mistyped) is one
    sentence here, so it never becomes the key of the restored board."""
    try:
        with _connect(path, key=key if cipher.is_encrypted(path) else None, timeout=1) as conn:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except cipher.errors("OperationalError"):
        mode = "busy"
    except cipher.errors("DatabaseError"):
        mode = "delete"  # a damaged database (the reason to restore) is set aside as it is
    if str(mode).lower() != "delete":
        raise UserError(_("The board is open in tavla; close it before restoring."))
    base = f"{path.name}.before-restore-{now.strftime(_STAMP)}"
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


def _free_name(folder: Path, board: str, now: datetime, *, auto: bool) -> Path:
    stamp, suffix = now.strftime(_STAMP), "-auto.db" if auto else ".db"
    candidate, counter = folder / f"{board}-{stamp}{suffix}", 2
    while candidate.exists():
        candidate = folder / f"{board}-{stamp}-{counter}{suffix}"
        counter += 1
    return candidate


def _make_private_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UserError(_("{path} is a file, not a folder.").format(path=folder))
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True)
        os.chmod(folder, PRIVATE_FOLDER)
    except FileExistsError:
        return
    except OSError as error:
        raise _unwritable(folder, error) from None


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _server_side_error() -> UserError:
    return UserError(_("Backups of a shared PostgreSQL board are made on the server (pg_dump)."))


def _unwritable(folder: Path, error: OSError) -> UserError:
    return UserError(
        _("Cannot write in {folder}: {reason}.").format(
            folder=folder, reason=error.strerror or error
        )
    )


def _open_elsewhere() -> str:
    return _("The board is open in tavla; close it before encrypting.")


def _not_a_backup(source: Path) -> UserError:
    return UserError(
        _("{path} is not a whole tavla backup; nothing was restored.").format(path=source)
    )
