"""What leaves the building leaks nothing: 1,000 hostile participants, every export that is
meant to leave (template, de-identified board, figures) in every format, searched for every
name, identity number, phone number, e-mail, note and exact date in the database."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tavla.domain.identity import luhn_check_digit
from tavla.exports.deidentified import export_deidentified_board
from tavla.exports.figures import export_figures
from tavla.exports.template import export_template
from tavla.store import Location, open_store
from tavla.store.actions import ActionInput, add_action
from tavla.store.consents import ConsentInput, add_consent
from tavla.store.contacts import add_contact
from tavla.store.meetings import record_meeting
from tavla.store.plain import within
from tavla.store.ratings import refresh_lane_state

TODAY = date(2026, 11, 23)
PEOPLE = 1000
WEEKS = 14
LANES = ("health", "cognition", "social")
FORMULAS = ("=", "+", "-", "@")
# Each hostile text carries a token no export could make by chance (lower-case letters
# inside; tavla's own codes are upper case), so finding the token means finding the text.
SHAPES = (
    '=HYPERLINK("http://evil.example/{t}","{t}")',
    "<script>alert('{t}')</script>",
    "[bold red]{t}[/] [link=http://evil.example]x[/link]",
    "+{t}\x1b[31m\x07 röd",
    "@SUM({t})",
    '-{t}\r\n\tny rad; med "citat"',
    "\u202e{t} omvänd",
)


def _token(kind: str, n: int) -> str:
    return f"q{kind}{n}x"


def _hostile(kind: str, n: int) -> str:
    return SHAPES[n % len(SHAPES)].format(t=_token(kind, n))


def _identity_number(n: int) -> str:
    birth = date(1950, 1, 1) + timedelta(days=n * 11)
    nine = birth.strftime("%y%m%d") + f"{n % 1000:03d}"
    return f"{birth:%Y%m%d}-{n % 1000:03d}{luhn_check_digit(nine)}"


def _build(path: Path) -> dict[str, list[str]]:
    """The hostile board; returns what must not leave, by kind."""
    store = open_store(Location.sqlite(path), actor="=cmd|' /C calc'!A0")
    secrets: dict[str, list[str]] = {"token": [], "pnr": [], "phone": [], "date": []}
    contacts = []
    for n in range(4):
        phone, email = f"070-{n:03d}{n:04d}", f"{_token('mail', n)}@evil.example"
        contacts.append(
            add_contact(
                store,
                _hostile("staff", n),
                principal=("region", "municipality")[n % 2],
                kind="coordinator",
                role=_hostile("role", n),
                organisation=_hostile("org", n),
                phone=phone,
                email=email,
            )
        )
        secrets["token"] += [_token("staff", n), _token("role", n), _token("org", n)]
        secrets["phone"] += [phone, phone.replace("-", "")]
        secrets["token"].append(email)
    first = TODAY - timedelta(weeks=WEEKS)
    people, ratings = [], []
    for n in range(1, PEOPLE + 1):
        pnr = _identity_number(n)
        enrolled = first - timedelta(days=n % 300)
        discharged = TODAY - timedelta(days=n % 40) if n % 10 == 0 else None
        people.append(
            (
                n,
                f"H{n:04d}",
                _hostile("name", n),
                pnr,
                _hostile("kommun", n),
                enrolled.isoformat(),
                discharged and discharged.isoformat(),
                "moved" if discharged else None,
                _hostile("dnote", n),
                contacts[n % 2],
                contacts[2 + n % 2],
                ("region", "municipality")[n % 2],
                "2026-01-01 00:00:00",
            )
        )
        secrets["token"] += [_token(k, n) for k in ("name", "kommun", "dnote", "note")]
        secrets["pnr"] += [pnr, pnr.replace("-", ""), pnr[2:], pnr[2:].replace("-", "")]
        secrets["date"].append(enrolled.isoformat())
        for i, lane in enumerate(LANES):
            for w in range(WEEKS):
                day = first + timedelta(weeks=w, days=n % 5)
                level = None if (n + w) % 11 == 0 else (n + w + i) % 5
                need = ("met", "unmet", None)[(n + w) % 3]
                note = f"{_hostile('note', n)} pnr {pnr} tel 070-{n:07d}"
                ratings.append((n, lane, level, need, note, day.isoformat(), "x", "2026-01-01"))
                secrets["date"].append(day.isoformat())
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO participant (id, code, name, identity_number, municipality, enrolled_on,"
            " discharged_on, discharge_reason, discharge_note, region_coordinator_id,"
            " municipality_coordinator_id, main_responsibility, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            people,
        )
        conn.executemany(
            "INSERT INTO criterion (participant_id, key, met, note) VALUES (?, 'adult', 1, ?)",
            [(n, _hostile("crit", n)) for n in range(1, PEOPLE + 1)],
        )
        conn.executemany(
            "INSERT INTO rating (participant_id, lane, level, need, note, rated_on, author,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ratings,
        )
    secrets["token"] += [_token("crit", n) for n in range(1, PEOPLE + 1)]
    with store.write() as session:
        for n in range(1, PEOPLE + 1):
            for lane in LANES:
                refresh_lane_state(within(session), n, lane)
    for n in range(1, 60):
        code = f"H{n:04d}"
        if n % 10:
            given, expires = TODAY - timedelta(days=n), TODAY + timedelta(days=300 - n)
            consent = ConsentInput(given, expires, _hostile("shares", n), _hostile("withheld", n))
            add_consent(store, code, consent, today=TODAY)
            secrets["token"] += [_token("shares", n), _token("withheld", n)]
        add_action(
            store,
            ActionInput(_hostile("action", n), contacts[0], TODAY - timedelta(days=n), code),
            today=TODAY,
        )
        secrets["token"].append(_token("action", n))
    for kind in ("resource_group", "sip", "managers"):
        record_meeting(
            store,
            kind,
            TODAY - timedelta(days=9),
            note=_hostile(kind, 1),
            code="H0001" if kind != "managers" else None,
        )
        secrets["token"].append(_token(kind, 1))
    store.close()
    return secrets


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, list[str]], list[Path]]:
    folder = tmp_path_factory.mktemp("leak")
    path = folder / "hostile.db"
    secrets = _build(path)
    store = open_store(Location.sqlite(path), actor="testare")
    files = []
    try:
        for suffix in ("xlsx", "csv", "html", "json"):
            files.append(export_template(store, folder / f"template.{suffix}"))
            files.append(export_deidentified_board(store, folder / f"board.{suffix}", today=TODAY))
            files.append(
                export_figures(
                    store,
                    folder / f"figures.{suffix}",
                    first_month=date(2025, 12, 1),
                    last_month=date(2026, 11, 1),
                    today=TODAY,
                )
            )
    finally:
        store.close()
    return path, secrets, files


def _cells(path: Path) -> list[str]:
    """Every cell's text as the file's reader sees it."""
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        return [
            str(c) for s in book for r in s.iter_rows(values_only=True) for c in r if c is not None
        ]
    if path.suffix == ".csv":
        rows = csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";")
        return [cell for row in rows for cell in row]
    return [path.read_text("utf-8")]


def _raw(path: Path) -> str:
    """The file's bytes as text (for xlsx, every part of the zip, metadata included)."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    return path.read_text("utf-8-sig")


def test_the_hostile_board_is_large_and_really_hostile(hostile):
    path, _secrets, files = hostile
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM participant").fetchone()[0] == PEOPLE
        names = [r[0] for r in conn.execute("SELECT name FROM participant")]
    assert any(name.startswith("=HYPERLINK") for name in names)
    assert any("\x1b" in name for name in names)
    assert len(files) == 12
    board = next(f for f in files if f.name == "board.csv")
    assert len(board.read_text("utf-8-sig").splitlines()) > PEOPLE * 0.9 * 4  # the rows are there


# What each kind of secret looks like: searching for the shape finds every one of them (the
# test below checks that the secrets do have these shapes), and anything like them.
SHAPES_OF = {
    "token": re.compile(r"q[a-z_]+\d+x"),
    "pnr": re.compile(r"(?<!\d)\d{6}(\d{2})?[-+]?\d{4}(?!\d)"),
    "phone": re.compile(r"070-?\d{7}"),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
}


def test_every_secret_has_the_shape_searched_for(hostile):
    _path, secrets, _files = hostile
    for kind, values in secrets.items():
        assert len(values) >= 4
        for value in values:
            assert SHAPES_OF[kind].search(value), (kind, value)


def test_no_export_holds_a_name_identity_number_phone_email_note_or_date(hostile):
    _path, _secrets, files = hostile
    for file in files:
        text = _raw(file) + "\n".join(_cells(file))
        for kind, shape in SHAPES_OF.items():
            found = shape.search(text)
            assert found is None, f"{file.name}: {kind} {found and found.group()!r}"
        assert "/C calc" not in text and "evil.example" not in text, file.name


def test_spreadsheet_cells_never_begin_like_a_formula(hostile):
    _path, _secrets, files = hostile
    for file in files:
        if file.suffix in (".xlsx", ".csv"):
            for cell in _cells(file):
                assert not cell.startswith(FORMULAS), f"{file.name}: {cell!r}"
                assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", cell), f"{file.name}: {cell!r}"


def test_an_xlsx_holds_no_formula_and_html_no_markup_from_data(hostile):
    _path, _secrets, files = hostile
    for file in files:
        if file.suffix == ".xlsx":
            for sheet in load_workbook(file):
                for row in sheet.iter_rows():
                    assert all(cell.data_type != "f" for cell in row), file.name
        if file.suffix == ".html":
            page = file.read_text("utf-8")
            assert "<script" not in page and "[bold" not in page
