"""Backups per board: the demo and the real board in one folder each get their own daily
backup, neither is pruned for the other, and a backup of one is not restored onto the other
without --other-board. SQLite only: a shared PostgreSQL board is backed up on the server."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import Location, open_store
from tavla.store.backup import (
    BACKUP_FOLDER,
    board_mark,
    daily_backup,
    list_backups,
    make_backup,
)
from tavla.store.check import check
from tavla.store.participants import add_participant, list_participants
from tavla.store.restore import restore

from .test_cli import run

TODAY = date(2026, 11, 28)
OWN = _("Backups of this board")
MORNING = datetime(2026, 11, 28, 8, 5)


def identity(path: Path) -> str | None:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT value FROM setting WHERE key = 'board_id'").fetchone()
    conn.close()
    return row[0] if row else None


def names(path: Path) -> list[str]:
    store = open_store(Location.sqlite(path), actor="a")
    try:
        return sorted(p.name for p in list_participants(store))
    finally:
        store.close()


@pytest.fixture
def boards(tmp_path: Path) -> tuple[Path, Path]:
    """The real board (tavla.db, one participant) and the demo (demo.db) in one folder, as the
    default data folder has them."""
    from tavla.demo import create_demo

    real, demo = tmp_path / "tavla.db", tmp_path / "demo.db"
    store = open_store(Location.sqlite(real), actor="a")
    add_participant(store, "Riktig Person", enrolled_on=TODAY)
    store.close()
    store = open_store(Location.sqlite(demo), actor="a")
    create_demo(store, TODAY)
    store.close()
    return real, demo


def daily(path: Path, now: datetime) -> Path | None:
    store = open_store(Location.sqlite(path), actor="a")
    try:
        return daily_backup(store, now=now)
    finally:
        store.close()


def test_each_board_has_its_own_identity_kept_when_reopened(boards):
    real, demo = boards
    assert identity(real) and identity(demo) and identity(real) != identity(demo)
    before = identity(real)
    open_store(Location.sqlite(real), actor="a").close()
    assert identity(real) == before


def test_opening_demo_then_real_board_one_day_backs_up_each_and_refuses_the_others(boards, capsys):
    """Opening the demo and then the real board on the same day leaves a backup of each;
    restoring one onto the other is refused."""
    real, demo = boards
    demo_backup = daily(demo, MORNING)
    real_backup = daily(real, MORNING + timedelta(hours=2))

    assert demo_backup is not None and demo_backup.name == "demo-2026-11-28T0805-auto.db"
    assert real_backup is not None and real_backup.name == "tavla-2026-11-28T1005-auto.db"
    assert identity(demo_backup) == identity(demo) and identity(real_backup) == identity(real)
    # and once a day each: a second opening of either makes none
    assert daily(demo, MORNING + timedelta(hours=5)) is None
    assert daily(real, MORNING + timedelta(hours=5)) is None

    before = real.read_bytes()
    code, out, err = run(capsys, "--db", str(real), "restore", str(demo_backup), "--yes")
    assert code == 1 and out == ""
    [line] = err.splitlines()
    assert str(demo_backup) in line and "--other-board" in line and "Traceback" not in err
    assert real.read_bytes() == before and names(real) == ["Riktig Person"]
    assert not [p for p in real.parent.iterdir() if "restor" in p.name]

    demo_before = demo.read_bytes()
    with pytest.raises(UserError, match="--other-board"):
        restore(Location.sqlite(demo), real_backup, now=MORNING, actor="a")
    assert demo.read_bytes() == demo_before


def test_the_check_reads_the_identity_inside_not_the_name(boards):
    """A demo backup renamed to look like the real board's is still the demo's."""
    real, demo = boards
    made = daily(demo, MORNING)
    disguised = made.rename(made.with_name("tavla-2026-11-28T0805-auto.db"))
    with pytest.raises(UserError, match="--other-board"):
        restore(Location.sqlite(real), disguised, now=MORNING, actor="a")
    # It does not count as the real board's backup of the day either.
    assert daily(real, MORNING + timedelta(hours=1)) is not None
    # And `tavla check` of the real board names it.
    [own] = [result for result in check(Location.sqlite(real)) if result.what == OWN]
    assert not own.ok and disguised.name in own.detail


def test_with_other_board_the_backup_is_restored_and_the_board_is_the_backups_board(boards, capsys):
    real, demo = boards
    demo_backup = make_backup(_opened(demo), now=MORNING)
    code, out, err = run(
        capsys, "--db", str(real), "restore", str(demo_backup), "--yes", "--other-board"
    )
    assert code == 0 and "tavla.db.before-restore-" in out, err
    assert len(names(real)) == 12 and identity(real) == identity(demo)


def _opened(path: Path):
    store = open_store(Location.sqlite(path), actor="a")
    store.close()  # make_backup opens its own connections; the engine is not needed
    return store


def test_a_restored_backup_is_the_same_board(boards):
    real, _demo = boards
    board = identity(real)
    made = make_backup(_opened(real), now=MORNING)
    restore(Location.sqlite(real), made, now=MORNING, actor="a")
    assert identity(real) == board
    assert daily(real, MORNING + timedelta(hours=1)) is None  # the one made by hand counts


def test_a_backup_from_before_boards_had_an_identity_is_restored_as_this_board(boards):
    real, demo = boards
    board = identity(real)
    made = make_backup(_opened(real), now=MORNING)
    with sqlite3.connect(made) as conn:
        conn.execute("DELETE FROM setting WHERE key = 'board_id'")
    conn.close()
    assert board_mark(made, None).identity is None

    restore(Location.sqlite(real), made, now=MORNING, actor="a")
    assert identity(real) == board

    # Without an identity the demo mark still tells the demo from a real board.
    demo_made = make_backup(_opened(demo), now=MORNING)
    with sqlite3.connect(demo_made) as conn:
        conn.execute("DELETE FROM setting WHERE key = 'board_id'")
    conn.close()
    with pytest.raises(UserError, match="--other-board"):
        restore(Location.sqlite(real), demo_made, now=MORNING, actor="a")


def test_pruning_the_real_boards_backups_leaves_the_demos(boards):
    real, demo = boards
    folder = real.parent / BACKUP_FOLDER
    old = MORNING - timedelta(days=400)
    demo_old = daily(demo, old)
    real_old = daily(real, old + timedelta(minutes=1))
    assert demo_old is not None and real_old is not None
    daily(real, MORNING)  # prunes the real board's: its 400-day-old backup goes
    left = {backup.path.name for backup in list_backups(folder)}
    assert demo_old.name in left and real_old.name not in left
    assert {b.board for b in list_backups(folder)} == {"demo", "tavla"}


def test_check_is_green_with_both_boards_backups_beside_each_other(boards):
    real, demo = boards
    for path in boards:
        path.parent.chmod(0o700)
    daily(demo, MORNING)
    daily(real, MORNING)
    for path in (real, demo):
        results = check(Location.sqlite(path))
        assert all(result.ok for result in results), results
        [own] = [result for result in results if result.what == OWN]
        assert own.detail.startswith("1,")


def test_a_backup_of_another_board_is_refused_before_the_question(boards, capsys, monkeypatch):
    import io

    real, demo = boards
    demo_backup = make_backup(_opened(demo), now=MORNING)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, err = run(capsys, "--db", str(real), "restore", str(demo_backup))
    assert code == 1 and "?" not in out and "--other-board" in err
    assert names(real) == ["Riktig Person"]
