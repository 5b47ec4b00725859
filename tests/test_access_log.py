"""The access log made visible and append-only: the query, the database's refusal to change
it, `tavla log`, the person's extract, and the screen behind `g` on the board."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from textual.widgets import DataTable, Input

from tavla.app import TavlaApp
from tavla.errors import NotFound
from tavla.store import Location, audit, open_store
from tavla.store.audit import LogEntry, log_entries
from tavla.store.participants import add_participant
from tavla.store.ratings import NewRating, add_rating

from .conftest import notices, settle
from .test_cli import run

# An actor as hostile as it gets: a formula start, HTML, Rich markup, Markdown, an escape.
HOSTILE = "=1+2 <script>alert(1)</script> [bold]x[/] | *y* \x1b[31m"
FORMULAS = ("=", "+", "-", "@")


@pytest.fixture
def clock(monkeypatch):
    """The log's clock, set by hand: `clock[0] = day` makes what follows happen at 09:00 UTC."""
    now = [1]
    monkeypatch.setattr(audit, "utcnow", lambda: datetime(2026, 11, now[0], 9, 0, tzinfo=UTC))
    return now


@pytest.fixture
def two_people(store, clock, today):
    add_participant(store, "Anna Test", code="AT22", enrolled_on=today, today=today)
    clock[0] = 2
    add_participant(store, "Bo Test", code="BT33", enrolled_on=today, today=today)
    clock[0] = 3
    add_rating(store, "AT22", NewRating("health", 3), rated_on=today, today=today)
    return store


def test_the_log_is_newest_first_with_codes(two_people):
    entries = log_entries(two_people)
    assert [(e.action, e.code) for e in entries] == [
        ("rate", "AT22"),
        ("create", "BT33"),
        ("create", "AT22"),
    ]
    assert all(isinstance(e, LogEntry) and e.at.tzinfo is not None for e in entries)
    assert entries[0].at == datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
    assert entries[0].actor == "testare"
    assert entries[0].detail == "health"


def test_the_log_filtered_by_participant_day_and_count(two_people):
    assert [e.action for e in log_entries(two_people, code="at22", log=False)] == [
        "rate",
        "create",
    ]
    assert [e.code for e in log_entries(two_people, since=date(2026, 11, 2))] == ["AT22", "BT33"]
    assert [e.code for e in log_entries(two_people, limit=1)] == ["AT22"]
    assert log_entries(two_people, code="BT33", since=date(2026, 11, 3), log=False) == []


def test_reading_a_participants_log_is_logged(two_people):
    log_entries(two_people, code="BT33")
    newest = log_entries(two_people, limit=1)[0]
    assert (newest.action, newest.code, newest.detail) == ("read", "BT33", "access log")
    log_entries(two_people)  # the whole log: no participant's record is read
    log_entries(two_people, code="BT33", log=False)
    assert log_entries(two_people, limit=1)[0] == newest


def test_an_unknown_participant_is_one_sentence(two_people):
    with pytest.raises(NotFound) as refused:
        log_entries(two_people, code="ZZ99")
    assert "ZZ99" in str(refused.value)
    assert len(log_entries(two_people)) == 3  # nothing logged


@pytest.mark.parametrize(
    "statement",
    ["UPDATE access_log SET actor = 'someone else'", "DELETE FROM access_log"],
)
def test_the_database_refuses_to_change_the_log(two_people, statement):
    with pytest.raises(DBAPIError, match="append-only"), two_people.engine.begin() as conn:
        conn.execute(text(statement))
    assert len(log_entries(two_people)) == 3
    with two_people.engine.begin() as conn:  # adding still works
        conn.execute(
            text(
                "INSERT INTO access_log (at, actor, action, participant_id, detail)"
                " VALUES (:at, 'a', 'read', NULL, 'board')"
            ),
            {"at": datetime(2026, 11, 9, tzinfo=UTC)},
        )
    assert len(log_entries(two_people)) == 4


def test_postgresql_refuses_truncate_too(two_people):
    if two_people.is_sqlite:
        pytest.skip("SQLite has no TRUNCATE")
    with pytest.raises(DBAPIError, match="append-only"), two_people.engine.begin() as conn:
        conn.execute(text("TRUNCATE access_log"))


def test_the_triggers_go_with_a_downgrade_and_come_back(two_people):
    from alembic import command
    from alembic.config import Config

    from tavla.store.migrate import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with two_people.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
        conn.execute(text("UPDATE access_log SET detail = 'changed'"))
        command.upgrade(config, "head")
    with pytest.raises(DBAPIError, match="append-only"), two_people.engine.begin() as conn:
        conn.execute(text("DELETE FROM access_log"))


# --- the command line (SQLite) ---------------------------------------------------------


@pytest.fixture
def db(db_path, clock, today):
    store = open_store(Location.sqlite(db_path), actor=HOSTILE)
    add_participant(store, "Anna Test", code="AT22", enrolled_on=today, today=today)
    clock[0] = 2
    add_participant(store, "Bo Test", code="BT33", enrolled_on=today, today=today)
    clock[0] = 3
    store.close()
    return db_path


def test_tavla_log_prints_a_table_in_local_time(db, capsys):
    code, out, err = run(capsys, "log", "--db", str(db))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("2026-11-02 10:00")  # 09:00 UTC is 10:00 in Stockholm
    assert "BT33" in lines[0] and "AT22" in lines[1]
    assert "\x1b" not in out and "␛" in out  # the actor's escape character made visible


def test_tavla_log_json_and_filters(db, capsys):
    code, out, _err = run(capsys, "log", "--db", str(db), "--json", "--participant", "AT22")
    assert code == 0
    [entry] = json.loads(out)
    assert entry == {
        "at": "2026-11-01T09:00:00+00:00",
        "actor": HOSTILE,
        "action": "create",
        "code": "AT22",
        "detail": entry["detail"],
    }
    assert "\x1b" not in out  # escaped in the JSON text
    code, out, _err = run(capsys, "log", "--db", str(db), "--json", "--since", "2026-11-02")
    assert [e["code"] for e in json.loads(out)] == ["AT22", "BT33"]  # the read just logged
    code, out, _err = run(capsys, "log", "--db", str(db), "--json", "--limit", "1")
    assert len(json.loads(out)) == 1


@pytest.mark.parametrize(
    "args", [("--participant", "ZZ99"), ("--since", "igår"), ("--extract", "-o", "x.md")]
)
def test_tavla_log_mistakes_are_one_sentence(db, capsys, args):
    code, out, err = run(capsys, "log", "--db", str(db), *args)
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def _extract(capsys, db, target, *more):
    return run(
        capsys,
        "log",
        "--db",
        str(db),
        "--participant",
        "at22",
        "--extract",
        "-o",
        str(target),
        *more,
    )


def _cells(target) -> list[str]:
    """Every cell or text of an extract, as a reader of that format gets it."""
    if target.suffix == ".xlsx":
        book = load_workbook(target)
        for sheet in book:
            for row in sheet.iter_rows():
                assert all(cell.data_type != "f" for cell in row)  # no formula, ever
        return [
            str(c) for s in book for r in s.iter_rows(values_only=True) for c in r if c is not None
        ]
    if target.suffix == ".csv":
        rows = csv.reader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";")
        return [cell for row in rows for cell in row]
    return [target.read_text("utf-8")]


def _newest(db) -> LogEntry:
    store = open_store(Location.sqlite(db), actor="a")
    newest = log_entries(store, limit=1)[0]
    store.close()
    return newest


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".html", ".json"])
def test_the_extract_is_the_persons_own_inert_private_and_logged(db, tmp_path, capsys, suffix):
    target = tmp_path / f"utdrag{suffix}"
    code, out, err = _extract(capsys, db, target)
    assert (code, err) == (0, "")
    assert out.strip() == str(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    cells = _cells(target)
    written = "\n".join(cells)
    assert "\x1b" not in written  # control characters made visible (␛), or escaped in JSON
    assert "AT22" in written and "BT33" not in written
    assert "2026-11-01 10:00" in written  # 09:00 UTC in the board's time zone
    if suffix == ".json":
        data = json.loads(written)
        assert (data["format"], data["code"]) == ("tavla-access-log-extract", "AT22")
        [entry] = data["entries"]
        assert entry["actor"] == HOSTILE  # data, exactly as logged; the escape is \u001b
        assert (entry["action"], entry["local_time"]) == ("create", "2026-11-01 10:00")
    elif suffix == ".html":
        assert "<script>" not in written
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in written and "␛" in written
        assert "[bold]x[/]" in written  # markup is text, shown as typed
    else:
        [actor] = [cell for cell in cells if "<script>" in cell]
        assert actor == "'" + HOSTILE.replace("\x1b", "␛")  # the formula start made inert
        assert not any(cell.startswith(FORMULAS) for cell in cells)
    newest = _newest(db)
    assert (newest.action, newest.code) == ("export", "AT22")
    assert str(target) in newest.detail


def test_an_empty_extract_says_so(db, tmp_path, capsys):
    target = tmp_path / "utdrag.html"
    code, _out, err = _extract(capsys, db, target, "--since", "2026-12-01")
    assert (code, err) == (0, "")
    page = target.read_text("utf-8")
    assert "Inga poster." in page and "2026-12-01" in page and "<td>" not in page


@pytest.mark.parametrize("name", ["utdrag.md", "utdrag.txt", "utdrag"])
def test_an_extract_with_a_bad_suffix_is_one_sentence_and_no_file(db, tmp_path, capsys, name):
    before = _newest(db)
    folder = tmp_path / "ut"
    folder.mkdir()
    target = folder / name
    code, out, err = _extract(capsys, db, target)
    assert (code, out) == (1, "")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert ".xlsx" in err and name in err
    assert list(folder.iterdir()) == []  # no file, not even a temporary one
    assert _newest(db) == before  # nothing exported, nothing logged


# --- the screen ------------------------------------------------------------------------


async def test_g_on_the_board_shows_the_log_and_filters_by_code(demo_store, today):
    from tavla.screens.access_log import AccessLogScreen

    code = next(e.code for e in log_entries(demo_store) if e.code)
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        assert isinstance(app.screen, AccessLogScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count > 0
        assert len(table.columns) == 5
        codes = {str(table.get_row_at(row)[3]) for row in range(table.row_count)}
        assert len(codes) > 1
        # What was done, in words (the demo's enrolments), not the stored key.
        actions = {str(table.get_row_at(row)[2]) for row in range(table.row_count)}
        assert "skapade" in actions and "create" not in actions

        app.screen.query_one(Input).focus()
        await pilot.press(*code.lower(), "enter")
        await settle(app, pilot)
        rows = [table.get_row_at(row) for row in range(table.row_count)]
        assert rows and {str(row[3]) for row in rows} == {code}

        app.presentation = True
        await settle(app, pilot)
        assert len(table.columns) == 4  # the detail may hold a file path

        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, AccessLogScreen)
    reads = [e for e in log_entries(demo_store, code=code, log=False) if e.action == "read"]
    assert [e.detail for e in reads] == ["access log"]  # logged once, not on every reload


async def test_an_unknown_code_on_the_screen_keeps_the_log(demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        before = table.row_count
        app.screen.query_one(Input).focus()
        await pilot.press(*"zz99", "enter")
        await settle(app, pilot)
        assert table.row_count == before
        assert app.screen.code is None
        assert any("ZZ99" in str(message) for message in notices(app))


def test_the_demo_fills_an_empty_database_whose_log_already_has_entries(tmp_path, capsys):
    from .test_cli import run

    path = tmp_path / "t.db"
    code, _out, err = run(
        capsys, "--db", str(path), "contact", "add", "--name", "Maria Lind", "--principal", "region"
    )
    assert code == 0, err
    code, _out, err = run(capsys, "demo", "--db", str(path), "--no-open")
    assert code == 0, err
