"""The xlsx writer's rows (written directly into openpyxl's sheets): what a reader of the
file gets back, cell by cell, and nothing that runs or dates the file."""

from __future__ import annotations

from zipfile import ZipFile

from openpyxl import load_workbook

from tavla.exports.document import Cell, Document, Table
from tavla.exports.writers import write_document


def _document() -> Document:
    rows = (
        ("=1+1", Cell("4✗", "#e53935"), 7),
        ('a <b> & "c"', Cell(" kant ", None), None),
        ("@SUM(A1)", "-2", "+46 70"),
    )
    table = Table("board", "Tavlan", ("Kod", "Hälsa", "Antal"), rows, note="Not", main=True)
    return Document("Titel", ("En rad",), (table, Table("more", "Mer", ("X",), (("y",),))))


def test_cells_come_back_as_written_inert_and_styled(tmp_path):
    path = write_document(tmp_path / "t.xlsx", _document())
    book = load_workbook(path)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(("Kod", "Hälsa", "Antal"))
    assert rows[0][0] == "Titel" and rows[1][0] == "En rad"
    assert rows[header + 1 :] == [
        ("'=1+1", "4✗", 7),
        ('a <b> & "c"', " kant ", None),
        ("'@SUM(A1)", "'-2", "'+46 70"),
    ]
    first = list(sheet.iter_rows())[header + 1]
    assert first[1].fill.fgColor.rgb == "00E53935" and first[0].border.left.style == "thin"
    assert first[2].data_type == "n" and all(c.data_type != "f" for c in first)
    assert list(sheet.iter_rows())[header][0].font.bold
    assert sheet.freeze_panes == f"A{header + 2}" and sheet.print_title_rows
    assert [s.title for s in book] == ["Tavlan", "Mer"]
    assert list(book["Mer"].iter_rows(values_only=True))[-1] == ("y",)
    with ZipFile(path) as z:
        core = z.read("docProps/core.xml")
        sheets = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"created" not in core and b"modified" not in core
    assert b"<f>" not in sheets and b"<f " not in sheets
