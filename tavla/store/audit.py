"""The access log: every write, and every reading of a participant's record.

Written by the store inside the same transaction as the change, so no screen
can forget it. tavla offers no way to edit or delete an entry.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store


def utcnow() -> datetime:
    return datetime.now(UTC)


def record(
    session: Session,
    actor: str,
    action: str,
    participant_id: int | None = None,
    detail: str = "",
) -> None:
    from tavla.store.models import AccessLog

    session.add(
        AccessLog(
            at=utcnow(), actor=actor, action=action, participant_id=participant_id, detail=detail
        )
    )


def record_read(store: Store, what: str, code: str | None = None) -> None:
    """Log that the user opened something: the board, or one participant's record (`code`)."""
    participant_id = None
    with store.write() as session:
        if code is not None:
            from tavla.store.participants import lock_by_code

            participant_id = lock_by_code(session, code).id
        record(session, store.actor, "read", participant_id, what)


def entries(store: Store, participant_id: int | None = None) -> list[dict]:
    """The log, oldest first, as plain dicts (a full viewer comes with the access-log screen)."""
    from sqlmodel import select

    from tavla.store.models import AccessLog

    with store.read_session() as session:
        query = select(AccessLog).order_by(AccessLog.id)
        if participant_id is not None:
            query = query.where(AccessLog.participant_id == participant_id)
        return [entry.model_dump() for entry in session.exec(query)]
