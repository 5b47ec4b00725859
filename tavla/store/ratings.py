"""Ratings of the three lanes: history kept (a new rating is a new row), lane state kept in step.

In plain SQL (store.plain), so rating from a script or the board needs no ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import audit
from tavla.store.lane_state import encode_history
from tavla.store.participants import locked

if TYPE_CHECKING:
    from tavla.store.database import Store
    from tavla.store.plain import Transaction

NOTE_MAX = 500
NOT_RATED = None  # LaneSeen.state of a lane that had no rating when the rater began
_SCAN = 200  # ratings read back to rebuild a lane's history: enough for a year of weeks


@dataclass(frozen=True)
class NewRating:
    lane: str
    level: int | None
    need: str | None = None
    note: str = ""


@dataclass(frozen=True)
class LaneSeen:
    """What the rater saw of the lane when they began: its newest rating, or NOT_RATED."""

    state: tuple[int | None, str | None, date, str, str] | None  # level, need, on, author, note

    @classmethod
    def of(cls, cell) -> LaneSeen:
        """From the board's LaneCell (or None for a lane never rated)."""
        if cell is None:
            return cls(NOT_RATED)
        return cls((cell.level, cell.need, cell.rated_on, cell.author, cell.note))


def add_rating(
    store: Store,
    code: str,
    rating: NewRating,
    *,
    rated_on: date,
    today: date,
    seen: LaneSeen | None = None,
) -> None:
    """Record one rating for the participant with `code`. Nothing is stored if anything is wrong.

    `seen`: the lane as the rater saw it; if someone rated it since, Conflict (store.conflicts)
    carrying the LaneSeen of now. None: no such check (a one-off command).
    """
    template = store.template
    lane = template.lane(rating.lane).key
    level = template.level(rating.level).value
    need = template.need_mark(rating.need)
    note = rating.note.strip()
    if len(note) > NOTE_MAX:
        raise UserError(_("The note is longer than {n} characters.").format(n=NOTE_MAX))
    if rated_on > today:
        raise UserError(_("A rating cannot be dated in the future."))

    with store.transaction() as transaction:
        participant = locked(transaction, code)
        if participant.discharged_on is not None:
            raise UserError(
                _("{code} is discharged; ratings are closed.").format(code=participant.code)
            )
        if seen is not None:
            _refuse_if_rated_since(transaction, participant.id, lane, seen, template)
        transaction.execute(
            "INSERT INTO rating (participant_id, lane, level, need, note, rated_on, author,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                participant.id,
                lane,
                level,
                need.key if need else None,
                note,
                rated_on,
                store.actor,
                audit.utcnow(),
            ),
        )
        refresh_lane_state(transaction, participant.id, lane)
        audit.log(transaction, store.actor, "rate", participant.id, lane)


def refresh_lane_state(transaction: Transaction, participant_id: int, lane: str) -> None:
    """Rebuild the lane_state row of one lane from its newest ratings (in an ORM session:
    `refresh_lane_state(plain.within(session), …)`)."""
    where = " WHERE participant_id = ? AND lane = ?"
    newest = [
        (transaction.date(rated_on), level, need, note, author)
        for rated_on, level, need, note, author in transaction.all(
            "SELECT rated_on, level, need, note, author FROM rating"
            + where
            + " ORDER BY rated_on DESC, id DESC LIMIT ?",
            (participant_id, lane, _SCAN),
        )
    ]
    transaction.execute("DELETE FROM lane_state" + where, (participant_id, lane))
    if not newest:
        return
    rated_on, level, need, note, author = newest[0]
    previous = newest[1] if len(newest) > 1 else (None, None)
    transaction.execute(
        "INSERT INTO lane_state (participant_id, lane, level, need, rated_on, note, author,"
        " previous_level, previous_rated_on, history) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            participant_id,
            lane,
            level,
            need,
            rated_on,
            note,
            author,
            previous[1],
            previous[0],
            encode_history((row[0], row[1]) for row in newest),
        ),
    )


def _refuse_if_rated_since(
    transaction: Transaction, participant_id: int, lane: str, seen: LaneSeen, template
) -> None:
    from tavla.errors import Conflict
    from tavla.store.conflicts import local_time

    where = " WHERE participant_id = ? AND lane = ?"
    state = transaction.first(
        "SELECT level, need, rated_on, author, note FROM lane_state" + where,
        (participant_id, lane),
    )
    now = LaneSeen(
        (state[0], state[1], transaction.date(state[2]), state[3], state[4]) if state else NOT_RATED
    )
    if now == seen:
        return
    newest = transaction.first(
        "SELECT level, author, created_at FROM rating" + where + " ORDER BY id DESC LIMIT 1",
        (participant_id, lane),
    )
    if newest is None:  # the lane has no rating at all: nothing of anyone's to overwrite
        return
    level, author, created_at = newest
    shown = template.level(level)
    raise Conflict(
        _(
            "{who} rated {lane} {level} {label} at {time} while you were rating; nothing was saved."
        ).format(
            who=author,
            lane=template.lane(lane).label,
            level=shown.symbol,
            label=shown.label,
            time=local_time(transaction.time(created_at)),
        )
        + " "
        + _("Your rating is still here: save again to record it, or cancel."),
        now,
    )
