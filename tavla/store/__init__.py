"""The store: the only part of tavla that knows SQL. No Textual here.

Importing this package is cheap on purpose: SQLAlchemy, SQLModel and Alembic
are imported by the modules that need them, so the board can be read and
painted before they are loaded (see `store.database`).
"""

from tavla.store.database import Location, Store, open_store

__all__ = ["Location", "Store", "open_store"]
