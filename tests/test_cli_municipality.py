"""The command line for one municipality of a shared board: `--municipality NAME` before or
after the command, an unknown name in one sentence, and the lists, agenda and exports narrowed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import run

PEOPLE = (
    ("Anna Test", "AT22", "Örebro"),
    ("Bo Test", "BT33", "Kumla"),
    ("Cia Test", "CT44", "kumla"),
)
UNKNOWN = "Ingen deltagare hör till kommunen 'Lindesberg'; på tavlan finns Kumla, Örebro."


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "t.db"
    for name, code, municipality in PEOPLE:
        args = ("participant", "add", "--name", name, "--code", code)
        code_, _out, err = run(capsys, "--db", str(path), *args, "--municipality", municipality)
        assert code_ == 0, err
        code_, _out, err = run(capsys, "--db", str(path), "rate", code, "social", "4")
        assert code_ == 0, err
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("--municipality", "Lindesberg"),  # the board, by the fast path
        ("--municipality", "Lindesberg", "participant", "list"),  # before the command
        ("participant", "list", "--municipality", "Lindesberg"),  # after it
        ("agenda", "2026-11-24", "--municipality", "Lindesberg"),
        ("export", "board", "--deidentified", "-o", "b.json", "--municipality", "Lindesberg"),
        ("--municipality", "Lindesberg", "serve"),  # before the server starts
    ],
)
def test_an_unknown_municipality_is_one_sentence_naming_those_there_are(db, capsys, args):
    code, out, err = run(capsys, "--db", str(db), *args)
    assert (code, out, err) == (1, "", f"tavla: {UNKNOWN}\n")


def test_the_list_shows_one_municipality_matched_on_the_whole_name(db, capsys):
    code, out, _err = run(capsys, "--db", str(db), "participant", "list", "--municipality", "KUMLA")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["BT33", "CT44"]
    code, out, _err = run(
        capsys, "--db", str(db), "--municipality", "örebro", "participant", "list"
    )
    assert [line.split()[0] for line in out.splitlines()] == ["AT22"]
    code, _out, err = run(capsys, "--db", str(db), "participant", "list", "--municipality", "Kum")
    assert code == 1 and "Kumla, Örebro" in err


def test_the_board_opens_for_the_municipality_as_its_participants_spell_it(db, capsys, monkeypatch):
    from tavla.app import TavlaApp

    opened: list[tuple[str | None, set[str]]] = []

    def run_app(app: TavlaApp) -> None:
        opened.append((app.municipality, {row.code for row in app.first_snapshot.rows}))

    monkeypatch.setattr(TavlaApp, "run", run_app)
    code, _out, err = run(capsys, "--db", str(db), "--municipality", "KUMLA")
    assert code == 0, err
    assert opened == [("Kumla", {"BT33", "CT44"})]


def test_two_municipalities_meet_the_same_day_from_the_command_line(db, capsys):
    for municipality, at in (("Örebro", "09:00"), ("Kumla", "13:00")):
        setup = ("meeting", "setup", "--weekday", "tue", "--time", at, "--from", "2026-11-01")
        code, out, err = run(capsys, "--db", str(db), *setup, "--municipality", municipality)
        assert code == 0, err
        assert municipality in out
    agendas = {}
    for municipality in ("Örebro", "Kumla"):
        args = ("agenda", "2026-11-24", "--json", "--municipality", municipality)
        code, out, err = run(capsys, "--db", str(db), *args)
        assert code == 0, err
        agendas[municipality] = json.loads(out)
    codes = {m: {i["code"] for i in a["items"] if i["code"]} for m, a in agendas.items()}
    assert codes == {"Örebro": {"AT22"}, "Kumla": {"BT33", "CT44"}}
    code, _out, err = run(capsys, "--db", str(db), "agenda")
    assert code == 1 and "tavla meeting setup" in err  # the whole board has no series


def test_the_exports_hold_one_municipality(db, capsys, tmp_path):
    board = tmp_path / "kumla.json"
    args = ("export", "board", "--deidentified", "-o", str(board), "--municipality", "kumla")
    code, _out, err = run(capsys, "--db", str(db), *args)
    assert code == 0, err
    data = json.loads(board.read_text(encoding="utf-8"))
    assert len(data["participants"]) == 2 and data["municipality"] == "Kumla"
    figures = tmp_path / "figures.json"
    args = ("export", "figures", "-o", str(figures), "--municipality", "Örebro")
    code, _out, err = run(capsys, "--db", str(db), *args)
    assert code == 0, err
    assert json.loads(figures.read_text(encoding="utf-8"))["municipality"] == "Örebro"


def test_each_browser_tab_shows_the_municipality(db):
    import shlex

    from tavla.cli.serve import serve_command
    from tavla.store import Location

    args = shlex.split(serve_command(Location.sqlite(db), "sv", "Kumla"))
    assert args[-3:] == ["--presentation", "--municipality", "Kumla"]
