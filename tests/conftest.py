"""Shared fixtures: a fixed day, stores on SQLite and PostgreSQL, the demo board, screen text."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

# The interface language is fixed per process before tavla's interface modules load.
os.environ["TAVLA_LANG"] = "sv"
os.environ.setdefault("TAVLA_USER", "testare")
os.environ.pop("TAVLA_DATABASE_URL", None)
os.environ.pop("TAVLA_DB", None)
# Nothing a test does lands in the user's data folder (a crash report, say).
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="tavla-tests-data-")

from tavla.i18n import set_language

set_language("sv")

from tavla.store import Location, Store, open_store  # noqa: E402

atexit.register(shutil.rmtree, os.environ["XDG_DATA_HOME"], True)

TODAY = date(2026, 11, 23)  # a Monday, ISO week 48
PG_URL = os.environ.get("TAVLA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_reason() -> str | None:
    """None if the test PostgreSQL server answers, else why the PostgreSQL half is skipped."""
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as error:  # any failure means: no server to test against here
        return (
            f"PostgreSQL at {PG_URL} is not reachable ({type(error).__name__}); set TAVLA_TEST_PG"
        )
    return None


_PG_SKIP = _postgres_reason()


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tavla.db"


@pytest.fixture
def pg_location() -> Iterator[Location]:
    """A fresh schema in the test database, dropped afterwards."""
    if _PG_SKIP:
        pytest.skip(_PG_SKIP)
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield Location.from_url(f"{PG_URL}?options=-csearch_path%3D{schema}")
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path: Path) -> Location:
    if request.param == "sqlite":
        return Location.sqlite(tmp_path / "tavla.db")
    return request.getfixturevalue("pg_location")


@pytest.fixture
def store(location: Location) -> Iterator[Store]:
    opened = open_store(location, actor="testare")
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(db_path: Path) -> Iterator[Store]:
    opened = open_store(Location.sqlite(db_path), actor="testare")
    yield opened
    opened.close()


@pytest.fixture
def demo_store(db_path: Path, today: date) -> Iterator[Store]:
    from tavla.demo import create_demo

    opened = open_store(Location.sqlite(db_path), actor="testare")
    create_demo(opened, today)
    yield opened
    opened.close()


# --- what Textual shows and holds ---------------------------------------------------------
# The one place the tests read Textual's internals: Textual has no public way to read the
# drawn screen as text, the notifications raised, whether a DataTable has measured its rows,
# or whether the app has failed. A Textual upgrade that moves them is fixed here alone.


def screen_text(app) -> str:
    """What the terminal shows, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def notices(app) -> list[str]:
    """The messages of the notifications (toasts) currently raised."""
    return [notification.message for notification in app._notifications]


def key_event(key: str):
    """The Key event a terminal sends for `key` ('a', 'enter', '?', ' ')."""
    from textual import events
    from textual.keys import _character_to_key

    name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
    char = key if len(key) == 1 else None
    return events.Key(name, " " if name == "space" else char)


def crashed(app) -> bool:
    """Whether an unhandled error has stopped the app (it then exits with status 1)."""
    return app._exception is not None


def table_sizing(table) -> bool:
    """Whether a DataTable has rows or cells it has not measured yet."""
    return bool(table._require_update_dimensions or table._updated_cells or table._new_rows)


def tables_sizing(app) -> bool:
    """Whether a DataTable on screen has rows or cells it has not measured yet: Textual does
    that when the app is idle, which a busy machine reaches late, and draws them after."""
    from textual.widgets import DataTable

    return any(table_sizing(table) for table in app.screen.query(DataTable))


async def settle(app, pilot) -> None:
    """Let the app finish what it started: messages, then workers, then the repaint (waiting
    up to two seconds for tables to measure what they show)."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    for _attempt in range(40):
        if not tables_sizing(app):
            break
        await pilot.pause(0.05)
    await pilot.pause()
