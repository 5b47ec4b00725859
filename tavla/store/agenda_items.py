"""Changing a weekly meeting's agenda items: order, removal, additions by hand, notes and
decisions, discussed or not; and closing the meeting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tavla.domain.municipality import in_municipality
from tavla.errors import NotFound, UserError
from tavla.i18n import _
from tavla.store import audit, conflicts
from tavla.store.checks import NAME_MAX, check_text
from tavla.store.meetings import get_meeting_in
from tavla.store.participants import by_code

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.models import AgendaItem, Meeting

NOTES_MAX = 4000


def check_open(meeting: Meeting) -> None:
    if meeting.status == "closed":
        raise UserError(_("This meeting is closed; open it again to change it."))


def _item(session: Session, item_id: int) -> tuple[AgendaItem, Meeting]:
    from tavla.store.models import AgendaItem

    item = session.get(AgendaItem, item_id, with_for_update=True)
    if item is None:
        raise NotFound(_("There is no agenda item number {id}.").format(id=item_id))
    return item, get_meeting_in(session, item.meeting_id)


def move_item(store: Store, item_id: int, steps: int) -> None:
    """Move an item up (negative) or down the agenda, past items still on it."""
    from sqlmodel import select

    from tavla.store.models import AgendaItem

    with store.write() as session:
        item, meeting = _item(session, item_id)
        check_open(meeting)
        if item.removed:  # taken off while the agenda on screen still showed it
            raise NotFound(_("That item has been taken off the agenda."))
        shown = list(
            session.exec(
                select(AgendaItem)
                .where(AgendaItem.meeting_id == meeting.id, AgendaItem.removed.is_(False))
                .order_by(AgendaItem.position, AgendaItem.id)
            )
        )
        at = next(n for n, other in enumerate(shown) if other.id == item.id)
        shown.insert(max(0, min(len(shown) - 1, at + steps)), shown.pop(at))
        for position, other in enumerate(shown, start=1):
            other.position = position
            session.add(other)
        audit.record(session, store.actor, "update", None, f"meeting {meeting.id} agenda order")


def remove_item(store: Store, item_id: int) -> None:
    with store.write() as session:
        item, meeting = _item(session, item_id)
        check_open(meeting)
        item.removed = True
        session.add(item)
        session.flush()
        if item.participant_id is not None:  # an item taken off no longer counts as discussed
            _refresh_discussed(session, item.participant_id)
        audit.record(
            session, store.actor, "update", item.participant_id, f"agenda item {item_id} removed"
        )


def add_participant_item(store: Store, meeting_id: int, code: str) -> int:
    """Put a participant on the agenda by hand (back at the end if they were removed)."""
    from sqlmodel import func, select

    from tavla.store.models import AgendaItem

    with store.write() as session:
        meeting = get_meeting_in(session, meeting_id)
        check_open(meeting)
        participant = by_code(session, code)
        if meeting.municipality and not in_municipality(
            participant.municipality, meeting.municipality
        ):
            raise UserError(
                _("{code} is not in {municipality}, whose meeting this is.").format(
                    code=participant.code, municipality=meeting.municipality
                )
            )
        last = session.exec(
            select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
        ).one()
        item = session.exec(
            select(AgendaItem).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.participant_id == participant.id
            )
        ).first()
        if item is not None and not item.removed:
            raise UserError(_("{code} is already on the agenda.").format(code=participant.code))
        if item is None:
            item = AgendaItem(
                meeting_id=meeting_id,
                kind="participant",
                by_hand=True,
                participant_id=participant.id,
                position=0,
                box_minutes=store.template.agenda.item_minutes,
            )
        item.removed = False
        item.position = (last or 0) + 1
        session.add(item)
        session.flush()
        audit.record(session, store.actor, "update", participant.id, f"agenda item {item.id}")
        return item.id


def add_topic(store: Store, meeting_id: int, title: str) -> int:
    from sqlmodel import func, select

    from tavla.store.models import AgendaItem

    title = check_text(title, _("The topic"))[:NAME_MAX]
    if not title:
        raise UserError(_("Give the topic a title."))
    with store.write() as session:
        check_open(get_meeting_in(session, meeting_id))
        last = session.exec(
            select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
        ).one()
        item = AgendaItem(
            meeting_id=meeting_id,
            kind="topic",
            title=title,
            by_hand=True,
            position=(last or 0) + 1,
            box_minutes=store.template.agenda.item_minutes,
        )
        session.add(item)
        session.flush()
        audit.record(session, store.actor, "create", None, f"agenda item {item.id}")
        return item.id


@dataclass(frozen=True)
class ItemText:
    """An item's decisions and notes, as a form showed them."""

    decisions: str
    notes: str


def write_item(
    store: Store, item_id: int, *, notes: str, decisions: str, seen: ItemText | None = None
) -> None:
    """Save an item's notes and decisions (free text; notes stay out of de-identified minutes).

    `seen`: the text as the form showed it; Conflict (store.conflicts) if someone has saved
    the item's text since. None: no such check.
    """
    notes = check_text(notes, _("The notes"), NOTES_MAX)
    decisions = check_text(decisions, _("The decisions"), NOTES_MAX)
    detail = f"agenda item {item_id}"  # the log entry that also says who wrote it last
    with store.write() as session:
        item, meeting = _item(session, item_id)
        check_open(meeting)
        if seen is not None:
            labels = {"decisions": _("the decisions"), "notes": _("the notes")}
            now = ItemText(item.decisions, item.notes)
            conflicts.check(session, seen, now, labels, item.participant_id, detail)
        item.notes, item.decisions = notes, decisions
        session.add(item)
        audit.record(session, store.actor, "update", item.participant_id, detail)


def set_box(store: Store, item_id: int, minutes: int) -> None:
    if not 1 <= minutes <= 60:
        raise UserError(_("A time box is 1 to 60 minutes."))
    with store.write() as session:
        item, meeting = _item(session, item_id)
        check_open(meeting)
        item.box_minutes = minutes
        session.add(item)


def set_discussed(store: Store, item_id: int, discussed: bool = True) -> None:
    """Mark an item discussed (or not); the participant's last-discussed date follows."""
    with store.write() as session:
        item, meeting = _item(session, item_id)
        check_open(meeting)
        item.discussed_at = audit.utcnow() if discussed else None
        session.add(item)
        session.flush()
        if item.participant_id is not None:
            _refresh_discussed(session, item.participant_id)
        audit.record(
            session,
            store.actor,
            "update",
            item.participant_id,
            f"agenda item {item_id} {'discussed' if discussed else 'not discussed'}",
        )


def _refresh_discussed(session: Session, participant_id: int) -> None:
    """The participant's last-discussed date: the latest meeting that discussed them, or the
    day it was discussed if that came before the meeting's date (an agenda worked through
    ahead of time), so the board never counts days into the future."""
    from sqlmodel import select

    from tavla.store.models import AgendaItem, Meeting, Participant

    rows = session.exec(
        select(Meeting.held_on, AgendaItem.discussed_at)
        .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .where(
            AgendaItem.participant_id == participant_id,
            AgendaItem.discussed_at.is_not(None),
            AgendaItem.removed.is_(False),
        )
    ).all()
    participant = session.get(Participant, participant_id, with_for_update=True)
    participant.discussed_on = max(
        (min(held_on, discussed_at.date()) for held_on, discussed_at in rows), default=None
    )
    session.add(participant)


def close_meeting(store: Store, meeting_id: int, *, closed: bool = True) -> None:
    """Close a meeting (its minutes can then be exported as final) or open it again."""
    with store.write() as session:
        meeting = get_meeting_in(session, meeting_id)
        meeting.status = "closed" if closed else "planned"
        meeting.closed_at = audit.utcnow() if closed else None
        meeting.closed_by = store.actor if closed else ""
        session.add(meeting)
        audit.record(
            session,
            store.actor,
            "update",
            None,
            f"meeting {meeting_id} {'closed' if closed else 'opened'}",
        )
