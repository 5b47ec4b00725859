"""The screens' table draws a row again once it has measured it, even when a repaint came first.

On a busy machine the agenda showed "Social stabilitet på …" for good: Textual's DataTable
had drawn the row before measuring it and kept the drawing (the same test with a plain
DataTable ends with the cut text)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from tavla.widgets.table import Table

from .conftest import screen_text, table_sizing

REASON = "Social stabilitet på 4 sedan förra mötet"


class OneTable(App):
    def compose(self) -> ComposeResult:
        yield Table()

    def on_mount(self) -> None:
        self.query_one(Table).add_columns("#", "Varför")


async def test_a_row_drawn_before_it_was_measured_is_drawn_again_whole():
    app = OneTable()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(Table)
        table.add_row("1", Text(REASON, no_wrap=True, overflow="ellipsis"))
        assert table_sizing(table)  # not measured yet
        for y in range(2):  # a repaint that lands first: drawn at the header's width
            table.render_line(y)
        await pilot.pause()
        await pilot.pause(0.1)
        assert REASON in screen_text(app)
