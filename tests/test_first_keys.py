"""A key pressed as soon as the board shows: the warm-up and the key's workers may need the ORM,
which the store imports lazily. Imported by two threads at once it broke (`ImportError: cannot
import name 'EventTarget' from partially initialized module 'sqlalchemy.event'`). (Since the
warm-up writes in plain SQL it no longer imports the ORM; a screen's workers still may, together.)

The race is about the first import in a process, so each round is a fresh Python process:
it opens the board, presses one screen's key at once, and waits for the workers. A round
fails on any exception, and also if SQLAlchemy's and SQLModel's modules, where imported, were
not all imported by one thread — what `tavla.store.orm.load_orm` guarantees, and what makes the race
impossible however the threads are timed (without it, most rounds split the import).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROUNDS = 20
# Each screen's and dialog's key on the board, and the app's own that write a setting.
KEYS = ("m", "a", "c", "g", "l", "n", "e", "enter", "o", "ctrl+p", "p", "k")

ROUND = r"""
import asyncio, json, sys, threading
from datetime import date

imported_by = {}


class WhoImports:
    # Notes which thread first imports each SQLAlchemy/SQLModel module; finds nothing itself.
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("sqlalchemy", "sqlmodel"):
            imported_by.setdefault(name, threading.current_thread().name)
        return None


sys.meta_path.insert(0, WhoImports())

import tavla.app
from textual import events
from tavla.app import TavlaApp
from tavla.store import Location, open_store

tavla.app.WARM_UP_DELAY_S = 0.001  # the warm-up's import starts with the key's, at once


async def main(path, key):
    store = open_store(Location.sqlite(path), actor="testare")
    assert not imported_by, "opening the board imported SQLAlchemy"
    app = TavlaApp(store, today=date(2026, 11, 23), watch=False)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
            for n in range(200):
                await pilot.pause(0.05)
                settled = n >= 20 or "sqlmodel" in sys.modules  # the key's workers have begun
                if settled and not any(w.is_running for w in app.workers):
                    break
            screen = type(app.screen).__name__
    finally:
        store.close()
    print(json.dumps({"screen": screen, "threads": sorted(set(imported_by.values()))}))


asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def _round(db: Path, key: str) -> tuple[str, subprocess.CompletedProcess]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(
        [sys.executable, "-c", ROUND, str(db), key],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return key, done


def test_a_screen_key_pressed_at_once_in_a_fresh_process(demo_store, db_path):
    keys = [KEYS[n % len(KEYS)] for n in range(ROUNDS)]
    with ThreadPoolExecutor(2) as pool:
        rounds = list(pool.map(lambda key: _round(db_path, key), keys))
    problems = []
    for key, done in rounds:
        if done.returncode != 0:
            problems.append(f"{key}: exit {done.returncode}\n{done.stderr[-3000:]}")
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if len(result["threads"]) > 1:
            problems.append(f"{key}: the ORM imported by {result['threads']}")
    print(f"{ROUNDS} fresh processes, a key at once each: {len(problems)} problems")
    assert not problems, "\n".join(problems)
