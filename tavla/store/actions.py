"""Actions: what a meeting agreed someone will do by a date; open, done or dropped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.privacy import Personal
from tavla.domain.vocabulary import ActionStatus
from tavla.errors import NotFound, UserError
from tavla.i18n import _
from tavla.store import audit, conflicts
from tavla.store.checks import TEXT_MAX, check_text
from tavla.store.contacts import get_in
from tavla.store.municipalities import spellings_of
from tavla.store.participants import by_code, lock_by_code

if TYPE_CHECKING:
    from sqlmodel import Session
    from sqlmodel.sql.expression import Select

    from tavla.store.database import Store
    from tavla.store.models import Action

STATUSES = tuple(ActionStatus)


@dataclass(frozen=True)
class ActionInput:
    what: str
    owner_id: int
    due_on: date
    code: str | None = None  # the participant it concerns, if any
    meeting_id: int | None = None


@dataclass(frozen=True)
class ActionSummary:
    PERSONAL: ClassVar[dict[str, Personal]] = {
        "what": Personal.FREE,
        "owner": Personal.FREE,
        "participant_name": Personal.NAME,
    }

    id: int
    what: str
    owner: str
    owner_id: int
    due_on: date
    status: ActionStatus
    code: str | None
    participant_name: str | None
    meeting_id: int | None
    meeting_on: date | None
    created_on: date
    closed_on: date | None
    closed_by: str

    def overdue(self, today: date) -> bool:
        return self.status == "open" and self.due_on < today


def check_action(action: ActionInput) -> ActionInput:
    what = check_text(action.what, _("The action"))
    if not what:
        raise UserError(_("Say what is to be done."))
    return ActionInput(
        what[:TEXT_MAX], action.owner_id, action.due_on, action.code, action.meeting_id
    )


def add_action(store: Store, action: ActionInput, *, today: date) -> int:
    from tavla.store.models import Action

    action = check_action(action)
    with store.write() as session:
        get_in(session, action.owner_id)
        participant = lock_by_code(session, action.code) if action.code else None
        if action.meeting_id is not None:
            from tavla.store.meetings import get_meeting_in

            get_meeting_in(session, action.meeting_id)
        row = Action(
            meeting_id=action.meeting_id,
            participant_id=participant.id if participant else None,
            what=action.what,
            owner_id=action.owner_id,
            due_on=action.due_on,
            status="open",
            created_on=today,
            created_by=store.actor,
        )
        session.add(row)
        session.flush()
        if participant is not None:
            _refresh(session, participant.id)
        audit.record(session, store.actor, "create", row.participant_id, f"action {row.id}")
        return row.id


def close_action(
    store: Store, action_id: int, status: str, *, today: date, seen: str | None = None
) -> None:
    """Mark an action done or dropped (recording who and when), or open it again.

    `seen`: the status the user saw; Conflict if someone has changed it since.
    """
    if status not in STATUSES:
        raise UserError(
            _("{text!r} is not a status; use {keys}.").format(text=status, keys=", ".join(STATUSES))
        )
    with store.write() as session:
        row = _get(session, action_id)
        if seen is not None and row.status != seen:
            details = tuple(f"action {action_id} {s}" for s in STATUSES)
            by = conflicts.last_change(session, row.participant_id, details)
            what = {
                ActionStatus.OPEN: _("action {id} (now open)"),
                ActionStatus.DONE: _("action {id} (now done)"),
                ActionStatus.DROPPED: _("action {id} (now dropped)"),
            }[ActionStatus(row.status)].format(id=action_id)
            advice = _("Look at it again, then choose.")
            conflicts.refuse([what], by, row.status, advice)
        row.status = status
        row.closed_on = None if status == "open" else today
        row.closed_by = "" if status == "open" else store.actor
        session.add(row)
        session.flush()
        if row.participant_id is not None:
            _refresh(session, row.participant_id)
        audit.record(
            session, store.actor, "update", row.participant_id, f"action {action_id} {status}"
        )


def _get(session: Session, action_id: int) -> Action:
    from tavla.store.models import Action

    row = session.get(Action, action_id, with_for_update=True)
    if row is None:
        raise NotFound(_("There is no action number {id}.").format(id=action_id))
    return row


def _refresh(session: Session, participant_id: int) -> None:
    """Keep the participant row's earliest open due date (the board's overdue flag) in step."""
    from sqlmodel import func, select

    from tavla.store.models import Action, Participant

    earliest = session.exec(
        select(func.min(Action.due_on)).where(
            Action.participant_id == participant_id, Action.status == "open"
        )
    ).one()
    participant = session.get(Participant, participant_id)
    participant.action_due_on = earliest
    session.add(participant)


def sort_key(action: ActionSummary, today: date) -> tuple:
    """Overdue first, then by owner and due date."""
    return (not action.overdue(today), action.owner.casefold(), action.due_on, action.id)


def list_actions(
    store: Store,
    *,
    today: date,
    status: str | None = "open",
    code: str | None = None,
    meeting_id: int | None = None,
    municipality: str | None = None,
) -> list[ActionSummary]:
    """Actions (open ones unless `status` says otherwise; None: all), overdue first, then by
    owner and due date; with `municipality`, only that municipality's (`actions_of`)."""
    with store.read_session() as session:
        found = actions_in(session, status=status, code=code, meeting_id=meeting_id)
        if municipality is not None:
            ours = set(session.exec(actions_of(session, municipality)))
            found = [action for action in found if action.id in ours]
    return sorted(found, key=lambda a: sort_key(a, today))


def actions_of(session: Session, municipality: str) -> Select:
    """The ids of `municipality`'s actions: about its participants, or agreed in its weekly
    meetings about no one in particular."""
    from sqlmodel import and_, or_, select

    from tavla.store.models import Action, Meeting, Participant

    names = spellings_of(session, municipality)
    return (
        select(Action.id)
        .join(Participant, Participant.id == Action.participant_id, isouter=True)
        .join(Meeting, Meeting.id == Action.meeting_id, isouter=True)
        .where(
            or_(
                Participant.municipality.in_(names),
                and_(Action.participant_id.is_(None), Meeting.municipality.in_(names)),
            )
        )
    )


def actions_in(
    session: Session,
    *,
    status: str | None = "open",
    code: str | None = None,
    meeting_id: int | None = None,
    closed_after: date | None = None,
) -> list[ActionSummary]:
    from sqlmodel import select

    from tavla.store.models import Action, Contact, Meeting, Participant

    query = (
        select(Action, Contact.name, Participant.code, Participant.name, Meeting.held_on)
        .join(Contact, Contact.id == Action.owner_id)
        .join(Participant, Participant.id == Action.participant_id, isouter=True)
        .join(Meeting, Meeting.id == Action.meeting_id, isouter=True)
        .order_by(Action.due_on, Action.id)
    )
    if status is not None:
        query = query.where(Action.status == status)
    if code is not None:
        query = query.where(Action.participant_id == by_code(session, code).id)
    if meeting_id is not None:
        query = query.where(Action.meeting_id == meeting_id)
    if closed_after is not None:
        query = query.where(Action.closed_on > closed_after)
    return [
        _summary(row, owner, pcode, pname, held_on)
        for row, owner, pcode, pname, held_on in session.exec(query)
    ]


def _summary(
    row: Action, owner: str, code: str | None, name: str | None, held_on: date | None
) -> ActionSummary:
    return ActionSummary(
        id=row.id,
        what=row.what,
        owner=owner,
        owner_id=row.owner_id,
        due_on=row.due_on,
        status=ActionStatus(row.status),
        code=code,
        participant_name=name,
        meeting_id=row.meeting_id,
        meeting_on=held_on,
        created_on=row.created_on,
        closed_on=row.closed_on,
        closed_by=row.closed_by,
    )
