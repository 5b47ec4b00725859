"""Permissions: the database, backups and every export with personal data are the owner's
alone (0600, folders 0700); the files meant to be shared (template, figures) are 0644.

Everything runs with the process umask at 0o000, which on its own would leave new files
readable and writable by all (0666): so a private file here is private because tavla made it
so, not because the umask did. The umask is put back after each test."""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tavla.cli.main import main
from tavla.store import Location, open_store
from tavla.store.backup import daily_backup
from tavla.store.participants import add_participant

from .test_cli import run

PRIVATE, PRIVATE_FOLDER, SHARED = 0o600, 0o700, 0o644
FORMATS = (".xlsx", ".csv", ".html", ".json")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask(tmp_path) -> Iterator[None]:
    """No help from the umask; and proof that it gives none."""
    old = os.umask(0o000)
    try:
        probe = tmp_path / "probe"
        probe.write_text("x")
        assert mode(probe) == 0o666  # what a file gets when its maker asks for nothing less
        probe.unlink()
        yield
    finally:
        os.umask(old)


@pytest.fixture(scope="module")
def board(tmp_path_factory) -> tuple[Path, list[str]]:
    """The demo board, made with the umask open; its database and its participants' codes."""
    old = os.umask(0o000)
    try:
        path = tmp_path_factory.mktemp("board") / "tavla.db"
        _tavla("demo", "--db", str(path), "--no-open")
        listed = json.loads(_tavla("participant", "list", "--db", str(path), "--json"))
        codes = [participant["code"] for participant in listed]
    finally:
        os.umask(old)
    assert codes
    return path, codes


def _tavla(*args: str) -> str:
    """The command's output; for a module fixture, where capsys is not to be had."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main(list(args))
        except SystemExit as exit_:
            assert exit_.code in (0, None), args
    return out.getvalue()


def written(capsys, *args: str) -> Path:
    """Run a command that writes a file and prints its path; the path."""
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, ""), err
    path = Path(out.strip().splitlines()[-1])
    assert path.is_file()
    return path


def only(folder: Path, *names: str) -> None:
    """Nothing else was left in `folder`: no temporary file, readable or not."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)


# --- the database and its backups ----------------------------------------------------------


def test_a_new_database_and_its_wal_and_shm_are_private(tmp_path, capsys, board, today):
    path = tmp_path / "ny.db"
    code, _out, err = run(capsys, "participant", "add", "--db", str(path), "--name", "Anna Test")
    assert (code, err) == (0, "")
    assert mode(path) == PRIVATE
    assert mode(board[0]) == PRIVATE  # made by `tavla demo`
    store = open_store(Location.sqlite(path), actor="testare")
    try:
        add_participant(store, "Bo Test", code="BT33", enrolled_on=today, today=today)
        beside = [Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert all(p.exists() for p in beside)  # WAL mode: written while the board is open
        assert [mode(p) for p in beside] == [PRIVATE, PRIVATE]
    finally:
        store.close()
    assert mode(path) == PRIVATE


@pytest.mark.parametrize("command", [("participant", "list"), ("demo", "--no-open")])
def test_an_empty_file_given_as_the_database_is_private_before_tavla_writes(
    tmp_path, capsys, command
):
    path = tmp_path / "tom.db"
    path.touch()
    assert mode(path) == 0o666
    code, _out, err = run(capsys, *command, "--db", str(path))
    assert (code, err) == (0, "")
    assert path.stat().st_size > 0 and mode(path) == PRIVATE
    assert mode(tmp_path) == PRIVATE_FOLDER
    code, out, err = run(capsys, "check", "--db", str(path))
    assert code == 0, out + err


def test_a_board_that_holds_data_keeps_the_mode_its_owner_gave_it(tmp_path, capsys, today):
    """Only an empty file is tavla's to make private; a board's mode is its owner's, and
    `tavla check` says when it is open to others."""
    path = tmp_path / "tavla.db"
    open_store(Location.sqlite(path), actor="testare").close()
    os.chmod(path, 0o640)
    open_store(Location.sqlite(path), actor="testare").close()
    assert mode(path) == 0o640
    assert run(capsys, "check", "--db", str(path))[0] == 1


def test_a_backup_is_private_in_a_private_folder(tmp_path, capsys, board):
    made = written(capsys, "backup", "--db", str(board[0]))
    assert made.parent == board[0].parent / "backups"
    assert (mode(made), mode(made.parent)) == (PRIVATE, PRIVATE_FOLDER)
    elsewhere = tmp_path / "kopior" / "tavla"
    made = written(capsys, "backup", "--db", str(board[0]), "--to", str(elsewhere))
    assert made.parent == elsewhere
    assert (mode(made), mode(elsewhere)) == (PRIVATE, PRIVATE_FOLDER)
    only(elsewhere, made.name)


def test_the_daily_backup_is_private_in_a_private_folder(tmp_path, today):
    path = tmp_path / "tavla.db"
    store = open_store(Location.sqlite(path), actor="testare")
    try:
        add_participant(store, "Anna Test", code="AT22", enrolled_on=today, today=today)
        made = daily_backup(store, now=datetime.combine(today, datetime.min.time()))
    finally:
        store.close()
    assert made is not None and made.parent == tmp_path / "backups"
    assert (mode(made), mode(made.parent)) == (PRIVATE, PRIVATE_FOLDER)
    only(made.parent, made.name)


def test_a_restore_keeps_the_database_and_the_one_set_aside_private(tmp_path, capsys, board):
    path = tmp_path / "tavla.db"
    path.write_bytes(board[0].read_bytes())
    os.chmod(path, PRIVATE)
    backup = written(capsys, "backup", "--db", str(path))
    code, _out, err = run(capsys, "restore", str(backup), "--db", str(path), "--yes")
    assert (code, err) == (0, "")
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("tavla.db.")]
    assert aside and {mode(p) for p in [path, *aside]} == {PRIVATE}


# --- exports with personal data: 0600 ------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_deidentified_board_is_private(tmp_path, capsys, board, suffix):
    target = tmp_path / f"tavla{suffix}"
    made = written(
        capsys, "export", "board", "--deidentified", "--db", str(board[0]), "-o", str(target)
    )
    assert made == target and mode(target) == PRIVATE
    only(tmp_path, target.name)


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_the_persons_sip_copy_is_private(tmp_path, capsys, board, suffix):
    target = tmp_path / f"sip{suffix}"
    for code in board[1]:  # the first participant with a SIP
        status, out, _err = run(
            capsys, "export", "sip", code, "--db", str(board[0]), "-o", str(target)
        )
        if status == 0:
            break
    assert status == 0 and out.strip() == str(target)
    assert mode(target) == PRIVATE
    only(tmp_path, target.name)


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_persons_log_extract_is_private(tmp_path, capsys, board, suffix):
    target = tmp_path / f"utdrag{suffix}"
    made = written(
        capsys,
        "log",
        "--db",
        str(board[0]),
        "--participant",
        board[1][0],
        "--extract",
        "-o",
        str(target),
    )
    assert made == target and mode(target) == PRIVATE
    only(tmp_path, target.name)


@pytest.mark.parametrize(
    ("name", "more"),
    [("protokoll.html", ()), ("protokoll.md", ()), ("avid.html", ("--deidentified",))],
)
def test_the_minutes_are_private(tmp_path, capsys, board, name, more):
    # The minutes name the participants (or their codes) and the staff at the meeting, with
    # what was decided about each person: personal data, even de-identified.
    target = tmp_path / name
    made = written(capsys, "export", "minutes", "--db", str(board[0]), "-o", str(target), *more)
    assert made == target and mode(target) == PRIVATE
    only(tmp_path, target.name)


# --- exports without personal data: 0644 ---------------------------------------------------


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("what", ["template", "figures"])
def test_the_files_to_share_are_readable_by_all(tmp_path, capsys, board, what, suffix):
    target = tmp_path / f"{what}{suffix}"
    made = written(capsys, "export", what, "--db", str(board[0]), "-o", str(target))
    assert made == target and mode(target) == SHARED
    only(tmp_path, target.name)
