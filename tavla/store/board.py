"""The board in one query: every active participant with the current state of each lane.

Plain SQL on a DB-API connection, no parameters, so the same text runs on SQLite
and PostgreSQL and needs no SQLAlchemy before the first paint. It reads the
small lane_state table (kept in step by store.ratings), not years of ratings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tavla.store.lane_state import sparkline_levels

if TYPE_CHECKING:
    from tavla.store.database import Store

BOARD_SQL = """
SELECT p.id, p.code, p.name, p.identity_number, p.enrolled_on, p.main_responsibility,
       rc.name, mc.name,
       s.lane, s.level, s.need, s.rated_on, s.note, s.author,
       s.previous_level, s.previous_rated_on, s.history
FROM participant p
LEFT JOIN contact rc ON rc.id = p.region_coordinator_id
LEFT JOIN contact mc ON mc.id = p.municipality_coordinator_id
LEFT JOIN lane_state s ON s.participant_id = p.id
WHERE p.discharged_on IS NULL
ORDER BY p.code, p.id
"""


@dataclass(frozen=True)
class LaneCell:
    lane: str
    level: int | None  # None: not known
    need: str | None
    direction: int | None  # +1 rose, -1 fell, 0 unchanged, None: no earlier known level
    rated_on: date
    note: str
    author: str
    history: str  # one character a week, oldest first: 0-4, "?" not known, "-" no rating


@dataclass(frozen=True)
class BoardRow:
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


@dataclass(frozen=True)
class BoardSnapshot:
    today: date
    rows: tuple[BoardRow, ...]

    def row(self, code: str) -> BoardRow | None:
        return next((row for row in self.rows if row.code == code), None)


def _date(value: date | str | None) -> date | None:
    # sqlite3 hands back ISO text, psycopg a date.
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _direction(level: int | None, previous: int | None, has_previous: bool) -> int | None:
    if not has_previous or level is None or previous is None:
        return None
    return (level > previous) - (level < previous)


def load_board(store: Store, today: date, *, weeks: int = 12) -> BoardSnapshot:
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute(BOARD_SQL)
        records = cursor.fetchall()

    rows: list[BoardRow] = []
    current_id = None
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
        prev_level,
        prev_on,
        history,
    ) in records:
        if pid != current_id:
            current_id = pid
            lanes: dict[str, LaneCell] = {}
            rows.append(
                BoardRow(
                    participant_id=pid,
                    code=code,
                    name=name,
                    identity_number=pnr,
                    enrolled_on=_date(enrolled_on),
                    region_coordinator=region,
                    municipality_coordinator=municipality,
                    main_responsibility=main,
                    lanes=lanes,
                )
            )
        if lane is None:
            continue
        rated = _date(rated_on)
        lanes[lane] = LaneCell(
            lane=lane,
            level=level,
            need=need,
            direction=_direction(level, prev_level, prev_on is not None),
            rated_on=rated,
            note=note,
            author=author,
            history=sparkline_levels(history, weeks),
        )
    return BoardSnapshot(today=today, rows=tuple(rows))
