"""A laptop closed mid-write: a process writing 1,000 ratings is killed (SIGKILL) at a random
moment, 20 times over; each time the database is intact and holds every rating the writer
was told had been stored."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tavla.store import Location, open_store
from tavla.store.participants import add_participant

RUNS = 20
WRITES = 1000
TODAY = date(2026, 11, 23)

WRITER = """
import sys
from datetime import date
from tavla.store import Location, open_store
from tavla.store.orm import load_orm
from tavla.store.ratings import NewRating, add_rating

path, run = sys.argv[1], sys.argv[2]
store = open_store(Location.sqlite(path), actor="writer")
load_orm()  # the first write's imports are not the window the kill aims at
print("ready", flush=True)
lanes = ("health", "cognition", "social")
for n in range({writes}):
    rating = NewRating(lane=lanes[n % 3], level=n % 5, note=f"run {{run}} write {{n}}")
    add_rating(store, "CR22", rating, rated_on=date(2026, 11, 23), today=date(2026, 11, 23))
    print(n, flush=True)  # add_rating has returned: the write is committed
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_killed_writers_lose_nothing_they_reported_and_leave_the_database_intact(tmp_path):
    path = tmp_path / "tavla.db"
    store = open_store(Location.sqlite(path), actor="testare")
    add_participant(store, "Krasch Test", code="CR22", enrolled_on=TODAY, today=TODAY)
    store.close()
    chance = random.Random(20261123)
    script = WRITER.format(writes=WRITES)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    reported_total = 0
    for run in range(RUNS):
        writer = subprocess.Popen(
            [sys.executable, "-c", script, str(path), str(run)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert writer.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + chance.uniform(0.05, 1.5)
        reported = -1
        os.set_blocking(writer.stdout.fileno(), False)
        while time.monotonic() < deadline and writer.poll() is None:
            time.sleep(0.005)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        os.set_blocking(writer.stdout.fileno(), True)
        for line in writer.stdout.read().split():
            reported = int(line)
        writer.stdout.close()
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", run
            stored = {
                int(note.rsplit(" ", 1)[1])
                for (note,) in conn.execute(
                    "SELECT note FROM rating WHERE note LIKE ?", (f"run {run} write %",)
                )
            }
        # Every write reported is there; at most the one in flight besides.
        assert set(range(reported + 1)) <= stored, run
        assert len(stored) <= reported + 2, run
        reported_total += reported + 1
    assert reported_total > RUNS  # the writers did get going before they were killed
    print(f"{RUNS} writers killed; {reported_total} writes reported, all found")
    # And the board still opens, with the lane state in step with the ratings.
    reopened = open_store(Location.sqlite(path), actor="testare")
    try:
        from tavla.store.board import load_board

        row = load_board(reopened, TODAY).row("CR22")
        assert row is not None and set(row.lanes) == {"health", "cognition", "social"}
        with sqlite3.connect(path) as conn:
            for lane, cell in row.lanes.items():
                newest = conn.execute(
                    "SELECT level FROM rating WHERE lane = ? ORDER BY rated_on DESC, id DESC",
                    (lane,),
                ).fetchone()[0]
                assert cell.level == newest, lane  # written in the same transaction
    finally:
        reopened.close()
