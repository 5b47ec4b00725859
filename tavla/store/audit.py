"""The access log: every write, and every reading of a participant's record.

Written by the store inside the same transaction as the change, so no screen
can forget it: `record` in an ORM session, `log` in a plain-SQL transaction (store.plain).
tavla offers no way to edit or delete an entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.privacy import Personal

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.plain import Transaction


@dataclass(frozen=True)
class LogEntry:
    """One line of the access log, as a reader sees it."""

    PERSONAL: ClassVar[dict[str, Personal]] = {"detail": Personal.TEXT}

    at: datetime  # aware, UTC
    actor: str
    action: str
    code: str | None  # the participant's pseudonym code; None for the board or a listing
    detail: str


ENTRIES = "tavla_log_entries"


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

    entry = AccessLog(
        at=utcnow(), actor=actor, action=action, participant_id=participant_id, detail=detail
    )
    session.add(entry)
    session.info.setdefault(ENTRIES, []).append(entry)  # Store.write tells reads from changes


def log(
    transaction: Transaction,
    actor: str,
    action: str,
    participant_id: int | None = None,
    detail: str = "",
) -> None:
    """`record`, in a plain-SQL transaction."""
    entry_id = transaction.insert(
        "INSERT INTO access_log (at, actor, action, participant_id, detail) VALUES (?, ?, ?, ?, ?)",
        (utcnow(), actor, action, participant_id, detail),
    )
    transaction.logged.append((entry_id, action))  # Store.transaction tells reads from changes


def record_read(store: Store, what: str, code: str | None = None) -> None:
    """Log that the user opened something: the board, or one participant's record (`code`)."""
    participant_id = None
    with store.transaction() as transaction:
        if code is not None:
            from tavla.store.participants import locked

            participant_id = locked(transaction, code).id
        log(transaction, store.actor, "read", participant_id, what)


def entries(store: Store, participant_id: int | None = None) -> list[dict]:
    """The log, oldest first, as plain dicts (a full viewer comes with the access-log screen)."""
    from sqlmodel import select

    from tavla.store.models import AccessLog

    with store.read_session() as session:
        query = select(AccessLog).order_by(AccessLog.id)
        if participant_id is not None:
            query = query.where(AccessLog.participant_id == participant_id)
        return [entry.model_dump() for entry in session.exec(query)]


def log_entries(
    store: Store,
    *,
    code: str | None = None,
    since: date | None = None,
    limit: int | None = None,
    log: bool = True,
) -> list[LogEntry]:
    """The log, newest first, in one query. `code`: one participant's entries only (NotFound
    if there is no such participant), and reading them is itself logged unless `log=False`
    (only to refresh what was already read). `since`: from the start of that day in the
    board's time zone."""
    from sqlmodel import select

    from tavla.store.models import AccessLog, Participant
    from tavla.store.participants import by_code

    query = (
        select(AccessLog.at, AccessLog.actor, AccessLog.action, Participant.code, AccessLog.detail)
        .outerjoin(Participant, AccessLog.participant_id == Participant.id)
        .order_by(AccessLog.at.desc(), AccessLog.id.desc())
    )
    if since is not None:
        query = query.where(AccessLog.at >= _start_of(since, store.template.meeting.timezone))
    if limit is not None:
        query = query.limit(max(limit, 0))
    logged = code is not None and log
    # A write only when the reading is logged: a write tells every open board to reload.
    with store.write() if logged else store.read_session() as session:
        participant_id = None
        if code is not None:
            participant_id = by_code(session, code).id
            query = query.where(AccessLog.participant_id == participant_id)
        rows = [
            LogEntry(_aware(at), actor, action, participant_code, detail)
            for at, actor, action, participant_code, detail in session.exec(query)
        ]
        if logged:
            record(session, store.actor, "read", participant_id, "access log")
    return rows


def _start_of(day: date, timezone: str) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime.combine(day, time(), ZoneInfo(timezone)).astimezone(UTC)


def _aware(at: datetime) -> datetime:
    """SQLite gives back the UTC time it was given, without its zone."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
