"""Versioned plans (SIP, crisis plan): every save is a new version; a stale save is refused.

Whoever saves says which version their edit started from (`base`). If someone
else saved in between, the save is refused with `Conflict` and nothing is
written, so no edit silently overwrites another; the caller keeps the user's
work. The participant row is locked first and (participant, kind, version) is
unique, so two saves racing on either database cannot both win.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tavla.errors import Conflict
from tavla.i18n import _
from tavla.store import audit

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.models import Participant

KINDS = ("sip", "crisis")


@dataclass(frozen=True)
class VersionInfo:
    version: int
    saved_at: datetime
    saved_by: str


@dataclass(frozen=True)
class StoredVersion:
    info: VersionInfo
    content: str  # JSON


def newest_version(session: Session, participant_id: int, kind: str) -> int | None:
    from sqlmodel import func, select

    from tavla.store.models import PlanVersion

    query = select(func.max(PlanVersion.version)).where(
        PlanVersion.participant_id == participant_id, PlanVersion.kind == kind
    )
    return session.exec(query).one()


def add_version(
    session: Session,
    participant: Participant,
    kind: str,
    content: str,
    *,
    base: int | None,
    actor: str,
    what: str,
) -> int:
    """Write the next version of `kind`; Conflict if `base` is not the newest. Locks first."""
    from tavla.store.models import PlanVersion

    newest = newest_version(session, participant.id, kind)
    if newest != base:
        who = versions(session, participant.id, kind)[-1]
        raise Conflict(
            _(
                "{who} saved version {n} of the {what} at {time} while you were editing; "
                "nothing was saved. Your changes are kept."
            ).format(
                who=who.info.saved_by,
                n=newest,
                what=what,
                time=who.info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            ),
            newest or 0,
        )
    number = (newest or 0) + 1
    session.add(
        PlanVersion(
            participant_id=participant.id,
            kind=kind,
            version=number,
            content=content,
            saved_at=audit.utcnow(),
            saved_by=actor,
        )
    )
    session.flush()
    audit.record(session, actor, "update", participant.id, f"{kind} version {number}")
    return number


def versions(session: Session, participant_id: int, kind: str) -> list[StoredVersion]:
    """Every version of one plan, oldest first."""
    from sqlmodel import select

    from tavla.store.models import PlanVersion

    query = (
        select(PlanVersion)
        .where(PlanVersion.participant_id == participant_id, PlanVersion.kind == kind)
        .order_by(PlanVersion.version)
    )
    return [
        StoredVersion(VersionInfo(row.version, _aware(row.saved_at), row.saved_by), row.content)
        for row in session.exec(query)
    ]


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
