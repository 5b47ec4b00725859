"""tavla's themes: the everyday dark theme and a high-contrast one for projectors.

Level colours are theme variables named after the template's palette
(`$level-green`, …). The everyday theme takes them from the board template;
the contrast theme swaps them for saturated colours that survive a washed-out
projector, on pure black with pure white text.
"""

from __future__ import annotations

from textual.theme import Theme

from tavla.domain.template import BoardTemplate

NORMAL = "tavla"
CONTRAST = "tavla-kontrast"

_CONTRAST_LEVELS = {
    "green": "#00e000",
    "yellow": "#ffff00",
    "orange": "#ff8c00",
    "red": "#ff2020",
    "grey": "#c0c0c0",
}


def level_variables(template: BoardTemplate) -> dict[str, str]:
    return {f"level-{name}": value for name, value in template.colours.items()}


def build_themes(template: BoardTemplate) -> list[Theme]:
    normal = Theme(
        name=NORMAL,
        primary="#4f8ac9",
        secondary="#7aa6d6",
        accent="#e0a030",
        warning="#f0b429",
        error="#e5484d",
        success="#46a758",
        foreground="#e6e6e6",
        background="#16181d",
        surface="#1e2128",
        panel="#2a2f38",
        dark=True,
        variables={**level_variables(template), "presentation": "#f0b429"},
    )
    contrast = Theme(
        name=CONTRAST,
        primary="#ffffff",
        secondary="#ffff00",
        accent="#ffff00",
        warning="#ffff00",
        error="#ff2020",
        success="#00e000",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#202020",
        dark=True,
        luminosity_spread=0.0,
        text_alpha=1.0,
        variables={
            **{
                f"level-{name}": _CONTRAST_LEVELS.get(name, value)
                for name, value in template.colours.items()
            },
            "presentation": "#ffff00",
            "footer-key-foreground": "#ffff00",
            "block-cursor-background": "#ffffff",
            "block-cursor-foreground": "#000000",
            "block-cursor-text-style": "bold",
        },
    )
    return [normal, contrast]
