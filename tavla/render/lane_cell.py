"""A lane cell as text: level badge in its colour, direction, weekly sparkline, need mark."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from tavla.domain.template import BoardTemplate
from tavla.i18n import _
from tavla.store.board import LaneCell
from tavla.store.lane_state import NO_RATING

BARS = "▁▂▃▄▅▆▇█"
ARROWS = {1: "↑", -1: "↓", 0: "→", None: " "}


@dataclass(frozen=True)
class LevelStyles:
    """Rich styles for one theme: a badge and a sparkline colour per level symbol (made from
    the theme by `tavla.screens.level_styles`)."""

    badge: dict[str, Style]
    spark: dict[str, Style]
    bars: dict[str, str]
    rose: Style
    fell: Style
    muted: Style
    unmet: Style
    met: Style
    uncovered: Style  # "met", yet no ongoing intervention covers the lane
    alert: Style  # badges for flags
    warning: Style


UNCOVERED_MARK = "!"


def sparkline(history: str, styles: LevelStyles) -> Text:
    text = Text(no_wrap=True)
    for symbol in history:
        style = styles.spark.get(symbol, styles.muted) if symbol != NO_RATING else styles.muted
        text.append(styles.bars.get(symbol, "·"), style)
    return text


def lane_text(
    cell: LaneCell | None, template: BoardTemplate, styles: LevelStyles, covered: bool = True
) -> Text:
    """Render one lane: ` 3 ↑▃▄▅▆▆▇▇█▇▆▆▇✗` (arrow, sparkline and need mark side by side, so
    the whole board, names in full, fits 120 columns)."""
    if cell is None:
        return Text(" – " + " " + _("not rated"), style=styles.muted, no_wrap=True)
    level = template.level(cell.level)
    text = Text(no_wrap=True)
    text.append(f" {level.symbol} ", styles.badge[level.symbol])
    arrow_style = {1: styles.rose, -1: styles.fell}.get(cell.direction, styles.muted)
    text.append(ARROWS[cell.direction], arrow_style)
    text.append_text(sparkline(cell.history, styles))
    mark = template.need_mark(cell.need)
    if mark is None:
        text.append(" ")
    elif mark.key == "met" and not covered:
        text.append(UNCOVERED_MARK, styles.uncovered)
    else:
        text.append(mark.mark, styles.unmet if mark.key == "unmet" else styles.met)
    return text


def lane_width(cell: LaneCell | None, template: BoardTemplate, covered: bool = True) -> int:
    """The width of `lane_text(cell, ...)` without making it (the board measures a thousand
    rows and draws only those on screen)."""
    if cell is None:
        return cell_len(" – " + " " + _("not rated"))
    mark = template.need_mark(cell.need)
    if mark is None:
        tail = " "
    elif mark.key == "met" and not covered:
        tail = UNCOVERED_MARK
    else:
        tail = mark.mark
    symbol = template.level(cell.level).symbol
    return cell_len(f" {symbol} ") + 1 + len(cell.history) + cell_len(tail)
