"""Opening a board's SQLite file: plain with sqlite3, or encrypted with SQLCipher when there is a
key. Every connection to the file is made here, so the key is honoured everywhere. No Textual here.

sqlcipher3 is imported only when a key is used, so a plain board starts as fast as before.
The key is never put in a URL, a message or a log; it goes into `PRAGMA key` only.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import closing
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tavla.errors import UserError
from tavla.i18n import _

PLAIN_HEADER = b"SQLite format 3\x00"
# SQLCipher 4's key derivation (PBKDF2-HMAC-SHA512, 256,000 rounds, 32 bytes), which
# `cipher_compatibility = 4` pins on every connection.
KDF_ITERATIONS = 256_000
SALT_BYTES = 16


def is_encrypted(path: Path) -> bool:
    """Whether the file looks like a SQLCipher database: whole pages that do not begin with
    SQLite's plain header (SQLCipher puts a random salt there)."""
    try:
        with open(path, "rb") as file:
            head = file.read(SALT_BYTES)
            size = os.fstat(file.fileno()).st_size
    except OSError:
        return False
    return size > 0 and size % 512 == 0 and head != PLAIN_HEADER


def dbapi(key: str | None) -> Any:
    """The DB-API module whose connections `connect` returns (for SQLAlchemy's `module=`)."""
    return _sqlcipher() if key is not None else sqlite3.dbapi2


def errors(name: str = "Error") -> tuple[type[Exception], ...]:
    """sqlite3's exception class `name`, and sqlcipher3's once it is loaded: for `except`."""
    found: list[type[Exception]] = [getattr(sqlite3, name)]
    if (module := sys.modules.get("sqlcipher3.dbapi2")) is not None:
        found.append(getattr(module, name))
    return tuple(found)


def connect(path: Path, key: str | None, *, mode: str = "rwc", **kwargs: Any) -> Any:
    """A DB-API connection to the file `path` (SQLite URI `mode`: ro, rw or rwc): encrypted with
    `key` if one is given, plain otherwise. `kwargs` go to connect (timeout, isolation_level…)."""
    uri = "file:" + quote(str(path)) + "?mode=" + mode
    if key is None:
        return sqlite3.connect(uri, uri=True, **kwargs)
    if not key:
        raise UserError(empty_key())
    sqlcipher = _sqlcipher()
    salt = _salt(path)
    if salt == PLAIN_HEADER:
        # A key was given for a file that is not encrypted: saying so beats pretending.
        raise UserError(
            _(
                "{path} is not encrypted; encrypt it with 'tavla encrypt', or open it "
                "without TAVLA_KEY."
            ).format(path=path)
        )
    conn = sqlcipher.connect(uri, uri=True, **kwargs)
    try:
        _quiet(conn)
        conn.execute(f"PRAGMA key = {_key_literal(key, salt)}")
        conn.execute("PRAGMA cipher_compatibility = 4")
        # The key is only tried on the first read: try it now, so a wrong key is one
        # sentence here rather than "not a database" wherever the first query happens.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as error:
        conn.close()
        if "not a database" in str(error):
            raise UserError(wrong_key(path)) from None
        raise
    except BaseException:
        conn.close()
        raise
    return conn


def export_encrypted(source: Path, target: Path, key: str, *, timeout: float) -> None:
    """Write an encrypted copy of the plain database `source` into the empty file `target`
    (SQLCipher's sqlcipher_export: schema, rows and settings)."""
    sqlcipher = _sqlcipher()
    uri = "file:" + quote(str(source)) + "?mode=ro"
    with closing(sqlcipher.connect(uri, uri=True, timeout=timeout, isolation_level=None)) as conn:
        _quiet(conn)
        # Parameters, so the key is never part of the SQL text.
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), key))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute("DETACH DATABASE encrypted")


def key_needed(path: Path) -> str:
    return _("{path} is encrypted; give its key in TAVLA_KEY.").format(path=path)


def wrong_key(path: Path) -> str:
    return _("The key does not open {path}.").format(path=path)


def empty_key() -> str:
    return _("The key may not be empty.")


def _sqlcipher() -> Any:
    from tavla import extras

    extras.require("encryption")
    from sqlcipher3 import dbapi2

    return dbapi2


def _quiet(conn: Any) -> None:
    # SQLCipher logs a wrong key as "ERROR CORE …" lines on stderr; tavla says it in one sentence.
    conn.execute("PRAGMA cipher_log_level = NONE")


def _salt(path: Path) -> bytes | None:
    """The file's first 16 bytes (SQLCipher's salt), None for a new, empty file."""
    try:
        with open(path, "rb") as file:
            head = file.read(SALT_BYTES)
    except OSError:
        return None  # connect says what is wrong with the path
    return head if len(head) == SALT_BYTES else None


def _key_literal(key: str, salt: bytes | None) -> str:
    """The SQL literal for PRAGMA key. SQLCipher derives the key anew on every connection, a
    fifth of a second each; tavla opens many, so the derived key is made once per process and
    handed over raw. A new file has no salt yet: SQLCipher makes one from the passphrase."""
    if salt is None:
        return "'" + key.replace("'", "''") + "'"
    return "\"x'" + _derived(key, salt) + "'\""


@lru_cache(maxsize=4)
def _derived(key: str, salt: bytes) -> str:
    import hashlib

    return hashlib.pbkdf2_hmac("sha512", key.encode(), salt, KDF_ITERATIONS, 32).hex()
