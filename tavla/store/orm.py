"""SQLAlchemy, SQLModel and tavla's tables: imported once per process, by one thread at a time.

The store imports them lazily, so that the board is painted without them (see
store.database). Two threads importing SQLAlchemy for the first time at once can each
meet the other's half-made modules — `ImportError: cannot import name 'EventTarget' from
partially initialized module 'sqlalchemy.event'` — so any thread that may be the first to
need them calls `load_orm()` before it does (the app's worker threads do, see tavla.threads).
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_loaded = False


def load_orm() -> None:
    """Import the ORM, under one lock; a no-op once done."""
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        # Imported for their loading; the dialect is what creating an engine would import.
        import sqlalchemy.dialects.sqlite
        import sqlalchemy.event
        import sqlalchemy.orm
        import sqlmodel  # noqa: F401

        from tavla.store import engine, models  # noqa: F401

        sqlalchemy.orm.configure_mappers()
        _loaded = True
