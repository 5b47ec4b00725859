"""`tavla check`: whether the board is whole, at tavla's schema and private, and its backups
too. No Textual here."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import cipher
from tavla.store.backup import (
    BACKUP_FOLDER,
    backup_folder,
    board_mark,
    board_name,
    board_path,
    list_backups,
    may_be,
    plain_backups,
)
from tavla.store.database import Location, Store
from tavla.store.migrate import HEAD
from tavla.store.sqlite_files import connect


@dataclass(frozen=True)
class CheckResult:
    """One line of `tavla check`: what was checked, whether it passed, and what was found."""

    what: str
    ok: bool
    detail: str = ""


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


def _sqlite_checks(path: Path, key: str | None) -> list[CheckResult]:
    try:
        with connect(path, key=key) as conn:
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
    mine = board_mark(board_path(location), key).identity
    named = [
        (backup, board_mark(backup.path, key).identity)
        for backup in list_backups(backup_folder(location), board_name(location))
    ]
    foreign = [backup.path.name for backup, identity in named if not may_be(mine, identity)]
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


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
