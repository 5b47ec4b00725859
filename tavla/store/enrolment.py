"""What enrolling a participant takes, and the rules it must meet before it is stored: the
details (`Enrolment`) and the target-group checklist (`Answer` per criterion). No database:
the writes are `participants.add_participant` and `update_participant`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.dates import age_on, not_in_future
from tavla.domain.identity import normalise_identity_number
from tavla.domain.privacy import Personal
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store.checks import NAME_MAX, check_name, check_text

if TYPE_CHECKING:
    from tavla.domain.template import BoardTemplate


@dataclass(frozen=True)
class Answer:
    """A target-group criterion: met or not, and why."""

    PERSONAL: ClassVar[dict[str, Personal]] = {"note": Personal.TEXT}

    met: bool
    note: str = ""


@dataclass(frozen=True)
class Enrolment:
    """What enrolling (or correcting an enrolment) takes. Criteria not answered are left out."""

    name: str
    enrolled_on: date
    identity_number: str | None = None
    municipality: str = ""
    criteria: dict[str, Answer] = field(default_factory=dict)
    criteria_exception: str = ""


def check_enrolment(enrolment: Enrolment, template: BoardTemplate, today: date) -> Enrolment:
    """The enrolment as it will be stored, or UserError saying what to correct. No database."""
    name = check_name(enrolment.name)
    pnr = (
        normalise_identity_number(enrolment.identity_number)
        if enrolment.identity_number and enrolment.identity_number.strip()
        else None
    )
    not_in_future(enrolment.enrolled_on, today, _("The enrolment date"))
    keys = {criterion.key for criterion in template.criteria}
    unknown = set(enrolment.criteria) - keys
    if unknown:
        raise UserError(
            _("There is no criterion {name!r}; use one of {keys}.").format(
                name=sorted(unknown)[0], keys=", ".join(sorted(keys))
            )
        )
    criteria = {
        key: Answer(answer.met, check_text(answer.note, _("A criterion's note")))
        for key, answer in enrolment.criteria.items()
    }
    adult = criteria.get("adult")
    if adult is not None and adult.met and pnr:
        born = date(int(pnr[:4]), int(pnr[4:6]), int(pnr[6:8]) % 60 or 1)
        if age_on(born, enrolment.enrolled_on) < 18:
            raise UserError(_("The identity number shows the person is under 18."))
    exception = check_text(enrolment.criteria_exception, _("The reason"))
    if any(not answer.met for answer in criteria.values()) and not exception:
        raise UserError(
            _("A criterion is not met: give the reason for enrolling the person anyway.")
        )
    return Enrolment(
        name=name,
        enrolled_on=enrolment.enrolled_on,
        identity_number=pnr,
        municipality=check_text(enrolment.municipality, _("The municipality"), NAME_MAX),
        criteria=criteria,
        criteria_exception=exception,
    )
