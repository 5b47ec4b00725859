"""Backups, restore and the integrity check: consistent copies, private files, a bad backup
refused with the current database untouched, and `tavla check` telling a damaged file."""

from __future__ import annotations

import io
import os
import sqlite3
import stat
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tavla.errors import UserError
from tavla.store import Location, open_store
from tavla.store.backup import (
    BACKUP_FOLDER,
    daily_backup,
    list_backups,
    make_backup,
    prune,
)
from tavla.store.check import check
from tavla.store.participants import add_participant, list_participants
from tavla.store.restore import restore

from .test_cli import run

NOW = datetime(2026, 11, 23, 9, 15)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def names(store) -> list[str]:
    return sorted(p.name for p in list_participants(store))


def test_a_backup_is_consistent_while_another_connection_writes(sqlite_store, db_path, tmp_path):
    with sqlite3.connect(db_path, isolation_level=None) as conn:
        conn.execute("CREATE TABLE load_pair (n INTEGER)")
    stop = threading.Event()
    written = []

    def writer() -> None:
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=10)
        while not stop.is_set():
            # Two rows per transaction: a consistent copy always holds an even number.
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO load_pair VALUES (1)")
            conn.execute("INSERT INTO load_pair VALUES (2)")
            conn.execute("COMMIT")
            written.append(1)
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [
            make_backup(sqlite_store, tmp_path / "copies", now=NOW + timedelta(minutes=i))
            for i in range(8)
        ]
    finally:
        stop.set()
        thread.join()
    assert written
    counts = []
    for copy in copies:
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
            counts.append(conn.execute("SELECT count(*) FROM load_pair").fetchone()[0])
        assert not Path(f"{copy}-wal").exists()
    assert all(count % 2 == 0 for count in counts)
    assert counts == sorted(counts)


def test_a_backup_is_private_in_a_private_folder_beside_the_database(sqlite_store, db_path):
    old = os.umask(0o022)
    try:
        made = make_backup(sqlite_store, now=NOW)
    finally:
        os.umask(old)
    assert made.parent == db_path.parent / BACKUP_FOLDER
    assert made.name == "tavla-2026-11-23T0915.db"
    assert mode(made.parent) == 0o700 and mode(made) == 0o600
    assert [p.name for p in made.parent.iterdir()] == [made.name]  # no temporary left
    again = make_backup(sqlite_store, now=NOW)
    assert again != made and again.name.startswith("tavla-2026-11-23T0915")


def test_an_unwritable_folder_is_one_sentence(sqlite_store, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(UserError) as caught:
        make_backup(sqlite_store, blocker, now=NOW)
    assert "\n" not in str(caught.value)


def test_at_most_one_automatic_backup_a_day(sqlite_store, db_path):
    first = daily_backup(sqlite_store, now=NOW)
    assert first is not None and first.name == "tavla-2026-11-23T0915-auto.db"
    assert daily_backup(sqlite_store, now=NOW + timedelta(hours=8)) is None
    tomorrow = daily_backup(sqlite_store, now=NOW + timedelta(days=1))
    assert tomorrow is not None and mode(tomorrow) == 0o600
    assert len(list_backups(db_path.parent / BACKUP_FOLDER)) == 2


def _marked(path: Path, identity: str | None, *, demo: bool = False) -> Path:
    """A stand-in for a backup: a SQLite file whose settings hold `identity` (none if None)."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT)")
        if identity is not None:
            conn.execute("INSERT INTO setting VALUES ('board_id', ?)", (identity,))
        conn.execute("INSERT INTO setting VALUES ('demo', ?)", ("1" if demo else "0",))
    conn.close()
    return path


def test_pruning_keeps_14_days_and_12_months_and_never_foreign_files(tmp_path):
    folder = tmp_path / BACKUP_FOLDER
    folder.mkdir()
    board = _marked(tmp_path / "board", "b0a4d")
    today = date(2026, 11, 23)
    day = today - timedelta(days=730)
    while day <= today:
        for hour in ("0900", "2100"):  # two a day: the newer one of a day is kept
            (folder / f"tavla-{day.isoformat()}T{hour}-auto.db").write_bytes(board.read_bytes())
        day += timedelta(days=1)
    foreign = ["notes.txt", "tavla.db", "tavla-2025-01-01T0900.db", "tavla-old-auto.db"]
    for name in foreign:
        (folder / name).write_text("keep me")
    # Another board's (the demo's) by name, one of another board under this name (the newest
    # of its day: it must not push this board's out), and one made before boards had an
    # identity: none of them is this board's to prune, nor counts as its.
    others = [
        "demo-2025-01-01T0900-auto.db",
        f"tavla-{today - timedelta(days=3)}T2300-auto.db",
        "tavla-2025-01-03T2300-auto.db",
    ]
    _marked(folder / others[0], "d3m0", demo=True)
    _marked(folder / others[1], "0th3r")
    _marked(folder / others[2], None)

    prune(folder, today=today, board="tavla", identity="b0a4d")

    left = sorted(p.name for p in folder.iterdir())
    automatic = [name for name in left if name.endswith("-auto.db") and name not in foreign]
    automatic = [name for name in automatic if name not in others]
    daily = [f"tavla-{today - timedelta(days=n)}T2100-auto.db" for n in range(14)]
    month_ends = [date(2025, 12, 31)] + [
        date(2026, month + 1, 1) - timedelta(days=1) for month in range(1, 11)
    ]
    monthly = [f"tavla-{end.isoformat()}T2100-auto.db" for end in month_ends]
    monthly.append(f"tavla-{today.isoformat()}T2100-auto.db")  # this month's newest: today's
    assert len(set(daily)) == 14 and len(set(monthly)) == 12
    assert sorted(automatic) == sorted(set(daily) | set(monthly))
    assert set(foreign) <= set(left) and set(others) <= set(left)


def test_restoring_a_good_backup_brings_the_data_back_and_sets_the_old_aside(
    sqlite_store, db_path, today
):
    add_participant(sqlite_store, "Före", enrolled_on=today)
    made = make_backup(sqlite_store, now=NOW)
    add_participant(sqlite_store, "Efter", enrolled_on=today)
    sqlite_store.close()

    aside = restore(Location.sqlite(db_path), made, now=NOW, actor="a")

    assert aside is not None and aside.name == "tavla.db.before-restore-2026-11-23T0915"
    assert mode(aside) == 0o600 and mode(db_path) == 0o600
    assert not Path(f"{db_path}-wal").exists()
    restored = open_store(Location.sqlite(db_path), actor="a")
    assert names(restored) == ["Före"]
    restored.close()
    kept = open_store(Location.sqlite(aside), actor="a")
    assert names(kept) == ["Efter", "Före"]
    kept.close()


def test_a_restore_keeps_the_access_log_entries_made_after_the_backup(sqlite_store, db_path, today):
    """The data goes back to the backup; the log the law keeps five years does not."""
    from tavla.store.audit import log_entries
    from tavla.store.record import get_record

    before = add_participant(sqlite_store, "Före", enrolled_on=today)
    made = make_backup(sqlite_store, now=NOW)
    after = add_participant(sqlite_store, "Efter", enrolled_on=today)
    get_record(sqlite_store, before)  # a read of Före's record, logged
    current = [(e.actor, e.action, e.code, e.detail) for e in log_entries(sqlite_store)]
    sqlite_store.close()

    aside = restore(Location.sqlite(db_path), made, now=NOW, actor="återställare")

    restored = open_store(Location.sqlite(db_path), actor="a")
    try:
        kept = [(e.actor, e.action, e.code, e.detail) for e in log_entries(restored)]
    finally:
        restored.close()
    assert kept[0] == ("återställare", "restore", None, f"{made.name}; 2 log entries carried over")
    # Newest first: the read of Före (found again by code), the enrolment of Efter (not in
    # the backup: its code is in the detail), then everything the backup had.
    assert kept[1] == ("testare", "read", before, current[0][3])
    assert kept[2] == ("testare", "create", None, f"participant [{after}]")
    assert kept[3:] == current[2:]
    assert aside is not None  # and the set-aside board still holds its own log whole


def _corrupt(path: Path) -> Path:
    path.write_bytes(os.urandom(64 * 1024))
    return path


def _other_program(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    return path


def _truncated(path: Path, good: Path) -> Path:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize("kind", ["corrupt", "other", "truncated", "missing"])
def test_a_bad_backup_is_refused_and_the_database_left_alone(
    sqlite_store, db_path, tmp_path, today, kind
):
    add_participant(sqlite_store, "Kvar", enrolled_on=today)
    good = make_backup(sqlite_store, now=NOW)
    sqlite_store.close()
    source = tmp_path / f"{kind}.db"
    if kind == "corrupt":
        _corrupt(source)
    elif kind == "other":
        _other_program(source)
    elif kind == "truncated":
        _truncated(source, good)
    before = db_path.read_bytes()

    with pytest.raises(UserError):
        restore(Location.sqlite(db_path), source, now=NOW, actor="a")

    assert db_path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if "restor" in p.name]
    store = open_store(Location.sqlite(db_path), actor="a")
    assert names(store) == ["Kvar"]
    store.close()


def test_a_backup_from_a_newer_tavla_is_refused(sqlite_store, db_path, tmp_path):
    made = make_backup(sqlite_store, now=NOW)
    with sqlite3.connect(made) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(UserError, match=r"nyare|newer"):
        restore(Location.sqlite(db_path), made, now=NOW, actor="a")


def test_check_passes_on_a_good_database(sqlite_store, db_path):
    make_backup(sqlite_store, now=NOW)
    results = check(Location.sqlite(db_path))
    assert results and all(result.ok for result in results), results


def test_cli_check_is_0_on_a_good_database_and_prints_a_tick_per_check(db_path, capsys):
    assert run(capsys, "--db", str(db_path), "participant", "add", "--name", "A")[0] == 0
    os.chmod(db_path.parent, 0o700)
    code, out, err = run(capsys, "--db", str(db_path), "check")
    assert code == 0, out + err
    lines = out.splitlines()
    assert len(lines) >= 5 and all(line.startswith("✓ ") for line in lines)
    code, out, _err = run(capsys, "--db", str(db_path), "check", "--json")
    assert code == 0 and '"ok": true' in out and '"ok": false' not in out


def test_cli_check_is_1_on_a_database_readable_by_others(db_path, capsys):
    run(capsys, "--db", str(db_path), "participant", "add", "--name", "A")
    os.chmod(db_path, 0o644)
    code, out, _err = run(capsys, "--db", str(db_path), "check")
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("✗ ") and "0644" in line]


def test_cli_check_is_1_on_a_corrupted_page(db_path, capsys):
    run(capsys, "--db", str(db_path), "participant", "add", "--name", "A")
    data = bytearray(db_path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page : 4 * page] = os.urandom(2 * page)
    db_path.write_bytes(bytes(data))
    code, out, err = run(capsys, "--db", str(db_path), "check")
    assert code == 1 and "Traceback" not in err
    assert any(line.startswith("✗ ") for line in out.splitlines())


def test_cli_backup_prints_the_path_and_restore_asks_first(db_path, tmp_path, capsys, monkeypatch):
    run(capsys, "--db", str(db_path), "participant", "add", "--name", "A")
    code, out, _err = run(capsys, "--db", str(db_path), "backup", "--to", str(tmp_path / "b"))
    made = Path(out.strip())
    assert code == 0 and made.parent == tmp_path / "b" and made.is_file()
    before = db_path.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, _out, _err = run(capsys, "--db", str(db_path), "restore", str(made))
    assert code == 1 and db_path.read_bytes() == before  # answered no: nothing changed
    code, out, _err = run(capsys, "--db", str(db_path), "restore", str(made), "--yes")
    assert code == 0
    assert [p for p in tmp_path.iterdir() if p.name.startswith("tavla.db.before-restore-")]


def test_cli_backup_of_a_postgresql_board_is_one_sentence(pg_location, monkeypatch, capsys):
    monkeypatch.setenv("TAVLA_DATABASE_URL", pg_location.url)
    code, out, err = run(capsys, "backup")
    assert code == 1 and out == ""
    assert err.startswith("tavla: ") and err.count("\n") == 1 and "pg_dump" in err


def test_check_of_a_postgresql_board_is_connection_and_schema(pg_location):
    open_store(pg_location, actor="a").close()
    results = check(pg_location)
    assert len(results) == 2 and all(result.ok for result in results), results


async def test_opening_the_board_makes_the_days_backup(demo_store, db_path, today):
    from tavla.app import TavlaApp

    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    [made] = list_backups(db_path.parent / BACKUP_FOLDER)
    assert made.auto and made.made.date() == today and mode(made.path) == 0o600
    with sqlite3.connect(made.path) as conn:
        assert conn.execute("SELECT count(*) FROM participant").fetchone()[0] > 0


async def test_a_failed_automatic_backup_is_a_notice_not_a_crash(demo_store, db_path, today):
    from tavla.app import TavlaApp
    from tavla.screens.board import BoardScreen

    from .conftest import notices

    (db_path.parent / BACKUP_FOLDER).write_text("a file in the way")
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert any(str(db_path.parent / BACKUP_FOLDER) in notice for notice in notices(app))
