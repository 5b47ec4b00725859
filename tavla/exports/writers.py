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
from tavla.exports.xlsx_rows import SheetRows, put_rows
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
    """openpyxl makes the workbook (styles, page set-up, widths); the rows are written
    directly into its sheets (see xlsx_rows): a thousand participants in well under a second."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    styles = _Styles(workbook)
    sheets: dict[str, SheetRows] = {}
    for index, table in enumerate(document.tables):
        sheet = workbook.create_sheet(_sheet_name(table.title, used))
        intro = [document.title, *document.lines] if index == 0 else []
        sheets[f"xl/worksheets/sheet{index + 1}.xml"] = _fill_sheet(
            sheet, table, intro, styles, counter
        )
    workbook.properties.title = str(safe_text(document.title))
    workbook.properties.creator = "tavla"
    out = io.BytesIO()
    workbook.save(out)
    return _finished(out.getvalue(), sheets)


def _finished(xlsx: bytes, sheets: dict[str, SheetRows]) -> bytes:
    """The workbook with its rows, and without the moment it was written (docProps/core.xml's
    created and modified): an export carries no exact date. Both are optional in the format."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(xlsx)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", data)
            elif item.filename in sheets:
                data = put_rows(data, sheets[item.filename])
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
    """The workbook's cell styles, each made once (bordered ones named) and known by the index
    the rows use."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.made: dict[object, int] = {}

    def of(self, fill: str | None = None, *, header: bool = False) -> int:
        name = "tavla-header" if header else f"tavla-cell-{fill or 'plain'}"
        if name not in self.made:
            self.workbook.add_named_style(_named_style(name, fill, header))
            self.made[name] = self._index(style=name)
        return self.made[name]

    def font(self, bold: bool, size: int) -> int:
        if (bold, size) not in self.made:
            from openpyxl.styles import Font

            self.made[bold, size] = self._index(font=Font(bold=bold, size=size))
        return self.made[bold, size]

    def _index(self, **style) -> int:
        from types import SimpleNamespace

        from openpyxl.cell import WriteOnlyCell

        model = WriteOnlyCell(SimpleNamespace(parent=self.workbook))  # a cell of no sheet
        for key, value in style.items():
            setattr(model, key, value)
        return self.workbook._cell_styles.add(model._style)


def _named_style(name: str, fill: str | None, header: bool):
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

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
    return style


def _fill_sheet(
    sheet, table: Table, intro: list[str], styles: _Styles, counter: _Counter
) -> SheetRows:
    """The sheet's settings, and its rows to put in once openpyxl has written it."""
    from openpyxl.utils import get_column_letter

    rows = SheetRows()
    for n, line in enumerate(intro):
        rows.add([(safe_text(line), styles.font(n == 0, 14 if n == 0 else 10))])
    if intro:
        rows.add([])
    rows.add([(safe_text(table.title), styles.font(True, 12))])
    if table.note:
        rows.add([(safe_text(table.note), 0)])
    header_row = rows.count + 1
    rows.add([(safe_text(h), styles.of(header=True)) for h in table.header])
    widths = [len(str(h)) for h in table.header]
    height = 30 if table.handwritten else None
    for values in table.rows:
        plain = [value_of(v) for v in values]
        rows.add(
            [(safe_text(v), styles.of(fill_of(c))) for v, c in zip(plain, values, strict=True)],
            height,
        )
        for column, value in enumerate(plain[: len(widths)]):
            widths[column] = max(widths[column], len(str(value or "")))
        counter.step()
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 6), 60)
    _page_setup(sheet, table, header_row)
    return rows


def _page_setup(sheet, table: Table, header_row: int) -> None:
    from openpyxl.worksheet.worksheet import Worksheet

    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    setup = sheet.page_setup
    setup.paperSize = Worksheet.PAPERSIZE_A4
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
