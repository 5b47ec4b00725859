"""A `Document` as xlsx, csv, html or json, chosen by the file's suffix, written atomically.

Every cell is data, never code: control characters become visible stand-ins,
text that a spreadsheet would run as a formula (it begins with = + - @, a tab or a
carriage return) gets a leading apostrophe, and HTML is escaped. Colours come from
the template and are used only when they are plain "#rrggbb".
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from tavla.domain.display import visible
from tavla.errors import UserError
from tavla.exports.document import CellValue, Document, Progress, Table, fill_of, text_on, value_of
from tavla.exports.files import check_target, write_export
from tavla.i18n import _, language

FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".html": "html", ".htm": "html", ".json": "json"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 50  # rows between two progress reports


def format_of(path: Path) -> str:
    """The format a file name asks for; UserError naming the suffixes tavla writes."""
    kind = FORMATS.get(Path(path).suffix.lower())
    if kind is None:
        raise UserError(
            _(
                "Cannot tell the format from {name!r}; end the name in .xlsx, .csv, .html or .json."
            ).format(name=Path(path).name)
        )
    return kind


def check_output(path: Path) -> Path:
    """The absolute path to write, checked (folder, suffix) before any work is done, so a
    mistake in the name costs nothing and logs nothing."""
    path = check_target(Path(path))
    format_of(path)
    return path


def safe_text(value: str | int | None) -> str | int | None:
    """A cell value as a spreadsheet must receive it: numbers stay numbers, text is inert."""
    if value is None or isinstance(value, int):
        return value
    text = visible(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_document(path: Path, document: Document, *, progress: Progress | None = None) -> Path:
    """Write `document` in the format of `path`'s suffix; returns the absolute path."""
    path = check_output(path)
    kind = format_of(path)
    counter = _Counter(document.row_count(), progress)
    if kind == "xlsx":
        content: str | bytes = render_xlsx(document, counter)
    elif kind == "csv":
        content = "\ufeff" + render_csv(document, counter)  # the BOM tells Excel it is UTF-8
    elif kind == "html":
        content = render_html(document, counter)
    else:
        content = json.dumps(document.data, ensure_ascii=False, indent=2) + "\n"
    counter.finish()
    return write_export(path, content, personal=document.personal)


class _Counter:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def step(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % PROGRESS_EVERY == 0:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


# --- csv -----------------------------------------------------------------------------------


def render_csv(document: Document, counter: _Counter) -> str:
    """Semicolon-separated (Swedish Excel's list separator), the tables one after another."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_text(document.title)])
    for line in document.lines:
        writer.writerow([safe_text(line)])
    for table in document.tables:
        writer.writerow([])
        writer.writerow([safe_text(table.title)])
        if table.note:
            writer.writerow([safe_text(table.note)])
        writer.writerow([safe_text(h) for h in table.header])
        for row in table.rows:
            writer.writerow(["" if (v := safe_text(value_of(c))) is None else v for c in row])
            counter.step()
    return out.getvalue()


# --- xlsx ----------------------------------------------------------------------------------


def render_xlsx(document: Document, counter: _Counter) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    styles = _Styles(workbook)
    for index, table in enumerate(document.tables):
        sheet = workbook.create_sheet(_sheet_name(table.title, used))
        intro = [document.title, *document.lines] if index == 0 else []
        _fill_sheet(sheet, table, intro, styles, counter)
    workbook.properties.title = str(safe_text(document.title))
    workbook.properties.creator = "tavla"
    out = io.BytesIO()
    workbook.save(out)
    return _without_timestamps(out.getvalue())


def _without_timestamps(xlsx: bytes) -> bytes:
    """The workbook without the moment it was written (docProps/core.xml's created and
    modified): an export carries no exact date. Both are optional in the format."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(xlsx)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", data)
            target.writestr(item, data)
    return out.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of : \ / ? * [ ], unique in the workbook.
    base = "".join(" " if c in ":\\/?*[]" else c for c in visible(title)).strip()[:28] or "Blad"
    name, n = base, 2
    while name.casefold() in used:
        name, n = f"{base} {n}", n + 1
    used.add(name.casefold())
    return name


class _Styles:
    """The workbook's cell styles, each made once and named: openpyxl compares style objects
    cell by cell, which at tens of thousands of cells costs seconds."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.made: set[str] = set()

    def name(self, fill: str | None, *, header: bool = False) -> str:
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

        name = "tavla-header" if header else f"tavla-cell-{fill or 'plain'}"
        if name not in self.made:
            thin = Side(style="thin", color="999999")
            style = NamedStyle(name=name)
            style.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            style.alignment = Alignment(wrap_text=True, vertical="top")
            if header:
                style.font = Font(bold=True)
                style.fill = PatternFill("solid", fgColor="DDDDDD")
            elif fill:
                style.fill = PatternFill("solid", fgColor=fill[1:].upper())
                style.font = Font(color=text_on(fill)[1:].upper())
            self.workbook.add_named_style(style)
            self.made.add(name)
        return name


def _fill_sheet(sheet, table: Table, intro: list[str], styles: _Styles, counter: _Counter) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    row = 1
    for n, line in enumerate(intro):
        cell = sheet.cell(row=row, column=1, value=safe_text(line))
        cell.font = Font(bold=n == 0, size=14 if n == 0 else 10)
        row += 1
    if intro:
        row += 1
    sheet.cell(row=row, column=1, value=safe_text(table.title)).font = Font(bold=True, size=12)
    row += 1
    if table.note:
        sheet.cell(row=row, column=1, value=safe_text(table.note))
        row += 1
    header_row = row
    for column, heading in enumerate(table.header, start=1):
        cell = sheet.cell(row=row, column=column, value=safe_text(heading))
        cell.style = styles.name(None, header=True)
    widths = [len(str(h)) for h in table.header]
    for values in table.rows:
        row += 1
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=safe_text(value_of(value)))
            cell.style = styles.name(fill_of(value))
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], len(str(value_of(value) or "")))
        if table.handwritten:
            sheet.row_dimensions[row].height = 30
        counter.step()
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 6), 60)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if table.main else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    setup.fitToWidth = 1
    # An empty board prints on one page; a filled one (a thousand rows, perhaps) as many
    # pages tall as it needs, its header on each.
    setup.fitToHeight = 1 if table.handwritten else 0


# --- html ----------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.15em; margin-top: 1.6em; }
p.note { color: #444; margin: 0.2em 0 0.6em; }
table { border-collapse: collapse; margin-bottom: 1em; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #ddd; white-space: nowrap; }
table.handwritten td { height: 2.2em; min-width: 4em; }
@page { size: A4 landscape; margin: 1cm; }
@media print { body { margin: 0; } section.main { page-break-after: always; } }
"""


def render_html(document: Document, counter: _Counter) -> str:
    def e(value: object) -> str:
        return html.escape(visible("" if value is None else str(value)))

    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(language())}"><head><meta charset="utf-8">',
        f"<title>{e(document.title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(document.title)}</h1>",
        *(f"<p>{e(line)}</p>" for line in document.lines),
    ]
    for table in document.tables:
        classes = "handwritten" if table.handwritten else ""
        parts.append(f'<section class="{"main" if table.main else ""}" id="{e(table.key)}">')
        parts.append(f"<h2>{e(table.title)}</h2>")
        if table.note:
            parts.append(f'<p class="note">{e(table.note)}</p>')
        parts.append(f'<table class="{classes}"><thead><tr>')
        parts.extend(f"<th>{e(h)}</th>" for h in table.header)
        parts.append("</tr></thead><tbody>")
        for row in table.rows:
            parts.append("<tr>" + "".join(_html_cell(c, e) for c in row) + "</tr>")
            counter.step()
        parts.append("</tbody></table></section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _html_cell(cell: CellValue, e) -> str:
    fill = fill_of(cell)
    if fill is None:
        return f"<td>{e(value_of(cell))}</td>"
    return f'<td style="background:{fill};color:{text_on(fill)}">{e(value_of(cell))}</td>'
