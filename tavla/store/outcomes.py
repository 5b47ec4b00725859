"""Outcome and session ratings (ORS, SRS): four items 0–10 each. Scores only, not the forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tavla.domain.dates import not_in_future
from tavla.domain.vocabulary import OutcomeKind
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import audit
from tavla.store.checks import check_text
from tavla.store.participants import lock_by_code

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.models import Participant

KINDS = tuple(OutcomeKind)
ITEM_MAX = 10


@dataclass(frozen=True)
class OutcomeSummary:
    kind: OutcomeKind
    rated_on: date
    staff: str
    items: tuple[int, int, int, int]

    @property
    def total(self) -> int:
        return sum(self.items)


def check_items(items: tuple[int, ...] | list[int]) -> tuple[int, int, int, int]:
    if len(items) != 4:
        raise UserError(_("A rating has four items."))
    for item in items:
        if not 0 <= item <= ITEM_MAX:
            raise UserError(_("Each item is scored 0–10; {value} is not.").format(value=item))
    return tuple(items)  # type: ignore[return-value]


def add_outcome(
    store: Store,
    code: str,
    kind: str,
    items: tuple[int, ...] | list[int],
    *,
    rated_on: date,
    staff: str = "",
    today: date,
) -> None:
    from tavla.store.models import Outcome

    if kind not in KINDS:
        raise UserError(_("{text!r} is not ORS or SRS.").format(text=kind))
    scores = check_items(items)
    not_in_future(rated_on, today, _("The rating date"))
    staff = check_text(staff, _("The staff member"))[:200]
    with store.write() as session:
        participant = lock_by_code(session, code)
        session.add(
            Outcome(
                participant_id=participant.id,
                kind=OutcomeKind(kind),
                rated_on=rated_on,
                staff=staff,
                item1=scores[0],
                item2=scores[1],
                item3=scores[2],
                item4=scores[3],
                created_at=audit.utcnow(),
            )
        )
        session.flush()
        if kind == "ors":
            _refresh(session, participant)
        audit.record(session, store.actor, "create", participant.id, kind)


def history(session: Session, participant_id: int) -> list[OutcomeSummary]:
    """Oldest first."""
    from sqlmodel import select

    from tavla.store.models import Outcome

    query = (
        select(Outcome)
        .where(Outcome.participant_id == participant_id)
        .order_by(Outcome.rated_on, Outcome.id)
    )
    return [
        OutcomeSummary(o.kind, o.rated_on, o.staff, (o.item1, o.item2, o.item3, o.item4))
        for o in session.exec(query)
    ]


def _refresh(session: Session, participant: Participant) -> None:
    """Keep the participant row's two newest ORS totals (read by the board) in step."""
    orses = [o for o in history(session, participant.id) if o.kind == "ors"]
    participant.ors_total = orses[-1].total if orses else None
    participant.ors_previous_total = orses[-2].total if len(orses) > 1 else None
    session.add(participant)
