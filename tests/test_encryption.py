"""Encryption at rest (SQLCipher): a board made with a key is unreadable without it, a wrong or
missing key is one sentence, backups stay encrypted, and `tavla encrypt` keeps every row."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from tavla.errors import UserError
from tavla.store import Location, open_store
from tavla.store.backup import BACKUP_FOLDER, daily_backup, list_backups
from tavla.store.changes import watch
from tavla.store.cipher import key_needed, wrong_key
from tavla.store.participants import add_participant, list_participants

from .conftest import screen_text, settle
from .test_cli import run

# A quote and letters outside ASCII: the key must reach SQLCipher unchanged either way in.
KEY = "korrekt häst'batteri"
NAME = "Hedvig Hemligsson"
PLAIN = b"SQLite format 3\x00"
NOW = datetime(2026, 11, 23, 9, 15)


@pytest.fixture(autouse=True)
def no_key_in_the_environment(monkeypatch):
    monkeypatch.setenv("TAVLA_KEY", "")
    monkeypatch.delenv("TAVLA_KEY")


@contextmanager
def keyed(path: Path, key: str = KEY):
    """A sqlcipher3 connection to `path` opened with `key`, as any SQLCipher tool would."""
    import sqlcipher3

    with closing(sqlcipher3.connect(str(path))) as conn:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA key = '" + key.replace("'", "''") + "'")
        yield conn


def file_bytes(path: Path) -> bytes:
    """The file and its WAL, if any: everything of the board that is on the disk."""
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def assert_encrypted(path: Path, *secrets: str) -> None:
    assert path.read_bytes()[:16] != PLAIN
    data = file_bytes(path)
    for secret in secrets:
        assert secret.encode() not in data, secret


def tavla(*args: str, key: str | None = None) -> subprocess.CompletedProcess:
    """tavla in a process of its own, stdin not a terminal, TAVLA_KEY only if `key`."""
    env = {name: value for name, value in os.environ.items() if name != "TAVLA_KEY"}
    if key is not None:
        env["TAVLA_KEY"] = key
    return subprocess.run(
        [sys.executable, "-m", "tavla", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
    )


def all_rows(conn) -> dict[str, list]:
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {
        name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        for name in tables
    }


@pytest.fixture
def board(tmp_path: Path, capsys, monkeypatch) -> Path:
    """An encrypted board made through the command line with TAVLA_KEY, holding NAME as HH22."""
    path = tmp_path / "tavla.db"
    monkeypatch.setenv("TAVLA_KEY", KEY)
    code, out, err = run(
        capsys, "--db", str(path), "participant", "add", "--name", NAME, "--code", "HH22"
    )
    assert code == 0 and out.strip() == "HH22", err
    return path


@pytest.fixture
def prompt(monkeypatch) -> list[str]:
    """stdin is a terminal and the key typed at it is KEY; the prompts asked are recorded."""
    asked: list[str] = []
    answers = iter([KEY, KEY])

    class Terminal:
        def isatty(self) -> bool:
            return True

    def getpass(text: str) -> str:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", getpass)
    return asked


# --- a board made with a key ------------------------------------------------------------------


def test_a_board_made_with_tavla_key_is_encrypted_and_works_through_the_cli(board, capsys):
    assert_encrypted(board, NAME, "HH22")
    assert run(capsys, "--db", str(board), "rate", "HH22", "health", "3")[0] == 0
    code, out, _err = run(capsys, "--db", str(board), "participant", "list")
    assert code == 0 and NAME in out
    assert_encrypted(board, NAME)
    with keyed(board) as conn:
        assert conn.execute("SELECT level FROM rating").fetchall() == [(3,)]
    with pytest.raises(sqlite3.DatabaseError), closing(sqlite3.connect(board)) as conn:
        conn.execute("SELECT * FROM participant").fetchall()


def test_the_key_is_shown_nowhere_in_the_location(board):
    location = Location.sqlite(board, key=KEY)
    assert KEY not in repr(location) and KEY not in location.url
    assert KEY not in location.describe()
    assert location == Location.sqlite(board)  # the key is not part of which board it is


def test_without_the_key_it_is_one_sentence_and_exit_1(board):
    result = tavla("--db", str(board), "participant", "list")
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert str(board) in line and "TAVLA_KEY" in line and "Traceback" not in line


def test_a_wrong_key_is_one_sentence_with_nothing_from_sqlcipher(board):
    result = tavla("--lang", "en", "--db", str(board), "participant", "list", key="fel nyckel")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [f"tavla: The key does not open {board}."]
    # The quick path that opens the board (`tavla --db PATH`) says the same.
    result = tavla("--lang", "en", "--db", str(board), key="fel nyckel")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"tavla: The key does not open {board}."]


def test_a_wrong_key_in_the_store_is_about_the_key(board):
    with pytest.raises(UserError) as raised:
        open_store(Location.sqlite(board, key="fel"), actor="a")
    assert str(raised.value) == wrong_key(board)
    with pytest.raises(UserError) as raised:
        open_store(Location.sqlite(board), actor="a")
    assert str(raised.value) == key_needed(board) and "TAVLA_KEY" in str(raised.value)


def test_the_key_can_be_typed_at_the_prompt(board, capsys, monkeypatch, prompt):
    monkeypatch.delenv("TAVLA_KEY")
    code, out, err = run(capsys, "--db", str(board), "participant", "list")
    assert code == 0 and NAME in out, err
    assert len(prompt) == 1 and str(board) in prompt[0]
    assert KEY not in out + err


def test_a_wrong_or_empty_key_at_the_prompt_is_one_sentence(board, capsys, monkeypatch, prompt):
    monkeypatch.delenv("TAVLA_KEY")
    for typed in ("fel", ""):
        monkeypatch.setattr("getpass.getpass", lambda _text, typed=typed: typed)
        code, out, err = run(capsys, "--db", str(board), "participant", "list")
        assert code == 1 and out == "" and len(err.splitlines()) == 1, err
        assert "Traceback" not in err


def test_serve_hands_a_typed_key_to_the_tabs_through_the_environment_only(
    board, monkeypatch, prompt
):
    from tavla.cli.serve import checked_location, serve_command

    monkeypatch.delenv("TAVLA_KEY")
    location = checked_location(str(board))
    assert len(prompt) == 1 and str(board) in prompt[0]
    assert os.environ.get("TAVLA_KEY") == KEY
    assert KEY not in serve_command(location, "sv")


def test_a_plain_board_is_not_asked_for_a_key_and_does_not_load_sqlcipher(tmp_path):
    path = tmp_path / "plain.db"
    assert tavla("--db", str(path), "participant", "add", "--name", NAME).returncode == 0
    script = (
        "import sys\n"
        "from tavla.cli.main import main\n"
        "try:\n"
        f"    main(['--db', {str(path)!r}, 'participant', 'list'])\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print('sqlcipher3' in sys.modules)\n"
    )
    env = {name: value for name, value in os.environ.items() if name != "TAVLA_KEY"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert result.stdout.splitlines()[-1] == "False", result.stderr
    assert path.read_bytes()[:16] == PLAIN


def test_a_plain_board_with_tavla_key_set_is_one_sentence_and_left_plain(tmp_path):
    path = tmp_path / "plain.db"
    assert tavla("--db", str(path), "participant", "add", "--name", NAME).returncode == 0
    before = path.read_bytes()
    result = tavla("--db", str(path), "participant", "list", key=KEY)
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    assert str(path) in result.stderr and "TAVLA_KEY" in result.stderr
    assert path.read_bytes() == before


# --- backups, restore, check ------------------------------------------------------------------


def test_a_backup_of_an_encrypted_board_is_encrypted_and_restores(board, tmp_path, capsys):
    code, out, err = run(capsys, "--db", str(board), "backup")
    made = Path(out.strip())
    assert code == 0 and made.parent == board.parent / BACKUP_FOLDER, err
    assert_encrypted(made, NAME, "HH22")
    with keyed(made) as conn:
        assert conn.execute("SELECT name FROM participant").fetchall() == [(NAME,)]
    with pytest.raises(Exception, match="not a database"), keyed(made, "fel") as conn:
        conn.execute("SELECT 1 FROM participant")

    assert run(capsys, "--db", str(board), "participant", "add", "--name", "Efter Backup")[0] == 0
    code, out, err = run(capsys, "--db", str(board), "restore", str(made), "--yes")
    assert code == 0, err
    code, out, _err = run(capsys, "--db", str(board), "participant", "list")
    assert code == 0 and NAME in out and "Efter Backup" not in out
    assert_encrypted(board, NAME)
    [aside] = [p for p in tmp_path.iterdir() if p.name.startswith("tavla.db.before-restore-")]
    assert_encrypted(aside, "Efter Backup")


def test_a_plain_backup_restored_onto_an_encrypted_board_comes_back_encrypted(
    tmp_path, capsys, monkeypatch
):
    path = tmp_path / "tavla.db"
    assert run(capsys, "--db", str(path), "participant", "add", "--name", NAME)[0] == 0
    made = Path(run(capsys, "--db", str(path), "backup")[1].strip())
    monkeypatch.setenv("TAVLA_KEY", KEY)
    assert run(capsys, "--db", str(path), "encrypt")[0] == 0
    assert made.read_bytes()[:16] == PLAIN  # made before: left as it was
    code, _out, err = run(capsys, "--db", str(path), "restore", str(made), "--yes")
    assert code == 0, err
    assert_encrypted(path, NAME)
    assert NAME in run(capsys, "--db", str(path), "participant", "list")[1]


def test_a_mistyped_key_never_becomes_the_restored_boards_key(board, tmp_path, capsys, monkeypatch):
    plain = tmp_path / "plain.db"
    monkeypatch.delenv("TAVLA_KEY")
    assert run(capsys, "--db", str(plain), "participant", "add", "--name", "Annan")[0] == 0
    backup = Path(run(capsys, "--db", str(plain), "backup")[1].strip())
    before = board.read_bytes()
    monkeypatch.setenv("TAVLA_KEY", "felstavad")
    code, _out, err = run(capsys, "--db", str(board), "restore", str(backup), "--yes")
    assert code == 1 and len(err.splitlines()) == 1 and str(board) in err
    assert board.read_bytes() == before


def test_check_passes_on_an_encrypted_board_and_tells_a_plain_backup(board, capsys):
    os.chmod(board.parent, 0o700)
    run(capsys, "--db", str(board), "backup")
    code, out, err = run(capsys, "--db", str(board), "check")
    assert code == 0, out + err
    assert all(line.startswith("✓ ") for line in out.splitlines())
    # A plain copy of the board beside it defeats the encryption: check says so.
    plain = board.parent / BACKUP_FOLDER / "tavla-2026-01-01T0000.db"
    with closing(sqlite3.connect(plain)) as conn:
        conn.execute("CREATE TABLE participant (name)")
    os.chmod(plain, 0o600)
    code, out, _err = run(capsys, "--db", str(board), "check")
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("✗ ") and plain.name in line]


def test_check_of_an_encrypted_board_with_a_wrong_key_is_one_sentence(board):
    result = tavla("--db", str(board), "check", key="fel")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert str(board) in result.stdout + result.stderr


def test_the_daily_backup_of_an_encrypted_board_is_encrypted(board):
    store = open_store(Location.sqlite(board, key=KEY), actor="a")
    try:
        made = daily_backup(store, now=NOW)
    finally:
        store.close()
    assert made is not None and list_backups(made.parent)[0].auto
    assert_encrypted(made, NAME)
    with keyed(made) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT name FROM participant").fetchall() == [(NAME,)]


# --- tavla encrypt ----------------------------------------------------------------------------


def test_encrypt_turns_the_demo_board_into_an_encrypted_one_with_every_row(tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert tavla("demo", "--db", str(path), "--no-open").returncode == 0
    with closing(sqlite3.connect(path)) as conn:
        before = all_rows(conn)
        names = [row[0] for row in conn.execute("SELECT name FROM participant")]
    assert tavla("--db", str(path), "backup").returncode == 0
    result = tavla("--lang", "en", "--db", str(path), "encrypt", key=KEY)
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert str(path) in line and str(path.parent / BACKUP_FOLDER) in line and "not" in line
    assert_encrypted(path, *names)
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left
    with keyed(path) as conn:
        assert all_rows(conn) == before
        assert sum(len(rows) for rows in before.values()) > 1000
    result = tavla("--db", str(path), "participant", "list", key=KEY)
    assert result.returncode == 0 and all(name in result.stdout for name in names)


def test_encrypt_refuses_an_encrypted_board(board, capsys):
    before = board.read_bytes()
    code, _out, err = run(capsys, "--db", str(board), "encrypt")
    assert code == 1 and len(err.splitlines()) == 1 and str(board) in err
    assert board.read_bytes() == before


def test_encrypt_refuses_a_shared_board(capsys, monkeypatch, pg_location):
    monkeypatch.setenv("TAVLA_DATABASE_URL", pg_location.url)
    code, _out, err = run(capsys, "encrypt")
    assert code == 1 and len(err.splitlines()) == 1 and "PostgreSQL" in err


def test_encrypt_refuses_a_board_open_in_another_tavla(tmp_path, capsys, monkeypatch):
    path = tmp_path / "tavla.db"
    assert run(capsys, "--db", str(path), "participant", "add", "--name", NAME)[0] == 0
    other = open_store(Location.sqlite(path), actor="other")
    try:
        list_participants(other)
        with other.engine.connect():  # another tavla holds a connection to the board
            monkeypatch.setenv("TAVLA_KEY", KEY)
            code, _out, err = run(capsys, "--db", str(path), "encrypt")
    finally:
        other.close()
    assert code == 1 and len(err.splitlines()) == 1
    assert path.read_bytes()[:16] == PLAIN


def test_encrypt_asks_twice_and_refuses_keys_that_differ(tmp_path, capsys, monkeypatch, prompt):
    path = tmp_path / "tavla.db"
    assert run(capsys, "--db", str(path), "participant", "add", "--name", NAME)[0] == 0
    answers = iter([KEY, KEY + "x"])
    monkeypatch.setattr("getpass.getpass", lambda text: prompt.append(text) or next(answers))
    code, _out, err = run(capsys, "--db", str(path), "encrypt")
    assert code == 1 and len(err.splitlines()) == 1 and len(prompt) == 2
    assert path.read_bytes()[:16] == PLAIN
    answers = iter([KEY, KEY])
    code, out, err = run(capsys, "--db", str(path), "encrypt")
    assert code == 0 and str(path) in out, err
    assert_encrypted(path, NAME)


# --- the store and the app on an encrypted board ----------------------------------------------


def test_the_watcher_notices_a_write_on_an_encrypted_board(board, today):
    location = Location.sqlite(board, key=KEY)
    store = open_store(location, actor="a")
    watcher = watch(store)
    other = open_store(location, actor="other")
    try:
        assert watcher.wait(0.3) is False
        add_participant(other, "Från annan anslutning", enrolled_on=today)
        assert watcher.wait(1.0) is True
        script = (
            "import os\n"
            "from datetime import date\n"
            "from tavla.store import Location, open_store\n"
            "from tavla.store.participants import add_participant\n"
            f"store = open_store(Location.sqlite({str(board)!r}, os.environ['TAVLA_KEY']), "
            "actor='other')\n"
            "add_participant(store, 'Från annan process', enrolled_on=date(2026, 11, 23))\n"
        )
        subprocess.run(
            [sys.executable, "-c", script], check=True, env={**os.environ, "TAVLA_KEY": KEY}
        )
        assert watcher.wait(1.0) is True
    finally:
        watcher.close()
        other.close()
        store.close()
    assert_encrypted(board, "Från annan")


async def test_the_app_shows_the_encrypted_demo_board(tmp_path, today):
    from tavla.app import TavlaApp
    from tavla.demo import create_demo
    from tavla.domain.display import fit_name
    from tavla.widgets.board_table import NAME_WIDTH, BoardTable

    path = tmp_path / "demo.db"
    store = open_store(Location.sqlite(path, key=KEY), actor="testare")
    try:
        create_demo(store, today)
        app = TavlaApp(store, today=today, watch=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(app, pilot)
            assert app.screen.query_one(BoardTable).row_count == 12
            text = screen_text(app)
            participants = list_participants(store)
            assert all(fit_name(row.name, NAME_WIDTH) in text for row in participants)
    finally:
        store.close()
    assert_encrypted(path, *(row.name for row in participants))
    # The day's automatic backup, made when the board was painted, is encrypted too.
    [made] = list_backups(path.parent / BACKUP_FOLDER)
    assert_encrypted(made.path, participants[0].name)
