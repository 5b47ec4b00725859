"""What happened to a participant since the last meeting: lanes that moved, interventions
started or ended, actions done, and what is still open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tavla.store import audit
from tavla.store.actions import ActionSummary, actions_in
from tavla.store.interventions import InterventionSummary, for_participant
from tavla.store.participants import by_code

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store


@dataclass(frozen=True)
class LaneMove:
    lane: str
    before: int | None  # None: not known, or not rated by then
    after: int | None
    rated_on: date


@dataclass(frozen=True)
class SinceView:
    code: str
    since: date
    moves: tuple[LaneMove, ...]
    started: tuple[InterventionSummary, ...]
    ended: tuple[InterventionSummary, ...]
    actions_done: tuple[ActionSummary, ...]
    open_actions: tuple[ActionSummary, ...]


def levels_on(
    session: Session, day: date, participant_id: int | None = None
) -> dict[tuple[int, str], int | None]:
    """The level in effect on `day` of every lane rated after it (the only lanes that can
    have moved since), by (participant, lane). One index lookup per such lane, not a scan of
    years of ratings."""
    from sqlalchemy import text

    only_one = "" if participant_id is None else " AND s.participant_id = :pid"
    rows = session.execute(
        text(
            "SELECT s.participant_id, s.lane, ("
            " SELECT r.level FROM rating r"
            " WHERE r.participant_id = s.participant_id AND r.lane = s.lane"
            " AND r.rated_on <= :day ORDER BY r.rated_on DESC, r.id DESC LIMIT 1)"
            " FROM lane_state s WHERE s.rated_on > :day" + only_one
        ),
        {"day": day, "pid": participant_id},
    )
    return {(pid, lane): level for pid, lane, level in rows}


def since_meeting(store: Store, code: str, since: date, *, log: bool = True) -> SinceView:
    """The participant's changes after `since` (a read of their record, so it is logged;
    `log=False` only to refresh what was already opened and logged)."""
    from sqlmodel import select

    from tavla.store.models import LaneState

    with store.write() if log else store.read_session() as session:
        participant = by_code(session, code)
        then = levels_on(session, since, participant.id)
        moves = []
        states = session.exec(
            select(LaneState).where(LaneState.participant_id == participant.id)
        ).all()
        order = [lane.key for lane in store.template.lanes]
        for state in sorted(states, key=lambda s: order.index(s.lane) if s.lane in order else 99):
            before = then.get((participant.id, state.lane))
            if state.rated_on > since and before != state.level:
                moves.append(LaneMove(state.lane, before, state.level, state.rated_on))
        interventions = for_participant(session, participant.id)
        if log:
            audit.record(session, store.actor, "read", participant.id, "since last meeting")
        return SinceView(
            code=participant.code,
            since=since,
            moves=tuple(moves),
            started=tuple(i for i in interventions if i.started_on > since),
            ended=tuple(i for i in interventions if i.ended_on and i.ended_on > since),
            actions_done=tuple(
                actions_in(session, status="done", code=participant.code, closed_after=since)
            ),
            open_actions=tuple(actions_in(session, status="open", code=participant.code)),
        )
