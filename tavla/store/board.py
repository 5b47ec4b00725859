"""The board in one round trip: the active participants, and the current state of their lanes.

Two constant SQL statements without parameters on a DB-API connection, so the same
text runs on SQLite and PostgreSQL and needs no SQLAlchemy before the first paint.
They read the small lane_state table (kept in step by store.ratings), not years of
ratings. Two statements rather than one join, because the join repeats every
participant column for each lane; on SQLite they share one read transaction, on
PostgreSQL they travel in one round trip. Rows are NamedTuples: immutable like
frozen dataclasses, several times cheaper to build at a thousand participants.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from tavla.domain.flags import consent_state
from tavla.domain.municipality import in_municipality
from tavla.domain.privacy import Personal
from tavla.store.lane_state import sparkline_levels

if TYPE_CHECKING:
    from collections.abc import Callable

    from tavla.store.database import Store

PARTICIPANTS_SQL = """
SELECT p.id, p.code, p.name, p.identity_number, p.enrolled_on, p.main_responsibility,
       rc.name, mc.name, p.consent_given_on, p.consent_expires_on, p.consent_revoked_on,
       p.ors_total, p.ors_previous_total, p.coverage, p.sip_follow_up_on, p.crisis_reviewed_on,
       p.discussed_on, p.action_due_on, p.care_contact_id, p.resource_group_met_on,
       p.municipality
FROM participant p
LEFT JOIN contact rc ON rc.id = p.region_coordinator_id
LEFT JOIN contact mc ON mc.id = p.municipality_coordinator_id
WHERE p.discharged_on IS NULL
ORDER BY p.code, p.id
"""

LANES_SQL = """
SELECT s.participant_id, s.lane, s.level, s.need, s.rated_on, s.note, s.author,
       CASE WHEN s.previous_rated_on IS NULL OR s.level IS NULL OR s.previous_level IS NULL
            THEN NULL
            WHEN s.level > s.previous_level THEN 1
            WHEN s.level < s.previous_level THEN -1
            ELSE 0 END,
       s.history
FROM lane_state s
JOIN participant p ON p.id = s.participant_id
WHERE p.discharged_on IS NULL
"""


class LaneCell(NamedTuple):
    PERSONAL = {"note": Personal.TEXT}  # noqa: RUF012 (what presentation mode hides)

    lane: str
    level: int | None  # None: not known
    need: str | None
    direction: int | None  # +1 rose, -1 fell, 0 unchanged, None: no earlier known level
    rated_on: date
    note: str
    author: str
    history: str  # one character a week, oldest first: 0-4, "?" not known, "-" no rating


class BoardRow(NamedTuple):
    PERSONAL = {"name": Personal.NAME, "identity_number": Personal.IDENTITY}  # noqa: RUF012
    CONSENT = "consent"  # without valid consent the room sees only the code (domain.privacy)

    participant_id: int
    code: str
    name: str
    identity_number: str | None
    enrolled_on: date
    region_coordinator: str | None
    municipality_coordinator: str | None
    main_responsibility: str | None
    consent_given_on: date | None
    consent_expires_on: date | None
    consent_revoked_on: date | None
    consent: str  # flags.consent_state on the snapshot's day: valid, expiring, missing, …
    ors_total: int | None
    ors_previous_total: int | None
    coverage: str  # lanes under ongoing interventions (flags.covered reads it)
    sip_follow_up_on: date | None  # from the newest SIP; None: no SIP
    crisis_reviewed_on: date | None  # None: no crisis plan
    discussed_on: date | None  # the last meeting that discussed them; None: never
    action_due_on: date | None  # the earliest due date of their open actions
    care_contact_id: int | None  # the permanent care contact (fast vårdkontakt); None: none yet
    resource_group_met_on: date | None  # the latest resource-group meeting; None: none yet
    lanes: dict[str, LaneCell]  # lanes never rated are absent
    municipality: str = ""  # the participant's, as typed at enrolment

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


def _fetch(store: Store) -> tuple[list[tuple], list[tuple]]:
    with store.reader() as conn:
        cursor = conn.cursor()
        if store.is_sqlite:
            cursor.execute("BEGIN")  # one snapshot for both statements
            cursor.execute(PARTICIPANTS_SQL)
            people = cursor.fetchall()
            cursor.execute(LANES_SQL)
            lanes = cursor.fetchall()
            cursor.execute("COMMIT")
        else:
            # One round trip; a lane of someone discharged in between is simply not shown.
            cursor.execute(PARTICIPANTS_SQL + ";" + LANES_SQL)
            people = cursor.fetchall()
            cursor.nextset()
            lanes = cursor.fetchall()
    return people, lanes


def load_board(
    store: Store, today: date, *, weeks: int = 12, municipality: str | None = None
) -> BoardSnapshot:
    """The board; with `municipality`, only that municipality's participants (the rows are
    narrowed here, so the statements stay constant)."""
    people, lane_rows = _fetch(store)
    # sqlite3 hands back ISO text, psycopg a date.
    to_date = date.fromisoformat if store.is_sqlite else _as_date

    def maybe_date(value: date | str | None) -> date | None:
        return None if value is None else to_date(value)

    lanes_of = _lane_cells(lane_rows, to_date, weeks)
    rows = tuple(
        _board_row(record, today, to_date, maybe_date, lanes_of.get(record[0], {}))
        for record in people
        if in_municipality(record[-1], municipality)  # p.municipality, the last column
    )
    return BoardSnapshot(today, rows)


def _lane_cells(
    lane_rows: list[tuple], to_date: Callable[[Any], date], weeks: int
) -> dict[int, dict[str, LaneCell]]:
    """The lanes' cells by participant id, then by lane."""
    lanes_of: dict[int, dict[str, LaneCell]] = {}
    for pid, lane, level, need, rated_on, note, author, direction, history in lane_rows:
        lanes_of.setdefault(pid, {})[lane] = LaneCell(
            lane,
            level,
            need,
            direction,
            to_date(rated_on),
            note,
            author,
            sparkline_levels(history, weeks),
        )
    return lanes_of


def _board_row(
    record: tuple,
    today: date,
    to_date: Callable[[Any], date],
    maybe_date: Callable[[Any], date | None],
    lanes: dict[str, LaneCell],
) -> BoardRow:
    """A row of PARTICIPANTS_SQL, with its lanes."""
    (
        pid,
        code,
        name,
        pnr,
        enrolled_on,
        main,
        region,
        municipality,
        given,
        expires,
        revoked,
        ors,
        ors_previous,
        coverage,
        follow_up,
        crisis,
        discussed,
        action_due,
        care_contact,
        resource_group_met,
        home,
    ) = record
    given, expires, revoked = maybe_date(given), maybe_date(expires), maybe_date(revoked)
    return BoardRow(
        pid,
        code,
        name,
        pnr,
        to_date(enrolled_on),
        region,
        municipality,
        main,
        given,
        expires,
        revoked,
        consent_state(given, expires, revoked, today),
        ors,
        ors_previous,
        coverage,
        maybe_date(follow_up),
        maybe_date(crisis),
        maybe_date(discussed),
        maybe_date(action_due),
        care_contact,
        maybe_date(resource_group_met),
        lanes,
        home,
    )
