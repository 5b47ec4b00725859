"""SIPs (coordinated individual plans): what a plan holds, how it is checked, and saving it.

A SIP is kept as versions (store.plan_versions): each save is a JSON document.
The plan links the participant's interventions by id; on save the store copies
their current what/who/when into the version, so an old version shows the
interventions as they were, and a diff shows which ended.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from tavla.domain.privacy import Personal
from tavla.domain.vocabulary import (
    MAIN_RESPONSIBILITY,
    InterventionStatus,
    Principal,
    SubGoalStatus,
    as_key,
)
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store.checks import NAME_MAX, check_text
from tavla.store.participants import lock_by_code
from tavla.store.plan_versions import add_version
from tavla.store.sip_parts import OthersMeasure, SipNeed, check_parts, parts_from_json

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store

SUB_GOAL_STATUSES = tuple(SubGoalStatus)
OWN_WORDS_MAX = 4000


@dataclass(frozen=True)
class SubGoal:
    PERSONAL: ClassVar[dict[str, Personal]] = {"text": Personal.TEXT}

    text: str
    target_on: date | None = None
    status: SubGoalStatus = SubGoalStatus.NOT_STARTED

    def __post_init__(self) -> None:
        _as_key(self, "status", SubGoalStatus)


@dataclass(frozen=True)
class Goal:
    PERSONAL: ClassVar[dict[str, Personal]] = {"text": Personal.TEXT}

    text: str
    sub_goals: tuple[SubGoal, ...] = ()


@dataclass(frozen=True)
class PlanIntervention:
    """An intervention of the participant's, as it stood when the SIP was saved."""

    PERSONAL: ClassVar[dict[str, Personal]] = {"what": Personal.FREE}

    intervention_id: int
    what: str = ""
    principal: Principal | str = ""
    unit: str = ""
    responsible_id: int | None = None
    started_on: date | None = None
    ended_on: date | None = None
    status: InterventionStatus | str = ""

    def __post_init__(self) -> None:
        _as_key(self, "principal", Principal)
        _as_key(self, "status", InterventionStatus)


@dataclass(frozen=True)
class SipPlan:
    PERSONAL: ClassVar[dict[str, Personal]] = {
        "others_present": Personal.TEXT,
        "own_description": Personal.TEXT,
        "own_goals": Personal.TEXT,
        "follow_up_caller": Personal.TEXT,
        "own_view": Personal.TEXT,
        "unclear": Personal.TEXT,
    }

    meeting_on: date | None = None
    attendee_ids: tuple[int, ...] = ()  # contacts who took part
    person_took_part: bool = True
    others_present: str = ""  # relatives and others not in the directory
    own_description: str = ""  # the person's own words
    own_goals: str = ""  # the person's own words
    goals: tuple[Goal, ...] = ()
    interventions: tuple[PlanIntervention, ...] = ()
    main_responsibility: Principal | None = None  # region or municipality
    responsible_id: int | None = None  # the contact who holds the plan's main responsibility
    follow_up_on: date | None = None
    ends_on: date | None = None
    consent_on: date | None = None  # the person consented to the SIP
    copy_offered_on: date | None = None  # the person was offered their own copy
    # the parts in `sip_parts` (absent from versions saved before them)
    needs: tuple[SipNeed, ...] = ()  # including those no intervention meets yet
    others_measures: tuple[OthersMeasure, ...] = ()  # Försäkringskassan, Frivården, relatives …
    follow_up_caller_id: int | None = None  # the contact who calls the follow-up
    follow_up_caller: str = ""  # or who, in words (not in the directory)
    own_view: str = ""  # the person's own view of the plan, in their words
    unclear: str = ""  # what was unclear to the person

    def __post_init__(self) -> None:
        _as_key(self, "main_responsibility", Principal)

    # --- as stored ------------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=date.isoformat, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SipPlan:
        data = json.loads(text)
        return cls(
            meeting_on=_day(data.get("meeting_on")),
            attendee_ids=tuple(data.get("attendee_ids", ())),
            person_took_part=bool(data.get("person_took_part", True)),
            others_present=data.get("others_present", ""),
            own_description=data.get("own_description", ""),
            own_goals=data.get("own_goals", ""),
            goals=tuple(
                Goal(
                    g["text"],
                    tuple(
                        SubGoal(s["text"], _day(s.get("target_on")), s.get("status", "not_started"))
                        for s in g.get("sub_goals", ())
                    ),
                )
                for g in data.get("goals", ())
            ),
            interventions=tuple(
                PlanIntervention(
                    **{
                        **i,
                        "started_on": _day(i.get("started_on")),
                        "ended_on": _day(i.get("ended_on")),
                    }
                )
                for i in data.get("interventions", ())
            ),
            main_responsibility=data.get("main_responsibility"),
            responsible_id=data.get("responsible_id"),
            follow_up_on=_day(data.get("follow_up_on")),
            ends_on=_day(data.get("ends_on")),
            consent_on=_day(data.get("consent_on")),
            copy_offered_on=_day(data.get("copy_offered_on")),
            **parts_from_json(data),
        )


def _as_key(data: object, name: str, vocabulary: type[StrEnum]) -> None:
    """Hold a known key as its vocabulary's member (data read from JSON or typed in a form);
    an unknown one stays as it is, for the check that refuses it in one sentence."""
    object.__setattr__(data, name, as_key(vocabulary, getattr(data, name)))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# --- checking -------------------------------------------------------------------------------


def check_sub_goal(sub_goal: SubGoal, ends_on: date | None) -> SubGoal:
    """One sub-goal as it will be kept, or UserError (also used by the sub-goal form)."""
    text = check_text(sub_goal.text, _("The sub-goal"))
    if not text:
        raise UserError(_("Say what the sub-goal is."))
    if sub_goal.status not in SUB_GOAL_STATUSES:
        raise UserError(_("{text!r} is not a status of a sub-goal.").format(text=sub_goal.status))
    if ends_on and sub_goal.target_on and sub_goal.target_on > ends_on:
        raise UserError(
            _("The sub-goal {text!r} is due {target}, after the plan ends ({end}).").format(
                text=text[:40], target=sub_goal.target_on, end=ends_on
            )
        )
    return SubGoal(text, sub_goal.target_on, sub_goal.status)


def check_own_words(text: str, what: str) -> str:
    """A longer text in the person's own words (goals, early signs), trimmed and bounded."""
    text = text.strip()
    if len(text) > OWN_WORDS_MAX:
        raise UserError(
            _("{what} is longer than {n} characters.").format(what=what, n=OWN_WORDS_MAX)
        )
    return text


def check_goal_text(text: str) -> str:
    text = check_text(text, _("The goal"))
    if not text:
        raise UserError(_("Say what the goal is."))
    return text


def check_sip(plan: SipPlan, today: date, previous: SipPlan | None = None) -> SipPlan:
    """The plan as it will be saved, or UserError with the first thing to correct.

    A follow-up date in the past is refused, unless it is the date the plan already
    had (an overdue plan can still be corrected; the board keeps flagging it).
    """
    if plan.meeting_on is None:
        raise UserError(_("Give the date of the SIP meeting."))
    if plan.meeting_on > today:
        raise UserError(_("The SIP meeting cannot be in the future; save the plan after it."))
    if plan.follow_up_on is None:
        raise UserError(_("Give the date the plan is followed up."))
    unchanged = previous is not None and previous.follow_up_on == plan.follow_up_on
    if plan.follow_up_on < today and not unchanged:
        raise UserError(
            _("The follow-up date {day} has passed; give a date from today on.").format(
                day=plan.follow_up_on
            )
        )
    if plan.ends_on is not None:
        if plan.ends_on < plan.meeting_on:
            raise UserError(_("The plan ends before the SIP meeting; check the dates."))
        if plan.follow_up_on > plan.ends_on:
            raise UserError(_("The follow-up date is after the plan ends; check the dates."))
    for day, what in (
        (plan.consent_on, _("The consent to the SIP")),
        (plan.copy_offered_on, _("The date the copy was offered")),
    ):
        if day is not None and day > today:
            raise UserError(_("{what} cannot be in the future.").format(what=what))
    if plan.main_responsibility not in (None, *MAIN_RESPONSIBILITY):
        raise UserError(_("The main responsibility lies with the region or the municipality."))
    goals = tuple(
        Goal(
            check_goal_text(goal.text),
            tuple(check_sub_goal(s, plan.ends_on) for s in goal.sub_goals),
        )
        for goal in plan.goals
    )
    own = [
        check_own_words(plan.own_description, _("The person's description")),
        check_own_words(plan.own_goals, _("The person's own goals")),
    ]
    others = check_text(plan.others_present, _("Others present"))[: NAME_MAX * 2]
    return replace(
        check_parts(plan),
        goals=goals,
        own_description=own[0],
        own_goals=own[1],
        others_present=others,
        attendee_ids=tuple(dict.fromkeys(plan.attendee_ids)),
        interventions=tuple({i.intervention_id: i for i in plan.interventions}.values()),
    )


# --- saving -------------------------------------------------------------------------------


def save_sip(store: Store, code: str, plan: SipPlan, *, base: int | None, today: date) -> int:
    """Save `plan` as the next version; `base` is the version the edit began from (None: new).

    Returns the new version's number. Raises Conflict when someone saved in between.
    """
    from tavla.store.contacts import get_in
    from tavla.store.models import Intervention

    with store.write() as session:
        participant = lock_by_code(session, code)
        previous = _plan_of(session, participant.id, base)
        plan = check_sip(plan, today, previous)
        for contact_id in (*plan.attendee_ids, plan.responsible_id, plan.follow_up_caller_id):
            if contact_id is not None:
                get_in(session, contact_id)
        snapshots = []
        for linked in plan.interventions:
            row = session.get(Intervention, linked.intervention_id)
            if row is None or row.participant_id != participant.id:
                raise UserError(
                    _("Intervention number {id} is not one of {code}'s.").format(
                        id=linked.intervention_id, code=participant.code
                    )
                )
            snapshots.append(
                PlanIntervention(
                    row.id,
                    row.what,
                    row.principal,
                    row.unit,
                    row.responsible_id,
                    row.started_on,
                    row.ended_on,
                    row.status,
                )
            )
        plan = replace(plan, interventions=tuple(snapshots))
        number = add_version(
            session, participant, "sip", plan.to_json(), base=base, actor=store.actor, what=_("SIP")
        )
        participant.sip_follow_up_on = plan.follow_up_on
        session.add(participant)
        return number


def _plan_of(session: Session, participant_id: int, version: int | None) -> SipPlan | None:
    from tavla.store.plan_versions import versions

    if version is None:
        return None
    for stored in versions(session, participant_id, "sip"):
        if stored.info.version == version:
            return SipPlan.from_json(stored.content)
    return None
