"""The weekly meeting's agenda: proposed by the rules, changed by hand, worked through.

A weekly meeting and its agenda are made the first time someone opens it; the
proposal is stored as agenda items with their reasons, so what the coordinator
reorders, removes and adds stays. Marking an item discussed keeps the
participant's `discussed_on` (the board's "days since discussed") in step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.agenda_rules import AgendaFacts, Proposal, Reason, propose
from tavla.domain.municipality import municipality_key
from tavla.domain.privacy import Personal
from tavla.store import audit
from tavla.store.actions import actions_of
from tavla.store.agenda_items import check_open
from tavla.store.meetings import (
    MeetingSummary,
    get_meeting_in,
    get_series,
    summaries,
    write_attendees,
)
from tavla.store.municipalities import of_municipality
from tavla.store.since_meeting import levels_on

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.models import Meeting

NOTES_MAX = 4000


@dataclass(frozen=True)
class ItemView:
    PERSONAL: ClassVar[dict[str, Personal]] = {
        "name": Personal.NAME,
        "title": Personal.FREE,
        "notes": Personal.TEXT,
        "decisions": Personal.FREE,
    }

    id: int
    position: int
    kind: str  # actions | participant | topic
    participant_id: int | None
    code: str | None
    name: str | None
    title: str
    reasons: tuple[Reason, ...]
    by_hand: bool
    box_minutes: int
    notes: str
    decisions: str
    discussed: bool


@dataclass(frozen=True)
class AgendaView:
    meeting: MeetingSummary
    since: date  # the previous weekly meeting: "since last meeting" starts here
    items: tuple[ItemView, ...]  # on the agenda, in order

    def item(self, item_id: int) -> ItemView | None:
        return next((item for item in self.items if item.id == item_id), None)


def agenda_key(held_on: date, municipality: str | None = None) -> str:
    """What makes a weekly meeting one: its day, and whose it is ("weekly 2026-11-24" for the
    whole board, "weekly 2026-11-24 örebro" for a municipality's)."""
    where = f" {municipality_key(municipality)}" if municipality else ""
    return f"weekly {held_on.isoformat()}{where}"


def open_agenda(
    store: Store,
    held_on: date,
    *,
    today: date,
    log: bool = True,
    municipality: str | None = None,
) -> AgendaView:
    """The weekly meeting on `held_on` with its agenda, proposed by the rules the first time:
    `municipality`'s (its participants only), else (None) the whole board's."""
    from sqlalchemy.exc import IntegrityError

    meeting_id = _find(store, held_on, municipality)
    if meeting_id is None:
        try:
            meeting_id = _create(store, held_on, today, municipality)
        except IntegrityError:  # someone else made it a moment ago: use theirs
            meeting_id = _find(store, held_on, municipality)
    with store.write() as session:
        view = _view(session, store, get_meeting_in(session, meeting_id))
        if log:
            what = " ".join(filter(None, ("agenda", held_on.isoformat(), municipality)))
            audit.record(session, store.actor, "read", None, what)
    return view


def load_agenda(store: Store, meeting_id: int) -> AgendaView:
    with store.read_session() as session:
        return _view(session, store, get_meeting_in(session, meeting_id))


def agenda_on(store: Store, held_on: date, *, municipality: str | None = None) -> AgendaView | None:
    """The weekly meeting on `held_on` (`municipality`'s, else the whole board's) if it has
    been opened, else None (nothing is made)."""
    meeting_id = _find(store, held_on, municipality)
    return None if meeting_id is None else load_agenda(store, meeting_id)


def _find(store: Store, held_on: date, municipality: str | None) -> int | None:
    from sqlmodel import select

    from tavla.store.models import Meeting

    key = agenda_key(held_on, municipality)
    with store.read_session() as session:
        return session.exec(select(Meeting.id).where(Meeting.agenda_key == key)).first()


def previous_meeting_date(
    session: Session, store: Store, held_on: date, municipality: str | None = None
) -> date:
    """The weekly meeting before `held_on` (of the same municipality, or of the whole board):
    the last one held in tavla, else the series' previous date, else a week before."""
    from sqlmodel import select

    from tavla.store.models import Meeting

    held = session.exec(
        select(Meeting.held_on)
        .where(
            Meeting.kind == "weekly",
            Meeting.held_on < held_on,
            of_municipality(session, Meeting.municipality, municipality),
        )
        .order_by(Meeting.held_on.desc())
    ).first()
    if held is not None:
        return held
    series = get_series(store, municipality=municipality)
    earlier = series.recurrence.previous_before(held_on) if series else None
    return earlier or held_on - timedelta(days=7)


def proposals(
    store: Store,
    held_on: date,
    since: date,
    *,
    exclude_meeting: int | None = None,
    municipality: str | None = None,
) -> list[Proposal]:
    """What the template's rules propose for the meeting on `held_on` (of `municipality`'s
    participants and actions, else the whole board's)."""
    from tavla.store.board import load_board

    board = load_board(store, held_on, municipality=municipality)
    with store.read_session() as session:
        facts = AgendaFacts(
            meeting_on=held_on,
            since=since,
            levels_then=levels_on(session, since),
            open_actions=_open_actions_before(session, exclude_meeting, municipality),
            discussed_on={r.participant_id: r.discussed_on for r in board.rows if r.discussed_on},
        )
    return propose(board.rows, facts, store.template.agenda)


def _open_actions_before(session: Session, meeting_id: int | None, municipality: str | None) -> int:
    from sqlmodel import func, or_, select

    from tavla.store.models import Action

    query = select(func.count()).select_from(Action).where(Action.status == "open")
    if meeting_id is not None:
        query = query.where(or_(Action.meeting_id.is_(None), Action.meeting_id != meeting_id))
    if municipality is not None:
        query = query.where(Action.id.in_(actions_of(session, municipality)))
    return session.exec(query).one()


def _create(store: Store, held_on: date, today: date, municipality: str | None) -> int:
    from tavla.store.models import Meeting

    series = get_series(store, municipality=municipality)
    routine = store.template.meeting
    with store.read_session() as session:
        since = previous_meeting_date(session, store, held_on, municipality)
    proposed = proposals(store, held_on, since, municipality=municipality)
    with store.write() as session:
        meeting = Meeting(
            kind="weekly",
            held_on=held_on,
            agenda_key=agenda_key(held_on, municipality),
            municipality=municipality,
            status="planned",
            starts_at=series.at.strftime("%H:%M") if series else routine.time,
            minutes=series.minutes if series else routine.minutes,
            created_by=store.actor,
            created_at=audit.utcnow(),
        )
        session.add(meeting)
        session.flush()
        if series is not None:
            write_attendees(session, meeting.id, series.attendees)
        _add_proposals(session, meeting.id, proposed, store.template.agenda.item_minutes, 0)
        audit.record(session, store.actor, "create", None, f"meeting {meeting.id} agenda")
        return meeting.id


def _add_proposals(
    session: Session, meeting_id: int, proposed: list[Proposal], minutes: int, position: int
) -> None:
    from tavla.store.models import AgendaItem

    for proposal in proposed:
        position += 1
        session.add(
            AgendaItem(
                meeting_id=meeting_id,
                position=position,
                kind="actions" if proposal.participant_id is None else "participant",
                participant_id=proposal.participant_id,
                reasons=_reasons_json(proposal.reasons),
                box_minutes=minutes,
            )
        )


def _reasons_json(reasons: tuple[Reason, ...]) -> str:
    return json.dumps([[r.rule, r.detail] for r in reasons], ensure_ascii=False)


def update_proposal(store: Store, meeting_id: int) -> int:
    """Run the rules again: new reasons replace old ones on items the rules made, and people
    newly proposed join the end. Items removed by hand stay removed. Returns how many joined."""
    from sqlmodel import select

    from tavla.store.models import AgendaItem

    with store.read_session() as session:
        meeting = get_meeting_in(session, meeting_id)
        since = previous_meeting_date(session, store, meeting.held_on, meeting.municipality)
    proposed = proposals(
        store,
        meeting.held_on,
        since,
        exclude_meeting=meeting_id,
        municipality=meeting.municipality,
    )
    with store.write() as session:
        check_open(get_meeting_in(session, meeting_id))
        items = list(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)))
        existing = {(item.kind, item.participant_id): item for item in items}
        new = []
        actions_item = existing.get(("actions", None))
        if actions_item is not None and not actions_item.by_hand:
            # Closed since: the item stays (it may have been gone through) but says so.
            actions_item.reasons = _reasons_json((Reason("open_actions", "0"),))
            session.add(actions_item)
        for proposal in proposed:
            kind = "actions" if proposal.participant_id is None else "participant"
            item = existing.get((kind, proposal.participant_id))
            if item is None:
                new.append(proposal)
            elif not item.by_hand:
                item.reasons = _reasons_json(proposal.reasons)
                session.add(item)
        last = max((item.position for item in items), default=0)
        _add_proposals(session, meeting_id, new, store.template.agenda.item_minutes, last)
        audit.record(session, store.actor, "update", None, f"meeting {meeting_id} agenda")
        return len(new)


def _view(session: Session, store: Store, meeting: Meeting) -> AgendaView:
    from sqlmodel import select

    from tavla.store.models import AgendaItem, Participant

    store_rows = session.exec(
        select(AgendaItem, Participant.code, Participant.name)
        .join(Participant, Participant.id == AgendaItem.participant_id, isouter=True)
        .where(AgendaItem.meeting_id == meeting.id, AgendaItem.removed.is_(False))
        .order_by(AgendaItem.position, AgendaItem.id)
    )
    items = tuple(
        ItemView(
            id=item.id,
            position=item.position,
            kind=item.kind,
            participant_id=item.participant_id,
            code=code,
            name=name,
            title=item.title,
            reasons=tuple(
                Reason(rule, detail) for rule, detail in json.loads(item.reasons or "[]")
            ),
            by_hand=item.by_hand,
            box_minutes=item.box_minutes,
            notes=item.notes,
            decisions=item.decisions,
            discussed=item.discussed_at is not None,
        )
        for item, code, name in store_rows
    )
    summary = summaries(session, [meeting])[0]
    since = previous_meeting_date(session, store, meeting.held_on, meeting.municipality)
    return AgendaView(summary, since, items)
