"""How a lane's recent history is kept in one short string, and read back for a sparkline.

`history[k]` is the level of the last rating made k ISO weeks before the week of
the latest rating: a digit, "?" for not known, or "-" for a week without one.
Pure Python, so the board can decode it without SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

KEPT_WEEKS = 52
NO_RATING = "-"
UNKNOWN = "?"


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_between(earlier: date, later: date) -> int:
    return (monday(later) - monday(earlier)).days // 7


def encode_history(newest_first: Iterable[tuple[date, int | None]]) -> str:
    """Ratings as (rated_on, level), newest first, to the history string."""
    chars: list[str] = []
    anchor: date | None = None
    for rated_on, level in newest_first:
        if anchor is None:
            anchor = rated_on
        offset = weeks_between(rated_on, anchor)
        if offset >= KEPT_WEEKS:
            break
        while len(chars) < offset:
            chars.append(NO_RATING)
        if len(chars) == offset:  # the newest rating of that week wins
            chars.append(UNKNOWN if level is None else str(level))
    return "".join(chars)


def sparkline_levels(history: str, weeks: int) -> str:
    """The last `weeks` rated weeks, oldest first, ending with the week of the latest rating."""
    return history[:weeks][::-1].rjust(weeks, NO_RATING)
