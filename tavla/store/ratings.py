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
_SCAN = 200  # ratings read back to rebuild a lane's history: enough for a year of weeks


@dataclass(frozen=True)
class NewRating:
    lane: str
    level: int | None
    need: str | None = None
    note: str = ""


def add_rating(
    store: Store,
    code: str,
    rating: NewRating,
    *,
    rated_on: date,
    today: date,
) -> None:
    """Record one rating for the participant with `code`. Nothing is stored if anything is wrong."""
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
