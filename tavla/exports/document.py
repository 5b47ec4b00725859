"""A file for readers outside tavla, before it has a format: a title, sentences, tables.

The template, the de-identified board and the figures each build one `Document`;
`exports.writers` turns it into xlsx, csv, html or json. Keeping the content apart
from the format means the four formats cannot disagree about what they hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tavla.domain.template_check import HEX_COLOUR

# Called as progress(done, total) while a file is written, for the interface's progress bar.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Cell:
    """A value with a background colour (a level's colour), e.g. on the board."""

    value: str | int | None
    fill: str | None = None  # "#rrggbb"; anything else is ignored by the writers


CellValue = Cell | str | int | None


@dataclass(frozen=True)
class Table:
    key: str  # stable, for JSON and tests
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    note: str = ""  # a sentence under the title
    main: bool = False  # the board itself: landscape, one page wide
    handwritten: bool = False  # an empty board to fill in by hand: tall rows, on one page


@dataclass(frozen=True)
class Document:
    title: str
    lines: tuple[str, ...]  # what the file is and what it holds, for its reader
    tables: tuple[Table, ...]
    data: dict[str, Any] = field(default_factory=dict)  # the machine-readable form (json)
    personal: bool = False  # rows about people, even under codes: written 0600

    def row_count(self) -> int:
        return sum(len(table.rows) for table in self.tables)


def value_of(cell: CellValue) -> str | int | None:
    return cell.value if isinstance(cell, Cell) else cell


def fill_of(cell: CellValue) -> str | None:
    if isinstance(cell, Cell) and cell.fill and HEX_COLOUR.match(cell.fill):
        return cell.fill
    return None


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on `fill` (WCAG relative luminance)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(fill[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.179 else "#ffffff"
