"""The board's template for the municipality: each format opened as its reader would, no
personal data, the round trip through `tavla import template`, refusals, log and permissions."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tavla.domain.template import default_template, default_template_json
from tavla.errors import UserError
from tavla.exports.template import export_template
from tavla.store import Location, audit, open_store
from tavla.store.settings import start_from_template

from .test_cli import run
from .test_exports_minutes import shown

FORMATS = ("xlsx", "csv", "html", "json")


def _demo_secrets(store) -> list[str]:
    """Names, identity numbers and contact details on the demo board: none may leave."""
    from sqlalchemy import text

    with store.read_session() as session:
        people = session.execute(text("SELECT name, identity_number FROM participant")).all()
        contacts = session.execute(text("SELECT name, phone, email FROM contact")).all()
    found = [value for row in (*people, *contacts) for value in row if value]
    assert len(found) > 20
    return found


def _text_of(path: Path) -> str:
    if path.suffix == ".xlsx":
        workbook = load_workbook(path)
        return "\n".join(
            str(cell)
            for sheet in workbook
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return path.read_text("utf-8-sig")


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_template_holds_the_boards_structure_and_no_personal_data(demo_store, tmp_path, suffix):
    written = export_template(demo_store, tmp_path / f"mall.{suffix}")
    text = _text_of(written)
    for word in ("Hälsa", "Kognitiv förmåga", "Social stabilitet", "Måttligt svårt", "Okänt"):
        assert word in text
    assert "Tillgodosett" in text and "Ej tillgodosett" in text
    assert "Minst två psykiatriska diagnoser" in text
    for secret in _demo_secrets(demo_store):
        assert secret not in text, secret
    assert stat.S_IMODE(written.stat().st_mode) == 0o644
    assert not list(tmp_path.glob(".tavla-*"))  # the temporary file was renamed, not left
    entries = [e for e in audit.entries(demo_store) if e["action"] == "export"]
    assert entries[-1]["detail"] == f"template → {written}"
    assert entries[-1]["participant_id"] is None


def test_the_xlsx_has_coloured_levels_and_a_board_that_prints_on_one_page(demo_store, tmp_path):
    workbook = load_workbook(export_template(demo_store, tmp_path / "mall.xlsx"))
    board = workbook.worksheets[0]
    assert board.page_setup.orientation == "landscape"
    assert board.sheet_properties.pageSetUpPr.fitToPage
    assert (board.page_setup.fitToWidth, board.page_setup.fitToHeight) == (1, 1)
    header = next(row for row in board.iter_rows(values_only=True) if row[0] == "Kod")
    assert header[:3] == ("Kod", "Namn", "Hälsa (0–4, ✓/✗)")
    rows = list(board.iter_rows(values_only=True))
    assert len(rows) - rows.index(header) - 1 == 15  # blank rows to fill in by hand
    levels = workbook["Nivåskala"]
    fills = {
        row[0].value: row[0].fill.fgColor.rgb
        for row in levels.iter_rows()
        if row[0].value in ("0", "2", "3", "4", "?")
    }
    colours = default_template().colours
    assert fills["4"] == "00" + colours["red"][1:].upper()
    assert fills["3"] == "00" + colours["orange"][1:].upper()
    assert fills["?"] == "00" + colours["grey"][1:].upper()


def test_the_csv_is_semicolon_separated_utf8_with_a_bom(demo_store, tmp_path):
    raw = export_template(demo_store, tmp_path / "mall.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert ["Nivå", "Benämning", "Betydelse", "Färg"] in rows
    assert ["4", "Svårt", "Svårt till mycket svårt problem.", "#e53935"] in rows
    assert ["1", "Öppna åtgärder från tidigare möten kommer först"] in rows


def test_the_json_is_the_template_with_the_boards_meeting_routine(demo_store, tmp_path):
    data = json.loads(export_template(demo_store, tmp_path / "mall.json").read_text("utf-8"))
    assert data["format"] == "tavla-board-template"
    assert data["lanes"] == json.loads(default_template_json())["lanes"]
    assert data["meeting"] == {
        "weekday": 1,
        "time": "09:00",
        "minutes": 45,
        "timezone": "Europe/Stockholm",
    }


def test_export_import_export_gives_the_same_template(demo_store, tmp_path, capsys):
    first = export_template(demo_store, tmp_path / "a.json")
    new_db = tmp_path / "kommunen.db"
    code, out, err = run(capsys, "import", "template", str(first), "--db", str(new_db))
    assert code == 0, err
    assert "kommunen.db" in out
    for suffix in FORMATS:
        before = export_template(demo_store, tmp_path / f"before.{suffix}")
        code, _out, err = run(
            capsys,
            "export",
            "template",
            "-o",
            str(tmp_path / f"after.{suffix}"),
            "--db",
            str(new_db),
        )
        assert code == 0, err
        after = tmp_path / f"after.{suffix}"
        if suffix == "xlsx":
            assert _text_of(before) == _text_of(after)
        else:
            assert before.read_bytes() == after.read_bytes(), suffix


def test_import_refuses_a_board_with_participants_and_keeps_its_template(demo_store, tmp_path):
    data = json.loads(default_template_json())
    data["name"] = {"sv": "Annan tavla", "en": "Other board"}
    with pytest.raises(UserError, match="redan deltagare"):
        start_from_template(demo_store, json.dumps(data), "annan.json")
    assert demo_store.template.name == "Samordningstavla"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["colours"].update(red="red; background:url(x)"), "#rrggbb"),
        (lambda d: d.pop("lanes"), "'lanes'"),
        (lambda d: d["lanes"][0].update(key="<script>"), "nyckel"),
        (lambda d: d.update(columns=["code", "phone"]), "'columns'"),
        (lambda d: d["levels"][0].update(value="0"), "heltal"),
        (lambda d: d["meeting"].update(weekday="tisdag"), "veckodag"),
        (lambda d: d["meeting"].update(timezone="../../etc/passwd"), "tidszon"),
    ],
)
def test_a_bad_template_is_refused_in_one_sentence_and_no_database_is_made(
    tmp_path, capsys, change, message
):
    data = json.loads(default_template_json())
    change(data)
    source = tmp_path / "mall.json"
    source.write_text(json.dumps(data), "utf-8")
    new_db = tmp_path / "ny.db"
    code, out, err = run(capsys, "import", "template", str(source), "--db", str(new_db))
    assert code == 1 and out == ""
    assert err.startswith("tavla: ") and err.count("\n") == 1 and message in err
    assert not new_db.exists()


def test_import_refuses_files_that_are_not_a_json_template(tmp_path, capsys):
    for name, content in (
        ("mall.xlsx", b"PK\x03\x04"),
        ("mall.json", b"\xff\xfe"),
        ("mall.json", b'{"format": "annat"}'),
    ):
        source = tmp_path / name
        source.write_bytes(content)
        code, _out, err = run(
            capsys, "import", "template", str(source), "--db", str(tmp_path / "x.db")
        )
        assert code == 1 and err.count("\n") == 1, err
    code, _out, err = run(capsys, "import", "template", str(tmp_path / "saknas.json"))
    assert code == 1 and "saknas.json" in err


def test_labels_from_an_imported_template_stay_text_in_every_format(tmp_path):
    data = json.loads(default_template_json())
    data["lanes"][0]["label"] = {"sv": "<b>Hälsa</b> =1+1", "en": "x"}
    data["levels"][4]["label"] = {"sv": '=HYPERLINK("http://x")', "en": "x"}
    store = open_store(Location.sqlite(tmp_path / "ny.db"), actor="testare")
    try:
        start_from_template(store, json.dumps(data), "mall.json")
        page = export_template(store, tmp_path / "m.html").read_text("utf-8")
        text, tags = shown(page)
        assert "<b>Hälsa</b> =1+1" in text and "b" not in tags
        workbook = load_workbook(export_template(store, tmp_path / "m.xlsx"))
        values = [c for s in workbook for r in s.iter_rows(values_only=True) for c in r if c]
        assert '\'=HYPERLINK("http://x")' in values
        assert not any(str(v).startswith(("=", "+", "-", "@")) for v in values)
        rows = (tmp_path / "m.csv").write_text("") or export_template(store, tmp_path / "m.csv")
        cells = [
            c
            for r in csv.reader(io.StringIO(rows.read_text("utf-8-sig")), delimiter=";")
            for c in r
        ]
        assert '\'=HYPERLINK("http://x")' in cells
    finally:
        store.close()


def test_the_cli_writes_each_format_and_says_where(demo_store, db_path, tmp_path, capsys):
    demo_store.close()
    for suffix in FORMATS:
        target = tmp_path / f"mall.{suffix}"
        code, out, err = run(capsys, "--db", str(db_path), "export", "template", "-o", str(target))
        assert (code, out.strip(), err) == (0, str(target), "")
    code, out, err = run(capsys, "--db", str(db_path), "export", "template", "-o", "mall.pdf")
    assert code == 1 and "mall.pdf" in err and ".xlsx" in err
    code, out, err = run(
        capsys,
        "--db",
        str(db_path),
        "export",
        "template",
        "-o",
        str(tmp_path / "saknas" / "mall.csv"),
    )
    assert code == 1 and "saknas" in err


def test_a_failed_write_leaves_the_old_file_and_no_half_file(demo_store, tmp_path, monkeypatch):
    import os

    target = tmp_path / "mall.csv"
    target.write_text("förra veckans mall", "utf-8")
    entries_before = len(audit.entries(demo_store))

    def full_disk(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(UserError, match=r"mall\.csv"):
        export_template(demo_store, target)
    assert target.read_text("utf-8") == "förra veckans mall"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tavla-")] == []
    assert len(audit.entries(demo_store)) == entries_before  # nothing written, nothing logged
