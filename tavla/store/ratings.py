"""Ratings of the three lanes: history kept (a new rating is a new row), lane state kept in step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import audit
from tavla.store.lane_state import encode_history
from tavla.store.participants import lock_by_code

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store

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
    from tavla.store.models import Rating

    template = store.template
    lane = template.lane(rating.lane).key
    level = template.level(rating.level).value
    need = template.need_mark(rating.need)
    note = rating.note.strip()
    if len(note) > NOTE_MAX:
        raise UserError(_("The note is longer than {n} characters.").format(n=NOTE_MAX))
    if rated_on > today:
        raise UserError(_("A rating cannot be dated in the future."))

    with store.write() as session:
        participant = lock_by_code(session, code)
        if participant.discharged_on is not None:
            raise UserError(
                _("{code} is discharged; ratings are closed.").format(code=participant.code)
            )
        if seen is not None:
            _refuse_if_rated_since(session, participant.id, lane, seen, template)
        session.add(
            Rating(
                participant_id=participant.id,
                lane=lane,
                level=level,
                need=need.key if need else None,
                note=note,
                rated_on=rated_on,
                author=store.actor,
                created_at=audit.utcnow(),
            )
        )
        session.flush()
        refresh_lane_state(session, participant.id, lane)
        audit.record(session, store.actor, "rate", participant.id, lane)


def refresh_lane_state(session: Session, participant_id: int, lane: str) -> None:
    """Rebuild the lane_state row of one lane from its newest ratings."""
    from sqlmodel import delete, select

    from tavla.store.models import LaneState, Rating

    newest = session.exec(
        select(Rating.rated_on, Rating.level, Rating.need, Rating.note, Rating.author)
        .where(Rating.participant_id == participant_id, Rating.lane == lane)
        .order_by(Rating.rated_on.desc(), Rating.id.desc())
        .limit(_SCAN)
    ).all()
    session.exec(
        delete(LaneState).where(LaneState.participant_id == participant_id, LaneState.lane == lane)
    )
    if not newest:
        return
    latest = newest[0]
    previous = newest[1] if len(newest) > 1 else None
    session.add(
        LaneState(
            participant_id=participant_id,
            lane=lane,
            level=latest.level,
            need=latest.need,
            rated_on=latest.rated_on,
            note=latest.note,
            author=latest.author,
            previous_level=previous.level if previous else None,
            previous_rated_on=previous.rated_on if previous else None,
            history=encode_history((row.rated_on, row.level) for row in newest),
        )
    )


def _refuse_if_rated_since(
    session: Session, participant_id: int, lane: str, seen: LaneSeen, template
) -> None:
    from sqlmodel import select

    from tavla.errors import Conflict
    from tavla.store.conflicts import local_time
    from tavla.store.models import LaneState, Rating

    state = session.exec(
        select(LaneState).where(LaneState.participant_id == participant_id, LaneState.lane == lane)
    ).first()
    now = LaneSeen(
        (state.level, state.need, state.rated_on, state.author, state.note) if state else NOT_RATED
    )
    if now == seen:
        return
    newest = session.exec(
        select(Rating)
        .where(Rating.participant_id == participant_id, Rating.lane == lane)
        .order_by(Rating.id.desc())
        .limit(1)
    ).first()
    if newest is None:  # the lane has no rating at all: nothing of anyone's to overwrite
        return
    level = template.level(newest.level)
    raise Conflict(
        _(
            "{who} rated {lane} {level} {label} at {time} while you were rating; nothing was saved."
        ).format(
            who=newest.author,
            lane=template.lane(lane).label,
            level=level.symbol,
            label=level.label,
            time=local_time(newest.created_at),
        )
        + " "
        + _("Your rating is still here: save again to record it, or cancel."),
        now,
    )
