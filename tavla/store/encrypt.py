"""Encrypting a plain SQLite board in place (`tavla encrypt`). No Textual here.

The board is copied into an encrypted file (SQLCipher, store/cipher.py), which replaces it
once checked to be whole. Backups are left as they are: a backup of an encrypted board is
encrypted (backup.py), those made before are listed by `backup.plain_backups`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import cipher
from tavla.store.database import BUSY_TIMEOUT_S, Location
from tavla.store.sqlite_files import connect, fsync, private_file, unwritable


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
    temporary = private_file(path.parent / f".{path.name}.encrypting", fresh=True)
    try:
        with connect(path, timeout=1) as board:
            # Leaving WAL mode writes the log into the file and removes it; SQLite refuses it
            # while another connection has the board open.
            if str(board.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower() != "delete":
                raise UserError(_open_elsewhere())
            board.execute("BEGIN IMMEDIATE")  # no one writes while the copy is made and checked
            counts = _row_counts(board)
            cipher.export_encrypted(path, temporary, key, timeout=BUSY_TIMEOUT_S)
            with connect(temporary, key=key) as copy:
                whole = copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                if not whole or _row_counts(copy) != counts:
                    message = _("The encrypted copy of {path} was not whole; nothing was changed.")
                    raise UserError(message.format(path=path))
            fsync(temporary)
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
        raise unwritable(path.parent, error) from None
    finally:
        temporary.unlink(missing_ok=True)


def _row_counts(conn: Any) -> dict[str, int]:
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}


def _open_elsewhere() -> str:
    return _("The board is open in tavla; close it before encrypting.")
