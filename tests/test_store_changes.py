"""The change signal: another process's write is noticed (SQLite data_version, PG NOTIFY)."""

import subprocess
import sys
import time

from tavla.store import open_store
from tavla.store.changes import watch
from tavla.store.participants import add_participant


def test_a_write_from_another_process_is_noticed_within_a_second(store, location, today):
    watcher = watch(store)
    try:
        assert watcher.wait(0.3) is False
        script = (
            "from datetime import date\n"
            "from tavla.store import Location, open_store\n"
            "from tavla.store.participants import add_participant\n"
            f"store = open_store(Location.from_url({location.url!r}), actor='other')\n"
            "add_participant(store, 'Från annan process', enrolled_on=date(2026, 11, 23))\n"
        )
        subprocess.run([sys.executable, "-c", script], check=True)
        started = time.monotonic()
        assert watcher.wait(1.0) is True
        assert time.monotonic() - started < 1.0
        assert watcher.wait(0.3) is False  # one change, one signal
    finally:
        watcher.close()


def test_a_write_through_another_connection_is_noticed(store, location, today):
    watcher = watch(store)
    other = open_store(location, actor="other")
    try:
        add_participant(other, "B", enrolled_on=today)
        assert watcher.wait(1.0) is True
    finally:
        watcher.close()
        other.close()
