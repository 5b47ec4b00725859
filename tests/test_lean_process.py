"""What a process loads: the everyday commands and the board (with a rating) need no ORM.

Loading SQLAlchemy, SQLModel and pydantic takes about half a second and 30 MB on a small
machine; `tavla rate` and `tavla participant list` would spend most of their time on it, and
the board would hold it without using it. Each case runs in a fresh process and says which of
those it loaded. How long things take is the benchmark's (bench/lean.py), not a test's.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "textual", "rich")
ROOT = Path(__file__).resolve().parent.parent

COMMAND = r"""
import json, sys
from tavla.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    status = exit.code
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY))
print(json.dumps({"status": status, "heavy": heavy}), file=sys.stderr)
"""

BOARD = r"""
import asyncio, json, sys
from datetime import date
from tavla.app import TavlaApp
from tavla.store import Location, open_store
import tavla.app

tavla.app.WARM_UP_DELAY_S = 0.01


async def main(path):
    store = open_store(Location.sqlite(path), actor="testare")
    app = TavlaApp(store, today=date(2026, 11, 23), watch=False)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause(0.3)
            await pilot.press("right", "enter")  # the first lane of the first participant
            await pilot.pause(0.3)
            dialog = type(app.screen).__name__
            await pilot.press("2", "ctrl+s")
            await pilot.pause(0.5)
            await pilot.press("k")  # the contrast theme, remembered as a setting
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
            screen = type(app.screen).__name__
    finally:
        store.close()
    loaded = sorted({name.split(".")[0] for name in sys.modules} & {"sqlalchemy", "sqlmodel",
                                                                    "pydantic", "alembic"})
    print(json.dumps({"dialog": dialog, "screen": screen, "orm": loaded}))


asyncio.run(main(sys.argv[1]))
"""


def _python(code: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TAVLA_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )


def _command(*args: str) -> tuple[dict, str]:
    """What `tavla ARGS` loaded and its exit status; and what it wrote to stderr."""
    done = _python(f"HEAVY = {HEAVY!r}\n" + COMMAND, *args)
    *told, result = done.stderr.strip().splitlines()
    return json.loads(result), "\n".join(told)


def test_the_everyday_commands_load_no_orm_pydantic_or_textual(demo_store, db_path):
    code = demo_store_code(db_path)
    listed, _told = _command("participant", "list", "--json", "--db", str(db_path))
    rated, _told = _command("--db", str(db_path), "rate", code, "health", "2", "--note", "ok")
    assert listed == {"status": 0, "heavy": []}
    assert rated == {"status": 0, "heavy": []}
    with sqlite3.connect(db_path) as conn:
        last = conn.execute(
            "SELECT a.action, a.detail, p.code FROM access_log a "
            "LEFT JOIN participant p ON p.id = a.participant_id ORDER BY a.id DESC LIMIT 2"
        ).fetchall()
    assert last == [("rate", "health", code), ("list", "participants", None)]


def test_a_mistake_on_the_command_line_is_still_one_sentence(demo_store, db_path):
    code = demo_store_code(db_path)
    result, told = _command("participant", "assign", code, "--region-coordinator", "abc")
    assert told.startswith("tavla: ID is not valid: 'abc' is not a whole number.")
    assert result["status"] == 2


def test_the_board_rates_and_remembers_a_setting_without_the_orm(demo_store, db_path):
    with sqlite3.connect(db_path) as conn:
        before = conn.execute("SELECT count(*) FROM rating").fetchone()[0]
    done = _python(BOARD, str(db_path))
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"dialog": "RatingDialog", "screen": "BoardScreen", "orm": []}
    with sqlite3.connect(db_path) as conn:
        ratings = conn.execute("SELECT count(*) FROM rating").fetchone()[0]
        theme = conn.execute("SELECT value FROM setting WHERE key = 'theme'").fetchone()
        reads = conn.execute("SELECT detail FROM access_log WHERE action = 'read'").fetchall()
    assert ratings == before + 1
    assert theme is not None
    assert {("board",), ("rating",)} <= set(reads)


def test_every_parameter_of_every_command_is_converted_without_pydantic():
    from tavla.cli.commands import click_command
    from tavla.cli.conversion import Plain

    def params(command, path=()):
        for param in command.params:
            yield (*path, param.name), param
        for name, sub in getattr(command, "commands", {}).items():
            yield from params(sub, (*path, name))

    left_to_typer = [
        path
        for path, param in params(click_command([]))
        if not isinstance(param._runtime_param, Plain)
    ]
    assert left_to_typer == []


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["participant", "list"], "participant"),
        (["--db", "x.db", "--presentation", "rate", "AB12"], "rate"),
        (["--lang=en", "log"], "log"),
        (["--database-url", "postgresql://a@b/c", "backup"], "backup"),
        (["--help"], None),
        (["partcipant", "list"], None),
        (["--db"], None),
    ],
)
def test_only_the_group_a_command_names_is_made(args, word):
    """Typer reads every command's signature as it makes the app; for a command, only its own
    group's are made. Help, or a command mistyped, gets them all."""
    from tavla.cli.commands import GROUPS, click_command

    every = set().union(*(group.names() for group in GROUPS))
    named = next((group.names() for group in GROUPS if word in group.names()), every)
    assert word is None or word in named
    assert set(click_command(args).commands) == named


def demo_store_code(db_path: Path) -> str:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "SELECT code FROM participant WHERE discharged_on IS NULL ORDER BY code"
        ).fetchone()[0]
