"""A participant's SIP and crisis plan with every version, for the SIP screen and the copy.

Reading it is logged like reading the record. `log_export` records that a copy
left tavla as a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.privacy import Personal
from tavla.domain.vocabulary import Principal, as_key
from tavla.store import audit
from tavla.store.contacts import ContactSummary, summary
from tavla.store.crisis_plans import CrisisPlan
from tavla.store.interventions import InterventionSummary, for_participant
from tavla.store.participants import by_code
from tavla.store.plan_versions import VersionInfo, versions
from tavla.store.sips import SipPlan

if TYPE_CHECKING:
    from tavla.store.database import Store


@dataclass(frozen=True)
class PlansRecord:
    PERSONAL: ClassVar[dict[str, Personal]] = {
        "name": Personal.NAME,
        "identity_number": Personal.IDENTITY,
    }

    code: str
    name: str
    identity_number: str | None
    main_responsibility: Principal | None
    region_coordinator_id: int | None
    municipality_coordinator_id: int | None
    sips: list[tuple[VersionInfo, SipPlan]]  # oldest first
    crisis_plans: list[tuple[VersionInfo, CrisisPlan]]  # oldest first
    interventions: list[InterventionSummary]  # the participant's, now
    contacts: dict[int, ContactSummary]  # the whole directory, by id

    @property
    def sip(self) -> SipPlan | None:
        return self.sips[-1][1] if self.sips else None

    @property
    def sip_version(self) -> int | None:
        return self.sips[-1][0].version if self.sips else None

    @property
    def crisis_plan(self) -> CrisisPlan | None:
        return self.crisis_plans[-1][1] if self.crisis_plans else None

    @property
    def crisis_version(self) -> int | None:
        return self.crisis_plans[-1][0].version if self.crisis_plans else None

    def sip_at(self, version: int) -> SipPlan | None:
        return next((plan for info, plan in self.sips if info.version == version), None)

    def crisis_at(self, version: int) -> CrisisPlan | None:
        return next((plan for info, plan in self.crisis_plans if info.version == version), None)

    def contact_name(self, contact_id: int | None) -> str:
        contact = self.contacts.get(contact_id) if contact_id is not None else None
        return contact.name if contact else ""


def get_plans(store: Store, code: str, *, log: bool = True) -> PlansRecord:
    """`log=False` only to refresh what was already opened (and logged), or for an export
    that logs itself."""
    from sqlmodel import select

    from tavla.store.models import Contact

    with store.write() as session:  # a write: the reading goes into the access log
        p = by_code(session, code)
        record = PlansRecord(
            code=p.code,
            name=p.name,
            identity_number=p.identity_number,
            main_responsibility=as_key(Principal, p.main_responsibility),
            region_coordinator_id=p.region_coordinator_id,
            municipality_coordinator_id=p.municipality_coordinator_id,
            sips=[(s.info, SipPlan.from_json(s.content)) for s in versions(session, p.id, "sip")],
            crisis_plans=[
                (s.info, CrisisPlan.from_json(s.content)) for s in versions(session, p.id, "crisis")
            ],
            interventions=for_participant(session, p.id),
            contacts={c.id: summary(c) for c in session.exec(select(Contact))},
        )
        if log:
            audit.record(session, store.actor, "read", p.id, "sip")
        return record


def log_export(store: Store, code: str, what: str, path: str) -> None:
    """Record that `what` about the participant was written to the file `path`."""
    with store.write() as session:
        participant = by_code(session, code)
        audit.record(session, store.actor, "export", participant.id, f"{what} → {path}")
