"""No silent lost update: an edit begun from what someone else has since changed is refused.

A form remembers what it showed (`seen`). The store compares it with what is
stored now, inside the write transaction and after locking the row (SQLite
writers queue at BEGIN IMMEDIATE; PostgreSQL's SELECT … FOR UPDATE waits for and
then reads the other writer's commit), so two editors can never both pass the
check. A refusal is a `Conflict` that says who changed what and when, and
carries what is stored now (and the changed text, to show beside the user's):
the form keeps everything typed, and saving again
with that as `seen` is a knowing overwrite. Only the fields a form writes are
compared, so two people editing different things about a person never clash.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import TYPE_CHECKING, NoReturn

from tavla.errors import Conflict
from tavla.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session


def changed(seen: object, now: object, labels: dict[str, str]) -> list[str]:
    """The names of the dataclass fields in `labels` whose value differs between the two."""
    return [
        f.name
        for f in fields(seen)  # type: ignore[arg-type]
        if f.name in labels and getattr(seen, f.name) != getattr(now, f.name)
    ]


def check(
    session: Session,
    seen: object,
    now: object,
    labels: dict[str, str],
    participant_id: int | None,
    detail: str,
) -> None:
    """Refuse the edit (Conflict, carrying `now`) if a field in `labels` differs between what
    the form showed and what is stored; who changed it is read from the access-log entries of
    `participant_id` with `detail`."""
    if names := changed(seen, now, labels):
        theirs = tuple(
            (labels[name], value) for name in names if isinstance(value := getattr(now, name), str)
        )
        by = last_change(session, participant_id, (detail,))
        refuse([labels[name] for name in names], by, now, theirs=theirs)


def last_change(session: Session, participant_id: int | None, details: tuple[str, ...]):
    """Who made the newest access-log change to this participant with one of `details`, and when
    (UTC) — or None."""
    from sqlmodel import select

    from tavla.store.models import AccessLog

    row = session.exec(
        select(AccessLog.actor, AccessLog.at)
        .where(
            AccessLog.participant_id == participant_id  # `IS NULL` for None
            if participant_id is not None
            else AccessLog.participant_id.is_(None),  # type: ignore[union-attr]
            AccessLog.action != "read",
            AccessLog.detail.in_(details),  # type: ignore[attr-defined]
        )
        .order_by(AccessLog.id.desc())  # type: ignore[union-attr]
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def local_time(at: datetime) -> str:
    if at.tzinfo is None:  # SQLite hands back UTC without its zone
        from datetime import UTC

        at = at.replace(tzinfo=UTC)
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def refuse(
    what: list[str],
    by: tuple[str, datetime] | None,
    current: object,
    advice: str = "",
    *,
    theirs: tuple[tuple[str, str], ...] = (),
) -> NoReturn:
    """Raise the Conflict for an edit whose `what` (field labels) someone changed meanwhile;
    `advice` says what the user can do (by default: the form keeps what they entered);
    `theirs` is the changed text as now stored, (label, text)."""
    who, at = by if by else (_("someone"), None)
    message = (
        _("{who} changed {what} at {time} while you were editing; nothing was saved.")
        if at is not None
        else _("{who} changed {what} while you were editing; nothing was saved.")
    )
    raise Conflict(
        message.format(who=who, what=", ".join(what), time=local_time(at) if at else "")
        + " "
        + (advice or _("What you entered is still here: save again to replace theirs, or cancel.")),
        current,
        theirs,
    )
