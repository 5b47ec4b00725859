"""A lane cell as text: level badge in its colour, direction, weekly sparkline, need mark."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError

from tavla.i18n import _
from tavla.store.board import LaneCell
from tavla.store.lane_state import NO_RATING, UNKNOWN
from tavla.template import BoardTemplate

BARS = "▁▂▃▄▅▆▇█"
ARROWS = {1: "↑", -1: "↓", 0: "→", None: " "}


@dataclass(frozen=True)
class LevelStyles:
    """Rich styles for one theme: a badge and a sparkline colour per level symbol."""

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

    @classmethod
    def from_theme(cls, template: BoardTemplate, variables: dict[str, str]) -> LevelStyles:
        def colour(name: str) -> Color:
            value = variables.get(f"level-{name}") or template.colours.get(name, "#888888")
            return Color.parse(value)

        badge: dict[str, Style] = {}
        spark: dict[str, Style] = {}
        for level in (*template.levels, template.unknown):
            background = colour(level.colour)
            text = background.get_contrast_text(1.0)
            badge[level.symbol] = Style(
                bgcolor=background.rich_color, color=text.rich_color, bold=True
            )
            spark[level.symbol] = Style(color=background.rich_color)

        values = [lv.value for lv in template.levels]
        low, high = min(values), max(values)
        bars = {
            str(v): BARS[round((v - low) * (len(BARS) - 1) / max(high - low, 1))] for v in values
        }
        bars[UNKNOWN] = "?"
        bars[NO_RATING] = "·"

        def theme(name: str, fallback: str) -> Color:
            try:
                return Color.parse(variables.get(name, fallback))
            except ColorParseError:  # the ANSI themes' "ansi_default 50%", say
                return Color.parse(fallback)

        # Muted text is the foreground at partial alpha: blend it over the background.
        muted = theme("background", "#000000") + theme("foreground-muted", "#808080")
        return cls(
            badge=badge,
            spark=spark,
            bars=bars,
            rose=Style(color=theme("error", "#e5484d").rich_color, bold=True),
            fell=Style(color=theme("success", "#46a758").rich_color, bold=True),
            muted=Style(color=muted.rich_color),
            unmet=Style(color=theme("error", "#e5484d").rich_color, bold=True),
            met=Style(color=theme("success", "#46a758").rich_color),
            uncovered=Style(color=theme("warning", "#f0b429").rich_color, bold=True),
            alert=_badge(theme("error", "#e5484d")),
            warning=_badge(theme("warning", "#f0b429")),
        )


def _badge(background: Color) -> Style:
    return Style(
        bgcolor=background.rich_color,
        color=background.get_contrast_text(1.0).rich_color,
        bold=True,
    )


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
