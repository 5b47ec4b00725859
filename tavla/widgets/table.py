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
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import DataTable
from textual.widgets.data_table import CellKey, RowKey


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
        super()._update_dimensions(new_rows)
        self._redraw_if_wider(before)

    def _update_column_widths(self, updated_cells: set[CellKey]) -> None:
        before = self._widths()
        super()._update_column_widths(updated_cells)
        self._redraw_if_wider(before)
