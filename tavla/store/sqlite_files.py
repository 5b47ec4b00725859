"""SQLite files outside a Store: the owner's alone from their first byte, and connected to
directly (for backup, restore, encrypt and check). No Textual here."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import cipher
from tavla.store.database import BUSY_TIMEOUT_S

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


@contextmanager
def connect(
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


def private_file(path: Path, *, fresh: bool = False) -> Path:
    """Create the empty file `path`, the owner's alone from its first byte (health data);
    `fresh`: a leftover of an interrupted run is removed first."""
    if fresh:
        path.unlink(missing_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    except OSError as error:
        raise unwritable(path.parent, error) from None
    return path


def make_private_folder(folder: Path) -> None:
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
        raise unwritable(folder, error) from None


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def unwritable(folder: Path, error: OSError) -> UserError:
    return UserError(
        _("Cannot write in {folder}: {reason}.").format(
            folder=folder, reason=error.strerror or error
        )
    )
