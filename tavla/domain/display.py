"""User text made safe for a terminal: control characters become visible symbols.

Text from users is data. Rich markup is avoided by building `Text` objects (never
`from_markup`); this module handles the other half: escape sequences and other
control characters must never reach the terminal, in the interface or the CLI.
"""

from __future__ import annotations

_TABLE = {c: 0x2400 + c for c in range(0x20)}  # ␀ … ␟ (control pictures)
_TABLE[0x7F] = 0x2421  # ␡
_TABLE.update({c: 0xFFFD for c in range(0x80, 0xA0)})  # C1 controls
_TABLE.update({0x2028: 0x2424, 0x2029: 0x2424})  # line/paragraph separators
_TABLE.update({c: 0xFFFD for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def visible(text: str | None) -> str:
    """The text with every control character replaced by a visible stand-in."""
    if not text:
        return ""
    return text.translate(_TABLE)


def one_line(text: str | None, limit: int | None = None) -> str:
    """Like `visible`, for a single line cell; long text ends in an ellipsis."""
    shown = visible(text)
    if limit is not None and len(shown) > limit:
        return shown[: max(limit - 1, 0)] + "…"
    return shown


def fit_name(name: str | None, width: int) -> str:
    """A name in `width` characters: 'Hampus Wiklander' → 'H. Wiklander' before it is cut."""
    shown = one_line(name)
    parts = shown.split()
    if len(shown) > width and len(parts) > 1:
        shown = " ".join([*(part[0] + "." for part in parts[:-1]), parts[-1]])
    return one_line(shown, width)
