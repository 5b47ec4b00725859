"""The screens' table draws a row again once it has measured it, even when a repaint came first.

On a busy machine the agenda showed "Social stabilitet på …" for good: Textual's DataTable
had drawn the row before measuring it and kept the drawing (the same test with a plain
DataTable ends with the cut text)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from tavla.widgets.table import Table

from .conftest import screen_text, table_sizing


class DataTableOfText(DataTable):
    """Textual's own, for comparison."""


REASON = "Social stabilitet på 4 sedan förra mötet"


class OneTable(App):
    def __init__(self, table_class: type[DataTable] = Table) -> None:
        super().__init__()
        self.table_class = table_class

    def compose(self) -> ComposeResult:
        yield self.table_class()

    def on_mount(self) -> None:
        self.query_one(self.table_class).add_columns("#", "Varför")


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


async def test_rows_measured_quickly_get_the_widths_textual_would_give_them():
    from tavla.widgets.table import LazyText

    cells = [
        ("kort", Text("två\nrader som är längre"), Text("ÅÄÖ 界")),
        ("[b]markup[/b]", Text(""), LazyText(lambda: Text("x" * 9), 9)),
    ]
    widths = []
    for table_class in (DataTableOfText, Table):
        app = OneTable(table_class)
        async with app.run_test(size=(80, 10)) as pilot:
            table = app.query_one(table_class)
            table.add_column("C")
            for row in cells:
                table.add_row(*row)
            await pilot.pause()
            widths.append([c.content_width for c in table.columns.values()])
    assert widths[0] == widths[1] == [6, 19, 9]


async def test_a_lazy_cell_is_made_only_when_its_row_is_drawn():
    from tavla.widgets.table import LazyText

    made = []

    def cell(n: int) -> LazyText:
        return LazyText(lambda: made.append(n) or Text(f"rad {n:03d}"), 7)

    app = OneTable()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(Table)
        for n in range(500):
            table.add_row(Text(str(n)), cell(n))
        await pilot.pause()
        await pilot.pause(0.1)
        assert "rad 000" in screen_text(app)
        assert 0 < len(made) < 20
        assert table.get_cell_at((499, 1)).plain == "rad 499"


def test_a_lane_cell_is_as_wide_as_it_is_said_to_be():
    from datetime import date

    from tavla.domain.template import default_template
    from tavla.render.lane_cell import lane_text, lane_width
    from tavla.screens.level_styles import level_styles
    from tavla.store.board import LaneCell

    template = default_template()
    styles = level_styles(template, {})
    cells = [None] + [
        LaneCell("health", level, need, direction, date(2026, 1, 5), "", "", history)
        for level in (None, *(lv.value for lv in template.levels))
        for need in (None, *(m.key for m in template.need))
        for direction in (1, -1, 0, None)
        for history in ("", "-?01234", "4" * 12)
    ]
    for cell in cells:
        for covered in (True, False):
            text = lane_text(cell, template, styles, covered)
            assert lane_width(cell, template, covered) == text.cell_len, (cell, covered)
