"""The checklist asked when a participation ends: a fast vårdkontakt named and the last SIP
meeting (facts the store reads), the SAMSA marking removed and the parties informed (the
coordinator confirms). Ending with an item unchecked needs a reason, which is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tavla.domain.vocabulary import DischargeCheck
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store.checks import check_text

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store
    from tavla.store.models import Participant

CHECKS = tuple(DischargeCheck)
CONFIRMED = (DischargeCheck.SAMSA_REMOVED, DischargeCheck.PARTIES_INFORMED)  # the rest are facts


@dataclass(frozen=True)
class DischargeFacts:
    """What the store knows before a discharge: shown, and checked when true."""

    care_contact: str | None  # the fast vårdkontakt's name; None: none named
    last_sip_on: date | None  # the newest SIP version's meeting date; None: no SIP


@dataclass(frozen=True)
class Confirmed:
    """What the coordinator confirms, and why ending anyway if something is unchecked."""

    samsa_removed: bool = False
    parties_informed: bool = False
    reason: str = ""


def facts_of(session: Session, participant: Participant) -> DischargeFacts:
    from tavla.store.models import Contact
    from tavla.store.plan_versions import versions
    from tavla.store.sips import SipPlan

    contact = None
    if participant.care_contact_id is not None:
        contact = session.get(Contact, participant.care_contact_id)
    stored = versions(session, participant.id, "sip")  # oldest first
    last_sip_on = SipPlan.from_json(stored[-1].content).meeting_on if stored else None
    return DischargeFacts(contact.name if contact else None, last_sip_on)


def discharge_facts(store: Store, code: str) -> DischargeFacts:
    """The facts of the checklist, for the form that ends a participation."""
    from tavla.store.participants import by_code

    with store.read_session() as session:
        return facts_of(session, by_code(session, code))


def checked(facts: DischargeFacts, confirmed: Confirmed) -> tuple[DischargeCheck, ...]:
    true = {
        DischargeCheck.CARE_CONTACT: facts.care_contact is not None,
        DischargeCheck.SIP: facts.last_sip_on is not None,
        DischargeCheck.SAMSA_REMOVED: confirmed.samsa_removed,
        DischargeCheck.PARTIES_INFORMED: confirmed.parties_informed,
    }
    return tuple(check for check in CHECKS if true[check])


def known(facts: DischargeFacts) -> tuple[DischargeCheck, ...]:
    """The items the facts check, before the coordinator confirms anything."""
    return checked(facts, Confirmed())


def check_checklist(facts: DischargeFacts, confirmed: Confirmed) -> tuple[str, str]:
    """The checked keys (comma-separated) and the reason; UserError if an item is unchecked
    and no reason is given."""
    done = checked(facts, confirmed)
    reason = check_text(confirmed.reason, _("The reason"))
    if len(done) < len(CHECKS) and not reason:
        raise UserError(
            _("Say why the participation ends with an item of the checklist unchecked.")
        )
    return ",".join(done), reason if len(done) < len(CHECKS) else ""


# For tests and one-off scripts that end a participation without going through the checklist.
ANYWAY = Confirmed(reason="Checklist not gone through (test or import).")
