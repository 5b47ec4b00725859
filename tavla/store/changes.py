"""Noticing changes made by other processes: SQLite's data_version, PostgreSQL's LISTEN.

A watcher is used from one thread (the app's watch worker). `wait` returns True
when the database changed since the last call; the app then reloads its views.
A change that is only this process's own reads being logged is not news: the
watcher looks at the access-log entries made since it last looked, and a change
whose every new entry is one of `Store.own_reads` is passed over. (A change with
no new entry at all, such as a setting, is news.)
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

from tavla.store import cipher
from tavla.store.database import BUSY_TIMEOUT_S, CHANGE_CHANNEL

WATCHER_NAME = "tavla-watch"  # the LISTEN connection, as shown in pg_stat_activity

if TYPE_CHECKING:
    from tavla.store.database import Store


class ChangeWatcher(Protocol):
    def wait(self, timeout: float) -> bool: ...

    def close(self) -> None: ...


NEW_ENTRIES_SQL = "SELECT id FROM access_log WHERE id > {last} ORDER BY id"
LAST_ENTRY_SQL = "SELECT coalesce(max(id), 0) FROM access_log"


class OwnReads:
    """Tells a change of other writers from this process's logged reads."""

    def __init__(self, store: Store, query) -> None:
        self._own = store.own_reads
        self._query = query  # SQL text → rows
        self._last = self._query(LAST_ENTRY_SQL)[0][0]

    def news(self) -> bool:
        ids = [row[0] for row in self._query(NEW_ENTRIES_SQL.format(last=int(self._last)))]
        if not ids:
            return True
        self._last = ids[-1]
        ours = [i for i in ids if i in self._own]
        self._own.difference_update(ours)
        return len(ours) < len(ids)


class SQLiteWatcher:
    """Polls PRAGMA data_version, which moves when any other connection commits.

    Ten times a second: a poll costs microseconds, and it leaves most of the 0.5 s that a
    change may take to show for reloading the board on a busy machine.
    """

    def __init__(self, store: Store, interval: float = 0.1) -> None:
        location = store.location
        self._conn = cipher.connect(
            location.path, location.key, mode="ro", timeout=BUSY_TIMEOUT_S, check_same_thread=False
        )
        self._interval = interval
        self._version = self._read()
        self._reads = OwnReads(store, lambda sql: self._conn.execute(sql).fetchall())

    def _read(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            version = self._read()
            if version != self._version:
                self._version = version
                if self._reads.news():
                    return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(self._interval, remaining))

    def close(self) -> None:
        self._conn.close()


class PostgresWatcher:
    """LISTENs on tavla's channel; every write transaction NOTIFYs it on commit."""

    def __init__(self, store: Store) -> None:
        import psycopg

        url = store.location.url.replace("postgresql+psycopg://", "postgresql://", 1)
        self._conn = psycopg.connect(url, autocommit=True, application_name=WATCHER_NAME)
        self._conn.execute(f"LISTEN {CHANGE_CHANNEL}")
        self._reads = OwnReads(store, lambda sql: self._conn.execute(sql).fetchall())

    def wait(self, timeout: float) -> bool:
        changed = False
        for _note in self._conn.notifies(timeout=timeout, stop_after=1):
            changed = True
        if changed:  # drain a burst of notifications into one change
            for _note in self._conn.notifies(timeout=0.05):
                pass
        return changed and self._reads.news()

    def close(self) -> None:
        self._conn.close()


def watch(store: Store) -> ChangeWatcher:
    return SQLiteWatcher(store) if store.is_sqlite else PostgresWatcher(store)
