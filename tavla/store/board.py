"""The board in one query: every active participant with the current state of each lane.

Plain SQL on a DB-API connection, no parameters, so the same text runs on SQLite
and PostgreSQL and needs no SQLAlchemy before the first paint. It reads the
small lane_state table (kept in step by store.ratings), not years of ratings.
Rows are NamedTuples: immutable like frozen dataclasses, but several times
cheaper to build, which counts at a thousand participants.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tavla.store.lane_state import sparkline_levels

if TYPE_CHECKING:
    from tavla.store.database import Store

BOARD_SQL = """
SELECT p.id, p.code, p.name, p.identity_number, p.enrolled_on, p.main_responsibility,
       rc.name, mc.name,
       s.lane, s.level, s.need, s.rated_on, s.note, s.author,
       CASE WHEN s.previous_rated_on IS NULL OR s.level IS NULL OR s.previous_level IS NULL
            THEN NULL
            WHEN s.level > s.previous_level THEN 1
            WHEN s.level < s.previous_level THEN -1
            ELSE 0 END,
       s.history
FROM participant p
LEFT JOIN contact rc ON rc.id = p.region_coordinator_id
LEFT JOIN contact mc ON mc.id = p.municipality_coordinator_id
LEFT JOIN lane_state s ON s.participant_id = p.id
WHERE p.discharged_on IS NULL
ORDER BY p.code, p.id
"""


class LaneCell(NamedTuple):
    lane: str
    level: int | None  # None: not known
    need: str | None
    direction: int | None  # +1 rose, -1 fell, 0 unchanged, None: no earlier known level
    rated_on: date
    note: str
    author: str
    history: str  # one character a week, oldest first: 0-4, "?" not known, "-" no rating


class BoardRow(NamedTuple):
    participant_id: int
    code: str
    name: str
    identity_number: str | None
    enrolled_on: date
    region_coordinator: str | None
    municipality_coordinator: str | None
    main_responsibility: str | None
    lanes: dict[str, LaneCell]  # lanes never rated are absent

    @property
    def last_rated_on(self) -> date | None:
        return max((cell.rated_on for cell in self.lanes.values()), default=None)


class BoardSnapshot(NamedTuple):
    today: date
    rows: tuple[BoardRow, ...]

    def row(self, code: str) -> BoardRow | None:
        return next((row for row in self.rows if row.code == code), None)


def _as_date(value: date | str) -> date:
    return value


def load_board(store: Store, today: date, *, weeks: int = 12) -> BoardSnapshot:
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute(BOARD_SQL)
        records = cursor.fetchall()

    # sqlite3 hands back ISO text, psycopg a date.
    to_date = date.fromisoformat if store.is_sqlite else _as_date
    rows: list[BoardRow] = []
    current_id = None
    lanes: dict[str, LaneCell] = {}
    for (
        pid,
        code,
        name,
        pnr,
        enrolled_on,
        main,
        region,
        municipality,
        lane,
        level,
        need,
        rated_on,
        note,
        author,
        direction,
        history,
    ) in records:
        if pid != current_id:
            current_id = pid
            lanes = {}
            rows.append(
                BoardRow(
                    pid, code, name, pnr, to_date(enrolled_on), region, municipality, main, lanes
                )
            )
        if lane is not None:
            lanes[lane] = LaneCell(
                lane,
                level,
                need,
                direction,
                to_date(rated_on),
                note,
                author,
                sparkline_levels(history, weeks),
            )
    return BoardSnapshot(today, tuple(rows))
