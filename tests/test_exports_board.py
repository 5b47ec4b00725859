"""The de-identified board: fresh codes in their own order, levels and need marks by ISO week,
nothing that names a person or a day, the code given to each person in the access log."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from tavla.domain.dates import iso_week
from tavla.exports.deidentified import deidentified_document, export_deidentified_board, week_ends
from tavla.store import audit
from tavla.store.discharge_checklist import ANYWAY
from tavla.store.participants import add_participant
from tavla.store.ratings import NewRating, add_rating

from .test_cli import run

TODAY = date(2026, 11, 23)  # Monday of 2026-W48


def _board(store) -> dict[str, int]:
    """Three participants; AN11 rated week by week, BE22 once long ago, CE33 never."""
    ids = {}
    for code, name, pnr in (
        ("AN11", "Anna Nilsson", "198501011236"),
        ("BE22", "Bertil Ek", "197003034563"),
        ("CE33", "Cecilia Ås", None),
    ):
        add_participant(
            store, name, code=code, identity_number=pnr, enrolled_on=date(2026, 3, 2), today=TODAY
        )
    ratings = [
        ("AN11", "health", 2, "met", date(2026, 8, 3)),  # before the 12 weeks: carried in
        ("AN11", "health", 3, "unmet", date(2026, 10, 7)),  # 2026-W41
        ("AN11", "health", 4, "unmet", date(2026, 11, 20)),  # 2026-W47
        ("AN11", "health", None, None, date(2026, 11, 23)),  # today: not known
        ("AN11", "social", 1, None, date(2026, 9, 30)),  # 2026-W40
        ("BE22", "cognition", 0, "met", date(2025, 1, 10)),
    ]
    for code, lane, level, need, day in ratings:
        rating = NewRating(lane=lane, level=level, need=need, note="Ringde 0701234567")
        add_rating(store, code, rating, rated_on=day, today=TODAY)
    from sqlalchemy import text

    with store.read_session() as session:
        for pid, code in session.execute(text("SELECT id, code FROM participant")):
            ids[code] = pid
    return ids


def test_the_weeks_run_to_this_one_and_the_current_week_ends_today():
    ends = week_ends(TODAY, 12)
    assert [iso_week(e) for e in (ends[0], ends[-1])] == ["2026-W37", "2026-W48"]
    assert ends[-1] == TODAY and ends[-2] == date(2026, 11, 22)
    assert iso_week(date(2027, 1, 1)) == "2026-W53"


def test_levels_and_need_marks_by_week_with_fresh_codes(store):
    ids = _board(store)
    document, codes = deidentified_document(store, TODAY)
    fresh = dict((pid, code) for pid, code in codes)
    assert set(fresh) == set(ids.values())
    assert all(len(code) == 5 and code not in ids for code in fresh.values())
    assert len(set(fresh.values())) == 3
    data = document.data
    assert data["weeks"][0] == "2026-W37" and data["weeks"][-1] == "2026-W48"
    assert [p["code"] for p in data["participants"]] == sorted(fresh.values())
    anna = next(p for p in data["participants"] if p["code"] == fresh[ids["AN11"]])
    health = anna["lanes"]["health"]
    assert health[0] == {"level": 2, "need": "met"}  # carried in from August
    assert health[data["weeks"].index("2026-W41")] == {"level": 3, "need": "unmet"}
    assert health[data["weeks"].index("2026-W47")] == {"level": 4, "need": "unmet"}
    assert health[-1] == {"level": None, "need": None}
    social = anna["lanes"]["social"]
    assert social[data["weeks"].index("2026-W39")] is None
    assert social[data["weeks"].index("2026-W40")] == {"level": 1, "need": None}
    assert anna["enrolled_week"] == "2026-W10"
    bertil = next(p for p in data["participants"] if p["code"] == fresh[ids["BE22"]])
    assert bertil["lanes"]["cognition"] == [{"level": 0, "need": "met"}] * 12
    board, weeks = document.tables
    row = next(r for r in board.rows if r[0] == fresh[ids["AN11"]])
    assert [c.value for c in row[3:6]] == ["?", "", "1"]
    assert row[3].fill == "#8d8d8d"
    week_row = next(r for r in weeks.rows if r[0] == fresh[ids["AN11"]] and r[1] == "Hälsa")
    assert week_row[2 + data["weeks"].index("2026-W47")].value == "4✗"
    assert week_row[2 + data["weeks"].index("2026-W47")].fill == "#e53935"


def test_every_export_makes_new_codes(sqlite_store):
    _board(sqlite_store)
    first = {c for _pid, c in deidentified_document(sqlite_store, TODAY)[1]}
    second = {c for _pid, c in deidentified_document(sqlite_store, TODAY)[1]}
    assert first != second


def test_the_access_log_holds_each_persons_code_and_the_file_is_theirs_alone(
    sqlite_store, tmp_path
):
    ids = _board(sqlite_store)
    written = export_deidentified_board(sqlite_store, tmp_path / "tavla.json", today=TODAY)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    data = json.loads(written.read_text("utf-8"))
    logged = {
        e["participant_id"]: e["detail"]
        for e in audit.entries(sqlite_store)
        if e["action"] == "export"
    }
    assert set(logged) == set(ids.values())
    in_file = {p["code"] for p in data["participants"]}
    for detail in logged.values():
        assert detail.startswith(f"de-identified board → {written} as ")
        assert detail.rsplit(" ", 1)[1] in in_file


@pytest.mark.parametrize("suffix", ["xlsx", "csv", "html", "json"])
def test_no_name_identity_number_note_or_exact_date_leaves(sqlite_store, tmp_path, suffix):
    _board(sqlite_store)
    written = export_deidentified_board(sqlite_store, tmp_path / f"t.{suffix}", today=TODAY)
    if suffix == "xlsx":
        book = load_workbook(written)
        text = "\n".join(str(c) for s in book for r in s.iter_rows(values_only=True) for c in r)
        board = book.worksheets[0]
        assert board.page_setup.orientation == "landscape"
        # One page wide, as many pages tall as the rows need, the header on each.
        assert (board.page_setup.fitToWidth, board.page_setup.fitToHeight) == (1, 0)
        assert board.print_title_rows
    else:
        text = written.read_text("utf-8-sig")
    for secret in (
        "Anna",
        "Nilsson",
        "Bertil",
        "Cecilia",
        "Ås",
        "AN11",
        "BE22",
        "CE33",
        "19850101",
        "850101",
        "0701234567",
        "Ringde",
        "2026-03-02",
        "2026-11-20",
        "2026-10-07",
        "2026-11-23",
        "testare",
    ):
        assert secret not in text, secret
    if suffix == "csv":
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        header = next(r for r in rows if r and r[0] == "Kod")
        assert header[:6] == [
            "Kod",
            "Huvudansvar",
            "Inskriven (vecka)",
            "Hälsa",
            "Kognitiv förmåga",
            "Social stabilitet",
        ]


def test_the_cli_asks_for_deidentified_and_writes_the_file(demo_store, db_path, tmp_path, capsys):
    demo_store.close()
    target = tmp_path / "tavla.xlsx"
    code, out, err = run(capsys, "--db", str(db_path), "export", "board", "-o", str(target))
    assert code == 1 and "--deidentified" in err and not target.exists()
    code, out, err = run(
        capsys, "--db", str(db_path), "export", "board", "--deidentified", "-o", str(target)
    )
    assert (code, out.strip(), err) == (0, str(target), "")
    book = load_workbook(target)
    assert [s.title for s in book] == ["Tavlan", "Nivåer per vecka"]
    assert book.worksheets[0].max_row > 12


def test_discharged_participants_are_not_on_the_exported_board(sqlite_store):
    from tavla.store.participants import discharge

    _board(sqlite_store)
    discharge(
        sqlite_store,
        "BE22",
        on=TODAY - timedelta(days=1),
        reason="moved",
        today=TODAY,
        confirmed=ANYWAY,
    )
    _document, codes = deidentified_document(sqlite_store, TODAY)
    assert len(codes) == 2
