"""Each active participant's lane ratings over a span of weeks, for the de-identified board.

The rating in effect when the span starts (the latest before it, one index lookup
per lane) and every rating within it, so a caller can tell the level and need mark
in force at the end of each week.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tavla.store.database import Store

RATINGS_SQL = """
SELECT r.participant_id, r.lane, r.rated_on, r.id, r.level, r.need
FROM rating r
WHERE r.id IN (
    SELECT (SELECT b.id FROM rating b
            WHERE b.participant_id = s.participant_id AND b.lane = s.lane AND b.rated_on < :start
            ORDER BY b.rated_on DESC, b.id DESC LIMIT 1)
    FROM lane_state s JOIN participant p ON p.id = s.participant_id
    WHERE p.discharged_on IS NULL)
UNION ALL
SELECT r.participant_id, r.lane, r.rated_on, r.id, r.level, r.need
FROM rating r JOIN participant p ON p.id = r.participant_id
WHERE p.discharged_on IS NULL AND r.rated_on >= :start AND r.rated_on <= :end
"""


class Rated(NamedTuple):
    rated_on: date
    level: int | None  # None: not known
    need: str | None


def lane_ratings(store: Store, start: date, end: date) -> dict[tuple[int, str], list[Rated]]:
    """(participant id, lane) → ratings oldest first: the one in effect at `start`, then
    those from `start` to `end`. Active participants only."""
    from sqlalchemy import Date, text

    found: dict[tuple[int, str], list[tuple]] = defaultdict(list)
    with store.read_session() as session:
        for pid, lane, rated_on, rating_id, level, need in session.execute(
            text(RATINGS_SQL).columns(rated_on=Date), {"start": start, "end": end}
        ):
            found[(pid, lane)].append((rated_on, rating_id, level, need))
    return {key: [Rated(r[0], r[2], r[3]) for r in sorted(rows)] for key, rows in found.items()}


def in_effect(ratings: list[Rated], day: date) -> Rated | None:
    """The rating in force on `day` (ratings oldest first), or None before the first."""
    current = None
    for rating in ratings:
        if rating.rated_on > day:
            break
        current = rating
    return current
