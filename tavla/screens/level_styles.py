"""The level styles for a theme: Rich styles made from the theme's colour variables.

Textual's `Color` parses the variables, picks contrasting badge text and blends muted text
over the background, so this lives with the screens; `tavla.render.lane_cell` holds the
`LevelStyles` they fill and the text drawn with them.
"""

from __future__ import annotations

from rich.style import Style
from textual.color import Color, ColorParseError

from tavla.domain.template import BoardTemplate
from tavla.render.lane_cell import BARS, LevelStyles
from tavla.store.lane_state import NO_RATING, UNKNOWN


def level_styles(template: BoardTemplate, variables: dict[str, str]) -> LevelStyles:
    def colour(name: str) -> Color:
        value = variables.get(f"level-{name}") or template.colours.get(name, "#888888")
        return Color.parse(value)

    badge: dict[str, Style] = {}
    spark: dict[str, Style] = {}
    for level in (*template.levels, template.unknown):
        background = colour(level.colour)
        text = background.get_contrast_text(1.0)
        badge[level.symbol] = Style(bgcolor=background.rich_color, color=text.rich_color, bold=True)
        spark[level.symbol] = Style(color=background.rich_color)

    values = [lv.value for lv in template.levels]
    low, high = min(values), max(values)
    bars = {str(v): BARS[round((v - low) * (len(BARS) - 1) / max(high - low, 1))] for v in values}
    bars[UNKNOWN] = "?"
    bars[NO_RATING] = "·"

    def theme(name: str, fallback: str) -> Color:
        try:
            return Color.parse(variables.get(name, fallback))
        except ColorParseError:  # the ANSI themes' "ansi_default 50%", say
            return Color.parse(fallback)

    # Muted text is the foreground at partial alpha: blend it over the background.
    muted = theme("background", "#000000") + theme("foreground-muted", "#808080")
    return LevelStyles(
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
