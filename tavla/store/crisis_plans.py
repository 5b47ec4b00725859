"""Crisis plans: the early signs the person has named, and what to do when they appear.

Kept as versions like the SIP (store.plan_versions); the board reads the newest
review date from the participant row, so it can flag a plan missing or stale.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.dates import not_in_future
from tavla.domain.privacy import Personal
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store.participants import lock_by_code
from tavla.store.plan_versions import add_version
from tavla.store.sips import check_own_words

if TYPE_CHECKING:
    from tavla.store.database import Store


@dataclass(frozen=True)
class CrisisPlan:
    PERSONAL: ClassVar[dict[str, Personal]] = {
        "early_signs": Personal.TEXT,
        "person_does": Personal.TEXT,
        "staff_do": Personal.TEXT,
    }

    early_signs: str  # the person's own words
    person_does: str
    staff_do: str
    call_ids: tuple[int, ...]  # contacts to call, in order
    reviewed_on: date

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=date.isoformat, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> CrisisPlan:
        data = json.loads(text)
        return cls(
            early_signs=data.get("early_signs", ""),
            person_does=data.get("person_does", ""),
            staff_do=data.get("staff_do", ""),
            call_ids=tuple(data.get("call_ids", ())),
            reviewed_on=date.fromisoformat(data["reviewed_on"]),
        )


def check_crisis_plan(plan: CrisisPlan, today: date) -> CrisisPlan:
    texts = [
        check_own_words(plan.early_signs, _("The early signs")),
        check_own_words(plan.person_does, _("What the person does")),
        check_own_words(plan.staff_do, _("What staff do")),
    ]
    if not texts[0]:
        raise UserError(_("Write the early signs, in the person's own words."))
    if not (texts[1] or texts[2]):
        raise UserError(_("Say what the person does or what staff do when the signs appear."))
    not_in_future(plan.reviewed_on, today, _("The review date"))
    return CrisisPlan(*texts, tuple(dict.fromkeys(plan.call_ids)), plan.reviewed_on)


def save_crisis_plan(
    store: Store, code: str, plan: CrisisPlan, *, base: int | None, today: date
) -> int:
    """Save the next version; Conflict if someone saved since version `base` was read."""
    from tavla.store.contacts import get_in

    plan = check_crisis_plan(plan, today)
    with store.write() as session:
        participant = lock_by_code(session, code)
        for contact_id in plan.call_ids:
            get_in(session, contact_id)
        number = add_version(
            session,
            participant,
            "crisis",
            plan.to_json(),
            base=base,
            actor=store.actor,
            what=_("crisis plan"),
        )
        participant.crisis_reviewed_on = plan.reviewed_on
        session.add(participant)
        return number
