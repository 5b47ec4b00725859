"""The command line: the contract scripts rely on, and one clear sentence for every mistake."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tavla import __version__
from tavla.cli.main import main

HOSTILE = "[bold red]x[/] [link=https://example.invalid]y"


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def dump(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return "\n".join(conn.iterdump())


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "t.db"
    code, out, _ = run(
        capsys, "--db", str(path), "participant", "add", "--name", "Anna Test", "--code", "AT22"
    )
    assert code == 0 and out.strip() == "AT22"
    return path


def test_version(capsys):
    assert run(capsys, "--version") == (0, f"tavla {__version__}\n", "")


def test_participant_add_prints_the_new_code_and_list_shows_it(db, capsys):
    code, out, _ = run(
        capsys, "participant", "add", "--db", str(db), "--name", "Bo Berg", "--pnr", "191212121212"
    )
    assert code == 0 and len(out.strip()) == 4
    new_code = out.strip()
    code, out, _ = run(capsys, "--db", str(db), "participant", "list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert any(line.startswith(new_code) and line.endswith("Bo Berg") for line in lines)


def test_participant_list_json_has_code_name_and_enrolment_date(db, capsys):
    code, out, _ = run(capsys, "--db", str(db), "participant", "list", "--json")
    [row] = json.loads(out)
    assert code == 0 and row["code"] == "AT22" and row["name"] == "Anna Test"
    assert len(row["enrolled_on"]) == 10


def test_a_hostile_name_shows_literally_in_list_and_json(db, capsys):
    name = HOSTILE + "\x1b[2J\x9b"
    run(capsys, "--db", str(db), "participant", "add", "--name", name, "--code", "HX22")
    _, out, _ = run(capsys, "--db", str(db), "participant", "list")
    assert HOSTILE in out and "\x1b" not in out and "\x9b" not in out
    _, out, _ = run(capsys, "--db", str(db), "participant", "list", "--json")
    assert "\x1b" not in out and "\x9b" not in out
    names = {row["name"] for row in json.loads(out)}
    assert name in names  # JSON escapes the control characters and keeps the data whole


def test_rate_records_a_rating(db, capsys):
    code, out, err = run(
        capsys,
        "--db",
        str(db),
        "rate",
        "at22",
        "hälsa",
        "3",
        "--need",
        "unmet",
        "--note",
        "Ny läkare",
    )
    assert code == 0 and err == "" and "AT22" in out
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT lane, level, need, note, author FROM rating").fetchone()
    assert row == ("health", 3, "unmet", "Ny läkare", "testare")


@pytest.mark.parametrize(
    ("lane", "level"), [("cognition", "unknown"), ("Kognitiv förmåga", "okänt"), ("social", "0")]
)
def test_rate_accepts_english_and_swedish_names(db, capsys, lane, level):
    assert run(capsys, "--db", str(db), "rate", "AT22", lane, level)[0] == 0


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("rate", "ZZ99", "health", "2"), "ingen deltagare med koden ZZ99"),
        (("rate", "AT22", "health", "7"), "'7' är ingen nivå"),
        (("rate", "AT22", "mood", "2"), "ingen dimension 'mood'"),
        (("rate", "AT22", "health", "2", "--need", "partly"), "ingen behovsmarkering"),
        (("rate", "AT22", "health", "2", "--note", "x" * 501), "längre än 500"),
        (("participant", "add", "--name", "X", "--pnr", "19121212-1213"), "kontrollsiffra"),
        (("participant", "add", "--name", "X", "--pnr", "1912121212"), "tolv siffror"),
        (("participant", "add", "--name", "X", "--code", "AT22"), "används redan"),
        (("participant", "add", "--name", "  "), "får inte vara tomt"),
    ],
)
def test_mistakes_are_one_sentence_exit_1_and_change_nothing(db, capsys, args, fragment):
    before = dump(db)
    code, out, err = run(capsys, "--db", str(db), *args)
    assert code == 1
    assert out == ""
    assert err.startswith("tavla: ") and err.count("\n") == 1 and fragment in err
    assert "Traceback" not in err
    assert dump(db) == before


@pytest.mark.parametrize("kind", ["missing-folder", "folder", "not-a-database", "missing-file"])
def test_unusable_database_paths_are_one_sentence(tmp_path, capsys, kind):
    path = {
        "missing-folder": tmp_path / "nope" / "t.db",
        "folder": tmp_path,
        "not-a-database": tmp_path / "notes.txt",
        "missing-file": tmp_path / "none.db",
    }[kind]
    if kind == "not-a-database":
        path.write_text("hello " * 1000)
    code, out, err = run(capsys, "--db", str(path), "rate", "AT22", "health", "2")
    assert code == 1 and out == "" and err.count("\n") == 1 and str(path) in err
    assert not (tmp_path / "nope").exists() and not (tmp_path / "none.db").exists()


def test_usage_mistakes_are_one_sentence_with_exit_2(db, capsys):
    code, out, err = run(capsys, "--db", str(db), "rate", "AT22")
    assert code == 2 and out == "" and err.count("\n") == 1 and "LANE saknas" in err
    code, out, err = run(capsys, "--db", str(db), "participant", "list", "--bogus")
    assert code == 2 and out == "" and "--bogus" in err


def _subprocess(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tavla", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_commands_without_the_interface_do_not_import_textual(db):
    script = (
        "import sys\n"
        "from tavla.cli.main import main\n"
        "for args in (['participant', 'list'], ['rate', 'AT22', 'health', '1'], ['--version']):\n"
        "    try:\n"
        f"        main(['--db', {str(db)!r}, *args])\n"
        "    except SystemExit as e:\n"
        "        assert not e.code, (args, e.code)\n"
        "print('textual' in sys.modules, 'rich.console' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "False False", result.stderr


def test_the_database_comes_from_tavla_db_then_the_user_data_folder(tmp_path):
    via_env = tmp_path / "env.db"
    _subprocess("participant", "add", "--name", "A", env={"TAVLA_DB": str(via_env)})
    assert via_env.exists()
    data_home = tmp_path / "xdg"
    result = _subprocess(
        "participant", "add", "--name", "B", env={"TAVLA_DB": "", "XDG_DATA_HOME": str(data_home)}
    )
    assert result.returncode == 0, result.stderr
    assert (data_home / "tavla" / "tavla.db").exists()
    assert oct((data_home / "tavla").stat().st_mode & 0o777) == "0o700"


def test_demo_makes_twelve_fictional_participants_with_26_weeks_of_ratings(tmp_path, capsys):
    path = tmp_path / "demo.db"
    code, out, _ = run(capsys, "demo", "--db", str(path), "--no-open")
    assert code == 0 and str(path) in out
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM participant").fetchone()[0] == 12
        weeks = conn.execute(
            "SELECT count(DISTINCT strftime('%Y-%W', rated_on)), count(*) FROM rating"
            " GROUP BY participant_id, lane"
        ).fetchall()
    # 26 weeks of weekly ratings; a lane or two rated again since the last meeting, in its
    # week, so the agenda has a level that rose.
    assert {weeks for weeks, _count in weeks} == {26}
    assert 1 <= sum(count - 26 for _weeks, count in weeks) <= 2
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert run(capsys, "demo", "--db", str(path), "--no-open")[0] == 0  # refresh


def test_demo_never_overwrites_a_real_board(db, capsys):
    before = dump(db)
    code, _, err = run(capsys, "demo", "--db", str(db), "--no-open")
    assert code == 1 and "riktiga deltagare" in err
    assert dump(db) == before


def test_an_unreachable_database_server_is_one_sentence():
    result = _subprocess(
        "participant",
        "list",
        env={"TAVLA_DATABASE_URL": "postgresql://nobody:secret@127.0.0.1:1/tavla"},
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("tavla: ") and result.stderr.count("\n") == 1
    assert "går inte att nå" in result.stderr and "Traceback" not in result.stderr
    assert "secret" not in result.stderr  # the password is never echoed


def test_database_url_runs_the_same_commands_on_postgresql(pg_location, capsys, monkeypatch):
    monkeypatch.delenv("TAVLA_DATABASE_URL", raising=False)
    url = pg_location.url
    code, out, err = run(
        capsys, "--database-url", url, "participant", "add", "--name", "Delad", "--code", "DE11"
    )
    assert code == 0, err
    assert run(capsys, "--database-url", url, "rate", "DE11", "health", "3")[0] == 0
    code, out, _ = run(capsys, "--database-url", url, "participant", "list", "--json")
    assert code == 0 and json.loads(out)[0]["code"] == "DE11"
    # the environment names the same server; --db still wins for a file of one's own
    monkeypatch.setenv("TAVLA_DATABASE_URL", url)
    assert json.loads(run(capsys, "participant", "list", "--json")[1])[0]["code"] == "DE11"


def test_db_and_database_url_together_are_refused(tmp_path, capsys):
    path = tmp_path / "t.db"
    url = "postgresql://127.0.0.1/test"
    code, _, err = run(capsys, "--db", str(path), "--database-url", url, "participant", "list")
    assert code == 1 and "--db" in err and "--database-url" in err
    assert not path.exists()


def test_the_demo_is_never_made_on_a_shared_server(capsys):
    code, _, err = run(capsys, "--database-url", "postgresql://127.0.0.1/test", "demo")
    assert code == 1 and "demo" in err.lower()
