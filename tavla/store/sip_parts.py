"""The SIP's parts beyond goals and interventions (SoL 2 kap. 7 §, HSL 16 kap. 4 §): the
needs, including those no intervention meets yet; what others than region and municipality
do; who calls the follow-up; the person's own view and what was unclear to them.

Kept in the SIP's JSON. A version saved before these parts existed loads with them empty.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from tavla.domain.privacy import Personal
from tavla.domain.vocabulary import OtherActor, as_key
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store.checks import NAME_MAX, check_text

if TYPE_CHECKING:
    from tavla.store.sips import SipPlan

OTHER_ACTORS = tuple(OtherActor)


@dataclass(frozen=True)
class SipNeed:
    """A need stated in the plan; `intervention_ids` empty: no intervention meets it yet."""

    PERSONAL: ClassVar[dict[str, Personal]] = {"text": Personal.TEXT}

    text: str
    area: str = ""  # a lane key of the board template (or an assessment's area); "" unplaced
    intervention_ids: tuple[int, ...] = ()  # the plan's interventions that meet it

    @property
    def met(self) -> bool:
        return bool(self.intervention_ids)


@dataclass(frozen=True)
class OthersMeasure:
    """What someone besides region and municipality does (Försäkringskassan, Frivården …)."""

    PERSONAL: ClassVar[dict[str, Personal]] = {"what": Personal.TEXT}

    who: OtherActor | str
    what: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "who", as_key(OtherActor, self.who))


def parts_from_json(data: dict[str, Any]) -> dict[str, Any]:
    """The parts' fields of a stored version; an older version lacks them and gets defaults."""
    return {
        "needs": tuple(
            SipNeed(n.get("text", ""), n.get("area", ""), tuple(n.get("intervention_ids", ())))
            for n in data.get("needs", ())
        ),
        "others_measures": tuple(
            OthersMeasure(m.get("who", "other"), m.get("what", ""))
            for m in data.get("others_measures", ())
        ),
        "follow_up_caller_id": data.get("follow_up_caller_id"),
        "follow_up_caller": data.get("follow_up_caller", ""),
        "own_view": data.get("own_view", ""),
        "unclear": data.get("unclear", ""),
    }


def check_need(need: SipNeed) -> SipNeed:
    text = check_text(need.text, _("The need"))
    if not text:
        raise UserError(_("Say what the need is."))
    return SipNeed(text, need.area.strip(), tuple(dict.fromkeys(need.intervention_ids)))


def check_measure(measure: OthersMeasure) -> OthersMeasure:
    if measure.who not in OTHER_ACTORS:
        raise UserError(
            _("{text!r} is not one of those who can take a measure.").format(text=measure.who)
        )
    what = check_text(measure.what, _("The measure"))
    if not what:
        raise UserError(_("Say what they do."))
    return OthersMeasure(measure.who, what)


def check_parts(plan: SipPlan) -> SipPlan:
    """The parts as they will be kept. A need keeps only links to interventions in the plan:
    one taken out of the plan no longer meets it."""
    from tavla.store.sips import check_own_words

    in_plan = {i.intervention_id for i in plan.interventions}
    needs = []
    for need in plan.needs:
        need = check_need(need)
        needs.append(
            replace(need, intervention_ids=tuple(i for i in need.intervention_ids if i in in_plan))
        )
    caller = check_text(plan.follow_up_caller, _("Who calls the follow-up"))[: NAME_MAX * 2]
    return replace(
        plan,
        needs=tuple(needs),
        others_measures=tuple(check_measure(m) for m in plan.others_measures),
        follow_up_caller=caller,
        own_view=check_own_words(plan.own_view, _("The person's own view")),
        unclear=check_own_words(plan.unclear, _("What was unclear to the person")),
    )
