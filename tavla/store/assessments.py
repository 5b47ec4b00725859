"""The needs assessment (kartläggning, with support in case-management method): for each life
area of the board template, whether the person has a need there and whether it is met.

History is kept: an assessment is a new row; `latest_assessment` gives the newest per area.
Which life areas there are, and their lanes, is the template's (`BoardTemplate.areas`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.dates import not_in_future
from tavla.domain.privacy import Personal
from tavla.domain.vocabulary import AreaNeed
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import audit
from tavla.store.checks import check_text
from tavla.store.participants import by_code, lock_by_code

if TYPE_CHECKING:
    from tavla.store.database import Store

NOTE_MAX = 500


@dataclass(frozen=True)
class Assessment:
    """The assessment of one life area: the need (a key), a note, when and by whom."""

    PERSONAL: ClassVar[dict[str, Personal]] = {"note": Personal.TEXT}

    area: str  # the life area's key
    need: AreaNeed
    note: str
    assessed_on: date
    assessed_by: str


def parse_need(text: str) -> AreaNeed:
    """A need typed by a user: none, met or unmet (the keys)."""
    try:
        return AreaNeed(text.strip().lower())
    except ValueError:
        keys = ", ".join(AreaNeed)
        raise UserError(
            _("{text!r} is not a need; use {keys}.").format(text=text, keys=keys)
        ) from None


def add_assessment(
    store: Store,
    code: str,
    area: str,
    need: str,
    *,
    note: str = "",
    assessed_on: date,
    today: date,
) -> Assessment:
    """Record an assessment of life area `area` (its key); UserError says what to correct."""
    from tavla.store.models import Assessment as AssessmentRow

    key = store.template.area(area).key
    chosen = parse_need(need)
    note = check_text(note, _("The note"))
    if len(note) > NOTE_MAX:
        raise UserError(_("The note is longer than {n} characters.").format(n=NOTE_MAX))
    not_in_future(assessed_on, today, _("The assessment date"))
    with store.write() as session:
        participant = lock_by_code(session, code)
        session.add(
            AssessmentRow(
                participant_id=participant.id,
                area=key,
                need=chosen,
                note=note,
                assessed_on=assessed_on,
                assessed_by=store.actor,
                created_at=audit.utcnow(),
            )
        )
        audit.record(session, store.actor, "create", participant.id, f"assessment {key}")
    return Assessment(key, chosen, note, assessed_on, store.actor)


def latest_assessment(store: Store, code: str, *, log: bool = True) -> dict[str, Assessment]:
    """The newest assessment of each life area assessed, by area key, in the template's order
    of areas (an area no longer in the template last). Reading it is logged unless `log` is
    False (a caller that logs its own reading)."""
    from sqlmodel import select

    from tavla.store.models import Assessment as AssessmentRow

    # A write when the reading goes into the access log; else only a read (no news for others).
    with store.write() if log else store.read_session() as session:
        participant = by_code(session, code)
        rows = session.exec(
            select(AssessmentRow)
            .where(AssessmentRow.participant_id == participant.id)
            .order_by(AssessmentRow.assessed_on, AssessmentRow.id)
        )
        newest = {
            row.area: Assessment(
                row.area, _need(row.need), row.note, row.assessed_on, row.assessed_by
            )
            for row in rows
        }
        if log:
            audit.record(session, store.actor, "read", participant.id, "assessment")
    order = {area.key: index for index, area in enumerate(store.template.areas)}
    return dict(sorted(newest.items(), key=lambda item: order.get(item[0], len(order))))


def _need(key: str) -> AreaNeed:
    try:
        return AreaNeed(key)
    except ValueError:  # not written by tavla: shown as stored
        return key  # type: ignore[return-value]
