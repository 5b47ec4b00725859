"""`tavla demo` keeps practice: a demo changed since it was written is not written anew
without a yes at the terminal or --reset, and quitting the demo says how to open it again."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from tavla.demo import changes_since_written, create_demo
from tavla.store import open_store
from tavla.store.ratings import NewRating, add_rating
from tavla.store.record import get_record

from .test_cli import run


def _first_code(store) -> str:
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT code FROM participant ORDER BY id")
        return cursor.fetchone()[0]


def test_reading_is_not_practice_and_a_change_is_until_the_demo_is_written_anew(location, today):
    store = open_store(location, actor="övar")
    try:
        assert changes_since_written(store) == 0  # an empty board is no demo
        create_demo(store, today)
        assert changes_since_written(store) == 0
        code = _first_code(store)
        get_record(store, code)  # reading is logged, and changes nothing
        assert changes_since_written(store) == 0
        add_rating(store, code, NewRating(lane="health", level=2), rated_on=today, today=today)
        assert changes_since_written(store) == 1
        create_demo(store, today)
        assert changes_since_written(store) == 0
    finally:
        store.close()


def test_a_demo_written_before_the_mark_was_kept_counts_as_changed(location, today):
    from tavla.store import settings

    store = open_store(location, actor="övar")
    try:
        create_demo(store, today)
        with store.write() as session:
            from tavla.store.models import Setting

            session.delete(session.get(Setting, settings.DEMO_WRITTEN))
        assert changes_since_written(store) > 0
    finally:
        store.close()


# --- the command line -------------------------------------------------------------------------


class Terminal(io.StringIO):
    """Standard input that is a terminal, where the user types `answers`."""

    def isatty(self) -> bool:
        return True


def ratings(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        count = conn.execute("SELECT count(*) FROM rating").fetchone()[0]
    conn.close()
    return count


@pytest.fixture
def practised(tmp_path: Path, capsys, monkeypatch) -> tuple[Path, int]:
    """A demo written, then practised on: one rating recorded. Its path and the number of
    ratings the demo has as written. No terminal to ask at, unless a test gives one."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    path = tmp_path / "demo.db"
    assert run(capsys, "demo", "--db", str(path), "--no-open")[0] == 0
    written = ratings(path)
    code = json.loads(run(capsys, "participant", "list", "--db", str(path), "--json")[1])[0]
    assert run(capsys, "rate", code["code"], "health", "2", "--db", str(path))[0] == 0
    assert ratings(path) == written + 1
    return path, written


def test_an_unchanged_demo_is_written_anew_without_a_question(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    path = tmp_path / "demo.db"
    code, out, _err = run(capsys, "demo", "--db", str(path), "--no-open")
    assert code == 0 and f"tavla --db {path}" in out
    code, out, err = run(capsys, "demo", "--db", str(path), "--no-open")
    assert (code, err) == (0, "") and str(path) in out


def test_a_practised_demo_without_a_terminal_is_refused_and_kept(practised, capsys):
    path, written = practised
    before = path.read_bytes()
    code, out, err = run(capsys, "demo", "--db", str(path), "--no-open")
    assert code == 1 and out == ""
    [line] = err.splitlines()
    assert str(path) in line and "--reset" in line and f"tavla --db {path}" in line
    assert ratings(path) == written + 1 and path.read_bytes() == before


def test_reset_writes_the_practised_demo_anew(practised, capsys):
    path, written = practised
    code, out, err = run(capsys, "demo", "--db", str(path), "--no-open", "--reset")
    assert (code, err) == (0, "") and str(path) in out
    assert ratings(path) == written


@pytest.mark.parametrize(("answer", "kept"), [("n\n", True), ("\n", True), ("y\n", False)])
def test_at_a_terminal_the_user_is_asked(practised, capsys, monkeypatch, answer, kept):
    path, written = practised
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    code, out, err = run(capsys, "demo", "--db", str(path), "--no-open")
    assert code == 0, err
    assert str(path) in out and "?" in out  # the question, then where the demo is
    assert ratings(path) == (written + 1 if kept else written)


def test_quitting_the_demo_says_where_it_is_and_how_to_open_it(tmp_path, capsys, monkeypatch):
    opened = []

    def run_board(store, today=None, *, presentation=None, municipality=None):
        opened.append(store.location.path)
        store.close()

    monkeypatch.setattr("tavla.cli.commands.run_board", run_board)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    path = tmp_path / "mapp med mellanslag" / "demo.db"
    path.parent.mkdir()
    code, out, err = run(capsys, "demo", "--db", str(path))
    assert (code, err) == (0, "") and opened == [path]
    assert out.splitlines()[-1].endswith(f"tavla --db '{path}'")
