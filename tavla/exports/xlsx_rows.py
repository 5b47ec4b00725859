"""A worksheet's rows as SpreadsheetML, written directly.

openpyxl makes the workbook around them (styles, page set-up, print titles, frozen
header, column widths); the rows are put into each sheet's empty `<sheetData>`
afterwards. openpyxl's own cell writer costs tens of microseconds a cell, which for the
de-identified board of a thousand participants (51,000 cells) was seconds. Text is
written inline (`t="inlineStr"`), escaped; numbers as numbers; nothing as a formula.
"""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")


@cache
def column_letter(column: int) -> str:
    """1 → 'A', 27 → 'AA'."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_xml(ref: str, value: str | int | None, style: int) -> str:
    """One cell; `value` is already inert (see writers.safe_text)."""
    if value is None or value == "":
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    text = escape(str(value), {'"': "&quot;"})
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


class SheetRows:
    """Rows added one by one: (value, style id) pairs, the style ids from the workbook."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.count = 0

    def add(self, cells: list[tuple[str | int | None, int]], height: float | None = None) -> None:
        self.count += 1
        n = self.count
        size = f' ht="{height}" customHeight="1"' if height else ""
        body = "".join(
            cell_xml(f"{column_letter(c)}{n}", value, style)
            for c, (value, style) in enumerate(cells, start=1)
        )
        self.parts.append(f'<row r="{n}"{size}>{body}</row>')

    def xml(self) -> bytes:
        return ("<sheetData>" + "".join(self.parts) + "</sheetData>").encode("utf-8")


def put_rows(sheet_xml: bytes, rows: SheetRows) -> bytes:
    """`sheet_xml` (as openpyxl wrote it, without rows) with `rows` in its sheetData."""
    filled, found = EMPTY_SHEET_DATA.subn(lambda _m: rows.xml(), sheet_xml, count=1)
    if found != 1:
        raise ValueError("no empty sheetData in the worksheet")
    return filled
