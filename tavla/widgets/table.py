"""The DataTable tavla's screens use: Textual's own, drawn again once it has measured its rows,
and quiet about a row that is not there.

Textual 8 measures new rows when the table is idle, and caches every drawn cell and line
under a key that holds no column width. On a busy machine a repaint can land between
`add_row` and that measurement: the cells are then drawn at the width the column had
(often only its header's) and stay cut short — "Social stabilitet på …" — until something
else changes the table. Here the caches are dropped whenever a measurement widens a column.

In an empty table the cursor row is -1 once moved (Up), and Textual 8 then posts
RowHighlighted for row -1 with no row key; a screen reading the key closed tavla (the
versions of a plan with none saved). Here no row, no message.

Textual measures every new cell through Rich (a console's options made for each): for the
board of a thousand participants that was a quarter of a second before the first paint.
Here a one-line row of Text, or of cells that know their width (`LazyText`: built only
when drawn, so only the visible rows are), is measured by its cells' lengths, which is
what Rich's measurement of a Text comes to; other rows are left to Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellKey, RowKey


class LazyText:
    """A cell made by `make` when first drawn, its width (what Rich would measure) known
    before; `plain` and str() as the Text's."""

    __slots__ = ("_make", "_text", "width")

    def __init__(self, make: Callable[[], Text], width: int) -> None:
        self._make, self._text, self.width = make, None, width

    def __rich__(self) -> Text:
        if self._text is None:
            self._text = self._make()
        return self._text

    @property
    def plain(self) -> str:
        return self.__rich__().plain

    def __str__(self) -> str:
        return str(self.__rich__())


def quick_width(cell: object) -> int | None:
    """A cell's width as Rich measures it, when that is cheap to know; else None."""
    if isinstance(cell, LazyText):
        return cell.width
    if isinstance(cell, Text):
        plain = cell.plain
        if "\n" not in plain:
            return cell_len(plain)
        return max((cell_len(line) for line in plain.splitlines()), default=0)
    return None


class Table(DataTable):
    def _widths(self) -> list[int]:
        return [column.content_width for column in self.columns.values()]

    def _redraw_if_wider(self, before: list[int]) -> None:
        if self._widths() != before:
            self._clear_caches()
            self.refresh()

    def _highlight_row(self, row_index: int) -> None:
        if row_index >= 0:
            super()._highlight_row(row_index)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        before = self._widths()
        super()._update_dimensions(self._measure_quickly(new_rows))
        self._redraw_if_wider(before)

    def _measure_quickly(self, new_rows: Iterable[RowKey]) -> list[RowKey]:
        """Widen the columns for the rows that are cheap to measure; the others, returned,
        are for Textual to measure."""
        columns = self.ordered_columns
        left: list[RowKey] = []
        for key in new_rows:
            row, cells = self.rows.get(key), self._data.get(key)
            if row is None or cells is None or key not in self._row_locations:
                continue  # removed before the table was idle
            widths = [quick_width(cells.get(column.key)) for column in columns]
            if row.label is not None or row.auto_height or None in widths:
                left.append(key)
                continue
            for column, width in zip(columns, widths, strict=True):
                if width > column.content_width:
                    column.content_width = width
        return left

    def _update_column_widths(self, updated_cells: set[CellKey]) -> None:
        before = self._widths()
        super()._update_column_widths(updated_cells)
        self._redraw_if_wider(before)
